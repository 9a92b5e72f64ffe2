package analysis_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"math/rand"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/internal/testkit/synth"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/report"
)

// lapFuzzBase is the generated session whose stream the lap fuzz target
// lays arbitrary laps over: 3 x 4 x 400 m, its samples as a watch writes
// them.
var lapFuzzBase = sync.OnceValues(func() (*lapkit.Activity, error) {
	s := synth.SpeedEndurance()
	b, err := s.FIT(synth.LapsWorkout)
	if err != nil {
		return nil, err
	}
	return fit.Decode(bytes.NewReader(b))
})

// lapsFromBytes reads laps from fuzz bytes, 12 bytes a lap: start and
// length in tenths of a second from the activity's start (signed, so laps
// can start before it, overlap, run backwards or last nothing), then
// trigger, intensity, step index, whether the step is set, and a distance
// and timer scale (255: NaN distance).
func lapsFromBytes(a *lapkit.Activity, b []byte) []lapkit.Lap {
	var laps []lapkit.Lap
	for len(b) >= 12 && len(laps) < 400 {
		start := time.Duration(int32(binary.LittleEndian.Uint32(b[0:]))) * time.Second / 10
		length := time.Duration(int16(binary.LittleEndian.Uint16(b[4:]))) * time.Second / 10
		l := lapkit.Lap{
			Start:          a.Start.Add(start),
			End:            a.Start.Add(start + length),
			Trigger:        lapkit.LapTrigger(b[6] % 8),
			Intensity:      lapkit.Intensity(b[7] % 7),
			WorkoutStep:    int(int8(b[8])),
			HasWorkoutStep: b[9]&1 == 1,
		}
		l.ElapsedTime = length
		l.TimerTime = length * time.Duration(b[10]) / 128
		l.Distance = float64(b[11]) * 20
		if b[11] == 255 {
			l.Distance = math.NaN()
		}
		laps = append(laps, l)
		b = b[12:]
	}
	return laps
}

// lapBytes writes laps as lapsFromBytes reads them (the seeds).
func lapBytes(a *lapkit.Activity, laps []lapkit.Lap) []byte {
	var out []byte
	for _, l := range laps {
		var r [12]byte
		binary.LittleEndian.PutUint32(r[0:], uint32(int32(l.Start.Sub(a.Start)/(time.Second/10))))
		binary.LittleEndian.PutUint16(r[4:], uint16(int16(min(l.End.Sub(l.Start)/(time.Second/10), math.MaxInt16))))
		r[6], r[7], r[8] = byte(l.Trigger), byte(l.Intensity), byte(int8(l.WorkoutStep))
		if l.HasWorkoutStep {
			r[9] = 1
		}
		r[10] = 128
		r[11] = byte(min(254, l.Distance/20))
		out = append(out, r[:]...)
	}
	return out
}

// checkLapDetection runs detection and the report on a with and without a
// plan and checks that nothing panics and the reps are sane: inside the
// activity, in order, not overlapping, with finite figures.
func checkLapDetection(t *testing.T, name string, a *lapkit.Activity, pl *plan.Plan) {
	t.Helper()
	for _, p := range []*plan.Plan{nil, pl} {
		d := analysis.Options{Plan: p}
		s, err := d.Detect(a)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i, r := range s.Reps {
			if r.Start.Before(a.Start) || r.End.After(a.End()) || !r.End.After(r.Start) {
				t.Errorf("%s: rep %d (%v to %v) outside the activity (%v to %v)", name, i+1, r.StartOffset, r.EndOffset, time.Duration(0), a.Duration())
			}
			if i > 0 && r.Start.Before(s.Reps[i-1].End) {
				t.Errorf("%s: rep %d starts at %v, before rep %d ends at %v", name, i+1, r.StartOffset, i, s.Reps[i-1].EndOffset)
			}
			if math.IsNaN(r.Distance) || math.IsInf(r.AvgSpeed, 0) || r.Moving < 0 {
				t.Errorf("%s: rep %d reads %v m, %v m/s, moving %v", name, i+1, r.Distance, r.AvgSpeed, r.Moving)
			}
			if r.Set < 1 || r.N < 1 || i > 0 && r.Set < s.Reps[i-1].Set {
				t.Errorf("%s: rep %d numbered %d.%d after %d.%d", name, i+1, r.Set, r.N, s.Reps[i-1].Set, s.Reps[i-1].N)
			}
		}
		if len(s.Reps) > 0 && len(s.Rests) != len(s.Reps)-1 {
			t.Errorf("%s: %d reps, %d rests", name, len(s.Reps), len(s.Rests))
		}
		r := report.New(a, report.Options{Options: analysis.Options{Plan: p}})
		if _, err := json.Marshal(r); err != nil {
			t.Errorf("%s: report: %v", name, err)
		}
	}
}

// FuzzLaps lays arbitrary lap lists (any count, order, overlap, length,
// trigger, intensity and step) over a generated session's stream and runs
// detection and the report, with and without a plan: no panic, and the
// reps inside the activity, in order and apart.
func FuzzLaps(f *testing.F) {
	base, err := lapFuzzBase()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(lapBytes(base, base.Laps))
	rev := slices.Clone(base.Laps)
	slices.Reverse(rev)
	f.Add(lapBytes(base, rev))
	f.Add(lapBytes(base, append(slices.Clone(base.Laps), base.Laps...)))
	f.Add([]byte{})
	pl, _ := plan.Parse("3x(4x400m@65s r60s) r3min")
	f.Fuzz(func(t *testing.T, b []byte) {
		a := *base
		a.Laps = lapsFromBytes(&a, b)
		checkLapDetection(t, "fuzz", &a, pl)
	})
}

// rewrites are the ways a chained, re-saved or oddly written file can
// change the laps of a real session: each returns new laps.
var rewrites = []struct {
	name string
	f    func(laps []lapkit.Lap, rng *rand.Rand) []lapkit.Lap
}{
	{"drop one", func(l []lapkit.Lap, rng *rand.Rand) []lapkit.Lap {
		i := rng.Intn(len(l))
		return slices.Delete(l, i, i+1)
	}},
	{"duplicate every lap", func(l []lapkit.Lap, _ *rand.Rand) []lapkit.Lap {
		var out []lapkit.Lap
		for _, x := range l {
			out = append(out, x, x)
		}
		return out
	}},
	{"duplicate one", func(l []lapkit.Lap, rng *rand.Rand) []lapkit.Lap {
		i := rng.Intn(len(l))
		return slices.Insert(l, i, l[i])
	}},
	{"reverse", func(l []lapkit.Lap, _ *rand.Rand) []lapkit.Lap { slices.Reverse(l); return l }},
	{"shuffle", func(l []lapkit.Lap, rng *rand.Rand) []lapkit.Lap {
		rng.Shuffle(len(l), func(i, j int) { l[i], l[j] = l[j], l[i] })
		return l
	}},
	{"shift by seconds", func(l []lapkit.Lap, rng *rand.Rand) []lapkit.Lap {
		for i := range l {
			d := time.Duration(rng.Intn(21)-10) * time.Second
			l[i].Start, l[i].End = l[i].Start.Add(d), l[i].End.Add(time.Duration(rng.Intn(21)-10)*time.Second)
		}
		return l
	}},
	{"every trigger manual", func(l []lapkit.Lap, _ *rand.Rand) []lapkit.Lap {
		for i := range l {
			l[i].Trigger = lapkit.LapTriggerManual
		}
		return l
	}},
	{"random triggers, intensities, steps", func(l []lapkit.Lap, rng *rand.Rand) []lapkit.Lap {
		for i := range l {
			l[i].Trigger = lapkit.LapTrigger(rng.Intn(7))
			l[i].Intensity = lapkit.Intensity(rng.Intn(6))
			l[i].WorkoutStep, l[i].HasWorkoutStep = rng.Intn(8), rng.Intn(2) == 0
		}
		return l
	}},
	{"no intensities", func(l []lapkit.Lap, _ *rand.Rand) []lapkit.Lap {
		for i := range l {
			l[i].Intensity = lapkit.IntensityUnknown
		}
		return l
	}},
	{"zero-length laps", func(l []lapkit.Lap, rng *rand.Rand) []lapkit.Lap {
		for range 3 {
			i := rng.Intn(len(l))
			l[i].End = l[i].Start
		}
		return l
	}},
	{"one lap spanning all", func(l []lapkit.Lap, _ *rand.Rand) []lapkit.Lap {
		whole := l[0]
		whole.End = l[len(l)-1].End
		return append(l, whole)
	}},
}

// TestRealLapRewrites rewrites the laps of every real session of
// ../shared/realsessions (dropped, duplicated, reordered, shifted by
// seconds, triggers, intensities and steps flipped) and checks detection
// and the report as FuzzLaps does.
func TestRealLapRewrites(t *testing.T) {
	dir := realdata.SessionsDir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "sessions", "*.fit"))
	strides, _ := filepath.Glob(filepath.Join(dir, "strides", "*.fit"))
	files = realdata.Sample(append(files, strides...))
	pl, _ := plan.Parse("3x(4x400m@65s r60s) r3min")
	for i, p := range files {
		a, err := open.File(p)
		if a == nil {
			t.Fatalf("%s: %v", p, err)
		}
		if len(a.Laps) == 0 {
			continue
		}
		for j, rw := range rewrites {
			if !realdata.Sweep(i, j) {
				continue
			}
			rng := rand.New(rand.NewSource(int64(i*100 + j)))
			b := *a
			b.Laps = rw.f(slices.Clone(a.Laps), rng)
			checkLapDetection(t, filepath.Base(p)+", "+rw.name, &b, pl)
		}
	}
}
