// Package track finishes an activity after a decoder has filled it: it
// enforces the invariants the lapkit model documents (strictly increasing
// sample times, a complete non-decreasing distance stream) and records what
// it repaired as notes.
package track

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/geo"
	"github.com/lapkit/lapkit/internal/words"
	"github.com/lapkit/lapkit/internal/xtime"
)

// GapNote is the sample gap, not covered by a pause, above which Finish
// notes a time gap: a watch recording every 1-8 s never leaves one.
const GapNote = 10 * time.Minute

// MaxJump is the gap between two samples, with the timer running, beyond
// which Finish takes the gap for a jump of the device clock (a GPS time fix,
// a reset) rather than time that passed: no watch records nothing for an
// hour of running.
const MaxJump = time.Hour

// BackStep is how far the clock must go back, with the samples after it
// carrying on from the earlier time, to be taken for a clock set back (a
// daylight-saving change in a file written in local time without a zone,
// a GPS time correction) rather than samples out of order.
const BackStep = 10 * time.Minute

// Finish enforces the model's invariants on a freshly decoded activity and
// sets Start.
//
// Times: a clock set back by more than BackStep, for two samples or more,
// is closed: the later samples (and the laps, pauses and sessions that go
// back with them in file order) move forward to follow on at one sample
// interval; when it went back more than MaxJump (a clock corrected by GPS)
// the earlier part moves back instead. A single sample more than BackStep
// back is dropped; samples less than BackStep out of order are put back in
// order. A forward jump of the clock by more than MaxJump, not covered by
// a pause, is closed: the clock after it is taken as right (set by GPS),
// and every earlier time moves forward so that the gap becomes one sample
// interval; unless the first session's start, as the file wrote it, stands
// nearer the clock before the jump: then that clock stays and the later
// times move back. Samples at the zero time are dropped; samples with
// a repeated time are merged into the first (fields it lacks are taken
// from the repeat).
//
// Distance is taken from the device when any sample has one (spikes
// dropped, impossible values before a drop included, gaps interpolated in
// time, backward steps held at the running maximum, counter resets carried
// on), from positions otherwise (spikes skipped, frozen positions spread
// over their time). A device stream that disagrees with the file's own
// total by more than TotalFactor gives way to a reading that agrees (see
// checkTotal). Every repair is noted.
func Finish(a *lapkit.Activity) {
	inOrder, widest := InOrder(a.Samples)
	finish(a, inOrder, widest)
}

// FinishInOrder is Finish for a decoder that saw, as it read the samples,
// that their times are already in order as InOrder defines it, widest
// apart at most: it spares the pass that checks them.
func FinishInOrder(a *lapkit.Activity, widest time.Duration) {
	finish(a, true, widest)
}

func finish(a *lapkit.Activity, inOrder bool, widest time.Duration) {
	if !inOrder {
		ref := summaryStart(a) // as the file wrote it, before any repair moves it
		unglitch(a)            // a stretch stamped far ahead and back: only it moves
		orderTimes(a)          // first: a jump is measured from the times put in order
		closeJumps(a, ref)
		dropSamples(a)
	}
	fillDistance(a)
	sort.SliceStable(a.Laps, func(i, j int) bool { return a.Laps[i].Start.Before(a.Laps[j].Start) })
	sort.SliceStable(a.Pauses, func(i, j int) bool { return a.Pauses[i].Start.Before(a.Pauses[j].Start) })
	a.Pauses = joinPauses(a.Pauses)
	if !inOrder || widest > GapNote {
		noteGaps(a)
	}
	switch {
	case len(a.Samples) > 0:
		a.Start = a.Samples[0].Time
	case len(a.Sessions) > 0:
		a.Start = a.Sessions[0].Start
	case len(a.Laps) > 0:
		a.Start = a.Laps[0].Start
	}
}

// InOrder reports whether the sample times are already as the time
// repairs leave them, so that they have nothing to do: none is the zero
// time, each comes after the one before, by MaxJump at most, and all lie
// in the years that nanoseconds since 1970 hold in an int64 (1678-2262),
// where the repairs' arithmetic is exact. Most files pass. widest is the
// longest step between two samples when they pass (noteGaps has nothing
// to note when it is GapNote or less).
func InOrder(s []lapkit.Sample) (ok bool, widest time.Duration) {
	const lo, hi = -9_200_000_000, 9_200_000_000 // Unix seconds
	var prev, w int64
	for i := range s {
		t := &s[i].Time
		if sec := t.Unix(); sec < lo || sec > hi { // the zero time is year 1
			return false, 0
		}
		n := t.UnixNano()
		if i > 0 {
			d := n - prev
			if d <= 0 || d > int64(MaxJump) {
				return false, 0
			}
			w = max(w, d)
		}
		prev = n
	}
	return true, time.Duration(w)
}

// NoteRead notes what an XML decoder met while reading points: untimed
// points it dropped (what names them: "track points", "trackpoints") and
// times without a zone it read as UTC.
func NoteRead(a *lapkit.Activity, untimed int, what string, noZone int) {
	if untimed > 0 {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteDroppedSamples, Count: untimed,
			Text: fmt.Sprintf("dropped %d %s without a time", untimed, what)})
	}
	if noZone > 0 {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteTimeZone, Count: noZone,
			Text: fmt.Sprintf("read %s without a zone as UTC", words.Count(noZone, "time"))})
	}
}

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

func fillDistance(a *lapkit.Activity) {
	s := a.Samples
	first := -1
	for i := range s {
		if !math.IsNaN(s[i].Distance) {
			first = i
			break
		}
	}
	if first < 0 {
		if ok, r := positionDistance(s, topSpeed(a)); ok {
			a.DistanceSource = "positions"
			notePositions(a, r)
		}
		return
	}
	if a.DistanceSource == "" {
		a.DistanceSource = "device"
	}
	ref, refName := referenceTotal(a)
	mark := len(a.Notes)
	r := despike(s, true, topSpeed(a))
	zero := fromZero(s)
	end := r.lastSpiked && endFromTotal(s, ref)
	var filled, back int
	if !r.complete {
		filled, back = fillGaps(s)
	}
	if zero {
		filled++
	}
	noteDevice(a, r, filled, back)
	if end {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteDistanceTotal, Time: s[len(s)-1].Time,
			Text: fmt.Sprintf("the last sample's distance was dropped as a spike: it ends at %s, %.1f m", refName, ref)})
	}
	checkTotal(a, mark, ref, refName, r.resets)
}

// noteDevice notes the repairs of the device distance stream.
func noteDevice(a *lapkit.Activity, r despiked, filled, back int) {
	noteSpikes(a, r.spikes, MaxSpeed, "a distance that jumped impossibly far (over %g m/s) or back for one sample, dropped")
	if len(r.glitches) > 0 {
		noteSpikes(a, r.glitches, r.top, "a distance that jumped ahead faster than the sport allows (over %g m/s) for one sample, the next falling back below it: dropped, not the true ones after it held")
	}
	if resets := len(r.resets); resets > 0 {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteDistanceReset, Count: resets,
			Text: fmt.Sprintf("carried the distance on over %s of the device's counter", words.Count(resets, "reset"))})
	}
	if filled > 0 {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteDistanceGap, Count: filled,
			Text: fmt.Sprintf("interpolated the distance of %s the device left without one", words.Count(filled, "sample"))})
	}
	if back > 0 {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteDistanceBackwards, Count: back,
			Text: fmt.Sprintf("held %s that went backwards at the previous value", words.Count(back, "distance"))})
	}
}

// notePositions notes the repairs of the distance summed from positions.
func notePositions(a *lapkit.Activity, r posRepairs) {
	noteSpikes(a, r.spikes, MaxSpeed, "a position further than %g m/s allows from the one before, skipped")
	if len(r.glitches) > 0 {
		noteSpikes(a, r.glitches, r.top, "a position that jumped out faster than the sport allows (over %g m/s) for one fix, the next fix back beside the one before: skipped")
	}
	jit := r.jit
	for _, t := range r.frozen {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NotePositionFrozen, Time: t,
			Text: "the position stood still while the runner ran on; the distance was spread over the time"})
	}
	if jit.stops > 0 {
		stops := words.Count(jit.stops, "stop")
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NotePositionJitter, Count: jit.stops,
			Text: fmt.Sprintf("GPS jitter while standing: at %s (%v in all) the position wandered %.0f m within %.1f m; not counted as distance",
				stops, jit.stood.Round(time.Second), jit.standing, jit.radius)})
	}
	if jit.merged >= 1 {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NotePositionJitter,
			Text: fmt.Sprintf("sideways GPS jitter: fixes under %g s and %.1f m apart measured as one step, %.0f m less than the sum of their steps", mergeTime, jit.band, jit.merged)})
	}
}

// fillGaps completes a despiked device distance stream: samples before the
// first distance take it, gaps are interpolated in time, distances that go
// back are held at the previous value, and samples after the last distance
// take it. It returns how many samples it filled and how many it held.
func fillGaps(s []lapkit.Sample) (filled, back int) {
	first, last := distanceSpan(s)
	if first < 0 {
		return 0, 0
	}
	for i := 0; i < first; i++ {
		s[i].Distance = s[first].Distance
		filled++
	}
	prev := first
	for i := first + 1; i <= last; i++ {
		d := s[i].Distance
		if math.IsNaN(d) {
			continue
		}
		if d < s[prev].Distance {
			s[i].Distance = s[prev].Distance
			back++
		}
		if i-prev > 1 { // interpolate the gap in time
			p, q := &s[prev], &s[i]
			span := float64(xtime.Sub(q.Time, p.Time))
			for k := prev + 1; k < i; k++ {
				f := float64(xtime.Sub(s[k].Time, p.Time)) / span
				s[k].Distance = p.Distance + f*(q.Distance-p.Distance)
				filled++
			}
		}
		prev = i
	}
	// After the hold: the last distance may have been raised.
	for i := last + 1; i < len(s); i++ {
		s[i].Distance = s[last].Distance
		filled++
	}
	return filled, back
}

// endFromTotal gives the last sample, whose distance was dropped as a
// spike, the distance the file's own total ref puts it at, when that is no
// less than the last distance kept and reachable from it; else the last
// distance kept is held, as for any sample after the last distance. It
// reports whether it did.
func endFromTotal(s []lapkit.Sample, ref float64) bool {
	n := len(s)
	if math.IsNaN(ref) || n < 2 || !math.IsNaN(s[n-1].Distance) {
		return false
	}
	first, last := distanceSpan(s)
	if first < 0 {
		return false
	}
	d := s[first].Distance + ref
	if d < s[last].Distance || d-s[last].Distance > MaxSpeed*math.Max(1, xtime.Sub(s[n-1].Time, s[last].Time).Seconds()) {
		return false
	}
	s[n-1].Distance = d
	return true
}

// distanceSpan returns the indices of the first and the last sample with a
// distance, -1 when none has one.
func distanceSpan(s []lapkit.Sample) (first, last int) {
	for first = 0; first < len(s); first++ {
		if !math.IsNaN(s[first].Distance) {
			break
		}
	}
	if first == len(s) {
		return -1, -1
	}
	for last = len(s) - 1; math.IsNaN(s[last].Distance); last-- {
	}
	return first, last
}

// referenceTotal returns the distance the file's own summary gives, in
// metres, and what it is: the sum of the sessions' totals when every
// session has a positive one, else the sum of the laps' when every lap has
// a positive one; NaN when the file gives neither.
func referenceTotal(a *lapkit.Activity) (float64, string) {
	sum := func(n int, at func(int) float64) float64 {
		t := 0.0
		for i := 0; i < n; i++ {
			d := at(i)
			if !(d > 0) {
				return math.NaN()
			}
			t += d
		}
		if n == 0 {
			return math.NaN()
		}
		return t
	}
	if t := sum(len(a.Sessions), func(i int) float64 { return a.Sessions[i].Distance }); !math.IsNaN(t) {
		return t, "the session's total"
	}
	if t := sum(len(a.Laps), func(i int) float64 { return a.Laps[i].Distance }); !math.IsNaN(t) {
		return t, "the laps' total"
	}
	return math.NaN(), ""
}

// TotalFactor is how far, as a factor either way, the distance the device
// stream covers may stand from the file's own total before Finish looks
// for a reading that agrees with it; a reading within AgreeFactor of the
// total agrees.
const (
	TotalFactor = 2.0
	AgreeFactor = 1.25
)

// checkTotal compares the distance the finished device stream covers with
// ref, the file's own total (NaN: nothing to compare). When they disagree
// by more than TotalFactor, it reads the distance again without carrying
// it on over the counter's resets (when there were any: resets holds where
// and by how much they were carried) and from the positions (when the
// samples have any), and takes the reading closest to ref if it agrees within
// AgreeFactor: the notes from mark on, about the device stream, give way
// to the chosen reading's. Either way it says so in a note.
func checkTotal(a *lapkit.Activity, mark int, ref float64, refName string, resets []carried) {
	s := a.Samples
	if math.IsNaN(ref) || len(s) == 0 {
		return
	}
	covered := func(s []lapkit.Sample) float64 { return s[len(s)-1].Distance - s[0].Distance }
	off := func(d float64) float64 { return math.Abs(math.Log(d / ref)) }
	got := covered(s)
	if off(got) <= math.Log(TotalFactor) {
		return
	}
	type reading struct {
		name, source string
		s            []lapkit.Sample
		note         func()
	}
	var best *reading
	try := func(r reading) {
		if d := covered(r.s); off(d) <= math.Log(AgreeFactor) && (best == nil || off(d) < off(covered(best.s))) {
			best = &r
		}
	}
	if len(resets) > 0 {
		// The distances as the device wrote them: the carried offsets
		// taken off again (spikes stay as interpolated).
		c := append([]lapkit.Sample(nil), s...)
		carriedBy, k := 0.0, 0
		for i := range c {
			for k < len(resets) && resets[k].at == i {
				carriedBy += resets[k].by
				k++
			}
			c[i].Distance -= carriedBy
		}
		r := despike(c, false, topSpeed(a)) // no resets carried
		filled, back := fillGaps(c)
		try(reading{"the device's distance without carrying it on over its counter's resets", "device", c,
			func() { noteDevice(a, r, filled, back) }})
	}
	c := append([]lapkit.Sample(nil), s...)
	if ok, r := positionDistance(c, topSpeed(a)); ok {
		try(reading{"the distance summed from the positions", "positions", c,
			func() { notePositions(a, r) }})
	}
	if best == nil {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteDistanceTotal,
			Text: fmt.Sprintf("the samples cover %.0f m where %s is %.0f m; no other reading agrees, kept the samples' distance", got, refName, ref)})
		return
	}
	for i := range s {
		s[i].Distance = best.s[i].Distance
	}
	a.DistanceSource = best.source
	a.Notes = a.Notes[:mark]
	best.note()
	a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteDistanceTotal,
		Text: fmt.Sprintf("the device's distance covers %.0f m where %s is %.0f m; took %s, %.0f m, which agrees", got, refName, ref, best.name, covered(s))})
}

// MaxSpeed is the speed no one covers on foot or by bike, 100 m/s: a
// distance or position that implies more is a glitch of the device.
const MaxSpeed = 100.0 // m/s

// reachable reports whether a cumulative distance of d metres at time at
// can be reached from 0 at t0 without going faster than MaxSpeed.
func reachable(d float64, t0, at time.Time) bool {
	return d <= MaxSpeed*math.Max(1, at.Sub(t0).Seconds())
}

// despike repairs the device distance stream: a sample that jumps further
// ahead than MaxSpeed allows, or drops back while the next sample carries
// on from before, is a spike and is dropped (its distance interpolated
// later); so is a sample that jumps ahead faster than the sport's top
// speed (top, asked in time order) when the next sample falls back below
// it (a glitch: the true values after it are not held at it); a drop the
// following samples keep is a reset of the device's counter, and the
// distance carries on from where it was, unless carry is false. A counter can only be reset from a value it could have reached: a
// drop from a value further from the start than MaxSpeed allows (a
// slightly negative distance written as an unsigned 32-bit value reads
// 42,949,672.92 m) drops the values before it as spikes instead.
func despike(s []lapkit.Sample, carry bool, top *topSpeeds) (r despiked) {
	if len(s) == 0 {
		return r
	}
	t0 := s[0].Time
	offset := 0.0
	last := math.NaN()
	lastAt, lastNs := 0, int64(0) // the sample of last, and its time in Unix nanoseconds
	seg := 0                      // the first sample since the start or the last reset
	next := func(i int) float64 {
		for j := i + 1; j < len(s); j++ {
			if d := s[j].Distance; !math.IsNaN(d) {
				return d + offset
			}
		}
		return math.NaN()
	}
	holes := 0 // samples left without a distance, or below the one before
	spike := func(i int) {
		s[i].Distance = math.NaN()
		r.spikes = append(r.spikes, s[i].Time)
		r.lastSpiked = r.lastSpiked || i == len(s)-1
		holes++
	}
	for i := range s {
		if math.IsNaN(s[i].Distance) {
			holes++
			continue
		}
		d := s[i].Distance + offset
		ns := s[i].Time.UnixNano()
		if !math.IsNaN(last) {
			switch v := top.at(s[i].Time); {
			case d-last > v:
				// Faster than the top speed over a second at least: over
				// the time since the last distance? (v <= MaxSpeed; a
				// slower step is neither a spike nor a glitch.)
				dt := time.Duration(ns - lastNs).Seconds()
				if dt < 1 {
					dt = 1
				}
				switch {
				case d-last > MaxSpeed*dt:
					spike(i)
					continue
				case d-last > v*dt:
					if n := next(i); !math.IsNaN(n) && n < d-1 {
						r.top = math.Max(r.top, v)
						s[i].Distance = math.NaN()
						r.glitches = append(r.glitches, s[i].Time)
						holes++
						continue
					}
				}
			case d < last-1:
				if n := next(i); math.IsNaN(n) || n >= last-1 {
					spike(i)
					continue
				}
				// A counter that restarts drops to near zero; smaller
				// steps back are the device correcting itself, held
				// later at the previous value.
				if d < last/2 && last-d > 100 {
					if !reachable(last, t0, s[lastAt].Time) {
						// Not a counter's state: what came
						// before is garbage.
						for k := seg; k < i; k++ {
							if !math.IsNaN(s[k].Distance) {
								spike(k)
							}
						}
						break
					}
					if carry {
						r.resets = append(r.resets, carried{i, last - d})
						offset += last - d
						d = last
					}
					seg = i
				}
			}
		}
		if d < last {
			holes++ // held by fillGaps
		}
		if math.Float64bits(d) != math.Float64bits(s[i].Distance) {
			s[i].Distance = d // written only when it changes: most samples stay clean in the cache
		}
		last, lastAt, lastNs = d, i, ns
	}
	r.complete = holes == 0
	return r
}

// fromZero gives the first sample, when the device wrote no distance on it
// (or it was dropped as a spike), the distance 0: FIT and TCX count the
// distance from the timer's start, and some devices record for seconds
// before they write the first distance. It does so only when the first
// distance written is reachable from 0 (a file cut from a longer one
// starts further on), and reports whether it did; the samples between
// are then interpolated.
func fromZero(s []lapkit.Sample) bool {
	first, _ := distanceSpan(s)
	if first <= 0 || !reachable(s[first].Distance, s[0].Time, s[first].Time) {
		return false
	}
	s[0].Distance = 0
	return true
}

// despiked is what despike did: the times of the samples it dropped,
// whether the last was one, and the resets it carried on.
type despiked struct {
	spikes     []time.Time // over MaxSpeed, or back for one sample
	glitches   []time.Time // over the sport's top speed, the next falling back
	top        float64     // the highest sport top speed of the glitches, m/s
	lastSpiked bool
	resets     []carried
	complete   bool // every sample has a distance, none below the one before: fillGaps has nothing to do
}

// Top speeds by sport: a one-sample jump of the device's distance faster
// than these, that the next sample falls back from, is a glitch. On foot,
// a sprinter's top speed (12.4 m/s, 45 km/h) and a little; on a bike, a
// fast descent (108 km/h). Other sports, and samples outside any session
// of a known sport, take MaxSpeed.
const (
	TopSpeedOnFoot  = 12.5 // m/s
	TopSpeedCycling = 30.0 // m/s
)

// A topSpeeds gives the top speed (m/s) of the sport at each time, asked
// in increasing time: the sport of the last session started by then, else
// the activity's.
type topSpeeds struct {
	a   *lapkit.Activity
	k   int     // the last session started by the last time asked; -1 before any
	top float64 // its top speed
}

func topSpeed(a *lapkit.Activity) *topSpeeds {
	return &topSpeeds{a: a, k: -1, top: sportTop(a.Sport)}
}

// at returns the top speed at t, no earlier than the time asked before.
func (ts *topSpeeds) at(t time.Time) float64 {
	if ts.k+1 < len(ts.a.Sessions) {
		ts.advance(t)
	}
	return ts.top
}

func (ts *topSpeeds) advance(t time.Time) {
	sessions := ts.a.Sessions
	moved := false
	for ts.k+1 < len(sessions) && !sessions[ts.k+1].Start.IsZero() && !t.Before(sessions[ts.k+1].Start) {
		ts.k++
		moved = true
	}
	if moved {
		ts.top = sportTop(ts.a.Sport)
		if sp := sessions[ts.k].Sport; sp != "" {
			ts.top = sportTop(sp)
		}
	}
}

// sportTop is the top speed of a sport, m/s.
func sportTop(sp lapkit.Sport) float64 {
	switch {
	case sp.OnFoot():
		return TopSpeedOnFoot
	case sp == lapkit.SportCycling:
		return TopSpeedCycling
	}
	return MaxSpeed
}

// A carried reset of the device's counter: from sample at on, the
// distance goes on by metres.
type carried struct {
	at int
	by float64
}

// noteSpikes notes each spike at its time, so that analysis can flag the
// rep it falls in: the first maxSpikeNotes one by one, the rest in one
// note.
func noteSpikes(a *lapkit.Activity, at []time.Time, speed float64, text string) {
	for k, t := range at {
		if k == maxSpikeNotes {
			a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteDistanceSpike, Count: len(at) - k,
				Text: fmt.Sprintf("and %d more: "+text, len(at)-k, speed)})
			return
		}
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteDistanceSpike, Time: t, Count: 1,
			Text: fmt.Sprintf(text, speed)})
	}
}

// maxSpikeNotes bounds the spike notes with a time.
const maxSpikeNotes = 20

// PositionDistance sets every sample's Distance to the cumulative
// great-circle distance between consecutive positions (internal/geo), and
// reports whether any sample had a position. Samples without a position,
// and positions further from the last good one than MaxSpeed allows (GPS
// spikes), keep the distance reached before them. GPS jitter adds no
// distance: a step between two fixes where the runner stood (the fix 30 s
// before or after lies within 10 m) that is slower than 2 m/s, and from
// which the runner does not go on at 2 m/s over the next 5 s, counts 0;
// and fixes 1 s apart closer than 6 m and 5 s to the last one counted are
// measured as one step, whose distance the samples share by their own
// steps. Finish notes both (lapkit.NotePositionJitter). Both lengths scale with the jitter the fixes show (the median
// second difference of fixes 1 s apart, against the 1.3 m of a phone's 3
// m wander), from a fifth for a watch's filtered fixes to all of it.
func PositionDistance(s []lapkit.Sample) bool {
	ok, _ := positionDistance(s, &topSpeeds{a: &lapkit.Activity{}, k: -1, top: MaxSpeed})
	return ok
}

// posRepairs is what positionDistance repaired: the times of the positions
// it skipped as spikes (over MaxSpeed) and as glitches (over the sport's
// top speed, the highest of them top, and straight back), of the first
// samples of frozen positions it spread the distance over, and the jitter
// it did not count.
type posRepairs struct {
	spikes, glitches, frozen []time.Time
	top                      float64
	jit                      jitter
}

// positionDistance is PositionDistance, with the sport's top speed at each
// time (asked in time order, see topSpeed), and returns what it repaired.
// A fix further from the one before than the top speed allows, from which
// the next fix comes back as fast to beside the one before, is a glitch:
// skipped as a spike is.
func positionDistance(s []lapkit.Sample, top *topSpeeds) (ok bool, r posRepairs) {
	d, runDist := 0.0, 0.0
	prev, cand, run := -1, -1, 0
	near := func(i, j int) (float64, bool) {
		step := geo.Distance(s[j].Lat, s[j].Lon, s[i].Lat, s[i].Lon)
		return step, step <= MaxSpeed*math.Max(1, xtime.Sub(s[i].Time, s[j].Time).Seconds())
	}
	var fixes []int         // the positions measured, in order
	jumps := map[int]bool{} // fixes reached past an outlier: not smoothed across
	glitch := map[int]bool{}
	// out reports whether the fix at i, step metres from the one at prev,
	// is out and back: faster than the top speed from prev, and the next
	// fix as fast back from it to within what the top speed allows from
	// prev.
	out := func(i int, step float64) bool {
		v := top.at(s[i].Time)
		if v >= MaxSpeed || step <= v*math.Max(1, xtime.Sub(s[i].Time, s[prev].Time).Seconds()) {
			return false
		}
		for n := i + 1; n < len(s); n++ {
			if !s[n].HasPosition() || s[n].Lat == s[i].Lat && s[n].Lon == s[i].Lon {
				continue
			}
			back := geo.Distance(s[i].Lat, s[i].Lon, s[n].Lat, s[n].Lon)
			direct := geo.Distance(s[prev].Lat, s[prev].Lon, s[n].Lat, s[n].Lon)
			return back > v*math.Max(1, xtime.Sub(s[n].Time, s[i].Time).Seconds()) &&
				direct <= v*math.Max(1, xtime.Sub(s[n].Time, s[prev].Time).Seconds())
		}
		return false
	}
	for i := range s {
		if prev >= 0 && s[i].Lat == s[prev].Lat && s[i].Lon == s[prev].Lon {
			// The same position again: no new fix. The next fix is
			// measured from the first of them, over the whole time.
			s[i].Distance = d
			continue
		}
		if s[i].HasPosition() {
			switch step, ok := near(i, max(prev, 0)); {
			case prev < 0:
				prev = i
				fixes = append(fixes, i)
			case ok && out(i, step):
				glitch[i] = true
				r.glitches = append(r.glitches, s[i].Time)
				r.top = math.Max(r.top, top.at(s[i].Time))
			case ok:
				// A position further than MaxSpeed allows is a GPS
				// spike: skip it, and measure the next from before it.
				for k := prev + 1; k < i; k++ {
					if s[k].HasPosition() && (s[k].Lat != s[prev].Lat || s[k].Lon != s[prev].Lon) && !glitch[k] {
						r.spikes = append(r.spikes, s[k].Time)
					}
				}
				if span := xtime.Sub(s[i].Time, s[prev].Time).Seconds(); i-prev > 1 && span >= minFrozen+1 && step/span >= frozenSpeed && same(s[prev:i]) {
					// The position stood still while the runner ran
					// on (the catch-up shows it): spread the step over
					// the frozen time.
					for k := prev + 1; k < i; k++ {
						s[k].Distance = d + step*xtime.Sub(s[k].Time, s[prev].Time).Seconds()/span
					}
					r.frozen = append(r.frozen, s[prev].Time)
				}
				d += step
				prev, run = i, 0
				fixes = append(fixes, i)
			default:
				// Unless the positions after it agree with each
				// other: then the one before was the outlier (a first
				// fix at 0,0); carry on from here without the jump.
				if step, ok := near(i, max(cand, 0)); cand >= 0 && ok {
					run++
					runDist += step
				} else {
					run, runDist = 1, 0
				}
				cand = i
				if run >= 3 {
					// The outlier was the position before the run.
					r.spikes = append(r.spikes, s[prev].Time)
					d += runDist
					prev, run = i, 0
					fixes = append(fixes, i)
					jumps[i] = true
				}
			}
		}
		s[i].Distance = d
	}
	if prev < 0 {
		for i := range s {
			s[i].Distance = math.NaN()
		}
		return false, r
	}
	r.jit = filterJitter(s, fixes, jumps)
	return true, r
}

// GPS jitter (see PositionDistance): a fix is still when the fix
// stillWindow seconds before it, or after it, lies within stillRadius of
// it; a step between two still fixes shorter than standSpeed allows, from
// which the runner does not go on at standSpeed over goWindow, is the
// position wandering while the runner stands. Fixes closer than deadBand
// metres and mergeTime seconds to the last one counted are merged into the
// next step.
const (
	stillWindow = 30.0 // s
	stillRadius = 10.0 // m
	standSpeed  = 2.0  // m/s
	deadBand    = 6.0  // m
	mergeTime   = 5.0  // s
	mergeStep   = 2.0  // s
	goWindow    = 5.0  // s
	newStop     = 10.0 // s: standing again sooner after a jolt is the same stop
)

// ChordSeconds is how many seconds apart, for fixes 1 s apart at speed
// m/s that jitter as a phone's do, are the fixes between which
// PositionDistance measures its steps: closer ones are merged (at 4.5 m/s,
// every 2 s; walking, every 5 s).
func ChordSeconds(speed float64) float64 {
	if speed <= 0 {
		return mergeTime
	}
	return min(mergeTime, max(1, math.Ceil(deadBand/speed)))
}

// jitterScale returns how much the fixes 1 s apart jitter, as the median
// of the second difference of their positions (what the runner's own
// acceleration barely moves) over refJitter, within [minJitterScale, 1];
// fallbackJitterScale when fewer than minJitterFixes are 1 s apart.
func jitterScale(s []lapkit.Sample, fixes []int) float64 {
	if len(fixes) == 0 {
		return fallbackJitterScale
	}
	// Metres per degree at the first fix: near enough anywhere on a run
	// for a median of metres.
	f := s[fixes[0]]
	ky := geo.Distance(f.Lat, f.Lon, f.Lat+1e-3, f.Lon) * 1e3
	kx := geo.Distance(f.Lat, f.Lon, f.Lat, f.Lon+1e-3) * 1e3
	var d2 []float64
	for k := 1; k+1 < len(fixes); k++ {
		a, b, c := s[fixes[k-1]], s[fixes[k]], s[fixes[k+1]]
		if math.Abs(xtime.Sub(b.Time, a.Time).Seconds()-1) > 0.05 || math.Abs(xtime.Sub(c.Time, b.Time).Seconds()-1) > 0.05 {
			continue
		}
		d2 = append(d2, math.Hypot((c.Lon-2*b.Lon+a.Lon)*kx, (c.Lat-2*b.Lat+a.Lat)*ky))
	}
	if len(d2) < minJitterFixes {
		return fallbackJitterScale
	}
	slices.Sort(d2)
	return min(1, max(minJitterScale, d2[len(d2)/2]/refJitter))
}

const (
	refJitter           = 1.3 // m: the median second difference of fixes 1 s apart that wander by 3 m
	minJitterScale      = 0.2
	minJitterFixes      = 60
	fallbackJitterScale = 1.0 // sparse fixes: taken to wander as a phone's do
)

// A jitter is what filterJitter left out.
type jitter struct {
	stops            int           // stretches of standing
	stood            time.Duration // their time
	standing, merged float64       // metres not counted: wander while standing, sideways jitter of close fixes
	radius, band     float64       // the still radius and the dead band used, metres
}

// filterJitter replaces the distance summed from the raw fixes (the
// positions measured, in order; jumps: fixes reached past an outlier) by
// one without GPS jitter: steps while standing add nothing, and fixes
// close in time and space are merged into one step. Samples between two
// fixes keep their share of the step.
func filterJitter(s []lapkit.Sample, fixes []int, jumps map[int]bool) jitter {
	var j jitter
	if len(fixes) < 2 {
		return j
	}
	raw := make([]float64, len(s))
	for i := range s {
		raw[i] = s[i].Distance
	}
	secs := func(k int) float64 { return s[fixes[k]].Time.Sub(s[fixes[0]].Time).Seconds() }
	dist := func(a, b int) float64 {
		return geo.Distance(s[fixes[a]].Lat, s[fixes[a]].Lon, s[fixes[b]].Lat, s[fixes[b]].Lon)
	}
	step := make([]float64, len(fixes)) // step[k]: raw distance from fix k-1 to fix k
	for k := 1; k < len(fixes); k++ {
		step[k] = raw[fixes[k]] - raw[fixes[k-1]]
	}
	// The filter's scale: how much the fixes jitter from one second to
	// the next, against the 3 m wander of a phone.
	scale := jitterScale(s, fixes)
	band, radius := deadBand*scale, stillRadius*scale
	j.radius, j.band = radius, band
	// still[k]: the runner stood at fix k.
	still := make([]bool, len(fixes))
	lo, hi := 0, 0
	for k := range fixes {
		for secs(k)-secs(lo) > stillWindow {
			lo++
		}
		for hi+1 < len(fixes) && secs(hi+1)-secs(k) <= stillWindow {
			hi++
		}
		for _, o := range []int{lo, hi} {
			if math.Abs(secs(k)-secs(o)) >= 0.8*stillWindow && dist(k, o) < radius {
				still[k] = true
			}
		}
	}
	// going[k]: from fix k the runner goes somewhere: standSpeed over
	// the next goWindow seconds (a runner setting off near where they
	// stood is no jitter).
	going := make([]bool, len(fixes))
	hi = 0
	for k := range fixes {
		for hi+1 < len(fixes) && secs(hi+1)-secs(k) <= goWindow {
			hi++
		}
		going[k] = hi > k && dist(k, hi) >= 0.8*standSpeed*goWindow
	}
	inc := make([]float64, len(fixes)) // the filtered step from fix k-1 to fix k
	anchor, stoodTo := 0, math.Inf(-1) // stoodTo: when the last standing step ended, s
	// flush spreads the step d from the anchor to fix k over the fixes
	// in between, by their raw steps, and makes k the anchor. It
	// returns the metres left out.
	flush := func(k int, d float64) float64 {
		sum := 0.0
		for m := anchor + 1; m <= k; m++ {
			sum += step[m]
		}
		for m := anchor + 1; m <= k; m++ {
			inc[m] = d / float64(k-anchor)
			if sum > 0 {
				inc[m] = d * step[m] / sum
			}
		}
		anchor = k
		if d == 0 {
			return sum
		}
		j.merged += sum - d
		return 0
	}
	for k := 1; k < len(fixes); k++ {
		dt := secs(k) - secs(k-1)
		switch {
		case jumps[fixes[k]]:
			flush(k-1, dist(anchor, k-1))
			inc[k], anchor = step[k], k
		case still[k-1] && still[k] && !going[k-1] && step[k] < standSpeed*dt:
			// Back to standing after a jolt shorter than the band:
			// the jolt was jitter too.
			if d := dist(anchor, k-1); d >= band || secs(k-1)-stoodTo > stillWindow {
				flush(k-1, d)
			} else {
				j.standing += flush(k-1, 0)
			}
			if secs(k-1)-stoodTo > newStop {
				j.stops++ // a new stop, not a stop resumed after a jolt
			}
			j.stood += s[fixes[k]].Time.Sub(s[fixes[k-1]].Time)
			j.standing += step[k]
			anchor, stoodTo = k, secs(k)
		default:
			if d := dist(anchor, k); d >= band || dt > mergeStep || secs(k)-secs(anchor) >= mergeTime || k == len(fixes)-1 {
				flush(k, d)
			}
		}
	}
	j.merged = math.Max(j.merged, 0)
	d := 0.0
	for k, i := range fixes {
		d += inc[k]
		s[i].Distance = d
		if k == 0 {
			continue
		}
		h := fixes[k-1]
		for m := h + 1; m < i; m++ {
			frac := 0.0
			if span := raw[i] - raw[h]; span > 0 {
				frac = (raw[m] - raw[h]) / span
			}
			s[m].Distance = s[h].Distance + frac*inc[k]
		}
	}
	last := fixes[len(fixes)-1]
	for m := last + 1; m < len(s); m++ {
		s[m].Distance = s[last].Distance
	}
	return j
}

// same reports whether the samples all have the first one's position.
func same(s []lapkit.Sample) bool {
	for i := 1; i < len(s); i++ {
		if s[i].Lat != s[0].Lat || s[i].Lon != s[0].Lon {
			return false
		}
	}
	return true
}

// A position repeated for minFrozen seconds or more, after which the
// next fix shows the runner covered frozenSpeed m/s or more meanwhile, is
// a frozen position (a phone's GPS that stopped updating); standing still
// moves less.
const (
	minFrozen   = 3   // s
	frozenSpeed = 1.0 // m/s
)

func noteGaps(a *lapkit.Activity) {
	s := a.Samples
	for i := 1; i < len(s); i++ {
		gap := xtime.Sub(s[i].Time, s[i-1].Time)
		if gap <= GapNote {
			continue
		}
		if a.MovingBetween(s[i-1].Time, s[i].Time) <= GapNote {
			continue
		}
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteTimeGap, Time: s[i-1].Time,
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
		jump := xtime.Sub(s[i].Time, s[i-1].Time)
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
		lo, hi := xtime.Sub(s[last].Time, s[k].Time)+time.Second, jump-time.Second
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
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteTimeJump, Time: s[i].Time, Count: n,
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
		at    time.Time // the time the clock went back from
		back  time.Duration
		shift time.Duration // back and one sample interval
		i     int           // index of the first sample after the step
	}
	var (
		steps   []step
		total   []time.Duration // total[k]: the shift after the steps 0..k
		shift   time.Duration
		maxT    time.Time     // latest time so far, shifted
		last    time.Duration // the step to maxT from the latest time before it
		glitch  []int         // indices of single samples far back, dropped
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
		if !maxT.IsZero() && xtime.Sub(maxT, t) > BackStep {
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
				last = xtime.Sub(t, maxT)
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
			a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteClockBack, Time: st.at.Add(-fix), Count: after, Text: text})
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
		gap := xtime.Sub(s[i].Time, s[prev].Time)
		if gap <= MaxJump || a.MovingBetween(s[prev].Time, s[i].Time) <= MaxJump {
			continue
		}
		step := time.Second
		if prev >= 1 {
			if d := s[prev].Time.Sub(s[prev-1].Time); d > 0 && d <= time.Minute {
				step = d
			}
		}
		jumps = append(jumps, jump{from: s[i].Time, shift: gap - step, at: s[prev].Time, gap: gap, after: len(s) - i})
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
		t0 := s[0].Time
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

// moveTimes applies move to every time of a: samples, laps, pauses and
// sessions.
func moveTimes(a *lapkit.Activity, move func(*time.Time)) {
	for i := range a.Samples {
		move(&a.Samples[i].Time)
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

// Check returns an error describing the first broken invariant of a
// finished activity, nil when it holds them all: sample times strictly
// increase, distances are all NaN or all numbers that never decrease, no
// field is infinite, Start is the first sample's time. The fuzz targets
// and the real-data tests run it on everything decoded.
func Check(a *lapkit.Activity) error {
	s := a.Samples
	if len(s) > 0 && !a.Start.Equal(s[0].Time) {
		return fmt.Errorf("start %v, first sample at %v", a.Start, s[0].Time)
	}
	noDist := len(s) > 0 && math.IsNaN(s[0].Distance)
	for i := range s {
		x := &s[i]
		for _, v := range [...]float64{x.Distance, x.Lat, x.Lon, x.Altitude, x.Speed, x.HeartRate, x.Cadence, x.Power} {
			if math.IsInf(v, 0) {
				return fmt.Errorf("sample %d: an infinite value", i)
			}
		}
		if math.IsNaN(x.Distance) != noDist {
			return fmt.Errorf("sample %d: distance %v among samples with%s one", i, x.Distance, map[bool]string{true: "out", false: ""}[noDist])
		}
		if i == 0 {
			continue
		}
		if !x.Time.After(s[i-1].Time) {
			return fmt.Errorf("sample %d at %v, not after %v", i, x.Time, s[i-1].Time)
		}
		if x.Distance < s[i-1].Distance {
			return fmt.Errorf("sample %d: distance %v m after %v m", i, x.Distance, s[i-1].Distance)
		}
	}
	return nil
}
