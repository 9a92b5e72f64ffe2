package analysis_test

import (
	"fmt"
	"math"
	"time"

	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
)

// The workouts of the training articles, one example each, on the bundled
// files a watch running the structured workout writes (testdata/workout_*.fit).
// The 3 x 4 x 400 m session is ExampleOptions_Evaluate, the 6 x 400 m
// progression ExampleOptions_Evaluate_progression.

// 7 x 600 m with 2 min rest, each in 1:58.
func ExampleOptions_Evaluate_sixHundreds() {
	a, err := open.File("../testdata/workout_7x600.fit")
	if err != nil {
		fmt.Println(err)
		return
	}
	pl, err := plan.Parse("7x600m@1:58 r2min")
	if err != nil {
		fmt.Println(err)
		return
	}
	d := analysis.Options{Plan: pl}
	s, err := d.Detect(a)
	if err != nil {
		fmt.Println(err)
		return
	}
	var e analysis.Options
	ev := e.Evaluate(a, s)
	fmt.Printf("%d of %d reps on target, mean |delta| %.1f s\n", ev.OnTarget, ev.Scored, ev.MeanAbs.Value)
	for _, x := range ev.Rests {
		fmt.Printf("%v/%v ", x.Actual, x.Planned)
	}
	fmt.Println("rests")
	fmt.Printf("fade %+.2f s/rep\n", ev.Fade.Sets[0].Slope.Value)
	// Output:
	// 7 of 7 reps on target, mean |delta| 0.0 s
	// 2m0s/2m0s 2m0s/2m0s 2m0s/2m0s 2m0s/2m0s 2m0s/2m0s 2m0s/2m0s rests
	// fade +0.00 s/rep
}

// 2 rounds of 6 x 200 m at mile goal pace, 90 s rest, 7 min jog between
// rounds: the target comes from the goal (a 5:00 mile is 37.3 s per 200 m).
func ExampleOptions_Evaluate_twoHundredsAtMilePace() {
	a, err := open.File("../testdata/workout_2x6x200.fit")
	if err != nil {
		fmt.Println(err)
		return
	}
	pl, err := plan.Parse("2x(6x200m@mile r90s) r7min")
	if err != nil {
		fmt.Println(err)
		return
	}
	goals, err := plan.ParseGoals("mile=5:00")
	if err != nil {
		fmt.Println(err)
		return
	}
	d := analysis.Options{Plan: pl}
	s, err := d.Detect(a)
	if err != nil {
		fmt.Println(err)
		return
	}
	e := analysis.Options{Goals: goals}
	ev := e.Evaluate(a, s)
	fmt.Printf("%d sets, target %.1f s\n", s.Sets, ev.Reps[0].Target.Seconds())
	for _, r := range ev.Reps {
		// Rounded to the tenth first: no "-0.0" for a rep 0.4 ms quick.
		delta := math.Round(r.Delta.Seconds()*10)/10 + 0
		fmt.Printf("%d.%d %+.1f s %s\n", r.Set, r.N, delta, r.Band)
	}
	// Output:
	// 2 sets, target 37.3 s
	// 1.1 +0.0 s on_target
	// 1.2 +0.0 s on_target
	// 1.3 +0.0 s on_target
	// 1.4 +0.0 s on_target
	// 1.5 +0.0 s on_target
	// 1.6 +0.0 s on_target
	// 2.1 +0.0 s on_target
	// 2.2 +0.0 s on_target
	// 2.3 +0.0 s on_target
	// 2.4 +0.0 s on_target
	// 2.5 +0.0 s on_target
	// 2.6 +0.0 s on_target
}

// 5 x 1000 m at 5 km pace, 1 min rest. With only a 5 km goal given, the
// mile goal would follow from it (5 km pace per mile less 30 s).
func ExampleOptions_Evaluate_thousandsAtFiveKPace() {
	a, err := open.File("../testdata/workout_5x1000.fit")
	if err != nil {
		fmt.Println(err)
		return
	}
	pl, err := plan.Parse("5x1000m@5k r1min")
	if err != nil {
		fmt.Println(err)
		return
	}
	goals, err := plan.ParseGoals("5k=18:45")
	if err != nil {
		fmt.Println(err)
		return
	}
	d := analysis.Options{Plan: pl}
	s, err := d.Detect(a)
	if err != nil {
		fmt.Println(err)
		return
	}
	e := analysis.Options{Goals: goals}
	ev := e.Evaluate(a, s)
	mile, _ := goals.Pace("mile")
	fmt.Printf("%d of %d reps at 5 km pace; mile goal pace %v/km\n", ev.OnTarget, ev.Scored, mile.Round(1e8))
	for _, r := range ev.Reps {
		fmt.Printf("%.1f ", r.Target.Seconds()+r.Delta.Seconds())
	}
	fmt.Printf("s against %v\n", ev.Reps[0].Target)
	// Output:
	// 5 of 5 reps at 5 km pace; mile goal pace 3m26.4s/km
	// 225.0 225.0 225.0 225.0 225.0 s against 3m45s
}

// Hill repeats: 4 climbs of 4 min, jogging back down. No pace target: the
// net climb of each rep comes from the samples' altitude.
func ExampleDetect_hills() {
	a, err := open.File("../testdata/workout_hills.fit")
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := analysis.Detect(a)
	if err != nil {
		fmt.Println(err)
		return
	}
	// The altitude of the first sample at or after t (reps from laps
	// start and end at the watch's exact lap times, between samples).
	altAt := func(t time.Time) float64 {
		for _, x := range a.Samples {
			if !x.Time.UTC().Before(t) {
				return x.Altitude
			}
		}
		return math.NaN()
	}
	for _, r := range s.Reps {
		bottom, top := altAt(r.Start), altAt(r.End)
		fmt.Printf("rep %d: %v, %.0f m, climbed %.0f m (%.1f %%), HR max %.0f\n",
			r.N, r.Duration(), r.Distance, top-bottom, 100*(top-bottom)/r.Distance, r.MaxHeartRate)
	}
	// Output:
	// rep 1: 4m0s, 846 m, climbed 59 m (6.9 %), HR max 178
	// rep 2: 4m0s, 845 m, climbed 49 m (5.8 %), HR max 178
	// rep 3: 4m0s, 846 m, climbed 44 m (5.2 %), HR max 178
	// rep 4: 4m0s, 845 m, climbed 59 m (7.0 %), HR max 178
}

// Tempo: 2 x 10 min at 4:10/km with 5 min jog. Time-based reps are scored
// and faded on pace.
func ExampleOptions_Evaluate_tempo() {
	a, err := open.File("../testdata/workout_tempo-2x10min.fit")
	if err != nil {
		fmt.Println(err)
		return
	}
	pl, err := plan.Parse("2x10min@4:10/km r5min")
	if err != nil {
		fmt.Println(err)
		return
	}
	d := analysis.Options{Plan: pl}
	s, err := d.Detect(a)
	if err != nil {
		fmt.Println(err)
		return
	}
	var e analysis.Options
	ev := e.Evaluate(a, s)
	for i, r := range s.Reps {
		fmt.Printf("rep %d: %v, %.0f m, %s\n", r.N, r.Duration(), r.Distance, ev.Reps[i].Band)
	}
	// Output:
	// rep 1: 10m0s, 2400 m, on_target
	// rep 2: 10m0s, 2400 m, on_target
}
