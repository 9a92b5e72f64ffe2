package analysis

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/words"
	"github.com/lapkit/lapkit/plan"
)

// applyPlan matches, when a plan is given, the efforts to its reps in
// order (alignLengths: by length). An effort the plan does not cover stays
// a rep, marked unplanned (an extra rep, or reps of another length than
// planned), unless it is a stride: a short pickup (under DefaultMinRep or
// DefaultMinRepDistance) before or after the planned reps, listed with the
// strides. Notes say what was set aside.
func (d *Options) applyPlan(in []effort, st *stream, c *candidate) []effort {
	if d.Plan == nil || d.Plan.Reps() == 0 || len(in) == 0 {
		return in
	}
	match := alignLengths(effortLens(in, st), d.Plan)
	first, last := -1, -1
	for i, m := range match {
		if m.ok && first < 0 {
			first = i
		}
		if m.ok {
			last = i
		}
	}
	if first < 0 {
		// Nothing like the plan: the efforts as they would be
		// without it, each unplanned.
		in = dropStrides(in, st, c)
		for i := range in {
			in[i].unplanned = true
		}
		return in
	}
	out := make([]effort, 0, len(in))
	strides := 0
	for i, e := range in {
		if !match[i].ok {
			if (i < first || i > last) && (e.t1-e.t0 < DefaultMinRep.Seconds() || st.distAt(e.t1)-st.distAt(e.t0) < DefaultMinRepDistance) {
				c.stride(st, e)
				strides++
				continue
			}
			e.unplanned = true
		}
		out = append(out, e)
	}
	if strides > 0 {
		c.note(lapkit.NoteLeftOut, fmt.Sprintf("left out %d short pickups outside the planned reps as strides", strides))
	}
	return out
}

// searchable tells whether to look for the plan's reps in the run itself
// (searchPlan): when the efforts found from the stream hold fewer reps than
// planned, and either fewer than two efforts stand out at all, or some
// match the plan but stand out from the easy running by less than
// searchContrast (reps barely faster than the jogs). Efforts that stand
// out clearly are the reps run: a plan of 16 reps does not make 4 more of
// a run of 12, and a plan of 400s does not cut 400s out of 1000s.
func (d *Options) searchable(efforts []effort, q quality) bool {
	if d.Plan == nil || len(efforts) > 0 && efforts[0].source != SourceDetected {
		return false
	}
	n := planned(efforts)
	switch {
	case n >= d.Plan.Reps():
		return false
	case len(efforts) < 2:
		return true
	}
	return n > 0 && q.contrast < searchContrast
}

// searchContrast: see searchable.
const searchContrast = 1.6

// effortLens returns the length of each effort.
func effortLens(in []effort, st *stream) []repLen {
	lens := make([]repLen, len(in))
	for i, e := range in {
		lens[i] = repLen{st.distAt(e.t1) - st.distAt(e.t0), time.Duration((e.t1 - e.t0) * float64(time.Second))}
	}
	return lens
}

// planned counts the efforts a plan covers.
func planned(in []effort) int {
	n := 0
	for _, e := range in {
		if !e.unplanned {
			n++
		}
	}
	return n
}

type slot struct {
	set, rep int
	ok       bool
}

// align matches detected reps to planned reps in order; reps the
// detection marked Unplanned match none.
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
		notes = append(notes, fmt.Sprintf("%s run, the plan has %d", words.Count(n, "rep"), p.Reps()))
	}
	if len(unplanned) > 0 {
		names, length := repsLength(unplanned)
		if pl := planLengths(p); pl != length {
			length += "; the plan's " + pl
		}
		notes = append(notes, fmt.Sprintf("%s not in the plan (%s, %s): kept, not scored", words.Count(len(unplanned), "rep"), names, length))
	}
	if missing := p.Reps() - matched; missing > 0 && len(s.Reps) > 0 {
		notes = append(notes, fmt.Sprintf("%s of the plan not found in the run", words.Count(missing, "rep")))
	}
	return notes
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
	costOf := func(l, w repLen) float64 {
		switch {
		case w.dist > 0 && l.dist > 0:
			return off(l.dist / w.dist)
		case w.dur > 0 && l.dur > 0:
			return off(float64(l.dur) / float64(w.dur))
		case w.dist == 0 && w.dur == 0:
			return 0
		}
		return 2 * skip
	}
	// A plan repeats a few lengths: each effort is costed once against
	// each distinct planned length (a logarithm each), not once per cell
	// of the table, which grows with efforts times planned reps.
	var kinds []repLen
	kindOf := make([]int, m)
	for j, w := range want {
		k := slices.Index(kinds, w)
		if k < 0 {
			k, kinds = len(kinds), append(kinds, w)
		}
		kindOf[j] = k
	}
	costs := make([]float64, n*len(kinds))
	for i, l := range lens {
		for k, w := range kinds {
			costs[i*len(kinds)+k] = costOf(l, w)
		}
	}
	cost := func(i, j int) float64 { return costs[i*len(kinds)+kindOf[j]] }
	// The table of least costs (of matching the first i efforts with the
	// first j planned reps) is kept two rows at a time. For the walk back
	// from its last cell, each cell keeps which way the walk leaves it,
	// decided as it is filled, by the tests the walk would make on the
	// whole table: a byte a cell instead of eight.
	const eps = 1e-9
	const (
		diag = iota // match effort i with planned rep j
		up          // leave effort i out
		left        // leave planned rep j out
	)
	prev, cur := make([]float64, m+1), make([]float64, m+1)
	for j := range prev {
		prev[j] = float64(j) * skip
	}
	way := make([]uint8, n*m)
	for i := 1; i <= n; i++ {
		cur[0] = float64(i) * skip
		w := way[(i-1)*m : i*m]
		for j := 1; j <= m; j++ {
			// No cost is NaN or negative zero: the comparisons pick
			// what min would.
			v := cur[j-1]
			if p := prev[j]; p < v {
				v = p
			}
			v += skip
			if d := prev[j-1] + cost(i-1, j-1); d < v {
				v = d
			}
			cur[j] = v
			switch {
			case math.Abs(v-(prev[j]+skip)) < eps:
				w[j-1] = up
			case math.Abs(v-(cur[j-1]+skip)) < eps:
				w[j-1] = left
			default:
				w[j-1] = diag
			}
		}
		prev, cur = cur, prev
	}
	for i, j := n, m; i > 0 && j > 0; {
		switch way[(i-1)*m+j-1] {
		case up:
			i--
		case left:
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
