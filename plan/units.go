package plan

import (
	"fmt"
	"time"

	"github.com/lapkit/lapkit"
)

// target := progressive | mile | 5k | 10k | time [- time] | time / (km|mi)
func (p *parser) target(s *Set) (Target, error) {
	start := p.i
	if p.lit("progressive") {
		return Target{Kind: TargetProgressive}, nil
	}
	for _, g := range []string{"mile", "10k", "5k"} {
		if p.lit(g) {
			return Target{Kind: TargetGoal, Goal: g}, nil
		}
	}
	t, err := p.clock()
	if err != nil {
		return Target{}, err
	}
	// speed checks that covering metres in d is a pace a runner runs.
	speed := func(metres float64, d time.Duration) error {
		v := metres / d.Seconds()
		if d <= 0 || v > maxTargetSpeed || v < minTargetSpeed {
			p.i = start
			return p.fail(fmt.Sprintf("a target of %v for %g m (%s/km): want a pace between %s/km and %s/km",
				d, metres, fmtClock(perKm(d, metres)), fmtClock(perKm(time.Second, maxTargetSpeed).Round(time.Second)), fmtClock(perKm(time.Second, minTargetSpeed).Round(time.Second))))
		}
		return nil
	}
	switch {
	case p.lit("/km"):
		return Target{Kind: TargetPace, Pace: t}, speed(lapkit.Kilometre, t)
	case p.lit("/mi"):
		return Target{Kind: TargetPace, Pace: perKm(t, lapkit.Mile)}, speed(lapkit.Mile, t)
	case p.lit("-"):
		to, err := p.clock()
		if err != nil {
			return Target{}, err
		}
		if s.Distance == 0 {
			p.i = start
			return Target{}, p.fail("a range of times needs distance reps")
		}
		if err := speed(s.Distance, t); err != nil {
			return Target{}, err
		}
		return Target{Kind: TargetTime, Time: t, To: to}, speed(s.Distance, to)
	}
	if s.Distance == 0 {
		p.i = start
		return Target{}, p.fail("a time-based rep takes a pace target (4:10/km) or a goal")
	}
	return Target{Kind: TargetTime, Time: t}, speed(s.Distance, t)
}

// clock := number (s|min|h) | m:ss[.f] | h:mm:ss; at most 24 h.
func (p *parser) clock() (time.Duration, error) {
	start := p.i
	secs, err := p.seconds()
	if err != nil {
		return 0, err
	}
	if secs > 24*3600 {
		p.i = start
		return 0, p.fail("a time of more than 24 h")
	}
	return time.Duration(secs * float64(time.Second)), nil
}

func (p *parser) seconds() (float64, error) {
	start := p.i
	v, ok := p.number()
	if !ok {
		return 0, p.fail("expected a time such as 65s, 1:58 or 3:45/km")
	}
	switch {
	case p.lit("min"):
		return v * 60, nil
	case p.lit("s"):
		return v, nil
	case p.lit("h"):
		return v * 3600, nil
	case p.peek() == ':':
		parts := []float64{v}
		for p.lit(":") {
			at := p.i
			x, ok := p.number()
			if !ok || x >= 60 || at+2 > p.i {
				p.i = at
				return 0, p.fail("expected two digits of seconds (or minutes) after :")
			}
			parts = append(parts, x)
		}
		if len(parts) > 3 {
			p.i = start
			return 0, p.fail("a time has at most h:mm:ss")
		}
		secs := 0.0
		for _, x := range parts {
			secs = secs*60 + x
		}
		return secs, nil
	}
	if v == float64(int(v)) {
		// A bare number is seconds ("@65").
		return v, nil
	}
	p.i = start
	return 0, p.fail("expected a time unit (s or min) or m:ss")
}

// rest := r duration
func (p *parser) rest() (time.Duration, error) {
	p.lit("r")
	d, err := p.clock()
	if err != nil {
		return 0, err
	}
	if d <= 0 {
		return 0, p.fail("a rest must be longer than 0")
	}
	return d, nil
}
