package analysis

import (
	"fmt"
	"math"
	"time"

	"github.com/lapkit/lapkit"
)

// An effort is a candidate rep, as grid times (seconds from the stream
// start).
type effort struct {
	t0, t1 float64
	source Source
	timed  bool // laps the device closed on time (a hill rep of 4 min): no nominal distance

	// laps is set when the effort is whole laps the device closed, edges
	// unmoved: its distance and moving time are then the laps' own
	// (lapDist metres, lapTimer), as the watch shows them.
	laps             bool
	lapDist          float64
	lapTimer         time.Duration
	lapStart, lapEnd time.Time // the laps' own start and end, to the nanosecond

	unplanned bool // the plan detection was given has no rep for it (Rep.Unplanned)

	// step is 1 + the workout step index its laps carry (all the same
	// step); 0 when none: the zero effort has none.
	step int

	// own is, for a manual lap, where the effort itself began and ended
	// (grid seconds), when an edge lies over pressSlack from the press.
	own *[2]float64
}

// clampEfforts keeps efforts inside the recording (laps may start before
// the first sample) and after the one before (laps may overlap by a
// second), and drops those left empty.
func clampEfforts(in []effort, st *stream) []effort {
	end := float64(st.n - 1)
	out := in[:0]
	for _, e := range in {
		if e.t0 < 0 || e.t1 > end {
			e.laps = false // cut: the laps' totals no longer apply
		}
		e.t0, e.t1 = math.Max(0, e.t0), math.Min(end, e.t1)
		if n := len(out); n > 0 && e.t0 < out[n-1].t1 {
			// Laps that overlap by a second or two: this one starts
			// where the one before ended.
			e.t0, e.laps = out[n-1].t1, false
		}
		if e.t1 > e.t0 {
			out = append(out, e)
		}
	}
	return out
}

// walk is the speed under which a lap or rest is walked or stood: 2 m/s,
// 8:20/km.
const walk = 2.0

// dropShort sets efforts shorter than the minimum rep aside in c as
// strides.
func (d *Options) dropShort(in []effort, st *stream, c *candidate) []effort {
	mr, md := d.minRep()
	var out []effort
	for _, e := range in {
		dist := st.distAt(e.t1) - st.distAt(e.t0)
		if e.t1-e.t0 < mr.Seconds() || dist < md {
			c.stride(st, e)
			continue
		}
		out = append(out, e)
	}
	return out
}

// dropStrides moves the short pickups before the first rep and after the
// last aside in c as strides: efforts under maxStride that last under strideShare
// of the median of the others (strides of 20-30 s before 1000 m reps; not
// the first 200 m of a set of them), two or more of them, or one set apart
// from the reps by more than 1.5 times their median gap (the last 200 m
// rung of a ladder, after the usual rest, is a rep). Two efforts or more
// are left.
func dropStrides(in []effort, st *stream, c *candidate) []effort {
	short := func(k int, others []effort) bool {
		var durs []float64
		for _, e := range others {
			durs = append(durs, e.t1-e.t0)
		}
		dur := in[k].t1 - in[k].t0
		return len(others) >= 2 && dur < maxStride.Seconds() && dur < strideShare*medianOf(durs)
	}
	gap := func(lo, hi int) float64 { // median gap between in[lo:hi]
		var g []float64
		for k := lo + 1; k < hi; k++ {
			g = append(g, in[k].t0-in[k-1].t1)
		}
		return medianOf(g)
	}
	lead, trail := 0, len(in)
	for lead < trail && short(lead, in[lead+1:trail]) {
		lead++
	}
	if lead == 1 && !(in[1].t0-in[0].t1 > 1.5*gap(1, trail)) {
		lead = 0
	}
	for trail > lead && short(trail-1, in[lead:trail-1]) {
		trail--
	}
	if trail == len(in)-1 && !(in[trail].t0-in[trail-1].t1 > 1.5*gap(lead, trail)) {
		trail = len(in)
	}
	for _, e := range in[:lead] {
		c.stride(st, e)
	}
	for _, e := range in[trail:] {
		c.stride(st, e)
	}
	if lead > 0 || trail < len(in) {
		c.note(lapkit.NoteLeftOut, fmt.Sprintf("left out %d short pickups before the reps and %d after them as strides", lead, len(in)-trail))
	}
	return in[lead:trail]
}

// maxStridesAfter is how long after the last rep short efforts are still
// strides (of the cool-down) rather than surges of a run.
const maxStridesAfter = 10 * time.Minute

// maxStride and strideShare: see dropStrides.
const (
	maxStride   = 40 * time.Second
	strideShare = 0.6
)
