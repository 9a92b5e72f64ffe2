package fit

import (
	"errors"
	"io"
	"math"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/errs"
)

// DecodeWorkout reads a structured workout from r: a FIT workout file
// (file_type=workout, as Garmin Connect, TrainingPeaks and others export
// them), or the workout embedded in an activity file. It gives
// ErrNotWorkout when the file has neither.
func DecodeWorkout(r io.Reader) (*lapkit.Workout, error) {
	var d Decoder
	return d.DecodeWorkout(r)
}

// DecodeWorkout is like the package function DecodeWorkout with the
// decoder's limits.
func (d *Decoder) DecodeWorkout(r io.Reader) (*lapkit.Workout, error) {
	if d == nil {
		d = &Decoder{}
	}
	if r == nil {
		return nil, errs.Wrap(ErrFormat, "fit: no input (a nil reader)")
	}
	dst, done := input()
	buf, err := d.read(r, dst)
	defer done(buf)
	if err != nil && (len(buf) == 0 || errors.Is(err, ErrTooLarge)) {
		return nil, err
	}
	segs, err := scan(buf)
	if err != nil {
		return nil, err
	}
	var serr error
	for _, s := range segs {
		if s.err != nil && serr == nil {
			serr = s.err
		}
		if s.workout == nil && len(s.steps) == 0 {
			continue
		}
		return convertWorkout(s.workout, s.steps), serr
	}
	if serr != nil {
		return nil, serr
	}
	return nil, errs.Wrap(ErrNotWorkout, "fit: no workout or workout_step message")
}

// convertWorkout turns FIT workout messages into the model. w may be nil
// (steps without a workout header).
func convertWorkout(w *workoutMsg, steps []stepMsg) *lapkit.Workout {
	out := &lapkit.Workout{}
	running := false
	if w != nil {
		out.Name = w.name
		out.Sport = lapkit.Sport(sportNames[w.sport])
		running = w.sport == sportRunning
	}
	for i, s := range steps {
		st := lapkit.WorkoutStep{
			Index:     i,
			Name:      s.name,
			Notes:     s.notes,
			Intensity: intensity(s.intensity),
		}
		if s.index != 0xFFFF {
			st.Index = int(s.index & messageIndexMask)
		}
		if s.intensity == intensityInvalid {
			st.Intensity = lapkit.IntensityUnknown
		}
		switch s.durationType {
		case wktStepDurationTime:
			st.Duration = lapkit.DurationTime
			st.Time = time.Duration(s.durationValue) * time.Millisecond
		case wktStepDurationDistance:
			st.Duration = lapkit.DurationDistance
			st.Distance = float64(s.durationValue) / 100
		case wktStepDurationOpen, wktStepDurationInvalid:
			st.Duration = lapkit.DurationOpen
		case wktStepDurationRepeatUntilStepsCmplt:
			st.Duration = lapkit.DurationRepeat
			st.RepeatFrom = int(s.durationValue)
			st.Repeats = int(s.targetValue)
		default:
			st.Duration = lapkit.DurationOther
		}
		if st.Duration != lapkit.DurationRepeat {
			st.Target = target(&s, running)
		}
		out.Steps = append(out.Steps, st)
	}
	return out
}

// target reads a step's target: its kind, and its range in the model's
// units (m/s, bpm, steps/min, W) or its zone.
func target(s *stepMsg, running bool) lapkit.Target {
	nan := math.NaN()
	t := lapkit.Target{Low: nan, High: nan}
	custom := s.targetValue == 0 || s.targetValue == 0xFFFFFFFF
	lo, hi := s.customLow, s.customHigh
	valid := func(v uint32) bool { return v != 0xFFFFFFFF }
	switch s.targetType {
	case wktStepTargetOpen, wktStepTargetInvalid:
		t.Kind = lapkit.TargetOpen
		return t
	case wktStepTargetSpeed:
		t.Kind = lapkit.TargetSpeed
		if custom && valid(lo) && valid(hi) {
			t.Low, t.High = float64(lo)/1000, float64(hi)/1000
		}
	case wktStepTargetHeartRate:
		t.Kind = lapkit.TargetHeartRate
		// Custom values above 100 are bpm + 100; below, percent of max HR.
		if custom && valid(lo) && valid(hi) {
			if lo <= 100 || hi <= 100 {
				t.Kind = lapkit.TargetOther
				return t
			}
			t.Low, t.High = float64(lo-100), float64(hi-100)
		}
	case wktStepTargetCadence:
		t.Kind = lapkit.TargetCadence
		if custom && valid(lo) && valid(hi) {
			t.Low, t.High = float64(lo), float64(hi)
			if running {
				t.Low, t.High = 2*t.Low, 2*t.High
			}
		}
	case wktStepTargetPower:
		t.Kind = lapkit.TargetPower
		// Custom values above 1000 are watts + 1000; below, percent of FTP.
		if custom && valid(lo) && valid(hi) {
			if lo <= 1000 || hi <= 1000 {
				t.Kind = lapkit.TargetOther
				return t
			}
			t.Low, t.High = float64(lo-1000), float64(hi-1000)
		}
	default:
		t.Kind = lapkit.TargetOther
		return t
	}
	if !custom {
		t.Zone = int(s.targetValue)
	}
	return t
}
