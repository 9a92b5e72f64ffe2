package plan_test

import (
	"fmt"
	"time"

	"github.com/lapkit/lapkit/plan"
)

func ExampleParse() {
	p, err := plan.Parse("3 × (4 × 400m @ 65s r60s) r3min")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p, "-", p.Reps(), "reps")
	_, err = plan.Parse("3x(4x400m@65s r60s")
	fmt.Println(err)
	// Output:
	// 3x(4x400m@65s r60s) r3min - 12 reps
	// plan: bad plan "3x(4x400m@65s r60s" col 19: expected ) to close the set (the plan ended)
	//   3x(4x400m@65s r60s
	//                     ^
}

// The targets of a goal-pace plan: 400 m at mile pace for a 4:23 miler.
func ExampleSet_RepTarget() {
	p, _ := plan.Parse("4x400m@mile r2min")
	g, _ := plan.ParseGoals("mile=4:23")
	t, pace, ok := p.Sets[0].RepTarget(1, g)
	fmt.Println(t.Round(100*time.Millisecond), pace.Round(time.Second), ok)
	// Output:
	// 1m5.4s 2m43s true
}
