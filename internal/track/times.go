package track

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/words"
)

// dropSamples drops the samples at the zero time and merges each repeated
// time into the first sample that has it; orderTimes has already put the
// other samples in time order.
func dropSamples(a *lapkit.Activity) {
	s := a.Samples
	out := s[:0]
	var zero, repeat int
	for i := range s {
		x := s[i]
		if x.Time.IsZero() {
			zero++
			continue
		}
		if n := len(out); n > 0 {
			last := &out[n-1]
			if x.Time.Equal(last.Time) {
				merge(last, &x)
				repeat++
				continue
			}
		}
		out = append(out, x)
	}
	a.Samples = out
	if zero > 0 {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteDroppedSamples, Count: zero,
			Text: fmt.Sprintf("dropped %s without a time", words.Count(zero, "sample"))})
	}
	if repeat > 0 {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteRepeatedTime, Count: repeat,
			Text: fmt.Sprintf("merged %s that repeated the time of the one before", words.Count(repeat, "sample"))})
	}
}

func merge(dst, src *lapkit.Sample) {
	fill := func(d *float64, s float64) {
		if math.IsNaN(*d) {
			*d = s
		}
	}
	fill(&dst.Distance, src.Distance)
	if !dst.HasPosition() {
		dst.Lat, dst.Lon = src.Lat, src.Lon
	}
	fill(&dst.Altitude, src.Altitude)
	fill(&dst.Speed, src.Speed)
	fill(&dst.HeartRate, src.HeartRate)
	fill(&dst.Cadence, src.Cadence)
	fill(&dst.Power, src.Power)
}

func noteGaps(a *lapkit.Activity) {
	s := a.Samples
	for i := 1; i < len(s); i++ {
		gap := s[i].Time.Sub(s[i-1].Time)
		if gap <= GapNote {
			continue
		}
		if a.MovingBetween(s[i-1].Time.UTC(), s[i].Time.UTC()) <= GapNote {
			continue
		}
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteTimeGap, Time: s[i-1].Time.UTC(),
			Text: fmt.Sprintf("no sample for %v with the timer running", gap.Round(time.Second))})
	}
}

// unglitch moves back a stretch of samples stamped far ahead (a clock
// glitch: an Edge 500 stamps 14 samples 791 days ahead, then returns), and
// nothing else: the samples before and after the stretch keep their
// times. A stretch qualifies when it starts with a jump ahead of more than
// MaxJump, ends with a step back, and, moved back, fits between the
// samples around it; it moves by a whole number of days (hours, else
// seconds) within that fit, so that its own spacing is kept.
func unglitch(a *lapkit.Activity) {
	s := a.Samples
	for i := 1; i < len(s); i++ {
		if s[i].Time.IsZero() || s[i-1].Time.IsZero() {
			continue
		}
		jump := s[i].Time.Sub(s[i-1].Time)
		if jump <= MaxJump {
			continue
		}
		// The step back that ends the stretch.
		k := i + 1
		for k < len(s) && (s[k].Time.IsZero() || !s[k].Time.Before(s[k-1].Time)) {
			k++
		}
		if k >= len(s) {
			return
		}
		last := k - 1
		for last > i && s[last].Time.IsZero() {
			last--
		}
		// The stretch moved back by d fits when s[i-1] < s[i]-d and
		// s[last]-d < s[k].
		lo, hi := s[last].Time.Sub(s[k].Time)+time.Second, jump-time.Second
		if lo > hi {
			continue
		}
		d := hi
		for _, unit := range []time.Duration{24 * time.Hour, time.Hour, time.Second} {
			if m := hi / unit * unit; m >= lo {
				d = m
				break
			}
		}
		n := 0
		for j := i; j < k; j++ {
			if !s[j].Time.IsZero() {
				s[j].Time = s[j].Time.Add(-d)
				n++
			}
		}
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteTimeJump, Time: s[i].Time.UTC(), Count: n,
			Text: fmt.Sprintf("%s stamped %s ahead of the samples around them (a clock glitch) moved back into place", words.Count(n, "sample"), span(d))})
		i = k
	}
}

// span says a duration as a runner reads it: "791 days", "5h0m0s".
func span(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%d days", d/(24*time.Hour))
	}
	return d.String()
}

// orderTimes closes backward clock steps and puts samples out of order back
// in time order (see Finish).
func orderTimes(a *lapkit.Activity) {
	s := a.Samples
	type step struct {
		at    lapkit.Instant // the time the clock went back from
		back  time.Duration
		shift time.Duration // back and one sample interval
		i     int           // index of the first sample after the step
	}
	var (
		steps   []step
		total   []time.Duration // total[k]: the shift after the steps 0..k
		shift   time.Duration
		maxT    lapkit.Instant // latest time so far, shifted
		last    time.Duration  // the step to maxT from the latest time before it
		glitch  []int          // indices of single samples far back, dropped
		unorder int
	)
	next := func(i int) int { // the next sample with a time
		for j := i + 1; j < len(s); j++ {
			if !s[j].Time.IsZero() {
				return j
			}
		}
		return -1
	}
	for i := range s {
		if s[i].Time.IsZero() {
			continue
		}
		t := s[i].Time
		if shift != 0 {
			t = t.Add(shift)
		}
		if !maxT.IsZero() && maxT.Sub(t) > BackStep {
			// Two samples on the new clock make a step; one is a glitch.
			j := next(i)
			if j < 0 || !s[j].Time.After(s[i].Time) || maxT.Sub(s[j].Time.Add(shift)) <= BackStep {
				glitch = append(glitch, i)
				continue
			}
			interval := time.Second
			if last > 0 && last <= time.Minute {
				interval = last // the sampling interval before the step
			}
			back := maxT.Sub(t)
			steps = append(steps, step{at: maxT, back: back, shift: back + interval, i: i})
			shift += back + interval
			total = append(total, shift)
			t = s[i].Time.Add(shift)
		}
		switch {
		case t.Before(maxT):
			unorder++
		case t.After(maxT):
			if !maxT.IsZero() {
				last = t.Sub(maxT)
			}
			maxT = t
		}
		s[i].Time = t
	}
	if len(steps) > 0 {
		// Laps, pauses and sessions take the shift of the step their start
		// goes back with, in file order: a start more than BackStep before
		// the latest time of the spans before it (the start or the end of
		// a span that began at the same time but ran on, as a chained
		// file's second activity does); an end before its start, the next.
		shiftSpans := func(n int, span func(i int) (*time.Time, *time.Time)) {
			k := -1
			var latest time.Time
			for i := 0; i < n; i++ {
				start, end := span(i)
				if start.IsZero() {
					continue
				}
				if !latest.IsZero() && latest.Sub(*start) > BackStep && k+1 < len(steps) {
					k++
					latest = time.Time{}
				}
				for _, t := range []time.Time{*start, *end} {
					if t.After(latest) && t.Sub(*start) <= 24*time.Hour {
						latest = t
					}
				}
				ke := k
				if !end.IsZero() && start.Sub(*end) > BackStep && ke+1 < len(steps) {
					ke++
				}
				if k >= 0 {
					*start = start.Add(total[k])
				}
				if ke >= 0 && !end.IsZero() {
					*end = end.Add(total[ke])
				}
			}
		}
		shiftSpans(len(a.Laps), func(i int) (*time.Time, *time.Time) { return &a.Laps[i].Start, &a.Laps[i].End })
		shiftSpans(len(a.Pauses), func(i int) (*time.Time, *time.Time) { return &a.Pauses[i].Start, &a.Pauses[i].End })
		shiftSpans(len(a.Sessions), func(i int) (*time.Time, *time.Time) { return &a.Sessions[i].Start, &a.Sessions[i].End })
		// A step back of more than MaxJump is a clock corrected (a GPS
		// time fix after a wrong start): the time after it is right, so
		// everything moves back by its shift, which leaves the samples
		// after it where they were and moves those before it back.
		var fix time.Duration
		for _, st := range steps {
			if st.back > MaxJump {
				fix += st.shift
			}
		}
		if fix != 0 {
			moveTimes(a, func(t *time.Time) {
				if !t.IsZero() {
					*t = t.Add(-fix)
				}
			})
		}
		for _, st := range steps {
			after := len(s) - st.i - (len(glitch) - sort.SearchInts(glitch, st.i))
			text := fmt.Sprintf("the clock went back %v (a daylight-saving change?); the %s after it moved forward", st.back.Round(time.Second), words.Count(after, "sample"))
			if st.back > MaxJump {
				text = fmt.Sprintf("the clock was corrected %v back (a GPS time fix?); the samples before it were moved back", st.back.Round(time.Second))
			}
			a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteClockBack, Time: st.at.Add(-fix).UTC(), Count: after, Text: text})
		}
	}
	if len(glitch) > 0 {
		out := s[:0]
		k := 0
		for i := range s {
			if k < len(glitch) && glitch[k] == i {
				k++
				continue
			}
			out = append(out, s[i])
		}
		s = out
		a.Samples = s
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteTimeBackwards, Count: len(glitch),
			Text: fmt.Sprintf("dropped %s whose time went more than %v back for one sample", words.Count(len(glitch), "sample"), BackStep)})
	}
	if unorder > 0 {
		sort.SliceStable(s, func(i, j int) bool { return s[i].Time.Before(s[j].Time) })
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteOutOfOrder, Count: unorder,
			Text: fmt.Sprintf("put %s that came out of time order back in order", words.Count(unorder, "sample"))})
	}
}

// closeJumps closes forward clock jumps (see MaxJump), in one pass over
// the samples whatever the number of jumps. ref is the first session's
// start as the file wrote it (zero when none): the clock nearer it stays.
func closeJumps(a *lapkit.Activity, ref time.Time) {
	s := a.Samples
	type jump struct {
		from  time.Time // original time of the first sample after the jump
		shift time.Duration
		at    time.Time
		gap   time.Duration
		after int
	}
	var jumps []jump
	last := -1 // the latest sample with a time so far
	for i := range s {
		if s[i].Time.IsZero() {
			continue
		}
		if last < 0 || !s[i].Time.After(s[last].Time) {
			if last < 0 {
				last = i
			}
			continue
		}
		prev := last
		last = i
		gap := s[i].Time.Sub(s[prev].Time)
		if gap <= MaxJump || a.MovingBetween(s[prev].Time.UTC(), s[i].Time.UTC()) <= MaxJump {
			continue
		}
		step := time.Second
		if prev >= 1 {
			if d := s[prev].Time.Sub(s[prev-1].Time); d > 0 && d <= time.Minute {
				step = d
			}
		}
		jumps = append(jumps, jump{from: s[i].Time.UTC(), shift: gap - step, at: s[prev].Time.UTC(), gap: gap, after: len(s) - i})
	}
	if len(jumps) == 0 {
		return
	}
	// The shift of a time is the sum of the shifts of the jumps at or
	// before it.
	total := make([]time.Duration, len(jumps))
	var sum time.Duration
	for k, j := range jumps {
		sum += j.shift
		total[k] = sum
	}
	// The clock after a jump is the right one (a watch that started with
	// a wrong clock and was set by GPS): every time before a jump moves
	// forward by its shift, the times after the last jump stay. Unless the
	// file's own summary (the first session's start) stands nearer the
	// clock before the jumps: then that clock stays, and the times after
	// each jump move back (a 2021 run whose records jump 64 years ahead).
	keepFirst := false
	if !ref.IsZero() {
		t0 := s[0].Time.UTC()
		keepFirst = t0.Sub(ref).Abs() < t0.Add(sum).Sub(ref).Abs()
	}
	move := func(t *time.Time) {
		if t.IsZero() {
			return
		}
		k := sort.Search(len(jumps), func(k int) bool { return jumps[k].from.After(*t) })
		if k > 0 {
			*t = t.Add(-total[k-1])
		}
		if !keepFirst {
			*t = t.Add(sum)
		}
	}
	moveTimes(a, move)
	for k, j := range jumps {
		if k == 10 {
			a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteTimeJump, Count: len(jumps) - 10,
				Text: fmt.Sprintf("and %d more clock jumps, closed the same way", len(jumps)-10)})
			break
		}
		at := j.at
		move(&at)
		text := fmt.Sprintf("the clock jumped %v ahead with the timer running (set by GPS?); the samples before it were moved forward", j.gap.Round(time.Second))
		if keepFirst {
			text = fmt.Sprintf("the clock jumped %v ahead with the timer running; the file's own summary is dated before the jump, so the samples after it were moved back", j.gap.Round(time.Second))
		}
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteTimeJump, Time: at, Count: len(s) - j.after, Text: text})
	}
}

// summaryStart returns when the file's own summary says the activity
// began: the first session's start; zero when the file has none.
func summaryStart(a *lapkit.Activity) time.Time {
	for _, x := range a.Sessions {
		if !x.Start.IsZero() {
			return x.Start
		}
	}
	return time.Time{}
}

// moveTimes applies move to every time of a: samples (as their time.Time;
// the repairs are rare, exactness matters more), laps, pauses and
// sessions.
func moveTimes(a *lapkit.Activity, move func(*time.Time)) {
	for i := range a.Samples {
		t := a.Samples[i].Time.UTC()
		move(&t)
		a.Samples[i].Time = lapkit.At(t)
	}
	for i := range a.Laps {
		move(&a.Laps[i].Start)
		move(&a.Laps[i].End)
	}
	for i := range a.Pauses {
		move(&a.Pauses[i].Start)
		move(&a.Pauses[i].End)
	}
	for i := range a.Sessions {
		move(&a.Sessions[i].Start)
		move(&a.Sessions[i].End)
	}
}
