package open_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/lapkit/lapkit/internal/testkit/cputime"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/report"
)

// BenchmarkCorpusAnalyse is what every real file of ../shared/realdata
// costs through the whole of lapkit: decoded (open.Reader, from memory),
// analysed (report.New: detection, scoring, fade, predictions,
// quarter-mile splits) and written as the JSON report. One op is the
// corpus.
func BenchmarkCorpusAnalyse(b *testing.B) {
	var data [][]byte
	for _, p := range realdata.Files(b) {
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d)
	}
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		for _, d := range data {
			all, _ := open.ReaderAll(bytes.NewReader(d))
			for _, a := range all {
				if _, err := marshalReport(report.New(a, report.Options{})); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}

func marshalReport(r *report.Report) ([]byte, error) { return report.Marshal(r) }
