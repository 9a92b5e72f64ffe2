//go:build unix

package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestPipesAndPartial: a folder holding a named pipe (which blocked
// trainlog for ever) is read: the pipe is skipped with its reason; a file
// cut short is listed as partial, with its error in the CSV and on stderr.
func TestPipesAndPartial(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "x.fit"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	doc, err := os.ReadFile("../../testdata/speed_endurance.gpx")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "cut.gpx"), doc[:len(doc)/2], 0o644)
	var out, errs bytes.Buffer
	done := make(chan int)
	go func() { done <- run([]string{"-format", "csv", dir}, &out, &errs) }()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs.String())
		}
	case <-time.After(time.Minute):
		t.Fatal("trainlog blocked on a named pipe")
	}
	rows, _ := csv.NewReader(&out).ReadAll()
	if len(rows) != 2 || !strings.Contains(rows[1][slices.Index(rows[0], "error")], "the document ends before it closes") {
		t.Errorf("rows %v", rows)
	}
	for _, want := range []string{"x.fit: not a regular file", "1 file read in part", "cut.gpx: gpx: line "} {
		if !strings.Contains(errs.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs.String())
		}
	}
}
