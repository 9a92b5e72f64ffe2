package splits_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/internal/testkit/cputime"
	"github.com/lapkit/lapkit/splits"
)

// The 1-hour, 1 Hz interval session (3664 samples).
func benchData(b *testing.B) []byte {
	data, err := os.ReadFile("../testdata/speed_endurance_workout.fit")
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkDecode is the baseline the splits are measured against.
func BenchmarkDecode(b *testing.B) {
	data := benchData(b)
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		if _, err := fit.Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkQuarterMiles(b *testing.B) {
	a, err := fit.Decode(bytes.NewReader(benchData(b)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		if sp, _ := splits.ByDistance(a, lapkit.QuarterMile); len(sp) != 26 {
			b.Fatal("wrong split count")
		}
	}
}

func BenchmarkBest(b *testing.B) {
	a, err := fit.Decode(bytes.NewReader(benchData(b)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		splits.Best(a)
	}
}
