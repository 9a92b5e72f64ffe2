package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lapkit/lapkit/internal/realdata"
)

// TestFolder builds a bulk export: nested folders, a .fit.gz, a zip with
// a GPX inside, and a bad file.
func TestFolder(t *testing.T) {
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
		if r[5] != "12" || r[8] != "3x(4x400m@65s r60s) r3min" || r[10] == "" || r[12] == "" {
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
	if len(j.Sessions)+len(j.Skipped) != files {
		t.Errorf("%d analysed + %d skipped, %d files", len(j.Sessions), len(j.Skipped), files)
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
