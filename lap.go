package lapkit

import (
	"fmt"
	"time"
)

// A Lap is a lap as the device recorded it: a button press, an auto lap, or
// one step of a structured workout.
type Lap struct {
	Start time.Time // when the lap began, UTC
	End   time.Time // when the lap ended, UTC (FIT writes this as the lap timestamp)

	Distance    float64       // metres as the device measured it; NaN when not written
	TimerTime   time.Duration // time with the timer running: excludes pauses
	ElapsedTime time.Duration // wall-clock time from Start to End: includes pauses

	Trigger   LapTrigger // what ended the lap
	Intensity Intensity  // the workout intensity of the lap

	// WorkoutStep is the index in Workout.Steps (WorkoutStep.Index) of the
	// step the lap belongs to, when HasWorkoutStep is set. A zero Lap, like
	// most laps of most files, belongs to no step.
	WorkoutStep    int
	HasWorkoutStep bool

	AvgHeartRate float64 // bpm; NaN when not written
	MaxHeartRate float64 // bpm; NaN when not written
	AvgSpeed     float64 // m/s as the device computed it; NaN when not written
	MaxSpeed     float64 // m/s; NaN when not written
}

// LapTrigger tells what ended a lap. The zero value is LapTriggerUnknown.
type LapTrigger uint8

// Lap triggers. Manual is a button press; Distance, Time and Position are
// auto laps (every 1 km, every 5 min, at a saved location); SessionEnd is the
// last lap, closed by stopping the activity.
const (
	LapTriggerUnknown LapTrigger = iota
	LapTriggerManual
	LapTriggerDistance
	LapTriggerTime
	LapTriggerPosition
	LapTriggerSessionEnd
	LapTriggerHeartRate
)

var lapTriggerNames = [...]string{"unknown", "manual", "distance", "time", "position", "session_end", "heart_rate"}

// String returns the trigger's snake_case name, as used in JSON reports.
func (t LapTrigger) String() string {
	if int(t) < len(lapTriggerNames) {
		return lapTriggerNames[t]
	}
	return fmt.Sprintf("LapTrigger(%d)", uint8(t))
}

// MarshalText implements encoding.TextMarshaler with the String form.
func (t LapTrigger) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler for the String form.
func (t *LapTrigger) UnmarshalText(b []byte) error {
	for i, n := range lapTriggerNames {
		if n == string(b) {
			*t = LapTrigger(i)
			return nil
		}
	}
	return fmt.Errorf("lapkit: unknown lap trigger %q", b)
}

// Intensity is the intensity a device or plan gives a lap or workout step.
// The zero value is IntensityUnknown.
type Intensity uint8

// Intensities, as FIT and TCX define them. FIT's "interval" is reported as
// IntensityActive.
const (
	IntensityUnknown Intensity = iota
	IntensityActive
	IntensityRest
	IntensityWarmup
	IntensityCooldown
	IntensityRecovery
)

var intensityNames = [...]string{"unknown", "active", "rest", "warmup", "cooldown", "recovery"}

// String returns the intensity's name, as used in JSON reports.
func (i Intensity) String() string {
	if int(i) < len(intensityNames) {
		return intensityNames[i]
	}
	return fmt.Sprintf("Intensity(%d)", uint8(i))
}

// MarshalText implements encoding.TextMarshaler with the String form.
func (i Intensity) MarshalText() ([]byte, error) { return []byte(i.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler for the String form.
func (i *Intensity) UnmarshalText(b []byte) error {
	for k, n := range intensityNames {
		if n == string(b) {
			*i = Intensity(k)
			return nil
		}
	}
	return fmt.Errorf("lapkit: unknown intensity %q", b)
}
