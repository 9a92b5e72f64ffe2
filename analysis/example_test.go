package analysis_test

import (
	"fmt"

	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/open"
)

// The bundled 3 x 4 x 400 m session, recorded as GPX with GPS noise and
// no laps: the reps come from the speed stream alone.
func ExampleDetect() {
	a, err := open.File("../testdata/speed_endurance.gpx")
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := analysis.Detect(a)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d sets, %d reps, %d strides left out, from %s\n", s.Sets, len(s.Reps), len(s.Strides), s.Source)
	for _, r := range s.Set(1) {
		fmt.Printf("%d.%d: %.0f m (%g m) in %.0f s\n", r.Set, r.N, r.Distance, r.Nominal, r.Duration().Seconds())
	}
	fmt.Println("then", s.Rests[3].Kind, s.Rests[3].Duration().Round(1e9))
	// Output:
	// 3 sets, 12 reps, 6 strides left out, from detected
	// 1.1: 402 m (400 m) in 64 s
	// 1.2: 400 m (400 m) in 66 s
	// 1.3: 394 m (400 m) in 65 s
	// 1.4: 398 m (400 m) in 66 s
	// then set_rest 3m1s
}
