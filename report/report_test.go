package report_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/report"
	"github.com/lapkit/lapkit/splits"
)

func TestFloat(t *testing.T) {
	v := []report.Float{1.5, report.Float(math.NaN()), report.Float(math.Inf(1)), 0, report.Round(65.04999, 1), report.Round(math.NaN(), 2),
		report.Float(math.Copysign(0, -1)), report.Round(-0.0004, 3)}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(b); got != "[1.5,null,null,0,65,null,0,0]" {
		t.Errorf("got %s", got)
	}
	var back []report.Float
	if err := json.Unmarshal(b, &back); err != nil || back[0] != 1.5 || back[1].Valid() || back[4] != 65 {
		t.Errorf("unmarshal %s: %v %v", b, back, err)
	}
	if s := report.Float(math.NaN()).String(); s != "-" {
		t.Errorf("absent prints %q", s)
	}
}

// TestSplitsJSON: the documented form of a split of the bundled 5 km at
// 4:00/km, null where a value is
// absent, never NaN.
func TestSplitsJSON(t *testing.T) {
	a, err := open.File("../testdata/constant_5k.fit")
	if err != nil {
		t.Fatal(err)
	}
	sp, _ := splits.ByDistance(a, 1000)
	b, _ := json.Marshal(report.Splits(sp)[4])
	for _, k := range []string{`"n":5`, `"distance_m":1000`, `"start_s":960`, `"end_s":1200`, `"duration_s":240`, `"moving_s":240`, `"pace_s_per_km":240`, `"partial":false`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("JSON %s lacks %s", b, k)
		}
	}
	for i := range a.Samples {
		a.Samples[i].HeartRate = math.NaN()
	}
	sp, _ = splits.ByDistance(a, 1000)
	b, _ = json.Marshal(report.Splits(sp))
	if strings.Contains(string(b), "NaN") || !strings.Contains(string(b), `"avg_hr":null`) {
		t.Errorf("JSON without heart rate: %s", b)
	}
	b, _ = json.Marshal(report.PacingOf(splits.Verdict(sp)))
	if !strings.Contains(string(b), `"kind":"even"`) {
		t.Errorf("pacing %s", b)
	}
	b, _ = json.Marshal(report.Efforts(splits.Best(a, 1000)))
	if !strings.Contains(string(b), `"distance_m":1000`) || !strings.Contains(string(b), `"pace_s_per_km":240`) {
		t.Errorf("best efforts %s", b)
	}
}

// TestNewEmpty: an activity without samples (or none at all) reports as
// empty: start null, no reps, no splits, and a note saying why.
func TestNewEmpty(t *testing.T) {
	for _, a := range []*lapkit.Activity{nil, {Format: "gpx"}} {
		r := report.New(a, report.Options{})
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), `"start":null`) || len(r.Intervals) != 0 || len(r.Splits) != 0 || len(r.Notes) == 0 {
			t.Errorf("empty activity: %s", b)
		}
	}
	a := &lapkit.Activity{Start: time.Date(2026, 11, 26, 7, 0, 0, 0, time.UTC)}
	if r := report.New(a, report.Options{SplitLength: -1}); r.Start == nil || *r.Start != "2026-11-26T07:00:00Z" || r.SplitM != 0 {
		t.Errorf("start %v, split length %v", r.Start, r.SplitM)
	}
}

// TestNewNotes: a split length too short for the activity is a note, not
// a missing report.
func TestNewNotes(t *testing.T) {
	a, err := open.File("../testdata/constant_5k.fit")
	if err != nil {
		t.Fatal(err)
	}
	r := report.New(a, report.Options{SplitLength: 0.01})
	if len(r.Splits) != 0 || !strings.Contains(strings.Join(r.Notes, "; "), "split") {
		t.Errorf("splits %d, notes %q", len(r.Splits), r.Notes)
	}
	if r := report.New(a, report.Options{}); r.SplitM != lapkit.QuarterMile || len(r.Splits) != 13 {
		t.Errorf("default splits: %d of %v m", len(r.Splits), r.SplitM)
	}
}

// TestNewNaNSplitLength: a split length that is not a number is a note,
// and nothing NaN reaches the JSON.
func TestNewNaNSplitLength(t *testing.T) {
	a, err := open.File("../testdata/constant_5k.fit")
	if err != nil {
		t.Fatal(err)
	}
	r := report.New(a, report.Options{SplitLength: math.NaN()})
	if _, err := json.Marshal(r); err != nil || len(r.Splits) != 0 || !strings.Contains(strings.Join(r.Notes, "; "), "split") {
		t.Errorf("NaN split length: %v, %d splits, notes %q", err, len(r.Splits), r.Notes)
	}
}

// TestNewOneOptions: report.New with an analysis.Options gives what
// Detect and Evaluate give with the same value (the plan, the goals, the
// tolerance, the limits), and the goals reach the plan's goal-pace
// targets: without them no rep is scored, and a note says so.
func TestNewOneOptions(t *testing.T) {
	a, err := open.File("../testdata/speed_endurance_manual.fit")
	if err != nil {
		t.Fatal(err)
	}
	p, _ := plan.Parse("3x(4x400m@mile r60s) r3min")
	g, _ := plan.ParseGoals("mile=4:23")
	o := analysis.Options{Plan: p, Goals: g, Tolerance: 0.03, MinRep: 20 * time.Second}
	s, err := o.Detect(a)
	if err != nil {
		t.Fatal(err)
	}
	want := report.FromSession(a, s, o.Evaluate(a, s))
	got := report.New(a, report.Options{Options: o, SplitLength: -1})
	if got.Scored != 12 || got.Scored != want.Scored || got.OnTarget != want.OnTarget || len(got.Goals) != len(want.Goals) || len(got.Goals) == 0 {
		t.Errorf("report.New: %d scored, %d on target, %d goals; Detect and Evaluate: %d, %d, %d", got.Scored, got.OnTarget, len(got.Goals), want.Scored, want.OnTarget, len(want.Goals))
	}
	o.Goals = plan.Goals{}
	r := report.New(a, report.Options{Options: o})
	if r.Scored != 0 || r.Plan == nil || !strings.Contains(strings.Join(r.Plan.Notes, "; "), "mile") {
		t.Errorf("without goals: %d scored, plan notes %v", r.Scored, r.Plan)
	}
}

// TestTypedNotes: every note is in TypedNotes too, in order, with its
// kind: the decoder's and the repairs' kinds, the analysis's, plan,
// splits; and the plan's notes and the reps' carry theirs.
func TestTypedNotes(t *testing.T) {
	a, err := open.File("../testdata/speed_endurance_manual.fit")
	if err != nil {
		t.Fatal(err)
	}
	p, _ := plan.Parse("3x(4x400m@65s r60s) r3min")
	b := *a
	b.Samples = append([]lapkit.Sample(nil), a.Samples...)
	b.Samples[100].Distance = math.NaN() // repaired, with a note
	r := report.New(&b, report.Options{Options: analysis.Options{Plan: p}, SplitLength: 0.01})
	kinds := map[string]int{}
	if len(r.TypedNotes) != len(r.Notes) {
		t.Fatalf("%d typed notes for %d notes", len(r.TypedNotes), len(r.Notes))
	}
	for i, n := range r.TypedNotes {
		if n.Text != r.Notes[i] || n.Kind == "" {
			t.Errorf("typed note %d: %+v for %q", i, n, r.Notes[i])
		}
		kinds[n.Kind]++
	}
	for _, k := range []string{string(lapkit.NoteRepsFrom), report.NoteSplits, string(lapkit.NoteRepaired)} {
		if kinds[k] == 0 {
			t.Errorf("no %s note: %+v", k, r.TypedNotes)
		}
	}
	if r.Plan == nil || len(r.Plan.TypedNotes) != len(r.Plan.Notes) {
		t.Errorf("plan notes: %+v", r.Plan)
	}
	presses := 0
	for _, x := range r.Intervals {
		if len(x.TypedNotes) != len(x.Notes) {
			t.Errorf("rep %d.%d: %d typed notes for %d notes", x.Set, x.Rep, len(x.TypedNotes), len(x.Notes))
		}
		for _, n := range x.TypedNotes {
			if n.Kind == string(lapkit.NoteLapPress) {
				presses++
			}
		}
	}
	if presses == 0 {
		t.Error("no lap_press note on the reps of manual laps")
	}
	js, _ := json.Marshal(report.New(nil, report.Options{}))
	if !strings.Contains(string(js), `"typed_notes":[{"kind":"error","text":`) {
		t.Errorf("empty activity: %s", js)
	}
}

// TestNewExtremeInstants: samples a calling program stamps at the ends of
// an Instant's span, at the zero Instant, or one far ahead among a run's,
// are repaired in a copy with notes or reported as they are: never a
// panic, a report that does not marshal, or a copy that breaks the
// model's rules.
func TestNewExtremeInstants(t *testing.T) {
	run := lapkit.At(time.Date(2026, 5, 2, 7, 0, 0, 0, time.UTC))
	series := map[string][]lapkit.Instant{
		"span's end":        {math.MaxInt64 - 2e9, math.MaxInt64 - 1e9, math.MaxInt64},
		"span's start":      {math.MinInt64, math.MinInt64 + 1e9, math.MinInt64 + 2e9},
		"both ends":         {math.MinInt64, run, math.MaxInt64},
		"one far ahead":     {run, run.Add(time.Second), math.MaxInt64, run.Add(3 * time.Second), run.Add(4 * time.Second)},
		"one far back":      {run, run.Add(time.Second), math.MinInt64, run.Add(3 * time.Second), run.Add(4 * time.Second)},
		"a zero among them": {run, 0, run.Add(2 * time.Second), run.Add(3 * time.Second)},
		"all zero":          {0, 0, 0},
	}
	for name, times := range series {
		a := &lapkit.Activity{Format: lapkit.FormatFIT, Sport: lapkit.SportRunning}
		for i, at := range times {
			s := lapkit.NewSample(at)
			s.Distance = float64(i) * 4
			a.Samples = append(a.Samples, s)
		}
		a.Start = a.Samples[0].Time.UTC()
		r := report.New(a, report.Options{})
		if _, err := report.Marshal(r); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		s, err := (&analysis.Options{}).Detect(a)
		if err != nil {
			continue
		}
		if err := s.ActivityFor(a).Validate(); err != nil {
			t.Errorf("%s: the repaired copy %v", name, err)
		}
	}
}
