package analysis_test

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/report"
)

// activityFromBytes builds an activity as a calling program could, from
// fuzz bytes: a header (start offset, sport, counts of pauses, laps and
// workout steps, a plan choice), then 6 bytes a sample (a signed step of
// time in tenths of a second, a signed step of distance in decimetres or
// a NaN or infinite distance, a heart rate), 4 bytes a pause, 12 a lap
// (lapsFromBytes) and 6 a workout step. Nothing is kept in order or
// bounded: that is the point.
func activityFromBytes(b []byte) (*lapkit.Activity, *plan.Plan) {
	if len(b) < 6 {
		return nil, nil
	}
	t0 := time.Date(2026, 6, 1, 18, 0, 0, 0, time.UTC)
	a := &lapkit.Activity{Start: t0.Add(time.Duration(int8(b[0])) * time.Minute)}
	a.Sport = []lapkit.Sport{"", lapkit.SportRunning, lapkit.SportCycling, "generic"}[b[1]%4]
	np, nl, nw := int(b[2]%8), int(b[3]%16), int(b[4]%8)
	plans := []string{"", "6x400m@65s r60s", "3x(4x400m@mile r60s) r3min", "2x10min@4:10/km r5min"}
	var p *plan.Plan
	if s := plans[b[5]%4]; s != "" {
		p, _ = plan.Parse(s)
	}
	b = b[6:]
	ns := min(len(b)/6, 4000)
	t, d := t0, 0.0
	for range ns - np*4/6 - nl*12/6 - nw {
		if len(b) < 6 {
			break
		}
		t = t.Add(time.Duration(int16(binary.LittleEndian.Uint16(b))) * time.Second / 10)
		switch step := int16(binary.LittleEndian.Uint16(b[2:])); step {
		case math.MaxInt16:
			d = math.NaN()
		case math.MinInt16:
			d = math.Inf(1)
		default:
			d += float64(step) / 10
		}
		s := lapkit.NewSample(lapkit.At(t))
		s.Distance = d
		s.HeartRate = float64(b[4])
		a.Samples = append(a.Samples, s)
		b = b[6:]
	}
	for range np {
		if len(b) < 4 {
			break
		}
		st := t0.Add(time.Duration(int16(binary.LittleEndian.Uint16(b))) * time.Second)
		a.Pauses = append(a.Pauses, lapkit.Pause{Start: st, End: st.Add(time.Duration(int16(binary.LittleEndian.Uint16(b[2:]))) * time.Second / 10)})
		b = b[4:]
	}
	if nl > 0 && len(b) >= 12*nl {
		a.Laps = lapsFromBytes(a, b[:12*nl])
		b = b[12*nl:]
	}
	if nw > 0 {
		w := &lapkit.Workout{}
		for i := range nw {
			if len(b) < 6 {
				break
			}
			w.Steps = append(w.Steps, lapkit.WorkoutStep{Index: i, Intensity: lapkit.Intensity(b[0] % 6), Duration: lapkit.StepDuration(b[1] % 5),
				Distance: float64(binary.LittleEndian.Uint16(b[2:])), Time: time.Duration(b[4]) * 10 * time.Second,
				RepeatFrom: int(b[5] % 8), Repeats: int(binary.LittleEndian.Uint32(b[2:6])),
				Target: lapkit.Target{Kind: lapkit.TargetSpeed, Low: float64(b[4]) / 10, High: float64(b[5])}})
			b = b[6:]
		}
		a.Workout = w
	}
	return a, p
}

// FuzzActivity builds activities from fuzz bytes (samples, pauses, laps, a
// workout, a plan), as a calling program could hand them over, and runs
// the whole report: no panic, the JSON marshals, and the reps it finds are
// inside the activity (as read), in order and apart, with a moving time
// no longer than the rep and a distance no longer than the activity
// covers, and none faster than the 100 m world record's mean without the
// too_fast flag.
func FuzzActivity(f *testing.F) {
	f.Add([]byte{0, 1, 0, 0, 0, 1, 10, 0, 40, 0, 150, 0, 10, 0, 40, 0, 150, 0, 10, 0, 40, 0, 150, 0})
	seed := []byte{3, 1, 2, 4, 3, 2}
	for i := range 600 {
		v := int16(30)
		if i/60%2 == 1 {
			v = 55
		}
		seed = binary.LittleEndian.AppendUint16(seed, 10)
		seed = binary.LittleEndian.AppendUint16(seed, uint16(v))
		seed = append(seed, 150, 0)
	}
	f.Add(seed)
	f.Fuzz(func(t *testing.T, b []byte) {
		a, p := activityFromBytes(b)
		if a == nil {
			return
		}
		r := report.New(a, report.Options{Options: analysis.Options{Plan: p}})
		if _, err := json.Marshal(r); err != nil {
			t.Fatalf("report: %v", err)
		}
		s, err := (&analysis.Options{Plan: p}).Detect(a)
		if err != nil {
			return
		}
		read := s.ActivityFor(a)
		covered := 0.0 // the distance the activity covers, first sample to last
		if n := len(read.Samples); n > 0 {
			covered = read.Samples[n-1].Distance - read.Samples[0].Distance
		}
		for i, x := range s.Reps {
			if x.Start.Before(read.Start) || x.End.After(read.End()) || !x.End.After(x.Start) {
				t.Fatalf("rep %d at %v-%v outside %v-%v", i+1, x.Start, x.End, read.Start, read.End())
			}
			if i > 0 && x.Start.Before(s.Reps[i-1].End) {
				t.Fatalf("rep %d overlaps rep %d", i+1, i)
			}
			if x.Moving > x.Duration() || x.Moving < 0 || x.Distance > covered+1e-6 || math.IsNaN(x.Distance) {
				t.Fatalf("rep %d: moving %v of %v, %.1f m of %.1f", i+1, x.Moving, x.Duration(), x.Distance, covered)
			}
			// Faster than the 100 m world record's mean only with a
			// flag that says the distance is at fault.
			if x.AvgSpeed > 10.44 && !slices.Contains(x.Quality, analysis.QualityTooFast) {
				t.Fatalf("rep %d at %.1f m/s, quality %v", i+1, x.AvgSpeed, x.Quality)
			}
		}
	})
}
