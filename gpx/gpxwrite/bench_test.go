package gpxwrite_test

import (
	"bytes"
	"testing"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/gpx/gpxwrite"
	"github.com/lapkit/lapkit/internal/testkit/cputime"
	"github.com/lapkit/lapkit/open"
	gpxgo "github.com/tkrajina/gpxgo/gpx"
)

// BenchmarkEncodeBare is the baseline of Encode: gpxgo writing the same
// points (the GPX Encode writes of the 1-hour FIT session, parsed by
// gpxgo), as a document.
func BenchmarkEncodeBare(b *testing.B) {
	a := openBench(b)
	var buf bytes.Buffer
	if err := gpxwrite.Encode(&buf, a); err != nil {
		b.Fatal(err)
	}
	g, err := gpxgo.ParseBytes(buf.Bytes())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		if _, err := g.ToXml(gpxgo.ToXmlParams{Version: "1.1", Indent: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncode is gpxwrite.Encode of the 1-hour FIT session (3664 samples
// with position, heart rate, cadence and speed).
func BenchmarkEncode(b *testing.B) {
	a := openBench(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		buf.Reset()
		if err := gpxwrite.Encode(&buf, a); err != nil {
			b.Fatal(err)
		}
	}
}

func openBench(b *testing.B) *lapkit.Activity {
	a, err := open.File("../../testdata/speed_endurance_workout.fit")
	if err != nil {
		b.Fatal(err)
	}
	return a
}
