package gpx_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/lapkit/lapkit/gpx"
)

// TestBadByte: a GPX with one bad byte in the middle (an unescaped & in a
// point's name) keeps every point before it, with ErrFormat and a note
// saying how many points came after it unread. It lost every sample
// before.
func TestBadByte(t *testing.T) {
	doc, err := os.ReadFile("../testdata/constant_5k.gpx")
	if err != nil {
		t.Fatal(err)
	}
	total := bytes.Count(doc, []byte("<trkpt"))
	// Inside the 601st point, after its time.
	at := 0
	for range 601 {
		at += bytes.Index(doc[at:], []byte("<trkpt")) + 1
	}
	at += bytes.Index(doc[at:], []byte("</time>")) + len("</time>")
	bad := append(append(append([]byte(nil), doc[:at]...), []byte("<name>Track & field</name>")...), doc[at:]...)
	a, err := gpx.Decode(bytes.NewReader(bad))
	if !errors.Is(err, gpx.ErrFormat) || a == nil || len(a.Samples) != 600 {
		t.Fatalf("%v; %d samples, want 600", err, len(a.Samples))
	}
	if strings.Count(err.Error(), "gpx:") != 1 {
		t.Errorf("error %q", err)
	}
	note := a.Notes[len(a.Notes)-1]
	if lost := total - 600; note.Count != lost || !strings.Contains(note.Text, fmt.Sprintf("kept the 600 points before it, %d after it not read", lost)) {
		t.Errorf("note %+v", note)
	}
}
