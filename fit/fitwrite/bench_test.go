package fitwrite_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/lapkit/lapkit/fit/fitwrite"
	"github.com/lapkit/lapkit/plan"
)

// BenchmarkEncodeWorkout writes the largest plan of the catalogue (2 x 6 x
// 200 m with set rests, 7 steps) as a workout file.
func BenchmarkEncodeWorkout(b *testing.B) {
	p, _ := plan.Parse("2x(6x200m@mile r90s) r7min")
	g, _ := plan.ParseGoals("mile=5:00")
	w, err := p.Workout(g, 0)
	if err != nil {
		b.Fatal(err)
	}
	e := fitwrite.WorkoutEncoder{Created: time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := e.Encode(&buf, w); err != nil {
			b.Fatal(err)
		}
	}
}
