package fit

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/crc16"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/internal/track"
)

// bundledFIT returns the FIT files of testdata.
func bundledFIT(t *testing.T) []string {
	files, err := filepath.Glob("../testdata/*.fit")
	if err != nil || len(files) < 10 {
		t.Fatalf("bundled FIT files: %d, %v", len(files), err)
	}
	return files
}

// TestCRCAsRead: the file CRC the scan computes as it reads the messages
// is crc16.Update over the whole file, for every bundled and real FIT
// file, and for each with a byte of its data flipped.
func TestCRCAsRead(t *testing.T) {
	t.Run("bundled", func(t *testing.T) { crcAsRead(t, bundledFIT(t)) })
	t.Run("real", func(t *testing.T) {
		if n := crcAsRead(t, realdata.Files(t, ".fit")); n < 200 {
			t.Errorf("the CRC was computed as read for %d files", n)
		}
	})
}

func crcAsRead(t *testing.T, files []string) (checked int) {
	for _, p := range files {
		buf, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		flipped := append([]byte(nil), buf...)
		if len(flipped) > 40 {
			flipped[len(flipped)/2] ^= 0x10
		}
		for _, b := range [][]byte{buf, flipped} {
			segs, err := scan(b)
			if err != nil {
				continue
			}
			for _, s := range segs {
				if !s.crcDone {
					continue
				}
				want := crc16.Update(0, b[s.off:s.off+s.hdrSize+s.dataSize+2])
				if s.crc != want {
					t.Errorf("%s, file at byte %d: CRC as read %#04x, over the file %#04x", filepath.Base(p), s.off, s.crc, want)
				}
				checked++
			}
		}
	}
	return checked
}

// TestInOrderAgrees: what the decoder sees of the records' order as it
// reads them (inOrder, which spares track.Finish its own check) is what
// track.InOrder finds in the samples, for every activity file of every
// bundled and real FIT file alone and for each file's activities joined,
// the files whose clocks jump or step back among them.
func TestInOrderAgrees(t *testing.T) {
	t.Run("bundled", func(t *testing.T) { inOrderAgrees(t, bundledFIT(t)) })
	t.Run("real", func(t *testing.T) {
		in, out := inOrderAgrees(t, realdata.Files(t, ".fit"))
		if in == 0 || out == 0 {
			t.Errorf("%d activities in order, %d out: both kinds must be checked", in, out)
		}
		t.Logf("%d activities in order, %d need the time repairs", in, out)
	})
	if ok, w := inOrder(nil); !ok || w != 0 {
		t.Errorf("no file: %v, widest %v", ok, w)
	}
}

func inOrderAgrees(t *testing.T, files []string) (in, out int) {
	for _, p := range files {
		buf, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		segs, err := scan(buf)
		if err != nil {
			continue
		}
		var acts []segment
		for _, s := range segs {
			if s.activity() {
				acts = append(acts, s)
			}
		}
		check := func(parts []segment, what string) {
			a := &lapkit.Activity{}
			for i := range parts {
				s := parts[i]
				s.samples = append([]lapkit.Sample(nil), s.samples...)
				convert(a, &s)
			}
			gotOK, gotW := inOrder(parts)
			wantOK, wantW := track.InOrder(a.Samples)
			if gotOK != wantOK || gotOK && gotW != wantW {
				t.Errorf("%s, %s: decoder %v, widest %v; track %v, widest %v", filepath.Base(p), what, gotOK, gotW, wantOK, wantW)
			}
			if wantOK {
				in++
			} else {
				out++
			}
		}
		for i := range acts {
			check(acts[i:i+1], "one activity file")
		}
		if len(acts) > 1 {
			check(acts, "activity files joined")
		}
	}
	return in, out
}
