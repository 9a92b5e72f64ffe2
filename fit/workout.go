package fit

import (
	"errors"
	"io"
	"math"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/errs"
	fitsdk "github.com/tormoder/fit"
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
func convertWorkout(w *fitsdk.WorkoutMsg, steps []*fitsdk.WorkoutStepMsg) *lapkit.Workout {
	out := &lapkit.Workout{}
	running := false
	if w != nil {
		out.Name = w.WktName
		if w.Sport != fitsdk.SportInvalid {
			out.Sport = lapkit.Sport(snake(w.Sport.String()))
		}
		running = w.Sport == fitsdk.SportRunning
	}
	for i, s := range steps {
		st := lapkit.WorkoutStep{
			Index:     i,
			Name:      s.WktStepName,
			Notes:     s.Notes,
			Intensity: intensity(s.Intensity),
		}
		if s.MessageIndex != 0xFFFF {
			st.Index = int(s.MessageIndex & fitsdk.MessageIndexMask)
		}
		if s.Intensity == fitsdk.IntensityInvalid {
			st.Intensity = lapkit.IntensityUnknown
		}
		switch s.DurationType {
		case fitsdk.WktStepDurationTime:
			st.Duration = lapkit.DurationTime
			st.Time = time.Duration(s.DurationValue) * time.Millisecond
		case fitsdk.WktStepDurationDistance:
			st.Duration = lapkit.DurationDistance
			st.Distance = float64(s.DurationValue) / 100
		case fitsdk.WktStepDurationOpen, fitsdk.WktStepDurationInvalid:
			st.Duration = lapkit.DurationOpen
		case fitsdk.WktStepDurationRepeatUntilStepsCmplt:
			st.Duration = lapkit.DurationRepeat
			st.RepeatFrom = int(s.DurationValue)
			st.Repeats = int(s.TargetValue)
		default:
			st.Duration = lapkit.DurationOther
		}
		if st.Duration != lapkit.DurationRepeat {
			st.Target = target(s, running)
		}
		out.Steps = append(out.Steps, st)
	}
	return out
}

func target(s *fitsdk.WorkoutStepMsg, running bool) lapkit.Target {
	nan := math.NaN()
	t := lapkit.Target{Low: nan, High: nan}
	custom := s.TargetValue == 0 || s.TargetValue == 0xFFFFFFFF
	lo, hi := s.CustomTargetValueLow, s.CustomTargetValueHigh
	valid := func(v uint32) bool { return v != 0xFFFFFFFF }
	switch s.TargetType {
	case fitsdk.WktStepTargetOpen, fitsdk.WktStepTargetInvalid:
		t.Kind = lapkit.TargetOpen
		return t
	case fitsdk.WktStepTargetSpeed:
		t.Kind = lapkit.TargetSpeed
		if custom && valid(lo) && valid(hi) {
			t.Low, t.High = float64(lo)/1000, float64(hi)/1000
		}
	case fitsdk.WktStepTargetHeartRate:
		t.Kind = lapkit.TargetHeartRate
		// Custom values above 100 are bpm + 100; below, percent of max HR.
		if custom && valid(lo) && valid(hi) {
			if lo <= 100 || hi <= 100 {
				t.Kind = lapkit.TargetOther
				return t
			}
			t.Low, t.High = float64(lo-100), float64(hi-100)
		}
	case fitsdk.WktStepTargetCadence:
		t.Kind = lapkit.TargetCadence
		if custom && valid(lo) && valid(hi) {
			t.Low, t.High = float64(lo), float64(hi)
			if running {
				t.Low, t.High = 2*t.Low, 2*t.High
			}
		}
	case fitsdk.WktStepTargetPower:
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
		t.Zone = int(s.TargetValue)
	}
	return t
}
