package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestTestdataUpToDate regenerates every file in memory and compares it
// with testdata/: the generator is deterministic and the committed files are
// its output. Run `go generate` from the module root after changing it.
func TestTestdataUpToDate(t *testing.T) {
	for _, f := range Files() {
		want, err := f.Render()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		again, _ := f.Render()
		if !bytes.Equal(want, again) {
			t.Errorf("%s: two renderings differ", f.Name)
		}
		got, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", f.Name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("testdata/%s is stale: run go generate", f.Name)
		}
	}
}
