// Package plan reads what a session was meant to be: the notation coaches
// write ("3x(4x400m@65s r60s) r3min", Parse), race goals ("mile=4:23",
// ParseGoals) and the workout a watch ran (FromWorkout). A Plan gives each
// rep's target time and pace (Set.RepTarget); For picks the plan given, or
// else the file's own workout.
package plan

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/lapkit/lapkit"
)

// A Plan is what the session was meant to be: sets of reps, each with a
// target. analysis.Options uses it as a prior (how many reps, how long,
// which rests are set rests); analysis.Options scores the reps against
// it.
type Plan struct {
	Sets []Set
	Spec string // the notation it was parsed from, if any

	// Notes say what reading a device's workout (FromWorkout) left out:
	// a target no runner can hold (lapkit.NoteWorkout). Nil for a parsed
	// plan.
	Notes []lapkit.Note
}

// A Set is one set of a Plan: Reps reps of Distance metres, or of
// Duration for time-based reps (tempo), each aiming at Target, with Rest
// between reps and SetRest after the set (before the next one).
type Set struct {
	Reps     int
	Distance float64       // metres; 0 for time-based reps
	Duration time.Duration // for time-based reps; 0 for distance reps
	Target   Target
	Rest     time.Duration
	SetRest  time.Duration

	// RestDistance is a rest given as a distance to jog (200 m) instead
	// of a time; 0 when the rest is a time.
	RestDistance float64
}

// Reps returns the total number of planned reps.
func (p *Plan) Reps() int {
	if p == nil {
		return 0
	}
	n := 0
	for _, s := range p.Sets {
		n += s.Reps
	}
	return n
}

// TargetKind tells what a rep aims at.
type TargetKind string

// Target kinds.
const (
	TargetNone        TargetKind = ""            // run it as it comes
	TargetTime        TargetKind = "time"        // a time for the rep (Time), or a range of times over the set (Time to To, evenly)
	TargetPace        TargetKind = "pace"        // a pace (Pace per km)
	TargetGoal        TargetKind = "goal"        // the pace of a goal race (Goal: "mile", "5k", "10k"), given apart in Goals
	TargetProgressive TargetKind = "progressive" // each rep faster than the one before, no fixed target
)

// A Target is the aim of every rep of a set.
type Target struct {
	Kind TargetKind
	Time time.Duration // TargetTime: the rep time, or the first rep's in a progression
	To   time.Duration // TargetTime progression: the last rep's time; 0 when fixed
	Pace time.Duration // TargetPace: time per km
	Goal string        // TargetGoal: "mile", "5k" or "10k"
}

// Goals are race times a plan's goal targets refer to. Zero means not
// given.
type Goals struct {
	Mile, FiveK, TenK time.Duration
}

// MileFromFiveK is the rule of thumb the training articles use: mile goal
// pace is 5 km race pace per mile less 30 s.
const MileFromFiveK = 30 * time.Second

// Pace returns the pace per km of goal g ("mile", "5k", "10k"); ok is
// false when the goal is not given. Without a mile goal, the mile pace comes
// from the 5 km time: 5 km pace per mile less MileFromFiveK.
func (g Goals) Pace(goal string) (time.Duration, bool) {
	switch goal {
	case "mile":
		if g.Mile > 0 {
			return perKm(g.Mile, lapkit.Mile), true
		}
		if g.FiveK > 0 {
			perMile := time.Duration(float64(g.FiveK)*lapkit.Mile/5000) - MileFromFiveK
			return perKm(perMile, lapkit.Mile), true
		}
	case "5k":
		if g.FiveK > 0 {
			return perKm(g.FiveK, 5000), true
		}
	case "10k":
		if g.TenK > 0 {
			return perKm(g.TenK, 10000), true
		}
	}
	return 0, false
}

func perKm(t time.Duration, metres float64) time.Duration {
	return time.Duration(float64(t) * 1000 / metres)
}

// RepTarget returns the target time of rep n (1-based) of set s for the
// planned distance (for time-based reps, the planned duration), and the
// target pace per km; ok is false when the rep has no fixed target
// (TargetNone, TargetProgressive, or a goal not given).
func (s *Set) RepTarget(n int, g Goals) (t, pace time.Duration, ok bool) {
	if s == nil {
		return 0, 0, false
	}
	switch s.Target.Kind {
	case TargetTime:
		t = s.Target.Time
		if s.Target.To > 0 && s.Reps > 1 {
			f := float64(n-1) / float64(s.Reps-1)
			t = s.Target.Time + time.Duration(f*float64(s.Target.To-s.Target.Time))
		}
		if s.Distance > 0 {
			return t, perKm(t, s.Distance), true
		}
		return 0, 0, false
	case TargetPace:
		pace = s.Target.Pace
	case TargetGoal:
		var have bool
		if pace, have = g.Pace(s.Target.Goal); !have {
			return 0, 0, false
		}
	default:
		return 0, 0, false
	}
	if s.Distance > 0 {
		return time.Duration(float64(pace) * s.Distance / 1000), pace, true
	}
	return s.Duration, pace, true
}

// String returns the plan in the notation Parse reads, identical
// consecutive sets folded into n x (...).
func (p *Plan) String() string {
	if p == nil {
		return ""
	}
	var parts []string
	for i := 0; i < len(p.Sets); {
		s := p.Sets[i]
		j := i + 1
		for j < len(p.Sets) && sameSet(p.Sets[j], s) && p.Sets[j-1].SetRest == s.SetRest {
			j++
		}
		if n := j - i; n > 1 {
			one := s
			one.SetRest = 0
			part := fmt.Sprintf("%dx(%s)", n, one.String())
			if s.SetRest > 0 {
				part += " r" + fmtDur(s.SetRest)
			}
			parts = append(parts, part)
		} else {
			parts = append(parts, s.String())
		}
		i = j
	}
	return strings.Join(parts, " + ")
}

func sameSet(a, b Set) bool {
	return a.Reps == b.Reps && a.Distance == b.Distance && a.Duration == b.Duration && a.Target == b.Target && a.Rest == b.Rest && a.RestDistance == b.RestDistance
}

// String returns the set in plan notation.
func (s Set) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%dx", s.Reps)
	switch {
	case s.Distance == lapkit.Mile:
		b.WriteString("1mi")
	case s.Distance > 0:
		fmt.Fprintf(&b, "%sm", num(math.Round(s.Distance*1000)/1000))
	default:
		b.WriteString(fmtDur(s.Duration))
	}
	switch s.Target.Kind {
	case TargetTime:
		fmt.Fprintf(&b, "@%s", fmtDur(s.Target.Time))
		if s.Target.To > 0 {
			fmt.Fprintf(&b, "-%s", fmtDur(s.Target.To))
		}
	case TargetPace:
		fmt.Fprintf(&b, "@%s/km", fmtClock(s.Target.Pace))
	case TargetGoal:
		fmt.Fprintf(&b, "@%s", s.Target.Goal)
	case TargetProgressive:
		b.WriteString("@progressive")
	}
	if s.Rest > 0 {
		fmt.Fprintf(&b, " r%s", fmtDur(s.Rest))
	}
	if s.RestDistance > 0 {
		fmt.Fprintf(&b, " r%sm", num(s.RestDistance))
	}
	return b.String()
}

// Length names the length of the set's reps: "400 m", "3min", or "any
// length" when the set gives none.
func (s Set) Length() string {
	switch {
	case s.Distance > 0:
		return fmt.Sprintf("%g m", math.Round(s.Distance*10)/10)
	case s.Duration > 0:
		return fmtDur(s.Duration)
	}
	return "any length"
}

func fmtDur(d time.Duration) string {
	switch {
	case d%time.Minute == 0 && d >= 2*time.Minute: // 60 s and 90 s read as seconds
		return fmt.Sprintf("%dmin", d/time.Minute)
	case d%time.Second == 0:
		return fmt.Sprintf("%ds", d/time.Second)
	}
	return num(d.Seconds()) + "s"
}

// num formats a number without an exponent, which the parser does not read.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func fmtClock(d time.Duration) string {
	h := ""
	if d >= time.Hour {
		h = fmt.Sprintf("%d:", d/time.Hour)
		d %= time.Hour
	}
	m := d / time.Minute
	sec := (d - m*time.Minute).Seconds()
	pad := ""
	if sec < 10 {
		pad = "0"
	}
	if h != "" && m < 10 {
		h += "0"
	}
	return fmt.Sprintf("%s%d:%s%s", h, m, pad, strconv.FormatFloat(sec, 'f', -1, 64))
}
