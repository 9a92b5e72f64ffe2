package open_test

import (
	"bytes"
	"fmt"
	"os"

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

// Two FIT files back to back (as a watch chains a multisport day, or a
// tool joins two recordings) read as the two activities they are.
func ExampleReaderAll() {
	var chain []byte
	for _, name := range []string{"../testdata/constant_5k_pause.fit", "../testdata/constant_5k.fit"} {
		b, _ := os.ReadFile(name)
		chain = append(chain, b...)
	}
	all, err := open.ReaderAll(bytes.NewReader(chain))
	if err != nil {
		fmt.Println(err)
	}
	for _, a := range all {
		fmt.Printf("%s: %d samples, %.0f m\n", a.Start.Format("2006-01-02 15:04"), len(a.Samples), a.Distance())
	}
	one, _ := open.Reader(bytes.NewReader(chain))
	fmt.Println(one.Notes[0].Text)
	// Output:
	// 2026-05-05 17:30: 1202 samples, 5000 m
	// 2026-05-05 17:30: 1201 samples, 5000 m
	// the file chains 2 activity files, read here as one activity (fit.DecodeAll reads each apart)
}
