package splits_test

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/splits"
)

// bestByEveryWindow is splits.Best as first written on arrays: every
// window that starts or ends at a sample has its crossing worked out and
// is tried. The reference for the Best that skips windows which cannot
// beat the best so far.
func bestByEveryWindow(a *lapkit.Activity, distances []float64) []splits.Effort {
	s := a.Samples
	ns, dist := make([]int64, len(s)), make([]float64, len(s))
	for i := range s {
		ns[i], dist[i] = s[i].Time.UnixNano(), s[i].Distance
	}
	total := dist[len(dist)-1] - dist[0]
	cross := func(i int, d float64) int64 {
		if i+1 >= len(dist) || d <= dist[i] {
			return ns[i]
		}
		if d >= dist[i+1] {
			return ns[i+1]
		}
		f := (d - dist[i]) / (dist[i+1] - dist[i])
		return ns[i] + int64(time.Duration(f*float64(ns[i+1]-ns[i])))
	}
	var out []splits.Effort
	for _, D := range distances {
		if !(D > 0) || D > total+1e-9 {
			continue
		}
		best := splits.Effort{Distance: D}
		var b0, b1 int64
		bestE := int64(math.MaxInt64)
		try := func(t0, t1 int64, d0 float64) {
			if e := t1 - t0; e < bestE {
				b0, b1, bestE, best.StartAt = t0, t1, e, d0
			}
		}
		last, e := dist[len(dist)-1], 0
		for i, x := range dist {
			d := x + D
			if d > last+1e-9 {
				break
			}
			e = max(e, i)
			for e+1 < len(dist)-1 && dist[e+1] < d {
				e++
			}
			try(ns[i], cross(e, d), x)
		}
		m := 0
		for j, x := range dist {
			d := x - D
			if d < dist[0]-1e-9 {
				continue
			}
			for m+1 < j && dist[m+1] <= d {
				m++
			}
			try(cross(m, d), ns[j], d)
		}
		best.Start, best.End = time.Unix(0, b0).UTC(), time.Unix(0, b1).UTC()
		best.Elapsed = time.Duration(bestE)
		best.StartOffset = best.Start.Sub(a.Start)
		out = append(out, best)
	}
	return out
}

// TestBestSkipsOnlyLosers holds Best to trying every window, on random
// runs built to tie: steps of whole seconds and whole metres, stops (no
// distance for a while), surges, fractional times, and distances that are
// sums of the steps or the whole run.
func TestBestSkipsOnlyLosers(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 5))
	start := time.Date(2026, 5, 5, 17, 30, 0, 0, time.UTC)
	compared := 0
	for trial := 0; trial < 3000; trial++ {
		n := 2 + rng.IntN(300)
		a := &lapkit.Activity{Start: start}
		at, d := start, 0.0
		for i := 0; i < n; i++ {
			s := lapkit.NewSample(lapkit.At(at))
			s.Distance = d
			a.Samples = append(a.Samples, s)
			switch rng.IntN(4) {
			case 0:
				at = at.Add(time.Duration(1+rng.IntN(3)) * time.Second)
			default:
				at = at.Add(time.Duration(rng.Int64N(int64(5 * time.Second))))
			}
			switch rng.IntN(5) {
			case 0: // stopped
			case 1:
				d += float64(1 + rng.IntN(8)) // whole metres: ties
			default:
				d += rng.Float64() * 9
			}
		}
		total := d
		distances := []float64{400, 100, 1, total, total / 2, total / 3, 1e-10,
			float64(1 + rng.IntN(int(total)+1)), rng.Float64() * total}
		got, want := splits.Best(a, distances...), bestByEveryWindow(a, distances)
		if len(got) != len(want) {
			t.Fatalf("trial %d: %d efforts, want %d", trial, len(got), len(want))
		}
		for k := range got {
			g, w := got[k], want[k]
			if g.Distance != w.Distance || !g.Start.Equal(w.Start) || !g.End.Equal(w.End) || g.Elapsed != w.Elapsed ||
				g.StartOffset != w.StartOffset || g.StartAt != w.StartAt {
				t.Fatalf("trial %d, %v m over %d samples:\ngot  %+v\nwant %+v", trial, w.Distance, n, g, w)
			}
			compared++
		}
	}
	if compared < 15000 {
		t.Errorf("only %d efforts compared", compared)
	}
}
