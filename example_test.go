package lapkit_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/lapkit/lapkit"
)

// A quarter mile run in 65 s after a 100 m jog: when was it crossed?
func ExampleActivity_TimeAt() {
	start := time.Date(2026, 5, 5, 17, 30, 0, 0, time.UTC)
	a := &lapkit.Activity{Start: start}
	for i, d := range []float64{0, 100, 100 + lapkit.QuarterMile} {
		s := lapkit.NewSample(lapkit.At(start.Add(time.Duration([]int{0, 40, 105}[i]) * time.Second)))
		s.Distance = d
		a.Samples = append(a.Samples, s)
	}
	t, _ := a.TimeAt(100 + lapkit.QuarterMile/2)
	fmt.Println(t.Sub(start))
	fmt.Printf("%.1f m at 1:00\n", a.DistanceAt(start.Add(time.Minute)))
	// Output:
	// 1m12.5s
	// 223.8 m at 1:00
}

// An activity built by hand that breaks the model's rules: Validate names
// the first rule broken; the analysis reads a repaired copy and says so.
func ExampleActivity_Validate() {
	t0 := time.Date(2026, 6, 1, 18, 0, 0, 0, time.UTC)
	a := &lapkit.Activity{Start: t0}
	for i := range 3 {
		s := lapkit.NewSample(lapkit.At(t0.Add(time.Duration(i) * time.Second)))
		s.Distance = 3 * float64(i)
		a.Samples = append(a.Samples, s)
	}
	a.Samples[1], a.Samples[2] = a.Samples[2], a.Samples[1] // two streams merged
	err := a.Validate()
	fmt.Println(errors.Is(err, lapkit.ErrInvalid))
	fmt.Println(err)
	// Output:
	// true
	// lapkit: activity breaks the model's rules: sample 2 at 2026-06-01 18:00:01 +0000 UTC, not after 2026-06-01 18:00:02 +0000 UTC
}
