package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run([]string{"-every", "1km", "../../testdata/constant_5k.fit"}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	for _, want := range []string{"      1      1000.0  4:00.0  4:00.0   6:26  4:00", "      5      1000.0  4:00.0", "pacing: even split over 5 full splits", "best mile: 6:26.2"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestJSON(t *testing.T) {
	var out, errs bytes.Buffer
	code := run([]string{"-format", "json", "../../testdata/constant_5k_pause.fit", "nosuch.gpx"}, &out, &errs)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || strings.Contains(out.String(), "NaN") {
		t.Fatalf("output:\n%s", out.String())
	}
	var r struct {
		Format string
		EveryM float64 `json:"every_m"`
		Splits []map[string]any
	}
	if err := json.Unmarshal([]byte(lines[0]), &r); err != nil {
		t.Fatal(err)
	}
	if r.Format != "fit" || r.EveryM != 402.336 || len(r.Splits) != 13 {
		t.Fatalf("report: %+v", r)
	}
	// The 60 s pause at 10:00 falls in quarter mile 7 (9:39.3 to 11:15.8 moving).
	s := r.Splits[6]
	// FIT stores distance in whole centimetres: at 4.17 m/s crossings are
	// exact to about 1 ms.
	for k, want := range map[string]float64{"n": 7, "distance_m": 402.34, "duration_s": 156.561, "moving_s": 96.561, "pace_s_per_km": 240} {
		if v, ok := s[k].(float64); !ok || math.Abs(v-want) > 0.002 {
			t.Errorf("split 7 %s = %v, want %v", k, s[k], want)
		}
	}
	if s["partial"] != false || s["avg_hr"] == nil {
		t.Errorf("split 7 = %v", s)
	}
	if last := r.Splits[12]; last["partial"] != true {
		t.Errorf("last split = %v", last)
	}
}

func TestCSV(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run([]string{"-format", "csv", "-every", "400m", "../../testdata/constant_5k.gpx", "../../testdata/constant_5k.tcx"}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// A header, then 13 rows (12 x 400 m and 200 m) per file.
	if len(rows) != 1+2*13 || rows[0][0] != "file" || rows[0][7] != "pace_s_per_km" {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	if r := rows[1]; r[0] != "../../testdata/constant_5k.gpx" || r[2] != "400.00" || r[5] != "96.000" || r[14] != "false" {
		t.Errorf("first row %v", r)
	}
}

// TestBadEvery: split lengths that panicked or filled memory (1e-10s,
// 1e20s, 1e308km, 0.0001) exit 2 with a message that names the value.
func TestBadEvery(t *testing.T) {
	for _, c := range []struct{ every, want string }{
		{"1e-10s", `bad length "1e-10s" col 2: expected a unit`},
		{"1e20s", `bad length "1e20s" col 2: expected a unit`},
		{"1e308km", `bad length "1e308km" col 2: expected a unit`},
		{"0.0001", "splits: bad split length: 0.0001 m (at least 1 m)"},
		{"0.5s", `bad length "0.5s" col 1: shorter than 1 m or 1 s`},
		{"2000km", `bad length "2000km" col 1: longer than 1000 km or 24 h`},
		{"-5", `split length "-5": want a positive number`},
	} {
		var out, errs bytes.Buffer
		code := run([]string{"-every", c.every, "-format", "json", "../../testdata/constant_5k.fit"}, &out, &errs)
		if code != 2 || !strings.Contains(errs.String(), c.want) || out.Len() != 0 {
			t.Errorf("-every %s: exit %d, stderr %q", c.every, code, errs.String())
		}
	}
}

// TestMovingLegend: the text says what moving time is, so that a runner
// standing between reps, who reads a moving time equal to the time, knows
// why and how to leave the stands out.
func TestMovingLegend(t *testing.T) {
	for _, c := range []struct {
		args        []string
		want        string
		split9, mov string
	}{
		{nil, "(moving: timer running, pauses out; -moving also leaves out time under 0.894 m/s; pace over moving; *: partial)", "2:05.5", "2:05.5"},
		{[]string{"-moving"}, "(moving: timer running and over 0.894 m/s; pace over moving; *: partial)", "2:05.5", "1:05.5"},
	} {
		var out, errs bytes.Buffer
		if code := run(append(c.args, "../../testdata/speed_endurance_manual.fit"), &out, &errs); code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, errs.String())
		}
		// Split 9 holds a 400 m rep and a 60 s stand.
		if !strings.Contains(out.String(), "\n  "+c.want+"\n") || !strings.Contains(out.String(), "        9       402.3  "+c.split9+"  "+c.mov+"  ") {
			t.Errorf("%v:\n%s", c.args, out.String())
		}
	}
}
