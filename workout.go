package lapkit

import (
	"fmt"
	"time"
)

// A Workout is a structured workout as a device stores it: the plan a
// session was run from (embedded in an activity file) or a workout file of
// its own. Repeats are steps that point back to an earlier step; [Workout.Expand]
// unrolls them into the sequence of steps a runner actually performs.
type Workout struct {
	Name  string
	Sport Sport // "" when not given
	Steps []WorkoutStep
}

// A WorkoutStep is one step of a Workout.
type WorkoutStep struct {
	Index     int // position in Workout.Steps, as laps refer to it (Lap.WorkoutStep)
	Name      string
	Notes     string
	Intensity Intensity

	Duration StepDuration  // how the step ends
	Time     time.Duration // step length when Duration is DurationTime
	Distance float64       // step length in metres when Duration is DurationDistance

	// RepeatFrom and Repeats are set when Duration is DurationRepeat: the
	// steps RepeatFrom..Index-1 are run Repeats times in all.
	RepeatFrom int
	Repeats    int

	Target Target // what the runner aims for during the step
}

// StepDuration tells how a workout step ends. The zero value is DurationOpen.
type StepDuration uint8

// Step durations. DurationOpen ends with a lap button press; DurationOther
// covers the rarer kinds (heart rate, calories, power thresholds).
const (
	DurationOpen StepDuration = iota
	DurationTime
	DurationDistance
	DurationRepeat
	DurationOther
)

var stepDurationNames = [...]string{"open", "time", "distance", "repeat", "other"}

// String returns the duration kind's name.
func (d StepDuration) String() string {
	if int(d) < len(stepDurationNames) {
		return stepDurationNames[d]
	}
	return fmt.Sprintf("StepDuration(%d)", uint8(d))
}

// MarshalText implements encoding.TextMarshaler with the String form.
func (d StepDuration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// A Target is the aim of a workout step. For TargetSpeed, Low and High are
// in m/s (a slower and a faster bound); for TargetHeartRate in bpm; for
// TargetPower in watts; for TargetCadence in steps/min. Zone is the device
// zone number when the target is a zone rather than a custom range (then Low
// and High are NaN), 0 otherwise.
type Target struct {
	Kind      TargetKind
	Low, High float64
	Zone      int
}

// TargetKind is what a step targets. The zero value is TargetOpen (no target).
type TargetKind uint8

// Target kinds.
const (
	TargetOpen TargetKind = iota
	TargetSpeed
	TargetHeartRate
	TargetCadence
	TargetPower
	TargetOther
)

var targetKindNames = [...]string{"open", "speed", "heart_rate", "cadence", "power", "other"}

// String returns the target kind's name.
func (k TargetKind) String() string {
	if int(k) < len(targetKindNames) {
		return targetKindNames[k]
	}
	return fmt.Sprintf("TargetKind(%d)", uint8(k))
}

// MarshalText implements encoding.TextMarshaler with the String form.
func (k TargetKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// MaxExpandedSteps bounds [Workout.Expand], so that a hostile repeat count
// cannot exhaust memory.
const MaxExpandedSteps = 10000

// Expand unrolls the workout's repeat steps into the sequence of steps a
// runner performs, in order, without the repeat steps themselves. Nested
// repeats are unrolled inside out. A repeat that points forward or outside
// the workout is ignored. The result holds at most MaxExpandedSteps steps.
func (w *Workout) Expand() []WorkoutStep {
	if w == nil {
		return nil
	}
	var out []WorkoutStep
	first := make(map[int]int, len(w.Steps)) // step index -> position of its first emission
	for _, s := range w.Steps {
		if s.Duration != DurationRepeat {
			if len(out) >= MaxExpandedSteps {
				return out
			}
			first[s.Index] = len(out)
			out = append(out, s)
			continue
		}
		p, ok := first[s.RepeatFrom]
		if !ok || s.RepeatFrom >= s.Index {
			continue
		}
		n := len(out) - p
		for it := 2; it <= s.Repeats; it++ {
			if len(out)+n > MaxExpandedSteps {
				return out
			}
			out = append(out, out[p:p+n]...)
		}
	}
	return out
}
