package analysis_test

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/internal/testkit/synth"
	"github.com/lapkit/lapkit/splits"
)

// TestDistanceGlitch writes the raw distance 0xFFFFFFFC (a slightly
// negative distance stored unsigned: 42,949,672.92 m) on the first record
// of a FIT file, on the first two, in the middle, on two in a row there,
// and at the end, for three lap styles, and checks that the file decodes
// to the clean file's distance with a distance_spike note and no reset,
// and that its splits and reps are the clean file's.
func TestDistanceGlitch(t *testing.T) {
	t.Parallel()
	const garbage = 0xFFFFFFFC
	for _, lm := range []struct {
		name  string
		mode  synth.LapMode
		smart bool
	}{{"workout-step laps", synth.LapsWorkout, false}, {"manual laps", synth.LapsManual, false}, {"1 km auto laps, smart recording", synth.LapsAuto1km, true}} {
		clean := synth.SpeedEndurance()
		clean.Smart = lm.smart // for Points: fitRendering sets it too
		n := len(clean.Points())
		ca, cSplits, cSess := cleanRun(t, fitRendering(lm.mode, lm.smart), clean)
		for _, v := range []struct {
			name string
			at   []int
		}{{"first", []int{0}}, {"first two", []int{0, 1}}, {"middle", []int{n / 2}}, {"two in the middle", []int{n / 2, n/2 + 1}}, {"last", []int{n - 1}}, {"last two", []int{n - 2, n - 1}}} {
			t.Run(lm.name+"/"+v.name, func(t *testing.T) {
				s := clean
				s.RawDistance = map[int]uint32{}
				for _, i := range v.at {
					s.RawDistance[i] = garbage
				}
				a, err := fitRendering(lm.mode, lm.smart)(s)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := a.Distance(), ca.Distance(); math.Abs(got-want) > want*0.001 {
					t.Errorf("distance %.1f m, want %.1f m", got, want)
				}
				kinds := map[lapkit.NoteKind]int{}
				for _, note := range a.Notes {
					kinds[note.Kind] += note.Count
				}
				atEnd := v.at[len(v.at)-1] == n-1
				totals := 0
				if atEnd {
					totals = 1 // the last sample takes the session's total
				}
				if kinds[lapkit.NoteDistanceSpike] != len(v.at) || kinds[lapkit.NoteDistanceReset] != 0 || countKind(a.Notes, lapkit.NoteDistanceTotal) != totals {
					t.Errorf("notes %v, want %d spikes and no reset", a.Notes, len(v.at))
				}
				sp, _ := splits.ByDistance(a, lapkit.QuarterMile)
				if len(sp) != len(cSplits) {
					t.Fatalf("%d splits, want %d", len(sp), len(cSplits))
				}
				for i := range sp {
					if sp[i].Elapsed != cSplits[i].Elapsed || math.Abs(sp[i].Distance-cSplits[i].Distance) > 1e-6 {
						t.Errorf("split %d: %v %.3f m, want %v %.3f m", i+1, sp[i].Elapsed, sp[i].Distance, cSplits[i].Elapsed, cSplits[i].Distance)
					}
				}
				sess, err := analysis.Detect(a)
				if err != nil {
					t.Fatal(err)
				}
				if len(sess.Reps) != len(cSess.Reps) || sess.Sets != cSess.Sets {
					t.Fatalf("%d reps in %d sets, want %d in %d", len(sess.Reps), sess.Sets, len(cSess.Reps), cSess.Sets)
				}
				for i, r := range sess.Reps {
					c := cSess.Reps[i]
					if !r.Start.Equal(c.Start) || !r.End.Equal(c.End) || math.Abs(r.Distance-c.Distance) > 1e-6 {
						t.Errorf("rep %d.%d: %v-%v %.2f m, want %v-%v %.2f m", r.Set, r.N, r.StartOffset, r.EndOffset, r.Distance, c.StartOffset, c.EndOffset, c.Distance)
					}
				}
			})
		}
	}
}

// cleanRun renders s with render and returns the activity, its
// quarter-mile splits and its reps: what a glitched rendering is held to.
func cleanRun(t *testing.T, render func(synth.Session) (*lapkit.Activity, error), s synth.Session) (*lapkit.Activity, []splits.Split, *analysis.Session) {
	t.Helper()
	a, err := render(s)
	if err != nil {
		t.Fatal(err)
	}
	sp, _ := splits.ByDistance(a, lapkit.QuarterMile)
	sess, err := analysis.Detect(a)
	if err != nil {
		t.Fatal(err)
	}
	return a, sp, sess
}

func countKind(notes []lapkit.Note, kind lapkit.NoteKind) int {
	n := 0
	for _, note := range notes {
		if note.Kind == kind {
			n++
		}
	}
	return n
}

// TestLeadingWithoutDistance: a FIT whose first 5 records carry no
// distance splits as the clean file does, within 10 ms: the distance grows
// from 0 at the timer's start, not held at the first one written.
func TestLeadingWithoutDistance(t *testing.T) {
	clean := synth.Constant(5000, synth.Pace(4*time.Minute))
	ca, err := fitRendering(synth.LapsNone, false)(clean)
	if err != nil {
		t.Fatal(err)
	}
	s := clean
	s.RawDistance = map[int]uint32{0: 0xFFFFFFFF, 1: 0xFFFFFFFF, 2: 0xFFFFFFFF, 3: 0xFFFFFFFF, 4: 0xFFFFFFFF}
	a, err := fitRendering(synth.LapsNone, false)(s)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := splits.ByDistance(ca, lapkit.QuarterMile)
	got, _ := splits.ByDistance(a, lapkit.QuarterMile)
	if len(got) != len(want) {
		t.Fatalf("%d splits, want %d", len(got), len(want))
	}
	for i := range want {
		if d := got[i].End.Sub(want[i].End); d > 10*time.Millisecond || d < -10*time.Millisecond {
			t.Errorf("split %d ends %v off", i+1, d)
		}
	}
}

// TestForwardGlitch writes, on one record in the middle of a rep and on
// one in a rest, a distance ahead of the truth by 25 m for each second
// since the record before (25 m/s: under the 100 m/s any sport allows,
// twice a runner's 12.5 m/s; a Fenix 3 wrote +197 m in 7 s), for every
// lap style that carries the device's distance, and in a phone's GPX a fix
// as far north of its place. The glitch is dropped with a distance_spike
// note, and nothing is held: no distance_backwards note, the total, the
// quarter-mile splits and the reps are the clean file's.
func TestForwardGlitch(t *testing.T) {
	t.Parallel()
	type style struct {
		name  string
		smart bool
		tol   time.Duration
		make  func(synth.Session) (*lapkit.Activity, error)
	}
	styles := []style{
		{"workout-step laps", false, time.Second, fitRendering(synth.LapsWorkout, false)},
		{"manual laps", false, time.Second, fitRendering(synth.LapsManual, false)},
		{"1 km auto laps, smart recording", true, time.Second, fitRendering(synth.LapsAuto1km, true)},
		{"bare laps (COROS)", false, time.Second, fitRendering(synth.LapsBare, false)},
		{"GPX, no laps, GPS noise", false, 3 * time.Second, renderings[3].make},
	}
	for _, st := range styles {
		gpxStyle := st.tol > time.Second
		clean := synth.SpeedEndurance()
		clean.Smart = st.smart
		pts := clean.Points()
		ca, cSplits, cSess := cleanRun(t, st.make, clean)
		// A sample inside the second rep, and one in the rest after it.
		r := cSess.Reps[1]
		var at []int
		for i, p := range pts {
			if len(at) == 0 && p.Time.After(r.Start.Add(30*time.Second)) ||
				len(at) == 1 && p.Time.After(r.End.Add(20*time.Second)) {
				at = append(at, i)
			}
		}
		for _, i := range at {
			s := clean
			ahead := 25 * pts[i].Time.Sub(pts[i-1].Time).Seconds()
			if gpxStyle {
				s.North = map[int]float64{i: ahead}
			} else {
				s.RawDistance = map[int]uint32{i: uint32(math.Round((pts[i].Distance + ahead) * 100))}
			}
			a, err := st.make(s)
			if err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("%s, +%.0f m at %v", st.name, ahead, pts[i].Time.Sub(pts[0].Time))
			if n := countKind(a.Notes, lapkit.NoteDistanceSpike); n != 1 || countKind(a.Notes, lapkit.NoteDistanceBackwards) != 0 {
				t.Errorf("%s: notes %v, want one spike and nothing held", name, a.Notes)
			}
			// Without the fix, the GPX's sum of steps misses its noise.
			if got, want := a.Distance(), ca.Distance(); math.Abs(got-want) > map[bool]float64{false: 0.01, true: 3}[gpxStyle] {
				t.Errorf("%s: distance %.2f m, want %.2f", name, got, want)
			}
			sp, _ := splits.ByDistance(a, lapkit.QuarterMile)
			if len(sp) != len(cSplits) {
				t.Fatalf("%s: %d splits, want %d", name, len(sp), len(cSplits))
			}
			for k := range sp {
				if d := (sp[k].Elapsed - cSplits[k].Elapsed).Abs(); d > 2*time.Second {
					t.Errorf("%s: split %d %v, clean %v", name, k+1, sp[k].Elapsed, cSplits[k].Elapsed)
				}
			}
			sess, err := analysis.Detect(a)
			if err != nil {
				t.Fatal(err)
			}
			if len(sess.Reps) != len(cSess.Reps) {
				t.Fatalf("%s: %d reps, want %d", name, len(sess.Reps), len(cSess.Reps))
			}
			for k, x := range sess.Reps {
				c := cSess.Reps[k]
				if x.Start.Sub(c.Start).Abs() > st.tol || x.End.Sub(c.End).Abs() > st.tol || math.Abs(x.Distance-c.Distance) > 5 {
					t.Errorf("%s: rep %d.%d %v-%v %.1f m, clean %v-%v %.1f m", name, x.Set, x.N, x.StartOffset, x.EndOffset, x.Distance, c.StartOffset, c.EndOffset, c.Distance)
				}
			}
		}
	}
}
