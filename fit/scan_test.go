package fit

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/lapkit/lapkit/internal/crc16"
	"github.com/lapkit/lapkit/internal/realdata"
)

// TestCRCAsRead: the file CRC the scan computes as it reads the messages
// is crc16.Update over the whole file, for every bundled and real FIT
// file, and for each with a byte of its data flipped.
func TestCRCAsRead(t *testing.T) {
	bundled, err := filepath.Glob("../testdata/*.fit")
	if err != nil || len(bundled) < 10 {
		t.Fatalf("bundled FIT files: %d, %v", len(bundled), err)
	}
	t.Run("bundled", func(t *testing.T) { crcAsRead(t, bundled) })
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
