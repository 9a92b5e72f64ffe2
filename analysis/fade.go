package analysis

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/splits"
	"gonum.org/v1/gonum/stat"
)

// A Figure is a number that stands on N reps (or sets, or rests). With too
// few to stand on, Valid is false and Reason says why.
type Figure struct {
	Value  float64 // NaN when the figure does not stand
	N      int
	Reason string // why it does not stand; "" when it does
}

// Valid reports whether the figure stands: it has a value, on at least one
// rep. A zero Figure does not.
func (f Figure) Valid() bool { return f.N > 0 && !math.IsNaN(f.Value) }

func figure(v float64, n, need int, what string) Figure {
	if n < need {
		return noFigure(n, fmt.Sprintf("needs %d %s, has %d", need, what, n))
	}
	return Figure{Value: v, N: n}
}

// noFigure is a figure on n reps that does not stand, and why.
func noFigure(n int, why string) Figure { return Figure{Value: math.NaN(), N: n, Reason: why} }

// A SetFade is the fade within one set. Rep times are durations in
// seconds, or the pace in s/km when the session's reps are not all of one
// standard distance (Fade.OnPace).
type SetFade struct {
	Set       int
	Reps      int
	First     Figure // first rep, s
	Last      Figure // last rep, s
	Change    Figure // last - first, s
	ChangePct Figure // (last - first) / first, %
	Slope     Figure // least-squares slope, s per rep
	Onset     Figure // the rep from which every rep is over 1 % slower than the fastest before it
	OnTarget  int    // reps on target
	MeanAbs   Figure // mean absolute delta to target, s

	// Like is set when the set holds reps of different lengths (400 m
	// and 800 m): each is compared only with reps of its own length. The
	// slope is pooled within lengths; First, Last, Change and Onset are
	// those of the length run most. "" when the reps are alike.
	Like string
}

// A Fade is the fade of a session: within each set, across sets, within
// each rep, and in the heart rate.
type Fade struct {
	// OnPace is set when the reps are compared by their pace, s/km: they
	// are not all of one standard distance (400 m and 800 m reps, reps
	// of 3 min, time-based reps of a plan); their times would compare
	// unlike things.
	OnPace bool

	Sets []SetFade
	// Across sets: the change from the first set's mean rep time to the
	// last's, and the least-squares slope of set means per set; with reps
	// of several lengths, each length's means against its own (a slope
	// pooled within lengths; the change averaged over the lengths both
	// sets ran).
	AcrossChangePct Figure
	AcrossSlope     Figure // s per set
	// Within reps: second half minus first half of each rep, s (positive:
	// the rep slowed down).
	HalfSplit []Figure
	// Heart rate: the peak of each rep and its drift (bpm per rep); the
	// drop in the first 60 s of each rest and its trend (bpm per rest).
	PeakHR      []Figure
	PeakHRDrift Figure
	HRDrop      []Figure
	HRDropTrend Figure
}

func (e *Options) fade(a *lapkit.Activity, s *Session, ev *Evaluation, timeBased []bool) Fade {
	var f Fade
	kinds := repKinds(s.Reps)
	type point struct {
		set  float64
		kind string
		y    float64
	}
	var setMeans []point // each set's mean per kind of rep
	nsets := 0
	for set := 1; set <= s.Sets; set++ {
		var xs, ys, abs []float64
		var ks []string
		sf := SetFade{Set: set}
		for i, r := range s.Reps {
			if r.Set != set {
				continue
			}
			xs = append(xs, float64(r.N))
			ys = append(ys, repValue(r, timeBased[i]))
			ks = append(ks, kinds[i])
			if ev.Reps[i].OnTarget {
				sf.OnTarget++
			}
			if ev.Reps[i].Band != "" {
				abs = append(abs, math.Abs(ev.Reps[i].Delta.Seconds()))
			}
		}
		n := len(ys)
		sf.Reps = n
		if n == 0 {
			continue
		}
		nsets++
		// Reps of different lengths in one set: each compared with
		// those of its own length (a slope pooled within lengths; first
		// and last of the length run most).
		gy := ys // the reps of the main length, for first and last
		if main, alike := mainKind(ks); !alike {
			sf.Like = "like with like: " + strings.Join(uniq(ks), ", ") + " reps each against their own"
			gy = nil
			for k := range ks {
				if ks[k] == main {
					gy = append(gy, ys[k])
				}
			}
		}
		m := len(gy)
		sf.First = figure(gy[0], m, 1, "reps")
		sf.Last = figure(gy[m-1], m, 2, "reps of one length")
		sf.Change = figure(gy[m-1]-gy[0], m, 2, "reps of one length")
		sf.ChangePct = figure(100*(gy[m-1]-gy[0])/gy[0], m, 2, "reps of one length")
		slope, groups := pooledSlope(xs, ys, ks)
		sf.Slope = figure(slope, n, 2, "reps")
		if groups == 0 && n >= 2 {
			sf.Slope = noFigure(n, "reps of different lengths, none run twice: no like-with-like fade")
		}
		sf.Onset = onset(gy, m)
		if len(abs) > 0 {
			sf.MeanAbs = figure(mean1(abs), len(abs), 1, "reps with a target")
		} else {
			sf.MeanAbs = noFigure(0, "no rep with a target")
		}
		f.Sets = append(f.Sets, sf)
		for _, k := range uniq(ks) {
			var v []float64
			for j := range ks {
				if ks[j] == k {
					v = append(v, ys[j])
				}
			}
			setMeans = append(setMeans, point{float64(nsets), k, stat.Mean(v, nil)})
		}
	}
	// Across sets: each length's mean against its own in other sets.
	var xs, ys []float64
	var ks []string
	for _, p := range setMeans {
		xs, ys, ks = append(xs, p.set), append(ys, p.y), append(ks, p.kind)
	}
	slope, groups := pooledSlope(xs, ys, ks)
	f.AcrossSlope = figure(slope, nsets, 2, "sets")
	var change []float64
	for _, p := range setMeans {
		for _, q := range setMeans {
			if p.set == 1 && q.set == float64(nsets) && nsets > 1 && p.kind == q.kind {
				change = append(change, 100*(q.y-p.y)/p.y)
			}
		}
	}
	f.AcrossChangePct = figure(mean1(change), nsets, 2, "sets")
	if nsets >= 2 && groups == 0 {
		why := "no rep length run in two sets: the sets are not compared"
		f.AcrossSlope, f.AcrossChangePct = noFigure(nsets, why), noFigure(nsets, why)
	} else if nsets >= 2 && len(change) == 0 {
		f.AcrossChangePct = noFigure(nsets, "the first and last sets share no rep length")
	}
	var sp splits.Splitter
	var peaks, px []float64
	for i, r := range s.Reps {
		if r.Distance > 0 {
			// The rep's halves as splits.InRange cuts them (under 2 m:
			// none), from their boundaries alone.
			b, _ := sp.Bounds(a, r.Start, r.End, r.Distance/2)
			if len(b) >= 3 {
				f.HalfSplit = append(f.HalfSplit, figure(b[2].Sub(b[1]).Seconds()-b[1].Sub(b[0]).Seconds(), 1, 1, "rep"))
			} else {
				f.HalfSplit = append(f.HalfSplit, noFigure(1, "rep too short to halve"))
			}
		}
		hasHR := !math.IsNaN(r.MaxHeartRate)
		f.PeakHR = append(f.PeakHR, Figure{Value: r.MaxHeartRate, N: 1, Reason: reason(hasHR, "no heart rate")})
		if hasHR {
			peaks = append(peaks, r.MaxHeartRate)
			px = append(px, float64(i+1))
		}
	}
	f.PeakHRDrift = trend(px, peaks, "reps with heart rate")
	var drops, dx []float64
	for i, x := range s.Rests {
		h0, h1 := hrAt(a, x.Start), hrAt(a, x.Start.Add(time.Minute))
		switch {
		case math.IsNaN(h0) || math.IsNaN(h1):
			f.HRDrop = append(f.HRDrop, noFigure(1, "no heart rate"))
		case x.Duration() < 57*time.Second:
			f.HRDrop = append(f.HRDrop, noFigure(1, "rest shorter than 60 s"))
		default:
			f.HRDrop = append(f.HRDrop, figure(h0-h1, 1, 1, "rest"))
			drops = append(drops, h0-h1)
			dx = append(dx, float64(i+1))
		}
	}
	f.HRDropTrend = trend(dx, drops, "rests with heart rate")
	return f
}

// repKinds returns what each rep is compared with: its standard distance
// ("400 m"), or for reps of none their length in time, reps within 10 %
// of each other one kind ("3:00"). Reps alike in time but not in distance
// (6 x 3 min, one of which reads 600 m) are all of their time.
func repKinds(reps []Rep) []string {
	byTime := func(idx []int, out []string) {
		sort.Slice(idx, func(a, b int) bool { return reps[idx[a]].Duration() < reps[idx[b]].Duration() })
		var first time.Duration
		label := ""
		for _, i := range idx {
			if d := reps[i].Duration(); label == "" || float64(d) > 1.1*float64(first) {
				first, label = d, lapkit.FormatSeconds(d.Round(time.Second))
			}
			out[i] = label
		}
	}
	dist, all := make([]string, len(reps)), make([]string, len(reps))
	var timed, every []int
	for i, r := range reps {
		every = append(every, i)
		if r.Nominal > 0 {
			dist[i] = fmt.Sprintf("%g m", r.Nominal)
		} else {
			timed = append(timed, i)
		}
	}
	byTime(timed, dist)
	byTime(every, all)
	if len(uniq(all)) < len(uniq(dist)) {
		return all
	}
	return dist
}

// mainKind returns the kind of rep run most often among ks (the first run
// of those tied), and whether all are of one kind.
func mainKind(ks []string) (string, bool) {
	count := map[string]int{}
	best := ""
	for _, k := range ks {
		count[k]++
		if count[k] > count[best] {
			best = k
		}
	}
	return best, len(count) == 1
}

// uniq returns the distinct kinds of ks in the order they first appear.
func uniq(ks []string) []string {
	var out []string
	for _, k := range ks {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// pooledSlope fits ys = a(kind) + b xs by least squares, one intercept per
// kind, and returns b and how many kinds have two points or more (0: no
// slope).
func pooledSlope(xs, ys []float64, ks []string) (float64, int) {
	var num, den float64
	groups := 0
	for _, k := range uniq(ks) {
		var gx, gy []float64
		for i := range ks {
			if ks[i] == k {
				gx, gy = append(gx, xs[i]), append(gy, ys[i])
			}
		}
		if len(gx) < 2 {
			continue
		}
		groups++
		mx, my := stat.Mean(gx, nil), stat.Mean(gy, nil)
		for i := range gx {
			num += (gx[i] - mx) * (gy[i] - my)
			den += (gx[i] - mx) * (gx[i] - mx)
		}
	}
	if den == 0 {
		return 0, 0
	}
	return num / den, groups
}

func reason(ok bool, why string) string {
	if ok {
		return ""
	}
	return why
}

func trend(xs, ys []float64, what string) Figure {
	if len(ys) < 2 {
		return figure(0, len(ys), 2, what)
	}
	_, slope := stat.LinearRegression(xs, ys, nil, false)
	return figure(slope, len(ys), 2, what)
}

// onset returns the rep (1-based) from which every rep is more than 1 %
// slower than the fastest rep before it; absent when fade never sets in.
func onset(ys []float64, n int) Figure {
	if n < 3 {
		return figure(0, n, 3, "reps")
	}
	for k := 1; k < n; k++ {
		best := ys[0]
		for _, y := range ys[:k] {
			best = math.Min(best, y)
		}
		all := true
		for _, y := range ys[k:] {
			if y <= best*1.01 {
				all = false
				break
			}
		}
		if all {
			return figure(float64(k+1), n, 3, "reps")
		}
	}
	return noFigure(n, "no fade: a later rep is within 1 % of the fastest")
}

// hrAt interpolates the heart rate at t (lapkit.Locate); NaN when not
// recorded there.
func hrAt(a *lapkit.Activity, t time.Time) float64 {
	return lapkit.Locate(a.Samples, t).Value(a.Samples, func(s *lapkit.Sample) float64 { return s.HeartRate })
}
