package lapkit_test

import (
	"errors"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/open"
)

// valid is a small activity that keeps every rule: 10 samples a second
// apart at 3 m/s, a pause, two laps.
func valid() *lapkit.Activity {
	t0 := time.Date(2026, 6, 1, 18, 0, 0, 0, time.UTC)
	a := &lapkit.Activity{Start: t0}
	for i := range 10 {
		s := lapkit.NewSample(lapkit.At(t0.Add(time.Duration(i) * time.Second)))
		s.Distance = 3 * float64(i)
		a.Samples = append(a.Samples, s)
	}
	a.Pauses = []lapkit.Pause{{Start: t0.Add(4 * time.Second), End: t0.Add(5 * time.Second)}}
	a.Laps = []lapkit.Lap{{Start: t0, End: t0.Add(5 * time.Second)}, {Start: t0.Add(5 * time.Second), End: t0.Add(9 * time.Second)}}
	return a
}

// TestValidate: each rule broken gives ErrInvalid saying which, where.
func TestValidate(t *testing.T) {
	if err := valid().Validate(); err != nil {
		t.Fatalf("a valid activity: %v", err)
	}
	for _, c := range []struct {
		name  string
		spoil func(a *lapkit.Activity)
		says  string
	}{
		{"start zero", func(a *lapkit.Activity) { a.Start = time.Time{} }, "first sample at"},
		{"start later", func(a *lapkit.Activity) { a.Start = a.Start.Add(time.Hour) }, "first sample at"},
		{"sample without time", func(a *lapkit.Activity) { a.Samples[3].Time = lapkit.At(time.Time{}) }, "sample 3 has no time"},
		{"out of order", func(a *lapkit.Activity) { a.Samples[3], a.Samples[4] = a.Samples[4], a.Samples[3] }, "sample 4 at"},
		{"repeated time", func(a *lapkit.Activity) { a.Samples[5].Time = a.Samples[4].Time }, "sample 5 at"},
		{"infinite distance", func(a *lapkit.Activity) { a.Samples[0].Distance = math.Inf(-1) }, "sample 0 holds an infinite value"},
		{"infinite heart rate", func(a *lapkit.Activity) { a.Samples[2].HeartRate = math.Inf(1) }, "sample 2 holds an infinite value"},
		{"last distance NaN", func(a *lapkit.Activity) { a.Samples[9].Distance = math.NaN() }, "sample 9: distance NaN among samples with one"},
		{"distance back", func(a *lapkit.Activity) { a.Samples[6].Distance = 1 }, "sample 6: distance 1 m"},
		{"pause backwards", func(a *lapkit.Activity) { p := &a.Pauses[0]; p.Start, p.End = p.End, p.Start }, "pause 0 ends"},
		{"pauses overlap", func(a *lapkit.Activity) {
			a.Pauses = append(a.Pauses, lapkit.Pause{Start: a.Pauses[0].Start, End: a.Pauses[0].End.Add(time.Second)})
		}, "pause 1 starts"},
		{"lap backwards", func(a *lapkit.Activity) { l := &a.Laps[1]; l.Start, l.End = l.End, l.Start }, "lap 1 ends"},
		{"laps out of order", func(a *lapkit.Activity) { a.Laps[0], a.Laps[1] = a.Laps[1], a.Laps[0] }, "lap 1 starts"},
	} {
		a := valid()
		c.spoil(a)
		err := a.Validate()
		if !errors.Is(err, lapkit.ErrInvalid) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want ErrInvalid saying %q", c.name, err, c.says)
		}
	}
	// Laps written twice, of no length or overlapping are as a file
	// writes them: the analysis deals with them.
	a := valid()
	a.Laps = append(a.Laps, a.Laps[1], lapkit.Lap{Start: a.Laps[1].End, End: a.Laps[1].End})
	if err := a.Validate(); err != nil {
		t.Errorf("laps written twice or of no length: %v", err)
	}
}

// TestDecodedValid: every bundled file, and every real file, decodes to an
// activity that keeps the rules, so that the analysis repairs only what a
// caller builds by hand.
func TestDecodedValid(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.*")
	season, _ := filepath.Glob("testdata/season/*")
	files = append(append(files, season...), realdata.Sample(realFiles(t))...)
	n := 0
	for _, p := range files {
		if strings.HasSuffix(p, ".digest") || strings.HasSuffix(p, ".md") {
			continue
		}
		a, _ := open.File(p)
		if a == nil {
			continue
		}
		n++
		if err := a.Validate(); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if n < 35 { // 17 activities in testdata, 18 in testdata/season
		t.Errorf("%d files decoded, want the bundled ones at least", n)
	}
}

// realFiles returns the real files, or none when ../shared is absent (a
// subtest skips, not the test).
func realFiles(t *testing.T) (files []string) {
	t.Run("real", func(t *testing.T) { files = slices.Clone(realdata.Files(t)) })
	return files
}

// BenchmarkValidate is Activity.Validate of the bundled 1-hour session
// (3,664 samples), which every entry point runs; BenchmarkValidateLoop is
// its baseline, the loop it replaced (time.Time.After, float comparisons
// against ±MaxFloat64), on the same samples.
func BenchmarkValidate(b *testing.B) {
	a := benchSession(b)
	for b.Loop() {
		if err := a.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidateLoop(b *testing.B) {
	a := benchSession(b)
	inf := func(v float64) bool { return v > math.MaxFloat64 || v < -math.MaxFloat64 }
	for b.Loop() {
		s := a.Samples
		noDist := math.IsNaN(s[0].Distance)
		for i := range s {
			x := &s[i]
			if x.Time.IsZero() || inf(x.Distance) || inf(x.Lat) || inf(x.Lon) || inf(x.Altitude) || inf(x.Speed) || inf(x.HeartRate) || inf(x.Cadence) || inf(x.Power) ||
				math.IsNaN(x.Distance) != noDist || i > 0 && !x.Time.After(s[i-1].Time) || i > 0 && x.Distance < s[i-1].Distance {
				b.Fatal(i)
			}
		}
	}
}

func benchSession(b *testing.B) *lapkit.Activity {
	b.Helper()
	a, err := open.File("testdata/speed_endurance_workout.fit")
	if err != nil {
		b.Fatal(err)
	}
	return a
}
