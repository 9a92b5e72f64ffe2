package analysis

import (
	"math"
	"sort"
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

// edgeSlower: see edgeSets.
const edgeSlower = 0.92

// assignSets numbers the reps by set: from the plan when given. Otherwise
// a change of rep kind starts a set (blockStarts: 3 x 1600 m then 6 x 200
// m are two sets; the rungs of a ladder are one), and within each block
// the rests split into short (within a set) and long (between sets) at the
// largest ratio between consecutive sorted rest times, when it is at least
// 2.5 (60 s and 3 min; not the 400 m and 800 m jogs of a ladder).
func (d *Detector) assignSets(s *Session) {
	isSetRest := make([]bool, len(s.Rests))
	if d.Plan != nil && len(d.Plan.Sets) > 1 {
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
		starts := blockStarts(s.Reps)
		from := 0
		for i := 1; i <= len(s.Reps); i++ {
			if i < len(s.Reps) && !starts[i] {
				continue
			}
			// The reps from..i-1 are one block; the rest before i
			// closes a set.
			if i < len(s.Reps) {
				isSetRest[i-1] = true
			}
			restSets(s.Rests[from:max(from, i-1)], isSetRest[from:max(from, i-1)])
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

// restSets marks the long rests of a block as set rests: split at the
// largest ratio between consecutive sorted rest times, when it is at least
// 2.5 and the long rests are fewer than the short ones.
func restSets(rests []Rest, isSetRest []bool) {
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
	if best >= 2.5 {
		for i, v := range durs {
			isSetRest[i] = v >= cut
		}
	}
}

// blockStarts reports, for each rep, whether it starts a block of another
// kind than the reps before it. Reps are alike when their distances or
// their times are within a factor of 1.3; a run of alike reps is a block.
// A change of block starts a set when both blocks hold three reps or more
// and differ by a factor of 1.5, or hold two or more and differ by 2.5 (3
// x 1600 m and 6 x 200 m); single rungs of a ladder (1200-800-400-200) and
// pairs close in length (2 x 400 m, 2 x 800 m) stay one set.
func blockStarts(reps []Rep) []bool {
	starts := make([]bool, len(reps))
	ratio := func(a, b float64) float64 { return max(a, b) / math.Max(min(a, b), 1e-9) }
	differ := func(a, b Rep) float64 {
		return min(ratio(a.Distance, b.Distance), ratio(a.Duration().Seconds(), b.Duration().Seconds()))
	}
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
		if na >= 3 && nb >= 3 && f >= 1.5 || na >= 2 && nb >= 2 && f >= 2.5 {
			starts[b[0]] = true
		}
	}
	return starts
}
