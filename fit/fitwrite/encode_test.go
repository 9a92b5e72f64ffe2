package fitwrite_test

import (
	"bytes"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/fit/fitwrite"
	"github.com/lapkit/lapkit/internal/testkit/synth"
	"github.com/lapkit/lapkit/plan"
	mukdecoder "github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/filedef"
	muktypedef "github.com/muktihari/fit/profile/typedef"
	fitsdk "github.com/tormoder/fit"
)

// Plans is every plan of the catalogue (docs/examples.md) and of the
// notation table, with the goals their targets need.
var Plans = []struct{ spec, goals string }{
	{"3x(4x400m@65s r60s) r3min", ""},
	{"8x400m@65s r60s", ""},
	{"6x400m@84s-76s r1min", ""},
	{"6x400m@progressive r1min", ""},
	{"6x400m r1min", ""},
	{"7x600m@1:58 r2min", ""},
	{"5x1000m@3:45/km r1min", ""},
	{"4x400m@4:20/mi r2min", ""},
	{"2x10min@4:10/km r5min", ""},
	{"2x(6x200m@mile r90s) r7min", "mile=5:00"},
	{"2x(6x200m@mile r90s) r4min, 5x1000m@5k r1min", "mile=5:00 5k=18:45"},
	{"5x1000m@5k r1min", "5k=18:45"},
	{"4x400m@mile r2min", "mile=4:23"},
	{"6x400m r200m", ""},
	{"5x3min r3min", ""},
	{"1x3200m@11:40 + 4x400m@70s r60s", ""},
}

// TestWorkoutRoundTrip: plan -> Workout -> EncodeWorkout -> DecodeWorkout
// -> FromWorkout gives the same plan and the same targets; the file reads
// in tormoder/fit and in muktihari/fit, and its repeat steps point back at
// the right steps.
func TestWorkoutRoundTrip(t *testing.T) {
	created := time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)
	plans := Plans
	for _, w := range synth.Catalogue() {
		plans = append(plans, struct{ spec, goals string }{w.Plan, w.Goals})
	}
	for _, c := range plans {
		p, err := plan.Parse(c.spec)
		if err != nil {
			t.Fatal(err)
		}
		g, err := plan.ParseGoals(c.goals)
		if err != nil {
			t.Fatal(err)
		}
		w, err := p.Workout(g, 0)
		if err != nil {
			t.Fatalf("%s: %v", c.spec, err)
		}
		var buf bytes.Buffer
		e := fitwrite.WorkoutEncoder{Created: created}
		if err := e.Encode(&buf, w); err != nil {
			t.Fatalf("%s: %v", c.spec, err)
		}
		var again bytes.Buffer
		e.Encode(&again, w)
		if !bytes.Equal(buf.Bytes(), again.Bytes()) {
			t.Errorf("%s: two encodings differ", c.spec)
		}
		back, err := fit.DecodeWorkout(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("%s: DecodeWorkout: %v", c.spec, err)
		}
		q, err := plan.FromWorkout(back)
		if err != nil {
			t.Fatalf("%s: FromWorkout: %v", c.spec, err)
		}
		if q.String() != p.String() {
			t.Errorf("round trip of %s gives %s", p, q)
		}
		for i, s := range p.Sets {
			if i >= len(q.Sets) {
				break
			}
			for n := 1; n <= s.Reps; n++ {
				t1, _, ok1 := s.RepTarget(n, g)
				t2, _, ok2 := q.Sets[i].RepTarget(n, g)
				if ok1 != ok2 || (t1-t2).Abs() > 100*time.Millisecond {
					t.Errorf("%s: set %d rep %d target %v, back %v", c.spec, i+1, n, t1, t2)
				}
			}
		}
		checkWorkoutFile(t, c.spec, buf.Bytes(), w)
	}
}

// checkWorkoutFile reads the file with the two other decoders and holds it
// to the FIT rules for workout files.
func checkWorkoutFile(t *testing.T, name string, b []byte, w *lapkit.Workout) {
	t.Helper()
	f, err := fitsdk.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: tormoder/fit: %v", name, err)
	}
	wf, err := f.Workout()
	if err != nil || f.Type() != fitsdk.FileTypeWorkout || int(wf.Workout.NumValidSteps) != len(w.Steps) || len(wf.WorkoutSteps) != len(w.Steps) {
		t.Fatalf("%s: tormoder/fit reads type %v, %v", name, f.Type(), err)
	}
	d := mukdecoder.New(bytes.NewReader(b))
	mf, err := d.Decode()
	if err != nil {
		t.Fatalf("%s: muktihari/fit: %v", name, err)
	}
	mw := filedef.NewWorkout(mf.Messages...)
	if mw.FileId.Type != muktypedef.FileWorkout || mw.Workout == nil || len(mw.WorkoutSteps) != len(w.Steps) {
		t.Fatalf("%s: muktihari/fit reads %d steps", name, len(mw.WorkoutSteps))
	}
	// file_id first, then workout, then the steps in order.
	if mf.Messages[0].Num != 0 || mf.Messages[1].Num != 26 {
		t.Errorf("%s: messages start %d, %d", name, mf.Messages[0].Num, mf.Messages[1].Num)
	}
	for i, s := range mw.WorkoutSteps {
		if int(s.MessageIndex) != i {
			t.Errorf("%s: step %d has message_index %d", name, i, s.MessageIndex)
		}
		if s.DurationType == muktypedef.WktStepDurationRepeatUntilStepsCmplt {
			from := int(s.DurationValue)
			if from >= i || w.Steps[from].Intensity != lapkit.IntensityActive {
				t.Errorf("%s: step %d repeats from step %d", name, i, from)
			}
		}
		if w.Steps[i].Target.Kind == lapkit.TargetSpeed {
			lo, hi := float64(s.CustomTargetValueLow)/1000, float64(s.CustomTargetValueHigh)/1000
			if math.Abs(lo-w.Steps[i].Target.Low) > 0.001 || math.Abs(hi-w.Steps[i].Target.High) > 0.001 {
				t.Errorf("%s: step %d speed %.3f-%.3f m/s, want %.3f-%.3f", name, i, lo, hi, w.Steps[i].Target.Low, w.Steps[i].Target.High)
			}
		}
	}
}

// TestWorkoutTargets: the speed range is the evaluator's 2 % band: a 65 s
// 400 m runs from 400/66.3 to 400/63.7 m/s, and @mile with mile=4:23 is
// 65.4 s per 400.
func TestWorkoutTargets(t *testing.T) {
	p, _ := plan.Parse("4x400m@mile r2min")
	g, _ := plan.ParseGoals("mile=4:23")
	w, err := p.Workout(g, 0)
	if err != nil {
		t.Fatal(err)
	}
	rep := w.Steps[1]
	want := 263 * 400 / lapkit.Mile // s per 400
	if math.Abs(400/(rep.Target.Low*1.02)-want) > 0.01 || math.Abs(400/(rep.Target.High*0.98)-want) > 0.01 || math.Abs(want-65.4) > 0.05 {
		t.Errorf("mile pace range %.4f-%.4f m/s, want around %.2f s per 400", rep.Target.Low, rep.Target.High, want)
	}
	if _, err := p.Workout(plan.Goals{}, 0); !errors.Is(err, plan.ErrInvalid) {
		t.Errorf("a goal target without its goal: %v", err)
	}
	if err := fitwrite.EncodeWorkout(&bytes.Buffer{}, nil); !errors.Is(err, fitwrite.ErrFormat) {
		t.Errorf("nil workout: %v", err)
	}
	bad := &lapkit.Workout{Steps: []lapkit.WorkoutStep{{Duration: lapkit.DurationRepeat, RepeatFrom: 3, Repeats: 2}}}
	var buf bytes.Buffer
	if err := fitwrite.EncodeWorkout(&buf, bad); !errors.Is(err, fitwrite.ErrFormat) || buf.Len() != 0 {
		t.Errorf("a repeat pointing forward: %v, %d bytes written", err, buf.Len())
	}
}

// TestCut: names are cut at a character, never inside one.
func TestCut(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{{"3x(4x400m@65s r60s) r3min", 15, "3x(4x400m@65s r"}, {"4×400m", 2, "4"}, {"4×400m", 3, "4×"}, {"4×400m", 4, "4×4"}, {"short", 15, "short"}, {"x", 0, ""}} {
		if got := fitwrite.Cut(c.s, c.n); got != c.want {
			t.Errorf("Cut(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
	w := &lapkit.Workout{Name: "3×(4×400m@65s r60s)", Steps: []lapkit.WorkoutStep{{Name: "4×400m ×××××××", Duration: lapkit.DurationOpen}}}
	var buf bytes.Buffer
	if err := fitwrite.EncodeWorkout(&buf, w); err != nil {
		t.Fatal(err)
	}
	back, err := fit.DecodeWorkout(&buf)
	if err != nil || back.Name != fitwrite.Cut(w.Name, fitwrite.MaxName) || back.Steps[0].Name != fitwrite.Cut(w.Steps[0].Name, fitwrite.MaxName) {
		t.Errorf("names read back %q %q (%v)", back.Name, back.Steps[0].Name, err)
	}
}

// TestWorkoutTolerance: a tolerance a program got wrong is an error, not a
// speed range of NaN.
func TestWorkoutTolerance(t *testing.T) {
	p, _ := plan.Parse("4x400m@65s r60s")
	for _, tol := range []float64{0.5, 2, math.NaN(), math.Inf(1)} {
		if _, err := p.Workout(plan.Goals{}, tol); !errors.Is(err, plan.ErrInvalid) {
			t.Errorf("tolerance %v: %v", tol, err)
		}
	}
	if w, err := p.Workout(plan.Goals{}, -1); err != nil || w.Steps[1].Target.Kind != lapkit.TargetSpeed {
		t.Errorf("a negative tolerance takes the default: %v", err)
	}
}
