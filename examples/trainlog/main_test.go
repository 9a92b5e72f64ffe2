package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/report"
)

// TestConcurrentFolder builds a bulk export: nested folders, a .fit.gz, a
// zip with a GPX inside, and a bad file, read by a worker per core (the
// README's test command runs it under -race).
func TestConcurrentFolder(t *testing.T) {
	dir := t.TempDir()
	read := func(name string) []byte {
		b, err := os.ReadFile("../../testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755)
	os.WriteFile(filepath.Join(dir, "a", "workout.fit"), read("speed_endurance_workout.fit"), 0o644)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(read("speed_endurance_manual.fit"))
	zw.Close()
	os.WriteFile(filepath.Join(dir, "a", "b", "manual.fit.gz"), gz.Bytes(), 0o644)
	var zb bytes.Buffer
	z := zip.NewWriter(&zb)
	f, _ := z.Create("activities/phone.gpx")
	f.Write(read("speed_endurance.gpx"))
	z.Close()
	os.WriteFile(filepath.Join(dir, "export.zip"), zb.Bytes(), 0o644)
	os.WriteFile(filepath.Join(dir, "broken.fit"), []byte("not a fit file"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("ignored"), 0o644)

	var out, errs bytes.Buffer
	if code := run([]string{"-format", "csv", "-plan", "3x(4x400m@65s r60s) r3min", dir}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0][0] != "file" {
		t.Fatalf("%d rows: %v", len(rows), rows)
	}
	for _, r := range rows[1:] {
		if r[1] != "" || r[6] != "12" || r[9] != "3x(4x400m@65s r60s) r3min" || r[11] == "" || r[13] == "" {
			t.Errorf("row %v", r)
		}
	}
	if !strings.Contains(errs.String(), "1 file skipped") || !strings.Contains(errs.String(), "broken.fit") {
		t.Errorf("skipped: %s", errs.String())
	}
	// The three renderings are one workout on one date: progress needs two dates.
	out.Reset()
	run([]string{"-format", "json", "-plan", "3x(4x400m@65s r60s) r3min", dir}, &out, &errs)
	var j struct {
		Sessions []map[string]any
		Progress []Progress
		Skipped  []Skip
	}
	if err := json.Unmarshal(out.Bytes(), &j); err != nil || len(j.Sessions) != 3 || len(j.Progress) != 1 || len(j.Skipped) != 1 {
		t.Errorf("json: %v %d sessions %d progress %d skipped", err, len(j.Sessions), len(j.Progress), len(j.Skipped))
	}
}

// TestRealCorpus runs over every real file: every file analysed or
// skipped with its error, and the 6x400 series as one workout over 19
// dates.
func TestRealCorpus(t *testing.T) {
	dir := realdata.Dir(t)
	var out, errs bytes.Buffer
	if code := run([]string{"-format", "json", dir}, &out, &errs); code != 0 {
		t.Fatalf("exit %d", code)
	}
	var j struct {
		Sessions []Row
		Progress []Progress
		Skipped  []Skip
	}
	if err := json.Unmarshal(out.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	files := 0
	for _, p := range realdata.Files(t) {
		if isActivity(p) {
			files++
		}
	}
	analysed, parts := map[string]bool{}, 0
	for _, r := range j.Sessions {
		analysed[r.File] = true
		if r.Part != "" {
			parts++
		}
	}
	if len(analysed)+len(j.Skipped) != files {
		t.Errorf("%d files analysed + %d skipped, %d files", len(analysed), len(j.Skipped), files)
	}
	// Two chained FITs of two activities, a TCX of four days and a TCX
	// of a bike-run-bike brick.
	if want := 2 + 2 + 4 + 3; parts != want {
		t.Errorf("%d rows of files of several activities, want %d", parts, want)
	}
	var series *Progress
	for i := range j.Progress {
		if j.Progress[i].Workout == "Intervall 6x400m" {
			series = &j.Progress[i]
		}
	}
	if series == nil || len(series.Points) != 19 {
		t.Fatalf("6x400 series: %+v", series)
	}
	for _, p := range series.Points {
		if p.Reps != 6 || !p.RepTimeS.Valid() {
			t.Errorf("%s: %d reps", p.Date, p.Reps)
		}
	}
}

// TestSameNames: two files of one name in two folders are told apart by
// their whole names; -workout keeps only the sessions of that workout,
// and says when none ran it.
func TestSameNames(t *testing.T) {
	real := realdata.Path(t, "fnardmann__run-stats/activities/10024712104_ACTIVITY.fit") // Garmin workout "Intervall 6x400m"
	dir := t.TempDir()
	copyTo := func(from, to string) {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(to), 0o755)
		if err := os.WriteFile(to, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyTo(real, filepath.Join(dir, "monday", "run.fit"))
	copyTo("../../testdata/speed_endurance_workout.fit", filepath.Join(dir, "thursday", "run.fit"))
	copyTo("../../testdata/constant_5k.fit", filepath.Join(dir, "easy.fit"))
	var stdout, stderr bytes.Buffer
	run([]string{dir}, &stdout, &stderr)
	for _, want := range []string{filepath.Join(dir, "monday", "run.fit"), filepath.Join(dir, "thursday", "run.fit")} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %s:\n%s", want, stdout.String())
		}
	}
	stdout.Reset()
	run([]string{"-workout", "Intervall 6x400m", dir}, &stdout, &stderr)
	if strings.Contains(stdout.String(), "easy.fit") || strings.Contains(stdout.String(), "thursday") || !strings.Contains(stdout.String(), "monday") {
		t.Errorf("-workout Intervall 6x400m:\n%s", stdout.String())
	}
	stdout.Reset()
	stderr.Reset()
	run([]string{"-workout", "no such workout", dir}, &stdout, &stderr)
	if !strings.Contains(stderr.String(), `-workout "no such workout": no session ran that workout or plan (the sessions ran Intervall 6x400m)`) {
		t.Errorf("no match: %q", stderr.String())
	}
}

// TestProgressPlot: sessions sit on the x axis by their date, the dates
// thinned to at most eight labels.
func TestProgressPlot(t *testing.T) {
	p := Progress{Workout: "6x400"}
	for _, d := range []string{"2026-01-01", "2026-01-02", "2026-01-09", "2026-02-01"} {
		p.Points = append(p.Points, ProgPoint{Date: d, Reps: 6, RepTimeS: 80})
	}
	pl, err := progressPlot(p)
	if err != nil {
		t.Fatal(err)
	}
	var xs []float64
	for _, tk := range pl.X.Tick.Marker.Ticks(0, 40) {
		xs = append(xs, tk.Value)
	}
	if fmt.Sprint(xs) != "[0 1 8 31]" {
		t.Errorf("sessions at days %v, want [0 1 8 31]", xs)
	}
	if pl.Title.Text != "Mean rep time of 6x400" {
		t.Errorf("title %q", pl.Title.Text)
	}
}

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// TestGolden holds trainlog's text for a folder with two files of one name
// to testdata/same_names.golden (-update rewrites it).
func TestGolden(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile("../../testdata/speed_endurance_workout.fit")
	if err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{"monday", "thursday"} {
		os.MkdirAll(filepath.Join(dir, sub), 0o755)
		os.WriteFile(filepath.Join(dir, sub, "run.fit"), b, 0o644)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-plan", "3x(4x400m@65s r60s) r3min", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	got := strings.ReplaceAll(stdout.String(), dir, "DIR")
	path := filepath.Join("testdata", "same_names.golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil || got != string(want) {
		t.Errorf("%s differs (%v; -update rewrites it):\n%s", path, err, got)
	}
}

// TestSeveralActivities: a file of several activities (two FIT files
// chained) is a row per activity, each with its own date, named by its
// part in the text and the JSON.
func TestSeveralActivities(t *testing.T) {
	dir := t.TempDir()
	var chain []byte
	for _, name := range []string{"speed_endurance_workout.fit", "constant_5k.fit"} {
		b, err := os.ReadFile("../../testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		chain = append(chain, b...)
	}
	os.WriteFile(filepath.Join(dir, "chain.fit"), chain, 0o644)
	var out, errs bytes.Buffer
	if code := run([]string{dir}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	for _, want := range []string{"chain.fit (activity 1 of 2)", "chain.fit (activity 2 of 2)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	run([]string{"-format", "json", dir}, &out, &errs)
	var j struct{ Sessions []Row }
	if err := json.Unmarshal(out.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Sessions) != 2 || j.Sessions[0].Part != "1/2" || j.Sessions[1].Part != "2/2" || j.Sessions[0].Reps != 12 || j.Sessions[1].Reps != 0 {
		t.Errorf("sessions %+v", j.Sessions)
	}
}

// TestUndatedLast: a file without times shows "no date" and comes after
// the dated ones, not first as 0001-01-01; a file naming no sport shows -.
func TestUndatedLast(t *testing.T) {
	nan := report.Float(math.NaN())
	rows := []Row{
		{File: "undated.fit", DistanceM: 0, RepPaceS: nan, RepTimeS: nan, FadeS: nan, MileS: nan},
		{File: "run.fit", Date: "2026-05-05", Sport: "running", DistanceM: 5000, RepPaceS: nan, RepTimeS: nan, FadeS: nan, MileS: nan,
			start: time.Date(2026, 5, 5, 18, 0, 0, 0, time.UTC)},
	}
	sortRows(rows)
	var out bytes.Buffer
	writeText(&out, rows, nil)
	s := out.String()
	if i, j := strings.Index(s, "run.fit"), strings.Index(s, "undated.fit"); i < 0 || j < i || !strings.Contains(s, "no date") || strings.Contains(s, "0001-01-01") {
		t.Errorf("got:\n%s", s)
	}
}

// TestNotRuns: a ride in the folder is listed apart, with why, and gets
// neither the plan nor a runner's figures; the run beside it keeps them.
func TestNotRuns(t *testing.T) {
	src, err := os.ReadFile("../../testdata/speed_endurance.gpx")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "run.gpx"), src, 0o644)
	ride := bytes.Replace(src, []byte("<type>running</type>"), []byte("<type>cycling</type>"), 1)
	if bytes.Equal(ride, src) {
		t.Fatal("the bundled GPX names no sport to change")
	}
	os.WriteFile(filepath.Join(dir, "ride.gpx"), ride, 0o644)
	args := []string{"-plan", "3x(4x400m@65s r60s) r3min", dir}

	var out, errs bytes.Buffer
	if code := run(args, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	s := out.String()
	main, others, ok := strings.Cut(s, "\nnot runs (no reps, pace or mile looked for):\n")
	if !ok || strings.Contains(main, "ride.gpx") || !strings.Contains(main, "run.gpx") ||
		!strings.Contains(others, "ride.gpx") || !strings.Contains(others, "not a running activity (cycling)") || strings.Contains(others, "run.gpx") {
		t.Errorf("text:\n%s", s)
	}

	out.Reset()
	if code := run(append([]string{"-format", "json"}, args...), &out, &errs); code != 0 {
		t.Fatalf("json: exit %d", code)
	}
	var log struct {
		Sessions []map[string]any `json:"sessions"`
	}
	if err := json.Unmarshal(out.Bytes(), &log); err != nil || len(log.Sessions) != 2 {
		t.Fatalf("json: %v, %d sessions", err, len(log.Sessions))
	}
	for _, r := range log.Sessions {
		ride := strings.HasSuffix(r["file"].(string), "ride.gpx")
		switch {
		case ride && (r["not_run"] != "not a running activity (cycling)" || r["plan"] != "" || r["reps"] != 0.0 || r["mean_rep_pace_s_per_km"] != nil || r["distance_m"].(float64) < 9000):
			t.Errorf("ride row: %v", r)
		case !ride && (r["not_run"] != nil || r["reps"] != 12.0 || r["plan"] != "3x(4x400m@65s r60s) r3min"):
			t.Errorf("run row: %v", r)
		}
	}
}

// TestSeasonHTML: -format html over the generated season writes its page,
// the nine Tuesday sessions grouped by their structure as run.
func TestSeasonHTML(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run([]string{"-format", "html", "../../testdata/season"}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	for _, want := range []string{"<!DOCTYPE html>", "<title>Training log of season</title>", "6x400m r60s: 9 sessions", "<dt>sessions</dt><dd>18</dd>"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}
