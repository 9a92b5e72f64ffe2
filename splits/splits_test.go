package splits_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/gpx"
	"github.com/lapkit/lapkit/internal/testkit/synth"
	"github.com/lapkit/lapkit/splits"
)

// decodeFIT renders a synthetic session as FIT and decodes it.
func decodeFIT(t testing.TB, s synth.Session, m synth.LapMode) *lapkit.Activity {
	t.Helper()
	b, err := s.FIT(m)
	if err != nil {
		t.Fatal(err)
	}
	a, err := fit.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func near(a, b time.Duration, tol time.Duration) bool {
	d := a - b
	return d <= tol && d >= -tol
}

// At 4 m/s every 1 s sample lands on a whole centimetre, FIT's distance
// resolution, so the interpolated crossings are exact.
func constant(smart bool, pause bool) synth.Session {
	s := synth.Constant(5000, 4)
	s.Smart = smart
	if pause {
		// 60 s stop at 5:00 moving, inside quarter mile 3 (201.2-301.8 s).
		s.Pauses = []synth.Pause{{At: 5 * time.Minute, Duration: time.Minute}}
	}
	return s
}

func TestQuarterMilesConstantPace(t *testing.T) {
	per := time.Duration(lapkit.QuarterMile / 4 * float64(time.Second)) // 100.584 s
	for _, tc := range []struct {
		name         string
		smart, pause bool
	}{{"1 Hz", false, false}, {"smart recording", true, false}, {"pause", false, true}, {"smart with pause", true, true}} {
		a := decodeFIT(t, constant(tc.smart, tc.pause), synth.LapsNone)
		sp, _ := splits.ByDistance(a, lapkit.QuarterMile)
		if len(sp) != 13 {
			t.Fatalf("%s: %d splits, want 12 full and 1 partial", tc.name, len(sp))
		}
		var elapsed, moving time.Duration
		var dist float64
		for i, s := range sp {
			want := per
			if i == 12 {
				want = time.Duration((5000 - 12*lapkit.QuarterMile) / 4 * float64(time.Second))
			}
			wantElapsed := want
			if tc.pause && i == 2 {
				wantElapsed += time.Minute
			}
			if !near(s.Moving, want, time.Millisecond) || !near(s.Elapsed, wantElapsed, time.Millisecond) {
				t.Errorf("%s: split %d moving %v elapsed %v, want %v %v", tc.name, i+1, s.Moving, s.Elapsed, want, wantElapsed)
			}
			if (i == 12) != s.Partial || s.N != i+1 {
				t.Errorf("%s: split %d partial %v n %d", tc.name, i+1, s.Partial, s.N)
			}
			if i < 12 && math.Abs(s.Distance-lapkit.QuarterMile) > 1e-6 {
				t.Errorf("%s: split %d distance %v", tc.name, i+1, s.Distance)
			}
			// Pace is the watch's: moving time per distance.
			if i < 12 && !near(s.Pace(), 250*time.Second, time.Millisecond) {
				t.Errorf("%s: split %d pace %v, want 4:10/km", tc.name, i+1, s.Pace())
			}
			elapsed += s.Elapsed
			moving += s.Moving
			dist += s.Distance
		}
		if !near(elapsed, a.Duration(), time.Microsecond) || !near(moving, a.MovingTime(), time.Microsecond) || math.Abs(dist-a.Distance()) > 1e-6 {
			t.Errorf("%s: splits add to %v %v %.3f m, activity %v %v %.3f m", tc.name, elapsed, moving, dist, a.Duration(), a.MovingTime(), a.Distance())
		}
		// The boundary times themselves, from the start.
		wantEnd := 3*per + map[bool]time.Duration{true: time.Minute}[tc.pause]
		if !near(sp[2].EndOffset, wantEnd, time.Millisecond) {
			t.Errorf("%s: split 3 ends at %v, want %v", tc.name, sp[2].EndOffset, wantEnd)
		}
	}
}

func TestStats(t *testing.T) {
	a := decodeFIT(t, constant(false, false), synth.LapsNone)
	sp, _ := splits.ByDistance(a, 1000)
	if len(sp) != 5 || sp[4].Partial {
		t.Fatalf("%d splits, last partial %v: 5 km in 1 km splits are 5 full", len(sp), sp[len(sp)-1].Partial)
	}
	s := sp[4]
	// Heart rate settles at 160 bpm; cadence 150 + 8 x 4 m/s = 182.
	if math.IsNaN(s.AvgHeartRate) || math.Abs(s.AvgHeartRate-160) > 0.5 || s.MaxHeartRate != 160 || s.AvgCadence != 182 {
		t.Errorf("split 5 hr %v/%v cadence %v", s.AvgHeartRate, s.MaxHeartRate, s.AvgCadence)
	}
	// Altitude is 100 + 5 sin(d/200): the climbs and descents of a km.
	var up, down float64
	prev := 100 + 5*math.Sin(4000/200.0)
	for d := 4004.0; d <= 5000; d += 4 {
		v := 100 + 5*math.Sin(d/200)
		if v > prev {
			up += v - prev
		} else {
			down += prev - v
		}
		prev = v
	}
	if math.Abs(s.Ascent-up) > 0.5 || math.Abs(s.Descent-down) > 0.5 {
		t.Errorf("ascent %v descent %v, want %.1f %.1f", s.Ascent, s.Descent, up, down)
	}
	// Without heart rate: NaN, absent.
	for i := range a.Samples {
		a.Samples[i].HeartRate = math.NaN()
	}
	km, _ := splits.ByDistance(a, 1000)
	if !math.IsNaN(km[0].AvgHeartRate) || !math.IsNaN(km[0].MaxHeartRate) {
		t.Errorf("without heart rate: %v %v", km[0].AvgHeartRate, km[0].MaxHeartRate)
	}
}

// TestRepSplits: the 200 m splits of each 400 m rep of the 3x4x400
// session, and the quarter miles of the GPX rendering, from the truth.
func TestRepSplits(t *testing.T) {
	se := synth.SpeedEndurance()
	a := decodeFIT(t, se, synth.LapsWorkout)
	reps := 0
	for _, m := range se.Truth() {
		if m.Label != "rep" {
			continue
		}
		reps++
		sp, _ := splits.InRange(a, m.Start, m.End, 200)
		if len(sp) != 2 || !sp[0].Start.Equal(m.Start) || !sp[1].End.Equal(m.End) {
			t.Fatalf("rep %d: %+v", reps, sp)
		}
		// Against a plain linear interpolation over the samples.
		d0 := naiveDist(a, m.Start)
		if want := naiveTime(a, d0+200); !near(sp[0].End.Sub(want), 0, time.Microsecond) {
			t.Errorf("rep %d: 200 m at %v, naive %v", reps, sp[0].End, want)
		}
		// Reps that start and end on a sample are exact against the
		// truth. The others begin or end between two 1 s samples, one
		// of them standing, and the straight line between them moves
		// the boundary by up to half a sample of running (1.6 m).
		half := m.End.Sub(m.Start) / 2
		if m.Start.Nanosecond() == 0 && m.End.Nanosecond() == 0 {
			if !near(sp[0].Elapsed, half, 2*time.Millisecond) || !near(sp[1].Elapsed, half, 2*time.Millisecond) {
				t.Errorf("rep %d: %v + %v, want 2 x %v", reps, sp[0].Elapsed, sp[1].Elapsed, half)
			}
		} else if math.Abs(sp[1].Distance-200) > 3.2 {
			t.Errorf("rep %d: second 200 m is %.2f m", reps, sp[1].Distance)
		}
		if math.Abs(sp[0].Distance-200) > 1e-6 {
			t.Errorf("rep %d: first split %.3f m", reps, sp[0].Distance)
		}
	}
	if reps != 12 {
		t.Fatalf("%d reps", reps)
	}
}

func TestByTime(t *testing.T) {
	a := decodeFIT(t, constant(true, false), synth.LapsNone)
	sp, _ := splits.ByTime(a, time.Minute)
	if len(sp) != 21 || !sp[20].Partial || sp[19].Partial {
		t.Fatalf("%d splits", len(sp))
	}
	for i, s := range sp[:20] {
		if math.Abs(s.Distance-240) > 1e-6 || s.Elapsed != time.Minute {
			t.Errorf("minute %d: %.3f m in %v", i+1, s.Distance, s.Elapsed)
		}
	}
	if s := sp[20]; s.Elapsed != 50*time.Second || math.Abs(s.Distance-200) > 1e-6 {
		t.Errorf("last: %.3f m in %v", s.Distance, s.Elapsed)
	}
}

func TestStopSpeed(t *testing.T) {
	// Standing 60 s mid-run with the timer running: a watch counts it,
	// Strava's stop speed does not.
	s := synth.Session{Start: synth.Epoch, Parts: []synth.Part{
		{Distance: 1000, Speed: 4, Step: -1}, {Duration: time.Minute, Step: -1}, {Distance: 1000, Speed: 4, Step: -1},
	}}
	a := decodeFIT(t, s, synth.LapsNone)
	watch, _ := splits.ByDistance(a, 2000)
	strava, _ := (&splits.Splitter{StopSpeed: splits.StravaStopSpeed}).ByDistance(a, 2000)
	if len(watch) != 1 || watch[0].Moving != 560*time.Second || strava[0].Moving != 500*time.Second || strava[0].Elapsed != 560*time.Second {
		t.Errorf("watch %v, strava %v / %v", watch[0].Moving, strava[0].Moving, strava[0].Elapsed)
	}
}

func TestPositions(t *testing.T) {
	// The GPX rendering: distance from positions (8 decimals, about 1 mm).
	s := constant(false, false)
	a, err := gpx.Decode(bytes.NewReader(s.GPX(nil)))
	if err != nil {
		t.Fatal(err)
	}
	sp, _ := splits.ByDistance(a, lapkit.QuarterMile)
	for i, x := range sp[:12] {
		if !near(x.Elapsed, 100584*time.Millisecond, time.Millisecond) {
			t.Errorf("GPX split %d: %v", i+1, x.Elapsed)
		}
	}
	// Forcing positions on the FIT gives the same within the semicircle
	// resolution of FIT positions (about 1 cm).
	f := decodeFIT(t, s, synth.LapsNone)
	pos, _ := (&splits.Splitter{Positions: true}).ByDistance(f, lapkit.QuarterMile)
	if len(pos) != 13 || !near(pos[5].Elapsed, 100584*time.Millisecond, 10*time.Millisecond) {
		t.Errorf("positions: %d splits, split 6 %v", len(pos), pos[5].Elapsed)
	}
}

func TestBest(t *testing.T) {
	a := decodeFIT(t, synth.SpeedEndurance(), synth.LapsNone)
	best := splits.Best(a, 400, 100, 20000)
	if len(best) != 2 {
		t.Fatalf("%d efforts (20 km is longer than the session)", len(best))
	}
	// The fastest 400 m is the first rep (65.0 s); the fastest 100 m a
	// stride (17 s) is slower than 100 m of a rep (16.25 s).
	if !near(best[0].Elapsed, 65*time.Second, 2*time.Millisecond) || !near(best[1].Elapsed, 16250*time.Millisecond, 2*time.Millisecond) {
		t.Errorf("best 400 %v, best 100 %v", best[0].Elapsed, best[1].Elapsed)
	}
	se := synth.SpeedEndurance()
	rep1 := se.Truth()[14]
	if rep1.Label != "rep" || !near(best[0].Start.Sub(rep1.Start), 0, 2*time.Millisecond) {
		t.Errorf("best 400 starts %v, rep 1 at %v (%s)", best[0].Start, rep1.Start, rep1.Label)
	}
}

func TestVerdict(t *testing.T) {
	mk := func(secs ...float64) []splits.Split {
		var out []splits.Split
		for i, s := range secs {
			d := time.Duration(s * float64(time.Second))
			out = append(out, splits.Split{N: i + 1, Distance: 400, Moving: d, Elapsed: d})
		}
		return out
	}
	tests := []struct {
		secs  []float64
		kind  splits.PacingKind
		slope float64 // s/km per split
	}{
		{[]float64{65, 65, 65, 65}, splits.PacingEven, 0},
		{[]float64{64, 65, 66, 67}, splits.PacingPositive, 2.5},
		{[]float64{67, 66, 65, 64}, splits.PacingNegative, -2.5},
		{[]float64{65, 65.2, 65.3}, splits.PacingEven, 0.375},
		{[]float64{65}, splits.PacingUnknown, 0},
	}
	for _, tc := range tests {
		p := splits.Verdict(mk(tc.secs...))
		if p.Kind != tc.kind || math.Abs(p.Slope-tc.slope) > 1e-9 {
			t.Errorf("%v: %v slope %v, want %v %v", tc.secs, p.Kind, p.Slope, tc.kind, tc.slope)
		}
	}
	p := splits.Verdict(mk(64, 65, 66, 67))
	if p.FirstHalf != 161250*time.Millisecond || p.SecondHalf != 166250*time.Millisecond || math.Abs(p.Change-5.0/161.25) > 1e-12 {
		t.Errorf("halves %v %v change %v", p.FirstHalf, p.SecondHalf, p.Change)
	}
}

// TestBadLengths: split lengths a user can type by mistake are errors that
// name the value, never a panic or an unbounded allocation.
func TestBadLengths(t *testing.T) {
	a := decodeFIT(t, constant(false, false), synth.LapsNone) // 5 km in 20 min
	for _, c := range []struct {
		every float64
		want  error
	}{
		{0, splits.ErrLength}, {-1, splits.ErrLength}, {math.NaN(), splits.ErrLength}, {math.Inf(1), splits.ErrLength},
		{1e-10, splits.ErrLength}, {0.5, splits.ErrLength}, {0.0001, splits.ErrLength},
		{1, nil}, {1e308, nil},
	} {
		sp, err := splits.ByDistance(a, c.every)
		if !errors.Is(err, c.want) || err != nil && !strings.Contains(err.Error(), fmt.Sprint(c.every)) {
			t.Errorf("ByDistance(%v): %v, want %v naming the value", c.every, err, c.want)
		}
		if c.want == nil && len(sp) == 0 {
			t.Errorf("ByDistance(%v): no split", c.every)
		}
	}
	for _, c := range []struct {
		every time.Duration
		want  error
	}{
		{0, splits.ErrLength}, {-time.Second, splits.ErrLength}, {time.Nanosecond, splits.ErrLength},
		{time.Second, nil}, {math.MaxInt64, nil},
	} {
		if _, err := splits.ByTime(a, c.every); !errors.Is(err, c.want) {
			t.Errorf("ByTime(%v): %v, want %v", c.every, err, c.want)
		}
	}
	// More than MaxSplits: an error before anything is allocated.
	long := decodeFIT(t, synth.Constant(200e3, 5), synth.LapsNone) // 200 km
	if _, err := splits.ByDistance(long, 1); !errors.Is(err, splits.ErrTooMany) {
		t.Errorf("200 km in 1 m splits: %v", err)
	}
	allocs := testing.AllocsPerRun(3, func() { splits.ByDistance(long, 1) })
	if allocs > 10 {
		t.Errorf("refusing 200,000 splits allocates %v times", allocs)
	}
	if sp, err := splits.ByDistance(&lapkit.Activity{}, 400); sp != nil || err != nil {
		t.Errorf("empty activity: %v %v", sp, err)
	}
}

// naiveDist and naiveTime interpolate the distance curve the plainest way,
// as a reference.
func naiveDist(a *lapkit.Activity, t time.Time) float64 {
	s := a.Samples
	for i := 1; i < len(s); i++ {
		if !s[i].Time.Before(lapkit.At(t)) {
			f := t.Sub(s[i-1].Time.UTC()).Seconds() / s[i].Time.Sub(s[i-1].Time).Seconds()
			return s[i-1].Distance + f*(s[i].Distance-s[i-1].Distance)
		}
	}
	return s[len(s)-1].Distance
}

func naiveTime(a *lapkit.Activity, d float64) time.Time {
	s := a.Samples
	for i := 1; i < len(s); i++ {
		if s[i].Distance >= d {
			f := (d - s[i-1].Distance) / (s[i].Distance - s[i-1].Distance)
			return s[i-1].Time.Add(time.Duration(f * float64(s[i].Time.Sub(s[i-1].Time)))).UTC()
		}
	}
	return s[len(s)-1].Time.UTC()
}

// TestBoundsAreInRanges: Bounds gives the times InRange's splits start at
// and the last one ends at, over ranges of the 3 x 4 x 400 m session
// every 37 s and lengths from 2 m to 1 km.
func TestBoundsAreInRanges(t *testing.T) {
	a := decodeFIT(t, synth.SpeedEndurance(), synth.LapsManual)
	var sp splits.Splitter
	n := 0
	for from := a.Start.Add(-time.Minute); from.Before(a.End()); from = from.Add(37 * time.Second) {
		for _, every := range []float64{2, 133.3, 200, 1000} {
			to := from.Add(time.Duration(n%7+1) * time.Minute)
			n++
			got, gerr := sp.Bounds(a, from, to, every)
			want, werr := sp.InRange(a, from, to, every)
			if fmt.Sprint(gerr) != fmt.Sprint(werr) || len(want) == 0 && len(got) > 1 || len(want) > 0 && len(got) != len(want)+1 {
				t.Fatalf("%v-%v every %g: %d bounds, %v; %d splits, %v", from, to, every, len(got), gerr, len(want), werr)
			}
			for i, x := range want {
				if !x.Start.Equal(got[i]) || !x.End.Equal(got[i+1]) {
					t.Fatalf("%v-%v every %g: split %d %v-%v, bounds %v-%v", from, to, every, i, x.Start, x.End, got[i], got[i+1])
				}
			}
		}
	}
}
