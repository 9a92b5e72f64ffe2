package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/lapkit/lapkit/open"
)

func gz(name string, parts ...func(w *gzip.Writer)) {
	f, _ := os.Create(name)
	w, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	for _, p := range parts {
		p(w)
	}
	w.Close()
	f.Close()
}

func spaces(n int) func(w *gzip.Writer) {
	return func(w *gzip.Writer) {
		chunk := []byte(strings.Repeat(" ", 1<<20))
		for i := 0; i < n; i++ {
			w.Write(chunk)
		}
	}
}

func str(s string) func(w *gzip.Writer) { return func(w *gzip.Writer) { w.Write([]byte(s)) } }

func main() {
	if len(os.Args) > 1 && os.Args[1] == "make" {
		gz("/tmp/bombs/spaces.gpx.gz", str(`<?xml version="1.0"?><gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>`), spaces(700))
		gz("/tmp/bombs/spaces.tcx.gz", str(`<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Running"><Id>2020-01-01T00:00:00Z</Id>`), spaces(700))
		h := make([]byte, 14)
		h[0], h[1] = 14, 0x20
		binary.LittleEndian.PutUint32(h[4:], 600<<20)
		copy(h[8:], ".FIT")
		gz("/tmp/bombs/claim.fit.gz", str(string(h)), spaces(600))
		return
	}
	for _, f := range os.Args[1:] {
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		t := time.Now()
		a, err := open.File(f)
		runtime.ReadMemStats(&m1)
		_ = bytes.MinRead
		fmt.Printf("%s: %v a=%v; %v, TotalAlloc %d MB, Sys %d MB\n", f, err, a != nil, time.Since(t).Round(time.Millisecond), (m1.TotalAlloc-m0.TotalAlloc)>>20, m1.Sys>>20)
	}
}
