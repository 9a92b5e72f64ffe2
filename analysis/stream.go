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
	smp    []lapkit.Sample
	t0     time.Time
	d      []float64 // cumulative distance, m
	v      []float64 // smoothed speed, m/s
	effort []float64 // grade-adjusted smoothed speed, m/s
	paused []bool    // the timer was stopped
	alt    []float64 // altitude, m; NaN where not recorded

	// hilly makes refine follow the altitude too: at the foot of a hill
	// the pace barely changes, the climb does.
	hilly bool

	positions bool // the distance is summed from GPS positions
}

func (s *stream) time(k float64) time.Time {
	return s.t0.Add(time.Duration(k * float64(time.Second)))
}

// index returns the grid index at or before t.
func (s *stream) index(t time.Time) int {
	k := int(t.Sub(s.t0) / time.Second)
	return max(0, min(k, len(s.d)-1))
}

func newStream(a *lapkit.Activity) *stream {
	smp := a.Samples
	if len(smp) < 2 || math.IsNaN(smp[0].Distance) {
		return nil
	}
	t0 := smp[0].Time
	n := int(a.Duration()/time.Second) + 1
	s := &stream{smp: smp, positions: a.DistanceSource == "positions", t0: t0, d: make([]float64, n), v: make([]float64, n), effort: make([]float64, n), paused: make([]bool, n)}
	alt := make([]float64, n)
	s.alt = alt
	j := 0
	for k := range n {
		t := t0.Add(time.Duration(k) * time.Second)
		for j+1 < len(smp)-1 && !smp[j+1].Time.After(t) {
			j++
		}
		p, q := &smp[j], &smp[min(j+1, len(smp)-1)]
		f := 0.0
		if q.Time.After(p.Time) {
			f = math.Max(0, math.Min(1, float64(t.Sub(p.Time))/float64(q.Time.Sub(p.Time))))
		}
		s.d[k] = p.Distance + f*(q.Distance-p.Distance)
		alt[k] = p.Altitude + f*(q.Altitude-p.Altitude)
	}
	for _, p := range a.Pauses {
		for k := max(0, s.index(p.Start)); k < n && !s.time(float64(k)).After(p.End); k++ {
			if !s.time(float64(k)).Before(p.Start) {
				s.paused[k] = true
			}
		}
	}
	// Speed by central difference over 4 s, then a median of 7 against
	// GPS spikes, then a mean of 5.
	raw := make([]float64, n)
	for k := range n {
		lo, hi := max(0, k-2), min(n-1, k+2)
		if hi > lo {
			raw[k] = (s.d[hi] - s.d[lo]) / float64(hi-lo)
		}
	}
	med := median(raw, 3)
	s.v = mean(med, 2)
	// Grade over 20 s, where the runner moved at least 10 m.
	for k := range n {
		lo, hi := max(0, k-10), min(n-1, k+10)
		g := 0.0
		if dd := s.d[hi] - s.d[lo]; dd > 10 && !math.IsNaN(alt[hi]) && !math.IsNaN(alt[lo]) {
			g = math.Max(-0.15, math.Min(0.25, (alt[hi]-alt[lo])/dd))
		}
		// Uphill costs about 4 % of speed per % of grade at running
		// effort; downhill gives back much less.
		if g > 0 {
			s.effort[k] = s.v[k] * (1 + 4*g)
		} else {
			s.effort[k] = s.v[k] * (1 + 1.5*g)
		}
	}
	return s
}

// median returns the running median of x over windows of 2h+1.
func median(x []float64, h int) []float64 {
	out := make([]float64, len(x))
	w := make([]float64, 0, 2*h+1)
	for k := range x {
		w = append(w[:0], x[max(0, k-h):min(len(x), k+h+1)]...)
		sort.Float64s(w)
		out[k] = w[len(w)/2]
	}
	return out
}

// mean returns the running mean of x over windows of 2h+1.
func mean(x []float64, h int) []float64 {
	out := make([]float64, len(x))
	for k := range x {
		lo, hi := max(0, k-h), min(len(x), k+h+1)
		sum := 0.0
		for _, v := range x[lo:hi] {
			sum += v
		}
		out[k] = sum / float64(hi-lo)
	}
	return out
}

// otsu splits values into a slow and a fast class by Otsu's method
// (maximum between-class variance) and returns the threshold, the two class
// means and the separability: the share of the variance between the
// classes (1 for two sharp levels, about 0.64 for a single normal hump).
// ok is false for fewer than 2 values.
func otsu(vals, weights []float64) (t, slow, fast, sep float64, ok bool) {
	type vw struct{ v, w float64 }
	xs := make([]vw, 0, len(vals))
	total, sum := 0.0, 0.0
	for i, v := range vals {
		w := 1.0
		if weights != nil {
			w = weights[i]
		}
		if w > 0 {
			xs = append(xs, vw{v, w})
			total += w
			sum += v * w
		}
	}
	if len(xs) < 2 {
		return 0, 0, 0, 0, false
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i].v < xs[j].v })
	best := -1.0
	w0, s0 := 0.0, 0.0
	for i := 0; i+1 < len(xs); i++ {
		w0 += xs[i].w
		s0 += xs[i].v * xs[i].w
		if xs[i+1].v == xs[i].v {
			continue
		}
		w1 := total - w0
		m0, m1 := s0/w0, (sum-s0)/w1
		if b := w0 * w1 * (m0 - m1) * (m0 - m1); b > best {
			best, t, slow, fast = b, (xs[i].v+xs[i+1].v)/2, m0, m1
		}
	}
	mu := sum / total
	variance := 0.0
	for _, x := range xs {
		variance += x.w * (x.v - mu) * (x.v - mu)
	}
	if variance > 0 {
		sep = best / total / variance
	}
	return t, slow, fast, sep, best >= 0
}

// refine moves a boundary near grid index b to where the distance curve
// bends. Over the samples within w seconds either side of b (kept inside lo
// and hi, the neighbouring boundaries), it tries every split point, fits a
// line to each side by least squares, keeps the split with the least total
// error, and returns the time where its two lines meet. It works on the
// recorded samples, not the grid: where the watch recorded sparsely (smart
// recording) the lines meet inside the gap between two samples, where the
// bend was, instead of at the ends of a chord.
func (s *stream) refine(b float64, w, lo, hi int) float64 {
	c := int(math.Round(b))
	from, to := float64(max(c-w, lo, 0)), float64(min(c+w, hi, len(s.d)-1))
	at := func(i int) float64 { return s.smp[i].Time.Sub(s.t0).Seconds() }
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
	useAlt := s.hilly
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
	// Split between samples k-1 and k: the bend lies in that gap.
	bestSSE, best := math.Inf(1), b
	for k := 2; k <= len(xs)-2; k++ {
		mL, bL, eL := fitLine(xs[:k], ys[:k])
		mR, bR, eR := fitLine(xs[k:], ys[k:])
		e := eL + eR
		var zL, cL, zR, cR float64
		if useAlt {
			var fL, fR float64
			zL, cL, fL = fitLine(xs[:k], zs[:k])
			zR, cR, fR = fitLine(xs[k:], zs[k:])
			e += fL + fR
		}
		if e < bestSSE {
			bestSSE = e
			x := (xs[k-1] + xs[k]) / 2
			switch {
			case useAlt && math.Abs(zL-zR) > math.Abs(mL-mR) && math.Abs(zL-zR) > 0.3:
				x = (cR - cL) / (zL - zR)
			case math.Abs(mL-mR) > 0.3:
				x = (bR - bL) / (mL - mR)
			}
			best = math.Max(xs[k-1]-1, math.Min(xs[k]+1, x))
		}
	}
	return best
}

// fitLine fits y = m x + c by least squares and returns the slope,
// intercept and sum of squared errors.
func fitLine(xs, ys []float64) (m, c, sse float64) {
	n := float64(len(xs))
	var sx, sy, sxx, sxy float64
	for i, x := range xs {
		sx += x
		sy += ys[i]
		sxx += x * x
		sxy += x * ys[i]
	}
	den := n*sxx - sx*sx
	if den == 0 {
		return 0, sy / n, 0
	}
	m = (n*sxy - sx*sy) / den
	c = (sy - m*sx) / n
	for i, x := range xs {
		e := ys[i] - (m*x + c)
		sse += e * e
	}
	return m, c, sse
}

func (s *stream) altAt(k float64) float64 {
	return s.alt[max(0, min(int(math.Round(k)), len(s.alt)-1))]
}
