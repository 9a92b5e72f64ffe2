package lapkit_test

import (
	"math"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
)

var t0 = time.Date(2026, 5, 5, 17, 30, 0, 0, time.UTC)

// track returns an activity with samples at the given seconds and metres.
func track(secs []float64, dist []float64) *lapkit.Activity {
	a := &lapkit.Activity{Start: t0}
	for i := range secs {
		s := lapkit.NewSample(lapkit.At(t0.Add(time.Duration(secs[i] * float64(time.Second)))))
		s.Distance = dist[i]
		a.Samples = append(a.Samples, s)
	}
	return a
}

func TestTimeAtDistanceAt(t *testing.T) {
	// 0-100 m in 20 s, standing 10 s, 100-500 m in 65 s.
	a := track([]float64{0, 20, 30, 95}, []float64{0, 100, 100, 500})
	tests := []struct {
		d    float64
		want float64 // seconds
		ok   bool
	}{
		{0, 0, true}, {-5, 0, true}, {50, 10, true}, {100, 20, true},
		{300, 30 + 65.0/2, true}, {500, 95, true}, {500.01, 0, false}, {math.NaN(), 0, false},
	}
	for _, tc := range tests {
		got, ok := a.TimeAt(tc.d)
		if ok != tc.ok || ok && math.Abs(got.Sub(t0).Seconds()-tc.want) > 1e-9 {
			t.Errorf("TimeAt(%v) = %v, %v; want %v s, %v", tc.d, got.Sub(t0), ok, tc.want, tc.ok)
		}
	}
	for _, tc := range []struct{ s, want float64 }{{-1, 0}, {10, 50}, {25, 100}, {62.5, 300}, {200, 500}} {
		if got := a.DistanceAt(t0.Add(time.Duration(tc.s * float64(time.Second)))); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("DistanceAt(%v s) = %v, want %v", tc.s, got, tc.want)
		}
	}
	if a.Distance() != 500 || a.Duration() != 95*time.Second {
		t.Errorf("distance %v duration %v", a.Distance(), a.Duration())
	}
	var empty lapkit.Activity
	if _, ok := empty.TimeAt(0); ok || !math.IsNaN(empty.DistanceAt(t0)) || !math.IsNaN(empty.Distance()) || empty.Duration() != 0 {
		t.Error("empty activity")
	}
}

func TestMovingTime(t *testing.T) {
	a := track([]float64{0, 100, 200, 300}, []float64{0, 1, 2, 3})
	a.Pauses = []lapkit.Pause{{Start: t0.Add(50 * time.Second), End: t0.Add(70 * time.Second)},
		{Start: t0.Add(290 * time.Second), End: t0.Add(400 * time.Second)}}
	if got := a.MovingTime(); got != 270*time.Second {
		t.Errorf("MovingTime = %v, want 4m30s", got)
	}
	if got := a.MovingBetween(t0.Add(60*time.Second), t0.Add(80*time.Second)); got != 10*time.Second {
		t.Errorf("MovingBetween = %v, want 10s", got)
	}
	if got := a.MovingBetween(t0.Add(80*time.Second), t0.Add(60*time.Second)); got != 0 {
		t.Errorf("reversed MovingBetween = %v", got)
	}
	// Pauses a caller wrote overlapping (50-70 s twice over, 60-100 s):
	// time they share counts once, and never below 0.
	a.Pauses = []lapkit.Pause{{Start: t0.Add(50 * time.Second), End: t0.Add(70 * time.Second)},
		{Start: t0.Add(50 * time.Second), End: t0.Add(70 * time.Second)},
		{Start: t0.Add(60 * time.Second), End: t0.Add(100 * time.Second)}}
	if got := a.MovingTime(); got != 250*time.Second {
		t.Errorf("MovingTime with overlapping pauses = %v, want 4m10s", got)
	}
	a.Pauses = []lapkit.Pause{{Start: t0, End: t0.Add(400 * time.Second)}, {Start: t0, End: t0.Add(400 * time.Second)}}
	if got := a.MovingTime(); got != 0 {
		t.Errorf("MovingTime paused twice over = %v, want 0", got)
	}
}

func TestExpand(t *testing.T) {
	// warm-up; 3 x (2 x (rep, rest), set rest); cool-down
	w := lapkit.Workout{Steps: []lapkit.WorkoutStep{
		{Index: 0, Intensity: lapkit.IntensityWarmup},
		{Index: 1, Intensity: lapkit.IntensityActive},
		{Index: 2, Intensity: lapkit.IntensityRest},
		{Index: 3, Duration: lapkit.DurationRepeat, RepeatFrom: 1, Repeats: 2},
		{Index: 4, Intensity: lapkit.IntensityRecovery},
		{Index: 5, Duration: lapkit.DurationRepeat, RepeatFrom: 1, Repeats: 3},
		{Index: 6, Intensity: lapkit.IntensityCooldown},
		{Index: 7, Duration: lapkit.DurationRepeat, RepeatFrom: 9, Repeats: 2}, // forward: ignored
	}}
	var got []int
	for _, s := range w.Expand() {
		got = append(got, s.Index)
	}
	want := []int{0, 1, 2, 1, 2, 4, 1, 2, 1, 2, 4, 1, 2, 1, 2, 4, 6}
	if len(got) != len(want) {
		t.Fatalf("Expand = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Expand = %v, want %v", got, want)
		}
	}
	bomb := lapkit.Workout{Steps: []lapkit.WorkoutStep{{Index: 0}, {Index: 1, Duration: lapkit.DurationRepeat, Repeats: 1 << 30}}}
	if n := len(bomb.Expand()); n != lapkit.MaxExpandedSteps {
		t.Errorf("hostile repeat expanded to %d steps", n)
	}
}

func TestEnumText(t *testing.T) {
	for tr := lapkit.LapTriggerUnknown; tr <= lapkit.LapTriggerHeartRate; tr++ {
		b, _ := tr.MarshalText()
		var back lapkit.LapTrigger
		if err := back.UnmarshalText(b); err != nil || back != tr {
			t.Errorf("trigger %v round-trips to %v, %v", tr, back, err)
		}
	}
	for in := lapkit.IntensityUnknown; in <= lapkit.IntensityRecovery; in++ {
		b, _ := in.MarshalText()
		var back lapkit.Intensity
		if err := back.UnmarshalText(b); err != nil || back != in {
			t.Errorf("intensity %v round-trips to %v, %v", in, back, err)
		}
	}
	var tr lapkit.LapTrigger
	if tr.UnmarshalText([]byte("sideways")) == nil {
		t.Error("unknown trigger accepted")
	}
}

func TestFormatClock(t *testing.T) {
	for d, want := range map[time.Duration]string{
		65*time.Second + 4*time.Millisecond: "1:05.0",
		92318 * time.Millisecond:            "1:32.3",
		59960 * time.Millisecond:            "1:00.0",
		3723400 * time.Millisecond:          "1:02:03.4",
		-1200 * time.Millisecond:            "-0:01.2",
		0:                                   "0:00.0",
	} {
		if got := lapkit.FormatClock(d); got != want {
			t.Errorf("FormatClock(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestFormatSeconds(t *testing.T) {
	for d, want := range map[time.Duration]string{
		263 * time.Second:           "4:23",
		263500 * time.Millisecond:   "4:24", // half a second rounds away from zero
		59600 * time.Millisecond:    "1:00",
		3663 * time.Second:          "1:01:03",
		3599600 * time.Millisecond:  "1:00:00",
		-5 * time.Second:            "-0:05",
		0:                           "0:00",
		100*time.Hour + time.Second: "100:00:01",
	} {
		if got := lapkit.FormatSeconds(d); got != want {
			t.Errorf("FormatSeconds(%v) = %q, want %q", d, got, want)
		}
	}
}

// TestLocate holds the edge rules of the one interpolation: clamped at the
// ends, exact at a sample (a NaN in the next sample does not leak), linear
// in time between, NaN where a neighbour is.
func TestLocate(t *testing.T) {
	t0 := time.Date(2026, 12, 6, 7, 0, 0, 0, time.UTC)
	var s []lapkit.Sample
	for i, d := range []float64{0, 10, 10, 30, math.NaN()} {
		x := lapkit.NewSample(lapkit.At(t0.Add(time.Duration(i) * time.Second)))
		x.Distance = d
		s = append(s, x)
	}
	s[2].Time = s[1].Time // two samples at one time
	dist := func(x *lapkit.Sample) float64 { return x.Distance }
	for _, c := range []struct {
		at   time.Duration
		want lapkit.Between
		v    float64
	}{
		{-time.Second, lapkit.Between{I: 0}, 0},
		{0, lapkit.Between{I: 0}, 0},
		{250 * time.Millisecond, lapkit.Between{I: 0, F: 0.25}, 2.5},
		{time.Second, lapkit.Between{I: 1}, 10},
		{2500 * time.Millisecond, lapkit.Between{I: 2, F: 0.75}, 25},
		{3 * time.Second, lapkit.Between{I: 3}, 30},
		{3500 * time.Millisecond, lapkit.Between{I: 3, F: 0.5}, math.NaN()},
		{time.Hour, lapkit.Between{I: 4}, math.NaN()},
	} {
		b := lapkit.Locate(s, t0.Add(c.at))
		if v := b.Value(s, dist); b != c.want || !(v == c.v || math.IsNaN(v) && math.IsNaN(c.v)) {
			t.Errorf("at %v: %+v, %v; want %+v, %v", c.at, b, v, c.want, c.v)
		}
	}
	if b := lapkit.Locate(nil, t0); b.I != -1 || !math.IsNaN(b.Value(nil, dist)) {
		t.Errorf("no samples: %+v", b)
	}
}
