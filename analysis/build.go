package analysis

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/splits"
	"gonum.org/v1/gonum/stat"
)

// pressNotes says how far the presses of a manual lap lie from the
// effort's own edges, when over pressSlack: "lap pressed 2.8 s after the
// effort ended".
func pressNotes(lap, own Span) []lapkit.Note {
	var out []lapkit.Note
	for _, e := range []struct {
		press, edge time.Time
		what        string
	}{{lap.Start, own.Start, "began"}, {lap.End, own.End, "ended"}} {
		d := math.Round(e.press.Sub(e.edge).Seconds()*10) / 10
		switch {
		case d > pressSlack:
			out = append(out, lapkit.Note{Kind: lapkit.NoteLapPress, Time: e.press, Text: fmt.Sprintf("lap pressed %.1f s after the effort %s", d, e.what)})
		case d < -pressSlack:
			out = append(out, lapkit.Note{Kind: lapkit.NoteLapPress, Time: e.press, Text: fmt.Sprintf("lap pressed %.1f s before the effort %s", -d, e.what)})
		}
	}
	return out
}

// build makes a session of candidate c (two efforts or more): its
// efforts become reps, rests and sets with their figures, and its notes
// follow notes. It keeps the strides before the reps and in the
// maxStridesAfter after them.
func (d *Options) build(a *lapkit.Activity, st *stream, notes []lapkit.Note, c candidate) *Session {
	var sp splits.Splitter
	efforts, q := c.efforts, c.q
	s := &Session{Source: efforts[0].source, Notes: append(slices.Clip(notes), c.notes...)}
	// Strides come before the reps or in the 10 minutes after them;
	// short bursts between them or later in a run are surges or GPS
	// noise, and are not listed.
	var strides []Span
	lastEnd := st.time(efforts[len(efforts)-1].t1)
	for _, x := range c.strides {
		if !x.End.After(st.time(efforts[0].t0)) || !x.Start.Before(lastEnd) && x.Start.Before(lastEnd.Add(maxStridesAfter)) {
			strides = append(strides, x)
		}
	}
	s.Strides = strides
	s.Reps = make([]Rep, 0, len(efforts))
	s.Rests = make([]Rest, 0, len(efforts)-1)
	for _, e := range efforts {
		r := Rep{Span: st.span(e.t0, e.t1), Source: e.source, Unplanned: e.unplanned}
		x := sp.Between(a, r.Start, r.End)
		r.Moving = x.Moving
		if e.laps && e.lapDist > 0 {
			// The watch's own figures for its laps, where they fit
			// the laps' own span: a timer longer than the laps, or a
			// distance no runner covers in it (a field of garbage,
			// 0xFFFFFFFE), gives way to the samples', said on the rep.
			span := e.lapEnd.Sub(e.lapStart)
			switch {
			case e.lapDist > lapSpeedMax*math.Max(span.Seconds(), 1):
				r.note(lapkit.NoteLapFigure, fmt.Sprintf("the laps' distance, %.0f m, is more than anyone runs in %s: the samples' %.0f m are used", e.lapDist, lapkit.FormatClock(span), r.Distance))
			default:
				r.Distance = e.lapDist
			}
			switch {
			case e.lapTimer > span+time.Second:
				r.note(lapkit.NoteLapFigure, fmt.Sprintf("the laps' timer time, %s, is longer than the laps themselves (%s): the samples' moving time is used", lapkit.FormatClock(e.lapTimer), lapkit.FormatClock(span)))
			case e.lapTimer > 0:
				r.Moving = e.lapTimer
			}
		}
		if e.laps && !e.lapStart.IsZero() && e.lapEnd.After(e.lapStart) {
			// Exactly the laps' times (the grid seconds round them).
			r.Start, r.End = e.lapStart, e.lapEnd
			r.StartOffset, r.EndOffset = r.Start.Sub(a.Start), r.End.Sub(a.Start)
		}
		if r.Moving > 0 {
			r.AvgSpeed = r.Distance / r.Moving.Seconds()
		}
		r.MaxSpeed = st.maxSpeed(e.t0, e.t1)
		r.AvgHeartRate, r.MaxHeartRate, r.AvgCadence = x.AvgHeartRate, x.MaxHeartRate, x.AvgCadence
		if !e.timed {
			r.Nominal = nominal(r.Distance)
		}
		r.Quality = repQuality(a, r)
		if e.own != nil {
			x := st.span(e.own[0], e.own[1])
			r.Effort = &x
			r.Notes = append(r.Notes, pressNotes(r.Span, x)...)
		}
		s.Reps = append(s.Reps, r)
	}
	first, last := efforts[0], efforts[len(efforts)-1]
	if first.t0 > 1 {
		w := st.span(0, first.t0)
		s.WarmUp = &w
	}
	if end := float64(st.n - 1); end-last.t1 > 1 {
		c := st.span(last.t1, end)
		s.CoolDown = &c
	}
	for i := 0; i+1 < len(efforts); i++ {
		r := Rest{Span: st.span(efforts[i].t1, efforts[i+1].t0)}
		// From the end of one rep to the start of the next, exactly.
		r.Start, r.End = s.Reps[i].End, s.Reps[i+1].Start
		r.StartOffset, r.EndOffset = r.Start.Sub(a.Start), r.End.Sub(a.Start)
		if dur := r.Duration().Seconds(); dur > 0 {
			r.AvgSpeed = r.Distance / dur
		}
		r.Standing = r.AvgSpeed < walk
		switch {
		case r.AvgSpeed < standSpeed:
			r.Mode = RestStand
		case r.Standing:
			r.Mode = RestWalk
		default:
			r.Mode = RestJog
		}
		s.Rests = append(s.Rests, r)
	}
	steps := make([]int, len(efforts))
	for i, e := range efforts {
		steps[i] = e.step - 1
	}
	d.assignSets(s, steps)
	s.Confidence = confidence(s, q)
	for i := range s.Reps {
		s.Reps[i].Confidence = s.Confidence
	}
	return s
}

// lapSpeedMax is the speed, in m/s, over which a lap's own distance over
// its span is no one's running: over the 100 m world record's 10.4.
const lapSpeedMax = 12.5

// nominal returns the standard distance within nominalTolerance of d, or 0.
func nominal(d float64) float64 {
	best, off := 0.0, nominalTolerance
	for _, n := range NominalDistances {
		if o := math.Abs(d/n - 1); o <= off {
			best, off = n, o
		}
	}
	return best
}

// repQuality returns the data-quality flags of rep r (Rep.Quality).
func repQuality(a *lapkit.Activity, r Rep) []Quality {
	var q []Quality
	for _, n := range a.Notes {
		if k := Quality(n.Kind); !n.Time.IsZero() && !n.Time.Before(r.Start) && !n.Time.After(r.End) && !slices.Contains(q, k) {
			q = append(q, k)
		}
	}
	xs := a.Samples
	start := lapkit.At(r.Start)
	i := sort.Search(len(xs), func(i int) bool { return xs[i].Time >= start })
	frozen, gap := false, false
	if end := r.End.UnixNano(); i < len(xs) {
		// Times as Unix nanoseconds: this runs on every sample of every rep.
		prev := xs[i].Time.UnixNano()
		f, tf := i, prev // the sample since which the distance has moved less than a metre
		for k := i + 1; k < len(xs); k++ {
			t := xs[k].Time.UnixNano()
			if t > end {
				break
			}
			if t-prev > int64(10*time.Second) {
				gap = true
			}
			prev = t
			if xs[k].Distance-xs[f].Distance >= 1 {
				f, tf = k, t
			} else if t-tf >= int64(5*time.Second) {
				frozen = true
			}
		}
	}
	if frozen && !slices.Contains(q, QualityFrozen) {
		q = append(q, QualityFrozen)
	}
	if gap {
		q = append(q, QualityGap)
	}
	if r.AvgSpeed > 10 {
		q = append(q, QualityTooFast)
	}
	return q
}

// forTime clears the nominal distance of every rep of a set run for a
// time: three reps or more alike in time (a coefficient of variation
// under 5 %) of which fewer than half match the same standard distance
// (six 3 min reps of 640-720 m: the one of 640 m, within 7.5 % of 600 m,
// is no 600 m rep). Reps run to a distance agree on theirs (400 m reps
// read 390-415 m by GPS); a ladder's rungs, whose times differ, keep
// theirs.
func forTime(s *Session) {
	for set := 1; set <= s.Sets; set++ {
		reps := s.Set(set)
		if len(reps) < 3 {
			continue
		}
		ts := make([]float64, len(reps))
		count := map[float64]int{}
		most := 0
		for i, r := range reps {
			ts[i] = r.Duration().Seconds()
			if r.Nominal > 0 {
				count[r.Nominal]++
				most = max(most, count[r.Nominal])
			}
		}
		if m, sd := stat.MeanStdDev(ts, nil); sd/m < 0.05 && 2*most < len(reps) {
			for i := range reps {
				reps[i].Nominal = 0
			}
		}
	}
}
