package limit_test

import (
	"bytes"
	"errors"
	"io"
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
