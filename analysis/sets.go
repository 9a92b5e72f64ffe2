package analysis

import (
	"math"
	"slices"
	"sort"
	"time"

	"github.com/lapkit/lapkit/plan"
)

// edgeSets returns how many reps the first and the last set hold when
// that set is a warm-up pickup or a cool-down surge rather than reps: every
// effort in it either slower than edgeSlower times the median speed of the
// other reps and of no nominal distance, or slower than that median and
// under 80 % of the shortest other rep (a 200 m pickup before 400 m reps; a
// 1600 m at 5K pace before them is kept), with at least three reps left.
// Found from the stream alone, such efforts stand apart from the block of
// reps by a set rest.
func edgeSets(s *Session) (lead, trail int) {
	if s.Sets < 2 {
		return 0, 0
	}
	count := func(set int) int {
		n := 0
		for _, r := range s.Reps {
			if r.Set == set {
				n++
			}
		}
		return n
	}
	slow := func(set int) bool {
		var others []float64
		shortest := math.Inf(1)
		for _, r := range s.Reps {
			if r.Set != set {
				others = append(others, r.AvgSpeed)
				shortest = min(shortest, r.Distance)
			}
		}
		m := medianOf(others)
		for _, r := range s.Reps {
			slower := r.AvgSpeed < edgeSlower*m && r.Nominal == 0
			shorter := r.AvgSpeed < m && r.Distance < 0.8*shortest
			if r.Set == set && !slower && !shorter {
				return false
			}
		}
		return true
	}
	if n := count(1); len(s.Reps)-n >= 3 && slow(1) {
		lead = n
	}
	if n := count(s.Sets); len(s.Reps)-lead-n >= 3 && slow(s.Sets) {
		trail = n
	}
	return lead, trail
}

// lone returns 1 for the first (last) rep when it stands alone: a set of
// one, over maxStridesAfter from the rep beside it and of another kind
// (differ over 1.3): a pickup in a long warm-up, a stretch run hard in the
// cool-down a quarter of an hour after the reps. Three reps or more are
// left.
func lone(s *Session) (lead, trail int) {
	n := len(s.Reps)
	if n < 5 {
		return 0, 0
	}
	alone := func(i, j, rest int) bool { // rep i, its neighbour j, the rest between
		return s.Reps[i].Set != s.Reps[j].Set && s.Rests[rest].Duration() > maxStridesAfter && differ(s.Reps[i], s.Reps[j]) > 1.3
	}
	if alone(0, 1, 0) {
		lead = 1
	}
	if alone(n-1, n-2, n-2) {
		trail = 1
	}
	return lead, trail
}

// edgeSlower: see edgeSets.
const edgeSlower = 0.92

// assignSets numbers the reps by set: from the plan when given and one of
// its sets repeats a rep (a plan of single reps, as a watch's workout of
// steps without a repeat gives, a 60", 30", 10" then 3' session, says
// nothing of sets: the rules below group its reps). Otherwise the watch's workout says it where the reps carry workout steps
// (steps, one per rep, -1 where none): the reps of one repeated step are
// one set, and a change of step starts a set when either side repeats
// (3.2 km, then 2 x 2000 m, then 4 x 800 m are three sets; six reps each
// its own step are one). Among reps of no step, or of steps that do not
// repeat, a change of rep kind starts a set (blockStarts: 3 x 1600 m then
// 6 x 200 m are two sets; the rungs of a ladder are one). Within each block
// the rests split into short (within a set) and long (between sets) at the
// largest ratio between consecutive sorted rest times, when it is at least
// 2.5 (60 s and 3 min; not the 400 m and 800 m jogs of a ladder) and
// leaves sets of three reps or more (restSets).
func (d *Options) assignSets(s *Session, steps []int) {
	isSetRest := make([]bool, len(s.Rests))
	if d.Plan != nil && len(d.Plan.Sets) > 1 && slices.ContainsFunc(d.Plan.Sets, func(ps plan.Set) bool { return ps.Reps > 1 }) {
		// The rest after the planned rep that closes a planned set
		// (unplanned reps are not counted).
		closes := map[int]bool{}
		k := 0
		for _, ps := range d.Plan.Sets {
			k += ps.Reps
			closes[k] = true
		}
		k = 0
		for i, r := range s.Reps[:len(isSetRest)] {
			if !r.Unplanned {
				k++
				isSetRest[i] = closes[k]
			}
		}
	} else {
		var durs []float64
		for _, r := range s.Rests {
			durs = append(durs, float64(r.Duration()))
		}
		restMedian := time.Duration(0)
		if len(durs) > 0 {
			restMedian = time.Duration(medianOf(durs))
		}
		starts := stepStarts(steps)
		from := 0
		for i := 1; i <= len(s.Reps); i++ {
			if i < len(s.Reps) && !starts[i] {
				continue
			}
			// The reps from..i-1 are one step's, or of steps that do
			// not repeat (or of none): blocks by kind within them.
			blocks := blockStarts(s.Reps[from:i])
			// A set ends at a rest: not at a break of a few seconds
			// between two efforts the stream read apart.
			for j := range blocks {
				if blocks[j] && s.Rests[from+j-1].Duration() < restMedian/2 {
					blocks[j] = false
				}
			}
			b := from
			for j := from + 1; j <= i; j++ {
				if j < i && !blocks[j-from] {
					continue
				}
				if j < len(s.Reps) {
					isSetRest[j-1] = true
				}
				restSets(s.Rests[b:max(b, j-1)], isSetRest[b:max(b, j-1)], j-b >= 2 && alike(s.Reps[b:j]))
				b = j
			}
			from = i
		}
	}
	set, n := 1, 0
	for i := range s.Reps {
		n++
		s.Reps[i].Set, s.Reps[i].N = set, n
		if i < len(s.Rests) {
			s.Rests[i].AfterSet, s.Rests[i].AfterRep = set, n
			s.Rests[i].Kind = RestKindRep
			if isSetRest[i] {
				s.Rests[i].Kind = RestKindSet
				set, n = set+1, 0
			}
		}
	}
	s.Sets = set
}

// stepStarts reports, for each rep of workout step steps[i] (-1: none),
// whether a change of step starts a set there: the steps differ and
// either holds two reps or more in a row.
func stepStarts(steps []int) []bool {
	starts := make([]bool, len(steps))
	run := func(i, dir int) int { // reps in a row of step steps[i] from i
		n := 0
		for j := i; j >= 0 && j < len(steps) && steps[j] == steps[i]; j += dir {
			n++
		}
		return n
	}
	for i := 1; i < len(steps); i++ {
		if steps[i] >= 0 && steps[i-1] >= 0 && steps[i] != steps[i-1] && (run(i-1, -1) >= 2 || run(i, 1) >= 2) {
			starts[i] = true
		}
	}
	return starts
}

// restSets marks the long rests of a block as set rests: split at the
// largest ratio between consecutive sorted rest times, when it is at least
// 2.5 and the long rests are fewer than the short ones; with same (reps of
// one kind), only when every set it leaves holds minSetReps reps or more
// (a runner who stood 3 min once in 4 x 200 m with 60 s rests ran one
// set; 3 x (4 x 400 m) splits).
func restSets(rests []Rest, isSetRest []bool, same bool) {
	if len(rests) < 2 {
		return
	}
	durs := make([]float64, len(rests))
	for i, r := range rests {
		durs[i] = r.Duration().Seconds()
	}
	sorted := append([]float64(nil), durs...)
	sort.Float64s(sorted)
	best, cut := 1.0, math.Inf(1)
	for i := 0; i+1 < len(sorted); i++ {
		// The long rests close sets of at least two reps: fewer of
		// them than short ones.
		if long := len(sorted) - i - 1; sorted[i] > 0 && long <= i+1 {
			if r := sorted[i+1] / sorted[i]; r > best {
				best, cut = r, sorted[i+1]
			}
		}
	}
	if best < 2.5 {
		return
	}
	n := 1 // reps in the set so far
	for _, v := range durs {
		if v >= cut {
			if same && n < minSetReps {
				return
			}
			n = 0
		}
		n++
	}
	if same && n < minSetReps {
		return
	}
	for i, v := range durs {
		isSetRest[i] = v >= cut
	}
}

// minSetReps is the fewest reps of a set that restSets splits off.
const minSetReps = 3

// blockStarts reports, for each rep, whether it starts a block of another
// kind than the reps before it. Reps are alike when their distances or
// their times are within a factor of 1.3; a run of alike reps is a block.
// A change of block starts a set when both blocks hold two reps or more
// (2 x 1200 m then 2 x 800 m, as a coach writes a pyramid of pairs; 3 x
// 1600 m then 6 x 200 m), or one of them does and the other, a single rep,
// differs by a factor of 2 or more (1600 m then 6 x 200 m; not one rep of
// 6 x 300 m that the stream read as 380 m); the single rungs of a ladder
// (1200-800-400-200) stay one set.
func blockStarts(reps []Rep) []bool {
	starts := make([]bool, len(reps))
	var blocks [][2]int // first rep, one past the last
	for i := range reps {
		if i == 0 || differ(reps[i-1], reps[i]) > 1.3 {
			blocks = append(blocks, [2]int{i, i + 1})
			continue
		}
		blocks[len(blocks)-1][1] = i + 1
	}
	for k := 1; k < len(blocks); k++ {
		a, b := blocks[k-1], blocks[k]
		na, nb := a[1]-a[0], b[1]-b[0]
		f := differ(reps[(a[0]+a[1])/2], reps[(b[0]+b[1])/2])
		if na >= 2 && nb >= 2 || (na >= 2 || nb >= 2) && f >= 2 {
			starts[b[0]] = true
		}
	}
	return starts
}

// alike reports whether the reps are of one kind: distances or times
// within a factor of 1.3 of the first's (blockStarts' rule), each run at
// easyEdge of their median speed or faster (a slower pickup before 6 x 400
// m is not one of them).
func alike(reps []Rep) bool {
	v := make([]float64, len(reps))
	for i, r := range reps {
		v[i] = r.AvgSpeed
	}
	m := medianOf(v)
	for _, r := range reps {
		if differ(reps[0], r) > 1.3 || r.AvgSpeed < easyEdge*m {
			return false
		}
	}
	return true
}

// differ is how far apart two reps are: the smaller of the ratios of their
// distances and of their times, 1 or more.
func differ(a, b Rep) float64 {
	return min(ratio(a.Distance, b.Distance), ratio(a.Duration().Seconds(), b.Duration().Seconds()))
}
