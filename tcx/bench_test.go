package tcx_test

import (
	"bytes"
	"encoding/xml"
	"os"
	"strings"
	"testing"

	"github.com/lapkit/lapkit/internal/testkit/cputime"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/internal/testkit/xmlfloor"
	"github.com/lapkit/lapkit/tcx"
)

// TCX has no Go library of note: the baseline is what one would write
// without lapkit, encoding/xml.Unmarshal of the whole document into structs
// with the fields lapkit reads, on the same bytes (the 1-hour, 1 Hz
// interval session, 3664 trackpoints).
type bareTCX struct {
	Activities []struct {
		Sport string `xml:"Sport,attr"`
		Laps  []struct {
			StartTime string   `xml:"StartTime,attr"`
			TotalTime *float64 `xml:"TotalTimeSeconds"`
			Distance  *float64 `xml:"DistanceMeters"`
			Intensity string   `xml:"Intensity"`
			Trigger   string   `xml:"TriggerMethod"`
			Tracks    []struct {
				Points []struct {
					Time     string   `xml:"Time"`
					Lat      *float64 `xml:"Position>LatitudeDegrees"`
					Lon      *float64 `xml:"Position>LongitudeDegrees"`
					Alt      *float64 `xml:"AltitudeMeters"`
					Distance *float64 `xml:"DistanceMeters"`
					HR       *float64 `xml:"HeartRateBpm>Value"`
					Cadence  *float64 `xml:"Cadence"`
					Speed    *float64 `xml:"Extensions>TPX>Speed"`
				} `xml:"Trackpoint"`
			} `xml:"Track"`
		} `xml:"Lap"`
	} `xml:"Activities>Activity"`
}

func benchData(b *testing.B) []byte {
	data, err := os.ReadFile("../testdata/speed_endurance.tcx")
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func BenchmarkDecodeBare(b *testing.B) {
	data := benchData(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		var x bareTCX
		if err := xml.Unmarshal(data, &x); err != nil || len(x.Activities) != 1 {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	data := benchData(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		if _, err := tcx.Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTokenLoop is the floor of a decoder on encoding/xml: every
// token of the document read, nothing kept.
func BenchmarkTokenLoop(b *testing.B) {
	data := benchData(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		xmlfloor.TokenLoop(data)
	}
}

// realTCX reads every real TCX file of ../shared/realdata (the benchmark
// skips without it).
func realTCX(b *testing.B) ([][]byte, int) {
	var docs [][]byte
	size := 0
	for _, p := range realdata.Files(b) {
		if !strings.HasSuffix(strings.ToLower(p), ".tcx") {
			continue
		}
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs, size = append(docs, d), size+len(d)
	}
	return docs, size
}

// BenchmarkCorpusBare is xml.Unmarshal of every real TCX file into the
// minimal struct (the baseline of BenchmarkCorpus); a file it cannot read
// counts all the same.
func BenchmarkCorpusBare(b *testing.B) {
	docs, size := realTCX(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		for _, d := range docs {
			var x bareTCX
			_ = xml.Unmarshal(d, &x)
		}
	}
}

// BenchmarkCorpus is tcx.Decode of every real TCX file: one op is the
// corpus.
func BenchmarkCorpus(b *testing.B) {
	docs, size := realTCX(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		for _, d := range docs {
			tcx.Decode(bytes.NewReader(d))
		}
	}
}
