package analysis_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/internal/track"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/report"
	"github.com/lapkit/lapkit/splits"
)

// analyse runs everything lapkit computes on one activity and returns the
// JSON report.
func analyse(a *lapkit.Activity, pl *plan.Plan) (*analysis.Session, []byte, error) {
	d := analysis.Options{Plan: pl}
	s, err := d.Detect(a)
	if err != nil {
		if errors.Is(err, analysis.ErrNoDistance) {
			return nil, nil, nil
		}
		return nil, nil, err
	}
	var e analysis.Options
	r := report.FromSession(a, s, e.Evaluate(a, s))
	sp, _ := splits.ByDistance(a, lapkit.QuarterMile)
	r.SetSplits(sp, lapkit.QuarterMile)
	report.Efforts(splits.Best(a))
	b, err := report.Marshal(r) // what analyze writes: json.Marshal's bytes
	return s, b, err
}

// checkInvariants checks what every analysis must satisfy.
func checkInvariants(t *testing.T, name string, a *lapkit.Activity, s *analysis.Session, js []byte) {
	t.Helper()
	if bytes.Contains(js, []byte("NaN")) || bytes.Contains(js, []byte("Inf")) {
		t.Errorf("%s: NaN or Inf in the report", name)
	}
	// The model: times strictly increase, distances never decrease.
	if err := track.Check(a); err != nil {
		t.Errorf("%s: %v", name, err)
	}
	// Splits tile the activity.
	sp, _ := splits.ByDistance(a, lapkit.QuarterMile)
	for i, x := range sp {
		if x.Start.Before(a.Start) || x.End.After(a.End()) || x.End.Before(x.Start) || i > 0 && !x.Start.Equal(sp[i-1].End) {
			t.Errorf("%s: split %d (%v to %v) outside the activity or not after split %d", name, i+1, x.Start, x.End, i)
			break
		}
	}
	if s == nil {
		return
	}
	for i, r := range s.Reps {
		if r.Start.Before(a.Start) || r.End.After(a.End()) || !r.End.After(r.Start) {
			t.Errorf("%s: rep %d (%v to %v) outside the activity (%v to %v)", name, i+1, r.Start, r.End, a.Start, a.End())
		}
		if i > 0 && r.Start.Before(s.Reps[i-1].End) {
			t.Errorf("%s: rep %d overlaps rep %d", name, i+1, i)
		}
	}
	if len(s.Reps) > 0 && len(s.Rests) != len(s.Reps)-1 {
		t.Errorf("%s: %d reps, %d rests", name, len(s.Reps), len(s.Rests))
	}
}

// TestRealInvariants runs the whole analysis on every real file, all at
// once (run with -race).
func TestRealInvariants(t *testing.T) {
	t.Parallel()
	files := realdata.Sample(realdata.Files(t))
	pl, _ := plan.Parse("3x(4x400m@65s r60s) r3min")
	var wg sync.WaitGroup
	for _, p := range files {
		if strings.HasSuffix(p, ".md") {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, _ := open.File(p)
			if a == nil {
				return
			}
			for _, pl := range []*plan.Plan{nil, pl} {
				s, report, err := analyse(a, pl)
				if err != nil {
					t.Errorf("%s: %v", realdata.Rel(t, p), err)
					return
				}
				checkInvariants(t, realdata.Rel(t, p), a, s, report)
			}
		}()
	}
	wg.Wait()
}

// FuzzAnalysis decodes any bytes as FIT and runs the whole analysis on
// what comes out: no panic, and the invariants hold.
func FuzzAnalysis(f *testing.F) {
	for _, name := range []string{"constant_5k_smart.fit", "speed_endurance_auto_smart.fit"} {
		b, err := os.ReadFile("../testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		a, _ := fit.Decode(bytes.NewReader(b))
		if a == nil {
			return
		}
		s, report, err := analyse(a, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, "fuzz", a, s, report)
	})
}

// TestBrokenActivities: activities that break the model's rules, as a
// calling program can build them, give the session's reps, sane splits
// and a report that says the activity was repaired; no panic, no hang.
func TestBrokenActivities(t *testing.T) {
	base, err := lapFuzzBase()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		spoil func(a *lapkit.Activity)
	}{
		{"samples of two streams merged", func(a *lapkit.Activity) {
			a.Samples = slices.Clone(a.Samples)
			slices.SortStableFunc(a.Samples, func(x, y lapkit.Sample) int { return x.Time.UTC().Second()%2 - y.Time.UTC().Second()%2 })
		}},
		{"last distance NaN", func(a *lapkit.Activity) {
			a.Samples = slices.Clone(a.Samples)
			a.Samples[len(a.Samples)-1].Distance = math.NaN()
		}},
		{"first distance -Inf", func(a *lapkit.Activity) {
			a.Samples = slices.Clone(a.Samples)
			a.Samples[0].Distance = math.Inf(-1)
		}},
		{"start zero", func(a *lapkit.Activity) { a.Start = time.Time{} }},
		{"start an hour after the first sample", func(a *lapkit.Activity) { a.Start = a.Start.Add(time.Hour) }},
		{"pauses overlapping", func(a *lapkit.Activity) {
			t0 := a.Start.Add(5 * time.Minute)
			a.Pauses = []lapkit.Pause{{Start: t0, End: t0.Add(time.Minute)}, {Start: t0.Add(30 * time.Second), End: t0.Add(2 * time.Minute)}}
		}},
	} {
		a := *base
		c.spoil(&a)
		s, err := analysis.Detect(&a)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(s.Reps) != 12 {
			t.Errorf("%s: %d reps, want 12", c.name, len(s.Reps))
		}
		for i, r := range s.Reps {
			if r.StartOffset < 0 || r.EndOffset > base.Duration() || r.Moving <= 0 || r.Moving > r.Duration() {
				t.Errorf("%s: rep %d at %v-%v, moving %v", c.name, i+1, r.StartOffset, r.EndOffset, r.Moving)
				break
			}
		}
		sp, err := splits.ByDistance(&a, lapkit.QuarterMile)
		if want := int(math.Ceil(base.Distance() / lapkit.QuarterMile)); err != nil || len(sp) != want {
			t.Errorf("%s: %d quarter-mile splits (%v), want %d", c.name, len(sp), err, want)
		}
		for i, x := range sp {
			if x.Moving < 0 || x.Moving > x.Elapsed {
				t.Errorf("%s: split %d moving %v of %v", c.name, i+1, x.Moving, x.Elapsed)
				break
			}
		}
		b, err := json.Marshal(report.New(&a, report.Options{}))
		if err != nil || !bytes.Contains(b, []byte("a copy was repaired")) {
			t.Errorf("%s: the report (%v) does not say the activity was repaired", c.name, err)
		}
	}
}

// TestGarbageLapFigures: a lap whose timer or distance field holds garbage
// (0xFFFFFFFE read as 4,294,967 s or 42,949 km) does not make the rep:
// the samples' figures stand in, and the rep says why.
func TestGarbageLapFigures(t *testing.T) {
	base, err := lapFuzzBase()
	if err != nil {
		t.Fatal(err)
	}
	a := *base
	a.Laps = slices.Clone(base.Laps)
	k := slices.IndexFunc(a.Laps, func(l lapkit.Lap) bool { return l.Intensity == lapkit.IntensityActive && l.Distance == 400 })
	a.Laps[k].TimerTime = 4_294_967 * time.Second
	a.Laps[k+2].Distance = 42_949_672.94 // the next rep's
	s, err := analysis.Detect(&a)
	if err != nil || len(s.Reps) != 12 {
		t.Fatalf("%v, %d reps", err, len(s.Reps))
	}
	for i, r := range s.Reps {
		if r.Moving > r.Duration() || r.Distance > 450 || r.Distance < 350 {
			t.Errorf("rep %d: %v moving over %v, %.0f m", i+1, r.Moving, r.Duration(), r.Distance)
		}
	}
	if len(s.Reps[0].Notes) == 0 || len(s.Reps[1].Notes) == 0 {
		t.Errorf("notes %q and %q do not say the laps' figures were set aside", texts(s.Reps[0].Notes), texts(s.Reps[1].Notes))
	}
}

// TestLapsSharingAStart: laps written with the start of the lap before (a
// re-saved file) give reps in order with rests that last, not "rest after
// -10:59"; and an embedded workout whose repeat says 4,294,967,294 gives a
// report with a note, not an exhausted memory.
func TestLapsSharingAStart(t *testing.T) {
	base, err := lapFuzzBase()
	if err != nil {
		t.Fatal(err)
	}
	a := *base
	a.Laps = slices.Clone(base.Laps)
	for i := 1; i < len(a.Laps); i += 3 {
		a.Laps[i].Start = a.Laps[i-1].Start
	}
	s, err := analysis.Detect(&a)
	if err != nil || len(s.Reps) == 0 {
		t.Fatalf("%v, %d reps", err, len(s.Reps))
	}
	for i, r := range s.Rests {
		if r.Duration() < 0 {
			t.Errorf("rest %d lasts %v", i+1, r.Duration())
		}
	}
	b := *base
	b.Workout = &lapkit.Workout{Steps: []lapkit.WorkoutStep{
		{Index: 0, Intensity: lapkit.IntensityActive, Duration: lapkit.DurationDistance, Distance: 400},
		{Index: 1, Intensity: lapkit.IntensityRest, Duration: lapkit.DurationTime, Time: time.Minute},
		{Index: 2, Duration: lapkit.DurationRepeat, RepeatFrom: 0, Repeats: 4_294_967_294},
	}}
	r := report.New(&b, report.Options{})
	if !slices.ContainsFunc(r.Notes, func(n string) bool {
		return strings.Contains(n, "workout gives no plan") && strings.Contains(n, "at most 10000")
	}) {
		t.Errorf("notes %q do not say the workout's repeats are over the limit", r.Notes)
	}
}
