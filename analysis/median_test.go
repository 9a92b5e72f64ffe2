package analysis

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// medianByInsertion is median as first written, every window by insertion
// sort: the reference for the sorting network.
func medianByInsertion(x []float64, h int) []float64 {
	out := make([]float64, len(x))
	var w [11]float64
	for k := range x {
		lo, hi := max(0, k-h), min(len(x), k+h+1)
		n := 0
		for _, v := range x[lo:hi] {
			j := n
			for j > 0 && w[j-1] > v {
				w[j] = w[j-1]
				j--
			}
			w[j] = v
			n++
		}
		out[k] = w[n/2]
	}
	return out
}

// TestMedian7 checks the network on every order of seven distinct values
// and on every series of zeros and ones (which a network that sorts them
// all also gets right on any values).
func TestMedian7(t *testing.T) {
	var perm func(a []float64, k int)
	n := 0
	perm = func(a []float64, k int) {
		if k == len(a) {
			if got := median7((*[7]float64)(a)); got != 3 {
				t.Fatalf("median7(%v) = %v, want 3", a, got)
			}
			n++
			return
		}
		for i := k; i < len(a); i++ {
			a[k], a[i] = a[i], a[k]
			perm(a, k+1)
			a[k], a[i] = a[i], a[k]
		}
	}
	perm([]float64{0, 1, 2, 3, 4, 5, 6}, 0)
	for bits := range 128 {
		var a [7]float64
		ones := 0
		for i := range a {
			if bits>>i&1 == 1 {
				a[i], ones = 1, ones+1
			}
		}
		if want := float64(min(1, max(0, ones-3))); median7(&a) != want {
			t.Fatalf("median7(%v) = %v, want %v", a, median7(&a), want)
		}
		n++
	}
	if n != 5040+128 {
		t.Errorf("%d cases", n)
	}
}

// TestMedian holds median to the insertion sort on random series: GPS-like
// noise, values from a few levels (ties), every length up to 40 and long
// ones, and series with a NaN (which take the insertion sort throughout).
func TestMedian(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 6))
	same := func(a, b []float64) bool {
		return slices.EqualFunc(a, b, func(p, q float64) bool { return p == q || math.IsNaN(p) && math.IsNaN(q) })
	}
	for trial := range 4000 {
		n := trial % 41
		if trial%100 == 0 {
			n = 5000
		}
		x := make([]float64, n)
		for i := range x {
			switch trial % 3 {
			case 0:
				x[i] = 3 + rng.NormFloat64()
			case 1:
				x[i] = float64(rng.IntN(4)) // ties
			default:
				x[i] = float64(rng.IntN(3)) - 1 + rng.Float64()*1e-9
			}
		}
		if trial%7 == 0 && n > 0 {
			x[rng.IntN(n)] = math.NaN()
		}
		for _, h := range []int{3, 2} {
			if got, want := median(x, h), medianByInsertion(x, h); !same(got, want) {
				t.Fatalf("trial %d, h %d, %v:\ngot  %v\nwant %v", trial, h, x, got, want)
			}
		}
	}
}
