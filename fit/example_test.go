package fit_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/lapkit/lapkit/fit"
)

func ExampleDecode() {
	f, err := os.Open("../testdata/speed_endurance_workout.fit")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	a, err := fit.Decode(f)
	if errors.Is(err, fit.ErrTruncated) {
		fmt.Println("the watch died; keeping", len(a.Samples), "samples")
	} else if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Sport, a.SubSport, len(a.Samples), "samples", len(a.Laps), "laps")
	fmt.Printf("%v, %.0f m\n", a.Duration(), a.Distance())
	l := a.Laps[14]
	fmt.Println("lap 15:", l.Intensity, "step", l.WorkoutStep, l.Distance, "m in", l.TimerTime)
	// Output:
	// running track 3664 samples 38 laps
	// 1h1m3s, 10377 m
	// lap 15: active step 3 400 m in 1m5s
}
