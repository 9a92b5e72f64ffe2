package open_test

import (
	"fmt"

	"github.com/lapkit/lapkit/open"
)

func ExampleFile() {
	for _, name := range []string{"../testdata/constant_5k.fit", "../testdata/constant_5k.gpx", "../testdata/constant_5k.tcx"} {
		a, err := open.File(name)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s: %d samples, %v, %.0f m from %s\n", a.Format, len(a.Samples), a.Duration(), a.Distance(), a.DistanceSource)
	}
	// Output:
	// fit: 1201 samples, 20m0s, 5000 m from device
	// gpx: 1201 samples, 20m0s, 5000 m from positions
	// tcx: 1201 samples, 20m0s, 5000 m from device
}

func ExampleSniff() {
	fmt.Println(open.Sniff([]byte("\x0e\x20\x8b\x08\x00\x00\x00\x00.FIT")))
	fmt.Println(open.Sniff([]byte(`<?xml version="1.0"?><gpx version="1.1">`)))
	fmt.Println(open.Sniff([]byte("\x1f\x8b\x08")))
	// Output:
	// fit
	// gpx
	// gzip
}
