package gpx_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/lapkit/lapkit/gpx"
	"github.com/lapkit/lapkit/internal/testkit/cputime"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/internal/testkit/xmlfloor"
	gpxgo "github.com/tkrajina/gpxgo/gpx"
)

// The 1-hour, 1 Hz interval session with GPS noise (3664 points).
const benchFile = "speed_endurance.gpx"

// BenchmarkDecodeBare is the baseline: gpxgo alone on the same bytes.
func BenchmarkDecodeBare(b *testing.B) {
	data := read(b, benchFile)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		if _, err := gpxgo.ParseBytes(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode is gpx.Decode into the lapkit model.
func BenchmarkDecode(b *testing.B) {
	benchDecode(b, read(b, benchFile))
}

func benchDecode(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		if _, err := gpx.Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTokenLoop is the floor of a decoder on encoding/xml: every
// token of the document read, nothing kept.
func BenchmarkTokenLoop(b *testing.B) {
	benchTokenLoop(b, read(b, benchFile))
}

func benchTokenLoop(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		xmlfloor.TokenLoop(data)
	}
}

// BenchmarkLargestReal is gpx.Decode against encoding/xml's token loop on
// the largest real GPX of ../shared/realdata (skipped without it).
func BenchmarkLargestReal(b *testing.B) {
	data, err := os.ReadFile(realdata.Path(b, "Runalyze__Runalyze/tests/testfiles/gpx/Movescount-mixed-extensions.gpx"))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Decode", func(b *testing.B) { benchDecode(b, data) })
	b.Run("TokenLoop", func(b *testing.B) { benchTokenLoop(b, data) })
}
