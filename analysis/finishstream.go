package analysis

import (
	"math"
	"slices"
)

// finishStream sets the efforts too short for a rep aside in c as strides,
// joins efforts split by a brief gap, and refines the edges on the
// distance curve; with snap, it ends them at a nominal distance where the
// reps were run to it. Without (reps found by their stops), an edge moves
// no further than its window: the runner stopped there, or stopped the
// timer, and across a pause the samples around it lie far apart.
func (d *Options) finishStream(merged []effort, st *stream, c *candidate, snap bool) []effort {
	merged = d.dropShort(merged, st, c)
	merged = mergeBriefGaps(merged, st)
	climb := hilly(st, merged)
	// GPS positions wander: fit the lines over more of them.
	w := 15
	if st.positions {
		w = 40
	}
	// The edges at a timer pause are where the timer stopped or
	// started: kept.
	type edge struct {
		i    int
		k    float64
		isT0 bool
	}
	var atPause []edge
	for i, e := range merged {
		if k := int(e.t0) - 1; !snap && k >= 0 && st.paused[k] {
			atPause = append(atPause, edge{i, e.t0, true})
		}
		if k := int(math.Ceil(e.t1)) + 1; !snap && k < st.n && st.paused[k] {
			atPause = append(atPause, edge{i, e.t1, false})
		}
	}
	refineEdges(st, merged, func(e effort) int {
		if !st.positions {
			return w
		}
		// Long reps (tempo) at a pace close to the jog: the bend is
		// faint, so use up to a quarter of the rep on each side.
		return max(w, min(90, int((e.t1-e.t0)/4)))
	}, !snap, climb)
	for _, x := range atPause {
		if x.isT0 {
			merged[x.i].t0 = x.k
		} else {
			merged[x.i].t1 = x.k
		}
	}
	// A dip the smoothing widened past dipGap shows its true length on
	// the distance curve.
	if dip := dipGap(merged, st); dip > 0 {
		out := merged[:1]
		for _, e := range merged[1:] {
			if n := len(out); e.t0-out[n-1].t1 < dip {
				out[n-1].t1 = e.t1
				continue
			}
			out = append(out, e)
		}
		merged = out
	}
	if st.positions {
		// The watch's beep starts and ends a rep; the runner's change
		// of pace follows it over seconds: the edge is where it began.
		for i := range merged {
			e := &merged[i]
			lo, hi := 0, st.n-1
			if i > 0 {
				lo = int(math.Ceil(merged[i-1].t1))
			}
			if i+1 < len(merged) {
				hi = int(merged[i+1].t0)
			}
			// At a stop the runner halts within seconds, and the
			// positions' wander while standing would read as a
			// ramp: the bend stays.
			if e.t0 > 1 && st.meanEffort(math.Max(float64(lo), e.t0-20), e.t0) >= walk {
				e.t0 = max(float64(lo), st.onsetAt(e.t0, lo, int(e.t1)))
			}
			if e.t1 < float64(st.n-2) && st.meanEffort(e.t1, math.Min(float64(hi), e.t1+20)) >= walk {
				e.t1 = min(float64(hi), st.onsetAt(e.t1, int(math.Ceil(e.t0)), hi))
			}
		}
	}
	if snap {
		snapEnds(st, merged, climb)
	}
	return merged
}

// mergeBriefGaps joins two efforts of rep length whose gap, under 30 s, is
// less than an eighth of the other gaps between efforts, unless the runner
// walked or stood in it: GPS wander can read a runner at 4 m/s in a 10 min
// tempo as under 3.5 m/s for 15 s, deep enough for the merge in fromStream
// to miss, while the rests of the session are minutes long. A session of
// short rests (30 s on, 30 s off) has no gap so brief against the others.
func mergeBriefGaps(efforts []effort, st *stream) []effort {
	if len(efforts) < 3 {
		return efforts
	}
	gaps := make([]float64, len(efforts)-1)
	for i := range gaps {
		gaps[i] = efforts[i+1].t0 - efforts[i].t1
	}
	out := []effort{efforts[0]}
	for i, g := range gaps {
		others := slices.Delete(slices.Clone(gaps), i, i+1)
		if g < 30 && g < medianOf(others)/8 && st.meanEffort(efforts[i].t1, efforts[i+1].t0) > walk {
			out[len(out)-1].t1 = efforts[i+1].t1
			continue
		}
		out = append(out, efforts[i+1])
	}
	return out
}

// dipGap returns the longest gap between efforts, in seconds, that is a
// dip inside a rep however slow (a tight corner, GPS shadow, a runner
// dodging someone), not a rest, when the session's rests are stood or
// walked: under briefDip and under a third of the median of those rests
// (gaps of 30 s or more, walked or stood; two or more, two thirds of the
// gaps of 30 s or more); 0 otherwise (jogged rests keep the rules of
// fromStream and mergeBriefGaps). A long rep with
// several dips would otherwise outnumber the rests and hide them.
func dipGap(efforts []effort, st *stream) float64 {
	var long []float64
	all := 0
	for i := 1; i < len(efforts); i++ {
		if g := efforts[i].t0 - efforts[i-1].t1; g >= 30 {
			all++
			if st.meanEffort(efforts[i-1].t1, efforts[i].t0) < walk {
				long = append(long, g)
			}
		}
	}
	// Two stood rests or more, and two thirds of the rests or more.
	if len(long) < 2 || 3*len(long) < 2*all {
		return 0
	}
	return min(briefDip, medianOf(long)/3)
}

// briefDip: see dipGap. The smoothing widens a 6 s dip to 15-20 s.
const briefDip = 20
