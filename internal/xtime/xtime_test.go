package xtime

import (
	"errors"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	want := time.Date(2024, 5, 1, 8, 0, 1, 250e6, time.UTC)
	for _, s := range []string{
		"2024-05-01T10:00:01.250+02:00", "2024-05-01T08:00:01.25Z", " 2024-05-01T08:00:01.250Z\n",
		"2024-05-01T03:00:01.25-05:00", "2024-05-01T10:00:01.250+0200", "2024-05-01 08:00:01.250Z",
	} {
		got, err := Parse(s)
		if err != nil || !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("Parse(%q) = %v, %v", s, got, err)
		}
	}
	got, err := Parse("2024-05-01T08:00:01.25")
	if !errors.Is(err, ErrNoZone) || !got.Equal(want) {
		t.Errorf("no zone: %v, %v", got, err)
	}
	for _, s := range []string{"", "yesterday", "2024-13-01T00:00:00Z", "2024-05-01T25:00:00Z"} {
		if _, err := Parse(s); err == nil || errors.Is(err, ErrNoZone) {
			t.Errorf("Parse(%q): err = %v", s, err)
		}
	}
}
