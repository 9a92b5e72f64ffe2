package open_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/gpx"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/internal/track"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/tcx"
)

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// TestSniff decodes every generated file under a misleading name, plain
// and gzipped: the format comes from the content.
func TestSniff(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"constant_5k.fit", "constant_5k.gpx", "constant_5k.tcx"} {
		b, err := os.ReadFile("../testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		want := lapkit.Format(filepath.Ext(name)[1:])
		if got := open.Sniff(b); got != want {
			t.Errorf("Sniff(%s) = %q", name, got)
		}
		for i, content := range [][]byte{b, gz(b)} {
			p := filepath.Join(dir, "activity.txt")
			if err := os.WriteFile(p, content, 0o644); err != nil {
				t.Fatal(err)
			}
			a, err := open.File(p)
			if err != nil {
				t.Fatalf("%s (gzip %v): %v", name, i == 1, err)
			}
			if a.Format != want || len(a.Samples) != 1201 {
				t.Errorf("%s (gzip %v): format %s, %d samples", name, i == 1, a.Format, len(a.Samples))
			}
		}
	}
}

func TestErrors(t *testing.T) {
	fitBytes, _ := os.ReadFile("../testdata/constant_5k.fit")
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, open.ErrUnknownFormat},
		{"text", []byte("hello, runner"), open.ErrUnknownFormat},
		{"other xml", []byte(`<?xml version="1.0"?><kml></kml>`), open.ErrUnknownFormat},
		{"truncated fit in gzip", gz(fitBytes[:len(fitBytes)/2]), fit.ErrTruncated},
		{"gzip of gzip", gz(gz(fitBytes)), open.ErrUnknownFormat},
		{"gzip cut mid-stream", gz(fitBytes)[:len(gz(fitBytes))/2], fit.ErrTruncated},
		{"gzip header only", gz(fitBytes)[:5], open.ErrCorrupt},
	}
	for _, tc := range tests {
		_, err := open.Reader(bytes.NewReader(tc.in))
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
	// A download cut mid-stream still gives the records before the cut.
	z := gz(fitBytes)
	a, _ := open.Reader(bytes.NewReader(z[:len(z)/2]))
	if a == nil || len(a.Samples) < 100 {
		t.Errorf("cut gzip: %v", a)
	}
}

// TestGzipBomb inflates 64 MiB of track points (16 MiB under -race, where
// compressing is ten times slower) from a few hundred KiB of gzip and
// checks that a cap of an eighth of that stops it.
func TestGzipBomb(t *testing.T) {
	mib := 64
	if realdata.Race {
		mib = 16
	}
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write([]byte(`<?xml version="1.0"?><gpx version="1.1"><trk><trkseg>`))
	pt := []byte(`<trkpt lat="59.9" lon="10.7"><time>2024-05-01T10:00:00Z</time></trkpt>`)
	chunk := bytes.Repeat(pt, (1<<20)/len(pt))
	for range mib {
		w.Write(chunk)
	}
	w.Close()
	d := open.Decoder{MaxBytes: int64(mib) << 17}
	_, err := d.Reader(bytes.NewReader(buf.Bytes()))
	if !errors.Is(err, open.ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
	if buf.Len() > 1<<20 {
		t.Errorf("bomb is %d bytes", buf.Len())
	}
}

// TestRealFiles opens every real file, all in parallel (run with -race):
// none may panic, and every failure must name a sentinel the caller can test.
func TestRealFiles(t *testing.T) {
	files := realdata.Sample(realdata.Files(t))
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, failed := 0, 0
	for _, p := range files {
		if strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".yaml") {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := open.File(p)
			mu.Lock()
			defer mu.Unlock()
			if a != nil {
				ok++
			} else {
				failed++
			}
			if err != nil && !isSentinel(err) {
				t.Errorf("%s: error without a sentinel: %v", realdata.Rel(t, p), err)
			}
		}()
	}
	wg.Wait()
	t.Logf("%d files: %d read, %d failed", len(files), ok, failed)
	if ok < 260/realdata.Step() {
		t.Errorf("only %d files read", ok)
	}
}

func FuzzReader(f *testing.F) {
	for _, name := range []string{"constant_5k_smart.fit"} {
		b, _ := os.ReadFile("../testdata/" + name)
		f.Add(b)
		f.Add(gz(b))
	}
	f.Add([]byte(`<?xml version="1.0"?><gpx version="1.1"><trk><trkseg><trkpt lat="1" lon="2"><time>2024-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>`))
	f.Add([]byte(`<TrainingCenterDatabase><Activities><Activity><Lap StartTime="2020-01-01T00:00:00Z"><Track><Trackpoint><Time>2020-01-01T00:00:01Z</Time></Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d := open.Decoder{MaxBytes: 1 << 20}
		a, err := d.Reader(bytes.NewReader(b))
		if a == nil && err == nil {
			t.Fatal("nil activity without error")
		}
		if err != nil && !isSentinel(err) {
			t.Fatalf("error without a sentinel: %v", err)
		}
		if a != nil {
			if err := track.Check(a); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// isSentinel reports whether err wraps one of the decoders' sentinels.
func isSentinel(err error) bool {
	for _, s := range []error{open.ErrUnknownFormat, open.ErrTooLarge, open.ErrCorrupt, fit.ErrFormat, fit.ErrTruncated, fit.ErrChecksum,
		fit.ErrNotActivity, fit.ErrTooLarge, gpx.ErrFormat, gpx.ErrNoTrack, gpx.ErrNoTime, gpx.ErrTruncated, gpx.ErrTooLarge, tcx.ErrFormat, tcx.ErrNoTrackpoints, tcx.ErrTruncated, tcx.ErrTooLarge} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// TestCutGzipGPX: a gzipped GPX cut in the middle keeps the points before
// the cut, with gpx.ErrTruncated.
func TestCutGzipGPX(t *testing.T) {
	b, err := os.ReadFile("../testdata/constant_5k.gpx")
	if err != nil {
		t.Fatal(err)
	}
	z := gz(b)
	a, err := open.Reader(bytes.NewReader(z[:len(z)/2]))
	if !errors.Is(err, gpx.ErrTruncated) || a == nil {
		t.Fatalf("activity %v, err %v", a != nil, err)
	}
	if n := len(a.Samples); n < 300 || n > 1000 {
		t.Errorf("%d of the 1201 samples kept from half the compressed file", n)
	}
}
