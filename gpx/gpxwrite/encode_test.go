package gpxwrite_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/gpx"
	"github.com/lapkit/lapkit/gpx/gpxwrite"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/open"
)

// roundTrip encodes a and decodes the GPX.
func roundTrip(t *testing.T, a *lapkit.Activity, opts ...gpxwrite.Option) (*lapkit.Activity, []byte, error) {
	t.Helper()
	var buf bytes.Buffer
	err := gpxwrite.Encode(&buf, a, opts...)
	if err != nil && !errors.Is(err, gpxwrite.ErrNoPosition) {
		t.Fatal(err)
	}
	b, derr := gpx.Decode(bytes.NewReader(buf.Bytes()))
	if derr != nil {
		t.Fatalf("decoding the GPX written: %v", derr)
	}
	return b, buf.Bytes(), err
}

// sameSamples compares the samples with a position of a with those of b:
// times to 1 ms, positions to 1e-7 degrees, elevation to 0.1 m (written
// to 0.01 m), heart rate exact, cadence exact where its per-leg value is
// whole, speed exact, power exact (whole watts). It returns how many cadences
// differ because their per-leg value is not whole.
func sameSamples(t *testing.T, name string, a, b *lapkit.Activity) (fracCad int) {
	t.Helper()
	var want []lapkit.Sample
	for _, s := range a.Samples {
		if s.HasPosition() {
			want = append(want, s)
		}
	}
	if len(b.Samples) != len(want) {
		t.Errorf("%s: %d samples back, want %d", name, len(b.Samples), len(want))
		return
	}
	bad := 0
	for i, w := range want {
		g := b.Samples[i]
		eq := func(x, y, tol float64) bool {
			return math.IsNaN(x) && math.IsNaN(y) || math.Abs(x-y) <= tol
		}
		cad := eq(g.Cadence, w.Cadence, 1e-9)
		if !cad && a.Sport.OnFoot() && math.Mod(w.Cadence/2, 1) != 0 && eq(g.Cadence, 2*math.Round(w.Cadence/2), 1e-9) {
			cad = true
			fracCad++
		}
		if g.Time.Sub(w.Time).Abs() > time.Millisecond || !eq(g.Lat, w.Lat, 1e-7) || !eq(g.Lon, w.Lon, 1e-7) ||
			!eq(g.Altitude, w.Altitude, 0.1) || !eq(g.HeartRate, math.Round(w.HeartRate), 0) || !cad ||
			!eq(g.Speed, w.Speed, 0) || !eq(g.Power, math.Round(w.Power), 0) {
			if bad++; bad <= 3 {
				t.Errorf("%s: sample %d back as %+v, want %+v", name, i, g, w)
			}
		}
	}
	return fracCad
}

// TestEncodeTestdata: every activity of testdata/ comes back from GPX
// (every third under -short and -race).
func TestEncodeTestdata(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("../../testdata/*")
	var acts []string
	for _, p := range files {
		if !strings.HasPrefix(filepath.Base(p), "plan_") && !strings.HasSuffix(p, ".digest") && filepath.Ext(p) != "" { // not the season/ folder
			acts = append(acts, p)
		}
	}
	n := 0
	// Every third under -short and -race (realdata.Step).
	for _, p := range realdata.Sample(acts) {
		a, err := open.File(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		b, _, err := roundTrip(t, a)
		if err != nil {
			t.Errorf("%s: %v", p, err)
		}
		sameSamples(t, p, a, b)
		if len(b.Pauses) != len(a.Pauses) {
			t.Errorf("%s: %d pauses back, want %d", p, len(b.Pauses), len(a.Pauses))
		}
		if a.Format == lapkit.FormatGPX && math.Abs(b.Distance()-a.Distance()) > 0.001*a.Distance() {
			t.Errorf("%s: %.1f m back, want %.1f m", p, b.Distance(), a.Distance())
		}
		n++
	}
	if n < 15/realdata.Step() {
		t.Errorf("%d files", n)
	}
}

// TestEncodeRealFiles: every running FIT and TCX file of ../shared/realdata
// comes back from GPX; samples without a position are counted in the error.
func TestEncodeRealFiles(t *testing.T) {
	t.Parallel()
	files := realdata.Sample(realdata.Files(t, ".fit", ".tcx", ".fit.gz", ".tcx.gz"))
	if realdata.Step() > 1 {
		// Under -short and -race, a third of the sample: Encode runs on one
		// goroutine, and gpxgo's writer is slow under the race detector.
		files = realdata.Sample(files)
	}
	n, frac, total := 0, 0, 0
	for _, p := range files {
		a, _ := open.File(p)
		if a == nil || !a.Sport.OnFoot() {
			continue
		}
		name := realdata.Rel(t, p)
		positioned := 0
		for i := range a.Samples {
			if a.Samples[i].HasPosition() {
				positioned++
			}
		}
		if positioned == 0 {
			err := gpxwrite.Encode(&bytes.Buffer{}, a)
			if !errors.Is(err, gpxwrite.ErrNoPosition) {
				t.Errorf("%s: no sample positioned: %v", name, err)
			}
			continue
		}
		b, _, err := roundTrip(t, a)
		if (err != nil) != (positioned < len(a.Samples)) {
			t.Errorf("%s: %v with %d of %d samples positioned", name, err, positioned, len(a.Samples))
		}
		frac += sameSamples(t, name, a, b)
		total += positioned
		n++
	}
	t.Logf("%d running files back from GPX, %d samples; %d cadences with a fraction of a step per leg rounded", n, total, frac)
	if n < 120/(realdata.Step()*realdata.Step()) {
		t.Errorf("only %d files", n)
	}
}

// TestEncodeReps: the bundled 3 x 4 x 400 m, on manual laps and as noisy
// GPX, written with a waypoint at each rep's start and end, comes back
// with the same 12 reps within 3 s from the positions alone.
func TestEncodeReps(t *testing.T) {
	for _, file := range []string{"../../testdata/speed_endurance_manual.fit", "../../testdata/speed_endurance.gpx"} {
		a, err := open.File(file)
		if err != nil {
			t.Fatal(err)
		}
		s, err := analysis.Detect(a)
		if err != nil || len(s.Reps) != 12 {
			t.Fatalf("%s: %v, %d reps", file, err, len(s.Reps))
		}
		var marks []gpxwrite.Mark
		for _, r := range s.Reps {
			name := fmt.Sprintf("%d.%d", r.Set, r.N)
			marks = append(marks, gpxwrite.Mark{Name: name + " start", Time: r.Start}, gpxwrite.Mark{Name: name + " end", Time: r.End})
		}
		b, out, err := roundTrip(t, a, gpxwrite.WithMarks(marks...))
		if err != nil {
			t.Fatal(err)
		}
		if n := bytes.Count(out, []byte("<wpt ")); n != 24 || !bytes.Contains(out, []byte("<name>3.4 end</name>")) {
			t.Errorf("%s: %d waypoints", file, n)
		}
		s2, err := analysis.Detect(b)
		if err != nil || len(s2.Reps) != 12 {
			t.Fatalf("%s back from GPX: %v, %d reps", file, err, len(s2.Reps))
		}
		for i, r := range s.Reps {
			x := s2.Reps[i]
			if x.Set != r.Set || x.Start.Sub(r.Start).Abs() > 3*time.Second || x.End.Sub(r.End).Abs() > 3*time.Second {
				t.Errorf("%s: rep %d.%d %v-%v back as %d.%d %v-%v", file, r.Set, r.N, r.Start, r.End, x.Set, x.N, x.Start, x.End)
			}
		}
	}
}

// TestEncodeParts: a track per rep (and per stretch between reps) holds
// every sample once; read back, the tracks are one activity again, the
// edge samples merged with a note, and no pause appears.
func TestEncodeParts(t *testing.T) {
	a, err := open.File("../../testdata/speed_endurance_manual.fit")
	if err != nil {
		t.Fatal(err)
	}
	s, _ := analysis.Detect(a)
	var parts []gpxwrite.Part
	for _, r := range s.Reps {
		parts = append(parts, gpxwrite.Part{Name: fmt.Sprintf("%d.%d", r.Set, r.N), Start: r.Start, End: r.End})
	}
	b, out, err := roundTrip(t, a, gpxwrite.WithParts(parts...))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(out, []byte("<trk>")); n != 25 {
		t.Errorf("%d tracks, want 12 reps and the 13 stretches around them", n)
	}
	if len(b.Samples) != len(a.Samples) || len(b.Pauses) != len(a.Pauses) {
		t.Errorf("%d samples and %d pauses back, want %d and %d", len(b.Samples), len(b.Pauses), len(a.Samples), len(a.Pauses))
	}
}

// TestEncodeSchema holds the GPX written to the GPX 1.1 and
// TrackPointExtension v2 schemas' structure: the namespaces, the order of
// a track point's children (ele, time, extensions) and of the extension's
// (hr, cad, speed), whole heart rates and cadences, times in UTC.
func TestEncodeSchema(t *testing.T) {
	a, err := open.File("../../testdata/constant_5k_pause.fit")
	if err != nil {
		t.Fatal(err)
	}
	a.Samples[3].Power = 251.4
	var buf bytes.Buffer
	if err := gpxwrite.Encode(&buf, a, gpxwrite.WithMarks(gpxwrite.Mark{Name: "km 1", Time: a.Start.Add(4 * time.Minute)})); err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(&buf)
	var path []string
	order := map[string][]string{}
	pts := 0
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if len(path) == 0 && (e.Name.Space != "http://www.topografix.com/GPX/1/1" || e.Name.Local != "gpx") {
				t.Fatalf("root %v", e.Name)
			}
			if len(path) > 0 {
				parent := path[len(path)-1]
				order[parent] = append(order[parent], e.Name.Local)
			}
			switch e.Name.Local {
			case "hr", "cad", "speed", "TrackPointExtension":
				if e.Name.Space != gpxwrite.NamespaceTrackPoint {
					t.Errorf("%s in %q", e.Name.Local, e.Name.Space)
				}
			case "PowerInWatts":
				if e.Name.Space != gpxwrite.NamespacePower {
					t.Errorf("power in %q", e.Name.Space)
				}
			case "trkpt":
				pts++
				order["trkpt"] = nil
				order["TrackPointExtension"] = nil
			}
			path = append(path, e.Name.Local)
		case xml.EndElement:
			path = path[:len(path)-1]
			switch e.Name.Local {
			case "trkpt":
				if got := strings.Join(order["trkpt"], " "); got != "ele time extensions" {
					t.Fatalf("track point children %q", got)
				}
			case "TrackPointExtension":
				if got := strings.Join(order["TrackPointExtension"], " "); got != "hr cad speed" {
					t.Fatalf("extension children %q", got)
				}
			}
		case xml.CharData:
			if len(path) > 0 {
				switch v := strings.TrimSpace(string(e)); path[len(path)-1] {
				case "hr", "cad", "PowerInWatts":
					if _, err := strconv.Atoi(v); err != nil {
						t.Errorf("%s %q is not a whole number", path[len(path)-1], v)
					}
				case "time":
					if _, err := time.Parse(time.RFC3339Nano, v); err != nil || !strings.HasSuffix(v, "Z") {
						t.Errorf("time %q", v)
					}
				}
			}
		}
	}
	if got := strings.Join(order["gpx"], " "); got != "metadata wpt trk" {
		t.Errorf("gpx children %q", got)
	}
	if pts != len(a.Samples) {
		t.Errorf("%d track points, want %d", pts, len(a.Samples))
	}
}

func TestEncodeErrors(t *testing.T) {
	if err := gpxwrite.Encode(nil, &lapkit.Activity{}); !errors.Is(err, gpxwrite.ErrFormat) {
		t.Errorf("nil writer: %v", err)
	}
	if err := gpxwrite.Encode(&bytes.Buffer{}, nil); !errors.Is(err, gpxwrite.ErrFormat) {
		t.Errorf("nil activity: %v", err)
	}
	a := &lapkit.Activity{Samples: []lapkit.Sample{lapkit.NewSample(lapkit.At(time.Now())), lapkit.NewSample(lapkit.At(time.Now().Add(time.Second)))}}
	var buf bytes.Buffer
	err := gpxwrite.Encode(&buf, a)
	if !errors.Is(err, gpxwrite.ErrNoPosition) || !strings.Contains(err.Error(), "2 of 2 samples") || !bytes.Contains(buf.Bytes(), []byte("<gpx")) {
		t.Errorf("no position: %v\n%s", err, buf.Bytes())
	}
}
