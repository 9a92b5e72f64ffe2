package analysis

import "math"

// gpsWander is the time over which GPS position error decays, in seconds:
// an error of a few metres drifts over tens of seconds rather than jumping
// anew at every fix, so that the errors of fixes a second apart are nearly
// the same and their differences nearly independent.
const gpsWander = 30.0

// bend returns where a distance curve sampled at times xs (seconds) with
// distances ys (metres) bends, as the bend time of the continuous
// two-slope line that fits it best by generalised least squares: the
// position error is taken to decay with time constant gpsWander (an AR(1)
// process between samples), so each row is the sample less phi times the
// one before it, scaled to unit variance. Ordinary least squares on such
// data weighs a wander of 3 m as heavily as a change of pace, and two lines
// fitted apart meet where the wander pushes them; here the fit rests
// mostly on the speeds between samples, which the wander barely moves.
// With useAlt, altitudes zs (already weighted) are fitted the same way and
// their squared error added. The bend is searched at every sample from
// the third to the third-last, then in steps of at most 0.25 s in the gaps
// either side of the best (finer would be finer than the wander allows: a
// parabola between the steps measured no better on the generated
// sessions).
// The arrays of one bend come from sc (nil allocates them): a detection
// refines its edges one at a time, and one scratch serves them all.
func bend(xs, ys, zs []float64, useAlt bool, sc *scratch) float64 {
	if sc == nil {
		sc = &scratch{}
	}
	n := len(xs)
	sc.reset(n, useAlt)
	x0 := xs[0]
	rx, ry := sc.floats(n), sc.floats(n)
	for i := range xs {
		rx[i], ry[i] = xs[i]-x0, ys[i]-ys[0]
	}
	d := whiten(rx, ry, sc).suffix(sc)
	var z suffixes
	if useAlt {
		rz := sc.floats(n)
		for i := range xs {
			rz[i] = zs[i] - zs[0]
		}
		z = whiten(rx, rz, sc).suffix(sc)
	}
	sse := func(k int, t float64) float64 {
		e := d.sse(rx, k, t)
		if useAlt {
			e += z.sse(rx, k, t)
		}
		return e
	}
	// First at every sample from the third to the third-last, then in
	// steps of at most 0.25 s in the gaps either side of the best.
	best, bestK, bestE := rx[1], 2, math.Inf(1)
	for k := 2; k <= len(rx)-2; k++ {
		if e := sse(k, rx[k-1]); e < bestE {
			best, bestK, bestE = rx[k-1], k, e
		}
	}
	for k := max(2, bestK-1); k <= min(len(rx)-2, bestK+1); k++ {
		a, b := rx[k-1], rx[k]
		m := max(4, int(math.Ceil((b-a)/0.25)))
		for q := 1; q < m; q++ {
			t := a + (b-a)*float64(q)/float64(m)
			if e := sse(k, t); e < bestE {
				best, bestE = t, e
			}
		}
	}
	return best + x0
}

// A scratch hands out the arrays of one bend from two it keeps, grown to
// the largest bend yet. Each bend takes them anew: whatever a previous one
// left in them is overwritten before it is read.
type scratch struct {
	f []float64
	s [][6]float64
}

// reset readies sc for a bend of n samples: 6n numbers and n+1 sums, or
// 11n numbers and 2(n+1) sums with the altitude.
func (sc *scratch) reset(n int, alt bool) {
	f, k := 6*n, 1
	if alt {
		f, k = 11*n, 2
	}
	if cap(sc.f) < f {
		sc.f = make([]float64, f)
	}
	if cap(sc.s) < k*(n+1) {
		sc.s = make([][6]float64, k*(n+1))
	}
	sc.f, sc.s = sc.f[:0], sc.s[:0]
}

// floats hands out n numbers, within what reset readied.
func (sc *scratch) floats(n int) []float64 {
	sc.f = sc.f[:len(sc.f)+n]
	return sc.f[len(sc.f)-n:]
}

// sums hands out n sums, within what reset readied.
func (sc *scratch) sums(n int) [][6]float64 {
	sc.s = sc.s[:len(sc.s)+n]
	return sc.s[len(sc.s)-n:]
}

// rows are the whitened rows of a regression of y on a line: c and x are
// the columns of the level and the slope, s the scale of each row.
type rows struct{ c, x, y, s []float64 }

// whiten transforms samples (xs, ys) for an AR(1) error with time constant
// gpsWander: row i is (sample i - phi sample i-1) / sqrt(1 - phi²), with
// phi = exp(-gap/gpsWander); the first row is kept as it is.
func whiten(xs, ys []float64, sc *scratch) rows {
	n := len(xs)
	r := rows{sc.floats(n), sc.floats(n), sc.floats(n), sc.floats(n)}
	r.c[0], r.x[0], r.y[0], r.s[0] = 1, xs[0], ys[0], 1
	gap, phi, s := math.NaN(), 0.0, 0.0
	for i := 1; i < n; i++ {
		if g := xs[i] - xs[i-1]; g != gap { // most gaps repeat the one before
			gap, phi = g, math.Exp(-g/gpsWander)
			s = 1 / math.Sqrt(1-phi*phi)
		}
		r.c[i], r.x[i], r.y[i], r.s[i] = s*(1-phi), s*(xs[i]-phi*xs[i-1]), s*(ys[i]-phi*ys[i-1]), s
	}
	return r
}

// suffixes are the sums of cc, cx, xx, cy, xy and yy over the whitened
// rows from each row to the last, with the rows themselves and the fit of
// the straight line (level and slope) to all of them, which every bend
// shares: inv is the inverse of its normal matrix, beta its coefficients
// and sse0 its squared error.
type suffixes struct {
	rows
	sum  [][6]float64
	inv  [2][2]float64
	beta [2]float64
	sse0 float64
	ok   bool // the straight line is determined (two distinct times)
}

func (r rows) suffix(sc *scratch) suffixes {
	n := len(r.c)
	sum := sc.sums(n + 1)
	sum[n] = [6]float64{}
	for i := n - 1; i >= 0; i-- {
		c, x, y := r.c[i], r.x[i], r.y[i]
		sum[i] = sum[i+1]
		sum[i][0] += c * c
		sum[i][1] += c * x
		sum[i][2] += x * x
		sum[i][3] += c * y
		sum[i][4] += x * y
		sum[i][5] += y * y
	}
	s := suffixes{rows: r, sum: sum}
	all := sum[0]
	det := all[0]*all[2] - all[1]*all[1]
	if det > 0 && !math.IsInf(det, 0) {
		s.inv = [2][2]float64{{all[2] / det, -all[1] / det}, {-all[1] / det, all[0] / det}}
		s.beta = [2]float64{s.inv[0][0]*all[3] + s.inv[0][1]*all[4], s.inv[1][0]*all[3] + s.inv[1][1]*all[4]}
		s.sse0 = all[5] - (s.beta[0]*all[3] + s.beta[1]*all[4])
		s.ok = true
	}
	return s
}

// sse returns the squared error of the best continuous line that bends at
// t, between samples k-1 and k of xs: level, slope and change of slope
// fitted to the whitened rows, in O(1). The change of slope's column h is
// added to the straight line's fit: with its part r_h that the level and
// slope do not explain, the error falls by (r_h·y)² / (r_h·r_h). Infinite
// when h adds no direction of its own (a bend at or past the last
// sample).
func (s suffixes) sse(xs []float64, k int, t float64) float64 {
	if !s.ok {
		return math.Inf(1)
	}
	after := s.sum[k+1]
	// The column of the change of slope, max(0, x - t) whitened: 0 before
	// row k; s(x_k - t) at row k; x~ - t c~ after it.
	hk := s.s[k] * (xs[k] - t)
	ch := after[1] - t*after[0] + s.c[k]*hk
	xh := after[2] - t*after[1] + s.x[k]*hk
	hh := after[2] - 2*t*after[1] + t*t*after[0] + hk*hk
	hy := after[4] - t*after[3] + s.y[k]*hk
	return s.withColumn(ch, xh, hh, hy)
}

// withColumn returns the squared error of the straight line's fit with one
// whitened column h added, given its products with the level (ch), the
// slope (xh), itself (hh) and the distances (hy): with h's part r_h that
// the level and slope do not explain, the error falls by (r_h·y)² /
// (r_h·r_h). Infinite when h adds no direction of its own.
func (s *suffixes) withColumn(ch, xh, hh, hy float64) float64 {
	p0 := s.inv[0][0]*ch + s.inv[0][1]*xh
	p1 := s.inv[1][0]*ch + s.inv[1][1]*xh
	rhh := hh - (ch*p0 + xh*p1)
	rhy := hy - (ch*s.beta[0] + xh*s.beta[1])
	if !(rhh > 1e-12*hh) {
		return math.Inf(1)
	}
	return s.sse0 - rhy*rhy/rhh
}

// paceOnset returns where a change of pace began, for a distance curve sampled
// at times xs (seconds) with distances ys (metres) around a bend found at
// b: the runner does not change pace at once but over R seconds of steady
// acceleration (or slowing), so the curve is a line, a parabola R seconds
// long, and a line. Fitted by the same generalised least squares as bend
// (GPS error wandering with time constant gpsWander), for ramps of 0 to
// maxRamp s and onsets from rampSearch s before b to 2 s after it (every
// 2 s of ramp and 1 s of onset, then to the second and quarter second
// around the best); a ramp is taken over an instant change only where it lowers
// the squared error by more than twice the price the Bayesian information
// criterion puts on one more parameter (GPS wander is not the independent
// error the criterion assumes). It returns b itself for an instant change
// (the bend is then the onset).
func paceOnset(xs, ys []float64, b float64, sc *scratch) float64 {
	n := len(xs)
	if n < 8 {
		return b
	}
	sc.reset(n, true)
	x0 := xs[0]
	rx, ry := sc.floats(n), sc.floats(n)
	for i := range xs {
		rx[i], ry[i] = xs[i]-x0, ys[i]-ys[0]
	}
	w := whiten(rx, ry, sc)
	d := w.suffix(sc)
	if !d.ok {
		return b
	}
	h := sc.floats(n)
	// sse returns the squared error of the fit with a ramp of r seconds
	// from ta (times from x0): the ramp's column h whitened as whiten
	// does the others (row i less phi times row i-1, scaled; the first
	// row as it is).
	sse := func(ta, r float64) float64 {
		for i, x := range rx {
			switch t := x - ta; {
			case t <= 0:
				h[i] = 0
			case t < r:
				h[i] = t * t / (2 * r)
			default:
				h[i] = t - r/2
			}
		}
		var ch, xh, hh, hy float64
		for i := range h {
			v := h[0]
			if i > 0 {
				v = w.s[i]*h[i] - (w.s[i]-w.c[i])*h[i-1]
			}
			ch += w.c[i] * v
			xh += w.x[i] * v
			hh += v * v
			hy += v * w.y[i]
		}
		return d.withColumn(ch, xh, hh, hy)
	}
	bestTa, bestR, bestE := b-x0, 0.0, math.Inf(1)
	instant := math.Inf(1)
	try := func(ta, r float64) {
		if ta <= rx[1] || ta+r >= rx[n-2] {
			return
		}
		e := sse(ta, r)
		if r == 0 {
			instant = min(instant, e)
		}
		if e < bestE {
			bestTa, bestR, bestE = ta, r, e
		}
	}
	// Every 2 s of ramp and 1 s of onset, then the quarter seconds and
	// seconds around the best; the instant change at every quarter
	// second, as bend tries it.
	for ta := b - x0 - rampSearch; ta <= b-x0+2; ta += 0.25 {
		try(ta, 0)
	}
	for r := 2.0; r <= maxRamp; r += 2 {
		for ta := b - x0 - rampSearch; ta <= b-x0+2; ta++ {
			try(ta, r)
		}
	}
	if ta0, r0 := bestTa, bestR; r0 > 0 {
		for r := max(1, r0-1); r <= min(maxRamp, r0+1); r++ {
			for ta := ta0 - 1; ta <= ta0+1; ta += 0.25 {
				try(ta, r)
			}
		}
	}
	if bestR == 0 || math.IsInf(instant, 1) || bestE <= 0 {
		return b
	}
	// One more parameter (the ramp's length) must pay its way.
	if float64(n)*math.Log(instant/bestE) <= 2*math.Log(float64(n)) {
		return b
	}
	return bestTa + x0
}

// maxRamp is the longest change of pace onset fits, in seconds;
// rampSearch how far before the bend it looks for the change's start.
const (
	maxRamp    = 14
	rampSearch = 10
)
