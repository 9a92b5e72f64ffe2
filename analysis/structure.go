package analysis

import (
	"math"
	"slices"
	"time"

	"github.com/lapkit/lapkit/plan"
)

// Structure returns the session as it was run, in the plan notation's
// terms, rounded as a coach writes it: its String is "3x(4x400m r60s)
// r3min" for three sets of four 400s with a minute between reps and three
// between sets. A rep's length is its standard distance (Rep.Nominal),
// else its distance to 50 m (100 m from 1 km); reps alike in time with no
// standard distance are timed (to 15 s under 2 min, 30 s under 5 min, a
// minute above). Rests take the median rest within the set and the rest
// after it, rounded the same way. Consecutive reps of one length in a set
// are one plan.Set; the plan has no targets. It is nil without reps, or
// when the reps are a guess (Confidence under GuessConfidence): the
// notation would state a structure lapkit is not sure of.
func (s *Session) Structure() *plan.Plan {
	if s == nil || len(s.Reps) == 0 || s.Confidence < GuessConfidence {
		return nil
	}
	p := &plan.Plan{}
	for set := 1; set <= s.Sets; set++ {
		var idx []int
		for i, r := range s.Reps {
			if r.Set == set {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			continue
		}
		timed := timedSet(s, idx)
		var within []float64
		for _, i := range idx[:len(idx)-1] {
			if i < len(s.Rests) {
				within = append(within, s.Rests[i].Duration().Seconds())
			}
		}
		rest := time.Duration(0)
		if len(within) > 0 {
			rest = coachTime(medianOf(within))
		}
		setRest := time.Duration(0)
		if last := idx[len(idx)-1]; last < len(s.Rests) {
			setRest = coachTime(s.Rests[last].Duration().Seconds())
		}
		var sets []plan.Set
		for _, i := range idx {
			x := plan.Set{Reps: 1, Rest: rest}
			if timed {
				x.Duration = coachTime(s.Reps[i].Duration().Seconds())
			} else {
				x.Distance = coachDistance(s.Reps[i])
			}
			if n := len(sets); n > 0 && sets[n-1].Distance == x.Distance && sets[n-1].Duration == x.Duration {
				sets[n-1].Reps++
				continue
			}
			sets = append(sets, x)
		}
		if len(sets) > 0 {
			sets[len(sets)-1].SetRest = setRest
		}
		for k := range sets {
			if sets[k].Reps == 1 && len(sets) > 1 {
				sets[k].Rest = 0 // one rep of a ladder: its rest is the set's
			}
		}
		p.Sets = append(p.Sets, sets...)
	}
	if n := len(p.Sets); n > 0 {
		p.Sets[n-1].SetRest = 0 // nothing after the last set
	}
	return p
}

// timedSet reports whether the reps of a set (indices idx) were run for a
// time: none has a standard distance, and they are alike in time (within
// 5 % of their median), two or more of them (2 x 10 min of tempo).
func timedSet(s *Session, idx []int) bool {
	if len(idx) < 2 {
		return false
	}
	var ts []float64
	for _, i := range idx {
		if s.Reps[i].Nominal > 0 {
			return false
		}
		ts = append(ts, s.Reps[i].Duration().Seconds())
	}
	m := medianOf(ts)
	return !slices.ContainsFunc(ts, func(t float64) bool { return math.Abs(t/m-1) > 0.05 })
}

// coachTime rounds seconds as a coach writes a rest or a timed rep: to 15
// s under 2 min, 30 s under 5 min, a minute above.
func coachTime(secs float64) time.Duration {
	step := 60.0
	switch {
	case secs < 120:
		step = 15
	case secs < 300:
		step = 30
	}
	return time.Duration(math.Max(step, math.Round(secs/step)*step)) * time.Second
}

// coachDistance is a rep's length as a coach writes it: its standard
// distance, else its distance to 50 m (100 m from 1 km).
func coachDistance(r Rep) float64 {
	if r.Nominal > 0 {
		return r.Nominal
	}
	step := 50.0
	if r.Distance >= 1000 {
		step = 100
	}
	return math.Max(step, math.Round(r.Distance/step)*step)
}
