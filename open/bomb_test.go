package open_test

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"os"
	"runtime"
	"testing"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/open"
)

// bomb gzips head followed by mib MiB of spaces.
func bomb(head []byte, mib int) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(head)
	spaces := bytes.Repeat([]byte{' '}, 1<<20)
	for range mib {
		w.Write(spaces)
	}
	w.Close()
	return buf.Bytes()
}

// TestBombs: a few hundred kilobytes that inflate to hundreds of megabytes
// fail with ErrTooLarge at once, costing what the decoder keeps (a few
// megabytes), not what the gzip expands to. The same files, 700 MB of
// spaces behind a GPX or TCX header and a FIT header that claims 600 MB,
// peaked at 2.1 GB, 2.1 GB and 1.3 GB resident and took 8-31 s.
func TestBombs(t *testing.T) {
	fitHead := make([]byte, 14)
	fitHead[0], fitHead[1] = 14, 0x20
	binary.LittleEndian.PutUint32(fitHead[4:], 600<<20)
	copy(fitHead[8:], ".FIT")
	mib := 200
	if testing.Short() || realdata.Race {
		mib = 20
	}
	for _, c := range []struct {
		name string
		in   []byte
	}{
		{"GPX header and spaces", bomb([]byte(`<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>`), mib)},
		{"TCX header and spaces", bomb([]byte(`<?xml version="1.0"?><TrainingCenterDatabase><Activities><Activity Sport="Running">`), mib)},
		{"FIT header claiming 600 MB", bomb(fitHead, mib)},
	} {
		var a *lapkit.Activity
		var err error
		alloc := allocated(func() { a, err = open.Reader(bytes.NewReader(c.in)) })
		if !errors.Is(err, open.ErrTooLarge) || a != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		t.Logf("%s (%d KB of gzip): %v; %.1f MB allocated", c.name, len(c.in)>>10, err, float64(alloc)/1e6)
		if alloc > 20<<20 {
			t.Errorf("%s: %.0f MB allocated, want under 20 MB", c.name, float64(alloc)/1e6)
		}
	}
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	f()
	runtime.ReadMemStats(&m1)
	return m1.TotalAlloc - m0.TotalAlloc
}

// TestOneContract: a file cut short is lapkit.ErrTruncated whatever its
// format, through open; a bad one lapkit.ErrFormat; a bomb
// lapkit.ErrTooLarge.
func TestOneContract(t *testing.T) {
	for _, name := range []string{"constant_5k.fit", "constant_5k.gpx", "constant_5k.tcx"} {
		b, err := os.ReadFile("../testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		a, err := open.Reader(bytes.NewReader(b[:len(b)/2]))
		if !errors.Is(err, lapkit.ErrTruncated) || a == nil {
			t.Errorf("%s cut in half: %v", name, err)
		}
	}
	if _, err := open.Reader(bytes.NewReader([]byte("not an activity"))); !errors.Is(err, lapkit.ErrFormat) {
		t.Errorf("text: %v", err)
	}
	if _, err := open.Reader(bytes.NewReader(bomb([]byte("<gpx>"), 2))); !errors.Is(err, lapkit.ErrTooLarge) {
		t.Errorf("bomb: %v", err)
	}
}
