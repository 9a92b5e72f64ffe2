package analysis

import "time"

// A Plan is what the session was meant to be: sets of reps. Detect uses it
// as a prior (how many reps, how long, which rests are set rests).
type Plan struct {
	Sets []PlanSet
}

// A PlanSet is one set of a Plan: Reps reps of Distance metres, or of
// Duration for time-based reps (tempo), with Rest between reps and SetRest
// after the set (before the next one).
type PlanSet struct {
	Reps     int
	Distance float64       // metres; 0 for time-based reps
	Duration time.Duration // for time-based reps; 0 for distance reps
	Rest     time.Duration
	SetRest  time.Duration
}

// Reps returns the total number of planned reps.
func (p *Plan) Reps() int {
	n := 0
	for _, s := range p.Sets {
		n += s.Reps
	}
	return n
}
