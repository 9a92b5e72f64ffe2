package analysis

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/lapkit/lapkit"
)

// fromStream finds reps in the speed stream: efforts above the Otsu
// threshold between easy and fast running (with hysteresis), gaps under
// 10 s merged, strides dropped, edges refined on the distance curve. It
// notes how it told the reps, and why the laps did not (paceNote).
func (d *Options) fromStream(st *stream) candidate {
	st.smooth() // builds the grid too
	vals := make([]float64, 0, len(st.effort))
	for k, v := range st.effort {
		if v > walk && !st.paused[k] {
			vals = append(vals, v)
		}
	}
	t, slow, fast, sep, ok := otsu(vals, nil)
	q := quality{contrast: fast / slow, sep: sep}
	// A steady or rolling run has one hump of speeds that Otsu still cuts
	// in two; intervals have two levels.
	twoLevels := ok && slow > 0 && sep >= minSeparation
	if twoLevels && q.contrast >= d.contrast() {
		var c candidate
		out := d.segment(st, &c, t, slow, fast)
		// Runs between regular stops are the reps whatever their
		// pace (400s at 4:55/km and 600s at 5:05/km after 200s at
		// 4:10/km, all walked between), when they hold every effort
		// the pace finds and more: a rep the pace missed, or one it
		// cut in pieces where GPS wander dipped under its threshold.
		if !d.stopsAgree(st, out) {
			if stops, sq := d.fromRests(st); len(stops) >= 2 && within(out, stops) && !within(stops, out) {
				var c candidate
				if stops = d.finishStream(stops, st, &c, false); len(stops) >= 2 {
					c.note(lapkit.NoteRepsFrom, "reps from the stream: the runs between the stops (standing or walking rests), some of them run no faster than the easy running")
					c.efforts, c.q = stops, sq
					return c
				}
			}
		}
		return paced(st, c, out, q)
	}
	// Timed reps barely faster than the jogs between them (threshold
	// reps, 3 x 7 min at 1.2 times the jog's pace) are told by their
	// repeated length: three or more efforts alike in time, rested alike,
	// every rest jogged.
	if twoLevels && q.contrast >= minTimedContrast {
		var c candidate
		if out := trimShort(mergeDips(d.segment(st, &c, t, slow, fast))); timedSeries(out) && jogged(st, out) {
			c.efforts, c.q = out, q
			c.note(lapkit.NoteRepsFrom, fmt.Sprintf("reps from the stream: %d efforts of about the same length (%s) with rests alike between them; they run only %.0f %% faster than the easy running, too little to tell reps by pace alone",
				len(out), lapkit.FormatClock(time.Duration(medianOf(durations(out))*float64(time.Second))), 100*(q.contrast-1)))
			return c
		}
	}
	// No easy running between the reps: the runner stood or walked
	// between them (a track session with standing rests), and the
	// running itself wavers (GPS on the bends). Split at a walk.
	var all []float64
	for k, v := range st.effort {
		if !st.paused[k] {
			all = append(all, v)
		}
	}
	t2, slow2, fast2, sep2, ok2 := otsu(all, nil)
	if !ok2 || slow2 >= walk || fast2 < 2*walk || sep2 < 0.8 {
		// The running itself is not fast: the stops tell the reps.
		out, q := d.fromRests(st)
		if out == nil {
			return candidate{}
		}
		var c candidate
		if out = d.finishStream(out, st, &c, false); len(out) >= 2 {
			c.note(lapkit.NoteRepsFrom, "reps from the stream: the runs between the stops (standing or walking rests); the pace alone does not tell them from the easy running")
		}
		c.efforts, c.q = out, q
		return c
	}
	var c candidate
	out := d.segment(st, &c, t2, slow2, fast2)
	return paced(st, c, out, quality{contrast: fast2 / math.Max(slow2, 0.5), sep: sep2})
}

// paced returns c holding the efforts its pace told, out, with the note
// that says so, and why the laps did not tell them, when there are two or
// more.
func paced(st *stream, c candidate, out []effort, q quality) candidate {
	c.efforts, c.q = out, q
	if len(out) >= 2 {
		why := "the laps mark no reps"
		if len(st.act.Laps) < 3 {
			why = "the file has no laps to go by"
		}
		c.note(lapkit.NoteRepsFrom, "reps from the stream: "+why+"; the efforts stand out from the easy running by their pace")
	}
	return c
}

// segment finds the efforts above threshold t between the easy speed slow
// and the fast one (with hysteresis), merges the gaps a rep does not end
// at, and finishes them (finishStream).
func (d *Options) segment(st *stream, c *candidate, t, slow, fast float64) []effort {
	hi, lo := t+0.15*(fast-slow), t-0.15*(fast-slow)
	var out []effort
	in, start := false, 0
	for k, v := range st.effort {
		switch {
		case !in && v > hi:
			// Start where the speed first crossed the threshold.
			start = k
			for start > 0 && st.effort[start-1] > t {
				start--
			}
			in = true
		case in && v < lo:
			end := k
			for end > start && st.effort[end-1] < t {
				end--
			}
			out = append(out, effort{t0: float64(start), t1: float64(end), source: SourceDetected})
			in = false
		}
	}
	if in {
		out = append(out, effort{t0: float64(start), t1: float64(len(st.effort) - 1), source: SourceDetected})
	}
	// A GPS dropout, a tight bend or a turn must not split a rep: merge
	// across gaps under 6 s, and under 30 s when the speed only dipped
	// (stayed above halfway between the easy level and the threshold);
	// rests are stood, walked or jogged. And across a dip of a few
	// seconds however slow (dipGap), when the session's rests are far
	// longer.
	dip := dipGap(out, st)
	var merged []effort
	for _, e := range out {
		if n := len(merged); n > 0 {
			gap := e.t0 - merged[n-1].t1
			if gap < 6 || gap < dip || gap < 30 && st.meanEffort(merged[n-1].t1, e.t0) > math.Max(walk, (slow+t)/2) {
				merged[n-1].t1 = e.t1
				continue
			}
		}
		merged = append(merged, e)
	}
	// An effort whose mean stays under the upper threshold only brushed
	// it: GPS wander, or a rise of the road read as effort. Neither a rep
	// nor a stride.
	merged = slices.DeleteFunc(merged, func(e effort) bool { return st.meanEffort(e.t0, e.t1) < hi })
	merged = trimRunIns(st, merged)
	return d.finishStream(merged, st, c, true)
}

// stopsAgree reports whether the efforts the pace found and the runs
// between the stream's stops tell the same reps, so that fromRests need
// not run: every run between two stops long enough for a rep (minRep)
// overlaps one effort (a jog run into rep 1 holds it), and every effort
// lies mostly in a run.
func (d *Options) stopsAgree(st *stream, efforts []effort) bool {
	mr, _ := d.minRep()
	runs, _ := stopRuns(st)
	as := make([]effort, len(runs))
	for i, r := range runs {
		as[i] = effort{t0: float64(r.a), t1: float64(r.b - 1)}
	}
	if !within(efforts, as) {
		return false
	}
	for _, r := range as[min(1, len(as)):max(1, len(as)-1)] {
		if r.t1-r.t0 < mr.Seconds() {
			continue // a stride between walks
		}
		n := 0
		for _, e := range efforts {
			if min(e.t1, r.t1) > max(e.t0, r.t0) {
				n++
			}
		}
		if n != 1 {
			return false
		}
	}
	return true
}

// timedSeries reports whether efforts are reps run for a time: three or
// more, each minTimedRep or longer, their durations within 15 % (or 20 s)
// of their median and the rests between them within 25 % (or 15 s) of
// theirs.
func timedSeries(efforts []effort) bool {
	if len(efforts) < 3 {
		return false
	}
	near := func(x []float64, share, abs float64) bool {
		m := medianOf(x)
		for _, v := range x {
			if math.Abs(v-m) > max(abs, share*m) {
				return false
			}
		}
		return true
	}
	durs := durations(efforts)
	if slices.Min(durs) < minTimedRep {
		return false
	}
	rests := make([]float64, len(efforts)-1)
	for i := range rests {
		rests[i] = efforts[i+1].t0 - efforts[i].t1
	}
	return near(durs, 0.15, 20) && near(rests, 0.25, 15)
}

// mergeDips joins efforts across their shortest gap while it is under
// half the median of the other gaps: at a pace little above the jog's,
// GPS wander dips a rep under the threshold for 5-50 s, while the rests
// last minutes. timedSeries then says whether what is left is a series.
func mergeDips(efforts []effort) []effort {
	out := slices.Clone(efforts)
	for len(out) >= 3 {
		k := 0
		gaps := make([]float64, len(out)-1)
		for i := range gaps {
			if gaps[i] = out[i+1].t0 - out[i].t1; gaps[i] < gaps[k] {
				k = i
			}
		}
		others := slices.Delete(slices.Clone(gaps), k, k+1)
		if !(gaps[k] < medianOf(others)/2) {
			break
		}
		out[k].t1 = out[k+1].t1
		out = slices.Delete(out, k+1, k+2)
	}
	return out
}

// trimShort leaves out efforts at either end shorter than half the median
// of the efforts: a pickup of the warm-up, or GPS wander read as one,
// beside a series of 7 min reps.
func trimShort(efforts []effort) []effort {
	if len(efforts) == 0 {
		return nil
	}
	m := medianOf(durations(efforts))
	for len(efforts) > 0 && efforts[0].t1-efforts[0].t0 < m/2 {
		efforts = efforts[1:]
	}
	for n := len(efforts); n > 0 && efforts[n-1].t1-efforts[n-1].t0 < m/2; n-- {
		efforts = efforts[:n-1]
	}
	return efforts
}

// jogged reports whether the runner ran every rest between efforts (over
// walk on average): stood or walked rests are fromRests'.
func jogged(st *stream, efforts []effort) bool {
	for i := 1; i < len(efforts); i++ {
		if st.meanEffort(efforts[i-1].t1, efforts[i].t0) < walk {
			return false
		}
	}
	return true
}

// durations returns the efforts' lengths in seconds.
func durations(efforts []effort) []float64 {
	out := make([]float64, len(efforts))
	for i, e := range efforts {
		out[i] = e.t1 - e.t0
	}
	return out
}

// minTimedContrast is the least pace contrast at which timedSeries is
// looked for; minTimedRep the shortest rep it takes, in seconds.
const (
	minTimedContrast = 1.1
	minTimedRep      = 90
)

// trimRunIns cuts a steady warm-up off the first effort, and a cool-down
// off the last, when the pace of the warm-up crossed the threshold too (a
// warm-up at 4:10/km before reps at 3:35/km, jogs at 6:40/km between): an
// edge effort more than twice as long as any other starts (ends) where its
// speed reaches the pace of the other efforts (runIn), fitted on the
// distance curve; without such a step it is a warm-up (cool-down) as a
// whole when it runs slower than easyEdge times the others. Efforts
// slower than easyEdge times the others and of no nominal distance, at
// either end, before a trimmed effort, are warm-up too.
func trimRunIns(st *stream, efforts []effort) []effort {
	if len(efforts) < 3 {
		return efforts
	}
	others := func(skip int) (float64, float64) {
		var v []float64
		longest := 0.0
		for i, e := range efforts {
			if i != skip {
				v = append(v, st.meanSpeed(int(e.t0), int(e.t1)+1))
				longest = max(longest, e.t1-e.t0)
			}
		}
		return medianOf(v), longest
	}
	long := func(i int) bool {
		_, longest := others(i)
		return efforts[i].t1-efforts[i].t0 > 2*longest
	}
	// trim cuts the easy part off long effort i, on its start (on its end
	// with after), and reports whether the effort is easy as a whole.
	trim := func(i int, after bool) bool {
		e := &efforts[i]
		rep, _ := others(i)
		a, b := int(e.t0), int(e.t1)+1
		k := runIn(st, a, b, rep, after)
		switch {
		case after && k < b:
			e.t1 = st.refine(float64(k), runInWindow, a, b-1, false)
		case !after && k > a:
			e.t0 = st.refine(float64(k), runInWindow, a, b-1, false)
		default:
			return st.meanSpeed(a, b) < easyEdge*rep
		}
		return false
	}
	slow := func(i int) bool {
		rep, _ := others(i)
		e := efforts[i]
		return st.meanSpeed(int(e.t0), int(e.t1)+1) < easyEdge*rep && nominal(st.distAt(e.t1)-st.distAt(e.t0)) == 0
	}
	allSlow := func(from, to int) bool {
		for k := from; k < to; k++ {
			if !slow(k) {
				return false
			}
		}
		return true
	}
	for i := 0; i+2 < len(efforts) && i < 3; i++ {
		if !long(i) {
			continue
		}
		keep := efforts[:0:0]
		if !allSlow(0, i) {
			keep = efforts[:i] // the pieces before are not warm-up
		}
		from := i
		if trim(i, false) {
			from = i + 1
		}
		efforts = append(keep, efforts[from:]...)
		break
	}
	for i := len(efforts) - 1; i >= 2 && i >= len(efforts)-3; i-- {
		if !long(i) {
			continue
		}
		var rest []effort
		if !allSlow(i+1, len(efforts)) {
			rest = efforts[i+1:] // the pieces after are not cool-down
		}
		to := i + 1
		if trim(i, true) {
			to = i
		}
		efforts = append(slices.Clone(efforts[:to]), rest...)
		break
	}
	return efforts
}
