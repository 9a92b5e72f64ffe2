package cli

import (
	"testing"
	"time"
)

func TestParseEvery(t *testing.T) {
	tests := []struct {
		in   string
		dist float64
		dur  time.Duration
	}{
		{"402.336", 402.336, 0}, {"400m", 400, 0}, {"1km", 1000, 0}, {"1mi", 1609.344, 0},
		{"0.25mi", 402.336, 0}, {"60s", 0, time.Minute}, {"5min", 0, 5 * time.Minute}, {" 1H ", 0, time.Hour},
	}
	for _, tc := range tests {
		d, u, err := ParseEvery(tc.in)
		if err != nil || d != tc.dist || u != tc.dur {
			t.Errorf("ParseEvery(%q) = %v, %v, %v", tc.in, d, u, err)
		}
	}
	for _, bad := range []string{"", "0", "-400m", "fast", "1 furlong", "NaNm", "infkm"} {
		if _, _, err := ParseEvery(bad); err == nil {
			t.Errorf("ParseEvery(%q) accepted", bad)
		}
	}
}

func TestFormat(t *testing.T) {
	if Clock(3725) != "1:02:05" || Clock(65.4) != "1:05" || Clock(-5) != "-0:05" || Tenths(65.04) != "1:05.0" || Tenths(59.96) != "1:00.0" || Pace(0) != "-" {
		t.Error(Clock(3725), Clock(65.4), Clock(-5), Tenths(65.04), Tenths(59.96))
	}
}
