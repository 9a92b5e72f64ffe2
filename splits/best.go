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
		// Windows starting at a sample; the end only moves forward. A
		// window starting at i ends no sooner than sample e (or e+1),
		// and a window starting later ends no sooner than that: when
		// this one's bound exceeds the best by g, no window starting
		// within g after it can beat the best, and those starts are
		// skipped.
		last, n := dist[len(dist)-1], len(dist)
		e := 0
		for i := 0; i < n; i++ {
			x := dist[i]
			d := x + D
			if d > last+1e-9 {
				break
			}
			e = upTo(dist, max(e, i), n-1, d)
			end := ns[e]
			if e+1 < n {
				end = min(end, ns[e+1])
			}
			if lb := end - ns[i]; lb >= bestE {
				i = lastNotAfter(ns, i, n-1, ns[i]+lb-bestE)
				continue
			}
			try(ns[i], cross(e, d), x)
		}
		// Windows ending at a sample, latest first: each starts at the
		// last moment the distance was D short of it, and an earlier end
		// starts no later, so a bound over the best skips the ends
		// within the excess before it. A tie goes to the earliest end.
		sE := bestE
		found := false
		m := n - 1
		for j := n - 1; j > 0; j-- {
			d := dist[j] - D
			if d < dist[0]-1e-9 {
				break
			}
			m = downTo(dist, min(m, j-1), d)
			limit := sE - 1 // an end pass window must beat the start pass's
			if found {
				limit = bestE // and tie or beat the end pass's
			}
			if lb := ns[j] - ns[m+1]; lb > limit { // starts no later than sample m+1
				j = firstAfter(ns, 1, j, ns[j]-(lb-limit))
				continue
			}
			if t0 := cross(m, d); ns[j]-t0 <= limit {
				b0, b1, bestE, best.StartAt = t0, ns[j], ns[j]-t0, d
				found = true
			}
		}
		best.Start, best.End = time.Unix(0, b0).UTC(), time.Unix(0, b1).UTC()
		best.Elapsed = time.Duration(bestE)
		best.StartOffset = best.Start.Sub(a.Start)
		out = append(out, best)
	}
	return out
}

// upTo moves e forward to the last index below end whose distance, and
// every one's after e, is under d: a step at a time for a step or two,
// then doubling and halving (after a skip of starts, the end moves far).
func upTo(dist []float64, e, end int, d float64) int {
	if e+1 >= end || dist[e+1] >= d {
		return e
	}
	lo, step := e+1, 1 // dist[lo] < d
	hi := lo + step
	for hi < end && dist[hi] < d {
		lo, step = hi, step*2
		hi = lo + step
	}
	hi = min(hi, end) // dist[hi] >= d, or hi is end
	for hi-lo > 1 {
		if mid := (lo + hi) / 2; dist[mid] < d {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// downTo moves m back to the last index at or below it whose distance is
// at most d, or 0: doubling and halving, as upTo.
func downTo(dist []float64, m int, d float64) int {
	if m <= 0 || dist[m] <= d {
		return m
	}
	hi, step := m, 1 // dist[hi] > d
	lo := hi - step
	for lo > 0 && dist[lo] > d {
		hi, step = lo, step*2
		lo = hi - step
	}
	if lo <= 0 {
		if dist[0] > d {
			return 0
		}
		lo = 0
	}
	// dist[lo] <= d < dist[hi]
	for hi-lo > 1 {
		if mid := (lo + hi) / 2; dist[mid] <= d {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// lastNotAfter returns the last index from i up to end whose time is at
// most t, given ns[i] <= t: a step at a time for a step or two, then
// doubling and halving (a skip over a jog can run far).
func lastNotAfter(ns []int64, i, end int, t int64) int {
	if i+1 > end || ns[i+1] > t {
		return i
	}
	lo, step := i+1, 1 // ns[lo] <= t
	hi := lo + step
	for hi <= end && ns[hi] <= t {
		lo, step = hi, step*2
		hi = lo + step
	}
	hi = min(hi, end+1) // ns[hi] > t, or hi is past end
	for hi-lo > 1 {
		if mid := (lo + hi) / 2; ns[mid] <= t {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// firstAfter returns the first index from lo up to j from which every
// time is after t, given ns[j] > t: back a step at a time for a step or
// two, then doubling and halving.
func firstAfter(ns []int64, lo, j int, t int64) int {
	if j-1 < lo || ns[j-1] <= t {
		return j
	}
	hi, step := j-1, 1 // ns[hi] > t
	l := hi - step
	for l >= lo && ns[l] > t {
		hi, step = l, step*2
		l = hi - step
	}
	l = max(l, lo-1) // ns[l] <= t, or l is before lo
	for hi-l > 1 {
		if mid := (l + hi) / 2; ns[mid] > t {
			hi = mid
		} else {
			l = mid
		}
	}
	return hi
}
