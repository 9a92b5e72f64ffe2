package splits

import (
	"math"
	"slices"
	"sync"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/track"
)

// StandardEfforts are the distances Best reports by default, in metres: 400
// m, quarter mile, 800 m, 1 km, mile, 5 km, 10 km.
var StandardEfforts = []float64{400, lapkit.QuarterMile, 800, lapkit.Kilometre, lapkit.Mile, 5000, 10000}

// A window holds the times (Unix nanoseconds) and distances Best works
// on; windows keeps them between calls, so that a long activity's arrays
// are not allocated and collected each time.
type window struct {
	ns   []int64
	dist []float64
}

var windows = sync.Pool{New: func() any { return new(window) }}

// An Effort is the fastest stretch of an activity over a distance.
type Effort struct {
	Distance    float64       // metres
	Start, End  time.Time     // interpolated, UTC
	StartOffset time.Duration // from the activity's Start
	Elapsed     time.Duration // End - Start, pauses included (a race clock does not stop)
	StartAt     float64       // metres into the activity where the effort began
}

// Best returns the fastest effort over each distance (StandardEfforts when
// none is given) with a zero Splitter, skipping distances longer than the
// activity.
func Best(a *lapkit.Activity, distances ...float64) []Effort {
	var s Splitter
	return s.Best(a, distances...)
}

// Best returns the fastest effort over each distance, the way Strava lists
// best efforts but exact: the window may start and end between samples. The
// fastest window of a piecewise-linear distance curve starts or ends at a
// sample, so trying every sample as a start and as an end finds it, in one
// pass each. Distances not positive or longer than the activity are skipped.
func (sp *Splitter) Best(a *lapkit.Activity, distances ...float64) []Effort {
	if sp == nil {
		sp = &Splitter{}
	}
	if len(distances) == 0 {
		distances = StandardEfforts
	}
	a = track.Normalize(a)
	c := sp.curve(a)
	if c == nil {
		return nil
	}
	s := c.s
	total := s[len(s)-1].Distance - s[0].Distance
	// The windows are found on Unix nanoseconds and distances copied once
	// into arrays of their own: time.Time arithmetic would be most of the
	// run, and two passes a distance over whole samples would stream a
	// long activity through the cache again and again.
	w := windows.Get().(*window)
	defer windows.Put(w)
	w.ns, w.dist = slices.Grow(w.ns[:0], len(s))[:len(s)], slices.Grow(w.dist[:0], len(s))[:len(s)]
	ns, dist := w.ns, w.dist
	for i := range s {
		ns[i], dist[i] = s[i].Time.UnixNano(), s[i].Distance
	}
	// cross returns when the distance reaches d on the segment from sample
	// i to i+1 (the sample's time at either end when d lies outside it).
	cross := func(i int, d float64) int64 {
		if i+1 >= len(dist) || d <= dist[i] {
			return ns[i]
		}
		if d >= dist[i+1] {
			return ns[i+1]
		}
		f := (d - dist[i]) / (dist[i+1] - dist[i])
		return ns[i] + int64(time.Duration(f*float64(ns[i+1]-ns[i])))
	}
	var out []Effort
	for _, D := range distances {
		if !(D > 0) || D > total+1e-9 {
			continue
		}
		best := Effort{Distance: D}
		var b0, b1 int64
		bestE := int64(math.MaxInt64)
		try := func(t0, t1 int64, d0 float64) {
			if e := t1 - t0; e < bestE {
				b0, b1, bestE, best.StartAt = t0, t1, e, d0
			}
		}
		// Windows starting at a sample; the end only moves forward.
		last := dist[len(dist)-1]
		e := 0
		for i, x := range dist {
			d := x + D
			if d > last+1e-9 {
				break
			}
			e = max(e, i)
			for e+1 < len(dist)-1 && dist[e+1] < d {
				e++
			}
			// The window ends no sooner than sample e or e+1: when that
			// takes as long as the best, it cannot be faster, and the
			// crossing is not worked out.
			end := ns[e]
			if e+1 < len(ns) {
				end = min(end, ns[e+1])
			}
			if end-ns[i] >= bestE {
				continue
			}
			try(ns[i], cross(e, d), x)
		}
		// Windows ending at a sample: start at the last moment the
		// distance was D short of it.
		m := 0
		for j, x := range dist {
			d := x - D
			if d < dist[0]-1e-9 {
				continue
			}
			for m+1 < j && dist[m+1] <= d {
				m++
			}
			if ns[j]-max(ns[m], ns[m+1]) >= bestE { // starts no later
				continue
			}
			try(cross(m, d), ns[j], d)
		}
		best.Start, best.End = time.Unix(0, b0).UTC(), time.Unix(0, b1).UTC()
		best.Elapsed = time.Duration(bestE)
		best.StartOffset = best.Start.Sub(a.Start)
		out = append(out, best)
	}
	return out
}
