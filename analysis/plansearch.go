package analysis

import (
	"cmp"
	"slices"
	"sort"
)

// searchPlan looks for the plan's reps in the run itself, for when the
// efforts found do not hold them all (reps barely faster than the jogs
// between them, from noisy positions): for each planned rep, longest
// first, the fastest stretch of its length (a distance, or a time) that
// keeps planGap seconds from every stretch already taken. A stretch is a
// rep only if it runs planFaster times the session's median running speed
// or faster: the fastest kilometres of a steady run are not reps. The
// stretches are returned in time order, their edges fitted on the distance
// curve.
func (d *Options) searchPlan(st *stream) []effort {
	st.smooth()
	var lens []repLen
	for _, ps := range d.Plan.Sets {
		for range ps.Reps {
			lens = append(lens, repLen{ps.Distance, ps.Duration})
		}
	}
	sort.SliceStable(lens, func(i, j int) bool { return lens[i].seconds(st) > lens[j].seconds(st) })
	var running []float64
	for k, v := range st.v {
		if v >= walk && !st.paused[k] {
			running = append(running, v)
		}
	}
	if len(running) == 0 {
		return nil
	}
	floor := planFaster * medianOf(running)
	var out []effort
	taken := func(a, b int) bool {
		for _, e := range out {
			if float64(a) < e.t1+planGap && float64(b) > e.t0-planGap {
				return true
			}
		}
		return false
	}
	for _, l := range lens {
		best, at := 0.0, effort{}
		n := len(st.d)
		for a, b := 0, 0; a < n; a++ {
			var ok bool
			switch {
			case l.dist > 0:
				for b < n && st.d[b]-st.d[a] < l.dist {
					b++
				}
				ok = b < n
			case l.dur > 0:
				b = a + int(l.dur.Seconds())
				ok = b < n
			}
			if !ok {
				break
			}
			if v := (st.d[b] - st.d[a]) / float64(b-a); v > best && !taken(a, b) {
				best, at = v, effort{t0: float64(a), t1: float64(b), source: SourceDetected}
			}
		}
		if best >= floor {
			out = append(out, at)
		}
	}
	slices.SortFunc(out, func(x, y effort) int { return cmp.Compare(x.t0, y.t0) })
	refineEdges(st, out, func(effort) int { return 6 }, true, hilly(st, out))
	return out
}

// seconds is about how long the rep lasts: its time, or its distance at
// the session's mean speed.
func (l repLen) seconds(st *stream) float64 {
	if l.dur > 0 {
		return l.dur.Seconds()
	}
	if n := len(st.d); n > 1 && st.d[n-1] > 0 {
		return l.dist / (st.d[n-1] / float64(n-1))
	}
	return l.dist
}

// planFaster and planGap: see searchPlan.
const (
	planFaster = 1.05
	planGap    = 10
)

// keepApart returns found with the efforts of old that overlap none of
// them, those marked unplanned, in time order: the plan's reps found by
// the search, and every other hard effort kept.
func keepApart(found, old []effort) []effort {
	out := append([]effort(nil), found...)
	for _, e := range old {
		if !slices.ContainsFunc(found, func(f effort) bool { return e.t0 < f.t1 && e.t1 > f.t0 }) {
			e.unplanned = true
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b effort) int { return cmp.Compare(a.t0, b.t0) })
	return out
}
