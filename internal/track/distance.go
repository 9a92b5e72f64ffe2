package track

import (
	"fmt"
	"math"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/words"
)

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
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteDistanceTotal, Time: s[len(s)-1].Time.UTC(),
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
			span := float64(q.Time.Sub(p.Time))
			for k := prev + 1; k < i; k++ {
				f := float64(s[k].Time.Sub(p.Time)) / span
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
	if d < s[last].Distance || d-s[last].Distance > MaxSpeed*math.Max(1, s[n-1].Time.Sub(s[last].Time).Seconds()) {
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
