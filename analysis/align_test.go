package analysis

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/lapkit/lapkit/plan"
)

// alignLengthsByCells is alignLengths as first written, a logarithm for
// every cell of the table: the reference for the costs made once per
// distinct planned length.
func alignLengthsByCells(lens []repLen, p *plan.Plan) []slot {
	out := make([]slot, len(lens))
	var planned []slot
	var want []repLen
	for si, ps := range p.Sets {
		for r := 0; r < ps.Reps; r++ {
			planned = append(planned, slot{si, r, true})
			want = append(want, repLen{ps.Distance, ps.Duration})
		}
	}
	n, m := len(lens), len(planned)
	const skip = planSkip
	off := func(ratio float64) float64 { return max(0, math.Abs(math.Log(ratio))-math.Log(planSlack)) }
	cost := func(i, j int) float64 {
		switch w := want[j]; {
		case w.dist > 0 && lens[i].dist > 0:
			return off(lens[i].dist / w.dist)
		case w.dur > 0 && lens[i].dur > 0:
			return off(float64(lens[i].dur) / float64(w.dur))
		case w.dist == 0 && w.dur == 0:
			return 0
		}
		return 2 * skip
	}
	dp := make([][]float64, n+1)
	for i := range dp {
		dp[i] = make([]float64, m+1)
		for j := range dp[i] {
			switch {
			case i == 0:
				dp[i][j] = float64(j) * skip
			case j == 0:
				dp[i][j] = float64(i) * skip
			default:
				dp[i][j] = math.Min(dp[i-1][j-1]+cost(i-1, j-1), math.Min(dp[i-1][j], dp[i][j-1])+skip)
			}
		}
	}
	const eps = 1e-9
	for i, j := n, m; i > 0 && j > 0; {
		switch {
		case math.Abs(dp[i][j]-(dp[i-1][j]+skip)) < eps:
			i--
		case math.Abs(dp[i][j]-(dp[i][j-1]+skip)) < eps:
			j--
		default:
			if cost(i-1, j-1) < skip {
				out[i-1] = planned[j-1]
			}
			i, j = i-1, j-1
		}
	}
	return out
}

// TestAlignLengths holds alignLengths to the per-cell table on random
// plans (distance, time-based and open reps, mixed in one plan) and
// efforts whose lengths sit on the edges: exactly planSlack off, at the
// largest ratio that still matches, twice the planned length, missing.
func TestAlignLengths(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 4))
	dists := []float64{200, 400, 600, 1000}
	durs := []time.Duration{3 * time.Minute, 10 * time.Minute}
	edge := planSlack * math.Exp(planSkip)
	ratios := []float64{1, planSlack, 1 / planSlack, edge, 1 / edge, edge * 1.001, 2, 0.5, 1.1, 0.95}
	matched, skipped := 0, 0
	for trial := 0; trial < 5000; trial++ {
		p := &plan.Plan{}
		for s := rng.IntN(4) + 1; s > 0; s-- {
			set := plan.Set{Reps: rng.IntN(6) + 1}
			switch rng.IntN(4) {
			case 0:
				set.Duration = durs[rng.IntN(len(durs))]
			case 1: // open: no length
			default:
				set.Distance = dists[rng.IntN(len(dists))]
			}
			p.Sets = append(p.Sets, set)
		}
		var lens []repLen
		for e := rng.IntN(24); e > 0; e-- {
			r := ratios[rng.IntN(len(ratios))]
			var l repLen
			switch rng.IntN(8) {
			case 0: // no distance, a time
				l.dur = time.Duration(r * float64(durs[rng.IntN(len(durs))]))
			case 1: // neither
			default:
				l.dist = r * dists[rng.IntN(len(dists))]
				l.dur = time.Duration(l.dist / 6 * float64(time.Second))
			}
			lens = append(lens, l)
		}
		got, want := alignLengths(lens, p), alignLengthsByCells(lens, p)
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d: plan %+v, efforts %+v:\ngot  %v\nwant %v", trial, p.Sets, lens, got, want)
		}
		for _, s := range got {
			if s.ok {
				matched++
			} else {
				skipped++
			}
		}
	}
	// Both outcomes are common, so the comparison covers matches and skips.
	if matched < 10000 || skipped < 10000 {
		t.Errorf("%d efforts matched, %d left out: the cases do not cover both", matched, skipped)
	}
}

// TestPlannedGap: the planned time between two matched reps with planned
// reps skipped between them holds the skipped reps and every rest around
// them; a distance among them gives no time.
func TestPlannedGap(t *testing.T) {
	for _, c := range []struct {
		spec     string
		from, to slot
		want     time.Duration
		skipped  []string
		ok       bool
	}{
		{"4x2min r1min", slot{0, 0, true}, slot{0, 1, true}, time.Minute, nil, true},
		{"4x2min r1min", slot{0, 0, true}, slot{0, 2, true}, 4 * time.Minute, []string{"2:00.0"}, true},
		{"4x2min r1min", slot{0, 0, true}, slot{0, 3, true}, 7 * time.Minute, []string{"2:00.0", "2:00.0"}, true},
		{"2x(3x400m r60s) r3min", slot{0, 2, true}, slot{1, 1, true}, 3*time.Minute + 65*time.Second, []string{"400 m"}, false},
		{"6x400m r200m", slot{0, 0, true}, slot{0, 2, true}, 0, []string{"400 m"}, false},
	} {
		p, err := plan.Parse(c.spec)
		if err != nil {
			t.Fatalf("%s: %v", c.spec, err)
		}
		got, skipped, ok := plannedGap(p, c.from, c.to)
		if ok != c.ok || !slices.Equal(skipped, c.skipped) || ok && got != c.want {
			t.Errorf("%s %v to %v: %v %q %v, want %v %q %v", c.spec, c.from, c.to, got, skipped, ok, c.want, c.skipped, c.ok)
		}
	}
	// The FR965's steps: 60", 30", 10" surges, 2' steady, 3' hard, one
	// rep each, with their floats and walks as set rests.
	fr := &plan.Plan{Sets: []plan.Set{
		{Reps: 1, Duration: time.Minute, SetRest: 2 * time.Minute},
		{Reps: 1, Duration: 30 * time.Second, SetRest: 90 * time.Second},
		{Reps: 1, Duration: 10 * time.Second, SetRest: 110 * time.Second},
		{Reps: 1, Duration: 2 * time.Minute, SetRest: 3 * time.Minute},
		{Reps: 1, Duration: 3 * time.Minute},
	}}
	if got, skipped, ok := plannedGap(fr, slot{2, 0, true}, slot{4, 0, true}); got != 410*time.Second || !slices.Equal(skipped, []string{"2:00.0"}) || !ok {
		t.Errorf("FR965: %v %q %v", got, skipped, ok)
	}
}

// TestPerKm: a speed reads as a pace; no speed reads as standing, never
// as a pace no runner could run.
func TestPerKm(t *testing.T) {
	for v, want := range map[float64]string{5.236: "3:11.0/km", 1000.0 / 357.3: "5:57.3/km", 0: "standing", -1: "standing", math.NaN(): "standing"} {
		if got := perKm(v); got != want {
			t.Errorf("perKm(%v) = %q, want %q", v, got, want)
		}
	}
}
