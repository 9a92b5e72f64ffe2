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
func bend(xs, ys, zs []float64, useAlt bool) float64 {
	x0 := xs[0]
	rx, ry := make([]float64, len(xs)), make([]float64, len(xs))
	for i := range xs {
		rx[i], ry[i] = xs[i]-x0, ys[i]-ys[0]
	}
	d := whiten(rx, ry).suffix()
	var z suffixes
	if useAlt {
		rz := make([]float64, len(xs))
		for i := range xs {
			rz[i] = zs[i] - zs[0]
		}
		z = whiten(rx, rz).suffix()
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

// rows are the whitened rows of a regression of y on a line: c and x are
// the columns of the level and the slope, s the scale of each row.
type rows struct{ c, x, y, s []float64 }

// whiten transforms samples (xs, ys) for an AR(1) error with time constant
// gpsWander: row i is (sample i - phi sample i-1) / sqrt(1 - phi²), with
// phi = exp(-gap/gpsWander); the first row is kept as it is.
func whiten(xs, ys []float64) rows {
	n := len(xs)
	r := rows{make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)}
	r.c[0], r.x[0], r.y[0], r.s[0] = 1, xs[0], ys[0], 1
	for i := 1; i < n; i++ {
		phi := math.Exp(-(xs[i] - xs[i-1]) / gpsWander)
		s := 1 / math.Sqrt(1-phi*phi)
		r.c[i], r.x[i], r.y[i], r.s[i] = s*(1-phi), s*(xs[i]-phi*xs[i-1]), s*(ys[i]-phi*ys[i-1]), s
	}
	return r
}

// suffixes are the sums of cc, cx, xx, cy, xy and yy over the whitened
// rows from each row to the last, with the rows themselves.
type suffixes struct {
	rows
	sum [][6]float64
}

func (r rows) suffix() suffixes {
	n := len(r.c)
	sum := make([][6]float64, n+1)
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
	return suffixes{r, sum}
}

// sse returns the squared error of the best continuous line that bends at
// t, between samples k-1 and k of xs: level, slope and change of slope
// fitted to the whitened rows, in O(1).
func (s suffixes) sse(xs []float64, k int, t float64) float64 {
	all, after := s.sum[0], s.sum[k+1]
	// The column of the change of slope, max(0, x - t) whitened: 0 before
	// row k; s(x_k - t) at row k; x~ - t c~ after it.
	hk := s.s[k] * (xs[k] - t)
	ch := after[1] - t*after[0] + s.c[k]*hk
	xh := after[2] - t*after[1] + s.x[k]*hk
	hh := after[2] - 2*t*after[1] + t*t*after[0] + hk*hk
	hy := after[4] - t*after[3] + s.y[k]*hk
	a := [3][3]float64{{all[0], all[1], ch}, {all[1], all[2], xh}, {ch, xh, hh}}
	b := [3]float64{all[3], all[4], hy}
	beta, ok := solve3(a, b)
	if !ok {
		return math.Inf(1)
	}
	return all[5] - (beta[0]*b[0] + beta[1]*b[1] + beta[2]*b[2])
}

// solve3 solves a x = b for a 3 x 3 matrix by Cramer's rule; false when a
// is singular.
func solve3(a [3][3]float64, b [3]float64) ([3]float64, bool) {
	det := det3(a)
	if det == 0 || math.IsNaN(det) {
		return [3]float64{}, false
	}
	var x [3]float64
	for c := range 3 {
		m := a
		for r := range 3 {
			m[r][c] = b[r]
		}
		x[c] = det3(m) / det
	}
	return x, true
}

func det3(a [3][3]float64) float64 {
	return a[0][0]*(a[1][1]*a[2][2]-a[1][2]*a[2][1]) - a[0][1]*(a[1][0]*a[2][2]-a[1][2]*a[2][0]) + a[0][2]*(a[1][0]*a[2][1]-a[1][1]*a[2][0])
}
