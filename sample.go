package lapkit

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// A Sample is one point of an activity's recorded stream (a FIT record, a
// GPX track point, a TCX trackpoint). Every float field is NaN when the
// device did not record it.
type Sample struct {
	Time Instant // UTC, to the nanosecond (UTC gives it as a time.Time)

	// Distance is the cumulative distance from the start of the activity,
	// in metres. Decoders guarantee that within an activity it is either
	// NaN for every sample (the file has neither distance nor positions) or
	// set for every sample and non-decreasing: gaps the device left are
	// interpolated in time between their neighbours.
	Distance float64

	Lat, Lon  float64 // position, WGS84 degrees
	Altitude  float64 // metres above mean sea level
	Speed     float64 // m/s, as the device reported it (not derived)
	HeartRate float64 // beats per minute
	Cadence   float64 // steps per minute (both legs) on foot (Sport.OnFoot: running, walking, hiking); rpm otherwise
	Power     float64 // watts
}

// NewSample returns a Sample at t with every measurement NaN (not
// recorded); At(t) for a time.Time.
func NewSample(t Instant) Sample {
	nan := math.NaN()
	return Sample{Time: t, Distance: nan, Lat: nan, Lon: nan, Altitude: nan,
		Speed: nan, HeartRate: nan, Cadence: nan, Power: nan}
}

// HasPosition reports whether the sample has both a latitude and a longitude.
func (s *Sample) HasPosition() bool {
	if s == nil {
		return false
	}
	return !math.IsNaN(s.Lat) && !math.IsNaN(s.Lon)
}

// FormatSeconds formats d rounded to the second, as a watch shows a
// session's time or a pace: m:ss, or h:mm:ss from an hour ("4:23",
// "1:01:03"; "-0:05" when negative).
func FormatSeconds(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	s := int64(d.Round(time.Second) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%s%d:%02d:%02d", sign, s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%s%d:%02d", sign, s/60, s%60)
}

// FormatClock formats d as a watch shows a lap: m:ss.t, or h:mm:ss.t from
// an hour, rounded to the tenth ("1:05.0", "1:02:03.4"; "-0:01.2" when
// negative).
func FormatClock(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	d = d.Round(100 * time.Millisecond)
	h, m := d/time.Hour, d%time.Hour/time.Minute
	s := float64(d%time.Minute) / float64(time.Second)
	if h > 0 {
		return fmt.Sprintf("%s%d:%02d:%04.1f", sign, h, m, s)
	}
	return fmt.Sprintf("%s%d:%04.1f", sign, m, s)
}

// A Between locates a time among an activity's samples: a fraction F of
// the way from Samples[I] to Samples[I+1] (0 <= F < 1). F is 0 at a
// sample's own time and outside the samples. I is -1 when there are no
// samples. Locate makes one; Value reads any field there.
type Between struct {
	I int
	F float64
}

// Locate returns where time t lies among samples s (in time order, as a
// decoded activity's are). The edge rules, which every interpolation in
// lapkit follows:
//   - before the first sample, or at its time: at the first sample;
//   - after the last sample, or at its time: at the last sample;
//   - at a sample's time: at that sample (the first of samples that share
//     the time), never between it and its neighbour;
//   - between two samples: at the earlier, a fraction of the way in time.
func Locate(s []Sample, t time.Time) Between {
	if len(s) == 0 {
		return Between{I: -1}
	}
	return LocateInstant(s, At(t))
}

// LocateInstant is Locate at an Instant.
func LocateInstant(s []Sample, t Instant) Between {
	if len(s) == 0 {
		return Between{I: -1}
	}
	i := sort.Search(len(s), func(i int) bool { return s[i].Time >= t })
	switch {
	case i == len(s):
		return Between{I: len(s) - 1}
	case i == 0 || s[i].Time == t:
		return Between{I: i}
	}
	p, q := &s[i-1], &s[i]
	return Between{I: i - 1, F: float64(t.Sub(p.Time)) / float64(q.Time.Sub(p.Time))}
}

// Value returns field's value at b, linear between the two samples (a
// NaN in either gives NaN); at a sample (F 0), that sample's own value,
// whatever the next holds. It is NaN when b is outside s or field is nil.
func (b Between) Value(s []Sample, field func(*Sample) float64) float64 {
	if b.I < 0 || b.I >= len(s) || field == nil {
		return math.NaN()
	}
	v := field(&s[b.I])
	if b.F == 0 || b.I+1 >= len(s) {
		return v
	}
	return v + b.F*(field(&s[b.I+1])-v)
}
