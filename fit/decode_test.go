package fit_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/internal/testkit/synth"
	"github.com/lapkit/lapkit/internal/track"
	fitsdk "github.com/tormoder/fit"
)

func read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decode(t testing.TB, b []byte) *lapkit.Activity {
	t.Helper()
	a, err := fit.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestConstantPace(t *testing.T) {
	a := decode(t, read(t, "constant_5k.fit"))
	if a.Format != "fit" || a.Sport != "running" || a.SubSport != "track" {
		t.Errorf("format/sport = %s %s/%s", a.Format, a.Sport, a.SubSport)
	}
	if len(a.Samples) != 1201 {
		t.Errorf("samples = %d, want 1201", len(a.Samples))
	}
	if a.Duration() != 20*time.Minute || a.MovingTime() != 20*time.Minute {
		t.Errorf("duration %v moving %v, want 20m", a.Duration(), a.MovingTime())
	}
	if math.Abs(a.Distance()-5000) > 0.005 {
		t.Errorf("distance = %.3f, want 5000", a.Distance())
	}
	if len(a.Laps) != 5 {
		t.Fatalf("laps = %d, want 5", len(a.Laps))
	}
	for i, l := range a.Laps {
		want := lapkit.LapTriggerDistance
		if i == 4 {
			want = lapkit.LapTriggerSessionEnd
		}
		if l.Trigger != want || math.Abs(l.Distance-1000) > 0.02 || l.End.Sub(l.Start) != 4*time.Minute {
			t.Errorf("lap %d = %v %.2f m %v", i+1, l.Trigger, l.Distance, l.End.Sub(l.Start))
		}
	}
	s := a.Samples[600]
	// 4:00/km: 4.167 m/s; cadence 150+8v rounded to 183 steps/min, per leg 91.5.
	if s.Speed != 4.167 || s.Cadence != 183 || math.IsNaN(s.HeartRate) || math.IsNaN(s.Altitude) {
		t.Errorf("sample 600 = %+v", s)
	}
	if math.Abs(s.Distance-2500) > 0.01 || math.Abs(s.Lat-synth.Origin.Lat) > 1e-4 {
		t.Errorf("sample 600 at %.3f m, lat %.7f", s.Distance, s.Lat)
	}
	if !math.IsNaN(s.Power) {
		t.Errorf("power = %v, want NaN (not recorded)", s.Power)
	}
	if len(a.Sessions) != 1 || a.Sessions[0].Distance != 5000 || a.Sessions[0].ElapsedTime != 20*time.Minute {
		t.Errorf("sessions = %+v", a.Sessions)
	}
	if a.Device.String() != "Development product=1" || a.Device.Serial != 42 {
		t.Errorf("device = %+v", a.Device)
	}
}

func TestSmartRecording(t *testing.T) {
	a := decode(t, read(t, "constant_5k_smart.fit"))
	pts := func() []synth.Point {
		s := synth.Constant(5000, synth.Pace(4*time.Minute))
		s.Smart = true
		return s.Points()
	}()
	if len(a.Samples) != len(pts) {
		t.Fatalf("samples = %d, want %d", len(a.Samples), len(pts))
	}
	for i, p := range pts {
		if !a.Samples[i].Time.Equal(lapkit.At(p.Time)) || math.Abs(a.Samples[i].Distance-p.Distance) > 0.006 {
			t.Fatalf("sample %d = %v %.3f, want %v %.3f", i, a.Samples[i].Time, a.Samples[i].Distance, p.Time, p.Distance)
		}
	}
}

func TestPause(t *testing.T) {
	a := decode(t, read(t, "constant_5k_pause.fit"))
	if len(a.Pauses) != 1 || a.Pauses[0].Duration() != time.Minute {
		t.Fatalf("pauses = %+v", a.Pauses)
	}
	if want := synth.Epoch.Add(10 * time.Minute); !a.Pauses[0].Start.Equal(want) {
		t.Errorf("pause starts %v, want %v", a.Pauses[0].Start, want)
	}
	if a.Duration() != 21*time.Minute || a.MovingTime() != 20*time.Minute {
		t.Errorf("duration %v moving %v", a.Duration(), a.MovingTime())
	}
}

func TestWorkoutLaps(t *testing.T) {
	a := decode(t, read(t, "speed_endurance_workout.fit"))
	se := synth.SpeedEndurance()
	want := se.Laps(synth.LapsWorkout)
	if len(a.Laps) != len(want) {
		t.Fatalf("laps = %d, want %d", len(a.Laps), len(want))
	}
	for i, w := range want {
		l := a.Laps[i]
		if !l.Start.Equal(w.Start.Truncate(time.Second)) && !l.Start.Equal(w.Start) {
			t.Errorf("lap %d start %v, want %v", i+1, l.Start, w.Start)
		}
		if l.Intensity != w.Intensity || lapStep(l) != w.Step || l.Trigger != w.Trigger {
			t.Errorf("lap %d = %v step %d %v, want %v step %d %v", i+1, l.Intensity, l.WorkoutStep, l.Trigger, w.Intensity, w.Step, w.Trigger)
		}
	}
}

// TestTruncated cuts a file at every length and checks that the decoder
// never panics, reports ErrTruncated, and keeps every record before the cut.
func TestTruncated(t *testing.T) {
	b := read(t, "constant_5k.fit")
	prev := 0
	for n := 0; n < len(b); n += 37 {
		a, err := fit.Decode(bytes.NewReader(b[:n]))
		switch {
		case n == 0:
			if !errors.Is(err, fit.ErrFormat) {
				t.Errorf("empty: err = %v, want ErrFormat", err)
			}
			continue
		case !errors.Is(err, fit.ErrTruncated):
			t.Fatalf("cut at %d: err = %v, want ErrTruncated", n, err)
		}
		got := 0
		if a != nil {
			got = len(a.Samples)
		}
		if got < prev {
			t.Fatalf("cut at %d: %d samples, fewer than %d at a shorter cut", n, got, prev)
		}
		prev = got
	}
	// Only the CRC missing: every record is there.
	a, err := fit.Decode(bytes.NewReader(b[:len(b)-1]))
	if !errors.Is(err, fit.ErrTruncated) || a == nil || len(a.Samples) != 1201 {
		t.Errorf("CRC cut: err %v, activity %v", err, a != nil)
	}
	// Half the file: the records of the first half, in order and intact.
	a, _ = fit.Decode(bytes.NewReader(b[:len(b)/2]))
	if a == nil || len(a.Samples) < 500 || len(a.Samples) > 700 {
		t.Fatalf("half file: %v samples", a)
	}
	for i, s := range a.Samples {
		if !s.Time.Equal(lapkit.At(synth.Epoch.Add(time.Duration(i) * time.Second))) {
			t.Fatalf("sample %d at %v", i, s.Time)
		}
	}
}

func TestChecksum(t *testing.T) {
	b := append([]byte(nil), read(t, "constant_5k.fit")...)
	b[len(b)-1] ^= 0xFF
	a, err := fit.Decode(bytes.NewReader(b))
	if !errors.Is(err, fit.ErrChecksum) || a == nil || len(a.Samples) != 1201 {
		t.Errorf("file CRC: err = %v, activity %v", err, a != nil)
	}
	b = append([]byte(nil), read(t, "constant_5k.fit")...)
	b[12] ^= 0xFF // header CRC
	a, err = fit.Decode(bytes.NewReader(b))
	if !errors.Is(err, fit.ErrChecksum) || a == nil || len(a.Samples) != 1201 {
		t.Errorf("header CRC: err = %v, activity %v", err, a != nil)
	}
}

func TestBadInput(t *testing.T) {
	good := read(t, "constant_5k.fit")
	huge := append([]byte(nil), good[:100]...)
	binary.LittleEndian.PutUint32(huge[4:8], 2<<30) // claims 2 GB
	huge[12], huge[13] = 0, 0
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, fit.ErrFormat},
		{"text", []byte("this is not a fit file at all"), fit.ErrFormat},
		{"short", []byte{14, 0x20}, fit.ErrTruncated},
		{"bad header size", append([]byte{40}, good[1:]...), fit.ErrFormat},
		{"2 GB claim", huge, fit.ErrTruncated},
		{"undefined local type", append(append([]byte(nil), good[:14]...), 0x05, 1, 2, 3), fit.ErrFormat},
	}
	for _, tc := range tests {
		_, err := fit.Decode(bytes.NewReader(tc.in))
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
	d := fit.Decoder{MaxBytes: 1000}
	if _, err := d.Decode(bytes.NewReader(good)); !errors.Is(err, fit.ErrTooLarge) {
		t.Errorf("MaxBytes: err = %v", err)
	}
}

// workoutFile encodes 3 x (4 x 400 m at 6.15 m/s, 60 s rest) with a 3 min
// set rest as a FIT workout file.
func workoutFile(t testing.TB) []byte {
	f, err := fitsdk.NewFile(fitsdk.FileTypeWorkout, fitsdk.NewHeader(fitsdk.V20, true))
	if err != nil {
		t.Fatal(err)
	}
	f.FileId.Manufacturer, f.FileId.Product, f.FileId.TimeCreated = fitsdk.ManufacturerDevelopment, 1, synth.Epoch
	w, _ := f.Workout()
	w.Workout = fitsdk.NewWorkoutMsg()
	w.Workout.WktName, w.Workout.Sport, w.Workout.NumValidSteps = "3x4x400", fitsdk.SportRunning, 6
	step := func(i int, d fitsdk.WktStepDuration, v uint32, in fitsdk.Intensity) *fitsdk.WorkoutStepMsg {
		s := fitsdk.NewWorkoutStepMsg()
		s.MessageIndex, s.DurationType, s.DurationValue, s.Intensity = fitsdk.MessageIndex(i), d, v, in
		s.TargetType = fitsdk.WktStepTargetOpen
		return s
	}
	rep := step(0, fitsdk.WktStepDurationDistance, 40000, fitsdk.IntensityActive)
	rep.TargetType, rep.TargetValue, rep.CustomTargetValueLow, rep.CustomTargetValueHigh = fitsdk.WktStepTargetSpeed, 0, 6000, 6300
	rest := step(1, fitsdk.WktStepDurationTime, 60000, fitsdk.IntensityRest)
	inner := step(2, fitsdk.WktStepDurationRepeatUntilStepsCmplt, 0, fitsdk.IntensityInvalid)
	inner.TargetValue = 4
	setRest := step(3, fitsdk.WktStepDurationTime, 180000, fitsdk.IntensityRecovery)
	outer := step(4, fitsdk.WktStepDurationRepeatUntilStepsCmplt, 0, fitsdk.IntensityInvalid)
	outer.TargetValue = 3
	cd := step(5, fitsdk.WktStepDurationOpen, 0, fitsdk.IntensityCooldown)
	w.WorkoutSteps = []*fitsdk.WorkoutStepMsg{rep, rest, inner, setRest, outer, cd}
	var buf bytes.Buffer
	if err := fitsdk.Encode(&buf, f, binary.LittleEndian); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWorkoutFile(t *testing.T) {
	b := workoutFile(t)
	if _, err := fit.Decode(bytes.NewReader(b)); !errors.Is(err, fit.ErrNotActivity) {
		t.Errorf("Decode: err = %v, want ErrNotActivity", err)
	}
	w, err := fit.DecodeWorkout(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if w.Name != "3x4x400" || w.Sport != "running" || len(w.Steps) != 6 {
		t.Fatalf("workout = %+v", w)
	}
	r := w.Steps[0]
	if r.Duration != lapkit.DurationDistance || r.Distance != 400 || r.Target.Kind != lapkit.TargetSpeed || r.Target.Low != 6 || r.Target.High != 6.3 {
		t.Errorf("rep step = %+v", r)
	}
	if s := w.Steps[2]; s.Duration != lapkit.DurationRepeat || s.RepeatFrom != 0 || s.Repeats != 4 {
		t.Errorf("inner repeat = %+v", s)
	}
	x := w.Expand()
	// 3 sets x (4 reps + 4 rests) + 3 set rests + cool-down
	if len(x) != 3*8+3+1 {
		t.Fatalf("expanded to %d steps", len(x))
	}
	reps := 0
	for _, s := range x {
		if s.Intensity == lapkit.IntensityActive {
			reps++
		}
	}
	if reps != 12 || x[len(x)-1].Intensity != lapkit.IntensityCooldown {
		t.Errorf("expanded: %d reps, last %v", reps, x[len(x)-1].Intensity)
	}
	if _, err := fit.DecodeWorkout(bytes.NewReader(read(t, "constant_5k.fit"))); !errors.Is(err, fit.ErrNotWorkout) {
		t.Errorf("DecodeWorkout(activity without workout): err = %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	for _, name := range []string{"constant_5k_smart.fit", "speed_endurance_auto_smart.fit"} {
		f.Add(read(f, name))
	}
	f.Add(workoutFile(f))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := fit.Decode(bytes.NewReader(b))
		if a == nil && err == nil {
			t.Fatal("nil activity without error")
		}
		if err != nil && !errors.Is(err, fit.ErrFormat) && !errors.Is(err, fit.ErrTruncated) &&
			!errors.Is(err, fit.ErrChecksum) && !errors.Is(err, fit.ErrNotActivity) {
			t.Fatalf("error without a sentinel: %v", err)
		}
		if a != nil {
			if err := track.Check(a); err != nil {
				t.Fatal(err)
			}
		}
		fit.DecodeWorkout(bytes.NewReader(b))
	})
}

// TestManyDefinitions: a file that redefines its local message type ten
// thousand times between records decodes, with every record.
func TestManyDefinitions(t *testing.T) {
	le := binary.LittleEndian
	var d []byte
	d = append(d, 0x40, 0, 0, 0, 0, 1, 0, 1, 0x00) // file_id: type
	d = append(d, 0x00, 4)
	for i := 0; i < 10000; i++ {
		d = append(d, 0x41, 0, 0, 20, 0, 2, 253, 4, 0x86, 5, 4, 0x86) // record: timestamp, distance
		d = append(d, 0x01)
		d = le.AppendUint32(d, uint32(1_000_000_000+i))
		d = le.AppendUint32(d, uint32(i*300))
	}
	a, err := fit.Decode(bytes.NewReader(fitFile(d)))
	if err != nil || len(a.Samples) != 10000 || a.Distance() != 29997 {
		t.Fatalf("err %v, %d samples", err, len(a.Samples))
	}
}

// lapStep is the lap's workout step index, -1 when it has none (as the
// generator marks it).
func lapStep(l lapkit.Lap) int {
	if !l.HasWorkoutStep {
		return -1
	}
	return l.WorkoutStep
}

// TestTrailingBytes: bytes after a complete file that start no other are
// not read, and a note says so; zero padding says nothing.
func TestTrailingBytes(t *testing.T) {
	b := read(t, "constant_5k.fit")
	for _, c := range []struct {
		tail []byte
		note bool
	}{{[]byte("junk after the file"), true}, {make([]byte, 40), false}, {[]byte{1, 2, 3}, true}} {
		a, err := fit.Decode(bytes.NewReader(append(append([]byte(nil), b...), c.tail...)))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, n := range a.Notes {
			found = found || n.Kind == lapkit.NoteFormat && strings.Contains(n.Text, "after the file")
		}
		if found != c.note {
			t.Errorf("%q after the file: note %v, want %v (%v)", c.tail, found, c.note, a.Notes)
		}
	}
}
