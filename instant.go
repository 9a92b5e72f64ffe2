package lapkit

import (
	"fmt"
	"math"
	"time"
)

// An Instant is a sample's time: nanoseconds since the Unix epoch
// (1970-01-01T00:00:00Z), in UTC. It holds no pointer, so a slice of
// samples costs the garbage collector nothing to scan, and it compares
// and subtracts as the integer it is. UTC gives it as a time.Time; At
// gives a time.Time as an Instant.
//
// It spans MinTime to MaxTime (the years 1678 to 2262). The zero Instant
// is the Unix epoch itself, which no watch records: the model reads it
// as "no time" (IsZero, Activity.Validate), as it reads time.Time's zero.
type Instant int64

// The times an Instant spans, and what At gives outside them.
var (
	MinTime = time.Unix(0, math.MinInt64).UTC() // 1677-09-21T00:12:43.145224192Z
	MaxTime = time.Unix(0, math.MaxInt64).UTC() // 2262-04-11T23:47:16.854775807Z
)

// At returns t as an Instant, to the nanosecond. The zero time.Time gives
// the zero Instant. A time before MinTime or after MaxTime gives the
// nearest end; the decoders check InSpan first and say what they did.
func At(t time.Time) Instant {
	switch {
	case t.IsZero():
		return 0
	case t.Before(MinTime):
		return math.MinInt64
	case t.After(MaxTime):
		return math.MaxInt64
	}
	return Instant(t.UnixNano())
}

// InSpan reports whether t is an Instant's to the nanosecond: the zero
// time.Time, or a time from MinTime to MaxTime.
func InSpan(t time.Time) bool {
	return t.IsZero() || !t.Before(MinTime) && !t.After(MaxTime)
}

// UTC returns i as a time.Time in UTC (the zero time.Time for the zero
// Instant, so that no time stays no time).
func (i Instant) UTC() time.Time {
	if i == 0 {
		return time.Time{}
	}
	return time.Unix(0, int64(i)).UTC()
}

// UnixNano returns i in nanoseconds since the Unix epoch.
func (i Instant) UnixNano() int64 { return int64(i) }

// IsZero reports whether i is the zero Instant: no time.
func (i Instant) IsZero() bool { return i == 0 }

// Sub returns i-u. Like time.Time.Sub, a difference beyond a
// time.Duration's span gives the nearest end.
func (i Instant) Sub(u Instant) time.Duration {
	d := int64(i) - int64(u)
	switch {
	case u < 0 && d < int64(i): // overflowed upwards
		return math.MaxInt64
	case u > 0 && d > int64(i): // downwards
		return math.MinInt64
	}
	return time.Duration(d)
}

// Add returns i+d, at the nearest end of the span where it would leave it.
func (i Instant) Add(d time.Duration) Instant {
	s := i + Instant(d)
	switch {
	case d > 0 && s < i:
		return math.MaxInt64
	case d < 0 && s > i:
		return math.MinInt64
	}
	return s
}

// Before reports whether i is before u.
func (i Instant) Before(u Instant) bool { return i < u }

// After reports whether i is after u.
func (i Instant) After(u Instant) bool { return i > u }

// Equal reports whether i and u are the same instant.
func (i Instant) Equal(u Instant) bool { return i == u }

// Compare returns -1 when i is before u, +1 when after, 0 when equal.
func (i Instant) Compare(u Instant) int {
	switch {
	case i < u:
		return -1
	case i > u:
		return 1
	}
	return 0
}

// String formats i as time.Time's String does ("2026-05-02 07:00:01 +0000
// UTC").
func (i Instant) String() string { return i.UTC().String() }

// MarshalText writes i as RFC 3339 with nanoseconds where it has them,
// as time.Time does (so a Sample's JSON holds its time as a string).
func (i Instant) MarshalText() ([]byte, error) { return i.UTC().MarshalText() }

// UnmarshalText reads an RFC 3339 time into i, failing on one outside
// MinTime to MaxTime.
func (i *Instant) UnmarshalText(b []byte) error {
	if i == nil {
		return fmt.Errorf("lapkit: UnmarshalText into a nil *Instant")
	}
	var t time.Time
	if err := t.UnmarshalText(b); err != nil {
		return err
	}
	if !InSpan(t) {
		return fmt.Errorf("lapkit: time %v outside %v to %v", t, MinTime, MaxTime)
	}
	*i = At(t)
	return nil
}
