package analysis

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/splits"
	"gonum.org/v1/gonum/stat"
)

// DefaultTolerance is how close to its target a rep must be to count as on
// target: 2 %, 1.3 s on a 65 s 400 m.
const DefaultTolerance = 0.02

// Bands of a rep against its target, for a tool to colour.
const (
	BandOn       = "on_target"    // within the tolerance
	BandSlightly = "slightly_off" // within 2.5 times the tolerance (5 %)
	BandOff      = "off"          // further
)

// An Evaluator scores a detected session against its plan and measures
// the fade. Its zero value uses DefaultTolerance and no goals.
type Evaluator struct {
	Tolerance float64 // fraction; 0 means DefaultTolerance
	Goals     plan.Goals
}

// A RepScore is one rep against its planned target.
type RepScore struct {
	Set, Rep int  // the detected rep
	Planned  bool // a planned rep was matched to it
	// Target is the target time for the planned distance (time-based
	// reps: the planned duration); TargetPace the target per km. Both 0
	// when the plan gives no fixed target.
	Target, TargetPace time.Duration
	// Delta is the rep time minus the target (for time-based reps, the
	// time lost against the target pace over the distance run); positive
	// is slower. DeltaPct is Delta over Target.
	Delta    time.Duration
	DeltaPct float64
	OnTarget bool
	Band     string // BandOn, BandSlightly, BandOff; "" without a target
	// Faster tells, in a progressive set, whether the rep was faster than
	// the one before (nil for the first rep and outside progressions).
	Faster *bool
}

// A RestScore is one rest against the planned rest.
type RestScore struct {
	AfterSet, AfterRep int
	Planned            time.Duration // 0 when the plan gives no time for it
	PlannedDistance    float64       // metres, for rests given as a distance
	Actual             time.Duration
	Delta              time.Duration // Actual - Planned
}

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

// A Prediction is a race time predicted from the session.
type Prediction struct {
	Distance float64 // metres
	Time     time.Duration
	Method   string
	From     string // the effort it stands on
}

// An Evaluation is the session against its plan.
type Evaluation struct {
	// Plan is the plan scored against: Evaluate's, else the session's;
	// nil without one.
	Plan *plan.Plan

	// Guess is set when the reps are a guess (Session.Confidence under
	// GuessConfidence: a steady, hilly or trail run, a fartlek): Fade
	// holds only the reason, and there are no Predictions. Reps are still
	// scored against a plan.
	Guess bool

	Reps        []RepScore
	Rests       []RestScore
	OnTarget    int    // reps on target
	Scored      int    // reps with a target
	MeanAbs     Figure // mean absolute delta, s
	Progression Figure // reps faster than the one before, of a progressive set
	Fade        Fade
	Predictions []Prediction     // race times the flat reps support (none from hill reps: MaxPredictGrade)
	Goals       []GoalComparison // the session against each goal of the Evaluator; none without predictions

	// Notes say, in words, how the run differs from the plan: reps run
	// against reps planned, the reps the plan does not cover (kept, not
	// scored) and their length, and targets the reps were nowhere near.
	// Nil without a plan, or when the run matches it.
	Notes []string
}

func (e *Evaluator) tol() float64 {
	if e.Tolerance > 0 {
		return e.Tolerance
	}
	return DefaultTolerance
}

// repValue is the figure fade is measured on: the rep time, or with
// onPace the pace, s/km.
func repValue(r Rep, onPace bool) float64 {
	if onPace && r.Distance > 0 {
		return r.Moving.Seconds() * 1000 / r.Distance
	}
	return r.Duration().Seconds()
}

// Evaluate scores s (found in a) against the plan it was detected with,
// s.Plan (nil: fade and predictions only). Planned reps are matched to the detected reps in order, by
// length, so that a missed or extra rep does not shift the rest; reps the
// plan does not cover (and those the Detector marked Unplanned) are not
// scored, and Notes say how the run differs from the plan. Fade and
// predictions are measured on every rep run. A nil Evaluator is a zero
// one; a nil activity or session gives an empty Evaluation.
func (e *Evaluator) Evaluate(a *lapkit.Activity, s *Session) *Evaluation {
	if e == nil {
		e = &Evaluator{}
	}
	if a == nil || s == nil {
		return &Evaluation{} // nothing detected: nothing to score
	}
	p := s.Plan
	ev := &Evaluation{Plan: p}
	match := align(s, p)
	timeBased := make([]bool, len(s.Reps))
	for i, r := range s.Reps {
		rs := RepScore{Set: r.Set, Rep: r.N}
		if m := match[i]; m.ok {
			ps := p.Sets[m.set]
			rs.Planned = true
			timeBased[i] = ps.Distance == 0
			if t, pace, ok := ps.RepTarget(m.rep+1, e.Goals); ok {
				rs.Target, rs.TargetPace = t, pace
				if ps.Distance > 0 {
					rs.Delta = r.Duration() - t
				} else if r.Distance > 0 {
					actual := time.Duration(float64(r.Moving) * 1000 / r.Distance)
					rs.Delta = time.Duration(float64(actual-pace) * r.Distance / 1000)
				}
				rs.DeltaPct = 100 * float64(rs.Delta) / float64(t)
				rs.OnTarget = math.Abs(rs.DeltaPct) <= 100*e.tol()
				switch {
				case rs.OnTarget:
					rs.Band = BandOn
				case math.Abs(rs.DeltaPct) <= 250*e.tol():
					rs.Band = BandSlightly
				default:
					rs.Band = BandOff
				}
				ev.Scored++
				if rs.OnTarget {
					ev.OnTarget++
				}
			}
			if ps.Target.Kind == plan.TargetProgressive && m.rep > 0 && i > 0 && match[i-1].ok && match[i-1].set == m.set {
				f := r.Duration() < s.Reps[i-1].Duration()
				rs.Faster = &f
			}
		}
		ev.Reps = append(ev.Reps, rs)
	}
	ev.Notes = planNotes(s, p, match)
	var abs []float64
	faster, pairs := 0, 0
	for _, rs := range ev.Reps {
		if rs.Band != "" {
			abs = append(abs, math.Abs(rs.Delta.Seconds()))
		}
		if rs.Faster != nil {
			pairs++
			if *rs.Faster {
				faster++
			}
		}
	}
	ev.MeanAbs = figure(mean1(abs), len(abs), 1, "reps with a target")
	if pairs > 0 {
		ev.Progression = figure(float64(faster), pairs, 1, "rep pairs")
	}
	if ev.Scored > 0 {
		var pct []float64
		for _, rs := range ev.Reps {
			if rs.Band != "" {
				pct = append(pct, rs.DeltaPct)
			}
		}
		// Scored as planned, never fitted: a plan far from the run is
		// said so.
		if m := mean1(pct); math.Abs(m) > 250*e.tol() {
			how := "slower"
			if m < 0 {
				how = "faster"
			}
			ev.Notes = append(ev.Notes, fmt.Sprintf("the reps ran %.0f %% %s than the plan's targets on average: the plan's pace is far from this session's", math.Abs(m), how))
		}
	}
	for i, x := range s.Rests {
		rs := RestScore{AfterSet: x.AfterSet, AfterRep: x.AfterRep, Actual: x.Duration()}
		if m := match[i]; m.ok {
			ps := p.Sets[m.set]
			if m.rep+1 < ps.Reps {
				rs.Planned, rs.PlannedDistance = ps.Rest, ps.RestDistance
			} else {
				rs.Planned = ps.SetRest
			}
			if rs.Planned > 0 {
				rs.Delta = rs.Actual - rs.Planned
			}
		}
		ev.Rests = append(ev.Rests, rs)
	}
	if s.Confidence < GuessConfidence && len(s.Reps) > 0 {
		// Nothing that depends on the guess.
		ev.Guess = true
		why := fmt.Sprintf("the reps are a guess (confidence %.2f, under %.1f): no clear interval structure", s.Confidence, GuessConfidence)
		ev.Fade = Fade{AcrossSlope: noFigure(0, why), AcrossChangePct: noFigure(0, why), PeakHRDrift: noFigure(0, why), HRDropTrend: noFigure(0, why)}
		return ev
	}
	// Reps not all of one standard distance are compared by pace.
	onPace := false
	for i, r := range s.Reps {
		onPace = onPace || timeBased[i] || r.Nominal == 0 || r.Nominal != s.Reps[0].Nominal
	}
	for i := range timeBased {
		timeBased[i] = onPace
	}
	ev.Fade = e.fade(a, s, ev, timeBased)
	ev.Fade.OnPace = onPace
	var basis repBasis
	ev.Predictions, basis = predict(a, s)
	ev.Goals = e.compareGoals(ev.Predictions, basis)
	return ev
}

// A GoalComparison sets a session against a race goal: the goal's pace
// over the main reps' length against what the reps averaged, and the race
// time the session predicts.
type GoalComparison struct {
	Goal      string        // "mile", "5k" or "10k"
	Time      time.Duration // the goal's race time
	RepLength float64       // metres: the main reps' mean length (their standard distance when they share one)
	GoalRep   time.Duration // the goal's pace over RepLength
	MeanRep   time.Duration // the reps' mean time
	Predicted time.Duration // the race time the session predicts for the goal's distance
}

// compareGoals compares the session with each goal given, from the
// predictions and what they stood on; nil without predictions.
func (e *Evaluator) compareGoals(preds []Prediction, b repBasis) []GoalComparison {
	if len(preds) == 0 || b.length <= 0 {
		return nil
	}
	var out []GoalComparison
	for _, g := range []struct {
		name string
		t    time.Duration
		d    float64
	}{{"mile", e.Goals.Mile, lapkit.Mile}, {"5k", e.Goals.FiveK, 5000}, {"10k", e.Goals.TenK, 10000}} {
		if g.t <= 0 {
			continue
		}
		c := GoalComparison{Goal: g.name, Time: g.t, RepLength: b.length,
			GoalRep: time.Duration(float64(g.t) * b.length / g.d), MeanRep: secsDur(b.mean)}
		for _, p := range preds {
			if p.Distance == g.d {
				c.Predicted = p.Time
			}
		}
		out = append(out, c)
	}
	return out
}

// GuessConfidence is the Session.Confidence under which the reps are a
// guess: Evaluate measures no fade and predicts no race from them.
const GuessConfidence = 0.5

func mean1(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	return stat.Mean(x, nil)
}

type slot struct {
	set, rep int
	ok       bool
}

// align matches detected reps to planned reps in order; reps the
// Detector marked Unplanned match none.
func align(s *Session, p *plan.Plan) []slot {
	out := make([]slot, len(s.Reps))
	if p == nil {
		return out
	}
	var lens []repLen
	var idx []int
	for i, r := range s.Reps {
		if !r.Unplanned {
			lens = append(lens, repLen{r.Distance, r.Duration()})
			idx = append(idx, i)
		}
	}
	for k, m := range alignLengths(lens, p) {
		out[idx[k]] = m
	}
	return out
}

// planNotes says how the reps run differ from plan p, given their match.
func planNotes(s *Session, p *plan.Plan, match []slot) []string {
	if p == nil || p.Reps() == 0 {
		return nil
	}
	var notes []string
	var unplanned []Rep
	matched := 0
	for i, r := range s.Reps {
		if match[i].ok {
			matched++
		} else {
			unplanned = append(unplanned, r)
		}
	}
	if n := len(s.Reps); n != p.Reps() {
		notes = append(notes, fmt.Sprintf("%s run, the plan has %d", plural(n, "rep"), p.Reps()))
	}
	if len(unplanned) > 0 {
		names, length := repsLength(unplanned)
		if pl := planLengths(p); pl != length {
			length += "; the plan's " + pl
		}
		notes = append(notes, fmt.Sprintf("%s not in the plan (%s, %s): kept, not scored", plural(len(unplanned), "rep"), names, length))
	}
	if missing := p.Reps() - matched; missing > 0 && len(s.Reps) > 0 {
		notes = append(notes, fmt.Sprintf("%s of the plan not found in the run", plural(missing, "rep")))
	}
	return notes
}

// plural returns "1 rep", "2 reps".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// repsLength names reps and their length in words: "1.9-1.12" and "400
// m"; "1.1, 1.3, 2.2" and "of 580-1020 m".
func repsLength(reps []Rep) (names, length string) {
	var list []string
	for i := 0; i < len(reps); {
		j := i
		for j+1 < len(reps) && reps[j+1].Set == reps[i].Set && reps[j+1].N == reps[j].N+1 {
			j++
		}
		name := fmt.Sprintf("%d.%d", reps[i].Set, reps[i].N)
		if j > i {
			name += fmt.Sprintf("-%d.%d", reps[j].Set, reps[j].N)
		}
		list = append(list, name)
		i = j + 1
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	nom := reps[0].Nominal
	for _, r := range reps {
		lo, hi = min(lo, r.Distance), max(hi, r.Distance)
		if r.Nominal != nom {
			nom = 0
		}
	}
	length = fmt.Sprintf("of %.0f-%.0f m", lo, hi)
	switch {
	case nom > 0:
		length = fmt.Sprintf("%g m", nom)
	case hi-lo < 1:
		length = fmt.Sprintf("%.0f m", lo)
	}
	return strings.Join(list, ", "), length
}

// planLengths names the lengths of p's reps: "400 m", "1000 m, 400 m",
// "3min".
func planLengths(p *plan.Plan) string {
	var out []string
	for _, ps := range p.Sets {
		if l := ps.Length(); !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return strings.Join(out, ", ")
}

// A repLen is the length of a rep or candidate effort.
type repLen struct {
	dist float64
	dur  time.Duration
}

// Lengths within planSlack of a planned rep's are all as good a match
// (GPS reads a 400 m rep as 380-430 m; an edge found on the stream moves a
// timed rep by seconds); planSkip is the cost of leaving an effort or a
// planned rep unmatched. An effort matches a planned rep only when their
// lengths differ by less than a factor planSlack*e^planSkip, about 1.4: a
// 500 m effort can be a planned 400, a 600 or a 1000 m is not.
const (
	planSlack = 1.15
	planSkip  = 0.2
)

// alignLengths matches efforts to planned reps in order, minimising the
// summed |log| of the ratio of their lengths (distance for distance reps,
// time for time-based ones) beyond planSlack, at a cost of planSkip for
// each effort or planned rep left out. Among equal matchings it leaves out
// the last efforts and the last planned reps (12 reps run on a plan of 8:
// the first 8 are the plan's). Planned reps without a length match
// anything.
func alignLengths(lens []repLen, p *plan.Plan) []slot {
	out := make([]slot, len(lens))
	var planned []slot
	var want []repLen
	for si, ps := range p.Sets {
		for r := 0; r < ps.Reps; r++ {
			planned = append(planned, slot{si, r, true})
			want = append(want, repLen{ps.Distance, ps.Duration})
		}
	}
	n, m := len(lens), len(planned)
	const skip = planSkip
	off := func(ratio float64) float64 { return max(0, math.Abs(math.Log(ratio))-math.Log(planSlack)) }
	cost := func(i, j int) float64 {
		switch w := want[j]; {
		case w.dist > 0 && lens[i].dist > 0:
			return off(lens[i].dist / w.dist)
		case w.dur > 0 && lens[i].dur > 0:
			return off(float64(lens[i].dur) / float64(w.dur))
		case w.dist == 0 && w.dur == 0:
			return 0
		}
		return 2 * skip
	}
	dp := make([][]float64, n+1)
	for i := range dp {
		dp[i] = make([]float64, m+1)
		for j := range dp[i] {
			switch {
			case i == 0:
				dp[i][j] = float64(j) * skip
			case j == 0:
				dp[i][j] = float64(i) * skip
			default:
				dp[i][j] = math.Min(dp[i-1][j-1]+cost(i-1, j-1), math.Min(dp[i-1][j], dp[i][j-1])+skip)
			}
		}
	}
	const eps = 1e-9
	for i, j := n, m; i > 0 && j > 0; {
		switch {
		case math.Abs(dp[i][j]-(dp[i-1][j]+skip)) < eps:
			i--
		case math.Abs(dp[i][j]-(dp[i][j-1]+skip)) < eps:
			j--
		default:
			if cost(i-1, j-1) < skip {
				out[i-1] = planned[j-1]
			}
			i, j = i-1, j-1
		}
	}
	return out
}

func (e *Evaluator) fade(a *lapkit.Activity, s *Session, ev *Evaluation, timeBased []bool) Fade {
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
		gx, gy := xs, ys
		if main, alike := mainKind(ks); !alike {
			sf.Like = "like with like: " + strings.Join(uniq(ks), ", ") + " reps each against their own"
			gx, gy = nil, nil
			for k := range ks {
				if ks[k] == main {
					gx, gy = append(gx, xs[k]), append(gy, ys[k])
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
			halves, _ := sp.InRange(a, r.Start, r.End, r.Distance/2) // under 2 m: no halves
			if len(halves) >= 2 {
				f.HalfSplit = append(f.HalfSplit, figure(halves[1].Elapsed.Seconds()-halves[0].Elapsed.Seconds(), 1, 1, "rep"))
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
				first, label = d, clock(d.Round(time.Second))
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

// hrAt interpolates the heart rate at t; NaN when not recorded there.
func hrAt(a *lapkit.Activity, t time.Time) float64 {
	s := a.Samples
	// The first sample at or after t, from the second on (a binary search:
	// this runs twice per rest).
	i := 1 + sort.Search(max(len(s)-1, 0), func(i int) bool { return !s[i+1].Time.Before(t) })
	if i >= len(s) {
		return math.NaN()
	}
	p, q := s[i-1], s[i]
	f := float64(t.Sub(p.Time)) / float64(q.Time.Sub(p.Time))
	return p.HeartRate + f*(q.HeartRate-p.HeartRate)
}
