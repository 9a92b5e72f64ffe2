package gpx_test

import (
	"bytes"
	"errors"
	"math"
	"os"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/gpx"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/internal/testkit/synth"
	"github.com/lapkit/lapkit/internal/track"
)

func read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestConstantPace(t *testing.T) {
	a, err := gpx.Decode(bytes.NewReader(read(t, "constant_5k.gpx")))
	if err != nil {
		t.Fatal(err)
	}
	if a.Format != "gpx" || a.Sport != "running" || a.DistanceSource != "positions" {
		t.Errorf("format %s sport %s distance from %s", a.Format, a.Sport, a.DistanceSource)
	}
	if len(a.Samples) != 1201 || a.Duration() != 20*time.Minute {
		t.Fatalf("%d samples over %v", len(a.Samples), a.Duration())
	}
	// Positions have 8 decimals (about 1 mm): the summed distance is exact
	// to a few centimetres.
	if math.Abs(a.Distance()-5000) > 0.05 {
		t.Errorf("distance = %.3f m, want 5000", a.Distance())
	}
	s := a.Samples[100]
	if s.HeartRate != 159 && math.IsNaN(s.HeartRate) || s.Cadence != 182 || !math.IsNaN(s.Speed) {
		t.Errorf("sample 100 = %+v (cadence per leg 91 doubled; speed not recorded)", s)
	}
}

func TestPauseAndOffsets(t *testing.T) {
	// The file writes times in Europe/Oslo with milliseconds and +02:00.
	b := read(t, "constant_5k_pause.gpx")
	if !bytes.Contains(b, []byte("+02:00</time>")) {
		t.Fatal("test file has no UTC offsets")
	}
	a, err := gpx.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if !a.Start.Equal(synth.Epoch) || a.Start.Location() != time.UTC {
		t.Errorf("start = %v, want %v", a.Start, synth.Epoch)
	}
	if len(a.Pauses) != 1 || a.Pauses[0].Duration() != time.Minute {
		t.Fatalf("pauses = %+v", a.Pauses)
	}
	if a.Duration() != 21*time.Minute || a.MovingTime() != 20*time.Minute {
		t.Errorf("duration %v moving %v", a.Duration(), a.MovingTime())
	}
}

const doc = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"
 xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
 xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v2">
<trk><type>running</type><trkseg>
<trkpt lat="59.0" lon="10.0"><time>2024-05-01T10:00:01.250+02:00</time>
 <extensions><gpxtpx:TrackPointExtension><gpxtpx:hr> 150 </gpxtpx:hr><gpxtpx:cad>88</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>
<trkpt lat="59.0001" lon="10.0"><time>2024-05-01T08:00:02.5Z</time>
 <extensions><ns3:TrackPointExtension><ns3:hr>151</ns3:hr><ns3:cad>89</ns3:cad></ns3:TrackPointExtension></extensions></trkpt>
<trkpt lat="59.0002" lon="10.0"><time>2024-05-01T03:00:03.999-05:00</time>
 <extensions><hr>152</hr><cadence>90</cadence><power>250</power></extensions></trkpt>
</trkseg></trk></gpx>`

// TestExactTimes checks what gpxgo v1.5.0 gets wrong: fractional seconds
// and UTC offsets, and extensions under any prefix.
func TestExactTimes(t *testing.T) {
	a, err := gpx.Decode(iotest.DataErrReader(strings.NewReader(doc)))
	if err != nil {
		t.Fatal(err)
	}
	want := []time.Time{
		time.Date(2024, 5, 1, 8, 0, 1, 250e6, time.UTC),
		time.Date(2024, 5, 1, 8, 0, 2, 500e6, time.UTC),
		time.Date(2024, 5, 1, 8, 0, 3, 999e6, time.UTC),
	}
	if len(a.Samples) != 3 {
		t.Fatalf("%d samples", len(a.Samples))
	}
	for i, w := range want {
		s := a.Samples[i]
		if !s.Time.Equal(lapkit.At(w)) {
			t.Errorf("point %d time %v, want %v", i, s.Time, w)
		}
		if s.HeartRate != float64(150+i) || s.Cadence != float64(2*(88+i)) {
			t.Errorf("point %d hr %v cadence %v", i, s.HeartRate, s.Cadence)
		}
	}
	if a.Samples[2].Power != 250 || !math.IsNaN(a.Samples[0].Power) {
		t.Errorf("power = %v, %v", a.Samples[0].Power, a.Samples[2].Power)
	}
	if d := a.Distance(); math.Abs(d-22.24) > 0.05 {
		t.Errorf("distance = %.3f, want 22.24 (0.0002 degrees of latitude)", d)
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
	}{
		{"empty", "", gpx.ErrFormat},
		{"not xml", "hello", gpx.ErrFormat},
		{"no track", `<gpx version="1.1"><wpt lat="1" lon="2"/></gpx>`, gpx.ErrNoTrack},
		{"no times", `<gpx version="1.1"><trk><trkseg><trkpt lat="1" lon="2"/><trkpt lat="1.1" lon="2"/></trkseg></trk></gpx>`, gpx.ErrNoTime},
		{"far times", `<gpx version="1.1"><trk><trkseg><trkpt lat="1" lon="2"><time>2400-01-01T00:00:00Z</time></trkpt><trkpt lat="1.1" lon="2"><time>1600-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>`, gpx.ErrNoTime},
		{"bad time", `<gpx version="1.1"><trk><trkseg><trkpt lat="1" lon="2"><time>yesterday</time></trkpt></trkseg></trk></gpx>`, gpx.ErrFormat},
		{"cut", doc[:400], gpx.ErrTruncated},
	}
	for _, tc := range tests {
		_, err := gpx.Decode(strings.NewReader(tc.in))
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
	d := gpx.Decoder{MaxBytes: 10000}
	if _, err := d.Decode(bytes.NewReader(read(t, "constant_5k.gpx"))); !errors.Is(err, gpx.ErrTooLarge) {
		t.Errorf("MaxBytes: err = %v", err)
	}
}

func TestRealFiles(t *testing.T) {
	for _, p := range realdata.Sample(realdata.Files(t, ".gpx")) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a, err := gpx.Decode(bytes.NewReader(b))
		rel := realdata.Rel(t, p)
		if strings.HasSuffix(rel, "MetadataOnly.gpx") {
			if !errors.Is(err, gpx.ErrNoTrack) {
				t.Errorf("%s: err = %v, want ErrNoTrack", rel, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		if n := bytes.Count(b, []byte("<trkpt")); len(a.Samples)+a.DroppedSamples() != n {
			t.Errorf("%s: %d samples + %d dropped, file has %d trkpt", rel, len(a.Samples), a.DroppedSamples(), n)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(doc))
	f.Add([]byte(`<gpx version="1.0"><trk><trkseg><trkpt lat="1" lon="2"><time>2020-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := gpx.Decode(bytes.NewReader(b))
		// What was read before a fault is kept with it: a cut, or a
		// fault in the XML or a value.
		if a == nil && err == nil || a != nil && err != nil && !errors.Is(err, gpx.ErrTruncated) && !errors.Is(err, gpx.ErrFormat) {
			t.Fatalf("activity %v with error %v", a != nil, err)
		}
		if err != nil && !errors.Is(err, gpx.ErrFormat) && !errors.Is(err, gpx.ErrNoTrack) && !errors.Is(err, gpx.ErrNoTime) && !errors.Is(err, gpx.ErrTruncated) {
			t.Fatalf("error without a sentinel: %v", err)
		}
		if a != nil {
			if err := track.Check(a); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestPositions: a track point without lat and lon, or with a latitude
// beyond 90°, keeps its time and has no position (noted), instead of a
// position at 0°, 0° that would add thousands of kilometres.
func TestPositions(t *testing.T) {
	in := `<gpx version="1.1"><trk><trkseg>
<trkpt><time>2024-05-01T10:00:00Z</time></trkpt>
<trkpt lat="59.9" lon="10.7"><time>2024-05-01T10:00:01Z</time></trkpt>
<trkpt lat="95" lon="10.7"><time>2024-05-01T10:00:02Z</time></trkpt>
<trkpt lat="59.9001" lon="10.7"><time>2024-05-01T10:00:03Z</time></trkpt>
</trkseg></trk></gpx>`
	a, err := gpx.Decode(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Samples) != 4 || a.Samples[0].HasPosition() || a.Samples[2].HasPosition() || !a.Samples[3].HasPosition() {
		t.Fatalf("samples %+v", a.Samples)
	}
	if d := a.Distance(); math.Abs(d-11.12) > 0.05 {
		t.Errorf("distance %.2f m, want 11.12", d)
	}
	if len(a.Notes) != 1 || a.Notes[0].Kind != lapkit.NotePositionInvalid || a.Notes[0].Count != 1 {
		t.Errorf("notes %+v", a.Notes)
	}
	if _, err := gpx.Decode(strings.NewReader(strings.Replace(in, `lat="95"`, `lat="north"`, 1))); !errors.Is(err, gpx.ErrFormat) {
		t.Errorf("unreadable latitude: err = %v", err)
	}
}

// TestTruncated: a GPX cut in its third point keeps the two points closed
// before the cut, with ErrTruncated and a note.
func TestTruncated(t *testing.T) {
	cut := strings.Index(doc, "<trkpt lat=\"59.0002\"") + 40
	a, err := gpx.Decode(strings.NewReader(doc[:cut]))
	if !errors.Is(err, gpx.ErrTruncated) || a == nil {
		t.Fatalf("activity %v, err %v", a != nil, err)
	}
	if len(a.Samples) != 2 || a.Samples[1].HeartRate != 151 || a.Notes[0].Kind != "truncated" {
		t.Errorf("%d samples, notes %v", len(a.Samples), a.Notes)
	}
}

// TestFarTimePoint: a track point whose time lies outside the years a
// sample's time spans (lapkit.InSpan) is dropped and counted in a note
// that says why, never clamped to the span's end.
func TestFarTimePoint(t *testing.T) {
	doc := `<gpx version="1.1"><trk><trkseg>` +
		`<trkpt lat="1" lon="2"><time>2026-05-02T07:00:00Z</time></trkpt>` +
		`<trkpt lat="1.00001" lon="2"><time>9999-12-31T23:59:59Z</time></trkpt>` +
		`<trkpt lat="1.00002" lon="2"><time>2026-05-02T07:00:01.5Z</time></trkpt>` +
		`</trkseg></trk></gpx>`
	a, err := gpx.Decode(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Samples) != 2 || a.DroppedSamples() != 1 || a.Duration() != 1500*time.Millisecond {
		t.Fatalf("%d samples over %v, %d dropped; want 2 over 1.5s and 1", len(a.Samples), a.Duration(), a.DroppedSamples())
	}
	found := false
	for _, n := range a.Notes {
		found = found || n.Kind == lapkit.NoteDroppedSamples && n.Count == 1 && strings.Contains(n.Text, "track points whose time is before 1678 or after 2261")
	}
	if !found {
		t.Errorf("no note of the far time: %v", a.Notes)
	}
}
