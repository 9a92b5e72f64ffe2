package analysis

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/errs"
	"github.com/lapkit/lapkit/internal/track"
	"github.com/lapkit/lapkit/plan"
)

// ErrNoDistance is returned for an activity with no distance stream (no
// device distance, no positions): there is nothing to find reps in.
var ErrNoDistance = errors.New("analysis: activity has no distance")

// NominalDistances are the standard rep distances a rep is matched to, in
// metres.
var NominalDistances = []float64{200, 300, 400, 500, 600, 800, 1000, 1200, 1600, lapkit.Mile, 2000}

// Options configure one analysis: what Detect finds reps with, what
// Evaluate scores them against, and what report.New does both with. Its
// zero value is ready to use with the documented defaults, and it is safe
// for concurrent use.
type Options struct {
	// Plan, when set, is the prior of detection: the number of reps,
	// their length, the set structure. It never hides an effort: those
	// it does not cover stay reps, marked Rep.Unplanned. The session
	// keeps it (Session.Plan), and Evaluate scores against it.
	Plan *plan.Plan

	// Goals are the runner's race goals: the paces of the plan's @mile,
	// @5k and @10k targets (without the goal a target needs, its reps
	// are not scored, and a note says so), and what the session's
	// predictions are compared with (Evaluation.Goals).
	Goals plan.Goals

	// Tolerance is the fraction of a target a rep may miss by and be on
	// target; 0 means DefaultTolerance.
	Tolerance float64

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
}

func (d *Options) minRep() (time.Duration, float64) {
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

func (d *Options) contrast() float64 {
	if d.MinContrast > 0 {
		return d.MinContrast
	}
	return DefaultMinContrast
}

// Detect finds the warm-up, reps, rests, sets and cool-down of a. An
// activity that is not an interval session gives a Session without reps (or
// with a Confidence under 0.5). It fails only with ErrNoDistance.
func Detect(a *lapkit.Activity) (*Session, error) {
	var d Options
	return d.Detect(a)
}

// Detect finds the warm-up, reps, rests, sets and cool-down of a, with
// the options' Plan as the prior and their detection limits. A nil
// Options is a zero one; a nil activity fails with ErrNoDistance. An
// activity that breaks the model's rules (lapkit.Activity.Validate: a
// caller's samples out of order, an infinite distance, a zero Start) is
// read as a repaired copy, with a note, and a is left as it is:
// Session.ActivityFor returns the copy.
func (d *Options) Detect(a *lapkit.Activity) (*Session, error) {
	if d == nil {
		d = &Options{}
	}
	if a == nil {
		return nil, errs.Wrap(ErrNoDistance, "analysis: a nil activity")
	}
	// An activity that breaks the model's rules (a caller's, samples
	// out of order, infinite distances) is repaired in a copy, noted.
	given := a
	a = track.Normalize(a)
	s, err := d.detect(a)
	if s != nil {
		s.Plan, s.given, s.read = d.Plan, given, a
	}
	return s, err
}

func (d *Options) detect(a *lapkit.Activity) (*Session, error) {
	if why, ok := NotARun(a); ok {
		return &Session{Notes: []lapkit.Note{{Kind: lapkit.NoteNotARun, Text: why + ": no reps looked for"}}}, nil
	}
	if a.Duration() > MaxDuration {
		return &Session{Notes: []lapkit.Note{{Kind: lapkit.NoteNotARun, Text: fmt.Sprintf("activity of %v: longer than %v, not looked at for reps", a.Duration().Round(time.Minute), MaxDuration)}}}, nil
	}
	laps, lapNotes := cleanLaps(a.Laps)
	if len(lapNotes) > 0 {
		b := *a
		b.Laps = laps
		a = &b
	}
	st := newStream(a)
	if st == nil {
		return nil, ErrNoDistance
	}
	// The laps first; the stream where they give fewer than two efforts.
	c := d.fromLaps(a, st)
	if len(c.efforts) < 2 {
		lc := c
		if c = d.fromStream(st); len(c.efforts) < 2 && len(lc.strides) > len(c.strides) {
			// Neither the laps nor the stream hold reps: the laps'
			// short fast ones are the strides of an easy run.
			c.strides = lc.strides
			c.note(lapkit.NoteLeftOut, fmt.Sprintf("%d laps are short pickups (strides), not reps", len(lc.strides)))
		}
	}
	c.efforts = clampEfforts(c.efforts, st)
	if d.Plan == nil {
		c.efforts = dropStrides(c.efforts, st, &c)
	}
	c.efforts = d.applyPlan(c.efforts, st, &c)
	if d.searchable(c.efforts, c.q) {
		// The plan says the reps were run: look for them (laps the
		// device closed say better where a rep was, and an easy
		// step run at the floats' pace is not run harder).
		if n, found := planned(c.efforts), d.searchPlan(st); len(found) > n {
			c.note(lapkit.NoteRepsFrom, fmt.Sprintf("the efforts that stand out held %d of the %d planned reps: took instead the fastest stretch of each planned length, %d of them faster than the run's median pace by %.0f %% or more", n, d.Plan.Reps(), len(found), 100*(planFaster-1)))
			c.efforts, c.q = keepApart(found, c.efforts), quality{contrast: 2, sep: 0.7}
		}
	}
	// No stage may hand on an effort of no length (a planned length
	// searched for where the samples give none): under a second is none.
	c.efforts = slices.DeleteFunc(c.efforts, func(e effort) bool { return !(e.t1-e.t0 >= 1) })
	if len(c.efforts) < 2 {
		c.note(lapkit.NoteNoReps, "no interval structure: fewer than two efforts stand out from the easy running")
		return &Session{Notes: append(lapNotes, c.notes...), Strides: c.strides}, nil
	}
	s := d.build(a, st, lapNotes, c)
	if d.Plan == nil && s.Source == SourceDetected {
		// Found from the stream alone, the first or last set (or rep)
		// may be a warm-up pickup or a cool-down surge: the session is
		// built again without them.
		if lead, trail := edgeSets(s); lead+trail > 0 {
			c.efforts = c.efforts[lead : len(c.efforts)-trail]
			c.note(lapkit.NoteLeftOut, fmt.Sprintf("left out %d efforts in the warm-up and %d in the cool-down: slower than the reps and of no standard length", lead, trail))
			s = d.build(a, st, lapNotes, c)
		}
		if lead, trail := lone(s); lead+trail > 0 {
			c.efforts = c.efforts[lead : len(c.efforts)-trail]
			c.note(lapkit.NoteLeftOut, fmt.Sprintf("left out %d efforts in the warm-up and %d in the cool-down: each alone, over %.0f min from the reps and of another length than theirs", lead, trail, maxStridesAfter.Minutes()))
			s = d.build(a, st, lapNotes, c)
		}
	}
	// Last: the stages before read the nominal distances as found.
	forTime(s)
	return s, nil
}

// NotARun reports whether Detect takes a for something other than a run,
// and why, in words: a file whose sport is not on foot nor unknown
// (cycling, swimming, multisport: "not a running activity (cycling)"), or
// a file that names no sport (or a generic one) and moves at a ride's
// speed, which a runner's whole session never does. Such an activity gets
// no reps, and a training log keeps its running figures (rep pace, fade,
// predicted times) off it. Walking and hiking are on foot: they are runs
// here.
func NotARun(a *lapkit.Activity) (why string, ok bool) {
	if a == nil {
		return "", false
	}
	switch a.Sport {
	case "", lapkit.SportRunning, lapkit.SportWalking, lapkit.SportHiking, lapkit.SportGeneric, lapkit.SportTraining:
	default:
		return fmt.Sprintf("not a running activity (%s)", a.Sport), true
	}
	if v, ok := rideSpeed(a); ok {
		return fmt.Sprintf("the file names no sport, and it moves at a median %.1f km/h (%s), a ride's speed, not a run's", 3.6*v, perKm(v)), true
	}
	return "", false
}

// rideSpeed reports the median moving speed of an activity whose file
// names no sport (or a generic one), in m/s, and whether it is a ride's
// (a GPX or TCX without a type, a truncated FIT): a median over
// maxRunMedian and a tenth of the time over maxRunP90. The speeds are the
// steps between samples a second to half a minute apart, moving over 1
// m/s; a runner's whole session, warm-up and jogs included, is never so
// fast.
func rideSpeed(a *lapkit.Activity) (float64, bool) {
	switch a.Sport {
	case "", "generic", "training":
	default:
		return 0, false
	}
	s := a.Samples
	v := make([]float64, 0, len(s))
	for i := 1; i < len(s); i++ {
		dt := s[i].Time.Sub(s[i-1].Time).Seconds()
		if dd := s[i].Distance - s[i-1].Distance; dt >= 1 && dt <= 30 && dd > dt {
			v = append(v, dd/dt)
		}
	}
	if len(v) < 60 {
		return 0, false
	}
	slices.Sort(v)
	m, p90 := v[len(v)/2], v[len(v)*9/10]
	return m, m > maxRunMedian && p90 > maxRunP90
}

// maxRunMedian and maxRunP90: see rideSpeed, in m/s (3:20/km and 2:13/km:
// a fast runner's 12 km at 3:50/km, median 5.3 m/s, stays a run).
const (
	maxRunMedian = 5.0
	maxRunP90    = 7.5
)

// Defaults of a zero Options.
const (
	DefaultMinRep         = 25 * time.Second // shorter efforts are strides or surges
	DefaultMinRepDistance = 150.0            // metres; shorter efforts are strides
	DefaultMinContrast    = 1.25             // rep speed over easy speed
	nominalTolerance      = 0.075            // GPS on a track reads 400 m as 380-430 m
	maxRest               = 15 * time.Minute // a longer rest between reps halves the confidence
	MaxDuration           = 24 * time.Hour   // longer recordings (a watch left running for days) are not looked at for reps
)
