package open_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/lapkit/lapkit/internal/testkit/cputime"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/open"
)

// BenchmarkCorpus decodes every real file of ../shared/realdata (skipped
// without it), read into memory first: one op is the whole corpus.
func BenchmarkCorpus(b *testing.B) {
	var data [][]byte
	size := 0
	for _, p := range realdata.Files(b) {
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d)
		size += len(d)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		for _, d := range data {
			open.Reader(bytes.NewReader(d))
		}
	}
}
