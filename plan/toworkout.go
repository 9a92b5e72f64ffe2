package plan

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/lapkit/lapkit"
)

// DefaultTolerance is the fraction of a rep's target time it may miss by
// and be on target: 2 %, 1.3 s on a 65 s 400 m. The speed range of a
// workout step (Workout) is this band; analysis.Options scores with it.
const DefaultTolerance = 0.02

// targetNote starts the note of a rep step that keeps the target as the
// plan wrote it ("target @65s", "target @mile"): a watch enforces the
// speed range, FromWorkout reads the target back from the note.
const targetNote = "target @"

// Workout turns the plan into the steps a watch runs: an open warm-up
// (ended with the lap button), each set's reps as distance or time steps
// with their target as a speed range, the rests as time or distance steps
// (recovery within a set, rest between sets), repeat steps for the reps of
// a set and for identical sets (so the watch shows "4 x" instead of 16
// flat steps), and an open cool-down. Goals give the pace of goal targets
// (@mile with mile=4:23 is 65.4 s per 400); tol is the band around each
// target, as a fraction of the rep time (0 means DefaultTolerance): a 65 s
// 400 m at 2 % runs from 400/66.3 to 400/63.7 m/s. A progressive set's
// range spans its first and last targets; "@progressive" has none.
//
// A goal target without its goal is an ErrInvalid error: the watch would
// run the rep with no target. A nil or empty plan is ErrNoWork.
func (p *Plan) Workout(g Goals, tol float64) (*lapkit.Workout, error) {
	if p == nil || len(p.Sets) == 0 {
		return nil, fmt.Errorf("plan: no sets to put on a watch: %w", ErrNoWork)
	}
	if tol <= 0 {
		tol = DefaultTolerance
	}
	if !(tol < 0.5) { // NaN too
		return nil, &Error{What: "plan", Spec: p.String(), Col: 1, Msg: fmt.Sprintf("a tolerance of %g: want a fraction under 0.5", tol)}
	}
	w := &lapkit.Workout{Name: p.String(), Sport: lapkit.SportRunning}
	add := func(st lapkit.WorkoutStep) int {
		st.Index = len(w.Steps)
		if st.Target.Kind == lapkit.TargetOpen {
			st.Target.Low, st.Target.High = math.NaN(), math.NaN()
		}
		w.Steps = append(w.Steps, st)
		return st.Index
	}
	add(lapkit.WorkoutStep{Name: "Warm up", Intensity: lapkit.IntensityWarmup, Duration: lapkit.DurationOpen})
	for i := 0; i < len(p.Sets); {
		s := p.Sets[i]
		j := i + 1
		for j < len(p.Sets) && sameSet(p.Sets[j], s) && p.Sets[j-1].SetRest == s.SetRest && s.Reps > 1 {
			j++
		}
		target, err := speedRange(s, g, tol)
		if err != nil {
			return nil, err
		}
		rep := lapkit.WorkoutStep{Name: s.Length(), Intensity: lapkit.IntensityActive, Target: target}
		if note := s.TargetText(); note != "" {
			rep.Name += " @" + note
			rep.Notes = targetNote + note
		}
		lengthStep(&rep, s.Distance, s.Duration)
		first := add(rep)
		if s.Rest > 0 || s.RestDistance > 0 {
			rest := lapkit.WorkoutStep{Name: "Recover", Intensity: lapkit.IntensityRecovery}
			lengthStep(&rest, s.RestDistance, s.Rest)
			add(rest)
		}
		if s.Reps > 1 {
			add(lapkit.WorkoutStep{Name: fmt.Sprintf("%d x", s.Reps), Duration: lapkit.DurationRepeat, RepeatFrom: first, Repeats: s.Reps})
		}
		last := p.Sets[j-1]
		if last.SetRest > 0 {
			add(lapkit.WorkoutStep{Name: "Set rest", Intensity: lapkit.IntensityRest, Duration: lapkit.DurationTime, Time: last.SetRest})
		}
		if n := j - i; n > 1 {
			if last.SetRest == 0 && s.SetRest > 0 {
				// The sets rest between them, not after the last: the
				// watch runs the set rest inside the repeat.
				add(lapkit.WorkoutStep{Name: "Set rest", Intensity: lapkit.IntensityRest, Duration: lapkit.DurationTime, Time: s.SetRest})
			}
			add(lapkit.WorkoutStep{Name: fmt.Sprintf("%d sets", n), Duration: lapkit.DurationRepeat, RepeatFrom: first, Repeats: n})
		}
		i = j
	}
	add(lapkit.WorkoutStep{Name: "Cool down", Intensity: lapkit.IntensityCooldown, Duration: lapkit.DurationOpen})
	if len(w.Steps) > lapkit.MaxExpandedSteps {
		return nil, &Error{What: "plan", Spec: p.String(), Col: 1, Msg: fmt.Sprintf("%d workout steps: at most %d", len(w.Steps), lapkit.MaxExpandedSteps)}
	}
	return w, nil
}

// lengthStep makes st end after metres, or else after d.
func lengthStep(st *lapkit.WorkoutStep, metres float64, d time.Duration) {
	switch {
	case metres > 0:
		st.Duration, st.Distance = lapkit.DurationDistance, metres
	case d > 0:
		st.Duration, st.Time = lapkit.DurationTime, d
	default:
		st.Duration = lapkit.DurationOpen
	}
}

// TargetText is the set's target as the plan writes it, without the "@":
// "65s", "84s-76s", "3:45/km", "mile", "progressive"; "" without one.
func (s Set) TargetText() string {
	t := s
	t.Rest, t.RestDistance = 0, 0
	_, after, ok := strings.Cut(t.String(), "@")
	if !ok {
		return ""
	}
	return after
}

// speedRange is the speed range of a set's reps within tol of their
// target times: from the rep time plus tol (the slowest on target) to the
// rep time less tol. A progression spans its first and last reps.
func speedRange(s Set, g Goals, tol float64) (lapkit.Target, error) {
	open := lapkit.Target{Kind: lapkit.TargetOpen}
	var slow, fast float64 // m/s at the target
	switch s.Target.Kind {
	case TargetNone, TargetProgressive:
		return open, nil
	case TargetGoal:
		if _, ok := g.Pace(s.Target.Goal); !ok {
			return open, &Error{What: "plan", Spec: s.String(), Col: 1,
				Msg: fmt.Sprintf("the @%s target needs the %s goal (%s=m:ss) to put a pace on the watch", s.Target.Goal, s.Target.Goal, s.Target.Goal)}
		}
	}
	t1, pace1, ok1 := s.RepTarget(1, g)
	tn, pacen, okn := s.RepTarget(s.Reps, g)
	if !ok1 || !okn {
		return open, nil
	}
	speed := func(t, pace time.Duration) float64 {
		if s.Distance > 0 {
			return s.Distance / t.Seconds()
		}
		return 1000 / pace.Seconds()
	}
	slow, fast = speed(t1, pace1), speed(tn, pacen)
	if slow > fast {
		slow, fast = fast, slow
	}
	return lapkit.Target{Kind: lapkit.TargetSpeed, Low: slow / (1 + tol), High: fast / (1 - tol)}, nil
}
