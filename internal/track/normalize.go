package track

import (
	"errors"
	"math"
	"slices"

	"github.com/lapkit/lapkit"
)

// Normalize returns a when it keeps the model's rules
// (lapkit.Activity.Validate), and otherwise a repaired copy, a left as it
// is: infinite values are taken as not recorded (NaN), the samples put in
// time order, their times and distances then repaired as a decoder's are
// (Finish: repeated and zero times, gaps, backward steps), Start set to
// the first sample, pauses put in order with overlapping ones joined, and
// laps put in order with those that end before they start left out. The
// copy's notes say what broke and what was done: a NoteRepaired naming the
// first rule broken, then Finish's own. analysis.Detect and Evaluate,
// report.New and FromSession, and splits.ByDistance, ByTime and Best run
// every activity they are given through it, so that whatever a caller
// builds gives sane figures or says why not. A nil activity is returned as
// it is.
func Normalize(a *lapkit.Activity) *lapkit.Activity {
	err := a.Validate()
	if err == nil {
		return a
	}
	b := *a
	b.Samples = slices.Clone(a.Samples)
	b.Laps = slices.Clone(a.Laps)
	b.Pauses = slices.Clone(a.Pauses)
	b.Notes = append(slices.Clip(slices.Clone(a.Notes)), lapkit.Note{Kind: lapkit.NoteRepaired,
		Text: "the activity as handed over " + rule(err) + ": a copy was repaired before the analysis"})
	for i := range b.Samples {
		x := &b.Samples[i]
		for _, v := range []*float64{&x.Distance, &x.Lat, &x.Lon, &x.Altitude, &x.Speed, &x.HeartRate, &x.Cadence, &x.Power} {
			if math.IsInf(*v, 0) {
				*v = math.NaN()
			}
		}
	}
	// A caller's samples out of order are in no file order to repair
	// (two streams merged, a list appended to): time orders them.
	slices.SortStableFunc(b.Samples, func(x, y lapkit.Sample) int { return x.Time.Compare(y.Time) })
	Finish(&b)
	// Laps: in order (Finish sorted them), none ending before it starts.
	b.Laps = slices.DeleteFunc(b.Laps, func(l lapkit.Lap) bool { return l.End.Before(l.Start) })
	return &b
}

// rule returns the first rule err says was broken, as words after "the
// activity as handed over".
func rule(err error) string {
	msg := err.Error()
	if p := lapkit.ErrInvalid.Error() + ": "; len(msg) > len(p) && msg[:len(p)] == p {
		msg = msg[len(p):]
	}
	if errors.Is(err, lapkit.ErrInvalid) {
		return "broke the model's rules (" + msg + ")"
	}
	return "broke the model's rules"
}

// joinPauses returns pauses (in order of their start) with those of no
// length left out and those that overlap joined (pauses that only touch
// stay apart): timer events out of order, or a chained file that repeats
// an activity, can write them so.
func joinPauses(pauses []lapkit.Pause) []lapkit.Pause {
	ps := pauses[:0]
	for _, p := range pauses {
		switch n := len(ps); {
		case !p.End.After(p.Start):
		case n > 0 && p.Start.Before(ps[n-1].End):
			if p.End.After(ps[n-1].End) {
				ps[n-1].End = p.End
			}
		default:
			ps = append(ps, p)
		}
	}
	return ps
}
