package chart_test

import (
	"bytes"
	"fmt"

	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/report"
	"github.com/lapkit/lapkit/report/chart"
	"gonum.org/v1/plot/vg"
)

func ExampleWrite() {
	a, err := open.File("../../testdata/speed_endurance_manual.fit")
	if err != nil {
		fmt.Println(err)
		return
	}
	p, _ := plan.Parse("3x(4x400m@65s r60s) r3min")
	r := report.New(a, report.Options{Options: analysis.Options{Plan: p}, Trace: true})
	var svg bytes.Buffer
	if err := chart.Write(&svg, "svg", 8*vg.Inch, 3*vg.Inch, chart.Reps(r), chart.Pace(r), chart.HeartRate(r)); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(chart.Pace(r).Title.Text)
	fmt.Println(bytes.Count(svg.Bytes(), []byte("fill:#55B3E8")), "rep shadings on the two panels over time")
	// Output:
	// Pace, 2026-05-05
	// 24 rep shadings on the two panels over time
}
