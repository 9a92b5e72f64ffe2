package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/plan"
)

func TestWriteWorkout(t *testing.T) {
	out := filepath.Join(t.TempDir(), "hall.fit")
	var stdout, stderr bytes.Buffer
	code := run([]string{"-plan", "3x(4x400m@65s r60s) r3min", "-goal", "mile=4:23", "-o", out}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{
		"3x(4x400m@65s r60s) r3min: 7 steps",
		"400 m @65s",
		"1:03.7-1:06.3  2:39-2:46/km  4:16-4:27/mi",
		"repeat steps 2-3, 4 times in all",
		"repeat steps 2-5, 3 times in all",
		"GARMIN/NewFiles",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := fit.DecodeWorkout(f)
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.FromWorkout(w)
	if err != nil || p.String() != "3x(4x400m@65s r60s) r3min" {
		t.Errorf("the file holds %v (%v)", p, err)
	}
}

// TestReadWorkouts: the bundled workout file of every catalogue plan reads
// back, its steps listed.
func TestReadWorkouts(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/plan_*.fit")
	if len(files) != 7 {
		t.Fatalf("%d bundled workout files, want 7", len(files))
	}
	var stdout, stderr bytes.Buffer
	if code := run(files, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if n := strings.Count(stdout.String(), "Warm up"); n != 7 {
		t.Errorf("%d warm-ups listed:\n%s", n, stdout.String())
	}
}

func TestWorkoutErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{}, 2, "no -plan"},
		{[]string{"-plan", "4x400m@mile r2min"}, 2, "needs the mile goal"},
		{[]string{"-plan", "4x400m@65s r2min", "-tolerance", "0.7"}, 2, "-tolerance 0.7"},
		{[]string{"-plan", "4x400m@65s r2min", "-o", "x.png"}, 2, "want a .fit file"},
		{[]string{"-plan", "4x400q"}, 2, "bad plan"},
		{[]string{"-plan", "4x400m", "x.fit"}, 2, "one or the other"},
		{[]string{"../../testdata/constant_5k.gpx"}, 1, "no .FIT signature"},
		{[]string{"../../testdata/constant_5k.fit"}, 1, "no workout"},
		{[]string{"no-such.fit"}, 1, "no-such.fit"},
		{[]string{"-plan", "4x400m@65s r2min", "-o", filepath.Join(t.TempDir(), "no", "such", "dir.fit")}, 1, "no such file"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(c.args, &stdout, &stderr)
		if code != c.code || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", c.args, code, stderr.String(), c.code, c.want)
		}
	}
}
