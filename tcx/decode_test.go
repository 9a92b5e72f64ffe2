package tcx_test

import (
	"bytes"
	"errors"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/internal/testkit/synth"
	"github.com/lapkit/lapkit/internal/track"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/tcx"
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
	a, err := tcx.Decode(bytes.NewReader(read(t, "constant_5k.tcx")))
	if err != nil {
		t.Fatal(err)
	}
	if a.Format != "tcx" || a.Sport != "running" || a.DistanceSource != "device" {
		t.Errorf("format %s sport %s distance from %s", a.Format, a.Sport, a.DistanceSource)
	}
	if len(a.Samples) != 1201 || a.Duration() != 20*time.Minute || math.Abs(a.Distance()-5000) > 0.001 {
		t.Fatalf("%d samples over %v, %.3f m", len(a.Samples), a.Duration(), a.Distance())
	}
	if len(a.Laps) != 5 {
		t.Fatalf("laps = %d", len(a.Laps))
	}
	for i, l := range a.Laps {
		if l.ElapsedTime != 4*time.Minute || math.Abs(l.Distance-1000) > 0.01 || l.Intensity != lapkit.IntensityActive {
			t.Errorf("lap %d = %v %.2f m %v", i+1, l.ElapsedTime, l.Distance, l.Intensity)
		}
	}
	if l := a.Laps[0]; l.Trigger != lapkit.LapTriggerDistance || a.Laps[4].Trigger != lapkit.LapTriggerManual {
		t.Errorf("triggers %v %v", l.Trigger, a.Laps[4].Trigger)
	}
	if s := a.Samples[10]; s.Speed != 4.167 || s.Cadence != 182 {
		t.Errorf("sample 10 speed %v cadence %v (RunCadence 91 per leg)", s.Speed, s.Cadence)
	}
}

func TestIntervalLaps(t *testing.T) {
	a, err := tcx.Decode(bytes.NewReader(read(t, "speed_endurance.tcx")))
	if err != nil {
		t.Fatal(err)
	}
	se := synth.SpeedEndurance()
	want := se.Laps(synth.LapsManual)
	if len(a.Laps) != len(want) {
		t.Fatalf("laps = %d, want %d", len(a.Laps), len(want))
	}
	for i, w := range want {
		if d := a.Laps[i].Start.Sub(w.Start); d < -time.Millisecond || d > time.Millisecond {
			t.Errorf("lap %d starts %v off", i+1, d)
		}
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
	}{
		{"empty", "", tcx.ErrFormat},
		{"not tcx", "<gpx></gpx>", tcx.ErrFormat},
		{"no trackpoints", `<TrainingCenterDatabase><Activities><Activity Sport="Running"><Lap StartTime="2020-01-01T00:00:00Z"><TotalTimeSeconds>10</TotalTimeSeconds></Lap></Activity></Activities></TrainingCenterDatabase>`, tcx.ErrNoTrackpoints},
		{"bad time", `<TrainingCenterDatabase><Activities><Activity><Lap StartTime="2020-01-01T00:00:00Z"><Track><Trackpoint><Time>noon</Time></Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>`, tcx.ErrFormat},
		{"bad number", `<TrainingCenterDatabase><Activities><Activity><Lap StartTime="2020-01-01T00:00:00Z"><Track><Trackpoint><Time>2020-01-01T00:00:00Z</Time><DistanceMeters>far</DistanceMeters></Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>`, tcx.ErrFormat},
	}
	for _, tc := range tests {
		_, err := tcx.Decode(strings.NewReader(tc.in))
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
}

// TestRealFiles reads every real TCX file (gzipped ones through open) and
// checks the trackpoint count.
func TestRealFiles(t *testing.T) {
	for _, p := range realdata.Sample(realdata.Files(t, ".tcx", ".tcx.gz")) {
		rel := realdata.Rel(t, p)
		a, err := open.File(p)
		if strings.HasSuffix(rel, "malformed.tcx") {
			if err == nil {
				t.Errorf("%s: no error", rel)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		if a.Format != "tcx" || len(a.Samples) == 0 {
			t.Errorf("%s: format %s, %d samples", rel, a.Format, len(a.Samples))
		}
		if strings.HasSuffix(rel, ".tcx") {
			b, _ := os.ReadFile(p)
			if n := bytes.Count(b, []byte("<Time>")); len(a.Samples)+a.DroppedSamples() > n {
				t.Errorf("%s: %d samples from %d <Time> elements", rel, len(a.Samples), n)
			}
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(`<TrainingCenterDatabase><Activities><Activity Sport="Running"><Lap StartTime="2020-01-01T00:00:00Z"><Track><Trackpoint><Time>2020-01-01T00:00:01Z</Time><DistanceMeters>3</DistanceMeters></Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := tcx.Decode(bytes.NewReader(b))
		if a == nil && err == nil {
			t.Fatal("no activity and no error")
		}
		if err != nil && !errors.Is(err, tcx.ErrFormat) && !errors.Is(err, tcx.ErrNoTrackpoints) && !errors.Is(err, tcx.ErrTruncated) && !errors.Is(err, tcx.ErrTooLarge) {
			t.Fatalf("error without a sentinel: %v", err)
		}
		if a != nil {
			if err := track.Check(a); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestUntimedTrackpoint: a trackpoint without a time is dropped, and the
// note counts it, so that the samples and the dropped ones count the file.
func TestUntimedTrackpoint(t *testing.T) {
	doc := `<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Running"><Id>2026-11-24T18:00:00Z</Id><Lap StartTime="2026-11-24T18:00:00Z"><Track>` +
		`<Trackpoint><Time>2026-11-24T18:00:00Z</Time><DistanceMeters>0</DistanceMeters></Trackpoint>` +
		`<Trackpoint><DistanceMeters>2</DistanceMeters></Trackpoint>` +
		`<Trackpoint><Time>2026-11-24T18:00:02Z</Time><DistanceMeters>6</DistanceMeters></Trackpoint>` +
		`</Track></Lap></Activity></Activities></TrainingCenterDatabase>`
	a, err := tcx.Decode(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Samples) != 2 || a.DroppedSamples() != 1 {
		t.Errorf("%d samples, %d dropped; want 2 and 1", len(a.Samples), a.DroppedSamples())
	}
}

// TestActivitiesApart: Training Center's multi-session file holds four
// activities on 29 Nov, 1, 4 and 7 Dec 2011; they keep their own times
// (the days between are pauses), none moved onto 7 Dec as a clock jump.
func TestActivitiesApart(t *testing.T) {
	f, err := os.Open(realdata.Path(t, "GoldenCheetah__GoldenCheetah/test/rides/activity_165850259_multi-session.tcx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a, err := tcx.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range a.Notes {
		if n.Kind == lapkit.NoteTimeJump {
			t.Errorf("a clock jump closed: %s", n.Text)
		}
	}
	if got := a.Start.Format("2006-01-02"); got != "2011-11-29" || len(a.Pauses) != 3 || a.End().Format("2006-01-02") != "2011-12-07" {
		t.Errorf("starts %s, ends %s, %d pauses", got, a.End().Format("2006-01-02"), len(a.Pauses))
	}
}

// TestNoRoot: trackpoints without the TrainingCenterDatabase root are read
// all the same, with an error and a note saying so.
func TestNoRoot(t *testing.T) {
	doc := `<?xml version="1.0"?><Activities><Activity Sport="Running"><Lap StartTime="2026-11-24T18:00:00Z"><Track>` +
		`<Trackpoint><Time>2026-11-24T18:00:00Z</Time><DistanceMeters>0</DistanceMeters></Trackpoint>` +
		`<Trackpoint><Time>2026-11-24T18:00:01Z</Time><DistanceMeters>3</DistanceMeters></Trackpoint>` +
		`</Track></Lap></Activity></Activities>`
	a, err := open.Reader(strings.NewReader(doc))
	if a == nil || len(a.Samples) != 2 || !errors.Is(err, tcx.ErrFormat) || !strings.Contains(err.Error(), "no TrainingCenterDatabase root") {
		t.Fatalf("%v, %v", a, err)
	}
}

// TestFarTimeTrackpoint: a trackpoint whose time lies outside the years a
// sample's time spans (1678-2262, lapkit.InSpan) is dropped and counted in
// a note that says why, never clamped to the span's end; the others keep
// their times to the nanosecond.
func TestFarTimeTrackpoint(t *testing.T) {
	doc := `<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Running"><Id>2026-11-24T18:00:00Z</Id><Lap StartTime="2026-11-24T18:00:00Z"><Track>` +
		`<Trackpoint><Time>2026-11-24T18:00:00.125Z</Time><DistanceMeters>0</DistanceMeters></Trackpoint>` +
		`<Trackpoint><Time>3026-11-24T18:00:01Z</Time><DistanceMeters>2</DistanceMeters></Trackpoint>` +
		`<Trackpoint><Time>1500-11-24T18:00:01Z</Time><DistanceMeters>3</DistanceMeters></Trackpoint>` +
		`<Trackpoint><Time>2026-11-24T18:00:02Z</Time><DistanceMeters>6</DistanceMeters></Trackpoint>` +
		`</Track></Lap></Activity></Activities></TrainingCenterDatabase>`
	a, err := tcx.Decode(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Samples) != 2 || a.DroppedSamples() != 2 {
		t.Fatalf("%d samples, %d dropped; want 2 and 2", len(a.Samples), a.DroppedSamples())
	}
	if d := a.Samples[1].Time.Sub(a.Samples[0].Time); d != 1875*time.Millisecond {
		t.Errorf("samples %v apart, want 1.875s", d)
	}
	found := false
	for _, n := range a.Notes {
		found = found || n.Kind == lapkit.NoteDroppedSamples && n.Count == 2 && strings.Contains(n.Text, "before 1678 or after 2261")
	}
	if !found {
		t.Errorf("no note of the 2 far times: %v", a.Notes)
	}
}
