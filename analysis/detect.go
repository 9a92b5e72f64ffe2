package analysis

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/geo"
	"github.com/lapkit/lapkit/internal/track"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/splits"
	"gonum.org/v1/gonum/stat"
)

// ErrNoDistance is returned for an activity with no distance stream (no
// device distance, no positions): there is nothing to find reps in.
var ErrNoDistance = errors.New("analysis: activity has no distance")

// Defaults of a zero Detector.
const (
	DefaultMinRep         = 25 * time.Second // shorter efforts are strides or surges
	DefaultMinRepDistance = 150.0            // metres; shorter efforts are strides
	DefaultMinContrast    = 1.25             // rep speed over easy speed
	NominalTolerance      = 0.075            // GPS on a track reads 400 m as 380-430 m
	MaxRest               = 15 * time.Minute // a longer rest between reps halves the confidence
	MaxDuration           = 24 * time.Hour   // longer recordings (a watch left running for days) are not looked at for reps
)

// NominalDistances are the standard rep distances a rep is matched to, in
// metres.
var NominalDistances = []float64{200, 300, 400, 500, 600, 800, 1000, 1200, 1600, lapkit.Mile, 2000}

// A Detector finds the reps of interval sessions. Its zero value is ready to
// use with the documented defaults, and it is safe for concurrent use.
type Detector struct {
	// MinRep and MinRepDistance: a fast effort shorter than either is a
	// stride (warm-up strides are about 100 m in 15-20 s), not a rep.
	// Defaults DefaultMinRep and DefaultMinRepDistance. A Plan with
	// shorter reps lowers them.
	MinRep         time.Duration
	MinRepDistance float64

	// MinContrast is how much faster than the easy running the reps must
	// be (ratio of speeds); below it the activity is not an interval
	// session (a steady or hilly run). Default DefaultMinContrast.
	MinContrast float64

	// Plan, when set, is the prior: the number of reps, their length, the
	// set structure. It never hides an effort: those it does not cover
	// stay reps, marked Rep.Unplanned.
	Plan *plan.Plan
}

func (d *Detector) minRep() (time.Duration, float64) {
	mr, md := d.MinRep, d.MinRepDistance
	if mr <= 0 {
		mr = DefaultMinRep
	}
	if md <= 0 {
		md = DefaultMinRepDistance
	}
	if d.Plan != nil {
		for _, s := range d.Plan.Sets {
			if s.Distance > 0 && s.Distance*0.6 < md {
				md = s.Distance * 0.6
			}
			if s.Duration > 0 && s.Duration*6/10 < mr {
				mr = s.Duration * 6 / 10
			}
		}
	}
	return mr, md
}

func (d *Detector) contrast() float64 {
	if d.MinContrast > 0 {
		return d.MinContrast
	}
	return DefaultMinContrast
}

// Detect finds the warm-up, reps, rests, sets and cool-down of a. An
// activity that is not an interval session gives a Session without reps (or
// with a Confidence under 0.5). It fails only with ErrNoDistance.
func Detect(a *lapkit.Activity) (*Session, error) {
	var d Detector
	return d.Detect(a)
}

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

	unplanned bool // the Detector's plan has no rep for it (Rep.Unplanned)

	// own is, for a manual lap, where the effort itself began and ended
	// (grid seconds), when an edge lies over pressSlack from the press.
	own *[2]float64
}

// Detect finds the warm-up, reps, rests, sets and cool-down of a. A nil
// Detector is a zero one; a nil activity fails with ErrNoDistance.
func (d *Detector) Detect(a *lapkit.Activity) (*Session, error) {
	if d == nil {
		d = &Detector{}
	}
	if a == nil {
		return nil, fmt.Errorf("analysis: a nil activity: %w", ErrNoDistance)
	}
	s, err := d.detect(a)
	if s != nil {
		s.Plan = d.Plan
	}
	return s, err
}

func (d *Detector) detect(a *lapkit.Activity) (*Session, error) {
	switch a.Sport {
	case "", "running", "walking", "hiking", "generic", "training":
	default:
		return &Session{Notes: []string{fmt.Sprintf("not a running activity (%s): no reps looked for", a.Sport)}}, nil
	}
	if a.Duration() > MaxDuration {
		return &Session{Notes: []string{fmt.Sprintf("activity of %v: longer than %v, not looked at for reps", a.Duration().Round(time.Minute), MaxDuration)}}, nil
	}
	st := newStream(a)
	if st == nil {
		return nil, ErrNoDistance
	}
	s := &Session{}
	efforts, q := d.fromLaps(a, st, s)
	if len(efforts) < 2 {
		s.Strides = nil
		s.Notes = slices.DeleteFunc(s.Notes, func(n string) bool { return strings.HasPrefix(n, lapsNote) })
		notes := len(s.Notes)
		efforts, q = d.fromStream(st, s)
		if len(efforts) >= 2 && len(s.Notes) == notes {
			why := "the laps mark no reps"
			if len(a.Laps) < 3 {
				why = "the file has no laps to go by"
			}
			s.Notes = append(s.Notes, "reps from the stream: "+why+"; the efforts stand out from the easy running by their pace")
		}
	}
	efforts = clampEfforts(efforts, st)
	if d.Plan == nil {
		efforts = dropStrides(efforts, st, s)
	}
	efforts = d.applyPlan(efforts, st, s)
	if d.searchable(efforts, q) {
		// The plan says the reps were run: look for them (laps the
		// device closed say better where a rep was, and an easy
		// step run at the floats' pace is not run harder).
		if n, found := planned(efforts), d.searchPlan(st); len(found) > n {
			s.Notes = append(s.Notes, fmt.Sprintf("the efforts that stand out held %d of the %d planned reps: took instead the fastest stretch of each planned length, %d of them faster than the run's median pace by %.0f %% or more", n, d.Plan.Reps(), len(found), 100*(planFaster-1)))
			efforts, q = keepApart(found, efforts), quality{contrast: 2, sep: 0.7}
		}
	}
	if len(efforts) < 2 {
		s.Notes = append(s.Notes, "no interval structure: fewer than two efforts stand out from the easy running")
		s.Reps, s.Source = nil, ""
		return s, nil
	}
	d.build(a, st, s, efforts, q)
	if d.Plan == nil && s.Source == SourceDetected {
		if lead, trail := edgeSets(s); lead+trail > 0 {
			efforts = efforts[lead : len(efforts)-trail]
			s.Reps, s.Rests, s.WarmUp, s.CoolDown = nil, nil, nil, nil
			d.build(a, st, s, efforts, q)
			s.Notes = append(s.Notes, fmt.Sprintf("left out %d efforts in the warm-up and %d in the cool-down: slower than the reps and of no standard length", lead, trail))
		}
	}
	return s, nil
}

// edgeSets returns how many reps the first and the last set hold when
// that set is a warm-up pickup or a cool-down surge rather than reps: every
// effort in it either slower than edgeSlower times the median speed of the
// other reps and of no nominal distance, or slower than that median and
// under 80 % of the shortest other rep (a 200 m pickup before 400 m reps; a
// 1600 m at 5K pace before them is kept), with at least three reps left.
// Found from the stream alone, such efforts stand apart from the block of
// reps by a set rest.
func edgeSets(s *Session) (lead, trail int) {
	if s.Sets < 2 {
		return 0, 0
	}
	count := func(set int) int {
		n := 0
		for _, r := range s.Reps {
			if r.Set == set {
				n++
			}
		}
		return n
	}
	slow := func(set int) bool {
		var others []float64
		shortest := math.Inf(1)
		for _, r := range s.Reps {
			if r.Set != set {
				others = append(others, r.AvgSpeed)
				shortest = min(shortest, r.Distance)
			}
		}
		m := medianOf(others)
		for _, r := range s.Reps {
			slower := r.AvgSpeed < edgeSlower*m && r.Nominal == 0
			shorter := r.AvgSpeed < m && r.Distance < 0.8*shortest
			if r.Set == set && !slower && !shorter {
				return false
			}
		}
		return true
	}
	if n := count(1); len(s.Reps)-n >= 3 && slow(1) {
		lead = n
	}
	if n := count(s.Sets); len(s.Reps)-lead-n >= 3 && slow(s.Sets) {
		trail = n
	}
	return lead, trail
}

// edgeSlower: see edgeSets.
const edgeSlower = 0.92

// clampEfforts keeps efforts inside the recording (laps may start before
// the first sample) and drops those left empty.
func clampEfforts(in []effort, st *stream) []effort {
	end := float64(st.n - 1)
	out := in[:0]
	for _, e := range in {
		if e.t0 < 0 || e.t1 > end {
			e.laps = false // cut: the laps' totals no longer apply
		}
		e.t0, e.t1 = math.Max(0, e.t0), math.Min(end, e.t1)
		if e.t1 > e.t0 {
			out = append(out, e)
		}
	}
	return out
}

// walk is the speed under which a lap or rest is walked or stood: 2 m/s,
// 8:20/km.
const walk = 2.0

// dropShort moves efforts shorter than the minimum rep into s.Strides.
func (d *Detector) dropShort(in []effort, st *stream, s *Session) []effort {
	mr, md := d.minRep()
	var out []effort
	for _, e := range in {
		dist := st.distAt(e.t1) - st.distAt(e.t0)
		if e.t1-e.t0 < mr.Seconds() || dist < md {
			s.Strides = append(s.Strides, st.span(e.t0, e.t1))
			continue
		}
		out = append(out, e)
	}
	return out
}

// dropStrides moves the short pickups before the first rep and after the
// last into s.Strides: efforts under maxStride that last under strideShare
// of the median of the others (strides of 20-30 s before 1000 m reps; not
// the first 200 m of a set of them), two or more of them, or one set apart
// from the reps by more than 1.5 times their median gap (the last 200 m
// rung of a ladder, after the usual rest, is a rep). Two efforts or more
// are left.
func dropStrides(in []effort, st *stream, s *Session) []effort {
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
		s.Strides = append(s.Strides, st.span(e.t0, e.t1))
	}
	for _, e := range in[trail:] {
		s.Strides = append(s.Strides, st.span(e.t0, e.t1))
	}
	if lead > 0 || trail < len(in) {
		s.Notes = append(s.Notes, fmt.Sprintf("left out %d short pickups before the reps and %d after them as strides", lead, len(in)-trail))
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

// span returns the stretch from k0 to k1 seconds from the stream's start.
func (st *stream) span(k0, k1 float64) Span {
	x := Span{Start: st.time(k0), End: st.time(k1), Distance: st.distAt(k1) - st.distAt(k0)}
	x.StartOffset, x.EndOffset = x.Start.Sub(st.act.Start), x.End.Sub(st.act.Start)
	return x
}

// distAt returns the distance at k seconds from the start, from the
// samples (the grid interpolates them the same way).
func (st *stream) distAt(k float64) float64 {
	return st.sampleAt(k, sampleDistance)
}

// fromStream finds reps in the speed stream: efforts above the Otsu
// threshold between easy and fast running (with hysteresis), gaps under
// 10 s merged, strides dropped, edges refined on the distance curve.
func (d *Detector) fromStream(st *stream, s *Session) ([]effort, quality) {
	st.smooth() // builds the grid too
	var vals []float64
	for k, v := range st.effort {
		if v > walk && !st.paused[k] {
			vals = append(vals, v)
		}
	}
	t, slow, fast, sep, ok := otsu(vals, nil)
	q := quality{contrast: fast / slow, sep: sep}
	// A steady or rolling run has one hump of speeds that Otsu still cuts
	// in two; intervals have two levels.
	if !ok || slow <= 0 || q.contrast < d.contrast() || sep < minSeparation {
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
				return nil, quality{}
			}
			if out = d.finishStream(out, st, s, false); len(out) >= 2 {
				s.Notes = append(s.Notes, "reps from the stream: the runs between the stops (standing or walking rests); the pace alone does not tell them from the easy running")
			}
			return out, q
		}
		t, slow, fast, q = t2, slow2, fast2, quality{contrast: fast2 / math.Max(slow2, 0.5), sep: sep2}
	}
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
	merged = st.trimRunIns(merged)
	return d.finishStream(merged, st, s, true), q
}

// trimRunIns cuts a steady warm-up off the first effort, and a cool-down
// off the last, when the pace of the warm-up crossed the threshold too (a
// warm-up at 4:10/km before reps at 3:35/km, jogs at 6:40/km between): an
// edge effort more than twice as long as any other starts (ends) where its
// speed reaches the pace of the other efforts (runIn), fitted on the
// distance curve; without such a step it is a warm-up (cool-down) as a
// whole when it runs slower than easyEdge times the others. Efforts
// slower than easyEdge times the others and of no nominal distance, at
// either end, before a trimmed effort, are warm-up too.
func (st *stream) trimRunIns(efforts []effort) []effort {
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
		k := st.runIn(a, b, rep, after)
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

// finishStream moves the efforts too short for a rep into s.Strides,
// joins efforts split by a brief gap, and refines the edges on the
// distance curve; with snap, it ends them at a nominal distance where the
// reps were run to it. Without (reps found by their stops), an edge moves
// no further than its window: the runner stopped there, or stopped the
// timer, and across a pause the samples around it lie far apart.
func (d *Detector) finishStream(merged []effort, st *stream, s *Session, snap bool) []effort {
	merged = d.dropShort(merged, st, s)
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
	st.refineEdges(merged, func(e effort) int {
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
	if snap {
		st.snapEnds(merged, climb)
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
func (st *stream) snapEnds(efforts []effort, climb bool) {
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

// overRead estimates by how much a distance summed from GPS positions
// between k0 and k1 seconds exceeds the distance run, as a fraction: GPS
// error wanders sideways from one fix to the next and every step sums it.
// Where the fixes are 1 s apart it compares each pair of steps with the
// chord over both: position error that wanders like a random walk makes
// the steps over-read by twice as much as they exceed their chords (a
// track's bends add about 0.2 %), and steps of n seconds n times less.
// Where fewer than half the seconds have such fixes (smart recording,
// which records the bends at 1 s and the straights sparsely, from a watch
// that filters its fixes) it returns 0.
func (st *stream) overRead(k0, k1 float64) float64 {
	times := st.times()
	i := st.search(k0)
	var steps, chords float64
	n := 0
	for ; i+2 < len(st.smp) && times[i+2] <= k1; i++ {
		if times[i+2]-times[i] > 2.5 {
			continue
		}
		a, b, c := &st.smp[i], &st.smp[i+1], &st.smp[i+2]
		if !a.HasPosition() || !b.HasPosition() || !c.HasPosition() {
			continue
		}
		steps += geo.Distance(a.Lat, a.Lon, b.Lat, b.Lon) + geo.Distance(b.Lat, b.Lon, c.Lat, c.Lon)
		chords += geo.Distance(a.Lat, a.Lon, c.Lat, c.Lon)
		n++
	}
	if chords == 0 || float64(n) < (k1-k0)/2 || k1 <= k0 {
		return 0
	}
	// The 1 s steps over-read by 2 (steps/chords - 1); the distance
	// merges them into steps of ChordSeconds, whose over-read is that
	// many times less.
	v := (st.distAt(k1) - st.distAt(k0)) / (k1 - k0)
	return 2 * (steps/chords - 1) / track.ChordSeconds(v)
}

// timeAtDist returns when the distance first reached d, in seconds from
// the start, interpolated between samples.
func (st *stream) timeAtDist(d float64) float64 {
	smp := st.smp
	i := sort.Search(len(smp), func(i int) bool { return smp[i].Distance >= d })
	switch {
	case i == 0:
		return 0
	case i == len(smp):
		return float64(st.n - 1)
	}
	p, q := &smp[i-1], &smp[i]
	f := (d - p.Distance) / (q.Distance - p.Distance)
	return (float64(p.Time.Sub(st.t0)) + f*float64(q.Time.Sub(p.Time))) / float64(time.Second)
}

// refineEdges moves every edge to where the distance curve bends, searching
// window(e) seconds around it without crossing the neighbouring efforts;
// with keep, the edge moves no further than that; with climb (hill reps),
// the bend in the altitude counts too. An edge at the start or
// the end of the recording stays.
func (st *stream) refineEdges(efforts []effort, window func(effort) int, keep, climb bool) {
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
		if e.t0 > 1 {
			e.t0 = move(st.refine(e.t0, w, lo, int(e.t1), climb), e.t0)
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

// applyPlan matches, when a plan is given, the efforts to its reps in
// order (alignLengths: by length). An effort the plan does not cover stays
// a rep, marked unplanned (an extra rep, or reps of another length than
// planned), unless it is a stride: a short pickup (under DefaultMinRep or
// DefaultMinRepDistance) before or after the planned reps, listed with the
// strides. Notes say what was set aside.
func (d *Detector) applyPlan(in []effort, st *stream, s *Session) []effort {
	if d.Plan == nil || d.Plan.Reps() == 0 || len(in) == 0 {
		return in
	}
	match := alignLengths(effortLens(in, st), d.Plan)
	first, last := -1, -1
	for i, m := range match {
		if m.ok && first < 0 {
			first = i
		}
		if m.ok {
			last = i
		}
	}
	if first < 0 {
		// Nothing like the plan: the efforts as they would be
		// without it, each unplanned.
		in = dropStrides(in, st, s)
		for i := range in {
			in[i].unplanned = true
		}
		return in
	}
	out := make([]effort, 0, len(in))
	strides := 0
	for i, e := range in {
		if !match[i].ok {
			if (i < first || i > last) && (e.t1-e.t0 < DefaultMinRep.Seconds() || st.distAt(e.t1)-st.distAt(e.t0) < DefaultMinRepDistance) {
				s.Strides = append(s.Strides, st.span(e.t0, e.t1))
				strides++
				continue
			}
			e.unplanned = true
		}
		out = append(out, e)
	}
	if strides > 0 {
		s.Notes = append(s.Notes, fmt.Sprintf("left out %d short pickups outside the planned reps as strides", strides))
	}
	return out
}

// searchable tells whether to look for the plan's reps in the run itself
// (searchPlan): when the efforts found from the stream hold fewer reps than
// planned, and either fewer than two efforts stand out at all, or some
// match the plan but stand out from the easy running by less than
// searchContrast (reps barely faster than the jogs). Efforts that stand
// out clearly are the reps run: a plan of 16 reps does not make 4 more of
// a run of 12, and a plan of 400s does not cut 400s out of 1000s.
func (d *Detector) searchable(efforts []effort, q quality) bool {
	if d.Plan == nil || len(efforts) > 0 && efforts[0].source != SourceDetected {
		return false
	}
	n := planned(efforts)
	switch {
	case n >= d.Plan.Reps():
		return false
	case len(efforts) < 2:
		return true
	}
	return n > 0 && q.contrast < searchContrast
}

// searchContrast: see searchable.
const searchContrast = 1.6

// effortLens returns the length of each effort.
func effortLens(in []effort, st *stream) []repLen {
	lens := make([]repLen, len(in))
	for i, e := range in {
		lens[i] = repLen{st.distAt(e.t1) - st.distAt(e.t0), time.Duration((e.t1 - e.t0) * float64(time.Second))}
	}
	return lens
}

// planned counts the efforts a plan covers.
func planned(in []effort) int {
	n := 0
	for _, e := range in {
		if !e.unplanned {
			n++
		}
	}
	return n
}

// pressNotes says how far the presses of a manual lap lie from the
// effort's own edges, when over pressSlack: "lap pressed 2.8 s after the
// effort ended".
func pressNotes(lap, own Span) []string {
	var out []string
	for _, e := range []struct {
		press, edge time.Time
		what        string
	}{{lap.Start, own.Start, "began"}, {lap.End, own.End, "ended"}} {
		d := math.Round(e.press.Sub(e.edge).Seconds()*10) / 10
		switch {
		case d > pressSlack:
			out = append(out, fmt.Sprintf("lap pressed %.1f s after the effort %s", d, e.what))
		case d < -pressSlack:
			out = append(out, fmt.Sprintf("lap pressed %.1f s before the effort %s", -d, e.what))
		}
	}
	return out
}

// build turns efforts into reps, rests and sets with their figures.
func (d *Detector) build(a *lapkit.Activity, st *stream, s *Session, efforts []effort, q quality) {
	var sp splits.Splitter
	s.Source = efforts[0].source
	// Strides come before the reps or in the 10 minutes after them;
	// short bursts between them or later in a run are surges or GPS
	// noise, and are not listed.
	var strides []Span
	lastEnd := st.time(efforts[len(efforts)-1].t1)
	for _, x := range s.Strides {
		if !x.End.After(st.time(efforts[0].t0)) || !x.Start.Before(lastEnd) && x.Start.Before(lastEnd.Add(maxStridesAfter)) {
			strides = append(strides, x)
		}
	}
	s.Strides = strides
	s.Reps = make([]Rep, 0, len(efforts))
	s.Rests = make([]Rest, 0, len(efforts)-1)
	for _, e := range efforts {
		r := Rep{Span: st.span(e.t0, e.t1), Source: e.source, Unplanned: e.unplanned}
		x := sp.Between(a, r.Start, r.End)
		r.Moving = x.Moving
		if e.laps && e.lapDist > 0 {
			// The watch's own figures for its laps.
			r.Distance = e.lapDist
			if e.lapTimer > 0 {
				r.Moving = e.lapTimer
			}
		}
		if e.laps && !e.lapStart.IsZero() && e.lapEnd.After(e.lapStart) {
			// Exactly the laps' times (the grid seconds round them).
			r.Start, r.End = e.lapStart, e.lapEnd
			r.StartOffset, r.EndOffset = r.Start.Sub(a.Start), r.End.Sub(a.Start)
		}
		if r.Moving > 0 {
			r.AvgSpeed = r.Distance / r.Moving.Seconds()
		}
		r.MaxSpeed = st.maxSpeed(e.t0, e.t1)
		r.AvgHeartRate, r.MaxHeartRate, r.AvgCadence = x.AvgHeartRate, x.MaxHeartRate, x.AvgCadence
		if !e.timed {
			r.Nominal = nominal(r.Distance)
		}
		r.Quality = repQuality(a, r)
		if e.own != nil {
			x := st.span(e.own[0], e.own[1])
			r.Effort = &x
			r.Notes = pressNotes(r.Span, x)
		}
		s.Reps = append(s.Reps, r)
	}
	first, last := efforts[0], efforts[len(efforts)-1]
	if first.t0 > 1 {
		w := st.span(0, first.t0)
		s.WarmUp = &w
	}
	if end := float64(st.n - 1); end-last.t1 > 1 {
		c := st.span(last.t1, end)
		s.CoolDown = &c
	}
	for i := 0; i+1 < len(efforts); i++ {
		r := Rest{Span: st.span(efforts[i].t1, efforts[i+1].t0)}
		// From the end of one rep to the start of the next, exactly.
		r.Start, r.End = s.Reps[i].End, s.Reps[i+1].Start
		r.StartOffset, r.EndOffset = r.Start.Sub(a.Start), r.End.Sub(a.Start)
		if dur := r.Duration().Seconds(); dur > 0 {
			r.AvgSpeed = r.Distance / dur
		}
		r.Standing = r.AvgSpeed < walk
		s.Rests = append(s.Rests, r)
	}
	d.assignSets(s)
	s.Confidence = confidence(s, q)
	for i := range s.Reps {
		s.Reps[i].Confidence = s.Confidence
	}
}

// assignSets numbers the reps by set: from the plan when given. Otherwise
// a change of rep kind starts a set (blockStarts: 3 x 1600 m then 6 x 200
// m are two sets; the rungs of a ladder are one), and within each block
// the rests split into short (within a set) and long (between sets) at the
// largest ratio between consecutive sorted rest times, when it is at least
// 2.5 (60 s and 3 min; not the 400 m and 800 m jogs of a ladder).
func (d *Detector) assignSets(s *Session) {
	isSetRest := make([]bool, len(s.Rests))
	if d.Plan != nil && len(d.Plan.Sets) > 1 {
		// The rest after the planned rep that closes a planned set
		// (unplanned reps are not counted).
		closes := map[int]bool{}
		k := 0
		for _, ps := range d.Plan.Sets {
			k += ps.Reps
			closes[k] = true
		}
		k = 0
		for i, r := range s.Reps[:len(isSetRest)] {
			if !r.Unplanned {
				k++
				isSetRest[i] = closes[k]
			}
		}
	} else {
		starts := blockStarts(s.Reps)
		from := 0
		for i := 1; i <= len(s.Reps); i++ {
			if i < len(s.Reps) && !starts[i] {
				continue
			}
			// The reps from..i-1 are one block; the rest before i
			// closes a set.
			if i < len(s.Reps) {
				isSetRest[i-1] = true
			}
			restSets(s.Rests[from:max(from, i-1)], isSetRest[from:max(from, i-1)])
			from = i
		}
	}
	set, n := 1, 0
	for i := range s.Reps {
		n++
		s.Reps[i].Set, s.Reps[i].N = set, n
		if i < len(s.Rests) {
			s.Rests[i].AfterSet, s.Rests[i].AfterRep = set, n
			s.Rests[i].Kind = RepRest
			if isSetRest[i] {
				s.Rests[i].Kind = SetRest
				set, n = set+1, 0
			}
		}
	}
	s.Sets = set
}

// restSets marks the long rests of a block as set rests: split at the
// largest ratio between consecutive sorted rest times, when it is at least
// 2.5 and the long rests are fewer than the short ones.
func restSets(rests []Rest, isSetRest []bool) {
	if len(rests) < 2 {
		return
	}
	durs := make([]float64, len(rests))
	for i, r := range rests {
		durs[i] = r.Duration().Seconds()
	}
	sorted := append([]float64(nil), durs...)
	sort.Float64s(sorted)
	best, cut := 1.0, math.Inf(1)
	for i := 0; i+1 < len(sorted); i++ {
		// The long rests close sets of at least two reps: fewer of
		// them than short ones.
		if long := len(sorted) - i - 1; sorted[i] > 0 && long <= i+1 {
			if r := sorted[i+1] / sorted[i]; r > best {
				best, cut = r, sorted[i+1]
			}
		}
	}
	if best >= 2.5 {
		for i, v := range durs {
			isSetRest[i] = v >= cut
		}
	}
}

// blockStarts reports, for each rep, whether it starts a block of another
// kind than the reps before it. Reps are alike when their distances or
// their times are within a factor of 1.3; a run of alike reps is a block.
// A change of block starts a set when both blocks hold three reps or more
// and differ by a factor of 1.5, or hold two or more and differ by 2.5 (3
// x 1600 m and 6 x 200 m); single rungs of a ladder (1200-800-400-200) and
// pairs close in length (2 x 400 m, 2 x 800 m) stay one set.
func blockStarts(reps []Rep) []bool {
	starts := make([]bool, len(reps))
	ratio := func(a, b float64) float64 { return max(a, b) / math.Max(min(a, b), 1e-9) }
	differ := func(a, b Rep) float64 {
		return min(ratio(a.Distance, b.Distance), ratio(a.Duration().Seconds(), b.Duration().Seconds()))
	}
	var blocks [][2]int // first rep, one past the last
	for i := range reps {
		if i == 0 || differ(reps[i-1], reps[i]) > 1.3 {
			blocks = append(blocks, [2]int{i, i + 1})
			continue
		}
		blocks[len(blocks)-1][1] = i + 1
	}
	for k := 1; k < len(blocks); k++ {
		a, b := blocks[k-1], blocks[k]
		na, nb := a[1]-a[0], b[1]-b[0]
		f := differ(reps[(a[0]+a[1])/2], reps[(b[0]+b[1])/2])
		if na >= 3 && nb >= 3 && f >= 1.5 || na >= 2 && nb >= 2 && f >= 2.5 {
			starts[b[0]] = true
		}
	}
	return starts
}

// nominal returns the standard distance within NominalTolerance of d, or 0.
func nominal(d float64) float64 {
	best, off := 0.0, NominalTolerance
	for _, n := range NominalDistances {
		if o := math.Abs(d/n - 1); o <= off {
			best, off = n, o
		}
	}
	return best
}

// confidence scores the structure from 0 to 1: the speed contrast between
// reps and easy running, how cleanly the speeds split into two levels, the
// number of reps, how alike the rep speeds are and the source, gated by
// how each rep stands out from the rests beside it and how short the rests
// within sets are against the reps.
func confidence(s *Session, q quality) float64 {
	c := math.Min(1, math.Max(0, (q.contrast-1)/0.5))
	sep := math.Min(1, math.Max(0, (q.sep-0.55)/0.3))
	n := math.Min(1, float64(len(s.Reps))/4)
	// Regularity: reps are all run hard, so their speeds are alike
	// (ladders of 400s and 800s too); a rolling run's surges are not.
	var m, v float64
	for _, r := range s.Reps {
		m += r.AvgSpeed
	}
	m /= float64(len(s.Reps))
	for _, r := range s.Reps {
		v += (r.AvgSpeed - m) * (r.AvgSpeed - m)
	}
	cv := math.Sqrt(v/float64(len(s.Reps))) / m
	reg := math.Min(1, math.Max(0, 1-(cv-0.05)/0.15))
	// Each rep against the rests beside it: intervals alternate hard and
	// easy, a rolling run does not. And the rests within sets are short
	// beside the reps: a minute at 3:00/km followed by 12 minutes of
	// easy running is a surge, not an interval.
	var pairs, ratios []float64
	for i, r := range s.Reps {
		var rs []Rest
		if i > 0 {
			rs = append(rs, s.Rests[i-1])
		}
		if i < len(s.Rests) {
			rs = append(rs, s.Rests[i])
		}
		for _, x := range rs {
			if x.Kind == RepRest && r.Duration() > 0 {
				ratios = append(ratios, x.Duration().Seconds()/r.Duration().Seconds())
			}
			pairs = append(pairs, r.AvgSpeed/math.Max(x.AvgSpeed, 0.5))
		}
	}
	pair, restRatio := 1.0, 1.0
	if len(pairs) > 0 && !q.labelled {
		pair = math.Min(1, math.Max(0, (medianOf(pairs)-1.05)/0.2))
	}
	if len(ratios) > 0 {
		// Rests up to 4 times the rep (a 200 m rep with 90 s) are
		// normal, 8 times is not; under a tenth of the rep (15 s after
		// 3 min) they are stops at a crossing in a continuous run.
		m := medianOf(ratios)
		restRatio = math.Min(1, math.Max(0, math.Min((8-m)/4, (m-0.08)/0.12)))
	}
	// No session rests for 15 minutes between reps (the longest jogs
	// between rounds are 6-8 min, 2 km at 6:00/km is 12): such "reps" are
	// surges in a run.
	long := 1.0
	for _, x := range s.Rests {
		if x.Duration() > MaxRest {
			long = 0.5
		}
	}
	src := map[Source]float64{SourceWorkoutStep: 1, SourceManualLap: 0.95, SourceAutoLap: 0.9, SourceDetected: 0.85}[s.Source]
	score := 0.25*c + 0.3*sep + 0.2*n + 0.25*reg
	return math.Round(100*src*score*pair*restRatio*long*(1-q.irregular)) / 100
}

func medianOf(x []float64) float64 {
	y := append([]float64(nil), x...)
	sort.Float64s(y)
	if len(y)%2 == 1 {
		return y[len(y)/2]
	}
	return (y[len(y)/2-1] + y[len(y)/2]) / 2
}

// minSeparation is the least share of the speed variance between easy and
// fast running for the stream to hold intervals: a single normal hump
// gives 0.64 at best, real interval sessions 0.67 and more, steady and
// hilly runs 0.4 to 0.6.
const minSeparation = 0.6

// quality is how clearly the reps stand out.
type quality struct {
	contrast  float64 // rep speed over easy speed
	sep       float64 // Otsu separability, 0 to 1
	irregular float64 // 0 to 1: how far the rests and rep speeds are from alike (reps told by the stops alone); the confidence is scaled by 1 - irregular
	labelled  bool    // the device's workout steps mark the reps: the pace of the rests beside them does not gate the confidence
}

// repQuality returns the data-quality flags of rep r (Rep.Quality).
func repQuality(a *lapkit.Activity, r Rep) []string {
	var q []string
	for _, n := range a.Notes {
		if !n.Time.IsZero() && !n.Time.Before(r.Start) && !n.Time.After(r.End) && !slices.Contains(q, n.Kind) {
			q = append(q, n.Kind)
		}
	}
	xs := a.Samples
	i := sort.Search(len(xs), func(i int) bool { return !xs[i].Time.Before(r.Start) })
	frozen, gap := false, false
	if end := r.End.UnixNano(); i < len(xs) {
		// Times as Unix nanoseconds: this runs on every sample of every rep.
		prev := xs[i].Time.UnixNano()
		f, tf := i, prev // the sample since which the distance has moved less than a metre
		for k := i + 1; k < len(xs); k++ {
			t := xs[k].Time.UnixNano()
			if t > end {
				break
			}
			if t-prev > int64(10*time.Second) {
				gap = true
			}
			prev = t
			if xs[k].Distance-xs[f].Distance >= 1 {
				f, tf = k, t
			} else if t-tf >= int64(5*time.Second) {
				frozen = true
			}
		}
	}
	if frozen && !slices.Contains(q, QualityFrozen) {
		q = append(q, QualityFrozen)
	}
	if gap {
		q = append(q, QualityGap)
	}
	if r.AvgSpeed > 10 {
		q = append(q, QualityTooFast)
	}
	return q
}
