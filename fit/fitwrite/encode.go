// Package fitwrite writes FIT workout files, which watches (Garmin, COROS,
// Wahoo) load as structured workouts: the plan's reps, rests and targets
// as steps. It writes through github.com/tormoder/fit's encoder; the fit
// package, which reads FIT files, imports no encoder.
package fitwrite

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"time"
	"unicode/utf8"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/internal/errs"
	"github.com/lapkit/lapkit/internal/fitcanon"
	fitsdk "github.com/tormoder/fit"
)

// The FIT profile's string sizes, less the terminating NUL: the longest
// workout or step name, and step notes, a workout file holds (in bytes of
// UTF-8).
// ErrFormat is fit.ErrFormat: a workout a FIT file cannot hold (no
// steps, a repeat pointing forward, a length beyond FIT's range), or no
// output.
var ErrFormat = fit.ErrFormat

const (
	MaxName  = 15
	MaxNotes = 49
)

// A WorkoutEncoder writes FIT workout files. Its zero value stamps the
// file with the current time.
type WorkoutEncoder struct {
	// Created is the file's time_created, which with the manufacturer,
	// product and serial number tells a watch one workout file from
	// another; zero means now. Whole seconds are kept.
	Created time.Time
}

// EncodeWorkout writes wk as a FIT workout file with a zero
// WorkoutEncoder.
func EncodeWorkout(w io.Writer, wk *lapkit.Workout) error {
	var e WorkoutEncoder
	return e.Encode(w, wk)
}

// Encode writes wk as a FIT workout file (file type 5), through
// tormoder/fit's encoder, in the order the FIT SDK asks for: file_id,
// workout (name, sport, number of steps), then one workout_step per step,
// message_index from 0. Times are milliseconds and distances centimetres;
// a speed target is a custom range in mm/s; a heart-rate target is a
// custom range in bpm + 100; a repeat step (lapkit.DurationRepeat) repeats
// from step RepeatFrom, Repeats times (repeat_until_steps_cmplt). The same
// workout and Created give the same bytes. Names and notes are cut, at a
// character, to the FIT profile's sizes (MaxName bytes for the workout's
// and each step's name, MaxNotes for a step's notes), which watches show.
// A nil workout, one without
// steps, or a step FIT cannot hold (a repeat pointing forward, a length
// beyond FIT's range) is ErrFormat, and nothing is written.
func (e *WorkoutEncoder) Encode(w io.Writer, wk *lapkit.Workout) error {
	if e == nil {
		e = &WorkoutEncoder{}
	}
	if w == nil {
		return errs.Wrap(ErrFormat, "fitwrite: no output (a nil writer)")
	}
	if wk == nil || len(wk.Steps) == 0 {
		return errs.Wrap(ErrFormat, "fitwrite: a workout without steps")
	}
	if len(wk.Steps) > 0xFFFE {
		return errs.Wrap(ErrFormat, "fitwrite: %d workout steps: at most %d", len(wk.Steps), 0xFFFE)
	}
	created := e.Created
	if created.IsZero() {
		created = time.Now()
	}
	f, err := fitsdk.NewFile(fitsdk.FileTypeWorkout, fitsdk.NewHeader(fitsdk.V20, true))
	if err != nil {
		return fmt.Errorf("fitwrite: %w", err)
	}
	f.FileId.Manufacturer = fitsdk.ManufacturerDevelopment
	f.FileId.Product = 0
	f.FileId.SerialNumber = 1
	f.FileId.TimeCreated = created.UTC().Truncate(time.Second)
	wf, err := f.Workout()
	if err != nil {
		return fmt.Errorf("fitwrite: %w", err)
	}
	wm := fitsdk.NewWorkoutMsg()
	wm.WktName = Cut(wk.Name, MaxName)
	wm.Sport = fitSport(wk.Sport)
	wm.NumValidSteps = uint16(len(wk.Steps))
	wf.Workout = wm
	for i, st := range wk.Steps {
		m, err := workoutStep(i, st)
		if err != nil {
			return err
		}
		wf.WorkoutSteps = append(wf.WorkoutSteps, m)
	}
	var buf bytes.Buffer
	if err := fitsdk.Encode(&buf, f, binary.LittleEndian); err != nil {
		return fmt.Errorf("fitwrite: encoding the workout: %w", err)
	}
	b, err := fitcanon.Canonical(buf.Bytes())
	if err != nil {
		return fmt.Errorf("fitwrite: %w", err)
	}
	_, err = w.Write(b)
	return err
}

// fitSport is the FIT sport of a model sport: running unless it names
// another FIT knows.
func fitSport(s lapkit.Sport) fitsdk.Sport {
	if v, ok := fit.SportValue(s); ok {
		return fitsdk.Sport(v)
	}
	return fitsdk.SportRunning
}

var fitIntensity = map[lapkit.Intensity]fitsdk.Intensity{
	lapkit.IntensityActive: fitsdk.IntensityActive, lapkit.IntensityRest: fitsdk.IntensityRest,
	lapkit.IntensityWarmup: fitsdk.IntensityWarmup, lapkit.IntensityCooldown: fitsdk.IntensityCooldown,
	lapkit.IntensityRecovery: fitsdk.IntensityRecovery,
}

// workoutStep is the FIT message of step i.
func workoutStep(i int, st lapkit.WorkoutStep) (*fitsdk.WorkoutStepMsg, error) {
	bad := func(format string, args ...any) error {
		return errs.Wrap(ErrFormat, "fitwrite: workout step %d: "+format, append([]any{i}, args...)...)
	}
	m := fitsdk.NewWorkoutStepMsg()
	m.MessageIndex = fitsdk.MessageIndex(i)
	m.WktStepName = Cut(st.Name, MaxName)
	m.Notes = Cut(st.Notes, MaxNotes)
	if in, ok := fitIntensity[st.Intensity]; ok {
		m.Intensity = in
	}
	u32 := func(v float64, what string) (uint32, error) {
		if !(v >= 0 && v < 0xFFFFFFFF) {
			return 0, bad("%s %g is beyond what FIT holds", what, v)
		}
		return uint32(math.Round(v)), nil
	}
	var err error
	switch st.Duration {
	case lapkit.DurationOpen:
		m.DurationType = fitsdk.WktStepDurationOpen
	case lapkit.DurationTime:
		m.DurationType = fitsdk.WktStepDurationTime
		m.DurationValue, err = u32(float64(st.Time.Milliseconds()), "a time of ms")
	case lapkit.DurationDistance:
		m.DurationType = fitsdk.WktStepDurationDistance
		m.DurationValue, err = u32(st.Distance*100, "a distance of cm")
	case lapkit.DurationRepeat:
		if st.RepeatFrom < 0 || st.RepeatFrom >= i || st.Repeats < 1 {
			return nil, bad("a repeat from step %d, %d times: it must point back to an earlier step and repeat at least once", st.RepeatFrom, st.Repeats)
		}
		m.DurationType = fitsdk.WktStepDurationRepeatUntilStepsCmplt
		m.DurationValue = uint32(st.RepeatFrom)
		m.TargetValue = uint32(st.Repeats)
		return m, nil
	default:
		return nil, bad("a %v duration is not one lapkit writes", st.Duration)
	}
	if err != nil {
		return nil, err
	}
	t := st.Target
	switch t.Kind {
	case lapkit.TargetOpen:
		m.TargetType = fitsdk.WktStepTargetOpen
		m.TargetValue = 0
	case lapkit.TargetSpeed:
		if !(t.Low > 0 && t.High >= t.Low) {
			return nil, bad("a speed range of %g to %g m/s", t.Low, t.High)
		}
		m.TargetType, m.TargetValue = fitsdk.WktStepTargetSpeed, 0
		if m.CustomTargetValueLow, err = u32(t.Low*1000, "a speed of mm/s"); err != nil {
			return nil, err
		}
		if m.CustomTargetValueHigh, err = u32(t.High*1000, "a speed of mm/s"); err != nil {
			return nil, err
		}
	case lapkit.TargetHeartRate:
		if !(t.Low > 0 && t.High >= t.Low) {
			return nil, bad("a heart-rate range of %g to %g bpm", t.Low, t.High)
		}
		m.TargetType, m.TargetValue = fitsdk.WktStepTargetHeartRate, 0
		m.CustomTargetValueLow, m.CustomTargetValueHigh = uint32(math.Round(t.Low))+100, uint32(math.Round(t.High))+100
	default:
		return nil, bad("a %v target is not one lapkit writes", t.Kind)
	}
	return m, nil
}

// Cut returns s cut to at most n bytes, at a character boundary: what a
// workout file keeps of a name (MaxName) or of notes (MaxNotes).
func Cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
