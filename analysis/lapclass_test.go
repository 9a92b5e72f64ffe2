package analysis

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/lapkit/lapkit"
)

// sameDistanceByPairs is sameDistance as first written, every lap against
// every lap: the reference for the sorted search.
func sameDistanceByPairs(laps []lapkit.Lap) (float64, bool) {
	n := len(laps) - 1
	for i := 0; i < n; i++ {
		d, same := laps[i].Distance, 0
		for j := 0; j < n; j++ {
			if math.Abs(laps[j].Distance-d) <= 0.005*d {
				same++
			}
		}
		if d > 0 && 4*same >= 3*n {
			return d, true
		}
	}
	return 0, false
}

// TestSameDistance holds sameDistance to the pairwise count on lap sets
// built to sit on its edges: auto laps of 1000 m and 400 m with the
// watch's metre or two of slack, laps at exactly 0.5 % apart and just
// over, missing (NaN), zero and negative distances, and too few alike.
func TestSameDistance(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(base float64) float64 {
		switch r.IntN(10) {
		case 7:
			return base + 0.005*base // on the edge, as computed
		case 8:
			return base - 0.005*base
		case 0:
			return math.NaN()
		case 1:
			return 0
		case 2:
			return -base
		case 3:
			return base * 1.005
		case 4:
			return base * (1 + 0.005*(1+1e-9))
		case 5:
			return base + 3*r.Float64()
		case 6:
			return r.Float64() * 2 * base
		}
		return base
	}
	found := 0
	for k := 0; k < 20000; k++ {
		n := r.IntN(14)
		base := []float64{1000, 400, 1609.344, 0.1}[r.IntN(4)]
		laps := make([]lapkit.Lap, n)
		for i := range laps {
			laps[i].Distance = pick(base)
		}
		gotD, got := sameDistance(laps)
		wantD, want := sameDistanceByPairs(laps)
		if got != want || gotD != wantD {
			t.Fatalf("laps %v: sameDistance %v, %v; pairwise %v, %v", laps, gotD, got, wantD, want)
		}
		if got {
			found++
		}
	}
	if found < 1000 {
		t.Errorf("only %d of the lap sets are auto laps: the edges are not tried", found)
	}
}
