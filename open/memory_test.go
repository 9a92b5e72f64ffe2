package open_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/testkit/heapmeter"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/open"
)

// TestLargestFITPeak: the largest real FIT file (a 3 MB multisport
// recording) read through open.File peaks at most 3 times its size above
// the heap before the read (2.33x: the file's bytes and its samples; 3.35x
// before open let the decoder know the size, which now reads it into one
// buffer of that size rather than doubling one).
func TestLargestFITPeak(t *testing.T) {
	if testing.Short() {
		t.Skip("a heap measure: not in the quick tier")
	}
	files := slices.DeleteFunc(realdata.Files(t), func(p string) bool { return filepath.Ext(p) != ".fit" })
	var largest string
	var size int64
	for _, p := range files {
		if fi, err := os.Stat(p); err == nil && fi.Size() > size {
			largest, size = p, fi.Size()
		}
	}
	var a *lapkit.Activity
	base := heapmeter.Peak(func() {})
	peak := heapmeter.Peak(func() { a, _ = open.File(largest) })
	ratio := float64(peak-min(base, peak)) / float64(size)
	t.Logf("%s, %d bytes, %d samples: open.File peaks %.2fx its size above the heap before", filepath.Base(largest), size, len(a.Samples), ratio)
	if ratio > 3 {
		t.Errorf("open.File peaks %.2fx the file's size, over 3x", ratio)
	}
}
