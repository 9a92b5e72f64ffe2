package tcx_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/lapkit/lapkit/tcx"
)

// TestPartial: a TCX cut anywhere (plain or gzipped), or with one bad byte
// in the middle, keeps every trackpoint closed before the fault, with
// ErrTruncated or ErrFormat and a note saying how many came after it
// unread. It lost every sample before.
func TestPartial(t *testing.T) {
	doc, err := os.ReadFile("../testdata/constant_5k.tcx")
	if err != nil {
		t.Fatal(err)
	}
	total := bytes.Count(doc, []byte("<Trackpoint>"))
	for _, frac := range []float64{0.1, 0.37, 0.5, 0.83, 0.999} {
		cut := doc[:int(frac*float64(len(doc)))]
		want := bytes.Count(cut, []byte("</Trackpoint>"))
		for _, gz := range []bool{false, true} {
			in := io.Reader(bytes.NewReader(cut))
			if gz {
				var b bytes.Buffer
				w := gzip.NewWriter(&b)
				w.Write(doc)
				w.Close()
				zr, _ := gzip.NewReader(bytes.NewReader(b.Bytes()[:int(frac*float64(b.Len()))]))
				in = zr
				want = -1 // where a gzip cut falls in the document is not known here
			}
			a, err := tcx.Decode(in)
			name := fmt.Sprintf("cut at %.0f %% (gzip %v)", 100*frac, gz)
			if !errors.Is(err, tcx.ErrTruncated) || a == nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if want >= 0 && len(a.Samples) != want {
				t.Errorf("%s: %d samples, want the %d closed before the cut", name, len(a.Samples), want)
			}
			if !strings.HasPrefix(err.Error(), "tcx: line ") || strings.Count(err.Error(), "tcx:") != 1 {
				t.Errorf("%s: error %q", name, err)
			}
		}
	}
	// One bad byte: an unescaped & in the middle.
	mid := bytes.Index(doc[len(doc)/2:], []byte("<Trackpoint>")) + len(doc)/2
	bad := append(append(append([]byte(nil), doc[:mid]...), []byte("<Notes>a & b</Notes>")...), doc[mid:]...)
	a, err := tcx.Decode(bytes.NewReader(bad))
	kept := bytes.Count(doc[:mid], []byte("</Trackpoint>"))
	if !errors.Is(err, tcx.ErrFormat) || a == nil || len(a.Samples) != kept {
		t.Fatalf("a bad byte: %v, %d samples, want %d", err, len(a.Samples), kept)
	}
	note := a.Notes[len(a.Notes)-1]
	if note.Count != total-kept || !strings.Contains(note.Text, fmt.Sprintf("kept the %d trackpoints before it, %d after it not read", kept, total-kept)) {
		t.Errorf("note %+v", note)
	}
}
