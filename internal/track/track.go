// Package track finishes an activity after a decoder has filled it: it
// enforces the invariants the lapkit model documents (strictly increasing
// sample times, a complete non-decreasing distance stream) and records what
// it repaired as notes.
//
// The files follow the repairs: track.go (Finish, the order the repairs
// run in, and Check), times.go (times out of order, repeated, jumped or
// set back, and gaps), distance.go (the device's distance: gaps, backward
// steps, the file's own total), spikes.go (distances and positions no one
// could have reached), positions.go (distance summed from GPS positions:
// frozen fixes and jitter), normalize.go (activities a caller built).
package track

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/words"
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
		a.Start = a.Samples[0].Time.UTC()
	case len(a.Sessions) > 0:
		a.Start = a.Sessions[0].Start
	case len(a.Laps) > 0:
		a.Start = a.Laps[0].Start
	}
}

// InOrder reports whether the sample times are already as the time
// repairs leave them, so that they have nothing to do: none is the zero
// time, and each comes after the one before, by MaxJump at most. Most
// files pass. widest is the longest step between two samples when they
// pass (noteGaps has nothing to note when it is GapNote or less).
func InOrder(s []lapkit.Sample) (ok bool, widest time.Duration) {
	var prev, w int64
	for i := range s {
		n := s[i].Time.UnixNano()
		if n == 0 { // no time
			return false, 0
		}
		if i > 0 { // d wraps below 0 for instants too far apart
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

// NoteRead notes what an XML decoder met while reading points (what names
// them: "track points", "trackpoints"): untimed points it dropped, points
// it dropped whose time lies outside the years a sample's time spans
// (far, see lapkit.InSpan), and times without a zone it read as UTC.
func NoteRead(a *lapkit.Activity, what string, untimed, far, noZone int) {
	if untimed > 0 {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteDroppedSamples, Count: untimed,
			Text: fmt.Sprintf("dropped %d %s without a time", untimed, what)})
	}
	if far > 0 {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteDroppedSamples, Count: far,
			Text: fmt.Sprintf("dropped %d %s whose time is before %d or after %d, which no watch records", far, what, lapkit.MinTime.Year()+1, lapkit.MaxTime.Year()-1)})
	}
	if noZone > 0 {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteTimeZone, Count: noZone,
			Text: fmt.Sprintf("read %s without a zone as UTC", words.Count(noZone, "time"))})
	}
}

// Check returns an error describing the first broken invariant of a
// finished activity, nil when it holds them all: sample times strictly
// increase, distances are all NaN or all numbers that never decrease, no
// field is infinite, Start is the first sample's time. The fuzz targets
// and the real-data tests run it on everything decoded.
func Check(a *lapkit.Activity) error {
	s := a.Samples
	if len(s) > 0 && !a.Start.Equal(s[0].Time.UTC()) {
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
