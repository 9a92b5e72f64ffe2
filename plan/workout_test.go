package plan

import (
	"errors"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
)

// TestFromWorkoutRepeatBound: a repeat count a watch cannot hold (one
// 4-byte field, 4,294,967,294; or sets of sets over MaxReps in all) fails
// with ErrInvalid at once, as Parse bounds reps, instead of filling memory;
// a workout of MaxReps reps still reads.
func TestFromWorkoutRepeatBound(t *testing.T) {
	w := func(reps, sets int) *lapkit.Workout {
		steps := []lapkit.WorkoutStep{
			{Index: 0, Intensity: lapkit.IntensityWarmup, Duration: lapkit.DurationTime, Time: 10 * time.Minute},
			{Index: 1, Intensity: lapkit.IntensityActive, Duration: lapkit.DurationDistance, Distance: 400},
			{Index: 2, Intensity: lapkit.IntensityRest, Duration: lapkit.DurationTime, Time: time.Minute},
			{Index: 3, Duration: lapkit.DurationRepeat, RepeatFrom: 1, Repeats: reps},
		}
		if sets > 0 {
			steps = append(steps,
				lapkit.WorkoutStep{Index: 4, Intensity: lapkit.IntensityRest, Duration: lapkit.DurationTime, Time: 3 * time.Minute},
				lapkit.WorkoutStep{Index: 5, Duration: lapkit.DurationRepeat, RepeatFrom: 1, Repeats: sets})
		}
		steps = append(steps, lapkit.WorkoutStep{Index: len(steps), Intensity: lapkit.IntensityCooldown, Duration: lapkit.DurationTime, Time: 10 * time.Minute})
		return &lapkit.Workout{Steps: steps}
	}
	for _, c := range []struct {
		reps, sets, want int // want 0: ErrInvalid
	}{
		{4_294_967_294, 0, 0},
		{MaxReps + 1, 0, 0},
		{4, 4_294_967_294, 0},
		{100, 101, 0},
		{MaxReps, 0, MaxReps},
		{4, 3, 12},
	} {
		p, err := FromWorkout(w(c.reps, c.sets))
		switch {
		case c.want == 0 && !errors.Is(err, ErrInvalid):
			t.Errorf("%d x %d: %v, want ErrInvalid", c.sets, c.reps, err)
		case c.want > 0 && (err != nil || p.Reps() != c.want):
			t.Errorf("%d x %d: %v reps, %v; want %d", c.sets, c.reps, p.Reps(), err, c.want)
		}
	}
}

// TestFromWorkoutTargetBound: a speed target no runner holds (a field of
// garbage: 0.001 or 4,294,967 m/s) leaves the step without a target, and
// the plan's notes say so; 4 m/s is 4:10/km.
func TestFromWorkoutTargetBound(t *testing.T) {
	for _, c := range []struct {
		speed float64
		pace  time.Duration // 0: no target
	}{{0.001, 0}, {4_294_967, 0}, {4, 250 * time.Second}} {
		w := &lapkit.Workout{Steps: []lapkit.WorkoutStep{
			{Index: 0, Intensity: lapkit.IntensityActive, Duration: lapkit.DurationDistance, Distance: 1000,
				Target: lapkit.Target{Kind: lapkit.TargetSpeed, Low: c.speed, High: c.speed}},
			{Index: 1, Intensity: lapkit.IntensityRest, Duration: lapkit.DurationTime, Time: time.Minute},
			{Index: 2, Duration: lapkit.DurationRepeat, RepeatFrom: 0, Repeats: 5},
		}}
		p, err := FromWorkout(w)
		if err != nil {
			t.Fatalf("%g m/s: %v", c.speed, err)
		}
		got := p.Sets[0].Target
		if c.pace == 0 && (got.Kind != TargetNone || len(p.Notes) != 1) || c.pace > 0 && (got.Pace != c.pace || len(p.Notes) != 0) {
			t.Errorf("%g m/s: target %+v, notes %q", c.speed, got, p.Notes)
		}
	}
}

// TestPlanFromWorkoutCooldownRecoveries: recoveries marked cooldown inside
// a repeat are the rests of the repeat, not its end (the x8 survives).
func TestPlanFromWorkoutCooldownRecoveries(t *testing.T) {
	for _, last := range []bool{true, false} {
		w := &lapkit.Workout{Steps: []lapkit.WorkoutStep{
			{Index: 0, Intensity: lapkit.IntensityWarmup, Duration: lapkit.DurationDistance, Distance: 3000},
			{Index: 1, Intensity: lapkit.IntensityActive, Duration: lapkit.DurationDistance, Distance: 400},
			{Index: 2, Intensity: lapkit.IntensityCooldown, Duration: lapkit.DurationTime, Time: 90 * time.Second},
			{Index: 3, Duration: lapkit.DurationRepeat, RepeatFrom: 1, Repeats: 8},
		}}
		if last {
			w.Steps = append(w.Steps, lapkit.WorkoutStep{Index: 4, Intensity: lapkit.IntensityCooldown, Duration: lapkit.DurationDistance, Distance: 1000})
		}
		p, err := FromWorkout(w)
		if err != nil || p.String() != "8x400m r90s" {
			t.Errorf("cool-down step %v: plan %v, %v", last, p, err)
		}
	}
}
