package report_test

import (
	"fmt"

	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/report"
)

// The README's program: one call analyses a 3 x 4 x 400 m session on
// manual laps against its plan and a 4:23 mile goal.
func ExampleNew() {
	a, err := open.File("../testdata/speed_endurance_manual.fit")
	if err != nil {
		fmt.Println(err)
		return
	}
	p, _ := plan.Parse("3x(4x400m@65s r60s) r3min")
	goals, _ := plan.ParseGoals("mile=4:23")
	r := report.New(a, report.Options{Options: analysis.Options{Plan: p, Goals: goals}})
	fmt.Printf("%d reps in %d sets from %s, %d on target\n", len(r.Intervals), r.Sets, r.Source, r.OnTarget)
	for _, x := range r.Intervals[:4] {
		fmt.Printf("%d.%d %.1f s (%+.1f s)\n", x.Set, x.Rep, x.DurationS, x.DeltaS.Or(0))
	}
	fmt.Printf("set 1 fade %+.2f s/rep\n", r.Fade.Sets[0].SlopeSPerRep.Or(0))
	fmt.Printf("%d splits of %.3f m, pacing %s\n", len(r.Splits), r.SplitM, r.Pacing.Kind)
	// Output:
	// 12 reps in 3 sets from manual_lap, 2 on target
	// 1.1 63.3 s (+0.0 s)
	// 1.2 65.8 s (+0.8 s)
	// 1.3 66.4 s (+1.4 s)
	// 1.4 67.1 s (+2.1 s)
	// set 1 fade +1.19 s/rep
	// 26 splits of 402.336 m, pacing negative
}
