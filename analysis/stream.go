package analysis

import (
	"math"
	"sort"
	"time"

	"github.com/lapkit/lapkit"
)

// stream is the activity resampled on a 1 s grid: distance, the smoothed
// speed, and the effort speed (smoothed speed adjusted for grade, so that a
// hill climbed hard reads fast).
type stream struct {
	act    *lapkit.Activity
	n      int // grid length: one point a second
	smp    []lapkit.Sample
	t0     time.Time
	d      []float64 // cumulative distance, m
	v      []float64 // smoothed speed, m/s
	effort []float64 // grade-adjusted smoothed speed, m/s
	paused []bool    // the timer was stopped
	alt    []float64 // altitude, m; NaN where not recorded
	// v and effort are filled by smooth.
	at []float64 // sample times, seconds from t0

	positions bool // the distance is summed from GPS positions
}

func (s *stream) time(k float64) time.Time {
	return s.t0.Add(time.Duration(k * float64(time.Second)))
}

// index returns the grid index at or before t.
func (s *stream) index(t time.Time) int {
	k := int(t.Sub(s.t0) / time.Second)
	return max(0, min(k, s.n-1))
}

func newStream(a *lapkit.Activity) *stream {
	smp := a.Samples
	if len(smp) < 2 || math.IsNaN(smp[0].Distance) {
		return nil
	}
	t0 := smp[0].Time
	return &stream{act: a, smp: smp, positions: a.DistanceSource == "positions", t0: t0, n: int(a.Duration()/time.Second) + 1}
}

// times returns the sample times as seconds from the start, computed once
// (time.Time arithmetic per sample in the loops that need them would cost
// more than the rest).
func (s *stream) times() []float64 {
	if s.at == nil {
		s.at = make([]float64, len(s.smp))
		base := s.t0.UnixNano()
		for i := range s.smp {
			s.at[i] = float64(s.smp[i].Time.UnixNano()-base) / 1e9
		}
	}
	return s.at
}

// search returns the index of the first sample at or after k seconds.
func (s *stream) search(k float64) int {
	if s.at != nil {
		return sort.SearchFloat64s(s.at, k)
	}
	t := s.time(k)
	return sort.Search(len(s.smp), func(i int) bool { return !s.smp[i].Time.Before(t) })
}

// grid resamples distance and altitude on the 1 s grid and marks the
// paused seconds, once; the stream detector needs it, lap detection not.
func (s *stream) grid() {
	if s.d != nil {
		return
	}
	n, smp, at := s.n, s.smp, s.times()
	s.d, s.alt, s.paused = make([]float64, n), make([]float64, n), make([]bool, n)
	j := 0
	for k := range n {
		x := float64(k)
		for j+1 < len(smp)-1 && at[j+1] <= x {
			j++
		}
		q := min(j+1, len(smp)-1)
		f := 0.0
		if at[q] > at[j] {
			if f = (x - at[j]) / (at[q] - at[j]); f > 1 {
				f = 1
			}
		}
		s.d[k] = smp[j].Distance + f*(smp[q].Distance-smp[j].Distance)
		s.alt[k] = smp[j].Altitude + f*(smp[q].Altitude-smp[j].Altitude)
	}
	for _, p := range s.act.Pauses {
		for k := max(0, s.index(p.Start)); k < n && !s.time(float64(k)).After(p.End); k++ {
			if !s.time(float64(k)).Before(p.Start) {
				s.paused[k] = true
			}
		}
	}
}

// sampleAt interpolates a sample field at k seconds from the start.
func (s *stream) sampleAt(k float64, field func(*lapkit.Sample) float64) float64 {
	return s.point(k).at(field)
}

// point is a time between two samples: p and q, a fraction f of the way.
type point struct {
	p, q *lapkit.Sample
	f    float64
}

func (x point) at(field func(*lapkit.Sample) float64) float64 {
	a := field(x.p)
	if x.f == 0 {
		return a
	}
	return a + x.f*(field(x.q)-a)
}

// point finds the samples around k seconds from the start, once for the
// fields read there.
func (s *stream) point(k float64) point {
	i := s.search(k)
	switch {
	case i == 0:
		return point{p: &s.smp[0], q: &s.smp[0]}
	case i == len(s.smp):
		return point{p: &s.smp[i-1], q: &s.smp[i-1]}
	}
	p, q := &s.smp[i-1], &s.smp[i]
	return point{p: p, q: q, f: float64(s.time(k).Sub(p.Time)) / float64(q.Time.Sub(p.Time))}
}

func sampleDistance(x *lapkit.Sample) float64 { return x.Distance }
func sampleAltitude(x *lapkit.Sample) float64 { return x.Altitude }

// speed returns the smoothed speed over grid indices [i, j] (clipped):
// a central difference over 4 s, a median of 7 against GPS spikes, a mean
// of 5.
func (s *stream) speed(i, j int) []float64 {
	s.grid()
	n := s.n
	i, j = max(0, i), min(n-1, j)
	lo, hi := max(0, i-5), min(n-1, j+5)
	raw := make([]float64, hi-lo+1)
	for k := lo; k <= hi; k++ {
		a, b := max(0, k-2), min(n-1, k+2)
		if b > a {
			raw[k-lo] = (s.d[b] - s.d[a]) / float64(b-a)
		}
	}
	v := mean(median(raw, 3), 2)
	return v[i-lo : j-lo+1]
}

// smooth computes the smoothed and the effort speed of the whole stream
// (the stream detector's input; lap detection does without).
func (s *stream) smooth() {
	if s.v != nil {
		return
	}
	s.grid()
	n := s.n
	alt := s.alt
	s.v = s.speed(0, n-1)
	s.effort = make([]float64, n)
	// Grade over 20 s, where the runner moved at least 10 m.
	for k := range n {
		lo, hi := max(0, k-10), min(n-1, k+10)
		g := 0.0
		if dd := s.d[hi] - s.d[lo]; dd > 10 && !math.IsNaN(alt[hi]) && !math.IsNaN(alt[lo]) {
			g = (alt[hi] - alt[lo]) / dd
		}
		s.effort[k] = effortSpeed(s.v[k], g)
	}
}

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
// 5), by insertion sort on a small array.
func median(x []float64, h int) []float64 {
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

// refine moves a boundary near grid index b to where the distance curve
// bends. Over the samples within w seconds either side of b (kept inside lo
// and hi, the neighbouring boundaries), it tries every split point, fits a
// line to each side by least squares, keeps the split with the least total
// error, and returns the time where its two lines meet. It works on the
// recorded samples, not the grid: where the watch recorded sparsely (smart
// recording) the lines meet inside the gap between two samples, where the
// bend was, instead of at the ends of a chord. With climb (hill reps) the
// altitude counts too: at the foot of a hill the pace barely changes, the
// climb does.
func (s *stream) refine(b float64, w, lo, hi int, climb bool) float64 {
	// Once from b, and once from where that put the bend: the window
	// widens to samples around b, and with smart recording the bend may lie
	// a sample or two from b, where one side holds only two samples, which
	// any line fits exactly.
	return s.refineFrom(s.refineFrom(b, w, lo, hi, climb), w, lo, hi, climb)
}

func (s *stream) refineFrom(b float64, w, lo, hi int, climb bool) float64 {
	c := int(math.Round(b))
	from, to := float64(max(c-w, lo, 0)), float64(min(c+w, hi, s.n-1))
	times := s.times()
	at := func(i int) float64 { return times[i] }
	// With smart recording the window may hold too few samples on a side:
	// widen it to three samples each side of b, within the neighbours.
	mid := sort.Search(len(s.smp), func(i int) bool { return at(i) >= b })
	if k := mid - 3; k >= 0 && at(k) < from && at(k) >= float64(lo) {
		from = at(k)
	}
	if k := mid + 2; k < len(s.smp) && at(k) > to && at(k) <= float64(hi) {
		to = at(k)
	}
	i := sort.Search(len(s.smp), func(i int) bool { return at(i) >= from })
	var xs, ys, zs []float64
	useAlt := climb
	for ; i < len(s.smp); i++ {
		x := at(i)
		if x > to {
			break
		}
		xs = append(xs, x)
		ys = append(ys, s.smp[i].Distance)
		// A metre climbed weighs like ten run: the cost of a 10 % grade.
		zs = append(zs, 10*s.smp[i].Altitude)
		useAlt = useAlt && !math.IsNaN(s.smp[i].Altitude)
	}
	if len(xs) < 4 {
		return b
	}
	// Positions recorded every second carry the wander of GPS error
	// whole: fit them by generalised least squares (bend). Sparser
	// positions come from watches recording smartly, which filter their
	// fixes; there, and on a device's distance, two lines by ordinary
	// least squares.
	if s.positions && xs[len(xs)-1]-xs[0] <= 1.5*float64(len(xs)-1) {
		return bend(xs, ys, zs, useAlt)
	}
	// Split between samples k-1 and k: the bend lies in that gap. Prefix
	// sums make every line fit O(1). The distance and, on hills, the
	// altitude each give their best split and the time where its two
	// lines meet; the meeting with the smaller residual error against the
	// change of slope is the more certain (a rolling road bends the
	// altitude lines; a device's distance is straight on either side). At
	// the foot of a hill the pace may barely change: then the altitude.
	dist := bestSplit(xs, ys)
	if useAlt {
		if alt := bestSplit(xs, zs); alt.change > 0.3 && (dist.change <= 0.3 || alt.spread() < dist.spread()) {
			return alt.at
		}
	}
	if dist.k == 0 {
		return b
	}
	return dist.at
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

func (s *stream) altAt(k float64) float64 {
	return s.sampleAt(k, sampleAltitude)
}

// meanEffort returns the mean effort speed between grid times k0 and k1.
func (s *stream) meanEffort(k0, k1 float64) float64 {
	i, j := max(0, int(math.Ceil(k0))), min(len(s.effort)-1, int(k1))
	if j < i {
		return 0
	}
	sum := 0.0
	for k := i; k <= j; k++ {
		sum += s.effort[k]
	}
	return sum / float64(j-i+1)
}

// maxSpeed returns the highest speed between grid times k0 and k1: the
// device's own speed where it recorded one (watches filter it), the
// smoothed stream speed otherwise. A single sample is not trusted: the
// second highest of the device speeds counts.
func (s *stream) maxSpeed(k0, k1 float64) float64 {
	i := s.search(k0)
	first, second, n := 0.0, 0.0, 0
	end := s.time(k1)
	for ; i < len(s.smp) && !s.smp[i].Time.After(end); i++ {
		v := s.smp[i].Speed
		if math.IsNaN(v) {
			continue
		}
		n++
		if v > first {
			first, second = v, first
		} else if v > second {
			second = v
		}
	}
	if n >= 3 {
		return second
	}
	best := 0.0
	for _, v := range s.speed(int(math.Ceil(k0)), int(k1)) {
		best = math.Max(best, v)
	}
	return best
}
