package analysis_test

import (
	"bytes"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/gpx"
	"github.com/lapkit/lapkit/internal/testkit/cputime"
	"github.com/lapkit/lapkit/internal/testkit/synth"
	"github.com/lapkit/lapkit/plan"
	gpxgo "github.com/tkrajina/gpxgo/gpx"
	fitsdk "github.com/tormoder/fit"
)

// tenHours is the 1-hour session ten times over, so that each hour holds
// the same work: its warm-up (2 km, six strides, a jog) and three sets of
// 4 x 400 m, then nine times an easy jog as long as the hour's warm-up and
// cool-down followed by the three sets again, then the cool-down. A 1 Hz
// FIT of 10 h 10 min: 36,631 samples and 120 reps, the hour's reps per
// sample, scored against tenHoursPlan (built once per process).
var tenHours = sync.OnceValues(func() (long, error) {
	s, warmup, sets, cd := hourParts()
	jog := synth.Part{Kind: lapkit.IntensityWarmup, Label: "jog", Speed: cd.Speed, HR: 135, Step: 0,
		Duration: partsLength(warmup) + partsLength([]synth.Part{cd})}
	for range 9 {
		s.Parts = append(append(s.Parts, jog), sets...)
	}
	return render(s, cd)
})

// oneHourPlan is the 1-hour session's plan; tenHoursPlan the same ten
// times over.
const (
	oneHourPlan  = "3x(4x400m@65s r60s) r3min"
	tenHoursPlan = "30x(4x400m@65s r60s) r3min"
)

// denseHours is the 1-hour session with its three sets run again and
// again, 3 min apart, until the recording lasts 10 hours: a 1 Hz FIT of
// 10 h 25 min with 228 reps in 57 sets, 1.9 times the hour's reps per
// sample (built once per process).
var denseHours = sync.OnceValues(func() (long, error) {
	s, _, sets, cd := hourParts()
	for partsLength(s.Parts)+partsLength([]synth.Part{cd}) < 10*time.Hour {
		s.Parts = append(s.Parts, synth.Part{Kind: lapkit.IntensityRecovery, Label: "setrest", Duration: 3 * time.Minute, Speed: 1.2, HR: 115, Step: 5})
		s.Parts = append(s.Parts, sets...)
	}
	return render(s, cd)
})

// hourParts returns the 1-hour session up to the end of its sets, and its
// parts: the warm-up (before the first rep), the three sets with their
// rests, and the cool-down.
func hourParts() (s synth.Session, warmup, sets []synth.Part, cd synth.Part) {
	s = synth.SpeedEndurance()
	last := len(s.Parts) - 1
	first := slices.IndexFunc(s.Parts, func(p synth.Part) bool { return p.Label == "rep" })
	warmup, sets, cd = s.Parts[:first], s.Parts[first:last], s.Parts[last]
	s.Parts = slices.Clone(s.Parts[:last])
	return s, warmup, sets, cd
}

// render ends s with the cool-down and writes it as a FIT with
// workout-step laps.
func render(s synth.Session, cd synth.Part) (long, error) {
	s.Parts = append(s.Parts, cd)
	data, err := s.FIT(synth.LapsWorkout)
	return long{data, len(truthReps(&s))}, err
}

// long is the 10-hour session's file and how many reps it holds.
type long struct {
	data []byte
	reps int
}

// partsLength is how long the parts take to run.
func partsLength(parts []synth.Part) time.Duration {
	var d time.Duration
	for _, p := range parts {
		if p.Duration > 0 {
			d += p.Duration
		} else {
			d += time.Duration(p.Distance / p.Speed * float64(time.Second))
		}
	}
	return d
}

// fullAnalysis is the whole pipeline an embedding tool runs: decode, then
// analyse (detect, score against the plan, splits, best efforts, the JSON
// report).
func fullAnalysis(b *testing.B, data []byte, pl *plan.Plan, reps int) {
	a, err := fit.Decode(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	s, _, err := analyse(a, pl)
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
	defer cputime.PerOp(b)()
	for b.Loop() {
		decodeBare(b, data)
	}
}

// BenchmarkFull1h: the bundled 1-hour session through the whole pipeline,
// against BenchmarkBare1h (tormoder/fit decoding the same bytes).
func BenchmarkFull1h(b *testing.B) {
	data := benchActivity(b)
	pl, _ := plan.Parse(oneHourPlan)
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		fullAnalysis(b, data, pl, 12)
	}
}

func BenchmarkBare10h(b *testing.B) {
	l, err := tenHours()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		decodeBare(b, l.data)
	}
}

// BenchmarkFull10h: the 10-hour session through the whole pipeline,
// scored against its plan; every rep must be found. BenchmarkPerSample10h
// compares its cost per sample with BenchmarkFull1h's.
func BenchmarkFull10h(b *testing.B) {
	l, err := tenHours()
	if err != nil {
		b.Fatal(err)
	}
	pl, _ := plan.Parse(tenHoursPlan)
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		fullAnalysis(b, l.data, pl, l.reps)
	}
}

// BenchmarkPerSample10h is what the 10-hour session costs per sample
// through the whole pipeline, against the 1-hour session: each op runs
// the 1-hour session ten times, then the 10-hour session once, and sums
// the CPU time of each apart, so that both meet the same machine (a shared
// one speeds and slows from one second to the next). Reported as
// "x/sample": the 10-hour CPU per sample over the 1-hour's.
func BenchmarkPerSample10h(b *testing.B) {
	if _, ok := cputime.Process(); !ok {
		b.Skip("no CPU time on this platform")
	}
	l, err := tenHours()
	if err != nil {
		b.Fatal(err)
	}
	one := benchActivity(b)
	pl1, _ := plan.Parse(oneHourPlan)
	pl10, _ := plan.Parse(tenHoursPlan)
	n1, n10 := samples(b, one), samples(b, l.data)
	var t1, t10 time.Duration
	for b.Loop() {
		c0, _ := cputime.Process()
		for range 10 {
			fullAnalysis(b, one, pl1, 12)
		}
		c1, _ := cputime.Process()
		fullAnalysis(b, l.data, pl10, l.reps)
		c2, _ := cputime.Process()
		t1, t10 = t1+c1-c0, t10+c2-c1
	}
	b.ReportMetric((t10.Seconds()/float64(n10))/(t1.Seconds()/float64(10*n1)), "x/sample")
}

// samples is how many samples the FIT data decodes to.
func samples(b *testing.B, data []byte) int {
	a, err := fit.Decode(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	return len(a.Samples)
}

// BenchmarkFullDense10h: the rep-dense 10-hour session, no plan; every
// rep must be found.
func BenchmarkFullDense10h(b *testing.B) {
	l, err := denseHours()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		fullAnalysis(b, l.data, nil, l.reps)
	}
}

// BenchmarkEvaluate is plan scoring alone on the 1-hour session.
func BenchmarkEvaluate(b *testing.B) {
	a, _ := fit.Decode(bytes.NewReader(benchActivity(b)))
	pl, _ := plan.Parse(oneHourPlan)
	d := analysis.Options{Plan: pl}
	s, _ := d.Detect(a)
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		if ev := (&analysis.Options{}).Evaluate(a, s); ev.Scored != 12 {
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
	defer cputime.PerOp(b)()
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
	pl, _ := plan.Parse(oneHourPlan)
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		a, err := gpx.Decode(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		if s, _, err := analyse(a, pl); err != nil || len(s.Reps) != 12 {
			b.Fatal(err)
		}
	}
}
