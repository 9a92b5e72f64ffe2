package analysis_test

import (
	"bytes"
	"os"
	"sync"
	"testing"

	gpxgo "github.com/tkrajina/gpxgo/gpx"
	fitsdk "github.com/tormoder/fit"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/gpx"
	"github.com/lapkit/lapkit/internal/synth"
)

// tenHours is the 3x4x400 session's interval block run ten times over, a
// 10-hour, 1 Hz FIT with 120 reps in 30 sets (built once per process).
var tenHours = sync.OnceValues(func() ([]byte, error) {
	one := synth.SpeedEndurance()
	s := one
	s.Parts = append([]synth.Part(nil), one.Parts[:len(one.Parts)-1]...) // without the cool-down
	body := one.Parts[14 : len(one.Parts)-1]                             // the three sets, after strides and jog
	for i := 1; i < 10; i++ {
		s.Parts = append(s.Parts, synth.Part{Kind: lapkit.IntensityRecovery, Label: "setrest", Duration: 180e9, Speed: 1.2, HR: 115, Step: 5})
		s.Parts = append(s.Parts, body...)
	}
	s.Parts = append(s.Parts, one.Parts[len(one.Parts)-1])
	return s.FIT(synth.LapsWorkout)
})

// fullAnalysis is the whole pipeline an embedding tool runs: decode, then
// analyse (detect, score against the plan, splits, best efforts, the JSON
// report).
func fullAnalysis(b *testing.B, data []byte, plan *analysis.Plan, reps int) {
	a, err := fit.Decode(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	s, _, err := analyse(a, plan)
	if err != nil || len(s.Reps) != reps {
		b.Fatalf("%d reps, %v", len(s.Reps), err)
	}
}

func decodeBare(b *testing.B, data []byte) {
	f, err := fitsdk.Decode(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := f.Activity(); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkBare1h(b *testing.B) {
	data := benchActivity(b)
	b.ReportAllocs()
	for b.Loop() {
		decodeBare(b, data)
	}
}

// BenchmarkFull1h: the bundled 1-hour session through the whole pipeline,
// against BenchmarkBare1h (tormoder/fit decoding the same bytes).
func BenchmarkFull1h(b *testing.B) {
	data := benchActivity(b)
	plan, _ := analysis.ParsePlan("3x(4x400m@65s r60s) r3min")
	b.ReportAllocs()
	for b.Loop() {
		fullAnalysis(b, data, plan, 12)
	}
}

func BenchmarkBare10h(b *testing.B) {
	data, err := tenHours()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		decodeBare(b, data)
	}
}

// BenchmarkFull10h: a 10-hour session with 120 reps, no plan.
func BenchmarkFull10h(b *testing.B) {
	data, err := tenHours()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		fullAnalysis(b, data, nil, 120)
	}
}

// BenchmarkEvaluate is plan scoring alone on the 1-hour session.
func BenchmarkEvaluate(b *testing.B) {
	a, _ := fit.Decode(bytes.NewReader(benchActivity(b)))
	plan, _ := analysis.ParsePlan("3x(4x400m@65s r60s) r3min")
	d := analysis.Detector{Plan: plan}
	s, _ := d.Detect(a)
	b.ReportAllocs()
	for b.Loop() {
		if ev := (&analysis.Evaluator{}).Evaluate(a, s, plan); ev.Scored != 12 {
			b.Fatal(ev.Scored)
		}
	}
}

// The same 1-hour session as a phone's GPX with GPS noise and no laps: the
// reps come from the stream.
func gpxActivity(b *testing.B) []byte {
	data, err := os.ReadFile("../testdata/speed_endurance.gpx")
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func BenchmarkBareGPX1h(b *testing.B) {
	data := gpxActivity(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := gpxgo.ParseBytes(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFullGPX1h: gpx.Decode and the whole analysis, against gpxgo
// parsing the same bytes.
func BenchmarkFullGPX1h(b *testing.B) {
	data := gpxActivity(b)
	plan, _ := analysis.ParsePlan("3x(4x400m@65s r60s) r3min")
	b.ReportAllocs()
	for b.Loop() {
		a, err := gpx.Decode(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		if s, _, err := analyse(a, plan); err != nil || len(s.Reps) != 12 {
			b.Fatal(err)
		}
	}
}
