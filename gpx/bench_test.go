package gpx_test

import (
	"bytes"
	"testing"

	"github.com/lapkit/lapkit/gpx"
	gpxgo "github.com/tkrajina/gpxgo/gpx"
)

// The 1-hour, 1 Hz interval session with GPS noise (3664 points).
const benchFile = "speed_endurance.gpx"

// BenchmarkDecodeBare is the baseline: gpxgo alone on the same bytes.
func BenchmarkDecodeBare(b *testing.B) {
	data := read(b, benchFile)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := gpxgo.ParseBytes(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode is gpx.Decode into the lapkit model.
func BenchmarkDecode(b *testing.B) {
	data := read(b, benchFile)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := gpx.Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
