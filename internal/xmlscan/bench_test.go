package xmlscan_test

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/lapkit/lapkit/internal/testkit/cputime"
	"github.com/lapkit/lapkit/internal/testkit/xmlfloor"
	"github.com/lapkit/lapkit/internal/xmlscan"
)

func benchDoc(b *testing.B) []byte {
	data, err := os.ReadFile("../../testdata/speed_endurance.gpx")
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkScan reads every event of the 1-hour GPX.
func BenchmarkScan(b *testing.B) {
	data := benchDoc(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		sc := xmlscan.New(bytes.NewReader(data), nil)
		for {
			if _, err := sc.Next(); err != nil {
				if err != io.EOF {
					b.Fatal(err)
				}
				break
			}
		}
	}
}

// BenchmarkTokenLoop is encoding/xml's Token over the same bytes.
func BenchmarkTokenLoop(b *testing.B) {
	data := benchDoc(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		xmlfloor.TokenLoop(data)
	}
}
