package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lapkit/lapkit/gpx"
)

func TestConvert(t *testing.T) {
	out := filepath.Join(t.TempDir(), "se.gpx")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-reps", "-plan", "3x(4x400m@65s r60s) r3min", "../../testdata/speed_endurance.tcx", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "12 reps") {
		t.Errorf("stdout %q", stdout.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(b, []byte("<wpt ")); n != 24 {
		t.Errorf("%d waypoints", n)
	}
	if _, err := gpx.Decode(bytes.NewReader(b)); err != nil {
		t.Error(err)
	}
}

// TestConvertNoPosition: a treadmill run has no position to write: the
// GPX holds none of its samples, and the exit status says so.
func TestConvertNoPosition(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "treadmill.tcx")
	tcx := `<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Running"><Id>2026-11-24T18:00:00Z</Id><Lap StartTime="2026-11-24T18:00:00Z"><Track>` +
		`<Trackpoint><Time>2026-11-24T18:00:00Z</Time><DistanceMeters>0</DistanceMeters></Trackpoint>` +
		`<Trackpoint><Time>2026-11-24T18:00:01Z</Time><DistanceMeters>3</DistanceMeters></Trackpoint>` +
		`</Track></Lap></Activity></Activities></TrainingCenterDatabase>`
	if err := os.WriteFile(in, []byte(tcx), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{in, filepath.Join(dir, "out.gpx")}, &stdout, &stderr)
	if code != 3 || !strings.Contains(stderr.String(), "2 of 2 samples have no position") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

func TestConvertErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{}, 2, "no input"},
		{[]string{"a.fit"}, 2, "got 1 names"},
		{[]string{"../../testdata/constant_5k.fit", "x.kml"}, 2, "the output is a .gpx file"},
		{[]string{"-plan", "3x400m", "../../testdata/constant_5k.fit", "x.gpx"}, 2, "-reps or -tracks"},
		{[]string{"-reps", "-plan", "3x400q", "../../testdata/constant_5k.fit", "x.gpx"}, 2, "bad plan"},
		{[]string{"no-such-file.fit", "x.gpx"}, 1, "no-such-file.fit"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(c.args, &stdout, &stderr)
		if code != c.code || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", c.args, code, stderr.String(), c.code, c.want)
		}
	}
}

// TestConvertSomeWithoutPosition: a complete file whose first samples came
// before the GPS fix converts with exit 0, and says what it left out.
func TestConvertSomeWithoutPosition(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "run.tcx")
	tcx := `<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Running"><Id>2026-11-24T18:00:00Z</Id><Lap StartTime="2026-11-24T18:00:00Z"><Track>` +
		`<Trackpoint><Time>2026-11-24T18:00:00Z</Time><DistanceMeters>0</DistanceMeters></Trackpoint>` +
		`<Trackpoint><Time>2026-11-24T18:00:01Z</Time><Position><LatitudeDegrees>59.9</LatitudeDegrees><LongitudeDegrees>10.7</LongitudeDegrees></Position><DistanceMeters>3</DistanceMeters></Trackpoint>` +
		`<Trackpoint><Time>2026-11-24T18:00:02Z</Time><Position><LatitudeDegrees>59.90003</LatitudeDegrees><LongitudeDegrees>10.7</LongitudeDegrees></Position><DistanceMeters>6</DistanceMeters></Trackpoint>` +
		`</Track></Lap></Activity></Activities></TrainingCenterDatabase>`
	if err := os.WriteFile(in, []byte(tcx), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{in, filepath.Join(dir, "out.gpx")}, &stdout, &stderr)
	if code != 0 || !strings.Contains(stderr.String(), "1 of 3 samples have no position") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
