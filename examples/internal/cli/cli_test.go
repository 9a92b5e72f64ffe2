package cli

import (
	"math"
	"strings"
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

func TestWrap(t *testing.T) {
	note := "  rep 1.2: the lap was pressed 1.7 s before the effort ended, so the effort's own time is the one scored against the plan here"
	got := Wrap(note+"\n", 60)
	want := "  rep 1.2: the lap was pressed 1.7 s before the effort\n" +
		"    ended, so the effort's own time is the one scored\n" +
		"    against the plan here\n"
	if got != want {
		t.Errorf("Wrap:\n%s\nwant:\n%s", got, want)
	}
	table := "  set  rep  start  distance m  nominal  time  target  delta  /km  /mile  HR avg  max  rest after\n"
	if got := Wrap(table, 40); got != table {
		t.Errorf("a table row was wrapped:\n%s", got)
	}
	long := "  " + strings.Repeat("x", 70) + " y"
	if got := Wrap(long, 60); got != "  "+strings.Repeat("x", 70)+"\n    y" {
		t.Errorf("a long word: %q", got)
	}
	for _, s := range []string{"", "short", "a\nb\n", "   \n"} {
		if got := Wrap(s, 60); got != s {
			t.Errorf("Wrap(%q) = %q", s, got)
		}
	}
}

func TestWrapDeepIndent(t *testing.T) {
	s := strings.Repeat(" ", 30) + "a b c d"
	if got := Wrap(s, 20); got != strings.Repeat(" ", 30)+"a\n"+strings.Repeat(" ", 32)+"b\n"+strings.Repeat(" ", 32)+"c\n"+strings.Repeat(" ", 32)+"d" {
		t.Errorf("%q", got)
	}
}

// TestClocks: Clock and Tenths are lapkit's formatters, with "-" for what
// no clock shows.
func TestClocks(t *testing.T) {
	for _, c := range []struct {
		s             float64
		clock, tenths string
	}{
		{65.04, "1:05", "1:05.0"},
		{3663.4, "1:01:03", "1:01:03.4"},
		{-1.2, "-0:01", "-0:01.2"},
		{math.NaN(), "-", "-"},
		{math.Inf(1), "-", "-"},
		{1e300, "-", "-"},
	} {
		if got := Clock(c.s); got != c.clock {
			t.Errorf("Clock(%v) = %q, want %q", c.s, got, c.clock)
		}
		if got := Tenths(c.s); got != c.tenths {
			t.Errorf("Tenths(%v) = %q, want %q", c.s, got, c.tenths)
		}
	}
}
