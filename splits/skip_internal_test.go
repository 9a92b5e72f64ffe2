package splits

import (
	"math/rand/v2"
	"testing"
)

// TestSkipsAreLoops holds Best's galloping skips to the loops they
// replace, a sample at a time, on random increasing times and bounds
// before, inside and past them.
func TestSkipsAreLoops(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		n := 1 + r.IntN(200)
		ns := make([]int64, n)
		for k := range ns {
			ns[k] = int64(k) * 3
			if k > 0 {
				ns[k] = ns[k-1] + 1 + r.Int64N(5)
			}
		}
		i := r.IntN(n)
		tf := ns[i] + r.Int64N(ns[n-1]-ns[i]+10)
		want := i
		for want+1 < n && ns[want+1] <= tf {
			want++
		}
		if got := lastNotAfter(ns, i, n-1, tf); got != want {
			t.Fatalf("lastNotAfter(%v, %d, %d) = %d, want %d", ns, i, tf, got, want)
		}
		j := r.IntN(n)
		tb := ns[j] - 1 - r.Int64N(ns[j]+10)
		want = j
		for want-1 > 0 && ns[want-1] > tb {
			want--
		}
		if got := firstAfter(ns, 1, j, tb); j >= 1 && got != want {
			t.Fatalf("firstAfter(%v, %d, %d) = %d, want %d", ns, j, tb, got, want)
		}
	}
}
