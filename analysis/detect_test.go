package analysis_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/gpx"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/internal/testkit/synth"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/report"
)

// truthReps merges consecutive rep parts ("rep", "rep-sprint") into reps.
func truthReps(s *synth.Session) []synth.Mark {
	var out []synth.Mark
	prevRep := false
	for _, m := range s.Truth() {
		isRep := strings.HasPrefix(m.Label, "rep")
		if isRep && prevRep {
			out[len(out)-1].End, out[len(out)-1].EndDist = m.End, m.EndDist
		} else if isRep {
			out = append(out, m)
		}
		prevRep = isRep
	}
	return out
}

type rendering struct {
	name   string
	tol    time.Duration
	source analysis.Source
	make   func(s synth.Session) (*lapkit.Activity, error)
}

func fitRendering(m synth.LapMode, smart bool) func(s synth.Session) (*lapkit.Activity, error) {
	return func(s synth.Session) (*lapkit.Activity, error) {
		s.Smart = smart
		b, err := s.FIT(m)
		if err != nil {
			return nil, err
		}
		return fit.Decode(bytes.NewReader(b))
	}
}

var renderings = []rendering{
	{"workout-step laps", time.Second, analysis.SourceWorkoutStep, fitRendering(synth.LapsWorkout, false)},
	{"manual laps", manualTol, analysis.SourceManualLap, fitRendering(synth.LapsManual, false)},
	{"1 km auto laps, smart recording", time.Second, analysis.SourceDetected, fitRendering(synth.LapsAuto1km, true)},
	{"GPX, no laps, GPS noise", 3 * time.Second, analysis.SourceDetected, func(s synth.Session) (*lapkit.Activity, error) {
		s.Noise = 3
		return gpx.Decode(bytes.NewReader(s.GPX(nil)))
	}},
}

// manualTol is the tolerance on rep edges from manual laps, which the
// generator presses up to 1.5 s early or late: a press within 1 s of where
// the distance curve bends is the rep's edge (Rep.Effort is nil), and the
// bend itself is found within half a second (TestManualLapsAsPressed).
const manualTol = 1500 * time.Millisecond

// wantSets is the set structure of each catalogue workout: reps per set.
var wantSets = map[string][]int{
	"3x4x400": {4, 4, 4}, "6x400-progression": {6}, "7x600": {7}, "2x6x200": {6, 6},
	"5x1000": {5}, "hills": {4}, "tempo-2x10min": {2},
}

// TestCatalogue runs every workout of the catalogue in four renderings and
// checks every rep is found and no extra, the set and rep numbers, and each
// boundary against the truth. Under -short and -race, a third of the pairs
// (realdata.Sweep): every workout and every rendering still runs.
func TestCatalogue(t *testing.T) {
	t.Parallel()
	for i, w := range synth.Catalogue() {
		truth := truthReps(&w.Session)
		for j, r := range renderings {
			if !realdata.Sweep(i, j) {
				continue // TestCatalogueSeeds runs every pair
			}
			a, err := r.make(w.Session)
			if err != nil {
				t.Fatal(err)
			}
			s, err := analysis.Detect(a)
			if err != nil {
				t.Fatal(err)
			}
			name := w.Name + ", " + r.name
			if len(s.Reps) != len(truth) {
				t.Errorf("%s: %d reps, want %d", name, len(s.Reps), len(truth))
				continue
			}
			if s.Source != r.source || s.Confidence < 0.5 {
				t.Errorf("%s: source %s confidence %.2f", name, s.Source, s.Confidence)
			}
			sets := wantSets[w.Name]
			if s.Sets != len(sets) {
				t.Errorf("%s: %d sets, want %d", name, s.Sets, len(sets))
			}
			k := 0
			for set, n := range sets {
				for rep := 1; rep <= n && k < len(s.Reps); rep++ {
					if got := s.Reps[k]; got.Set != set+1 || got.N != rep {
						t.Errorf("%s: rep %d numbered %d.%d, want %d.%d", name, k+1, got.Set, got.N, set+1, rep)
					}
					k++
				}
			}
			tol := r.tol
			if w.Name == "tempo-2x10min" && r.tol > time.Second {
				// 4:10/km against a 5:30/km jog is a faint bend in the
				// distance curve: with 3 m of GPS wander a change of 1 m/s
				// is placed within 3 s in 82 % of cases and up to 10 s
				// (TestCatalogueSeeds); this seed's worst is 5.0 s.
				tol = 5 * time.Second
			}
			for i, m := range truth {
				got := s.Reps[i].EffortSpan()
				for _, d := range []time.Duration{got.Start.Sub(m.Start), got.End.Sub(m.End)} {
					if d > tol || d < -tol {
						t.Errorf("%s: rep %d is %v to %v, truth %v to %v", name, i+1, got.StartOffset, got.EndOffset, m.Start.Sub(w.Start), m.End.Sub(w.Start))
						break
					}
				}
			}
			// Rests: one after every rep but the last, set rests between sets.
			if len(s.Rests) != len(truth)-1 {
				t.Errorf("%s: %d rests", name, len(s.Rests))
			}
			for _, x := range s.Rests {
				if (x.Kind == analysis.RestKindSet) != (x.AfterRep == sets[x.AfterSet-1] && x.AfterSet < len(sets)) {
					t.Errorf("%s: rest after %d.%d is %s", name, x.AfterSet, x.AfterRep, x.Kind)
				}
			}
		}
	}
}

// TestCatalogueSeeds runs every catalogue workout in every rendering with
// other seeds: the smart recording's sample times and the GPS wander
// differ, the reps must not. Every seed gives every rep and no extra, in
// the right sets. In FIT (10 seeds) every boundary is within 1 s of the
// truth. In GPX with 3 m of wander (20 seeds) 99 % of the boundaries are
// within 3 s, none further than 5 s, the mean error under 0.5 s; the tempo
// (4:10/km against a 5:30/km jog, a change of 1 m/s) is held to what the
// wander allows: 75 % within 3 s, none further than 16 s, mean under 2 s.
// Under -short and -race, 3 seeds, and the reps, sets and worst boundary
// only.
func TestCatalogueSeeds(t *testing.T) {
	for _, r := range renderings {
		for _, w := range synth.Catalogue() {
			t.Run(r.name+"/"+w.Name, func(t *testing.T) {
				t.Parallel()
				catalogueSeeds(t, r, w)
			})
		}
	}
}

// catalogueSeeds checks workout w in rendering r over other seeds (see
// TestCatalogueSeeds).
func catalogueSeeds(t *testing.T, r rendering, w synth.Named) {
	seeds, within, most, mean := 10, 1.0, r.tol.Seconds(), r.tol.Seconds()
	if r.tol > time.Second {
		seeds, within, most, mean = 20, 0.99, 5.0, 0.5
		if w.Name == "tempo-2x10min" {
			// The bends from the jog into the tempo are faint: one
			// start in 80 is found 15 s early.
			within, most, mean = 0.75, 16, 2
		}
	}
	if testing.Short() || realdata.Race {
		seeds = 3
	}
	var errs []float64
	for seed := range int64(seeds) {
		w.Seed = seed + 1
		truth := truthReps(&w.Session)
		a, err := r.make(w.Session)
		if err != nil {
			t.Fatal(err)
		}
		s, err := analysis.Detect(a)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Reps) != len(truth) || s.Sets != len(wantSets[w.Name]) {
			t.Errorf("seed %d: %d reps in %d sets, want %d in %d", w.Seed, len(s.Reps), s.Sets, len(truth), len(wantSets[w.Name]))
			continue
		}
		for i, m := range truth {
			got := s.Reps[i].EffortSpan()
			errs = append(errs, math.Abs(got.Start.Sub(m.Start).Seconds()), math.Abs(got.End.Sub(m.End).Seconds()))
		}
	}
	if len(errs) == 0 {
		return
	}
	var in3, sum float64
	for _, e := range errs {
		sum += e
		if e <= 3 {
			in3++
		}
	}
	in3 /= float64(len(errs))
	worst, avg := slices.Max(errs), sum/float64(len(errs))
	t.Logf("%d boundaries, %.1f %% within 3 s, worst %.2f s, mean %.2f s", len(errs), 100*in3, worst, avg)
	if (testing.Short() || realdata.Race) && r.tol > time.Second {
		// Three GPX seeds are too few for shares of 99 %: -short and
		// -race check the reps and sets, and the worst boundary.
		within, mean = 0, math.Inf(1)
	}
	if in3 < within || worst > most || avg > mean {
		t.Errorf("%.1f %% of %d boundaries within 3 s (want %.0f %%), worst %.2f s (want %.0f), mean %.2f s (want %.1f)", 100*in3, len(errs), 100*within, worst, most, avg, mean)
	}
}

// TestStrides: the 3x4x400 warm-up has six 100 m strides; they are not reps.
func TestStrides(t *testing.T) {
	se := synth.SpeedEndurance()
	for _, r := range renderings {
		a, err := r.make(se)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := analysis.Detect(a)
		if len(s.Strides) != 6 || len(s.Reps) != 12 {
			t.Errorf("%s: %d strides, %d reps", r.name, len(s.Strides), len(s.Reps))
		}
		if s.WarmUp == nil || s.CoolDown == nil || s.WarmUp.Distance < 2500 || s.CoolDown.Distance < 1900 {
			t.Errorf("%s: warm-up %+v cool-down %+v", r.name, s.WarmUp, s.CoolDown)
		}
	}
}

// TestRepFigures checks a rep's figures on the workout-step rendering.
func TestRepFigures(t *testing.T) {
	se := synth.SpeedEndurance()
	a, _ := fitRendering(synth.LapsWorkout, false)(se)
	s, _ := analysis.Detect(a)
	r := s.Reps[0] // 400 m in 65 s
	if r.Nominal != 400 || r.Source != analysis.SourceWorkoutStep || r.Set != 1 || r.N != 1 {
		t.Errorf("rep 1: %+v", r)
	}
	if d := r.Distance - 400; d > 0.5 || d < -0.5 {
		t.Errorf("rep 1 distance %.2f", r.Distance)
	}
	if v := r.AvgSpeed - 400/65.0; v > 0.01 || v < -0.01 || math.IsNaN(r.AvgHeartRate) || r.MaxHeartRate < 165 || r.AvgCadence < 190 {
		t.Errorf("rep 1 speed %.3f hr %v/%v cadence %v", r.AvgSpeed, r.AvgHeartRate, r.MaxHeartRate, r.AvgCadence)
	}
	rest := s.Rests[0]
	if !rest.Standing || rest.Kind != analysis.RestKindRep || rest.Duration() < 59*time.Second || rest.Duration() > 61*time.Second {
		t.Errorf("rest 1: %+v", rest)
	}
	// The set rest is a 1.2 m/s walk: standing or walking, not a jog.
	if x := s.Rests[3]; x.Kind != analysis.RestKindSet || !x.Standing || x.Duration() < 179*time.Second {
		t.Errorf("rest after set 1: %+v", x)
	}
	if got := s.Set(2); len(got) != 4 || got[0].Set != 2 || got[0].N != 1 {
		t.Errorf("Set(2) = %+v", got)
	}
}

// TestPlanPrior: with the plan, a session whose strides are as long as
// its short reps still gives exactly the planned reps.
func TestPlanPrior(t *testing.T) {
	se := synth.Power200s() // 2 x 6 x 200 m, strides of 100 m
	a, _ := fitRendering(synth.LapsAuto1km, true)(se)
	d := analysis.Options{Plan: &plan.Plan{Sets: []plan.Set{
		{Reps: 6, Distance: 200, Rest: 90 * time.Second, SetRest: 7 * time.Minute},
		{Reps: 6, Distance: 200, Rest: 90 * time.Second},
	}}, MinRepDistance: 50, MinRep: 10 * time.Second}
	s, err := d.Detect(a)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Reps) != 12 || s.Sets != 2 || s.Reps[6].Set != 2 || s.Reps[6].N != 1 {
		t.Errorf("%d reps in %d sets", len(s.Reps), s.Sets)
	}
	// Without the plan the lowered minimum lets the strides through as
	// efforts, but 17 s pickups before 37 s reps are strides, not reps.
	d.Plan = nil
	s, _ = d.Detect(a)
	if len(s.Reps) != 12 || len(s.Strides) != 6 {
		t.Errorf("without plan: %d reps and %d strides, want 12 and 6", len(s.Reps), len(s.Strides))
	}
}

func TestNotInterval(t *testing.T) {
	// A steady 5 km and a 10 km progression run.
	steady := synth.Constant(5000, 4)
	prog := synth.Session{Start: synth.Epoch, Seed: 3, Parts: []synth.Part{
		{Distance: 3000, Speed: 3.0, Step: -1}, {Distance: 3000, Speed: 3.3, Step: -1}, {Distance: 4000, Speed: 3.6, Step: -1},
	}}
	for _, se := range []synth.Session{steady, prog} {
		for _, r := range renderings[2:] {
			a, _ := r.make(se)
			s, err := analysis.Detect(a)
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Reps) > 0 && s.Confidence >= 0.5 {
				t.Errorf("%s: %d reps, confidence %.2f", r.name, len(s.Reps), s.Confidence)
			}
		}
	}
	if _, err := analysis.Detect(&lapkit.Activity{}); err != analysis.ErrNoDistance {
		t.Errorf("empty activity: %v", err)
	}
}

// TestRepQuality: faults put into one rep each of the 3x4x400 are flagged on
// that rep and no other; the clean session has no flags.
func TestRepQuality(t *testing.T) {
	a, err := fitRendering(synth.LapsWorkout, false)(synth.SpeedEndurance())
	if err != nil {
		t.Fatal(err)
	}
	s, err := analysis.Detect(a)
	if err != nil || len(s.Reps) != 12 {
		t.Fatalf("%v, %d reps", err, len(s.Reps))
	}
	for _, r := range s.Reps {
		if r.Quality != nil {
			t.Errorf("clean rep %d.%d flagged %v", r.Set, r.N, r.Quality)
		}
	}
	frozen, gap, spike := s.Reps[4], s.Reps[8], s.Reps[11]
	var kept []lapkit.Sample
	for _, x := range a.Samples {
		if off := x.Time.Sub(lapkit.At(frozen.Start)); off >= 20*time.Second && off <= 30*time.Second {
			// Positions stuck for 10 s: the distance stands still.
			x.Distance = a.DistanceAt(frozen.Start.Add(20 * time.Second))
		}
		if off := x.Time.Sub(lapkit.At(gap.Start)); off > 20*time.Second && off < 35*time.Second {
			continue // 15 s without a sample
		}
		kept = append(kept, x)
	}
	a.Samples = kept
	a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteDistanceSpike, Time: spike.Start.Add(30 * time.Second), Count: 1})
	s, err = analysis.Detect(a)
	if err != nil || len(s.Reps) != 12 {
		t.Fatalf("%v, %d reps", err, len(s.Reps))
	}
	want := map[int][]analysis.Quality{4: {analysis.QualityFrozen}, 8: {analysis.QualityGap}, 11: {analysis.Quality(lapkit.NoteDistanceSpike)}}
	for i, r := range s.Reps {
		if !slices.Equal(r.Quality, want[i]) {
			t.Errorf("rep %d.%d flagged %v, want %v", r.Set, r.N, r.Quality, want[i])
		}
	}
	b, err := json.Marshal(report.FromSession(a, s, nil))
	if err != nil || !strings.Contains(string(b), `"quality":["frozen_position"]`) {
		t.Error("the report does not carry the flags")
	}
}

// TestEaseOffPastTheLine: without laps, a runner who crosses the 400 m
// line at 6 m/s and eases down to a 2.5 m/s jog gets reps that end at the
// line (400 m from the start), not where the distance curve bends a few
// seconds later: whether the runner eases off over 6 s from the line, or
// runs on at full speed for 3 s past it (to a line of their own, or the
// watch's 400 m came early) and then eases off over 3 s, as in the real
// 6 x 400 m sessions.
func TestEaseOffPastTheLine(t *testing.T) {
	for _, c := range []struct {
		name        string
		runOn, ease int // seconds at 6 m/s past the line; seconds to ease off
	}{
		{"eases off", 0, 6},
		{"runs on, then eases off", 3, 3},
	} {
		t0 := time.Date(2026, 6, 1, 18, 0, 0, 0, time.UTC)
		var speeds []float64
		for range 300 {
			speeds = append(speeds, 3) // warm-up jog
		}
		var lines []float64 // seconds at which each rep reached 400 m
		for range 6 {
			// 1 s to get up to speed, 400 m at 6 m/s, then ease off.
			speeds = append(speeds, 4.5)
			for range 66 {
				speeds = append(speeds, 6)
			}
			lines = append(lines, float64(len(speeds))+(400-4.5-66*6)/6)
			for range c.runOn {
				speeds = append(speeds, 6)
			}
			for k := range c.ease {
				speeds = append(speeds, 6-float64(k+1)*3.5/float64(c.ease))
			}
			for range 90 {
				speeds = append(speeds, 2.5)
			}
		}
		for range 300 {
			speeds = append(speeds, 3)
		}
		s, err := analysis.Detect(speedActivity(t0, speeds))
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Reps) != 6 {
			t.Fatalf("%s: %d reps, want 6", c.name, len(s.Reps))
		}
		for i, r := range s.Reps {
			end := r.EndOffset.Seconds()
			if math.Abs(end-lines[i]) > 1 || math.Abs(r.Distance-400) > 6 {
				t.Errorf("%s: rep %d ends at %.1f s (%.0f m), the line at %.1f s", c.name, i+1, end, r.Distance, lines[i])
			}
		}
	}
}

// TestTimedRepsKeepTheirTime: 6 x 90 s at 4.5 to 4.75 m/s (405 to 428 m,
// inside the 400 m band) with a 2.5 m/s jog between are run for a time,
// not to a line: their times are alike and their distances are not, so no
// rep is cut at 400 m, though each runs on past it at full pace.
func TestTimedRepsKeepTheirTime(t *testing.T) {
	t0 := time.Date(2026, 6, 1, 18, 0, 0, 0, time.UTC)
	speeds := slices.Repeat([]float64{3}, 300)
	var ends []float64
	for _, v := range []float64{4.5, 4.75, 4.6, 4.7, 4.55, 4.65} {
		speeds = append(speeds, slices.Repeat([]float64{v}, 90)...)
		ends = append(ends, float64(len(speeds)))
		speeds = append(speeds, slices.Repeat([]float64{2.5}, 60)...)
	}
	speeds = append(speeds, slices.Repeat([]float64{3}, 300)...)
	s, err := analysis.Detect(speedActivity(t0, speeds))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Reps) != 6 {
		t.Fatalf("%d reps, want 6", len(s.Reps))
	}
	for i, r := range s.Reps {
		if end := r.EndOffset.Seconds(); math.Abs(end-ends[i]) > 1 {
			t.Errorf("rep %d ends at %.1f s (%.0f m), after 90 s at %.1f s", i+1, end, r.Distance, ends[i])
		}
	}
}

// TestGPSFaults puts the GPS faults of real files into the GPX rendering of
// the 3x4x400 (GPS noise, no laps) and checks that every rep is still found
// within 3 s of the truth, with its real time (no 2:30 or 0:30 400 m), and
// that each fault is repaired or flagged on its rep: a 5 km position jump
// for one sample (rep 2, flagged distance_spike), positions frozen for 10 s
// (rep 5, flagged frozen_position), a duplicated point (rep 7) and two
// points out of order (rep 9), repaired; the whole file written in local
// time without a zone, the clock set back an hour (a DST change) in the
// rest before rep 11 and jumping 5 hours ahead in the rest before rep 12,
// both closed.
func TestGPSFaults(t *testing.T) {
	w := synth.SpeedEndurance()
	w.Noise = 3
	truth := truthReps(&w)
	lines := strings.Split(string(w.GPX(nil)), "\n")
	first := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "<trkpt") })
	at := func(m time.Time, off int) int { return first + int(m.Sub(w.Start)/time.Second) + off }
	setLatLon := func(i int, lat, lon string) {
		l := lines[i]
		end := strings.Index(l, ">")
		lines[i] = fmt.Sprintf(`<trkpt lat="%s" lon="%s"`, lat, lon) + l[end:]
	}
	latLon := func(i int) (string, string) {
		var lat, lon string
		fmt.Sscanf(strings.ReplaceAll(strings.ReplaceAll(lines[i], `"`, " "), "=", " "), "<trkpt lat %s lon %s", &lat, &lon)
		return lat, lon
	}
	// Rep 2: 5 km north for one sample.
	i := at(truth[1].Start, 30)
	lat, lon := latLon(i)
	var v float64
	fmt.Sscan(lat, &v)
	setLatLon(i, fmt.Sprintf("%.8f", v+0.045), lon)
	// Rep 5: frozen for 10 s.
	lat, lon = latLon(at(truth[4].Start, 20))
	for k := 21; k <= 30; k++ {
		setLatLon(at(truth[4].Start, k), lat, lon)
	}
	// Times in local time (UTC+2, as in Oslo in summer), no zone; the
	// clock back an hour before rep 11 and 5 h ahead before rep 12.
	back, ahead := at(truth[10].Start, -30), at(truth[11].Start, -30)
	for k := first; k < len(lines) && strings.HasPrefix(lines[k], "<trkpt"); k++ {
		s := strings.Index(lines[k], "<time>") + len("<time>")
		e := strings.Index(lines[k], "</time>")
		tm, err := time.Parse(time.RFC3339Nano, lines[k][s:e])
		if err != nil {
			t.Fatal(err)
		}
		tm = tm.Add(2 * time.Hour)
		if k >= back {
			tm = tm.Add(-time.Hour)
		}
		if k >= ahead {
			tm = tm.Add(5 * time.Hour)
		}
		lines[k] = lines[k][:s] + tm.Format("2006-01-02T15:04:05.000") + lines[k][e:]
	}
	// Rep 9: two points swapped; rep 7: a point written twice. The
	// duplicate goes in last: it shifts the lines after it.
	i = at(truth[8].Start, 20)
	lines[i], lines[i+1] = lines[i+1], lines[i]
	i = at(truth[6].Start, 20)
	lines = slices.Insert(lines, i, lines[i])

	a, err := gpx.Decode(strings.NewReader(strings.Join(lines, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[lapkit.NoteKind]int{}
	for _, n := range a.Notes {
		kinds[n.Kind] += n.Count
	}
	for _, k := range []lapkit.NoteKind{lapkit.NoteDistanceSpike, lapkit.NoteRepeatedTime, lapkit.NoteOutOfOrder, lapkit.NoteClockBack, lapkit.NoteTimeJump, lapkit.NoteTimeZone} {
		if kinds[k] == 0 {
			t.Errorf("no %s note: %v", k, kinds)
		}
	}
	s, err := analysis.Detect(a)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Reps) != len(truth) {
		t.Fatalf("%d reps, want %d", len(s.Reps), len(truth))
	}
	// The file's times read as UTC are 2 h ahead of the truth, and the
	// clock after the jump (5 h more) is kept: the earlier times move
	// forward to it.
	shift := 7 * time.Hour
	want := map[int][]analysis.Quality{1: {analysis.Quality(lapkit.NoteDistanceSpike)}, 4: {analysis.QualityFrozen}}
	for k, m := range truth {
		r := s.Reps[k]
		for _, d := range []time.Duration{r.Start.Sub(m.Start.Add(shift)), r.End.Sub(m.End.Add(shift))} {
			if d > 3*time.Second || d < -3*time.Second {
				t.Errorf("rep %d is %v to %v, truth %v to %v", k+1, r.StartOffset, r.EndOffset, m.Start.Sub(w.Start), m.End.Sub(w.Start))
				break
			}
		}
		if r.Distance < 380 || r.Distance > 420 || r.Duration() < 60*time.Second || r.Duration() > 70*time.Second {
			t.Errorf("rep %d: %.0f m in %v", k+1, r.Distance, r.Duration())
		}
		if !slices.Equal(r.Quality, want[k]) {
			t.Errorf("rep %d flagged %v, want %v", k+1, r.Quality, want[k])
		}
	}
}

// speedActivity is a 1 Hz recording, without laps or positions, of a
// runner at the given speeds (m/s), one a second.
func speedActivity(t0 time.Time, speeds []float64) *lapkit.Activity {
	a := &lapkit.Activity{Sport: "running", Start: t0, DistanceSource: "device"}
	d := 0.0
	for k, v := range speeds {
		s := lapkit.NewSample(lapkit.At(t0.Add(time.Duration(k) * time.Second)))
		s.Distance, s.Speed = d, v
		a.Samples = append(a.Samples, s)
		d += v
	}
	return a
}

// TestWarmUpPickup: a 350 m pickup at 4.6 m/s in the warm-up, five minutes
// before 6 x 400 m at 6 m/s, is no rep, nor is a 195 m one before 400 m
// reps; a 1600 m at 5 m/s before 4 x 400 m is (it is of a standard length).
func TestWarmUpPickup(t *testing.T) {
	repeat := func(v float64, n int) []float64 { return slices.Repeat([]float64{v}, n) }
	var pickup []float64
	pickup = append(pickup, repeat(2.8, 200)...)
	pickup = append(pickup, repeat(4.6, 76)...) // 350 m
	pickup = append(pickup, repeat(2.8, 300)...)
	for range 6 {
		pickup = append(pickup, repeat(6, 67)...)
		pickup = append(pickup, repeat(2.5, 90)...)
	}
	pickup = append(pickup, repeat(2.8, 300)...)
	s, err := analysis.Detect(speedActivity(time.Date(2026, 6, 1, 18, 0, 0, 0, time.UTC), pickup))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Reps) != 6 || s.Sets != 1 || s.Reps[0].StartOffset < 570*time.Second {
		t.Errorf("%d reps in %d sets, first at %v; notes %v", len(s.Reps), s.Sets, s.Reps[0].StartOffset, texts(s.Notes))
	}

	// A short pickup (195 m at 5.5 m/s, of a standard length and faster
	// than the first rep) before 6 x 400 m run faster each time, at 5.2
	// to 6.4 m/s: shorter than 80 % of every rep and slower than their
	// median, it is no rep either.
	var short []float64
	short = append(short, repeat(2.8, 200)...)
	short = append(short, repeat(5.5, 35)...)
	short = append(short, repeat(2.8, 300)...)
	for _, v := range []float64{5.2, 5.5, 5.8, 6.0, 6.2, 6.4} {
		short = append(short, repeat(v, int(400/v))...)
		short = append(short, repeat(2.5, 90)...)
	}
	short = append(short, repeat(2.8, 300)...)
	s, err = analysis.Detect(speedActivity(time.Date(2026, 6, 1, 18, 0, 0, 0, time.UTC), short))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Reps) != 6 || s.Sets != 1 || s.Reps[0].StartOffset < 500*time.Second {
		t.Errorf("short pickup: %d reps in %d sets, first at %v; notes %v", len(s.Reps), s.Sets, s.Reps[0].StartOffset, texts(s.Notes))
	}

	var mixed []float64
	mixed = append(mixed, repeat(3, 300)...)
	mixed = append(mixed, repeat(5, 320)...) // 1600 m
	mixed = append(mixed, repeat(2.5, 300)...)
	for range 4 {
		mixed = append(mixed, repeat(6, 67)...)
		mixed = append(mixed, repeat(2.5, 90)...)
	}
	mixed = append(mixed, repeat(3, 300)...)
	s, err = analysis.Detect(speedActivity(time.Date(2026, 6, 1, 18, 0, 0, 0, time.UTC), mixed))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Reps) != 5 || s.Reps[0].Nominal != 1600 {
		t.Errorf("%d reps, first %.0f m; notes %v", len(s.Reps), s.Reps[0].Distance, texts(s.Notes))
	}
}

// TestRebuiltLaps: laps a program rebuilds without naming a workout step
// (the zero Lap has none) stay manual laps; they never turn into
// workout-step laps.
func TestRebuiltLaps(t *testing.T) {
	a, err := open.File("../testdata/speed_endurance_manual.fit")
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range a.Laps {
		a.Laps[i] = lapkit.Lap{Start: l.Start, End: l.End, Distance: l.Distance, TimerTime: l.TimerTime,
			ElapsedTime: l.ElapsedTime, Trigger: l.Trigger, AvgHeartRate: math.NaN(), MaxHeartRate: math.NaN(),
			AvgSpeed: math.NaN(), MaxSpeed: math.NaN()}
	}
	s, err := analysis.Detect(a)
	if err != nil || s.Source != analysis.SourceManualLap || len(s.Reps) != 12 {
		t.Fatalf("rebuilt laps: %v, %d reps from %s", err, len(s.Reps), s.Source)
	}
}

// texts returns the words of notes, for messages and matching.
func texts(notes []lapkit.Note) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = n.Text
	}
	return out
}
