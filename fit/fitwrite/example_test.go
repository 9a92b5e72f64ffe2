package fitwrite_test

import (
	"bytes"
	"fmt"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/fit/fitwrite"
	"github.com/lapkit/lapkit/plan"
)

func ExampleWorkoutEncoder_Encode() {
	p, err := plan.Parse("8x400m@65s r60s")
	if err != nil {
		fmt.Println(err)
		return
	}
	w, err := p.Workout(plan.Goals{}, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	w.Name = "8 x 400 m"
	var buf bytes.Buffer
	e := fitwrite.WorkoutEncoder{Created: time.Date(2026, 12, 6, 7, 0, 0, 0, time.UTC)}
	if err := e.Encode(&buf, w); err != nil {
		fmt.Println(err)
		return
	}
	back, err := fit.DecodeWorkout(&buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%q, %d steps\n", back.Name, len(back.Steps))
	for _, s := range back.Steps {
		switch s.Duration {
		case lapkit.DurationRepeat:
			fmt.Printf("%d: repeat from step %d, %d times\n", s.Index, s.RepeatFrom, s.Repeats)
		case lapkit.DurationDistance:
			fmt.Printf("%d: %s %v m at %.2f-%.2f m/s\n", s.Index, s.Intensity, s.Distance, s.Target.Low, s.Target.High)
		case lapkit.DurationTime:
			fmt.Printf("%d: %s %v\n", s.Index, s.Intensity, s.Time)
		default:
			fmt.Printf("%d: %s, open\n", s.Index, s.Intensity)
		}
	}
	// Output:
	// "8 x 400 m", 5 steps
	// 0: warmup, open
	// 1: active 400 m at 6.03-6.28 m/s
	// 2: recovery 1m0s
	// 3: repeat from step 1, 8 times
	// 4: cooldown, open
}
