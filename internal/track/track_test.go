package track

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
)

var t0 = time.Date(2026, 5, 5, 17, 30, 0, 0, time.UTC)

func sample(sec, dist float64) lapkit.Sample {
	s := lapkit.NewSample(lapkit.At(t0.Add(time.Duration(sec * float64(time.Second)))))
	s.Distance = dist
	return s
}

// finished returns the activity of one sample a second with distances d,
// through Finish.
func finished(d []float64) *lapkit.Activity {
	a := &lapkit.Activity{}
	for i, v := range d {
		a.Samples = append(a.Samples, sample(float64(i), v))
	}
	Finish(a)
	return a
}

// checkDistances compares a's sample distances with want.
func checkDistances(t *testing.T, name string, a *lapkit.Activity, want []float64) {
	t.Helper()
	for i, w := range want {
		if math.Abs(a.Samples[i].Distance-w) > 1e-9 {
			t.Errorf("%s: sample %d at %v m, want %v", name, i, a.Samples[i].Distance, w)
		}
	}
}

func TestFinishRepairs(t *testing.T) {
	nan := math.NaN()
	a := &lapkit.Activity{Samples: []lapkit.Sample{
		sample(0, nan), sample(1, 5), sample(2, nan), sample(3, 15),
		sample(3, nan),  // repeated time: merged
		sample(2.5, 11), // out of order: put back between 2 and 3
		sample(4, 14),   // distance backwards: held at 15
		lapkit.NewSample(lapkit.At(time.Time{})),
		sample(5, 25), sample(6, nan),
	}}
	a.Samples[4].HeartRate = 150
	Finish(a)
	wantT := []float64{0, 1, 2, 2.5, 3, 4, 5, 6}
	// The first sample, without a distance, starts from 0: the device
	// counts from the timer's start.
	wantD := []float64{0, 5, 9, 11, 15, 15, 25, 25}
	if len(a.Samples) != len(wantT) {
		t.Fatalf("%d samples", len(a.Samples))
	}
	for i := range wantT {
		s := a.Samples[i]
		if s.Time.Sub(lapkit.At(t0)).Seconds() != wantT[i] || s.Distance != wantD[i] {
			t.Errorf("sample %d = %v s %v m, want %v s %v m", i, s.Time.Sub(lapkit.At(t0)).Seconds(), s.Distance, wantT[i], wantD[i])
		}
	}
	if a.Samples[4].HeartRate != 150 {
		t.Error("repeated sample's heart rate not merged")
	}
	if a.DroppedSamples() != 2 || a.DistanceSource != "device" || !a.Start.Equal(t0) {
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
	// The clock after the jump is kept; the samples before move forward.
	if later := t0.Add(time.Duration(20*day) * time.Second); !a.Samples[3].Time.Equal(lapkit.At(later)) || !a.Laps[1].Start.Equal(later) ||
		!a.Laps[0].End.Equal(later) || a.Laps[0].Start.Sub(a.Start) != 0 || a.Start.Sub(t0) != time.Duration(20*day-15)*time.Second {
		t.Errorf("start %v, laps %+v", a.Start, a.Laps)
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
		s := lapkit.NewSample(lapkit.At(t0.Add(time.Duration(i) * 30 * time.Second)))
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
		s := lapkit.NewSample(lapkit.At(t0.Add(time.Duration(i) * time.Second)))
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
	kinds := map[lapkit.NoteKind]int{}
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
			s := lapkit.NewSample(lapkit.At(t0.Add(time.Duration(i) * time.Second)))
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

// TestClockBack: a file written in local time without a zone goes through
// the end of daylight saving time (03:00 becomes 02:00) mid-run. The hour
// after the change is kept, moved forward to follow on at one sample
// interval (02:00:00 winter time becomes 03:00:00, 2 s after 02:59:58), and the lap that starts after it moves with it; one sample an
// hour back alone is dropped; a sample 3 s out of order is put back.
func TestClockBack(t *testing.T) {
	local := func(h, m, s int) time.Time { return time.Date(2026, 10, 25, h, m, s, 0, time.UTC) }
	var samples []lapkit.Sample
	d := 0.0
	add := func(tm time.Time) {
		x := lapkit.NewSample(lapkit.At(tm))
		x.Distance = d
		d += 3
		samples = append(samples, x)
	}
	const step = 2 * time.Second // smart recording
	for tm := local(2, 30, 0); tm.Before(local(3, 0, 0)); tm = tm.Add(step) {
		add(tm) // 02:30:00-02:59:58, summer time
	}
	for tm := local(2, 0, 0); !tm.After(local(2, 20, 0)); tm = tm.Add(step) {
		add(tm) // 02:00:00-02:20:00 again, winter time
	}
	n := len(samples) // 1501
	// One glitched sample an hour back, and one 3 s out of order.
	g := lapkit.NewSample(lapkit.At(local(1, 10, 0)))
	g.Distance = d
	samples = append(samples[:1300:1300], append([]lapkit.Sample{g}, samples[1300:]...)...)
	samples[100], samples[101] = samples[101], samples[100]
	a := &lapkit.Activity{Samples: samples, Laps: []lapkit.Lap{
		{Start: local(2, 30, 0), End: local(2, 50, 0)},
		{Start: local(2, 50, 0), End: local(2, 10, 0)}, // spans the change
		{Start: local(2, 10, 0), End: local(2, 20, 0)},
	}}
	Finish(a)
	if len(a.Samples) != n {
		t.Fatalf("%d samples, want %d", len(a.Samples), n)
	}
	if got := a.Duration(); got != time.Duration(n-1)*step {
		t.Errorf("duration %v, want %v", got, time.Duration(n-1)*step)
	}
	for i := 1; i < len(a.Samples); i++ {
		if dt := a.Samples[i].Time.Sub(a.Samples[i-1].Time); dt != step {
			t.Fatalf("sample %d is %v after the one before", i, dt)
		}
	}
	if got := a.Distance(); got != float64(n-1)*3 {
		t.Errorf("distance %v, want %v", got, float64(n-1)*3)
	}
	if a.DroppedSamples() != 1 {
		t.Errorf("%d samples dropped, want the one glitch", a.DroppedSamples())
	}
	wantLaps := [][2]time.Time{
		{local(2, 30, 0), local(2, 50, 0)},
		{local(2, 50, 0), local(3, 10, 0)},
		{local(3, 10, 0), local(3, 20, 0)},
	}
	for i, w := range wantLaps {
		if l := a.Laps[i]; !l.Start.Equal(w[0]) || !l.End.Equal(w[1]) {
			t.Errorf("lap %d %v-%v, want %v-%v", i+1, l.Start, l.End, w[0], w[1])
		}
	}
	kinds := map[lapkit.NoteKind]int{}
	for _, note := range a.Notes {
		kinds[note.Kind] += note.Count
	}
	if kinds[lapkit.NoteClockBack] != 601 || kinds[lapkit.NoteTimeBackwards] != 1 || kinds[lapkit.NoteOutOfOrder] != 1 {
		t.Errorf("notes %v", a.Notes)
	}
}

// TestPositionSpikeNotes: each skipped position is noted at its time, so
// that the rep it falls in can be flagged.
func TestPositionSpikeNotes(t *testing.T) {
	var s []lapkit.Sample
	for k := range 100 {
		x := lapkit.NewSample(lapkit.At(t0.Add(time.Duration(k) * time.Second)))
		x.Lat, x.Lon = 59.9+float64(k)*2e-5, 10.7
		s = append(s, x)
	}
	s[40].Lat += 0.045 // 5 km north for one sample
	s[70].Lon += 0.09
	a := &lapkit.Activity{Samples: s}
	Finish(a)
	var at []float64
	for _, n := range a.Notes {
		if n.Kind == lapkit.NoteDistanceSpike {
			at = append(at, n.Time.Sub(t0).Seconds())
		}
	}
	if len(at) != 2 || at[0] != 40 || at[1] != 70 {
		t.Errorf("spike notes at %v s, want 40 and 70", at)
	}
	if d := a.Distance(); math.Abs(d-99*2.224) > 0.5 {
		t.Errorf("distance %.1f m, want %.1f", d, 99*2.224)
	}
}

// TestFrozenPosition: a position repeated for 10 s while the runner ran on
// at 5 m/s, then caught up in one step, is spread over the time and noted;
// the same position held for 60 s by a runner standing still is left.
func TestFrozenPosition(t *testing.T) {
	var s []lapkit.Sample
	lat := 59.9
	for k := range 200 {
		x := lapkit.NewSample(lapkit.At(t0.Add(time.Duration(k) * time.Second)))
		if k <= 100 || k > 160 { // standing between
			lat += 5 / 111194.93
		}
		x.Lat, x.Lon = lat, 10.7
		if k > 50 && k <= 60 {
			x.Lat = s[50].Lat // frozen at sample 50's position
		}
		s = append(s, x)
	}
	a := &lapkit.Activity{Samples: s}
	Finish(a)
	for k := 50; k <= 61; k++ {
		if got, want := a.Samples[k].Distance-a.Samples[50].Distance, float64(k-50)*5; math.Abs(got-want) > 0.01 {
			t.Errorf("sample %d is %.2f m after sample 50, want %.2f", k, got, want)
		}
	}
	if d := a.Samples[160].Distance - a.Samples[100].Distance; d != 0 {
		t.Errorf("standing still moved %.2f m", d)
	}
	var notes []float64
	for _, n := range a.Notes {
		if n.Kind == lapkit.NotePositionFrozen {
			notes = append(notes, n.Time.Sub(t0).Seconds())
		}
	}
	if len(notes) != 1 || notes[0] != 50 {
		t.Errorf("frozen notes at %v s, want 50", notes)
	}
}

func TestCheck(t *testing.T) {
	ok := &lapkit.Activity{Samples: []lapkit.Sample{sample(0, 0), sample(1, 3), sample(2, 3)}}
	Finish(ok)
	if err := Check(ok); err != nil {
		t.Errorf("a finished activity: %v", err)
	}
	for name, s := range map[string][]lapkit.Sample{
		"time back":      {sample(0, 0), sample(1, 3), sample(0.5, 4)},
		"time repeated":  {sample(0, 0), sample(1, 3), sample(1, 4)},
		"distance back":  {sample(0, 0), sample(1, 3), sample(2, 2)},
		"distance gap":   {sample(0, 0), sample(1, math.NaN()), sample(2, 2)},
		"infinite speed": {sample(0, 0), sample(1, 3), sample(2, math.Inf(1))},
	} {
		if err := Check(&lapkit.Activity{Start: t0, Samples: s}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestClockCorrected: a watch that starts with a wrong clock (two years
// ahead) and corrects it from GPS after 5 samples keeps the corrected
// times; the 5 samples before move back to follow on at one interval.
func TestClockCorrected(t *testing.T) {
	var s []lapkit.Sample
	for k := range 5 {
		s = append(s, sample(2*365*24*3600+float64(k), float64(k)))
	}
	for k := range 100 {
		s = append(s, sample(float64(k), float64(5+k)))
	}
	a := &lapkit.Activity{Samples: s}
	Finish(a)
	if len(a.Samples) != 105 {
		t.Fatalf("%d samples", len(a.Samples))
	}
	for i, x := range a.Samples {
		if got := x.Time.Sub(lapkit.At(t0)).Seconds(); got != float64(i-5) {
			t.Fatalf("sample %d at %v s, want %d", i, got, i-5)
		}
	}
	if n := a.Notes; len(n) != 1 || n[0].Kind != lapkit.NoteClockBack {
		t.Errorf("notes %v", n)
	}
}

// TestUnreachableBeforeReset: a drop from a value no one could have reached
// since the start is not a counter reset; the value is a spike, at the
// start (the first sample then takes 0) or after a held legitimate start.
func TestUnreachableBeforeReset(t *testing.T) {
	const garbage = 42949672.92
	for _, c := range []struct {
		name  string
		d     []float64
		want  []float64
		spike int
	}{
		{"first", []float64{garbage, 3, 6, 9, 12}, []float64{0, 3, 6, 9, 12}, 1},
		{"first two", []float64{garbage, garbage, 6, 9, 12}, []float64{0, 3, 6, 9, 12}, 2},
		// A counter that starts from 300 m and restarts once it could
		// have been reached is a reset (TestDespike); one from 150 m at
		// the first second could not have been.
		{"150 m at once", []float64{150, 3, 6, 9, 12}, []float64{0, 3, 6, 9, 12}, 1},
	} {
		a := finished(c.d)
		checkDistances(t, c.name, a, c.want)
		kinds := map[lapkit.NoteKind]int{}
		for _, n := range a.Notes {
			kinds[n.Kind] += n.Count
		}
		if kinds[lapkit.NoteDistanceSpike] != c.spike || kinds[lapkit.NoteDistanceReset] != 0 {
			t.Errorf("%s: notes %v", c.name, a.Notes)
		}
	}
}

// TestTotalCrossCheck: a device stream that disagrees with the session's
// own total by more than TotalFactor gives way to a reading that agrees
// (positions; the distance without carrying a reset on), with a note; when
// none agrees the samples are kept, with a note.
func TestTotalCrossCheck(t *testing.T) {
	walk := func(n int, dist func(i int) float64) *lapkit.Activity {
		a := &lapkit.Activity{}
		for i := 0; i < n; i++ {
			s := sample(float64(i), dist(i))
			s.Lat, s.Lon = 59.9+float64(i)*3/111195, 10.7 // 3 m/s north
			a.Samples = append(a.Samples, s)
		}
		return a
	}
	total := func(a *lapkit.Activity) float64 { return a.Distance() - a.Samples[0].Distance }
	check := func(name string, a *lapkit.Activity, want float64, source string) {
		t.Helper()
		if got := total(a); math.Abs(got-want) > want*0.01 {
			t.Errorf("%s: %.1f m, want %.1f", name, got, want)
		}
		if a.DistanceSource != source {
			t.Errorf("%s: source %q, want %q", name, a.DistanceSource, source)
		}
		n := 0
		for _, note := range a.Notes {
			if note.Kind == lapkit.NoteDistanceTotal {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s: notes %v, want one %s", name, a.Notes, lapkit.NoteDistanceTotal)
		}
	}

	// A device distance in feet: positions agree with the session.
	a := walk(600, func(i int) float64 { return float64(i) * 3 * 3.2808 })
	a.Sessions = []lapkit.Session{{Distance: 1797}}
	Finish(a)
	check("feet", a, 1797, "positions")

	// The same stream written twice, the counter restarting between:
	// carried on it doubles; the session counts it once.
	a = walk(600, func(i int) float64 { return float64(i%300) * 3 })
	for i := 300; i < 600; i++ {
		a.Samples[i].Lat, a.Samples[i].Lon = math.NaN(), math.NaN()
	}
	a.Sessions = []lapkit.Session{{Distance: 850}}
	Finish(a)
	check("replayed", a, 897, "device") // 897 m agrees with 850 m within AgreeFactor
	for _, note := range a.Notes {
		if note.Kind == lapkit.NoteDistanceReset {
			t.Errorf("replayed: the reset is not carried on, yet noted: %v", note)
		}
	}

	// Nothing agrees (a file cut short): kept, with a note.
	a = walk(300, func(i int) float64 { return float64(i) * 3 })
	a.Laps = []lapkit.Lap{{Distance: 5000}, {Distance: 6000}}
	Finish(a)
	check("cut", a, 897, "device")

	// Within TotalFactor: nothing to say.
	a = walk(300, func(i int) float64 { return float64(i) * 3 })
	a.Sessions = []lapkit.Session{{Distance: 1500}}
	Finish(a)
	for _, note := range a.Notes {
		t.Errorf("within the factor: note %v", note)
	}
}

// TestLeadingRecordsFromZero: records without distance at the start grow
// from 0 to the first distance written; a first distance no one could have
// reached from 0 in the time (a file cut from a longer one) is held back.
func TestLeadingRecordsFromZero(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		d, want []float64
	}{
		{[]float64{nan, nan, nan, nan, nan, 20, 24}, []float64{0, 4, 8, 12, 16, 20, 24}},
		{[]float64{nan, nan, 5000, 5004}, []float64{5000, 5000, 5000, 5004}},
	} {
		a := finished(c.d)
		checkDistances(t, fmt.Sprint(c.d), a, c.want)
	}
}

// TestJumpKeepsSummaryDay: when the session's own start stands on the
// clock before a jump (a 2021 run whose records jump 64 years ahead), that
// clock stays and the samples after the jump move back.
func TestJumpKeepsSummaryDay(t *testing.T) {
	years := 64 * 365 * 24 * 3600.0
	a := &lapkit.Activity{
		Samples:  []lapkit.Sample{sample(0, 0), sample(5, 20), sample(10, 40), sample(years, 60), sample(years+5, 80)},
		Sessions: []lapkit.Session{{Start: t0, Distance: math.NaN()}},
	}
	Finish(a)
	// The jump closes to one sample interval: 0, 5, 10, 15, 20 s.
	if !a.Start.Equal(t0) || a.Duration() != 20*time.Second {
		t.Errorf("start %v, duration %v; want %v, 20s", a.Start, a.Duration(), t0)
	}
	if !a.Sessions[0].Start.Equal(t0) {
		t.Errorf("session moved to %v", a.Sessions[0].Start)
	}
}

// TestUnglitch: a stretch stamped 791 days ahead moves back between its
// neighbours; the samples before and after it keep their times.
func TestUnglitch(t *testing.T) {
	start := time.Date(2013, 4, 11, 21, 32, 50, 0, time.UTC)
	glitch := 791 * 24 * time.Hour
	a := &lapkit.Activity{}
	for i := 0; i < 30; i++ {
		at := start.Add(time.Duration(i) * 2 * time.Second)
		if i >= 10 && i < 24 {
			at = at.Add(glitch)
		}
		s := lapkit.NewSample(lapkit.At(at))
		s.Distance = float64(10 * i)
		a.Samples = append(a.Samples, s)
	}
	Finish(a)
	if len(a.Samples) != 30 {
		t.Fatalf("%d samples", len(a.Samples))
	}
	for i, s := range a.Samples {
		if want := start.Add(time.Duration(i) * 2 * time.Second); !s.Time.Equal(lapkit.At(want)) {
			t.Errorf("sample %d at %v, want %v", i, s.Time, want)
		}
	}
	if len(a.Notes) != 1 || a.Notes[0].Count != 14 || !strings.Contains(a.Notes[0].Text, "791 days") {
		t.Errorf("notes %v", a.Notes)
	}
}
