package splits

import (
	"math"
	"sort"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/track"
)

// curve is the activity's time-distance stream, positions-based when asked.
type curve struct {
	s []lapkit.Sample
}

func (sp *Splitter) curve(a *lapkit.Activity) *curve {
	if a == nil {
		return nil
	}
	s := a.Samples
	if len(s) < 2 {
		return nil
	}
	if sp.Positions {
		s = append([]lapkit.Sample(nil), s...)
		if !track.PositionDistance(s) {
			return nil
		}
	}
	if math.IsNaN(s[0].Distance) {
		return nil
	}
	return &curve{s: s}
}

func (c *curve) clamp(t lapkit.Instant) lapkit.Instant {
	if first := c.s[0].Time; t.Before(first) {
		return first
	}
	if last := c.s[len(c.s)-1].Time; t.After(last) {
		return last
	}
	return t
}

// index returns the index of the last sample at or before t.
func (c *curve) index(t lapkit.Instant) int {
	i := sort.Search(len(c.s), func(i int) bool { return c.s[i].Time > t })
	if i > 0 {
		i--
	}
	return i
}

// distAt interpolates the distance at t (lapkit.Locate).
func (c *curve) distAt(t lapkit.Instant) float64 {
	return lapkit.LocateInstant(c.s, t).Value(c.s, func(s *lapkit.Sample) float64 { return s.Distance })
}

// timeAt returns when the distance first reaches d at or after sample
// index i, and the index of the sample before the crossing, where the next
// search may start. It binary-searches: the samples are read once, by the
// per-split figures, not twice.
func (c *curve) timeAt(d float64, i int) (lapkit.Instant, int) {
	s := c.s
	i += sort.Search(len(s)-i-1, func(k int) bool { return s[i+k+1].Distance >= d })
	if i+1 >= len(s) {
		return s[len(s)-1].Time, len(s) - 1
	}
	p, q := &s[i], &s[i+1]
	if q.Distance <= p.Distance {
		return q.Time, i
	}
	f := (d - p.Distance) / (q.Distance - p.Distance)
	if f < 0 {
		f = 0
	}
	return p.Time.Add(time.Duration(f * float64(q.Time.Sub(p.Time)))), i
}

// altAt interpolates the altitude at t (lapkit.Locate); NaN when either
// neighbour lacks one.
func (c *curve) altAt(t lapkit.Instant) float64 {
	return lapkit.LocateInstant(c.s, t).Value(c.s, func(s *lapkit.Sample) float64 { return s.Altitude })
}
