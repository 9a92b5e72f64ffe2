package track

import (
	"math"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
)

var t0 = time.Date(2026, 5, 5, 17, 30, 0, 0, time.UTC)

func sample(sec, dist float64) lapkit.Sample {
	s := lapkit.NewSample(t0.Add(time.Duration(sec * float64(time.Second))))
	s.Distance = dist
	return s
}

func TestFinishRepairs(t *testing.T) {
	nan := math.NaN()
	a := &lapkit.Activity{Samples: []lapkit.Sample{
		sample(0, nan), sample(1, 5), sample(2, nan), sample(3, 15),
		sample(3, nan),  // repeated time: merged
		sample(2.5, 12), // backwards: dropped
		sample(4, 14),   // distance backwards: held at 15
		lapkit.NewSample(time.Time{}),
		sample(5, 25), sample(6, nan),
	}}
	a.Samples[4].HeartRate = 150
	Finish(a)
	wantT := []float64{0, 1, 2, 3, 4, 5, 6}
	wantD := []float64{5, 5, 10, 15, 15, 25, 25}
	if len(a.Samples) != len(wantT) {
		t.Fatalf("%d samples", len(a.Samples))
	}
	for i := range wantT {
		s := a.Samples[i]
		if s.Time.Sub(t0).Seconds() != wantT[i] || s.Distance != wantD[i] {
			t.Errorf("sample %d = %v s %v m, want %v s %v m", i, s.Time.Sub(t0).Seconds(), s.Distance, wantT[i], wantD[i])
		}
	}
	if a.Samples[3].HeartRate != 150 {
		t.Error("repeated sample's heart rate not merged")
	}
	if a.DroppedSamples() != 3 || a.DistanceSource != "device" || !a.Start.Equal(t0) {
		t.Errorf("dropped %d, source %q, start %v; notes %v", a.DroppedSamples(), a.DistanceSource, a.Start, a.Notes)
	}
}

func TestCloseJumps(t *testing.T) {
	day := 24 * 3600.0
	a := &lapkit.Activity{
		Samples: []lapkit.Sample{sample(0, 0), sample(5, 20), sample(10, 40), sample(20*day, 60), sample(20*day+5, 80)},
		Laps: []lapkit.Lap{{Start: t0, End: t0.Add(time.Duration(20*day) * time.Second)},
			{Start: t0.Add(time.Duration(20*day) * time.Second), End: t0.Add(time.Duration(20*day+5) * time.Second)}},
	}
	Finish(a)
	if a.Duration() != 20*time.Second {
		t.Errorf("duration %v, want 20s after closing the jump", a.Duration())
	}
	if a.Laps[1].Start.Sub(t0) != 15*time.Second || a.Laps[0].End.Sub(t0) != 15*time.Second {
		t.Errorf("laps not moved: %+v", a.Laps)
	}
	// A paused gap is time that passed: kept.
	b := &lapkit.Activity{
		Samples: []lapkit.Sample{sample(0, 0), sample(5, 20), sample(3*3600, 40)},
		Pauses:  []lapkit.Pause{{Start: t0.Add(5 * time.Second), End: t0.Add(3 * time.Hour)}},
	}
	Finish(b)
	if b.Duration() != 3*time.Hour {
		t.Errorf("paused gap closed: %v", b.Duration())
	}
}

func TestPositionDistance(t *testing.T) {
	a := &lapkit.Activity{}
	for i, lat := range []float64{0, 0.001, math.NaN(), 0.002} {
		s := lapkit.NewSample(t0.Add(time.Duration(i) * 30 * time.Second))
		s.Lat, s.Lon = lat, 0
		a.Samples = append(a.Samples, s)
	}
	Finish(a)
	deg := 111194.93 // metres per degree on the sphere
	want := []float64{0, deg / 1000, deg / 1000, 2 * deg / 1000}
	for i, w := range want {
		if math.Abs(a.Samples[i].Distance-w) > 0.01 {
			t.Errorf("sample %d at %.3f m, want %.3f", i, a.Samples[i].Distance, w)
		}
	}
	if a.DistanceSource != "positions" {
		t.Errorf("source %q", a.DistanceSource)
	}
}

func TestDespike(t *testing.T) {
	// 5 m/s, one sample 20 km ahead, one back at 303 m, then a counter
	// reset to 0 a minute later that the later samples keep.
	d := []float64{300, 305, 310, 20310, 320, 303, 330, 335, 0, 5, 10}
	a := &lapkit.Activity{}
	for i, v := range d {
		s := lapkit.NewSample(t0.Add(time.Duration(i) * time.Second))
		if i >= 8 {
			s.Time = s.Time.Add(time.Minute)
		}
		s.Distance = v
		a.Samples = append(a.Samples, s)
	}
	Finish(a)
	want := []float64{300, 305, 310, 315, 320, 325, 330, 335, 335, 340, 345}
	for i, w := range want {
		if math.Abs(a.Samples[i].Distance-w) > 1e-9 {
			t.Errorf("sample %d at %v m, want %v", i, a.Samples[i].Distance, w)
		}
	}
	kinds := map[string]int{}
	for _, n := range a.Notes {
		kinds[n.Kind] += n.Count
	}
	if kinds[lapkit.NoteDistanceSpike] != 2 || kinds[lapkit.NoteDistanceReset] != 1 {
		t.Errorf("notes %v", a.Notes)
	}
}

func TestPositionSpikes(t *testing.T) {
	// A walk north at 2 m/s with a 5 km jump for one sample; and a first
	// fix at 0,0 before the walk.
	mk := func(first bool) *lapkit.Activity {
		a := &lapkit.Activity{}
		for i := 0; i < 10; i++ {
			s := lapkit.NewSample(t0.Add(time.Duration(i) * time.Second))
			s.Lat, s.Lon = 59.9+float64(i)*2/111195, 10.7
			if i == 4 {
				s.Lat += 0.045 // 5 km
			}
			if first && i == 0 {
				s.Lat, s.Lon = 0, 0
			}
			a.Samples = append(a.Samples, s)
		}
		Finish(a)
		return a
	}
	if d := mk(false).Distance(); math.Abs(d-18) > 0.01 {
		t.Errorf("with a spike: %.2f m, want 18", d)
	}
	if d := mk(true).Distance(); math.Abs(d-16) > 0.01 {
		t.Errorf("with a first fix at 0,0: %.2f m, want 16 (from the second sample)", d)
	}
}

// TestHeldThenTrailing: the last distance is held up after a step back and
// a spike after it is dropped; the samples after the last distance take the
// held value, not the lower one the device wrote (found by fit.FuzzDecode).
func TestHeldThenTrailing(t *testing.T) {
	a := &lapkit.Activity{Samples: []lapkit.Sample{sample(0, 1000), sample(1, 990), sample(2, 500)}}
	Finish(a)
	for i, s := range a.Samples {
		if s.Distance != 1000 {
			t.Errorf("sample %d distance %v, want 1000", i, s.Distance)
		}
	}
}
