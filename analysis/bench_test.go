package analysis_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/gpx"
	"github.com/lapkit/lapkit/internal/testkit/cputime"
)

// The 1-hour, 1 Hz 3x4x400 session: on workout-step laps, and with its
// laps removed so that the stream detector does the work.
func benchActivity(b *testing.B) []byte {
	data, err := os.ReadFile("../testdata/speed_endurance_workout.fit")
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func BenchmarkDecode(b *testing.B) {
	data := benchActivity(b)
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		if _, err := fit.Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDetectLaps(b *testing.B) {
	a, _ := fit.Decode(bytes.NewReader(benchActivity(b)))
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		if s, _ := analysis.Detect(a); len(s.Reps) != 12 {
			b.Fatal(len(s.Reps))
		}
	}
}

func BenchmarkDetectStream(b *testing.B) {
	a, _ := fit.Decode(bytes.NewReader(benchActivity(b)))
	a.Laps = nil
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		if s, _ := analysis.Detect(a); len(s.Reps) != 12 {
			b.Fatal(len(s.Reps))
		}
	}
}

// BenchmarkDetectGPX: detection alone on the 1-hour GPX (positions every
// second, 3 m of GPS wander): the stream, with the edges fitted by
// generalised least squares. Compare with BenchmarkDecodeGPX.
func BenchmarkDetectGPX(b *testing.B) {
	a, err := gpx.Decode(bytes.NewReader(gpxActivity(b)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		if s, _ := analysis.Detect(a); len(s.Reps) != 12 {
			b.Fatal(len(s.Reps))
		}
	}
}

func BenchmarkDecodeGPX(b *testing.B) {
	data := gpxActivity(b)
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		if _, err := gpx.Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
