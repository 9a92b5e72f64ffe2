package analysis

import (
	"math"
	"slices"
	"time"

	"github.com/lapkit/lapkit"
	"gonum.org/v1/gonum/stat"
)

// lapSpeed returns the distance in metres between two lap times, and the
// effort speed in m/s: the distance over the time the timer ran, adjusted
// for the grade (as the stream's effort speed), so that a hill climbed
// hard reads fast.
func lapSpeed(st *stream, start, end time.Time) (dist, v float64) {
	k0, k1 := start.Sub(st.t0).Seconds(), end.Sub(st.t0).Seconds()
	moving := st.act.MovingBetween(start, end).Seconds()
	p0, p1 := st.point(k0), st.point(k1)
	dist = p1.at(sampleDistance) - p0.at(sampleDistance)
	if moving <= 0 || dist <= 0 {
		return dist, 0
	}
	v = dist / moving
	if a0, a1 := p0.at(sampleAltitude), p1.at(sampleAltitude); !math.IsNaN(a0) && !math.IsNaN(a1) && dist > 10 {
		v = effortSpeed(v, (a1-a0)/dist)
	}
	return dist, v
}

// A lapUnit is one lap, or the consecutive laps the device tied to one
// workout step (auto laps that fired inside a step of 2 km or 15 min).
type lapUnit struct {
	i, j       int // first and last lap
	start, end time.Time
	t0, t1     float64          // start and end, seconds from the stream's start
	step       int              // workout step index, -1 when none
	role       lapkit.Intensity // from the laps' intensity, the workout's step, or inferred; IntensityUnknown when not known
	auto       bool             // every lap of it an auto lap (distance, time or position)
	timed      bool             // every lap of it closed on time
	speed      float64          // effort speed, m/s
	secs, dist float64          // elapsed seconds and metres, from the samples
	lapDist    float64          // the laps' own distance, metres; NaN when a lap has none
	lapTimer   time.Duration    // the laps' own timer time
}

// blip reports whether a unit is a lap of a few seconds not tied to a
// workout step (a lap pressed twice, the seconds between the last lap
// press and stopping the watch): never a rep, nor part of one.
func (u *lapUnit) blip() bool { return u.step < 0 && u.secs < minLap }

// minLap is the shortest lap, in seconds, not tied to a workout step that
// can be a rep or part of one.
const minLap = 10

// lapUnits groups the laps into units and reads their roles.
func lapUnits(a *lapkit.Activity, st *stream) []lapUnit {
	laps := a.Laps
	us := make([]lapUnit, 0, len(laps))
	for i := 0; i < len(laps); i++ {
		j := i
		if laps[i].WorkoutStep >= 0 {
			for j+1 < len(laps) && laps[j+1].WorkoutStep == laps[i].WorkoutStep && laps[j+1].Intensity == laps[i].Intensity &&
				!laps[j+1].Start.After(laps[j].End.Add(2*time.Second)) {
				j++
			}
		}
		u := lapUnit{i: i, j: j, start: laps[i].Start, end: laps[j].End, step: laps[i].WorkoutStep, role: lapRole(&laps[i], a.Workout), auto: true, timed: true}
		for k := i; k <= j; k++ {
			u.lapDist += laps[k].Distance
			u.lapTimer += laps[k].TimerTime
			u.timed = u.timed && laps[k].Trigger == lapkit.LapTriggerTime
			switch laps[k].Trigger {
			case lapkit.LapTriggerDistance, lapkit.LapTriggerTime, lapkit.LapTriggerPosition:
			default:
				u.auto = false
			}
		}
		u.dist, u.speed = lapSpeed(st, u.start, u.end)
		u.t0, u.t1 = u.start.Sub(st.t0).Seconds(), u.end.Sub(st.t0).Seconds()
		u.secs = u.t1 - u.t0
		us = append(us, u)
		i = j
	}
	return us
}

// lapRole returns what a lap is: its intensity or, when the lap carries
// only a step index, the intensity of that step in the workout.
func lapRole(l *lapkit.Lap, w *lapkit.Workout) lapkit.Intensity {
	if l.Intensity != lapkit.IntensityUnknown || w == nil || l.WorkoutStep < 0 {
		return l.Intensity
	}
	for _, st := range w.Steps {
		if st.Index == l.WorkoutStep {
			return st.Intensity
		}
	}
	return lapkit.IntensityUnknown
}

// lapsNote starts the note that says which evidence in the laps gave the
// reps.
const lapsNote = "reps from the laps: "

// easyFactor is how much faster than the running rests (or than the units
// beside it) a work lap must be to be run harder: an active step run at
// the pace of the floats around it (a steady 2 min) is not a rep.
const easyFactor = 1.08

// fromLaps finds reps in the device's laps, best evidence first: the
// laps' roles (intensities, the workout's steps, or the steps that repeat
// and alternate), then laps faster than the easy ones where the laps carry
// interval information (workout steps, manual presses, or auto laps of 500
// m or less on a track), then running laps that alternate with standing
// ones, then laps whose length repeats and alternates with laps of another
// length, run faster than them. It notes which evidence it used.
func (d *Detector) fromLaps(a *lapkit.Activity, st *stream, s *Session) ([]effort, quality) {
	if len(a.Laps) < 3 {
		return nil, quality{}
	}
	us := lapUnits(a, st)
	hasSteps, manual, short := false, false, true
	for _, l := range a.Laps {
		hasSteps = hasSteps || l.WorkoutStep >= 0
		manual = manual || l.Trigger == lapkit.LapTriggerManual
		if l.Trigger == lapkit.LapTriggerDistance && l.Distance > 550 {
			short = false
		}
	}
	// Laps nearly all of one distance are auto laps, whatever trigger
	// the device wrote (COROS writes none).
	autoDist, autoLike := sameDistance(a.Laps)
	if autoLike && autoDist > 550 {
		short = false
	}
	note := func(why string) { s.Notes = append(s.Notes, lapsNote+why) }
	if out, q := d.fromRoles(st, s, us, SourceWorkoutStep); out != nil {
		note("the laps' intensities (or their workout steps') mark the work steps")
		return out, q
	}
	if hasSteps {
		key := make([]int, len(us))
		for k, u := range us {
			key[k] = u.step
		}
		if c := slices.Clone(us); inferRoles(c, key) {
			if out, q := d.fromRoles(st, s, c, SourceWorkoutStep); out != nil {
				note("the laps carry workout steps without intensities: the steps that repeat and run faster than the steps beside them are the work")
				return out, q
			}
		}
	}
	source := SourceAutoLap
	switch {
	case hasSteps:
		source = SourceWorkoutStep
	case manual:
		source = SourceManualLap
	case !short:
		return nil, quality{} // 1 km or mile auto laps say nothing about reps
	}
	if out, q := d.fromContrast(st, s, us, source); out != nil {
		note("some laps run faster than the easy ones")
		return out, q
	}
	if out := restLed(us); out != nil {
		note("running laps alternate with standing or walking ones")
		return d.finishLaps(out, st, s, source), quality{contrast: 2, sep: 1}
	}
	if c := slices.Clone(us); !hasSteps && !autoLike && inferRoles(c, lengthClasses(c)) {
		if out, q := d.fromRoles(st, s, c, source); out != nil {
			note("laps of a repeated length alternate with laps of another, and run faster than them")
			return out, q
		}
	}
	return nil, quality{}
}

// fromRoles makes efforts of the units the roles mark active, between
// units marked rest or recovery: less active units run no harder than the
// running rests (easyFactor; an easy step the device marks active), a
// warm-up or cool-down marked active at either end (easyEdge), and
// strides. It returns nil when the roles mark fewer than two work units or
// no rest.
func (d *Detector) fromRoles(st *stream, s *Session, us []lapUnit, source Source) ([]effort, quality) {
	var rv, rw []float64
	rests, works := 0, 0
	for _, u := range us {
		switch u.role {
		case lapkit.IntensityActive:
			works++
		case lapkit.IntensityRest, lapkit.IntensityRecovery:
			rests++
			if u.speed >= walk {
				rv, rw = append(rv, u.speed), append(rw, u.secs)
			}
		}
	}
	if works < 2 || rests == 0 {
		return nil, quality{}
	}
	floor := 0.0
	if len(rv) > 0 {
		floor = easyFactor * stat.Mean(rv, rw) // weighted by time
	}
	keep := make([]bool, len(us))
	for k, u := range us {
		keep[k] = u.role == lapkit.IntensityActive && u.speed > floor && !u.blip()
	}
	out := easyEdges(us, keep)
	if len(out) < 2 {
		return nil, quality{}
	}
	// Roles from the device's workout steps need no pace contrast to
	// be believed; roles read from repeated lap lengths do.
	return d.finishLaps(out, st, s, source), quality{contrast: 2, sep: 1, labelled: source == SourceWorkoutStep}
}

// easyEdges joins the kept units into efforts (consecutive units that
// touch are one effort), less a warm-up or cool-down at either end: the
// first unit of the first effort (the last of the last) when that effort
// holds more units and the unit runs slower than easyEdge times the
// median of the other efforts' first (last) units (a warm-up lap run
// straight into rep 1; reps alike inside, as a hill's steady climb and
// sprint, keep theirs), or a first (last) effort of one unit slower than
// easyEdge times the median of the other efforts and longer than 1.5
// times the longest of them (a single long easy lap).
func easyEdges(us []lapUnit, keep []bool) []effort {
	touch := func(a, b int) bool { return b == a+1 && !us[b].start.After(us[a].end.Add(2*time.Second)) }
	var groups [][]int // the units of each effort
	for k := range us {
		if !keep[k] {
			continue
		}
		if n := len(groups); n > 0 && touch(groups[n-1][len(groups[n-1])-1], k) {
			groups[n-1] = append(groups[n-1], k)
			continue
		}
		groups = append(groups, []int{k})
	}
	speed := func(g []int) float64 {
		var d, t float64
		for _, k := range g {
			d += us[k].dist
			t += us[k].secs
		}
		return d / math.Max(t, 1)
	}
	trim := func(g []int, others [][]int, first bool) []int {
		if len(others) < 2 {
			return g
		}
		end := func(g []int) int {
			if first {
				return g[0]
			}
			return g[len(g)-1]
		}
		var ends, whole []float64
		longest := 0.0
		for _, o := range others {
			ends = append(ends, us[end(o)].speed)
			whole = append(whole, speed(o))
			for _, k := range o {
				longest = max(longest, us[k].secs)
			}
		}
		e := end(g)
		switch {
		case len(g) > 1 && us[e].speed < easyEdge*medianOf(ends):
			if first {
				return g[1:]
			}
			return g[:len(g)-1]
		case len(g) == 1 && us[e].speed < easyEdge*medianOf(whole) && us[e].secs > 1.5*longest:
			return nil
		}
		return g
	}
	if n := len(groups); n >= 3 {
		groups[0] = trim(groups[0], groups[1:], true)
		groups[n-1] = trim(groups[n-1], groups[:n-1], false)
	}
	var out []effort
	for _, g := range groups {
		if len(g) > 0 {
			e := effort{t0: us[g[0]].t0, t1: us[g[len(g)-1]].t1, timed: true, laps: true,
				lapStart: us[g[0]].start, lapEnd: us[g[len(g)-1]].end}
			for _, k := range g {
				e.timed = e.timed && us[k].timed
				e.lapDist += us[k].lapDist
				e.lapTimer += us[k].lapTimer
			}
			out = append(out, e)
		}
	}
	return out
}

// valley: see fromContrast.
const valley = 1.05

// easyEdge: see easyEdges.
const easyEdge = 0.93

// finishLaps sets the efforts' source (only workout steps closed on time
// make timed reps: a hill rep of 4 min), moves warm-up strides into
// s.Strides, and refines manual lap edges on the distance curve.
func (d *Detector) finishLaps(out []effort, st *stream, s *Session, source Source) []effort {
	for k := range out {
		out[k].source = source
		out[k].timed = out[k].timed && source == SourceWorkoutStep
	}
	if source == SourceWorkoutStep {
		// The device says these are work steps: only warm-up strides,
		// before the first full rep, are left out (surges of 10-30 s
		// later in the workout are reps).
		first := -1
		mr, md := d.minRep()
		for i, e := range out {
			if e.t1-e.t0 >= mr.Seconds() && st.distAt(e.t1)-st.distAt(e.t0) >= md {
				first = i
				break
			}
		}
		if first > 0 {
			out = append(d.dropShort(out[:first], st, s), out[first:]...)
		}
	} else {
		out = d.dropShort(out, st, s)
	}
	// A button is pressed a little early or late: the lap as pressed is
	// the rep, as the watch shows it, and where the distance curve bends
	// within 6 s of a press is the effort's own edge, kept when it lies
	// more than pressSlack from the press. Laps the device closed itself
	// (a workout step's distance or time, an auto lap) are where the
	// device measured them.
	if source == SourceManualLap {
		own := slices.Clone(out)
		st.refineEdges(own, func(effort) int { return 6 }, true, hilly(st, out))
		for k := range out {
			off := func(a, b float64) bool { return math.Round(math.Abs(a-b)*10)/10 > pressSlack }
			if off(own[k].t0, out[k].t0) || off(own[k].t1, out[k].t1) {
				out[k].own = &[2]float64{own[k].t0, own[k].t1}
			}
		}
	}
	return out
}

// pressSlack is how far, in seconds, a manual lap's press may lie from the
// effort's own edge before the rep says so.
const pressSlack = 1.0

// fromContrast finds reps among laps with no roles: the running laps split
// into easy and fast at the Otsu threshold, and the fast ones are reps when
// they run at least the Detector's contrast faster.
func (d *Detector) fromContrast(st *stream, s *Session, us []lapUnit, source Source) ([]effort, quality) {
	var vals, weights []float64
	for _, u := range us {
		if u.speed >= walk {
			vals = append(vals, u.speed)
			weights = append(weights, u.secs)
		}
	}
	t, slow, fast, sep, ok := otsu(vals, weights)
	q := quality{contrast: fast / slow, sep: sep}
	if !ok || slow <= 0 || q.contrast < d.contrast() {
		return nil, quality{}
	}
	keep := make([]bool, len(us))
	for k, u := range us {
		switch u.role {
		case lapkit.IntensityRest, lapkit.IntensityRecovery, lapkit.IntensityWarmup, lapkit.IntensityCooldown:
			continue
		}
		// Among manual laps, auto laps are the warm-up and cool-down
		// kilometres.
		if source == SourceManualLap && u.auto {
			continue
		}
		keep[k] = u.speed > t && !u.blip()
	}
	// A lap between two laps it runs into, each faster by valley, is the
	// rest between them (a jog between reps, above the threshold when the
	// warm-up is slower still).
	touch := func(a, b int) bool { return !us[b].start.After(us[a].end.Add(2 * time.Second)) }
	for k := 1; k+1 < len(us); k++ {
		if keep[k-1] && keep[k] && keep[k+1] && touch(k-1, k) && touch(k, k+1) &&
			us[k-1].speed >= valley*us[k].speed && us[k+1].speed >= valley*us[k].speed {
			keep[k] = false
		}
	}
	out := easyEdges(us, keep)
	if len(out) == 0 {
		return nil, quality{}
	}
	return d.finishLaps(out, st, s, source), q
}

// restLed finds reps among laps that alternate with standing or walking
// ones (under walk): every running lap beside a standing one, from the
// first to the last, with nothing but such laps and standing ones between
// them (a run with a stop or two is not that), less an easy warm-up or
// cool-down at either end (easyEdges). It needs two standing laps or more,
// each covering less than half the shortest running lap.
func restLed(us []lapUnit) []effort {
	standing := func(k int) bool { return k >= 0 && k < len(us) && us[k].speed < walk }
	keep := make([]bool, len(us))
	first, last, stands := -1, -1, 0
	for k := range us {
		if !standing(k) && (standing(k-1) || standing(k+1)) && us[k].role != lapkit.IntensityRest && us[k].role != lapkit.IntensityRecovery && !us[k].blip() {
			keep[k] = true
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	if first < 0 {
		return nil
	}
	for k := first; k <= last; k++ {
		if standing(k) {
			stands++
		} else if !keep[k] {
			return nil
		}
	}
	if stands < 2 {
		return nil
	}
	// A rest covers little ground: a kilometre walked between
	// kilometres run is a run with walking breaks.
	shortest := math.Inf(1)
	for k := first; k <= last; k++ {
		if keep[k] {
			shortest = min(shortest, us[k].dist)
		}
	}
	for k := first; k <= last; k++ {
		if standing(k) && us[k].dist >= shortest/2 {
			return nil
		}
	}
	out := easyEdges(us, keep)
	if len(out) < 2 {
		return nil
	}
	return out
}

// sameDistance reports whether three quarters or more of the laps (the
// last left aside: it ends where the run ends) measure the same distance,
// within 0.5 %, and which: auto laps.
func sameDistance(laps []lapkit.Lap) (float64, bool) {
	n := len(laps) - 1
	for i := 0; i < n; i++ {
		d, same := laps[i].Distance, 0
		for j := 0; j < n; j++ {
			if math.Abs(laps[j].Distance-d) <= 0.005*d {
				same++
			}
		}
		if d > 0 && 4*same >= 3*n {
			return d, true
		}
	}
	return 0, false
}

// lengthClasses gives each unit the class of the units of the same kind:
// run at about the same speed (within 25 % or 0.5 m/s) for the same
// duration (within 3 s or 3 %), or for the same distance (within 3 %) in
// about the same time (within 15 %). Auto laps, whose length the device
// set, get no class (-1).
func lengthClasses(us []lapUnit) []int {
	key := make([]int, len(us))
	var reps []int // a representative unit of each class
	near := func(a, b, tol float64) bool { return math.Abs(a-b) <= tol*math.Max(a, b) }
	for k, u := range us {
		key[k] = -1
		if u.auto || u.secs <= 0 {
			continue
		}
		for c, r := range reps {
			v := us[r]
			sameSpeed := math.Abs(u.speed-v.speed) <= math.Max(0.5, 0.25*math.Max(u.speed, v.speed))
			if sameSpeed && (math.Abs(u.secs-v.secs) <= math.Max(3, 0.03*v.secs) || near(u.dist, v.dist, 0.03) && near(u.secs, v.secs, 0.15)) {
				key[k] = c
				break
			}
		}
		if key[k] < 0 {
			key[k] = len(reps)
			reps = append(reps, k)
		}
	}
	return key
}

// inferRoles gives the units whose key (a workout step, a length class)
// repeats a role: a key whose units run faster (median speed, by
// easyFactor) than those of every repeated key beside it in the sequence
// is work, one slower than a key beside it is rest. Units already given a
// role keep it. It reports whether it found both work and rest.
func inferRoles(us []lapUnit, key []int) bool {
	count := map[int]int{}
	for _, k := range key {
		if k >= 0 {
			count[k]++
		}
	}
	speeds := map[int][]float64{}
	for i, k := range key {
		if count[k] >= 2 {
			speeds[k] = append(speeds[k], us[i].speed)
		}
	}
	med := map[int]float64{}
	for k, v := range speeds {
		med[k] = medianOf(v)
	}
	adj := map[int][]int{}
	for i := 0; i+1 < len(us); i++ {
		a, b := key[i], key[i+1]
		if a >= 0 && b >= 0 && a != b && count[a] >= 2 && count[b] >= 2 {
			if !slices.Contains(adj[a], b) {
				adj[a] = append(adj[a], b)
				adj[b] = append(adj[b], a)
			}
		}
	}
	role := map[int]lapkit.Intensity{}
	works, rests := 0, 0
	for k, nb := range adj {
		work, rest := true, false
		for _, o := range nb {
			work = work && med[k] >= easyFactor*med[o]
			rest = rest || med[o] >= easyFactor*med[k]
		}
		switch {
		case work:
			role[k] = lapkit.IntensityActive
			works++
		case rest:
			role[k] = lapkit.IntensityRest
			rests++
		}
	}
	if works == 0 || rests == 0 {
		return false
	}
	for i := range us {
		if r, ok := role[key[i]]; ok && us[i].role == lapkit.IntensityUnknown && key[i] >= 0 {
			us[i].role = r
		}
	}
	return true
}
