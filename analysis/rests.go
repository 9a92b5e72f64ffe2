package analysis

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// A span is a stretch of the grid, [a, b) seconds.
type span struct{ a, b int }

// stopRuns returns the runs of the stream (maximal stretches without a
// stop) and its stops: minStop seconds or more with the effort speed under
// walk or the timer stopped.
func stopRuns(st *stream) (runs, stops []span) {
	n := len(st.effort)
	stop := func(k int) bool { return st.paused[k] || st.effort[k] < walk }
	for k := 0; k < n; {
		j := k
		for j < n && stop(j) == stop(k) {
			j++
		}
		if stop(k) && j-k >= minStop {
			stops = append(stops, span{k, j})
		}
		k = j
	}
	prev := 0
	for _, s := range stops {
		if s.a > prev {
			runs = append(runs, span{prev, s.a})
		}
		prev = s.b
	}
	if prev < n {
		runs = append(runs, span{prev, n})
	}
	return runs, stops
}

// minStop is the least time, in seconds, the runner must stand or walk
// (effort speed under walk, or the timer stopped) for the stop to count as
// a rest between reps: shorter ones are a crossing, a tight turn, a moment
// of GPS shadow.
const minStop = 20

// fromRests finds reps in the stream by the rests the runner stood or
// walked, when the pace alone does not tell the reps from the easy running
// (reps a little faster than the warm-up, a session that starts with rep
// 1): every run between two stops of minStop or more is a rep, and so are
// the run before the first stop and the one after the last, less a slower
// stretch at their start (the warm-up run into rep 1) or at their end (the
// cool-down run on from the last rep), found by the speed of the inner
// reps (runIn); such a run that is only slower and longer than the reps
// (easyEdge) is the warm-up or cool-down. It needs two stops or more inside
// the recording, each no longer than maxRest, and finds nothing where the
// runs are too irregular to be reps (minRegular) or one lasts over
// maxRestLedRep.
func (d *Options) fromRests(st *stream) ([]effort, quality) {
	n := len(st.effort)
	runs, stops := stopRuns(st)
	inner := 0
	for _, s := range stops {
		if s.a > 0 && s.b < n && s.b-s.a <= int(maxRest.Seconds()) {
			inner++
		}
	}
	if inner < 2 || len(runs) < 3 {
		return nil, quality{}
	}
	// The inner runs are reps: their speed tells the rep in the first
	// and the last run from the warm-up and cool-down run into them.
	var speeds []float64
	for _, r := range runs[1 : len(runs)-1] {
		speeds = append(speeds, st.meanSpeed(r.a, r.b))
	}
	repSpeed := medianOf(speeds)
	var out []effort
	for i, r := range runs {
		a, b := r.a, r.b
		e := effort{t0: float64(a), t1: float64(b - 1), source: SourceDetected}
		// Where the pace steps within a run the bend in the distance
		// curve is faint: fit it over up to runInWindow seconds.
		if i == 0 {
			if k := runIn(st, a, b, repSpeed, false); k > a {
				e.t0 = st.refine(float64(k), runInWindow, a, b-1, false)
			}
		}
		if i == len(runs)-1 {
			if k := runIn(st, a, b, repSpeed, true); k < b {
				e.t1 = st.refine(float64(k), runInWindow, int(e.t0), b-1, false)
			}
		}
		// A run the recording starts or ends in, with no clear step
		// of pace in it (the reps under openContrast times its easy
		// part): a rep where the piece runIn cut from it, or else the
		// whole run (a session that starts with rep 1), is as long as
		// the run beside it (within openLike); else the warm-up or
		// cool-down: a step GPS wander made is no rep's edge.
		if open := i == 0 && a == 0 || i == len(runs)-1 && b == n; open && len(runs) >= 3 {
			// The easy part is the warm-up before the first rep or
			// the cool-down after the last.
			j, easy := 1, st.meanSpeed(a, (a+b)/2)
			if i > 0 {
				j, easy = i-1, st.meanSpeed((a+b)/2, b)
			}
			if repSpeed < openContrast*easy {
				nb := runs[j]
				dn := st.distAt(float64(nb.b-1)) - st.distAt(float64(nb.a))
				like := func(t0, t1 float64) bool {
					d := st.distAt(t1) - st.distAt(t0)
					return max(d, dn)/math.Max(min(d, dn), 1) <= openLike
				}
				switch {
				case like(e.t0, e.t1): // the piece runIn cut is a rep
				case like(float64(a), float64(b-1)):
					e.t0, e.t1 = float64(a), float64(b-1)
				default:
					continue
				}
			}
		}
		out = append(out, e)
	}
	// A first or last run that is only the warm-up or cool-down: slower
	// than the others and longer than any.
	easy := func(e effort, others []effort) bool {
		var v []float64
		longest := 0.0
		for _, o := range others {
			v = append(v, st.meanEffort(o.t0, o.t1))
			longest = max(longest, o.t1-o.t0)
		}
		return len(v) >= 2 && st.meanEffort(e.t0, e.t1) < easyEdge*medianOf(v) && e.t1-e.t0 > 1.5*longest
	}
	if len(out) >= 3 && easy(out[0], out[1:]) {
		out = out[1:]
	}
	if n := len(out); n >= 3 && easy(out[n-1], out[:n-1]) {
		out = out[:n-1]
	}
	out = trimUnlike(st, out)
	// A warm-up or cool-down of half an hour that no step split from
	// the reps is no rep either.
	if len(out) > 0 && out[0].t1-out[0].t0 > maxRestLedRep {
		out = out[1:]
	}
	if n := len(out); n > 0 && out[n-1].t1-out[n-1].t0 > maxRestLedRep {
		out = out[:n-1]
	}
	if len(out) < 2 {
		return nil, quality{}
	}
	for _, e := range out {
		if e.t1-e.t0 > maxRestLedRep {
			return nil, quality{} // a run of half an hour between stops
		}
	}
	// Reps are run alike and rested alike, and are of one length or a
	// ladder; a run with stops at crossings is not: rests whose
	// durations vary (coefficient of variation over 0.2, unless they
	// rise or fall in order, as a ladder's), rep speeds that vary (a
	// robust spread over 0.04, speedSpread) and rep distances that vary
	// (over 0.35, unless they rise or fall in order) lower the
	// confidence, to nothing at 0.5, 0.12 and 0.7.
	var reps, rests, dists []float64
	for _, e := range out {
		reps = append(reps, st.meanSpeed(int(e.t0), int(e.t1)+1))
		dists = append(dists, st.distAt(e.t1)-st.distAt(e.t0))
	}
	for _, s := range stops {
		if s.a > int(out[0].t1) && s.b <= int(out[len(out)-1].t0)+1 {
			rests = append(rests, float64(s.b-s.a))
		}
	}
	cv := func(x []float64) float64 {
		if len(x) < 2 {
			return 0
		}
		m, sd := stat.MeanStdDev(x, nil)
		return sd / m
	}
	clamp := func(x float64) float64 { return math.Max(0, math.Min(1, x)) }
	regular := clamp(1 - (speedSpread(reps, dists)-0.04)/0.08)
	// A ladder's rests shorten (or lengthen) with its reps (three
	// rests or more: two are always in order); runs in blocks of one
	// length each, to within 5 % (4 x 200 m, 3 x 400 m, 2 x 600 m: the
	// watch ended them), are reps however long the runner stood.
	if (len(rests) < 3 || !inOrder(rests)) && !sameLengths(dists) {
		regular *= clamp(1 - (cv(rests)-0.2)/0.3)
	}
	if !inOrder(dists) {
		regular *= clamp(1 - (cv(dists)-0.35)/0.35)
	}
	if regular < minRegular {
		return nil, quality{} // stops at crossings, not rests
	}
	var rep, rest float64
	for _, v := range reps {
		rep += v / float64(len(reps))
	}
	for _, s := range stops {
		rest += st.meanEffort(float64(s.a), float64(s.b-1)) / float64(len(stops))
	}
	return out, quality{contrast: rep / math.Max(rest, 0.5), sep: 0.9, irregular: 1 - regular}
}

// minRegular is the least regularity (see fromRests) for runs between
// stops to be taken for reps at all.
const minRegular = 0.3

// maxRestLedRep is the longest rep, in seconds, that fromRests takes: a
// longer run between stops is a run, not a rep.
const maxRestLedRep = 25 * 60

// runInWindow is how far, in seconds, either side of the first guess the
// bend between a warm-up and the rep run into it is looked for.
const runInWindow = 180

// runIn finds, in a run from grid second a to b (exclusive) that holds a
// rep at repSpeed m/s and an easier run beside it (after it when after,
// else before), where the rep ends (starts): the first second from the
// rep's side after which the speed, averaged over 11 s, stays under
// halfway between the rep's and the easy run's for 30 s. The easy run's
// speed is the mean over the far half of the run; when the rep is not
// easyFactor faster than it, the whole run is the rep.
func runIn(st *stream, a, b int, repSpeed float64, after bool) int {
	const hold, half = 30, 5
	mid := (a + b) / 2
	easy := st.meanSpeed(mid, b)
	if !after {
		easy = st.meanSpeed(a, mid)
	}
	if b-a < 2*hold || repSpeed < easyFactor*easy {
		if after {
			return b
		}
		return a
	}
	t := (repSpeed + easy) / 2
	ma := func(k int) float64 { return st.meanSpeed(max(a, k-half), min(b, k+half+1)) }
	below := 0
	if after {
		for k := a; k < b; k++ {
			if ma(k) < t {
				if below++; below == hold {
					return k - hold + 1
				}
			} else {
				below = 0
			}
		}
		return b
	}
	for k := b - 1; k >= a; k-- {
		if ma(k) < t {
			if below++; below == hold {
				return k + hold
			}
		} else {
			below = 0
		}
	}
	return a
}

// trimUnlike leaves out runs at either end of the series that are not
// like it: a run whose distance differs from the run beside it by more
// than a factor of unlikeRun, and that either ran slower than easyEdge
// times the median run or stopped unlike the series (a stop before or
// after it more than unlikeRun times longer or shorter than the median
// stop, where the stops are not in order as a ladder's are), or that ran
// slower than edgeEasy times the median run whatever its length: the last
// minute of a 10 km run before 5 x 200 m, a cool-down jog with stops. The
// rungs of a ladder, rested in order, stay.
func trimUnlike(st *stream, out []effort) []effort {
	if len(out) < 3 {
		return out
	}
	dist := func(e effort) float64 { return st.distAt(e.t1) - st.distAt(e.t0) }
	speeds := make([]float64, len(out))
	for i, e := range out {
		speeds[i] = st.meanSpeed(int(e.t0), int(e.t1)+1)
	}
	v := medianOf(speeds)
	gaps := make([]float64, len(out)-1)
	for i := range gaps {
		gaps[i] = out[i+1].t0 - out[i].t1
	}
	g, ladder := medianOf(gaps), inOrder(gaps)
	unlike := func(i, next int) bool {
		stopped := !ladder && ratio(gaps[min(i, next)], g) > unlikeRun
		return ratio(dist(out[i]), dist(out[next])) > unlikeRun && (stopped || speeds[i] < easyEdge*v) || speeds[i] < edgeEasy*v
	}
	lo, hi := 0, len(out) // out[lo:hi] kept
	for hi-lo > 2 {
		switch {
		case unlike(hi-1, hi-2):
			hi--
		case unlike(lo, lo+1):
			lo++
		default:
			return out[lo:hi]
		}
	}
	return out[lo:hi]
}

// speedSpread is how far the rep speeds v (of runs of distances d) vary,
// robustly: the median absolute deviation from the median, scaled to a
// standard deviation, over the median (the last 200 m of a pyramid
// sprinted does not make it irregular). Where the runs come in blocks of
// one length (within 1.3 times, two or more in a row, holding half the
// runs or more), each speed is taken against its block's: 200s, 400s and
// 600s are each run alike, the 200s faster.
func speedSpread(v, d []float64) float64 {
	if len(v) < 2 {
		return 0
	}
	block := make([]int, len(v)) // first run of each run's block
	inBlocks := 0
	for i := range v {
		if i > 0 && max(d[i], d[i-1])/math.Max(min(d[i], d[i-1]), 1) <= 1.3 {
			block[i] = block[i-1]
		} else {
			block[i] = i
		}
	}
	for i := range v {
		if i > 0 && block[i] == block[i-1] || i+1 < len(v) && block[i+1] == block[i] {
			inBlocks++
		}
	}
	ref := make([]float64, len(v))
	for i := range v {
		var own []float64
		for j := range v {
			if 2*inBlocks >= len(v) && block[j] != block[i] {
				continue
			}
			own = append(own, v[j])
		}
		ref[i] = medianOf(own)
	}
	dev := make([]float64, len(v))
	for i := range v {
		dev[i] = math.Abs(v[i]-ref[i]) / ref[i]
	}
	return 1.4826 * medianOf(dev)
}

// sameLengths reports whether four runs or more, three quarters of them
// or more, each measure within 5 % of a run beside them: blocks of reps
// of one length each.
func sameLengths(d []float64) bool {
	n := 0
	near := func(i, j int) bool { return j >= 0 && j < len(d) && math.Abs(d[i]-d[j]) <= 0.05*max(d[i], d[j]) }
	for i := range d {
		if near(i, i-1) || near(i, i+1) {
			n++
		}
	}
	return len(d) >= 4 && 4*n >= 3*len(d)
}

// unlikeRun: see trimUnlike; openContrast and openLike: see fromRests.
const (
	unlikeRun    = 1.5
	openContrast = 1.12
	openLike     = 1.15
)

// inOrder reports whether x rises or falls in order, within a tenth of
// each value or of the range (rests of 150 s measured as 148 and 151 s;
// the last 200 m of a ladder from 1200 m measured as 234 m).
func inOrder(x []float64) bool {
	if len(x) == 0 {
		return true
	}
	spread := 0.1 * (slices.Max(x) - slices.Min(x))
	up, down := true, true
	for i := 1; i < len(x); i++ {
		slack := max(spread, 0.1*x[i-1])
		up = up && x[i] >= x[i-1]-slack
		down = down && x[i] <= x[i-1]+slack
	}
	return up || down
}
