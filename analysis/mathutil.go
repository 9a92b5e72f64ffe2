package analysis

import (
	"math"
	"slices"
)

// effortSpeed adjusts a speed for grade g (rise per metre): uphill costs
// about 4 % of speed per % of grade at running effort, downhill gives back
// much less. Grades are clamped to -15 % and +25 % against altitude noise.
func effortSpeed(v, g float64) float64 {
	g = math.Max(-0.15, math.Min(0.25, g))
	if g > 0 {
		return v * (1 + 4*g)
	}
	return v * (1 + 1.5*g)
}

// median returns the running median of x over windows of 2h+1 (h at most
// 5), clipped at the ends: the middle value of each window sorted, the
// upper middle of an even one. Whole windows of 7 (h 3) of a series
// without NaN go through a sorting network of min and max, the others
// through an insertion sort; x must not hold a negative zero, which the
// two would place differently beside a zero.
func median(x []float64, h int) []float64 {
	out := make([]float64, len(x))
	lo, hi := len(x), len(x) // the windows the network takes: [lo, hi)
	if h == 3 && !slices.ContainsFunc(x, math.IsNaN) {
		lo, hi = 3, len(x)-3
	}
	var w [11]float64
	for k := range x {
		if k >= lo && k < hi {
			out[k] = median7((*[7]float64)(x[k-3 : k+4]))
			continue
		}
		a, b := max(0, k-h), min(len(x), k+h+1)
		n := 0
		for _, v := range x[a:b] {
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

// median7 returns the middle of seven numbers by a sorting network (Knuth's
// 16 exchanges, less those that cannot move the middle): no branch on the
// values, where the insertion sort mispredicts about one comparison a
// window on noisy speeds.
func median7(x *[7]float64) float64 {
	a0, a1, a2, a3, a4, a5, a6 := x[0], x[1], x[2], x[3], x[4], x[5], x[6]
	a0, a6 = min(a0, a6), max(a0, a6)
	a2, a3 = min(a2, a3), max(a2, a3)
	a4, a5 = min(a4, a5), max(a4, a5)
	a0, a2 = min(a0, a2), max(a0, a2)
	a1, a4 = min(a1, a4), max(a1, a4)
	a3, a6 = min(a3, a6), max(a3, a6)
	a1 = max(a0, a1) // a0 is the least: not needed
	a2, a5 = min(a2, a5), max(a2, a5)
	a3, a4 = min(a3, a4), max(a3, a4)
	a2 = max(a1, a2)
	a4 = min(a4, a6)
	a3 = max(a2, a3)
	a4 = min(a4, a5)
	return min(a3, a4) // the exchanges left cannot move the middle
}

// mean returns the running mean of x over windows of 2h+1.
func mean(x []float64, h int) []float64 {
	out := make([]float64, len(x))
	sum := 0.0
	lo, hi := 0, 0 // window [lo, hi)
	for k := range x {
		for hi < len(x) && hi <= k+h {
			sum += x[hi]
			hi++
		}
		for lo < k-h {
			sum -= x[lo]
			lo++
		}
		out[k] = sum / float64(hi-lo)
	}
	return out
}

// otsu splits values into a slow and a fast class by Otsu's method
// (maximum between-class variance) and returns the threshold, the two class
// means and the separability: the share of the variance between the
// classes (1 for two sharp levels, about 0.64 for a single normal hump).
// Values are binned by 0.02 m/s, so it costs one pass. ok is false for
// fewer than 2 distinct values.
func otsu(vals, weights []float64) (t, slow, fast, sep float64, ok bool) {
	const bin, top = 0.02, 20.0 // m/s
	var (
		w, sum     [int(top/bin) + 1]float64
		total, all float64
		sq         float64
	)
	for i, v := range vals {
		wt := 1.0
		if weights != nil {
			wt = weights[i]
		}
		if !(wt > 0) || math.IsNaN(v) {
			continue
		}
		k := int(math.Max(0, math.Min(top, v)) / bin)
		w[k] += wt
		sum[k] += wt * v
		total += wt
		all += wt * v
		sq += wt * v * v
	}
	if total == 0 {
		return 0, 0, 0, 0, false
	}
	best := -1.0
	w0, s0 := 0.0, 0.0
	for k := 0; k+1 < len(w); k++ {
		w0 += w[k]
		s0 += sum[k]
		w1 := total - w0
		if w0 == 0 || w1 <= 1e-12*total {
			continue
		}
		if w[k] == 0 && best >= 0 {
			continue // the same split as the last non-empty bin
		}
		m0, m1 := s0/w0, (all-s0)/w1
		if b := w0 * w1 * (m0 - m1) * (m0 - m1); b > best {
			best, t, slow, fast = b, float64(k+1)*bin, m0, m1
		}
	}
	if best < 0 {
		return 0, 0, 0, 0, false
	}
	if variance := sq/total - (all/total)*(all/total); variance > 0 {
		sep = best / (total * total) / variance
	}
	return t, slow, fast, sep, true
}

// split is where two lines fitted by least squares either side of a
// split between samples k-1 and k meet.
type split struct {
	k      int
	at     float64 // where the lines meet, clamped to a second outside the gap; mid-gap when they barely differ
	sse    float64 // squared error of both lines
	change float64 // change of slope
}

// spread is the uncertainty of the meeting time: the residual error
// against the change of slope.
func (s split) spread() float64 { return math.Sqrt(s.sse) / s.change }

// bestSplit returns the split of samples (xs, ys) with the least squared
// error, two samples at least on each side; k is 0 when there are fewer
// than four samples.
func bestSplit(xs, ys []float64) split {
	p := prefixes(xs, ys)
	best := split{sse: math.Inf(1)}
	for k := 2; k <= len(xs)-2; k++ {
		mL, bL, eL := p.fit(0, k)
		mR, bR, eR := p.fit(k, len(xs))
		if e := eL + eR; e < best.sse {
			x := (xs[k-1] + xs[k]) / 2
			if math.Abs(mL-mR) > 0.3 {
				x = (bR - bL) / (mL - mR)
			}
			best = split{k, math.Max(xs[k-1]-1, math.Min(xs[k]+1, x)), e, math.Abs(mL - mR)}
		}
	}
	return best
}

// sums are prefix sums of x, y, x², xy and y² for least-squares fits of
// any run of points.
type sums struct {
	x, y, xx, xy, yy []float64
	x0, y0           float64 // origin of the sums
}

func prefixes(xs, ys []float64) sums {
	n := len(xs) + 1
	buf := make([]float64, 5*n)
	s := sums{x: buf[:n], y: buf[n : 2*n], xx: buf[2*n : 3*n], xy: buf[3*n : 4*n], yy: buf[4*n:]}
	// x and y relative to the first point keep the sums small, so that
	// the expanded squared error does not lose its digits.
	x0, y0 := xs[0], ys[0]
	s.x0, s.y0 = x0, y0
	for i, x := range xs {
		x, y := x-x0, ys[i]-y0
		s.x[i+1] = s.x[i] + x
		s.y[i+1] = s.y[i] + y
		s.xx[i+1] = s.xx[i] + x*x
		s.xy[i+1] = s.xy[i] + x*y
		s.yy[i+1] = s.yy[i] + y*y
	}
	return s
}

// fit fits y = m x + c to points [i, j) by least squares and returns the
// slope, intercept and sum of squared errors.
func (s sums) fit(i, j int) (m, c, sse float64) {
	n := float64(j - i)
	sx, sy := s.x[j]-s.x[i], s.y[j]-s.y[i]
	sxx, sxy, syy := s.xx[j]-s.xx[i], s.xy[j]-s.xy[i], s.yy[j]-s.yy[i]
	den := n*sxx - sx*sx
	if n < 1 || den == 0 {
		if n > 0 {
			c = sy / n
		}
		return 0, c + s.y0, math.Max(0, syy-sy*c)
	}
	m = (n*sxy - sx*sy) / den
	c = (sy - m*sx) / n
	// SSE = Σ(y - m x - c)², expanded.
	sse = syy + m*m*sxx + n*c*c - 2*m*sxy - 2*c*sy + 2*m*c*sx
	// Back to absolute coordinates: y + y0 = m (x + x0) + c'.
	return m, c + s.y0 - m*s.x0, math.Max(0, sse)
}

// ratio is how many times the larger of a and b is the smaller (1 when
// equal), for lengths, times and speeds that are not negative; a 0 reads
// as a tiny number, not a division by zero.
func ratio(a, b float64) float64 { return max(a, b) / math.Max(min(a, b), 1e-9) }
