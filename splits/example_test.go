package splits_test

import (
	"fmt"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/splits"
)

func ExampleByDistance() {
	a, err := open.File("../testdata/constant_5k.fit")
	if err != nil {
		fmt.Println(err)
		return
	}
	sp, _ := splits.ByDistance(a, lapkit.QuarterMile)
	for _, s := range sp[:2] {
		fmt.Printf("%d: %.1f m in %.2f s, %v/mile\n", s.N, s.Distance, s.Moving.Seconds(), s.PacePerMile().Round(1e9))
	}
	last := sp[len(sp)-1]
	fmt.Printf("%d splits, the last %.1f m (partial %v)\n", len(sp), last.Distance, last.Partial)
	fmt.Println(splits.Verdict(sp).Kind)
	// Output:
	// 1: 402.3 m in 96.56 s, 6m26s/mile
	// 2: 402.3 m in 96.56 s, 6m26s/mile
	// 13 splits, the last 172.0 m (partial true)
	// even
}

// The 200 m splits of the first 400 m reps of a 3 x 4 x 400 m session, from
// the workout-step laps the watch wrote (FIT writes lap times in whole
// seconds: the 65.5 s rep 2 is a 66 s lap).
func ExampleInRange() {
	a, err := open.File("../testdata/speed_endurance_workout.fit")
	if err != nil {
		fmt.Println(err)
		return
	}
	n := 0
	for _, l := range a.Laps {
		if l.Intensity != lapkit.IntensityActive || l.Distance != 400 || n == 3 {
			continue
		}
		n++
		sp, _ := splits.InRange(a, l.Start, l.End, 200)
		fmt.Printf("rep %d: %.1f + %.1f s\n", n, sp[0].Elapsed.Seconds(), sp[1].Elapsed.Seconds())
	}
	// Output:
	// rep 1: 32.5 + 32.5 s
	// rep 2: 33.0 + 33.0 s
	// rep 3: 33.5 + 33.5 s
}

func ExampleBest() {
	a, err := open.File("../testdata/speed_endurance_workout.fit")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range splits.Best(a, 400, lapkit.Mile) {
		fmt.Printf("%.0f m: %.1f s from %.0f s\n", e.Distance, e.Elapsed.Seconds(), e.StartOffset.Seconds())
	}
	// Output:
	// 400 m: 65.0 s from 1302 s
	// 1609 m: 446.1 s from 1299 s
}

func ExampleSplit_String() {
	a, err := open.File("../testdata/constant_5k.fit")
	if err != nil {
		fmt.Println(err)
		return
	}
	sp, _ := splits.ByDistance(a, 1000)
	for _, s := range sp {
		fmt.Println(s)
	}
	// Output:
	// 1 4:00.0 1000 m 4:00.0/km
	// 2 4:00.0 1000 m 4:00.0/km
	// 3 4:00.0 1000 m 4:00.0/km
	// 4 4:00.0 1000 m 4:00.0/km
	// 5 4:00.0 1000 m 4:00.0/km
}
