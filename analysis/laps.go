package analysis

import (
	"fmt"
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
	dist = p1.Value(st.smp, sampleDistance) - p0.Value(st.smp, sampleDistance)
	if moving <= 0 || dist <= 0 {
		return dist, 0
	}
	v = dist / moving
	if a0, a1 := p0.Value(st.smp, sampleAltitude), p1.Value(st.smp, sampleAltitude); !math.IsNaN(a0) && !math.IsNaN(a1) && dist > 10 {
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
		if laps[i].HasWorkoutStep {
			for j+1 < len(laps) && laps[j+1].HasWorkoutStep && laps[j+1].WorkoutStep == laps[i].WorkoutStep && laps[j+1].Intensity == laps[i].Intensity &&
				!laps[j+1].Start.After(laps[j].End.Add(2*time.Second)) {
				j++
			}
		}
		u := lapUnit{i: i, j: j, start: laps[i].Start, end: laps[j].End, step: stepOf(&laps[i]), role: lapRole(&laps[i], a.Workout), auto: true, timed: true}
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
	if l.Intensity != lapkit.IntensityUnknown || w == nil || !l.HasWorkoutStep {
		return l.Intensity
	}
	for _, st := range w.Steps {
		if st.Index == l.WorkoutStep {
			return st.Intensity
		}
	}
	return lapkit.IntensityUnknown
}

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
// length, run faster than them. It notes which evidence it used. With no
// reps, the candidate still holds the laps' short fast ones, which may be
// the strides of an easy run.
func (d *Options) fromLaps(a *lapkit.Activity, st *stream) candidate {
	if len(a.Laps) < 3 {
		return candidate{}
	}
	us := lapUnits(a, st)
	hasSteps, manual, short := false, false, true
	for _, l := range a.Laps {
		hasSteps = hasSteps || l.HasWorkoutStep
		manual = manual || l.Trigger == lapkit.LapTriggerManual
		if l.Trigger == lapkit.LapTriggerDistance && l.Distance > maxShortAutoLap {
			short = false
		}
	}
	// Laps nearly all of one distance are auto laps, whatever trigger
	// the device wrote (COROS writes none).
	autoDist, autoLike := sameDistance(a.Laps)
	if autoLike && autoDist > maxShortAutoLap {
		short = false
	}
	// Each way is tried on a candidate of its own; the first that
	// holds reps is returned, saying which evidence gave them.
	found := func(c candidate, out []effort, q quality, why string) candidate {
		c.efforts, c.q = out, q
		c.note(lapkit.NoteRepsFrom, "reps from the laps: "+why)
		return c
	}
	var c candidate
	if out, q := d.fromRoles(st, &c, us, SourceWorkoutStep, true); out != nil {
		return found(c, out, q, "the laps' intensities (or their workout steps') mark the work steps")
	}
	if hasSteps {
		key := make([]int, len(us))
		for k, u := range us {
			key[k] = u.step
		}
		if roles := slices.Clone(us); inferRoles(roles, key) {
			var c candidate
			if out, q := d.fromRoles(st, &c, roles, SourceWorkoutStep, false); out != nil {
				return found(c, out, q, "the laps carry workout steps without intensities: the steps that repeat and run faster than the steps beside them are the work")
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
		return candidate{} // 1 km or mile auto laps say nothing about reps
	}
	// Runs between stands are the reps whatever their pace (a slow
	// runner's pyramid runs 5-10 % faster than the warm-up), unless
	// laps run fast elsewhere (strides with walks between, before 1000s
	// with jogged rests): then the stands were not the session's rests.
	var fast candidate
	if out, q := d.fromContrast(st, &fast, us, source); len(out) >= 2 {
		fast.efforts, fast.q = out, q
	}
	if out := restLed(us); out != nil && within(fast.efforts, out) {
		var c candidate
		return found(c, d.finishLaps(out, st, &c, source), quality{contrast: 2, sep: 1}, "running laps alternate with standing or walking ones")
	}
	if fast.efforts != nil {
		return found(fast, fast.efforts, fast.q, "some laps run faster than the easy ones")
	}
	if roles := slices.Clone(us); !hasSteps && !autoLike && inferRoles(roles, lengthClasses(roles)) {
		var c candidate
		if out, q := d.fromRoles(st, &c, roles, source, false); out != nil {
			return found(c, out, q, "laps of a repeated length alternate with laps of another, and run faster than them")
		}
	}
	// No reps, but the fast laps may be strides (an easy run that ends
	// with 6 x 20 s): they are kept for the session to list.
	return candidate{strides: fast.strides}
}

// fromRoles makes efforts of the units the roles mark active, between
// units marked rest or recovery: less active units run no harder than the
// running rests (easyFactor; an easy step the device marks active), a
// warm-up or cool-down marked active at either end (easyEdge), and
// strides. It returns nil when the roles mark fewer than two work units or
// no rest.
func (d *Options) fromRoles(st *stream, c *candidate, us []lapUnit, source Source, marked bool) ([]effort, quality) {
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
	out := easyEdges(us, keep, marked)
	if len(out) < 2 {
		return nil, quality{}
	}
	// An active step between the reps run no harder than the rests (a
	// steady 2 min between surges) is not a rep: said, not dropped
	// silently; its time counts in the rest it stands in.
	for _, u := range us {
		if u.role == lapkit.IntensityActive && u.speed <= floor && !u.blip() && u.t0 >= out[0].t1 && u.t1 <= out[len(out)-1].t0 {
			c.note(lapkit.NoteLeftOut, fmt.Sprintf("the active lap at %s (%s, %.0f m, %s) ran no faster than the running rests: not a rep; its time is in the rest it stands in",
				lapkit.FormatClock(secsDur(u.t0)), lapkit.FormatClock(secsDur(u.secs)), u.dist, perKm(u.speed)))
		}
	}
	// Roles from the device's workout steps need no pace contrast to
	// be believed; roles read from repeated lap lengths do.
	return d.finishLaps(out, st, c, source), quality{contrast: 2, sep: 1, labelled: source == SourceWorkoutStep}
}

// finishLaps sets the efforts' source (only workout steps closed on time
// make timed reps: a hill rep of 4 min), sets warm-up strides aside in c,
// and refines manual lap edges on the distance curve.
func (d *Options) finishLaps(out []effort, st *stream, c *candidate, source Source) []effort {
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
			out = append(d.dropShort(out[:first], st, c), out[first:]...)
		}
		out = cutLast(out, st, c)
	} else {
		out = d.dropShort(out, st, c)
	}
	// A button is pressed a little early or late: the lap as pressed is
	// the rep, as the watch shows it, and where the distance curve bends
	// within 6 s of a press is the effort's own edge, kept when it lies
	// more than pressSlack from the press. Laps the device closed itself
	// (a workout step's distance or time, an auto lap) are where the
	// device measured them.
	if source == SourceManualLap {
		own := slices.Clone(out)
		refineEdges(st, own, func(effort) int { return 6 }, true, hilly(st, out))
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

// stepOf is the lap's workout step index, -1 when it has none.
func stepOf(l *lapkit.Lap) int {
	if !l.HasWorkoutStep {
		return -1
	}
	return l.WorkoutStep
}

// maxShortAutoLap is the longest auto lap that still marks reps by its
// pace (a 400 m or 500 m auto lap on a track, read with GPS error): 1 km
// and mile auto laps say nothing about the reps.
const maxShortAutoLap = 550.0 // metres

// within reports whether every effort of a lies mostly (over half its
// length) inside one of b's: efforts found by their pace, all among those
// found by the stands, whose edges the two ways place a few seconds apart.
func within(a, b []effort) bool {
	for _, x := range a {
		if !slices.ContainsFunc(b, func(y effort) bool { return 2*(min(x.t1, y.t1)-max(x.t0, y.t0)) > x.t1-x.t0 }) {
			return false
		}
	}
	return true
}

// cutLast leaves out a last work step that stopping the watch cut short: a
// last effort whose last lap the session's end closed, lasting under half
// the median of the efforts of its step before it (13 s into a 2 min
// rep). c's notes say so.
func cutLast(out []effort, st *stream, c *candidate) []effort {
	n := len(out)
	laps := st.act.Laps
	if n < 3 || len(laps) == 0 || out[n-1].step == 0 {
		return out
	}
	last := out[n-1]
	if l := laps[len(laps)-1]; l.Trigger != lapkit.LapTriggerSessionEnd || !l.End.Equal(last.lapEnd) {
		return out
	}
	var durs []float64
	for _, e := range out[:n-1] {
		if e.step == last.step {
			durs = append(durs, e.t1-e.t0)
		}
	}
	if len(durs) == 0 || last.t1-last.t0 >= medianOf(durs)/2 {
		return out
	}
	c.note(lapkit.NoteLeftOut, fmt.Sprintf("left out the last lap, %.0f s of a work step that stopping the watch cut short (its other reps took %.0f s)", last.t1-last.t0, medianOf(durs)))
	return out[:n-1]
}
