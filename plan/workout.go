package plan

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/lapkit/lapkit"
)

// ErrNoWork is returned by FromWorkout for a workout with no work
// step.
var ErrNoWork = errors.New("plan: the workout has no work step")

// FromWorkout turns a device workout (a FIT workout file, or the one
// embedded in an activity: lapkit.Activity.Workout) into a Plan. A repeat
// of a work step and a rest step is a set; a repeat of such a repeat, sets
// of sets, the step before the outer repeat being the set rest. A work
// step outside any repeat is a set of one rep. The step after a work step
// inside the same repeat is its rest, whatever its intensity (some devices
// mark recoveries cooldown). Warm-up and cool-down steps are left out, and so are the first and last steps of a workout of three
// or more outside any repeat. Work steps are the active ones (and, where
// the device leaves intensities unset, every other step). A speed
// target becomes a pace target at the middle of its range; other targets
// (heart rate, power) are left out; a target the plan wrote into the
// step's note (Plan.Workout) is read back as written. A nil workout (most activities carry
// none) gives a nil plan and no error; one whose repeats make more than
// MaxReps reps fails with ErrInvalid, as Parse does.
func FromWorkout(w *lapkit.Workout) (*Plan, error) {
	if w == nil {
		return nil, nil // most activities carry no workout: no plan
	}
	steps := w.Steps
	inRepeat := make([]bool, len(steps))
	for _, st := range steps {
		if st.Duration == lapkit.DurationRepeat {
			for k := range steps {
				if steps[k].Index >= st.RepeatFrom && steps[k].Index < st.Index {
					inRepeat[k] = true
				}
			}
		}
	}
	work := func(i int) bool {
		// The first and last steps of a longer workout are the warm-up
		// and cool-down, whatever intensity the device gave them (the
		// FR965 marks its 12 min warm-up active).
		if len(steps) >= 3 && (i == 0 || i == len(steps)-1) && !inRepeat[i] {
			return false
		}
		switch steps[i].Intensity {
		case lapkit.IntensityActive:
			return true
		case lapkit.IntensityUnknown:
			return i > 0 && i < len(steps)-1 && steps[i].Duration != lapkit.DurationRepeat
		}
		return false
	}
	plan := &Plan{Spec: w.Name}
	// Index the repeats by the step they end at.
	for i := 0; i < len(steps); i++ {
		st := steps[i]
		if st.Duration == lapkit.DurationRepeat || !work(i) {
			continue
		}
		set := Set{Reps: 1}
		repLength(&set, st)
		var note string
		set.Target, note = stepTarget(st)
		if note != "" {
			plan.Notes = append(plan.Notes, lapkit.Note{Kind: lapkit.NoteWorkout, Text: note})
		}
		// A rest step right after the work step: inside the same
		// repeat, whatever intensity the device gave it (some mark the
		// recoveries of a repeat cooldown).
		j := i + 1
		if j < len(steps) && steps[j].Duration != lapkit.DurationRepeat && !work(j) && (isRest(steps[j]) || inRepeat[i] && inRepeat[j]) {
			restLength(&set, steps[j])
			j++
		}
		// A repeat back to this step makes it a set.
		if j < len(steps) && steps[j].Duration == lapkit.DurationRepeat && steps[j].RepeatFrom == st.Index && steps[j].Repeats > 1 {
			if r := steps[j].Repeats; r > MaxReps {
				return nil, tooMany(r)
			}
			set.Reps = steps[j].Repeats
			j++
			// Sets of sets: a set rest step, then a repeat back further.
			k := j
			var setRest lapkit.WorkoutStep
			hasRest := false
			if k < len(steps) && steps[k].Duration != lapkit.DurationRepeat && isRest(steps[k]) {
				setRest, hasRest = steps[k], true
				k++
			}
			if k < len(steps) && steps[k].Duration == lapkit.DurationRepeat && steps[k].RepeatFrom == st.Index && steps[k].Repeats > 1 {
				n := steps[k].Repeats
				if n > MaxReps || n*set.Reps > MaxReps {
					return nil, tooMany(n * min(set.Reps, MaxReps))
				}
				if hasRest && setRest.Duration == lapkit.DurationTime {
					set.SetRest = setRest.Time
				}
				for x := 0; x < n; x++ {
					s := set
					if x == n-1 {
						s.SetRest = 0
					}
					plan.Sets = append(plan.Sets, s)
				}
				i = k
				continue
			}
		} else if j < len(steps) && isRest(steps[j-1]) && j-1 > i && steps[j-1].Duration == lapkit.DurationTime {
			// A single rep: its rest closes the set.
			set.SetRest, set.Rest = set.Rest, 0
		}
		plan.Sets = append(plan.Sets, set)
		i = j - 1
	}
	if len(plan.Sets) == 0 {
		return nil, ErrNoWork
	}
	if n := plan.Reps(); n > MaxReps {
		return nil, tooMany(n)
	}
	return plan, nil
}

// tooMany is the error for a workout whose repeats make n reps, over
// MaxReps (a repeat count of 4,294,967,294 in one 4-byte field).
func tooMany(n int) error {
	return fmt.Errorf("%w: the workout's repeats make %d reps: at most %d", ErrInvalid, n, MaxReps)
}

func isRest(s lapkit.WorkoutStep) bool {
	switch s.Intensity {
	case lapkit.IntensityRest, lapkit.IntensityRecovery, lapkit.IntensityUnknown:
		return true
	}
	return false
}

func repLength(set *Set, st lapkit.WorkoutStep) {
	switch st.Duration {
	case lapkit.DurationDistance:
		set.Distance = st.Distance
	case lapkit.DurationTime:
		set.Duration = st.Time
	}
}

func restLength(set *Set, st lapkit.WorkoutStep) {
	switch st.Duration {
	case lapkit.DurationDistance:
		set.RestDistance = st.Distance
	case lapkit.DurationTime:
		set.Rest = st.Time
	}
}

func stepTarget(st lapkit.WorkoutStep) (Target, string) {
	if t, ok := noteTarget(st); ok {
		return t, ""
	}
	t := st.Target
	if t.Kind == lapkit.TargetSpeed && t.Low > 0 && t.High > 0 {
		mid := (t.Low + t.High) / 2
		if !(mid >= minTargetSpeed && mid <= maxTargetSpeed) {
			// A field of garbage (0.001 or 4,294,967 m/s).
			return Target{}, fmt.Sprintf("the workout's step %d aims at %.3g m/s, no runner's pace (%.1f to %.1f m/s are): left without a target", st.Index, mid, float64(minTargetSpeed), float64(maxTargetSpeed))
		}
		return Target{Kind: TargetPace, Pace: time.Duration(1000 / mid * float64(time.Second))}, ""
	}
	return Target{}, ""
}

// noteTarget reads the target a plan wrote into a step's note ("target
// @65s", Plan.Workout), when it is one the parser reads for the step.
func noteTarget(st lapkit.WorkoutStep) (Target, bool) {
	text, ok := strings.CutPrefix(st.Notes, targetNote)
	if !ok {
		return Target{}, false
	}
	length := ""
	switch st.Duration {
	case lapkit.DurationDistance:
		length = num(st.Distance) + "m"
	case lapkit.DurationTime:
		length = fmtDur(st.Time)
	default:
		return Target{}, false
	}
	p, err := Parse("1x" + length + "@" + text)
	if err != nil || len(p.Sets) != 1 {
		return Target{}, false
	}
	return p.Sets[0].Target, true
}

// For returns the plan to score a against: given when it is not nil,
// else the workout the file carries (FromWorkout), else nil. The error
// is FromWorkout's, for a workout that gives no plan.
func For(a *lapkit.Activity, given *Plan) (*Plan, error) {
	if given != nil || a == nil {
		return given, nil
	}
	return FromWorkout(a.Workout)
}
