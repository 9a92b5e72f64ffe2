package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/lapkit/lapkit/internal/testkit/realdata"
)

func TestJSON(t *testing.T) {
	var out, errs bytes.Buffer
	code := run([]string{"-format", "json", "../../testdata/constant_5k_pause.fit", "../../testdata/speed_endurance.gpx", "nosuch.fit"}, &out, &errs)
	if code != 1 {
		t.Errorf("exit code %d, want 1 (one file missing)", code)
	}
	if strings.Contains(out.String(), "NaN") {
		t.Error("NaN in JSON")
	}
	var lines []map[string]any
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		lines = append(lines, m)
	}
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3", len(lines))
	}
	fit := lines[0]
	for _, k := range []string{"file", "format", "sport", "start", "duration_s", "moving_s", "distance_m", "samples", "laps"} {
		if _, ok := fit[k]; !ok {
			t.Errorf("fit report lacks %q", k)
		}
	}
	if fit["format"] != "fit" || fit["duration_s"] != 1260.0 || fit["moving_s"] != 1200.0 || fit["distance_m"] != 5000.0 || fit["samples"] != 1202.0 {
		t.Errorf("fit report = %v", fit)
	}
	laps := fit["laps"].([]any)
	if len(laps) != 5 {
		t.Fatalf("%d laps", len(laps))
	}
	l := laps[2].(map[string]any)
	// The pause at 10:00 falls in lap 3 (8:00 to 13:00 elapsed).
	if l["start_s"] != 480.0 || l["end_s"] != 780.0 || l["trigger"] != "distance" || l["intensity"] != "unknown" || l["avg_hr"] != nil {
		t.Errorf("lap 3 = %v", l)
	}
	if gpx := lines[1]; gpx["format"] != "gpx" || len(gpx["laps"].([]any)) != 0 {
		t.Errorf("gpx report = %v", gpx)
	}
	if bad := lines[2]; bad["file"] != "nosuch.fit" || bad["error"] == nil || len(bad) != 2 {
		t.Errorf("failed file report = %v", bad)
	}
}

func TestText(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run([]string{"../../testdata/speed_endurance_workout.fit"}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	for _, want := range []string{"format fit", "running/track", "duration 1:01:03", "10377.5 m (device)", "samples 3664", "   15  21:42       400.0   1:05.0     distance     active     3"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if code := run([]string{"-format", "xml", "x.fit"}, &out, &errs); code != 2 {
		t.Errorf("bad flag: exit %d", code)
	}
}

// TestLapBeforeFirstSample: a lap the watch began before its first record
// lists at 0:00, as the watch shows it, with a line saying by how much.
func TestLapBeforeFirstSample(t *testing.T) {
	p := realdata.Path(t, "Runalyze__Runalyze/tests/testfiles/fit/FR70-intervals.fit")
	var stdout, stderr bytes.Buffer
	run([]string{p}, &stdout, &stderr)
	out := stdout.String()
	if strings.Contains(out, "-0:01") || !strings.Contains(out, "0:00*") || !strings.Contains(out, "* lap 1 began 1.0 s before the first sample") {
		t.Errorf("laps:\n%s", out)
	}
}
