package lapkit_test

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
)

// TestInstant holds an Instant to the time.Time it stands for: At and UTC
// round trip to the nanosecond, the zero time is the zero Instant both
// ways, the methods agree with time.Time's on times across the span, and
// the span's ends saturate rather than wrap.
func TestInstant(t *testing.T) {
	times := []time.Time{
		time.Date(2026, 5, 2, 7, 0, 1, 250_000_000, time.UTC),
		time.Date(1989, 12, 31, 0, 0, 0, 0, time.UTC), // the FIT epoch
		time.Date(2026, 5, 2, 9, 0, 1, 1, time.FixedZone("CEST", 2*3600)),
		time.Date(1970, 1, 1, 0, 0, 0, 1, time.UTC),
		time.Date(1969, 12, 31, 23, 59, 59, 999_999_999, time.UTC),
		lapkit.MinTime, lapkit.MaxTime,
	}
	for _, a := range times {
		i := lapkit.At(a)
		if !lapkit.InSpan(a) || !i.UTC().Equal(a) || i.UTC().Location() != time.UTC || i.UnixNano() != a.UnixNano() {
			t.Errorf("At(%v) = %d, UTC %v", a, i, i.UTC())
		}
		if i.String() != a.UTC().String() {
			t.Errorf("String %q, time.Time's %q", i.String(), a.UTC().String())
		}
		for _, b := range times {
			j := lapkit.At(b)
			if i.Before(j) != a.Before(b) || i.After(j) != a.After(b) || i.Equal(j) != a.Equal(b) || i.Compare(j) != a.Compare(b) {
				t.Errorf("%v and %v compare unlike their times", a, b)
			}
			if i.Sub(j) != a.Sub(b) {
				t.Errorf("%v - %v = %v, time.Time's %v", a, b, i.Sub(j), a.Sub(b))
			}
		}
		for _, d := range []time.Duration{0, 1, -1, time.Hour, math.MaxInt64, math.MinInt64} {
			want := a.Add(d)
			if !lapkit.InSpan(want) { // the nearest end
				want = lapkit.MaxTime
				if d < 0 {
					want = lapkit.MinTime
				}
			}
			if want.Equal(time.Unix(0, 0)) {
				continue // the epoch is the zero Instant: no time
			}
			if got := i.Add(d).UTC(); !got.Equal(want) {
				t.Errorf("%v + %v = %v, want %v", a, d, got, want)
			}
		}
	}
	if lapkit.At(time.Time{}) != 0 || !lapkit.Instant(0).UTC().IsZero() || !lapkit.Instant(0).IsZero() || lapkit.Instant(1).IsZero() || !lapkit.InSpan(time.Time{}) {
		t.Error("the zero time is not the zero Instant both ways")
	}
	far := []time.Time{lapkit.MinTime.Add(-1), lapkit.MaxTime.Add(1), time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC)}
	for _, f := range far {
		want := lapkit.Instant(math.MinInt64)
		if f.After(lapkit.MaxTime) {
			want = math.MaxInt64
		}
		if lapkit.InSpan(f) || lapkit.At(f) != want {
			t.Errorf("At(%v) = %v, InSpan %v; want the nearest end", f, lapkit.At(f), lapkit.InSpan(f))
		}
	}
	if lapkit.Instant(math.MaxInt64).Sub(math.MinInt64) != math.MaxInt64 || lapkit.Instant(math.MinInt64).Sub(math.MaxInt64) != math.MinInt64 {
		t.Error("Sub across the span does not saturate")
	}
}

// TestInstantText: an Instant reads and writes RFC 3339 as time.Time does,
// so a Sample's JSON holds its time as a string, and a time outside the
// span is an error, not a clamped value.
func TestInstantText(t *testing.T) {
	s := lapkit.NewSample(lapkit.At(time.Date(2026, 5, 2, 7, 0, 1, 250_000_000, time.UTC)))
	s.HeartRate = 150
	s.Distance, s.Lat, s.Lon, s.Altitude, s.Speed, s.Cadence, s.Power = 0, 0, 0, 0, 0, 0, 0
	js, err := json.Marshal(s)
	if err != nil || !strings.HasPrefix(string(js), `{"Time":"2026-05-02T07:00:01.25Z",`) {
		t.Fatalf("%s, %v", js, err)
	}
	var back lapkit.Sample
	if err := json.Unmarshal(js, &back); err != nil || back != s {
		t.Errorf("read back %+v, %v", back, err)
	}
	var i lapkit.Instant
	for _, bad := range []string{"3000-01-01T00:00:00Z", "yesterday", ""} {
		if err := i.UnmarshalText([]byte(bad)); err == nil {
			t.Errorf("%q read as %v", bad, i)
		}
	}
}

// A sample's time is an Instant: nanoseconds since 1970 in UTC, which
// subtracts and compares as time.Time does; UTC gives the time.Time.
func ExampleInstant() {
	start := lapkit.At(time.Date(2026, 5, 2, 7, 0, 0, 0, time.UTC))
	s := lapkit.NewSample(start.Add(65_250 * time.Millisecond))
	fmt.Println(s.Time.Sub(start), s.Time.After(start))
	fmt.Println(s.Time.UTC().Format(time.Kitchen))
	// Output:
	// 1m5.25s true
	// 7:01AM
}
