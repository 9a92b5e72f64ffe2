package xtime

import (
	"errors"
	"math/rand/v2"
	"strings"
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

// TestUTCIsParse holds the short path for "2006-01-02T15:04:05.999Z" to
// time.Parse: on every day of four centuries' calendars (leap years, the
// 29 Feb of 1900, 2000 and 2100), on random times with fractions of every
// length, and on strings a byte off (a digit out of range, a letter, a
// missing or extra digit, a 24th hour, a 60th second, a 31 April), the
// short path either declines or gives time.Parse's instant to the
// nanosecond, in UTC; and whenever time.Parse reads the string, so does
// Parse, alike.
func TestUTCIsParse(t *testing.T) {
	const layout = "2006-01-02T15:04:05.999999999Z07:00"
	check := func(s string) (fast bool) {
		want, werr := time.Parse(layout, strings.Replace(s, " ", "T", 1))
		got, ok := utc(s)
		if ok && (werr != nil || !got.Equal(want) || got.Location() != time.UTC) {
			t.Fatalf("utc(%q) = %v; time.Parse %v, %v", s, got, want, werr)
		}
		if werr == nil {
			if p, err := Parse(s); err != nil || !p.Equal(want) || p.Location() != time.UTC {
				t.Fatalf("Parse(%q) = %v, %v; time.Parse %v", s, p, err, want)
			}
		}
		return ok
	}
	fast := 0
	for d := time.Date(1890, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2290; d = d.AddDate(0, 0, 1) {
		if check(d.Format("2006-01-02T15:04:05Z")) {
			fast++
		}
	}
	for _, s := range []string{"1900-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z",
		"2024-05-01T24:00:00Z", "2024-05-01T23:60:00Z", "2024-05-01T23:59:60Z", "2024-13-01T00:00:00Z", "2024-00-01T00:00:00Z",
		"2024-05-00T00:00:00Z", "2024-05-01T08:00:01.Z", "2024-05-01T08:00:01.1234567890Z", "2024-05-01T08:00:01,5Z",
		"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-05-01 08:00:01.25Z", "2024-05-01T08:00:01z",
		"2024-05-01T08:00:01+00:00", "+024-05-01T08:00:01Z", "2024-5-01T08:00:01.5Z"} {
		check(s)
	}
	r := rand.New(rand.NewPCG(3, 4))
	digits := "0123456789"
	for range 200_000 {
		b := []byte(time.Unix(r.Int64N(1e10)-2e9, 0).UTC().Format("2006-01-02T15:04:05"))
		if k := r.IntN(11); k > 0 {
			b = append(b, '.')
			for range k {
				b = append(b, digits[r.IntN(10)])
			}
		}
		b = append(b, 'Z')
		if r.IntN(3) == 0 { // a byte off
			b[r.IntN(len(b))] = "0123456789:-.TZ x"[r.IntN(17)]
		}
		if check(string(b)) {
			fast++
		}
	}
	if fast < 200_000 {
		t.Errorf("the short path read %d strings: too few to hold it", fast)
	}
}
