package analysis

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/plan"
	"gonum.org/v1/gonum/stat"
)

// DefaultTolerance is how close to its target a rep must be to count as on
// target: plan.DefaultTolerance (2 %, 1.3 s on a 65 s 400 m), the band a
// workout written for a watch gives its steps, so that the watch and the
// evaluation agree.
const DefaultTolerance = plan.DefaultTolerance

// A Band tells how close a rep came to its target, for a tool to colour;
// "" without a target.
type Band string

// Bands of a rep against its target.
const (
	BandOn       Band = "on_target"    // within the tolerance
	BandSlightly Band = "slightly_off" // within 2.5 times the tolerance (5 %)
	BandOff      Band = "off"          // further
)

// A RepScore is one rep against its planned target.
type RepScore struct {
	Set, N  int  // the detected rep: its Rep.Set and Rep.N
	Planned bool // a planned rep was matched to it
	// ByPace is set when the rep's laps ran another distance than planned
	// by more than the tolerance (a lap pressed at 854 m of a planned 800
	// m): Delta is then its time at its own pace over the planned
	// distance less the target, as a coach reads it, not its raw time.
	ByPace bool
	// Target is the target time for the planned distance (time-based
	// reps: the planned duration); TargetPace the target per km. Both 0
	// when the plan gives no fixed target.
	Target, TargetPace time.Duration
	// Delta is the rep time minus the target (for time-based reps, the
	// time lost against the target pace over the distance run); positive
	// is slower. DeltaPct is Delta over Target.
	Delta    time.Duration
	DeltaPct float64
	OnTarget bool
	Band     Band // BandOn, BandSlightly, BandOff; "" without a target
	// Faster tells, in a progressive set, whether the rep was faster than
	// the one before (nil for the first rep and outside progressions).
	Faster *bool
}

// A RestScore is one rest against the planned rest.
type RestScore struct {
	AfterSet, AfterRep int
	Planned            time.Duration // 0 when the plan gives no time for it
	PlannedDistance    float64       // metres, for rests given as a distance
	Actual             time.Duration
	Delta              time.Duration // Actual - Planned
}

// An Evaluation is the session against its plan.
type Evaluation struct {
	// Plan is the plan scored against: Evaluate's, else the session's;
	// nil without one.
	Plan *plan.Plan

	// Guess is set when the reps are a guess (Session.Confidence under
	// GuessConfidence: a steady, hilly or trail run, a fartlek): Fade
	// holds only the reason, and there are no Predictions. Reps are still
	// scored against a plan.
	Guess bool

	// Reps holds one score per rep of the session, in the session's
	// order: Reps[i] scores Session.Reps[i] (its Set and Rep are that
	// rep's Set and N; Score finds it by them). Rests likewise, one per
	// Session.Rests.
	Reps        []RepScore
	Rests       []RestScore
	OnTarget    int    // reps on target
	Scored      int    // reps with a target
	MeanAbs     Figure // mean absolute delta, s
	Progression Figure // reps faster than the one before, of a progressive set
	Fade        Fade
	Predictions []Prediction     // race times the flat reps support (none from hill reps: maxPredictGrade)
	Goals       []GoalComparison // the session against each of Options.Goals; none without predictions

	// Notes say, in words, how the run differs from the plan: reps run
	// against reps planned, the reps the plan does not cover (kept, not
	// scored) and their length, and targets the reps were nowhere near.
	// Nil without a plan, or when the run matches it. Their kinds:
	// lapkit.NotePlanDiffers, NoteGoalsMissing, and the plan's own notes
	// (NoteWorkout).
	Notes []lapkit.Note
}

func (e *Options) tol() float64 {
	if e.Tolerance > 0 {
		return e.Tolerance
	}
	return DefaultTolerance
}

// repValue is the figure fade is measured on: the rep time, or with
// onPace the pace, s/km.
func repValue(r Rep, onPace bool) float64 {
	if onPace && r.Distance > 0 {
		return r.Moving.Seconds() * 1000 / r.Distance
	}
	return r.Duration().Seconds()
}

// Evaluate scores s (found in a, read as s.ActivityFor(a)) against the
// plan it was detected with, s.Plan (nil: fade and predictions only).
// Planned reps are matched to the detected reps in order, by length, so
// that a missed or extra rep does not shift the rest; reps the plan does
// not cover (and those Detect marked Unplanned) are not scored, a
// rest that holds planned reps not run as reps is planned as them and the
// rests around them, and Notes say how the run differs from the plan. Fade
// and predictions are measured on every rep run. e's Tolerance and Goals
// apply (its Plan was detection's: s.Plan is the one scored). A nil
// Options is a zero one; a nil activity or session gives an empty
// Evaluation.
func (e *Options) Evaluate(a *lapkit.Activity, s *Session) *Evaluation {
	if e == nil {
		e = &Options{}
	}
	if a == nil || s == nil {
		return &Evaluation{} // nothing detected: nothing to score
	}
	a = s.ActivityFor(a) // as Detect read it
	p := s.Plan
	ev := &Evaluation{Plan: p}
	match := align(s, p)
	timeBased := make([]bool, len(s.Reps))
	for i, r := range s.Reps {
		rs := RepScore{Set: r.Set, N: r.N}
		if m := match[i]; m.ok {
			ps := p.Sets[m.set]
			rs.Planned = true
			timeBased[i] = ps.Distance == 0
			if t, pace, ok := ps.RepTarget(m.rep+1, e.Goals); ok {
				rs.Target, rs.TargetPace = t, pace
				if ps.Distance > 0 {
					rs.Delta = r.Duration() - t
					// The runner closed the lap elsewhere than the
					// planned distance: its pace over what it ran
					// says how it went. (Reps from the stream were
					// run to the line: their distance is GPS's.)
					if r.Source != SourceDetected && r.Distance > 0 && math.Abs(r.Distance/ps.Distance-1) > e.tol() {
						rs.ByPace = true
						rs.Delta = time.Duration(float64(r.Duration())*ps.Distance/r.Distance) - t
					}
				} else if r.Distance > 0 {
					actual := time.Duration(float64(r.Moving) * 1000 / r.Distance)
					rs.Delta = time.Duration(float64(actual-pace) * r.Distance / 1000)
				}
				rs.DeltaPct = 100 * float64(rs.Delta) / float64(t)
				rs.OnTarget = math.Abs(rs.DeltaPct) <= 100*e.tol()
				switch {
				case rs.OnTarget:
					rs.Band = BandOn
				case math.Abs(rs.DeltaPct) <= 250*e.tol():
					rs.Band = BandSlightly
				default:
					rs.Band = BandOff
				}
				ev.Scored++
				if rs.OnTarget {
					ev.OnTarget++
				}
			}
			if ps.Target.Kind == plan.TargetProgressive && m.rep > 0 && i > 0 && match[i-1].ok && match[i-1].set == m.set {
				f := r.Duration() < s.Reps[i-1].Duration()
				rs.Faster = &f
			}
		}
		ev.Reps = append(ev.Reps, rs)
	}
	note := func(kind lapkit.NoteKind, texts ...string) {
		for _, t := range texts {
			ev.Notes = append(ev.Notes, lapkit.Note{Kind: kind, Text: t})
		}
	}
	note(lapkit.NotePlanDiffers, planNotes(s, p, match)...)
	if n := byPaceNote(s, ev.Reps, p, match); n != "" {
		note(lapkit.NotePlanDiffers, n)
	}
	if p != nil {
		ev.Notes = append(ev.Notes, p.Notes...)
		note(lapkit.NoteGoalsMissing, missingGoals(p, e.Goals)...)
	}
	var abs []float64
	faster, pairs := 0, 0
	for _, rs := range ev.Reps {
		if rs.Band != "" {
			abs = append(abs, math.Abs(rs.Delta.Seconds()))
		}
		if rs.Faster != nil {
			pairs++
			if *rs.Faster {
				faster++
			}
		}
	}
	ev.MeanAbs = figure(mean1(abs), len(abs), 1, "reps with a target")
	if pairs > 0 {
		ev.Progression = figure(float64(faster), pairs, 1, "rep pairs")
	}
	if ev.Scored > 0 {
		var pct []float64
		for _, rs := range ev.Reps {
			if rs.Band != "" {
				pct = append(pct, rs.DeltaPct)
			}
		}
		// Scored as planned, never fitted: a plan far from the run is
		// said so.
		if m := mean1(pct); math.Abs(m) > 250*e.tol() {
			how := "slower"
			if m < 0 {
				how = "faster"
			}
			note(lapkit.NotePlanDiffers, fmt.Sprintf("the reps ran %.0f %% %s than the plan's targets on average: the plan's pace is far from this session's", math.Abs(m), how))
		}
	}
	for i, x := range s.Rests {
		rs := RestScore{AfterSet: x.AfterSet, AfterRep: x.AfterRep, Actual: x.Duration()}
		if m := match[i]; m.ok {
			ps := p.Sets[m.set]
			if m.rep+1 < ps.Reps {
				rs.Planned, rs.PlannedDistance = ps.Rest, ps.RestDistance
			} else {
				rs.Planned = ps.SetRest
			}
			if i+1 < len(match) && match[i+1].ok {
				if planned, skipped, ok := plannedGap(p, m, match[i+1]); len(skipped) > 0 {
					// Planned reps not run as reps lie inside this rest:
					// its planned time holds them, or it has none.
					rs.Planned, rs.PlannedDistance = planned, 0
					steps, them := "step, not run as a rep", "that step and the rests around it"
					if len(skipped) > 1 {
						steps, them = "steps, not run as reps", "those steps and the rests around them"
					}
					how := "its planned time is " + lapkit.FormatClock(planned) + ", " + them
					if !ok {
						rs.Planned, how = 0, "no planned time for it: a distance gives none"
					}
					note(lapkit.NotePlanDiffers, fmt.Sprintf("the rest after rep %d.%d holds the plan's %s %s: %s",
						x.AfterSet, x.AfterRep, strings.Join(skipped, " and "), steps, how))
				}
			}
			if rs.Planned > 0 {
				rs.Delta = rs.Actual - rs.Planned
			}
		}
		ev.Rests = append(ev.Rests, rs)
	}
	if s.Confidence < GuessConfidence && len(s.Reps) > 0 {
		// Nothing that depends on the guess.
		ev.Guess = true
		why := fmt.Sprintf("the reps are a guess (confidence %.2f, under %.1f): no clear interval structure", s.Confidence, GuessConfidence)
		ev.Fade = Fade{AcrossSlope: noFigure(0, why), AcrossChangePct: noFigure(0, why), PeakHRDrift: noFigure(0, why), HRDropTrend: noFigure(0, why)}
		return ev
	}
	// Reps not all of one standard distance are compared by pace.
	onPace := false
	for i, r := range s.Reps {
		onPace = onPace || timeBased[i] || r.Nominal == 0 || r.Nominal != s.Reps[0].Nominal
	}
	for i := range timeBased {
		timeBased[i] = onPace
	}
	ev.Fade = e.fade(a, s, ev, timeBased)
	ev.Fade.OnPace = onPace
	var basis repBasis
	ev.Predictions, basis = predict(a, s)
	ev.Goals = e.compareGoals(ev.Predictions, basis)
	return ev
}

// A GoalComparison sets a session against a race goal: the goal's pace
// over the main reps' length against what the reps averaged, and the race
// time the session predicts.
type GoalComparison struct {
	Goal      string        // "mile", "5k" or "10k"
	Time      time.Duration // the goal's race time
	RepLength float64       // metres: the main reps' mean length (their standard distance when they share one)
	GoalRep   time.Duration // the goal's pace over RepLength
	MeanRep   time.Duration // the reps' mean time
	Predicted time.Duration // the race time the session predicts for the goal's distance
}

// compareGoals compares the session with each goal given, from the
// predictions and what they stood on; nil without predictions.
func (e *Options) compareGoals(preds []Prediction, b repBasis) []GoalComparison {
	if len(preds) == 0 || b.length <= 0 {
		return nil
	}
	var out []GoalComparison
	for _, g := range []struct {
		name string
		t    time.Duration
		d    float64
	}{{"mile", e.Goals.Mile, lapkit.Mile}, {"5k", e.Goals.FiveK, 5000}, {"10k", e.Goals.TenK, 10000}} {
		if g.t <= 0 {
			continue
		}
		c := GoalComparison{Goal: g.name, Time: g.t, RepLength: b.length,
			GoalRep: time.Duration(float64(g.t) * b.length / g.d), MeanRep: secsDur(b.mean)}
		for _, p := range preds {
			if p.Distance == g.d {
				c.Predicted = p.Time
			}
		}
		out = append(out, c)
	}
	return out
}

// GuessConfidence is the Session.Confidence under which the reps are a
// guess: Evaluate measures no fade and predicts no race from them.
const GuessConfidence = 0.5

func mean1(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	return stat.Mean(x, nil)
}

// missingGoals says which goals the plan's targets name (6 x 400 m at mile
// pace) that Options.Goals lack: the reps of those sets are not
// scored, and the runner should know why.
func missingGoals(p *plan.Plan, g plan.Goals) []string {
	var names []string
	for _, set := range p.Sets {
		if set.Target.Kind != plan.TargetGoal {
			continue
		}
		if _, ok := g.Pace(set.Target.Goal); !ok && !slices.Contains(names, set.Target.Goal) {
			names = append(names, set.Target.Goal)
		}
	}
	if len(names) == 0 {
		return nil
	}
	example := map[string]string{"mile": "mile=4:23", "5k": "5k=18:45", "10k": "10k=39:00"}[names[0]]
	return []string{fmt.Sprintf("the plan's targets are %s pace, and no %s goal was given: those reps are not scored (give the goal, as %s)",
		strings.Join(names, " and "), strings.Join(names, " or "), example)}
}

// Score returns the score of the session's rep set.n (Rep.Set, Rep.N), or
// nil when the evaluation holds none: a lookup that does not rest on the
// scores and the reps keeping the same order.
func (ev *Evaluation) Score(set, n int) *RepScore {
	if ev == nil {
		return nil
	}
	for i := range ev.Reps {
		if ev.Reps[i].Set == set && ev.Reps[i].N == n {
			return &ev.Reps[i]
		}
	}
	return nil
}

// byPaceNote says which reps were judged by their pace over the distance
// they ran (RepScore.ByPace): "reps 1.2 (854 m) and 1.4 (850 m) ran other
// than the planned 800 m: judged by pace, as a time for 800 m".
func byPaceNote(s *Session, scores []RepScore, p *plan.Plan, match []slot) string {
	var which []string
	planned := 0.0
	for i, rs := range scores {
		if rs.ByPace {
			which = append(which, fmt.Sprintf("%d.%d (%.0f m)", rs.Set, rs.N, s.Reps[i].Distance))
			planned = p.Sets[match[i].set].Distance
		}
	}
	if len(which) == 0 {
		return ""
	}
	reps := "rep " + which[0]
	if len(which) > 1 {
		reps = "reps " + strings.Join(which[:len(which)-1], ", ") + " and " + which[len(which)-1]
	}
	return fmt.Sprintf("%s ran other than the planned %.0f m: judged by pace, as a time for %.0f m", reps, planned, planned)
}

// plannedGap is the planned time from the end of planned rep from to the
// start of planned rep to, which follows it in the plan with the planned
// reps skipped between them: each rest, and each skipped rep's time. It
// names the skipped reps by their length ("2:00.0", "400 m"); ok is false
// when one of them, or a rest, is a distance, which gives no time.
func plannedGap(p *plan.Plan, from, to slot) (planned time.Duration, skipped []string, ok bool) {
	restAfter := func(at slot) (time.Duration, bool) {
		ps := p.Sets[at.set]
		if at.rep+1 < ps.Reps {
			return ps.Rest, ps.RestDistance == 0
		}
		return ps.SetRest, true
	}
	next := func(at slot) slot {
		if at.rep+1 < p.Sets[at.set].Reps {
			return slot{at.set, at.rep + 1, true}
		}
		return slot{at.set + 1, 0, true}
	}
	ok = true
	at := from
	for {
		r, timed := restAfter(at)
		planned += r
		ok = ok && timed
		at = next(at)
		if at.set >= len(p.Sets) || at.set > to.set || at.set == to.set && at.rep >= to.rep {
			return planned, skipped, ok
		}
		ps := p.Sets[at.set]
		if ps.Duration > 0 {
			skipped = append(skipped, lapkit.FormatClock(ps.Duration))
			planned += ps.Duration
		} else {
			skipped = append(skipped, fmt.Sprintf("%.0f m", ps.Distance))
			ok = false
		}
	}
}
