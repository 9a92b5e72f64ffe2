package analysis

import (
	"math"
	"sort"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/geo"
	"github.com/lapkit/lapkit/internal/track"
)

// stream is the activity resampled on a 1 s grid: distance, the smoothed
// speed, and the effort speed (smoothed speed adjusted for grade, so that a
// hill climbed hard reads fast).
type stream struct {
	act    *lapkit.Activity
	n      int // grid length: one point a second
	smp    []lapkit.Sample
	t0     time.Time
	i0     lapkit.Instant // t0
	d      []float64      // cumulative distance, m
	v      []float64      // smoothed speed, m/s
	effort []float64      // grade-adjusted smoothed speed, m/s
	paused []bool         // the timer was stopped
	alt    []float64      // altitude, m; NaN where not recorded
	// v and effort are filled by smooth.
	at []float64 // sample times, seconds from t0

	positions bool // the distance is summed from GPS positions

	scratch scratch // for bend, one edge at a time
}

func (s *stream) time(k float64) time.Time {
	return s.t0.Add(time.Duration(k * float64(time.Second)))
}

// instant is time(k) as an Instant.
func (s *stream) instant(k float64) lapkit.Instant {
	return s.i0.Add(time.Duration(k * float64(time.Second)))
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
	return &stream{act: a, smp: smp, positions: a.DistanceSource == "positions", t0: t0.UTC(), i0: t0, n: int(a.Duration()/time.Second) + 1}
}

// times returns the sample times as seconds from the start, computed once
// (time.Time arithmetic per sample in the loops that need them would cost
// more than the rest).
func (s *stream) times() []float64 {
	if s.at == nil {
		s.at = make([]float64, len(s.smp))
		base := s.i0.UnixNano()
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
	t := s.instant(k)
	return sort.Search(len(s.smp), func(i int) bool { return s.smp[i].Time >= t })
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
	return s.point(k).Value(s.smp, field)
}

// point locates k seconds from the start among the samples, once for the
// fields read there, by lapkit.Locate's edge rules (it searches the
// samples' seconds where the stream has them).
func (s *stream) point(k float64) lapkit.Between {
	i := s.search(k)
	switch {
	case i == 0:
		return lapkit.Between{}
	case i == len(s.smp):
		return lapkit.Between{I: i - 1}
	}
	p, q := &s.smp[i-1], &s.smp[i]
	if f := float64(s.instant(k).Sub(p.Time)) / float64(q.Time.Sub(p.Time)); f < 1 {
		return lapkit.Between{I: i - 1, F: f}
	}
	return lapkit.Between{I: i}
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
	j := i + sort.Search(len(s.smp)-i, func(k int) bool { return at(i+k) > to })
	xs, ys, zs := make([]float64, 0, j-i), make([]float64, 0, j-i), make([]float64, 0, j-i)
	useAlt := climb
	for ; i < j; i++ {
		x := at(i)
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
		return bend(xs, ys, zs, useAlt, &s.scratch)
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
	end := s.instant(k1)
	for ; i < len(s.smp) && s.smp[i].Time <= end; i++ {
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

// span returns the stretch from k0 to k1 seconds from the stream's start.
func (st *stream) span(k0, k1 float64) Span {
	x := Span{Start: st.time(k0), End: st.time(k1), Distance: st.distAt(k1) - st.distAt(k0)}
	x.StartOffset, x.EndOffset = x.Start.Sub(st.act.Start), x.End.Sub(st.act.Start)
	return x
}

// distAt returns the distance at k seconds from the start, from the
// samples (the grid interpolates them the same way).
func (st *stream) distAt(k float64) float64 {
	return st.sampleAt(k, sampleDistance)
}

// overRead estimates by how much a distance summed from GPS positions
// between k0 and k1 seconds exceeds the distance run, as a fraction: GPS
// error wanders sideways from one fix to the next and every step sums it.
// Where the fixes are 1 s apart it compares each pair of steps with the
// chord over both: position error that wanders like a random walk makes
// the steps over-read by twice as much as they exceed their chords (a
// track's bends add about 0.2 %), and steps of n seconds n times less.
// Where fewer than half the seconds have such fixes (smart recording,
// which records the bends at 1 s and the straights sparsely, from a watch
// that filters its fixes) it returns 0.
func (st *stream) overRead(k0, k1 float64) float64 {
	times := st.times()
	i := st.search(k0)
	var steps, chords float64
	n := 0
	for ; i+2 < len(st.smp) && times[i+2] <= k1; i++ {
		if times[i+2]-times[i] > 2.5 {
			continue
		}
		a, b, c := &st.smp[i], &st.smp[i+1], &st.smp[i+2]
		if !a.HasPosition() || !b.HasPosition() || !c.HasPosition() {
			continue
		}
		steps += geo.Distance(a.Lat, a.Lon, b.Lat, b.Lon) + geo.Distance(b.Lat, b.Lon, c.Lat, c.Lon)
		chords += geo.Distance(a.Lat, a.Lon, c.Lat, c.Lon)
		n++
	}
	if chords == 0 || float64(n) < (k1-k0)/2 || k1 <= k0 {
		return 0
	}
	// The 1 s steps over-read by 2 (steps/chords - 1); the distance
	// merges them into steps of ChordSeconds, whose over-read is that
	// many times less.
	v := (st.distAt(k1) - st.distAt(k0)) / (k1 - k0)
	return 2 * (steps/chords - 1) / track.ChordSeconds(v)
}

// timeAtDist returns when the distance first reached d, in seconds from
// the start, interpolated between samples.
func (st *stream) timeAtDist(d float64) float64 {
	smp := st.smp
	i := sort.Search(len(smp), func(i int) bool { return smp[i].Distance >= d })
	switch {
	case i == 0:
		return 0
	case i == len(smp):
		return float64(st.n - 1)
	}
	p, q := &smp[i-1], &smp[i]
	f := (d - p.Distance) / (q.Distance - p.Distance)
	return (float64(p.Time.Sub(st.i0)) + f*float64(q.Time.Sub(p.Time))) / float64(time.Second)
}

// meanSpeed returns the mean smoothed speed over grid seconds a to b
// (b exclusive).
func (st *stream) meanSpeed(a, b int) float64 {
	if b <= a {
		return 0
	}
	sum := 0.0
	for k := a; k < b; k++ {
		sum += st.v[k]
	}
	return sum / float64(b-a)
}

// onsetAt returns where the change of pace that bends the distance curve
// at b began (paceOnset), over the samples within rampWindow seconds of b
// inside lo and hi; b where the positions are not recorded every second.
func (s *stream) onsetAt(b float64, lo, hi int) float64 {
	times := s.times()
	from, to := max(b-rampWindow, float64(lo), 0), min(b+rampWindow, float64(hi), float64(s.n-1))
	i := sort.SearchFloat64s(times, from)
	j := i + sort.Search(len(times)-i, func(k int) bool { return times[i+k] > to })
	if j-i < 8 {
		return b
	}
	xs, ys := times[i:j], make([]float64, 0, j-i)
	for k := i; k < j; k++ {
		ys = append(ys, s.smp[k].Distance)
	}
	if xs[len(xs)-1]-xs[0] > 1.5*float64(len(xs)-1) {
		return b
	}
	return paceOnset(xs, ys, b, &s.scratch)
}

// rampWindow: see onsetAt, in seconds.
const rampWindow = 30
