package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/lapkit/lapkit/examples/internal/cli"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/report"
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
	for _, want := range []string{"12 reps in 3 sets, from manual_lap", "6 strides", "2:57 walk (set)",
		"rep 1.4: lap pressed 1.4 s after the effort ended (the effort itself 27:58.5 to 29:05.0)", "splits of 402.336 m (r: over half its time in reps, *: partial):", "  1-6    2.41 km  ", "r  "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// TestPlanWithoutPace: a plan with no target pace says so instead of
// "0 of 0 reps on target".
func TestPlanWithoutPace(t *testing.T) {
	var out, errs bytes.Buffer
	args := []string{"-plan", "3x(4x400m r60s) r3min", "../../testdata/speed_endurance_manual.fit"}
	if code := run(args, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	if want := "plan 3x(4x400m r60s) r3min: no target pace to score the reps against"; !strings.Contains(out.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, out.String())
	}
}

// TestPlan is the README's command: the bundled 3x4x400 against its plan.
func TestPlan(t *testing.T) {
	var out, errs bytes.Buffer
	args := []string{"-plan", "3x(4x400m@65s r60s) r3min", "-goal", "mile=4:23", "../../testdata/speed_endurance_manual.fit"}
	if code := run(args, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	for _, want := range []string{
		// The reps are the laps as pressed, up to 1.5 s off the efforts;
		// those that ran another distance than 400 m by over 2 % are
		// judged by their pace (1.1: pressed at 389.7 m after 63.3 s,
		// the 65 s target's pace).
		"plan 3x(4x400m@65s r60s) r3min: 2 of 12 reps on target",
		"reps 1.1 (390 m), 3.1 (389 m) and 3.3 (389 m) ran other than the planned 400 m: judged by pace, as a time for 400 m",
		"1:03.3  1:05.0  +0.0 ok", "1:09.0  1:05.0   +4.0 !",
		"rep 1.1: lap pressed 1.4 s after the effort began (the effort itself 21:42.0 to 22:47.0)",
		"fade set 1: first 1:03.3, last 1:07.1 (+3.8 s, +5.9%), +1.19 s/rep, fade from rep 2",
		"fade set 3: first 1:05.2, last 1:09.0",
		"fade across 3 sets: +0.84 s/set",
		"predicts mile: 4:29 (the reps' pace; 12 reps of 400 m at 2:47/km, run at mile pace)",
		"predicts 5 km: 14:55 (Riegel T2 = T1 (D2/D1)^1.06; the mile predicted)",
		"goal mile 4:23 = 65.4 s per 400 m; the reps averaged 66.9 s, 1.6 s slower; this session predicts 4:29",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if code := run(append([]string{"-format", "json"}, args...), &out, &errs); code != 0 {
		t.Fatal(code)
	}
	var r map[string]any
	if err := json.Unmarshal(out.Bytes(), &r); err != nil || strings.Contains(out.String(), "NaN") {
		t.Fatal(err)
	}
	plan := r["plan"].(map[string]any)
	if plan["spec"] != "3x(4x400m@65s r60s) r3min" || len(plan["sets"].([]any)) != 3 {
		t.Errorf("plan %v", plan)
	}
	iv := r["intervals"].([]any)[11].(map[string]any)
	for k, want := range map[string]any{"target_s": 65.0, "on_target": false, "band": "off"} {
		if iv[k] != want {
			t.Errorf("rep 12 %s = %v, want %v", k, iv[k], want)
		}
	}
	fade := r["fade"].(map[string]any)
	set1 := fade["sets"].([]any)[0].(map[string]any)
	for _, k := range []string{"set", "reps", "first_s", "last_s", "change_s", "change_pct", "slope_s_per_rep", "onset_rep"} {
		if _, ok := set1[k]; !ok {
			t.Errorf("fade set lacks %q", k)
		}
	}
	across := fade["across_sets"].(map[string]any)
	if _, ok := across["slope_s_per_set"]; !ok || across["change_pct"] == nil {
		t.Errorf("across sets %v", across)
	}
	hr := fade["heart_rate"].(map[string]any)
	if len(hr["peak_bpm"].([]any)) != 12 || len(hr["drop_60s_bpm"].([]any)) != 11 {
		t.Errorf("heart rate %v", hr)
	}
	if p := r["prediction"].([]any); len(p) != 3 || p[0].(map[string]any)["method"] == "" {
		t.Errorf("prediction %v", p)
	}
	// A bad plan is a usage error that points at the character.
	errs.Reset()
	if code := run([]string{"-plan", "3x(4x400m@65s", "x.fit"}, &out, &errs); code != 2 || !strings.Contains(errs.String(), "col 14") {
		t.Errorf("bad plan: exit %d: %s", code, errs.String())
	}
}

func TestCSV(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run([]string{"-format", "csv", "-plan", "3x(4x400m@65s r60s) r3min", "../../testdata/speed_endurance_manual.fit", "../../testdata/speed_endurance.gpx"}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+24 || rows[0][0] != "file" || rows[0][13] != "target_s" {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	if r := rows[12]; r[1] != "3" || r[2] != "4" || r[13] != "65" || r[16] != "off" || r[18] != "" {
		t.Errorf("last rep of the FIT: %v", r)
	}
	if r := rows[13]; r[0] != "../../testdata/speed_endurance.gpx" || r[19] != "detected" {
		t.Errorf("first rep of the GPX: %v", r)
	}
}

func TestChart(t *testing.T) {
	dir := t.TempDir()
	var out, errs bytes.Buffer
	args := []string{"-chart", dir + "/c.png", "-plan", "3x(4x400m@65s r60s) r3min", "../../testdata/speed_endurance_manual.fit", "../../testdata/speed_endurance.gpx"}
	if code := run(args, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	for _, name := range []string{"c-1.png", "c-2.png"} {
		f, err := os.Open(dir + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil || img.Bounds().Dx() != 8*96 || img.Bounds().Dy() != 5*3*96 { // reps, pace, heart rate, fade, splits
			t.Errorf("%s: %v %v", name, err, img.Bounds())
		}
	}
	// -html writes a page for each file beside the text.
	out.Reset()
	if code := run([]string{"-html", dir + "/s.html", "../../testdata/speed_endurance_manual.fit", "../../testdata/constant_5k.fit"}, &out, &errs); code != 0 {
		t.Fatalf("-html: exit %d: %s", code, errs.String())
	}
	for _, name := range []string{"s-1.html", "s-2.html"} {
		b, err := os.ReadFile(dir + "/" + name)
		if err != nil || !bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) || !bytes.Contains(b, []byte("Pace and heart rate")) {
			t.Errorf("%s: %v, %.100s", name, err, b)
		}
	}
	if !strings.Contains(out.String(), "run as 3x(4x400m r60s) r3min") {
		t.Errorf("-html: the text is not written beside the page:\n%s", out.String())
	}
	// An unknown extension fails before anything is written.
	if code := run([]string{"-chart", dir + "/c.gif", "../../testdata/constant_5k.fit"}, &out, &errs); code != 2 || !strings.Contains(errs.String(), "want a .png, .svg, .jpg or .pdf file") {
		t.Errorf("gif chart: exit %d: %s", code, errs.String())
	}
	if _, err := os.Stat(dir + "/c.gif"); err == nil {
		t.Error("c.gif was created")
	}
}

// TestFlags: -h prints every flag to stdout and exits 0; flags work after
// the file names; a bad value says what is wrong.
func TestFlags(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run([]string{"-h"}, &out, &errs); code != 0 || !strings.Contains(out.String(), "-chart") || !strings.Contains(out.String(), "-every") || errs.Len() != 0 {
		t.Errorf("-h: exit %d, %q", code, out.String())
	}
	out.Reset()
	if code := run([]string{"../../testdata/speed_endurance_workout.fit", "-format", "json"}, &out, &errs); code != 0 || !strings.HasPrefix(out.String(), "{") {
		t.Errorf("a flag after the file: exit %d, %.80q, %s", code, out.String(), errs.String())
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-format", "xml", "../../testdata/constant_5k.fit"}, "-format xml: want text, json, csv or html"},
		{[]string{"-format", "html", "../../testdata/constant_5k.fit", "../../testdata/constant_5k.gpx"}, "-format html writes one page: give one file, or -html FILE.html for a page each"},
		{[]string{"-html", "out.htm", "../../testdata/constant_5k.fit"}, "-html out.htm: the page's file must end in .html"},
		{[]string{"-every", "5min", "../../testdata/constant_5k.fit"}, "-every 5min: analyze splits by distance"},
		{[]string{"-nosuch", "../../testdata/constant_5k.fit"}, "analyze: flag provided but not defined: -nosuch"},
		{nil, "no file to analyze"},
	} {
		errs.Reset()
		if code := run(c.args, &out, &errs); code != 2 || !strings.Contains(errs.String(), c.want) {
			t.Errorf("%q: exit %d, %q", c.args, code, errs.String())
		}
	}
}

// TestPlanMismatchOutput: a plan that does not match the run keeps every
// rep; the JSON, the CSV and the text mark the reps it does not cover and
// say how the run differs from it.
func TestPlanMismatchOutput(t *testing.T) {
	for _, c := range []struct {
		plan, file      string
		reps, unplanned int
		note            string
	}{
		{"8x400m@65s r60s", "speed_endurance_manual.fit", 12, 4, "12 reps run, the plan has 8"},
		{"4x400m@4:20/mi r2min", "workout_5x1000.fit", 5, 5, "5 reps not in the plan (1.1-1.5, 1000 m; the plan's 400 m): kept, not scored"},
	} {
		file := "../../testdata/" + c.file
		var out, errs bytes.Buffer
		if code := run([]string{"-plan", c.plan, "-format", "json", file}, &out, &errs); code != 0 {
			t.Fatalf("%s: exit %d: %s", c.file, code, errs.String())
		}
		var r struct {
			Intervals []struct {
				Unplanned bool     `json:"unplanned"`
				TargetS   *float64 `json:"target_s"`
			} `json:"intervals"`
			Plan struct {
				Notes []string `json:"notes"`
			} `json:"plan"`
		}
		if err := json.Unmarshal(out.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		unplanned := 0
		for _, x := range r.Intervals {
			if x.Unplanned {
				unplanned++
				if x.TargetS != nil {
					t.Errorf("%s: an unplanned rep scored against %v s", c.file, *x.TargetS)
				}
			}
		}
		if len(r.Intervals) != c.reps || unplanned != c.unplanned || !slices.Contains(r.Plan.Notes, c.note) {
			t.Errorf("%s with %q: %d reps, %d unplanned, notes %q; want %d, %d, %q", c.file, c.plan, len(r.Intervals), unplanned, r.Plan.Notes, c.reps, c.unplanned, c.note)
		}

		out.Reset()
		run([]string{"-plan", c.plan, "-format", "csv", file}, &out, &errs)
		rows, err := csv.NewReader(&out).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := slices.Index(rows[0], "unplanned")
		n := 0
		for _, row := range rows[1:] {
			if col >= 0 && row[col] == "true" {
				n++
			}
		}
		if len(rows) != c.reps+1 || n != c.unplanned {
			t.Errorf("%s CSV: %d rows, %d unplanned (column %d)", c.file, len(rows)-1, n, col)
		}

		out.Reset()
		run([]string{"-plan", c.plan, file}, &out, &errs)
		if txt := out.String(); strings.Count(txt, "unplanned") != c.unplanned || !strings.Contains(txt, c.note) {
			t.Errorf("%s text:\n%s", c.file, txt)
		}
	}
}

// TestPartialRead: a file cut short is analysed as far as it goes, and the
// error reaches the user in every format: stderr, the JSON's error, the
// CSV's error column; exit 3. An -every that would fill memory exits 2.
func TestPartialRead(t *testing.T) {
	doc, err := os.ReadFile("../../testdata/speed_endurance.gpx")
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(t.TempDir(), "cut.gpx")
	os.WriteFile(cut, doc[:len(doc)*2/3], 0o644)
	for _, format := range []string{"text", "json", "csv"} {
		var out, errs bytes.Buffer
		code := run([]string{"-format", format, cut}, &out, &errs)
		if code != 3 || !strings.Contains(errs.String(), "cut.gpx: gpx: line ") || !strings.Contains(errs.String(), "the document ends before it closes (the data before it is kept)") {
			t.Errorf("%s: exit %d, stderr %q", format, code, errs.String())
		}
		if !strings.Contains(flat(out.String()), "the document ends before it closes") {
			t.Errorf("%s: the output does not carry the error:\n%s", format, out.String())
		}
	}
	var out, errs bytes.Buffer
	if code := run([]string{"-every", "0.0000001", "../../testdata/constant_5k.fit"}, &out, &errs); code != 2 || !strings.Contains(errs.String(), "1e-07 m (at least 1 m)") {
		t.Errorf("-every 0.0000001: exit %d, %q", code, errs.String())
	}
}

// TestTextWords: counts agree with their nouns ("1 set"), and a missing
// sport leaves no stray space ("gpx, 0:05").
func TestTextWords(t *testing.T) {
	var out, errs bytes.Buffer
	run([]string{"../../testdata/workout_5x1000.fit"}, &out, &errs)
	if !strings.Contains(out.String(), "5 reps in 1 set, from workout_step") {
		t.Errorf("output:\n%s", out.String())
	}
	still := filepath.Join(t.TempDir(), "still.gpx")
	os.WriteFile(still, []byte(`<?xml version="1.0"?><gpx version="1.1"><trk><trkseg><trkpt lat="1" lon="1"><time>2024-01-01T00:00:00Z</time></trkpt><trkpt lat="1" lon="1"><time>2024-01-01T00:00:05Z</time></trkpt></trkseg></trk></gpx>`), 0o644)
	out.Reset()
	run([]string{still}, &out, &errs)
	if !strings.Contains(out.String(), "  gpx, 0:05, 0.00 km\n") {
		t.Errorf("output:\n%s", out.String())
	}
}

// TestTextRestsAndHeartRate: the rests against the plan and the heart-rate
// trends read in words.
func TestTextRestsAndHeartRate(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-plan", "3x(4x400m@65s r60s) r3min", "../../testdata/speed_endurance_workout.fit"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"1:00 stand, plan 1:00", "3:00 walk (set), plan 3:00",
		"heart rate: the peak of each rep rises 0.4 bpm on the rep before; in the first minute of each rest it falls 0.4 bpm more than in the rest before"} {
		if !strings.Contains(flat(stdout.String()), want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}
	if strings.Contains(stdout.String(), "bpm/rep") {
		t.Errorf("a unit instead of words:\n%s", stdout.String())
	}
}

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// TestGolden holds analyze's text to the golden files in testdata/ (go
// test -run TestGolden -update rewrites them): the bundled 3 x 4 x 400 m
// as FIT against its plan and as GPX, a steady run without reps, and a
// file that names no sport.
func TestGolden(t *testing.T) {
	dir := t.TempDir()
	gpx, err := os.ReadFile("../../testdata/constant_5k.gpx")
	if err != nil {
		t.Fatal(err)
	}
	nosport := filepath.Join(dir, "nosport.gpx")
	os.WriteFile(nosport, bytes.Replace(gpx, []byte("<type>running</type>"), nil, 1), 0o644)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"3x4x400_fit", []string{"-plan", "3x(4x400m@65s r60s) r3min", "-goal", "mile=4:23", "../../testdata/speed_endurance_manual.fit"}},
		{"3x4x400_gpx", []string{"-plan", "3x(4x400m@65s r60s) r3min", "../../testdata/speed_endurance.gpx"}},
		{"no_reps", []string{"../../testdata/constant_5k.fit"}},
		{"no_sport", []string{nosport}},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(c.args, &stdout, &stderr); code != 0 {
			t.Fatalf("%s: exit %d: %s", c.name, code, stderr.String())
		}
		got := strings.ReplaceAll(stdout.String(), dir, "TMP")
		golden(t, filepath.Join("testdata", c.name+".golden"), got)
		for _, line := range strings.Split(got, "\n") {
			if len(line) > cli.Width {
				t.Errorf("%s: a line of %d characters, wider than the tables' %d:\n%s", c.name, len(line), cli.Width, line)
			}
		}
	}
}

// golden compares got with the file at path, or rewrites it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run TestGolden -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -run TestGolden -update rewrites it):\n%s", path, got)
	}
}

// TestNoRepsNotes: with no reps, the first note says why and every other
// note stands on a line of its own, not run into it.
func TestNoRepsNotes(t *testing.T) {
	var out bytes.Buffer
	text(&out, &report.Report{File: "run.gpx", Notes: []string{"no interval structure: fewer than two efforts stand out from the easy running", "sideways GPS jitter: 1.2 % left out"}})
	want := "  no reps found: no interval structure: fewer than two efforts stand out from the easy running\n    sideways GPS jitter: 1.2 % left out\n"
	if !strings.Contains(out.String(), want) {
		t.Errorf("got:\n%s", out.String())
	}
}

// TestOneRepSets: sets of one rep each (a surge workout's 60", 30" and 10")
// say once that they hold no fade, not one line a set.
func TestOneRepSets(t *testing.T) {
	nan := report.Float(math.NaN())
	f := &report.Fade{}
	for set := 1; set <= 4; set++ {
		f.Sets = append(f.Sets, report.SetFade{Set: set, Reps: 1, SlopeSPerRep: nan, Reason: "needs 2 reps, has 1"})
	}
	var out bytes.Buffer
	text(&out, &report.Report{File: "surges.fit", Intervals: []report.Rep{{Set: 1, Rep: 1}}, Fade: f})
	s := out.String()
	if !strings.Contains(s, "fade: sets 1, 2, 3, 4 hold one rep each, no fade within them") || strings.Contains(s, "fade set 2") {
		t.Errorf("got:\n%s", s)
	}
}

// flat joins the text report's wrapped lines, so that a sentence can be
// looked for whole.
func flat(s string) string {
	return regexp.MustCompile(`\n +`).ReplaceAllString(s, " ")
}

// TestHTMLUnreadable: a file that cannot be read writes no page, only its
// error on stderr, and exits 1.
func TestHTMLUnreadable(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.fit")
	os.WriteFile(bad, []byte("garbage"), 0o644)
	var out, errs bytes.Buffer
	if code := run([]string{"-format", "html", bad}, &out, &errs); code != 1 || out.Len() != 0 || !strings.Contains(errs.String(), "bad.fit") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out.String(), errs.String())
	}
}

// TestTextFadeWithoutPercent: a fade across sets whose first and last
// sets share no rep length has a slope but no change in percent; the text
// gives the slope and writes no NaN.
func TestTextFadeWithoutPercent(t *testing.T) {
	a, err := open.File("../../testdata/speed_endurance_manual.fit")
	if err != nil {
		t.Fatal(err)
	}
	r := report.New(a, report.Options{})
	if r.Fade == nil || !r.Fade.AcrossSets.SlopeSPerSet.Valid() {
		t.Fatal("the bundled session has no fade across sets")
	}
	r.Fade.AcrossSets.ChangePct = report.Float(math.NaN())
	var out bytes.Buffer
	text(&out, r)
	if strings.Contains(out.String(), "NaN") || !strings.Contains(out.String(), "fade across 3 sets: ") {
		t.Errorf("output:\n%s", out.String())
	}
}
