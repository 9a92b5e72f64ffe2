package analysis_test

import (
	"fmt"
	"time"

	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
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
	// 1.1: 409 m (400 m) in 65 s
	// 1.2: 395 m (400 m) in 65 s
	// 1.3: 392 m (400 m) in 66 s
	// 1.4: 399 m (400 m) in 66 s
	// then set_rest 3m0s
}

// Score the bundled 3 x 4 x 400 m session against its plan.
func ExampleOptions_Evaluate() {
	a, err := open.File("../testdata/speed_endurance_workout.fit")
	if err != nil {
		fmt.Println(err)
		return
	}
	pl, _ := plan.Parse("3x(4x400m@65s r60s) r3min")
	d := analysis.Options{Plan: pl}
	s, _ := d.Detect(a)
	var e analysis.Options
	ev := e.Evaluate(a, s)
	fmt.Printf("%d of %d reps on target\n", ev.OnTarget, ev.Scored)
	for _, f := range ev.Fade.Sets {
		fmt.Printf("set %d: %.1f s to %.1f s, %+.2f s/rep\n", f.Set, f.First.Value, f.Last.Value, f.Slope.Value)
	}
	fmt.Printf("across sets: %+.2f s/set\n", ev.Fade.AcrossSlope.Value)
	fmt.Printf("%s: %v\n", ev.Predictions[0].Method, ev.Predictions[0].Time.Round(time.Second))
	// Output:
	// 4 of 12 reps on target
	// set 1: 65.0 s to 66.5 s, +0.50 s/rep
	// set 2: 66.0 s to 67.5 s, +0.50 s/rep
	// set 3: 67.0 s to 68.5 s, +0.50 s/rep
	// across sets: +1.00 s/set
	// the reps' pace: 4m29s
}

// The bundled 6 x 400 m progression, each rep faster than the last, as a
// watch running the structured workout records it: a progression shows as
// a negative fade.
func ExampleOptions_Evaluate_progression() {
	a, err := open.File("../testdata/workout_6x400-progression.fit")
	if err != nil {
		fmt.Println(err)
		return
	}
	pl, _ := plan.Parse("6x400m r1min")
	d := analysis.Options{Plan: pl}
	s, _ := d.Detect(a)
	var e analysis.Options
	ev := e.Evaluate(a, s)
	for _, r := range s.Reps {
		fmt.Printf("%.0f ", r.Duration().Seconds())
	}
	f := ev.Fade.Sets[0]
	fmt.Printf("s, from %s\n%+.2f s/rep\n", s.Source, f.Slope.Value)
	// Output:
	// 84 82 81 79 78 76 s, from workout_step
	// -1.60 s/rep
}

func ExampleRep_String() {
	a, err := open.File("../testdata/speed_endurance_workout.fit")
	if err != nil {
		fmt.Println(err)
		return
	}
	s, _ := analysis.Detect(a)
	for _, r := range s.Set(1) {
		fmt.Println(r)
	}
	// Output:
	// 1.1 1:05.0 400 m 2:42.5/km
	// 1.2 1:05.5 398 m 2:44.4/km
	// 1.3 1:06.0 397 m 2:46.3/km
	// 1.4 1:06.5 398 m 2:46.9/km
}
