package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestJSON(t *testing.T) {
	var out, errs bytes.Buffer
	code := run([]string{"-format", "json", "../../testdata/speed_endurance_workout.fit", "../../testdata/constant_5k.gpx", "nosuch.fit"}, &out, &errs)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if strings.Contains(out.String(), "NaN") {
		t.Fatal("NaN in JSON")
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines", len(lines))
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &r); err != nil {
		t.Fatal(err)
	}
	if r["schema"] != "lapkit.report/v1" || r["source"] != "workout_step" || r["sets"] != 3.0 {
		t.Errorf("report head: %v %v %v", r["schema"], r["source"], r["sets"])
	}
	iv := r["intervals"].([]any)
	rests := r["rests"].([]any)
	if len(iv) != 12 || len(rests) != 11 || len(r["splits"].([]any)) != 26 {
		t.Fatalf("%d intervals, %d rests", len(iv), len(rests))
	}
	first := iv[0].(map[string]any)
	for _, k := range []string{"set", "rep", "start_s", "end_s", "duration_s", "distance_m", "nominal_m", "pace_s_per_km", "avg_hr", "max_hr", "source"} {
		if _, ok := first[k]; !ok {
			t.Errorf("interval lacks %q", k)
		}
	}
	if first["set"] != 1.0 || first["rep"] != 1.0 || first["nominal_m"] != 400.0 || first["start_s"].(float64) < 1301 || first["start_s"].(float64) > 1303 {
		t.Errorf("first interval %v", first)
	}
	rest := rests[3].(map[string]any)
	for _, k := range []string{"after_set", "after_rep", "kind", "start_s", "duration_s"} {
		if _, ok := rest[k]; !ok {
			t.Errorf("rest lacks %q", k)
		}
	}
	if rest["kind"] != "set_rest" || rest["after_set"] != 1.0 || rest["after_rep"] != 4.0 {
		t.Errorf("rest 4 = %v", rest)
	}
	// A steady run: no intervals, an empty list, not null.
	var steady map[string]any
	json.Unmarshal([]byte(lines[1]), &steady)
	if l, ok := steady["intervals"].([]any); !ok || len(l) != 0 || steady["source"] != "" {
		t.Errorf("steady run: %v %v", steady["intervals"], steady["source"])
	}
	var bad map[string]any
	json.Unmarshal([]byte(lines[2]), &bad)
	if bad["file"] != "nosuch.fit" || bad["error"] == nil {
		t.Errorf("failed file: %v", bad)
	}
}

func TestText(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run([]string{"../../testdata/speed_endurance_manual.fit"}, &out, &errs); code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"12 reps in 3 sets, from manual_lap", "6 strides", "3:00 walk (set)", "splits of 402.336 m:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
