package tcx_test

import (
	"fmt"
	"os"

	"github.com/lapkit/lapkit/tcx"
)

func ExampleDecode() {
	f, err := os.Open("../testdata/constant_5k.tcx")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	a, err := tcx.Decode(f)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range a.Laps[:2] {
		fmt.Println(l.Trigger, l.Distance, "m in", l.TimerTime)
	}
	// Output:
	// distance 1000 m in 4m0s
	// distance 1000 m in 4m0s
}
