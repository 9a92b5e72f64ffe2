package analysis

import (
	"math"

	"gonum.org/v1/gonum/stat"
)

// snapEnds ends each effort that ran a little past a nominal distance (a
// 400 m rep measured at 400-430 m) where that distance was reached, when
// the reps were run to that distance: the runner crosses the line and eases
// off, or runs on a few metres, and the bend in the distance curve comes
// seconds after the line; the watch, too, ends a 400 m step where its
// distance reaches 400 m. An effort is taken as run to its nominal
// distance when the runner eased off past it (the pace past it under
// snapEase of the rep's), or when three or more efforts match that
// distance and their distances vary less than their times (runToDistance:
// a 6 x 90 s fartlek is not cut at 400 m). A distance summed from noisy
// positions reads long (about 2 % with 3 m of GPS wander at 1 s), so the
// nominal distance is taken as reached where the positions read it plus
// their over-read (overRead). Efforts shorter than their nominal distance
// are left as found, and hill reps snap only where the runner eased off.
func snapEnds(st *stream, efforts []effort, climb bool) {
	// Distances, times and nominal distances as found, before any end
	// moves.
	n := len(efforts)
	dist, secs, noms := make([]float64, n), make([]float64, n), make([]float64, n)
	for i, e := range efforts {
		dist[i], secs[i] = st.distAt(e.t1)-st.distAt(e.t0), e.t1-e.t0
		noms[i] = nominal(dist[i])
	}
	series := map[float64]bool{}
	for i := range efforts {
		e := &efforts[i]
		nom := noms[i]
		if nom == 0 || dist[i] <= nom {
			continue
		}
		target := nom
		if st.positions {
			target *= 1 + st.overRead(e.t0, e.t1)
		}
		t := st.timeAtDist(st.distAt(e.t0) + target)
		if t <= e.t0 || t >= e.t1 || e.t1-t > maxSnap {
			continue
		}
		// Hill reps are run for a time or to a landmark, not to a line.
		toDist, ok := series[nom]
		if !ok && !climb {
			toDist = runToDistance(dist, secs, noms, nom)
			series[nom] = toDist
		}
		// The rep's pace away from its edges, over its middle half.
		q1, q3 := e.t0+(e.t1-e.t0)/4, e.t0+3*(e.t1-e.t0)/4
		mid := (st.distAt(q3) - st.distAt(q1)) / (q3 - q1)
		if eased := (dist[i]-target)/(e.t1-t) < snapEase*mid; toDist || eased {
			e.t1 = t
		}
	}
}

// runToDistance reports whether the efforts of nominal distance nom (of
// measured distances dist, times secs and nominal distances noms) were run
// to that distance rather than for a time: they are three or more and half
// the efforts or more (a series, not surges of a run that happen to measure
// 500 m), and their distances vary less than their times, as coefficients
// of variation (a 400 m rep takes 80 or 90 s and measures 400-415 m; a
// 90 s rep measures 400 or 430 m).
func runToDistance(dist, secs, noms []float64, nom float64) bool {
	var ds, ts []float64
	for i := range noms {
		if noms[i] == nom {
			ds = append(ds, dist[i])
			ts = append(ts, secs[i])
		}
	}
	if len(ds) < 3 || 2*len(ds) < len(noms) {
		return false
	}
	cv := func(x []float64) float64 {
		m, sd := stat.MeanStdDev(x, nil)
		return sd / m
	}
	// Efforts alike in both (a generated session) count as run to the
	// distance.
	return cv(ds) <= cv(ts)+0.002
}

// maxSnap is the furthest snapEnds moves an end back, in seconds;
// snapEase the speed past the nominal distance, as a fraction of the speed
// over the middle half of the rep, below which the runner is taken to have
// eased off.
const (
	maxSnap  = 8
	snapEase = 0.9
)

// refineEdges moves every edge to where the distance curve bends, searching
// window(e) seconds around it without crossing the neighbouring efforts;
// with keep, the edge moves no further than that; with climb (hill reps),
// the bend in the altitude counts too. An edge at the start or
// the end of the recording stays.
func refineEdges(st *stream, efforts []effort, window func(effort) int, keep, climb bool) {
	for i := range efforts {
		e := &efforts[i]
		lo, hi := 0, st.n-1
		if i > 0 {
			lo = int(efforts[i-1].t1)
		}
		if i+1 < len(efforts) {
			hi = int(efforts[i+1].t0)
		}
		w := window(*e)
		move := func(x, b float64) float64 {
			if keep {
				return math.Max(b-float64(w), math.Min(b+float64(w), x))
			}
			return x
		}
		// An effort that starts with the recording (a session that
		// starts with rep 1) or ends with it has no bend there.
		// The search bounds are whole seconds and the previous effort's
		// end is not: a start found in the same second is held to it.
		if e.t0 > 1 {
			e.t0 = move(st.refine(e.t0, w, lo, int(e.t1), climb), e.t0)
			if i > 0 {
				e.t0 = max(e.t0, efforts[i-1].t1)
			}
		}
		if e.t1 < float64(st.n-2) {
			e.t1 = move(st.refine(e.t1, w, int(e.t0), hi, climb), e.t1)
		}
	}
}

// hilly reports whether the efforts climb: an average grade of 3 % or
// more over them.
func hilly(st *stream, efforts []effort) bool {
	var climb, dist float64
	for _, e := range efforts {
		a0, a1 := st.altAt(e.t0), st.altAt(e.t1)
		if math.IsNaN(a0) || math.IsNaN(a1) {
			return false
		}
		climb += a1 - a0
		dist += st.distAt(e.t1) - st.distAt(e.t0)
	}
	return dist > 0 && climb/dist >= 0.03
}
