package limit_test

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/lapkit/lapkit/internal/limit"
)

// TestText: a run of exactly Max bytes without a '<' passes, one more
// fails with ErrText, however the reads are cut.
func TestText(t *testing.T) {
	for _, n := range []int{10, 11} {
		in := "<" + strings.Repeat(" ", n) + "<" + strings.Repeat("x", 10)
		_, err := io.ReadAll(&limit.Text{R: iotest.OneByteReader(strings.NewReader(in)), Max: 10})
		if want := n > 10; errors.Is(err, limit.ErrText) != want {
			t.Errorf("a run of %d: %v", n, err)
		}
	}
}

// TestCount: occurrences cut by a read boundary are counted once.
func TestCount(t *testing.T) {
	in := strings.Repeat("<trkpt/>..", 100_000) // 1 MB: many 64 KiB reads
	if n := limit.Count(iotest.HalfReader(bytes.NewReader([]byte(in))), "<trkpt"); n != 100_000 {
		t.Errorf("counted %d, want 100000", n)
	}
	e := &limit.EOF{R: strings.NewReader("x")}
	io.ReadAll(e)
	if !e.Reached {
		t.Error("EOF not recorded")
	}
}

// chunks reads from r in reads of sizes drawn from rng.
type chunks struct {
	r   io.Reader
	rng *rand.Rand
	max int
}

func (c *chunks) Read(p []byte) (int, error) {
	return c.r.Read(p[:min(len(p), 1+c.rng.IntN(c.max))])
}

// TestTextRuns: Text fails, after the same bytes read, exactly where a run
// without '<' first passes Max, over random documents, limits and read
// sizes, reads shorter than Max (where only a read's first and last runs
// are looked at) and longer.
func TestTextRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	for trial := range 20000 {
		n := 1 + rng.IntN(300)
		doc := make([]byte, n)
		gap := 1 + rng.IntN(40)
		for i := range doc {
			if rng.IntN(gap) == 0 {
				doc[i] = '<'
			} else {
				doc[i] = 'x'
			}
		}
		max := 1 + rng.IntN(40)
		// Where the first run over max ends its max+1-th byte, -1 for none.
		want, run := -1, 0
		for i, c := range doc {
			if c == '<' {
				run = 0
				continue
			}
			if run++; run > max {
				want = i
				break
			}
		}
		r := &limit.Text{R: &chunks{r: bytes.NewReader(doc), rng: rng, max: 1 + rng.IntN(3*max)}, Max: max}
		read, failed := 0, false
		buf := make([]byte, 1+rng.IntN(2*max))
		for {
			k, err := r.Read(buf)
			read += k
			if errors.Is(err, limit.ErrText) {
				failed = true
				break
			}
			if err != nil {
				break
			}
		}
		// The failing read is the one that holds the byte that broke
		// the limit.
		if failed != (want >= 0) || failed && (read <= want || read-len(buf) > want) {
			t.Fatalf("trial %d: %q, max %d: failed %v after %d bytes; the run passes max at byte %d", trial, doc, max, failed, read, want)
		}
	}
}
