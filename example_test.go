package lapkit_test

import (
	"fmt"
	"time"

	"github.com/lapkit/lapkit"
)

// A quarter mile run in 65 s after a 100 m jog: when was it crossed?
func ExampleActivity_TimeAt() {
	start := time.Date(2026, 5, 5, 17, 30, 0, 0, time.UTC)
	a := &lapkit.Activity{Start: start}
	for i, d := range []float64{0, 100, 100 + lapkit.QuarterMile} {
		s := lapkit.NewSample(start.Add(time.Duration([]int{0, 40, 105}[i]) * time.Second))
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
