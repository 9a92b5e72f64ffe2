package analysis

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestHingeSSE checks the O(1) squared error of a bend against a plain
// least-squares fit of the three whitened columns (level, slope, change of
// slope) by QR, on irregular samples as smart recording makes them.
func TestHingeSSE(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 1))
	for trial := range 200 {
		n := 6 + rng.IntN(40)
		xs, ys := make([]float64, n), make([]float64, n)
		tb := float64(n) / 2
		for i := range xs {
			if i > 0 {
				xs[i] = xs[i-1] + 1 + float64(rng.IntN(7))*rng.Float64()
			}
			ys[i] = 3*xs[i] + 2*math.Max(0, xs[i]-tb) + 2*rng.NormFloat64()
		}
		var sc scratch
		sc.reset(n, false)
		s := whiten(xs, ys, &sc).suffix(&sc)
		for k := 2; k <= n-2; k++ {
			for _, at := range []float64{xs[k-1], (xs[k-1] + xs[k]) / 2} {
				got := s.sse(xs, k, at)
				want := directSSE(xs, ys, at)
				if math.Abs(got-want) > 1e-8*math.Max(1, want) {
					t.Fatalf("trial %d, %d samples, bend at %.2f s: sse %.10g, least squares %.10g", trial, n, at, got, want)
				}
			}
		}
	}
}

// directSSE fits level, slope and max(0, x - at) to the AR(1)-whitened
// samples by QR and returns the squared residual.
func directSSE(xs, ys []float64, at float64) float64 {
	n := len(xs)
	a, b := mat.NewDense(n, 3, nil), mat.NewVecDense(n, nil)
	h := func(x float64) float64 { return math.Max(0, x-at) }
	a.SetRow(0, []float64{1, xs[0], h(xs[0])})
	b.SetVec(0, ys[0])
	for i := 1; i < n; i++ {
		phi := math.Exp(-(xs[i] - xs[i-1]) / gpsWander)
		s := 1 / math.Sqrt(1-phi*phi)
		a.SetRow(i, []float64{s * (1 - phi), s * (xs[i] - phi*xs[i-1]), s * (h(xs[i]) - phi*h(xs[i-1]))})
		b.SetVec(i, s*(ys[i]-phi*ys[i-1]))
	}
	var beta, r mat.VecDense
	if err := beta.SolveVec(a, b); err != nil {
		return math.Inf(1)
	}
	r.MulVec(a, &beta)
	r.SubVec(b, &r)
	return mat.Dot(&r, &r)
}

// TestBendNoiseFree checks that a clean distance curve that bends on the
// 0.25 s search grid gives back its bend exactly, at 1 s and at smart
// recording, with and without altitude.
func TestBendNoiseFree(t *testing.T) {
	for _, step := range []float64{1, 3} {
		for _, useAlt := range []bool{false, true} {
			var xs, ys, zs []float64
			const at = 40.75
			for x := 0.0; x <= 80; x += step {
				xs = append(xs, x)
				ys = append(ys, 3*x+2.5*math.Max(0, x-at))
				zs = append(zs, 0.5*math.Max(0, x-at))
			}
			if got := bend(xs, ys, zs, useAlt, nil); math.Abs(got-at) > 1e-6 {
				t.Errorf("samples every %g s, altitude %v: bend at %.4f s, want %.2f s", step, useAlt, got, at)
			}
		}
	}
}

// TestPaceOnset: a runner who speeds up from 2 to 5 m/s over 8 s from
// 50 s (steady acceleration), sampled every second over 30 s either side
// (as onsetAt takes them), starts the change at 50 s, where the bend of two
// lines lies 4-4.5 s later, in the middle of the ramp. paceOnset finds 50
// s to the quarter second without noise, and within 1 s on three curves in
// four under 1 m of GPS wander decaying over 30 s (a watch's); under 3 m
// (a phone's) the ramp does not pay for itself and the bend stays. An
// instant change keeps its bend.
func TestPaceOnset(t *testing.T) {
	curve := func(ramp, noise float64, rng *rand.Rand) ([]float64, []float64) {
		var xs, ys []float64
		d, v, e := 0.0, 2.0, 0.0
		for i := 20; i <= 80; i++ {
			x := float64(i)
			xs = append(xs, x)
			if i > 20 {
				phi := math.Exp(-1 / gpsWander)
				e = phi*e + math.Sqrt(1-phi*phi)*noise*rng.NormFloat64()
			}
			ys = append(ys, d+e)
			// The speed over the next second.
			switch {
			case ramp > 0 && x >= 50 && x < 50+ramp:
				v = 2 + 3*(x+0.5-50)/ramp
			case x >= 50:
				v = 5
			}
			d += v
		}
		return xs, ys
	}
	rng := rand.New(rand.NewPCG(7, 2))
	var sc scratch
	xs, ys := curve(8, 0, rng)
	b := bend(xs, ys, nil, false, &sc)
	if got := paceOnset(xs, ys, b, &sc); math.Abs(got-50) > 0.25 || math.Abs(b-54) > 1 {
		t.Errorf("noiseless 8 s ramp from 50 s: bend %.2f s, onset %.2f s", b, got)
	}
	for _, c := range []struct {
		noise float64
		near  int // of 200 within 1 s, at least
	}{{1, 150}, {3, 0}} {
		near, moved := 0, 0
		for range 200 {
			xs, ys := curve(8, c.noise, rng)
			b := bend(xs, ys, nil, false, &sc)
			got := paceOnset(xs, ys, b, &sc)
			if math.Abs(got-50) <= 1 {
				near++
			}
			if got != b {
				moved++
				if got > b || b-got > maxRamp {
					t.Errorf("%.0f m of wander: onset %.2f s from a bend at %.2f s", c.noise, got, b)
				}
			}
			xs, ys = curve(0, c.noise, rng)
			b = bend(xs, ys, nil, false, &sc)
			if got := paceOnset(xs, ys, b, &sc); got != b && math.Abs(got-50) > 1 {
				t.Errorf("%.0f m of wander, instant change at 50 s: bend %.2f s, onset %.2f s", c.noise, b, got)
			}
		}
		if near < c.near {
			t.Errorf("%.0f m of wander: onset within 1 s of 50 s on %d of 200 ramps, want %d", c.noise, near, c.near)
		}
		t.Logf("%.0f m of wander: onset within 1 s on %d of 200 ramps, moved from the bend on %d", c.noise, near, moved)
	}
}
