package page_test

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/report"
	"github.com/lapkit/lapkit/report/page"
)

func ExampleSession() {
	a, err := open.File("../../testdata/speed_endurance_manual.fit")
	if err != nil {
		fmt.Println(err)
		return
	}
	p, _ := plan.Parse("3x(4x400m@65s r60s) r3min")
	r := report.New(a, report.Options{Options: analysis.Options{Plan: p}, Trace: true})
	var html bytes.Buffer
	if err := page.Session(&html, r); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(regexp.MustCompile(`<title>(.*)</title>`).FindStringSubmatch(html.String())[1])
	fmt.Println(len(regexp.MustCompile(`data-rep="`).FindAllString(html.String(), -1)), "reps in the table,", bytes.Count(html.Bytes(), []byte("<svg")), "charts inline")
	// Output:
	// Session of 2026-05-05
	// 12 reps in the table, 4 charts inline
}
