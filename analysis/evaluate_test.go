package analysis_test

import (
	"bytes"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/internal/testkit/synth"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/report"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// detectWorkout renders w as a FIT with workout-step laps and detects its
// reps.
func detectWorkout(t *testing.T, w synth.Session) (*lapkit.Activity, *analysis.Session) {
	t.Helper()
	a, err := fitRendering(synth.LapsWorkout, false)(w)
	if err != nil {
		t.Fatal(err)
	}
	s, err := analysis.Detect(a)
	if err != nil {
		t.Fatal(err)
	}
	return a, s
}

func evaluate(t *testing.T, se synth.Session, spec string, g plan.Goals) (*lapkit.Activity, *analysis.Session, *analysis.Evaluation) {
	t.Helper()
	a, err := fitRendering(synth.LapsWorkout, false)(se)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := plan.Parse(spec)
	if err != nil {
		t.Fatal(err)
	}
	d := analysis.Options{Plan: pl}
	s, err := d.Detect(a)
	if err != nil {
		t.Fatal(err)
	}
	e := analysis.Options{Goals: g}
	return a, s, e.Evaluate(a, s)
}

// TestFade: the 3x4x400 generator runs rep r (0-based) of set k in
// 65 + k + 0.5 r seconds: 0.5 s/rep within sets, 1 s/set across.
func TestFade(t *testing.T) {
	se := synth.SpeedEndurance()
	a, s, ev := evaluate(t, se, "3x(4x400m@65s r60s) r3min", plan.Goals{})
	if len(ev.Reps) != 12 || len(ev.Fade.Sets) != 3 {
		t.Fatalf("%d reps, %d sets", len(ev.Reps), len(ev.Fade.Sets))
	}
	for k, f := range ev.Fade.Sets {
		first := 65 + float64(k)
		if !near(f.First.Value, first, 0.1) || !near(f.Last.Value, first+1.5, 0.1) || !near(f.Change.Value, 1.5, 0.1) ||
			!near(f.ChangePct.Value, 150/first, 0.1) || !near(f.Slope.Value, 0.5, 0.05) || f.Onset.Value != 3 || f.Reps != 4 {
			t.Errorf("set %d: %+v", k+1, f)
		}
		// Target 65 s: set k's reps are k, k+0.5, k+1, k+1.5 s slow.
		if !near(f.MeanAbs.Value, float64(k)+0.75, 0.1) {
			t.Errorf("set %d mean |delta| %v", k+1, f.MeanAbs)
		}
	}
	if !near(ev.Fade.AcrossSlope.Value, 1, 0.1) || !near(ev.Fade.AcrossChangePct.Value, 200/65.75, 0.1) {
		t.Errorf("across sets: slope %v change %v", ev.Fade.AcrossSlope, ev.Fade.AcrossChangePct)
	}
	for i, rs := range ev.Reps {
		k, r := i/4, i%4
		want := float64(k) + 0.5*float64(r)
		if rs.Target != 65*time.Second || !near(rs.Delta.Seconds(), want, 0.1) || !near(rs.DeltaPct, 100*want/65, 0.2) {
			t.Errorf("rep %d: target %v delta %v (%.2f%%), want +%.1f s", i+1, rs.Target, rs.Delta, rs.DeltaPct, want)
		}
		wantBand := analysis.BandOn
		switch {
		case want > 3.25:
			wantBand = analysis.BandOff
		case want > 1.3:
			wantBand = analysis.BandSlightly
		}
		if rs.Band != wantBand || rs.OnTarget != (wantBand == analysis.BandOn) {
			t.Errorf("rep %d: band %s on target %v, delta %.2f%%", i+1, rs.Band, rs.OnTarget, rs.DeltaPct)
		}
	}
	// Up to 1.3 s (2 %) is on target: 3 reps of set 1, the first of set 2.
	if ev.Scored != 12 || ev.OnTarget != 4 {
		t.Errorf("%d of %d on target", ev.OnTarget, ev.Scored)
	}
	// Each 400 is run at an even pace: the halves are equal (to a quarter
	// of a second where the rep ends between two 1 s samples).
	for i, h := range ev.Fade.HalfSplit {
		if !near(h.Value, 0, 0.3) {
			t.Errorf("rep %d half split %v", i+1, h)
		}
	}
	// Rests against the plan: 60 s, and 3 min after reps 4 and 8.
	for i, r := range ev.Rests {
		want := time.Minute
		if i == 3 || i == 7 {
			want = 3 * time.Minute
		}
		if r.Planned != want || !near(r.Delta.Seconds(), 0, 0.1) {
			t.Errorf("rest %d: planned %v delta %v", i+1, r.Planned, r.Delta)
		}
	}
	// Heart rate: the generator relaxes toward each part's level with a
	// 20 s time constant; the drop in the first minute of each rest is read
	// from its samples.
	pts := se.Points()
	hr := func(at time.Time) float64 {
		for i := 1; i < len(pts); i++ {
			if !pts[i].Time.Before(at) {
				f := at.Sub(pts[i-1].Time).Seconds() / pts[i].Time.Sub(pts[i-1].Time).Seconds()
				return pts[i-1].HeartRate + f*(pts[i].HeartRate-pts[i-1].HeartRate)
			}
		}
		return math.NaN()
	}
	for i, d := range ev.Fade.HRDrop {
		start := s.Rests[i].Start
		if want := hr(start) - hr(start.Add(time.Minute)); !d.Valid() || !near(d.Value, want, 1) {
			t.Errorf("rest %d HR drop %v, want %.1f", i+1, d, want)
		}
	}
	if !ev.Fade.PeakHRDrift.Valid() || ev.Fade.PeakHRDrift.N != 12 || !ev.Fade.HRDropTrend.Valid() {
		t.Errorf("HR drift %+v trend %+v", ev.Fade.PeakHRDrift, ev.Fade.HRDropTrend)
	}
	// Predictions, one per distance: the mean 400 is 66.75 s, the pace
	// of a 4:28.6 mile; 5 km and 10 km by Riegel from that mile.
	mile := 66.75 * lapkit.Mile / 400
	if len(ev.Predictions) != 3 || ev.Predictions[0].Method != "the reps' pace" || !near(ev.Predictions[0].Time.Seconds(), mile, 0.1) {
		t.Errorf("mile prediction %+v", ev.Predictions)
	}
	for _, p := range ev.Predictions[1:] {
		if want := mile * math.Pow(p.Distance/lapkit.Mile, 1.06); !near(p.Time.Seconds(), want, 0.5) {
			t.Errorf("Riegel %v, want %.1f s", p, want)
		}
	}
	_ = a
}

func TestProgression(t *testing.T) {
	se := synth.Progression400() // 84 s down to 76 s
	_, _, ev := evaluate(t, se, "6x400m@progressive r1min", plan.Goals{})
	if ev.Progression.Value != 5 || ev.Progression.N != 5 || ev.Scored != 0 {
		t.Errorf("progressive: %+v, %d scored", ev.Progression, ev.Scored)
	}
	_, _, ev = evaluate(t, se, "6x400m@84s-76s r1min", plan.Goals{})
	if ev.OnTarget != 6 || !near(ev.MeanAbs.Value, 0, 0.1) {
		t.Errorf("84-76 s: %d on target, mean |delta| %v", ev.OnTarget, ev.MeanAbs)
	}
	if f := ev.Fade.Sets[0]; !near(f.Slope.Value, -1.6, 0.05) || f.Onset.Valid() {
		t.Errorf("progression fade %+v", f)
	}
}

func TestGoalAndTempo(t *testing.T) {
	// 200s at a 5:00 mile goal: 37.28 s each.
	_, _, ev := evaluate(t, synth.Power200s(), "2x(6x200m@mile r90s) r7min", plan.Goals{Mile: 5 * time.Minute})
	if ev.Scored != 12 || ev.OnTarget != 12 || !near(ev.Reps[0].Target.Seconds(), 300*200/lapkit.Mile, 0.01) {
		t.Errorf("200s: %d of %d on target, target %v", ev.OnTarget, ev.Scored, ev.Reps[0].Target)
	}
	// Without the goal: no target, nothing scored.
	_, _, ev = evaluate(t, synth.Power200s(), "2x(6x200m@mile r90s) r7min", plan.Goals{})
	if ev.Scored != 0 || ev.Reps[0].Band != "" {
		t.Errorf("no goal: %d scored", ev.Scored)
	}
	// Tempo 2 x 10 min at 4:10/km, run at 4 m/s: on pace.
	_, _, ev = evaluate(t, synth.Tempo(), "2x10min@4:10/km r5min", plan.Goals{})
	if ev.Scored != 2 || ev.OnTarget != 2 || ev.Reps[0].Target != 10*time.Minute || ev.Reps[0].TargetPace != 250*time.Second {
		t.Errorf("tempo: %d of %d, %+v", ev.OnTarget, ev.Scored, ev.Reps[0])
	}
	if f := ev.Fade.Sets[0]; !near(f.First.Value, 250, 0.5) || f.Onset.Valid() || f.Onset.Reason == "" {
		t.Errorf("tempo fade on pace: %+v", f)
	}
}

func TestTooFewReps(t *testing.T) {
	one := synth.Session{Start: synth.Epoch, Seed: 5, Parts: []synth.Part{
		{Distance: 1000, Speed: 3, Step: -1}, {Distance: 400, Speed: 6, Step: -1, Label: "rep"}, {Distance: 1000, Speed: 3, Step: -1},
	}}
	a, _ := fitRendering(synth.LapsManual, false)(one)
	s := &analysis.Session{Sets: 1, Reps: []analysis.Rep{{Set: 1, N: 1}}, Confidence: 1}
	var e analysis.Options
	ev := e.Evaluate(a, s)
	f := ev.Fade.Sets[0]
	if f.Slope.Valid() || f.Slope.Reason == "" || f.Change.Valid() || f.Slope.N != 1 || ev.Fade.AcrossSlope.Valid() {
		t.Errorf("one rep: %+v", f)
	}
}

// workout3x4x400 is a watch's workout: 3 x (4 x 400 m at 6-6.3 m/s, 1 min
// rest), 3 min between the sets, open warm-up and cool-down.
func workout3x4x400() *lapkit.Workout {
	return &lapkit.Workout{Steps: []lapkit.WorkoutStep{
		{Index: 0, Intensity: lapkit.IntensityWarmup, Duration: lapkit.DurationOpen},
		{Index: 1, Intensity: lapkit.IntensityActive, Duration: lapkit.DurationDistance, Distance: 400,
			Target: lapkit.Target{Kind: lapkit.TargetSpeed, Low: 6, High: 6.3}},
		{Index: 2, Intensity: lapkit.IntensityRest, Duration: lapkit.DurationTime, Time: time.Minute},
		{Index: 3, Duration: lapkit.DurationRepeat, RepeatFrom: 1, Repeats: 4},
		{Index: 4, Intensity: lapkit.IntensityRecovery, Duration: lapkit.DurationTime, Time: 3 * time.Minute},
		{Index: 5, Duration: lapkit.DurationRepeat, RepeatFrom: 1, Repeats: 3},
		{Index: 6, Intensity: lapkit.IntensityCooldown, Duration: lapkit.DurationOpen},
	}}
}

func TestPlanFromWorkout(t *testing.T) {
	w := workout3x4x400()
	p, err := plan.FromWorkout(w)
	if err != nil {
		t.Fatal(err)
	}
	perKm := 1000 / 6.15 * 1e9
	pace := time.Duration(perKm)
	if len(p.Sets) != 3 || p.Reps() != 12 || p.Sets[0].SetRest != 3*time.Minute || p.Sets[2].SetRest != 0 ||
		p.Sets[0].Rest != time.Minute || p.Sets[0].Distance != 400 || p.Sets[0].Target.Pace != pace {
		t.Errorf("plan %s: %+v", p, p.Sets)
	}
}

// TestRealPlans scores real sessions against the workouts their watches
// ran.
func TestRealPlans(t *testing.T) {
	a, err := open.File(realdata.Path(t, "comicmuse__fitparser/tests/fixtures/20260129_day_25_-_testing.fit"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.FromWorkout(a.Workout)
	if err != nil {
		t.Fatal(err)
	}
	// 60", 30", 10" surges, 2' steady, 3' hard, each its own step: the
	// plan's sets of one rep each.
	want := []time.Duration{time.Minute, 30 * time.Second, 10 * time.Second, 2 * time.Minute, 3 * time.Minute}
	if len(p.Sets) != len(want) {
		t.Fatalf("plan %s", p)
	}
	for i, w := range want {
		if p.Sets[i].Duration != w || p.Sets[i].Reps != 1 {
			t.Errorf("set %d: %+v", i+1, p.Sets[i])
		}
	}
	d := analysis.Options{Plan: p}
	s, _ := d.Detect(a)
	var e analysis.Options
	ev := e.Evaluate(a, s)
	// The 2' steady is not run harder than the floats: not found. The
	// other four are matched to their steps.
	matched := 0
	for _, r := range ev.Reps {
		if r.Planned {
			matched++
		}
	}
	if len(s.Reps) != 4 || matched != 4 {
		t.Errorf("FR965: %d reps, %d matched to the plan", len(s.Reps), matched)
	}
	// A plan of single reps says nothing of sets: the three surges, close
	// together, are one set; the 3' rep after the 6:50 rest is another.
	if s.Sets != 2 || len(s.Reps) == 4 && (s.Reps[2].Set != 1 || s.Reps[3].Set != 2) {
		t.Errorf("FR965: %d sets, reps %v", s.Sets, s.Reps)
	}
	// The rest it stands in is planned as the float, the steady and the
	// walk: 6:50, run to the second.
	if len(ev.Rests) != 3 || ev.Rests[2].Planned != 410*time.Second || ev.Rests[2].Delta.Abs() > time.Second ||
		!slices.ContainsFunc(texts(ev.Notes), func(n string) bool {
			return strings.HasPrefix(n, "the rest after rep 1.3 holds the plan's 2:00.0 step")
		}) {
		t.Errorf("FR965 rests %+v, notes %q", ev.Rests, texts(ev.Notes))
	}
	// It is left out in words, where it ran.
	if !slices.ContainsFunc(texts(s.Notes), func(n string) bool {
		return strings.HasPrefix(n, "the active lap at 19:00.0 (2:00.0, 334 m,") && strings.Contains(n, "not a rep")
	}) {
		t.Errorf("FR965: no note for the steady step: %q", texts(s.Notes))
	}

	a, _ = open.File(realdata.Path(t, "fnardmann__run-stats/activities/10024712104_ACTIVITY.fit"))
	p, err = plan.FromWorkout(a.Workout)
	if err != nil || p.String() != "6x400m r200m" {
		t.Fatalf("6x400 plan %v %v", p, err)
	}
	d.Plan = p
	s, _ = d.Detect(a)
	ev = e.Evaluate(a, s)
	if len(ev.Reps) != 6 || !ev.Reps[5].Planned || ev.Rests[0].PlannedDistance != 200 || len(ev.Fade.Sets) != 1 || !ev.Fade.Sets[0].Slope.Valid() {
		t.Errorf("6x400: %+v", ev)
	}
}

// TestRealPlanSeries: every session of the 6x400 series carries its
// workout; it becomes the plan, and all six reps are matched to it.
func TestRealPlanSeries(t *testing.T) {
	n := 0
	for _, p := range realdata.Files(t, "_activity.fit") {
		if !strings.Contains(p, "fnardmann__run-stats") || !strings.HasSuffix(p, "_ACTIVITY.fit") {
			continue
		}
		n++
		a, _ := open.File(p)
		pl, err := plan.FromWorkout(a.Workout)
		if err != nil || pl.String() != "6x400m r200m" {
			t.Errorf("%s: plan %v, %v", p, pl, err)
			continue
		}
		d := analysis.Options{Plan: pl}
		s, _ := d.Detect(a)
		var e analysis.Options
		ev := e.Evaluate(a, s)
		matched := 0
		for _, r := range ev.Reps {
			if r.Planned {
				matched++
			}
		}
		if matched != 6 || !ev.Fade.Sets[0].Slope.Valid() {
			t.Errorf("%s: %d reps matched", p, matched)
		}
	}
	if n != 19 {
		t.Errorf("%d sessions", n)
	}
}

// TestRealWorkoutFile: a TrainingPeaks workout file, 4 x (6' hard, 3' easy)
// with power targets, decoded by fit.DecodeWorkout.
func TestRealWorkoutFile(t *testing.T) {
	f, err := os.Open(realdata.Path(t, "msimms__rust_fit_file/tests/trainingpeaks_export.fit"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := fit.DecodeWorkout(f)
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.FromWorkout(w)
	if err != nil {
		t.Fatal(err)
	}
	if p.String() != "4x6min r3min" {
		t.Errorf("plan %q from %+v", p, w.Steps)
	}
}

// TestHillReps: reps the device closed on time get no nominal distance,
// and reps that climb give no race predictions; the same workout on the
// flat does.
func TestHillReps(t *testing.T) {
	for _, tc := range []struct {
		flat     bool
		predicts bool
	}{{false, false}, {true, true}} {
		w := synth.Hills()
		if tc.flat {
			for i := range w.Parts {
				w.Parts[i].Grade = 0
			}
		}
		b, err := w.FIT(synth.LapsWorkout)
		if err != nil {
			t.Fatal(err)
		}
		a, err := fit.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		s, err := analysis.Detect(a)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Reps) != 4 {
			t.Fatalf("flat %v: %d reps", tc.flat, len(s.Reps))
		}
		for _, r := range s.Reps {
			if r.Nominal != 0 {
				t.Errorf("flat %v: rep %d.%d of %.0f m in %v has nominal %g m", tc.flat, r.Set, r.N, r.Distance, r.Duration(), r.Nominal)
			}
		}
		var e analysis.Options
		ev := e.Evaluate(a, s)
		if got := len(ev.Predictions) > 0; got != tc.predicts {
			t.Errorf("flat %v: %d predictions", tc.flat, len(ev.Predictions))
		}
	}
}

// TestNoPredictionFromRides: intervals at cycling speeds (10 m/s reps, 6
// m/s between) in a file without a sport tag are a ride's: no reps looked
// for, a note says why, and no race predicted.
func TestNoPredictionFromRides(t *testing.T) {
	b := synth.Session{Start: synth.Epoch, Seed: 9}
	b.Parts = append(b.Parts, synth.Part{Distance: 5000, Speed: 6, Step: -1, Label: "wu"})
	for i := 0; i < 5; i++ {
		b.Parts = append(b.Parts, synth.Part{Duration: 2 * time.Minute, Speed: 10, Step: -1, Label: "rep"},
			synth.Part{Duration: 2 * time.Minute, Speed: 6, Step: -1, Label: "rest"})
	}
	a, err := fitRendering(synth.LapsNone, false)(b)
	if err != nil {
		t.Fatal(err)
	}
	a.Sport = ""
	s, err := analysis.Detect(a)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Reps) != 0 || !slices.ContainsFunc(texts(s.Notes), func(n string) bool { return strings.Contains(n, "a ride's speed") }) {
		t.Fatalf("%d reps, notes %q; want none, and a note that it rides", len(s.Reps), texts(s.Notes))
	}
	var e analysis.Options
	if ev := e.Evaluate(a, s); len(ev.Predictions) != 0 {
		t.Errorf("a ride predicts %v", ev.Predictions)
	}
	// NotARun says the same, for a training log to keep running figures off.
	if why, ok := analysis.NotARun(a); !ok || !strings.Contains(why, "a median 21.6 km/h") {
		t.Errorf("NotARun(sport-less ride) = %q, %v", why, ok)
	}
	for sport, want := range map[lapkit.Sport]bool{lapkit.SportCycling: true, lapkit.SportSwimming: true, lapkit.SportMultisport: true, lapkit.SportWalking: false, lapkit.SportRunning: false} {
		b := *a
		b.Sport = sport
		b.Samples = a.Samples[:10] // too few to read a speed: the sport alone decides
		if _, ok := analysis.NotARun(&b); ok != want {
			t.Errorf("NotARun(%s) = %v", sport, ok)
		}
	}
	if _, ok := analysis.NotARun(nil); ok {
		t.Error("NotARun(nil) is a ride")
	}
}

// TestFadeOnPace: reps of different lengths (400 m and 800 m) and reps of
// a time (3 min) fade by pace, as the generator ran them: within 0.3 s/km
// per rep of the truth.
func TestFadeOnPace(t *testing.T) {
	for _, c := range []struct {
		name          string
		dist          []float64
		dur           time.Duration
		pace0, perRep float64 // s/km
		slower800     float64 // s/km: the 800s' pace over the 400s'
	}{
		{"400/800", []float64{400, 800, 400, 800, 400, 800}, 0, 210, 1.5, 0},
		// Compared like with like: a slope over all six would read the
		// 800s' slower pace as fade (2.2 s/km per rep).
		{"400/800, 800s slower", []float64{400, 800, 400, 800, 400, 800}, 0, 210, 1.5, 8},
		{"6 x 3 min", make([]float64, 6), 3 * time.Minute, 265, 3.4, 0},
	} {
		b := synth.Session{Start: synth.Epoch, Seed: 17}
		b.Parts = append(b.Parts, synth.Part{Kind: lapkit.IntensityWarmup, Label: "wu", Distance: 2000, Speed: 3, HR: 135, Step: 0})
		for i, d := range c.dist {
			pace := c.pace0 + c.perRep*float64(i)
			if d == 800 {
				pace += c.slower800
			}
			b.Parts = append(b.Parts, synth.Part{Kind: lapkit.IntensityActive, Label: "rep", Distance: d, Duration: c.dur,
				Speed: 1000 / pace, HR: 170, Step: 1})
			if i < len(c.dist)-1 {
				b.Parts = append(b.Parts, synth.Part{Kind: lapkit.IntensityRest, Label: "rest", Duration: 90 * time.Second, Speed: 0, HR: 120, Step: 2})
			}
		}
		b.Parts = append(b.Parts, synth.Part{Kind: lapkit.IntensityCooldown, Label: "cd", Distance: 2000, Speed: 3, HR: 135, Step: 3})
		a, s := detectWorkout(t, b)
		var e analysis.Options
		ev := e.Evaluate(a, s)
		if len(s.Reps) != 6 || !ev.Fade.OnPace || len(ev.Fade.Sets) != 1 {
			t.Fatalf("%s: %d reps, on pace %v, %d sets", c.name, len(s.Reps), ev.Fade.OnPace, len(ev.Fade.Sets))
		}
		f := ev.Fade.Sets[0]
		// The generator's lap distances interpolate its 1 s points
		// across the change of speed at a rep's edges: the first pace
		// is within 1 s/km.
		if !near(f.Slope.Value, c.perRep, 0.3) || !near(f.First.Value, c.pace0, 1) {
			t.Errorf("%s: first %.2f s/km, slope %.2f s/km per rep; want %.1f and %.1f", c.name, f.First.Value, f.Slope.Value, c.pace0, c.perRep)
		}
		if mixed := c.dur == 0; (f.Like != "") != mixed {
			t.Errorf("%s: like %q", c.name, f.Like)
		}
	}
	// Sets of different lengths are not compared with each other.
	for _, w := range synth.Classes() {
		if w.Name != "3x1600+6x200" {
			continue
		}
		a, s := detectWorkout(t, w.Session)
		ev := (&analysis.Options{}).Evaluate(a, s)
		if s.Sets != 2 || ev.Fade.AcrossSlope.Valid() || ev.Fade.AcrossSlope.Reason != "no rep length run in two sets: the sets are not compared" {
			t.Errorf("3x1600+6x200: %d sets, across %+v", s.Sets, ev.Fade.AcrossSlope)
		}
	}
}

// TestGoalPacePredictsGoal: a session run exactly at the paces a goal
// implies predicts that goal within 1 %: 3 x 4 x 400 m at 65.4 s (a 4:23
// mile), 2 x 6 x 200 m at 5:00 mile pace, 5 x 1000 m at the pace of 18:45
// for 5 km, 7 x 600 m at 5:16.5 mile pace, 2 x 10 min at 41:40 10 km pace.
func TestGoalPacePredictsGoal(t *testing.T) {
	se := synth.SpeedEndurance()
	for i := range se.Parts {
		if se.Parts[i].Label == "rep" {
			se.Parts[i].Speed = 400 / (263.0 / (lapkit.Mile / 400))
		}
	}
	for _, c := range []struct {
		name  string
		w     synth.Session
		race  float64
		want  float64 // s
		goals plan.Goals
	}{
		{"3x4x400 at 4:23 mile pace", se, lapkit.Mile, 263, plan.Goals{Mile: 263 * time.Second}},
		{"2x6x200 at 5:00 mile pace", synth.Power200s(), lapkit.Mile, 300, plan.Goals{Mile: 5 * time.Minute}},
		{"5x1000 at 18:45 5 km pace", synth.K1000s(), 5000, 1125, plan.Goals{FiveK: 1125 * time.Second}},
		{"7x600 at 5:16.5 mile pace", synth.Six00s(), lapkit.Mile, 118 * lapkit.Mile / 600, plan.Goals{Mile: time.Duration(118 * lapkit.Mile / 600 * float64(time.Second))}},
		{"2 x 10 min at 41:40 10 km pace", synth.Tempo(), 10000, 2500, plan.Goals{TenK: 2500 * time.Second}},
	} {
		a, s := detectWorkout(t, c.w)
		e := analysis.Options{Goals: c.goals}
		ev := e.Evaluate(a, s)
		// The session against its goal: on the goal's pace, predicting it.
		if len(ev.Goals) != 1 || (ev.Goals[0].MeanRep-ev.Goals[0].GoalRep).Abs() > 300*time.Millisecond ||
			math.Abs(ev.Goals[0].Predicted.Seconds()/c.want-1) > 0.01 {
			t.Errorf("%s: against the goal %+v", c.name, ev.Goals)
		}
		found := false
		for _, p := range ev.Predictions {
			if p.Distance == c.race {
				found = true
				if math.Abs(p.Time.Seconds()/c.want-1) > 0.01 {
					t.Errorf("%s: predicts %v, want %v within 1 %%", c.name, p.Time, time.Duration(c.want*float64(time.Second)))
				}
			}
		}
		if !found || len(ev.Predictions) != len(analysis.PredictDistances) {
			t.Errorf("%s: predictions %v", c.name, ev.Predictions)
		}
	}
}

// TestNoPredictionFromSprints: 8 x 150 m flat out with walks between are
// reps, but no race is run at their pace: no prediction; 8 x 200 m are
// run at mile pace and predict.
func TestNoPredictionFromSprints(t *testing.T) {
	for _, c := range []struct {
		dist    float64
		predict bool
	}{{150, false}, {200, true}} {
		b := synth.Session{Start: synth.Epoch, Seed: 5}
		b.Parts = append(b.Parts, synth.Part{Kind: lapkit.IntensityWarmup, Distance: 2000, Speed: 3, HR: 130, Step: 0, Label: "wu"})
		for i := 0; i < 8; i++ {
			b.Parts = append(b.Parts, synth.Part{Kind: lapkit.IntensityActive, Distance: c.dist, Speed: 6.5, HR: 170, Step: 1, Label: "rep"},
				synth.Part{Kind: lapkit.IntensityRest, Duration: 90 * time.Second, Speed: 1, HR: 120, Step: 2, Label: "rest"})
		}
		b.Parts = append(b.Parts, synth.Part{Kind: lapkit.IntensityCooldown, Distance: 2000, Speed: 3, HR: 130, Step: 3, Label: "cd"})
		a, s := detectWorkout(t, b)
		ev := (&analysis.Options{}).Evaluate(a, s)
		if len(s.Reps) != 8 || (len(ev.Predictions) > 0) != c.predict {
			t.Errorf("8 x %g m: %d reps, predictions %v", c.dist, len(s.Reps), ev.Predictions)
		}
	}
}

// TestSessionKeepsPlan: the plan goes in once: the session remembers the
// plan Detect was given, Evaluate and report.FromSession take it from there. plan.For
// is the given plan, else the file's own workout.
func TestSessionKeepsPlan(t *testing.T) {
	a, err := open.File("../testdata/speed_endurance_workout.fit")
	if err != nil {
		t.Fatal(err)
	}
	given, _ := plan.Parse("3x(4x400m@65s r60s) r3min")
	if p, err := plan.For(a, given); p != given || err != nil {
		t.Errorf("plan.For with a plan: %v %v", p, err)
	}
	a.Workout = workout3x4x400()
	p, err := plan.For(a, nil)
	if err != nil || p == nil || p.Reps() != 12 {
		t.Fatalf("plan.For from the file's workout: %v %v", p, err)
	}
	s, _ := (&analysis.Options{Plan: p}).Detect(a)
	ev := (&analysis.Options{}).Evaluate(a, s)
	r := report.FromSession(a, s, ev)
	if s.Plan != p || ev.Plan != p || ev.Scored != 12 || r.Plan == nil || r.Scored != 12 {
		t.Errorf("plan %v %v, %d scored, report plan %v", s.Plan, ev.Plan, ev.Scored, r.Plan)
	}
	if p, err := plan.For(&lapkit.Activity{}, nil); p != nil || err != nil {
		t.Errorf("no workout: %v %v", p, err)
	}
}

// TestGoalTargetsWithoutGoals: a plan whose targets are goal paces,
// evaluated without the goals, scores nothing and says which goal is
// missing; with it, every rep is scored and nothing is said.
func TestGoalTargetsWithoutGoals(t *testing.T) {
	a, err := lapFuzzBase()
	if err != nil {
		t.Fatal(err)
	}
	p, _ := plan.Parse("3x(4x400m@mile r60s) r3min")
	s, _ := (&analysis.Options{Plan: p}).Detect(a)
	missing := func(ev *analysis.Evaluation) bool {
		return slices.ContainsFunc(texts(ev.Notes), func(n string) bool { return strings.Contains(n, "no mile goal was given") })
	}
	ev := (&analysis.Options{}).Evaluate(a, s)
	if ev.Scored != 0 || !missing(ev) {
		t.Errorf("without goals: %d scored, notes %q", ev.Scored, texts(ev.Notes))
	}
	g, _ := plan.ParseGoals("mile=4:23")
	ev = (&analysis.Options{Goals: g}).Evaluate(a, s)
	if ev.Scored != 12 || missing(ev) {
		t.Errorf("with a mile goal: %d scored, notes %q", ev.Scored, texts(ev.Notes))
	}
}

// TestScoreByRep: every rep's score is found by its set and number, and is
// the one in the same place of Evaluation.Reps.
func TestScoreByRep(t *testing.T) {
	a, err := lapFuzzBase()
	if err != nil {
		t.Fatal(err)
	}
	p, _ := plan.Parse("3x(4x400m@65s r60s) r3min")
	s, _ := (&analysis.Options{Plan: p}).Detect(a)
	ev := (&analysis.Options{}).Evaluate(a, s)
	if len(ev.Reps) != len(s.Reps) || len(s.Reps) != 12 {
		t.Fatalf("%d scores for %d reps", len(ev.Reps), len(s.Reps))
	}
	for i, r := range s.Reps {
		if sc := ev.Score(r.Set, r.N); sc != &ev.Reps[i] || !sc.Planned {
			t.Errorf("rep %d.%d: score %+v", r.Set, r.N, sc)
		}
	}
	if ev.Score(9, 9) != nil {
		t.Error("a rep that does not exist has a score")
	}
}
