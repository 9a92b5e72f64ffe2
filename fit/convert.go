package fit

import (
	"math"
	"slices"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/track"
)

// convert appends one decoded activity file to a.
func convert(a *lapkit.Activity, seg *segment) {
	firstSession := len(a.Sessions)
	for _, s := range seg.sessions {
		s.FirstLap += len(a.Laps)
		a.Sessions = append(a.Sessions, s)
	}
	sessions := a.Sessions[firstSession:]
	convertLaps(a, seg.laps)
	convertPauses(a, seg.events)

	// Cadence on foot is per leg in FIT; the model wants steps per minute.
	var sport lapkit.Sport
	if len(sessions) > 0 {
		sport = sessions[0].Sport
	} else if len(seg.laps) > 0 {
		sport = seg.laps[0].sport
	}
	samples := seg.samples
	onFoot := sport.OnFoot()
	switch {
	case len(sessions) <= 1 && onFoot == (seg.legs == 2):
		// As the census foretold: the cadence was read right.
	case len(sessions) <= 1:
		legs := 2 / seg.legs // doubles, or halves what the census wrongly doubled
		if !onFoot {
			legs = 1 / seg.legs
		}
		for i := range samples {
			samples[i].Cadence *= legs
		}
	default:
		k := 0
		starts := sessionStarts(sessions)
		for i := range samples {
			s := &samples[i]
			for k+1 < len(sessions) && !s.Time.Before(starts[k+1]) {
				k++
				onFoot = sessions[k].Sport.OnFoot()
			}
			legs := 1 / seg.legs // per leg again
			if onFoot {
				legs *= 2
			}
			s.Cadence *= legs
		}
	}
	// The first file's samples become the activity's own, without a copy.
	if a.Samples == nil {
		a.Samples = samples
	} else {
		a.Samples = append(a.Samples, samples...)
	}
}

// compressedDistance accumulates the 12-bit distance of FIT's
// compressed_speed_distance field (1/16 m units, wrapping at 256 m), per
// file.
type compressedDistance struct {
	started bool
	last    uint32
	total   uint32
}

func (c *compressedDistance) next(b []byte) (speed, dist float64) {
	speed = float64(uint32(b[0])|uint32(b[1]&0x0F)<<8) / 100
	raw := uint32(b[1]>>4) | uint32(b[2])<<4
	if c.started {
		c.total += (raw - c.last) & 0xFFF
	} else {
		c.total = raw
		c.started = true
	}
	c.last = raw
	return speed, float64(c.total) / 16
}

// lapTriggers maps the profile's lap_trigger values to the model's.
var lapTriggers = map[uint8]lapkit.LapTrigger{
	lapTriggerManual:           lapkit.LapTriggerManual,
	lapTriggerTime:             lapkit.LapTriggerTime,
	lapTriggerDistance:         lapkit.LapTriggerDistance,
	lapTriggerPositionStart:    lapkit.LapTriggerPosition,
	lapTriggerPositionLap:      lapkit.LapTriggerPosition,
	lapTriggerPositionWaypoint: lapkit.LapTriggerPosition,
	lapTriggerPositionMarked:   lapkit.LapTriggerPosition,
	lapTriggerSessionEnd:       lapkit.LapTriggerSessionEnd,
}

// intensity maps the profile's intensity value i to the model's
// (interval reads as active); IntensityUnknown for any other.
func intensity(i uint8) lapkit.Intensity {
	switch i {
	case intensityActive, intensityInterval:
		return lapkit.IntensityActive
	case intensityRest:
		return lapkit.IntensityRest
	case intensityWarmup:
		return lapkit.IntensityWarmup
	case intensityCooldown:
		return lapkit.IntensityCooldown
	case intensityRecovery:
		return lapkit.IntensityRecovery
	}
	return lapkit.IntensityUnknown
}

// convertLaps appends the laps. FIT stamps a lap's start and end in whole
// seconds, but its elapsed time to the millisecond, and the watch shows
// the elapsed time: a lap ends its elapsed time after its start, and a lap
// that starts where the one before ended (its start stamp within
// chainSlack of that end) starts there exactly, so that the laps keep the
// watch's milliseconds (a 6x400 rep stamped 91 s lasted 92.318 s). A lap
// whose end so found strays more than endSlack from its own stamp (a
// clock jump) keeps its stamps, and the chain starts again from it.
func convertLaps(a *lapkit.Activity, laps []lapMsg) {
	a.Laps = slices.Grow(a.Laps, len(laps))
	var prevEnd time.Time // the exact end of the lap before, zero when none
	for _, l := range laps {
		end, start, elapsed := l.end, l.start, l.elapsed
		switch {
		case start.IsZero() && !end.IsZero():
			start = end.Add(-elapsed)
		case !start.IsZero() && elapsed > 0 && !end.After(start):
			// Some firmware (FR965) stamps every lap with the session
			// start instead of the lap end.
			end = start.Add(elapsed)
		}
		if elapsed > 0 && !start.IsZero() {
			s := start
			if !prevEnd.IsZero() && start.Sub(prevEnd).Abs() <= chainSlack {
				s = prevEnd
			}
			if e := s.Add(elapsed); e.Sub(end).Abs() <= endSlack {
				start, end = s, e
			}
		}
		prevEnd = end
		a.Laps = append(a.Laps, lapkit.Lap{
			Start:          start,
			End:            end,
			Distance:       l.distance,
			TimerTime:      l.timer,
			ElapsedTime:    elapsed,
			Trigger:        l.trigger,
			Intensity:      l.intensity,
			WorkoutStep:    max(l.step, 0),
			HasWorkoutStep: l.step >= 0,
			AvgHeartRate:   l.avgHR,
			MaxHeartRate:   l.maxHR,
			AvgSpeed:       l.avgSpeed,
			MaxSpeed:       l.maxSpd,
		})
	}
}

// chainSlack is how far a lap's whole-second start stamp may stand from
// the exact end of the lap before for the lap to start there: a stamp
// truncates (or rounds) the time, less than a second off. Watches also
// leave a second or so between laps now and then (a 6x400 lap of 83.9 s
// stamped from 15:53:44 is followed by one stamped 15:55:09): such a lap
// starts at its stamp. endSlack is how far the end that the elapsed
// time gives may stand from the lap's end stamp before the stamps are
// kept instead (a clock jump inside the lap).
const (
	chainSlack = time.Second
	endSlack   = 2 * time.Second
)

// convertPauses turns timer stop ... start event pairs into pauses. A stop
// with no start after it ends the activity and is not a pause.
func convertPauses(a *lapkit.Activity, events []eventMsg) {
	var stopped time.Time
	for _, e := range events {
		if !e.timer {
			continue
		}
		t := e.time
		if t.IsZero() {
			continue
		}
		switch e.kind {
		case eventTypeStop, eventTypeStopAll, eventTypeStopDisable, eventTypeStopDisableAll:
			if stopped.IsZero() {
				stopped = t
			}
		case eventTypeStart:
			if !stopped.IsZero() && t.After(stopped) {
				a.Pauses = append(a.Pauses, lapkit.Pause{Start: stopped, End: t})
			}
			stopped = time.Time{}
		}
	}
}

// sessionStarts returns each session's start as an Instant (the zero
// Instant for none), for the loops over the samples.
func sessionStarts(sessions []lapkit.Session) []lapkit.Instant {
	out := make([]lapkit.Instant, len(sessions))
	for i, x := range sessions {
		out[i] = lapkit.At(x.Start)
	}
	return out
}

// finish makes distance cumulative across the sessions of a multisport or
// chained file (devices restart it at each sport), names the sport, and
// applies the model's invariants; parts are the activity's files.
func finish(a *lapkit.Activity, parts []segment) {
	s := a.Samples
	if len(a.Sessions) < 2 {
		s = nil // one session: nothing restarts
	}
	offset, last := 0.0, math.NaN()
	k := 0
	starts := sessionStarts(a.Sessions)
	for i := range s {
		for k+1 < len(a.Sessions) && !s[i].Time.Before(starts[k+1]) && !a.Sessions[k+1].Start.IsZero() {
			k++
			if !math.IsNaN(last) {
				// Find the restart: the first distance of the new session.
				// The device counts it from 0 at the session's start, so
				// the new session adds all of it, its first sample's too.
				for j := i; j < len(s); j++ {
					if !math.IsNaN(s[j].Distance) {
						if s[j].Distance+offset < last-1 {
							offset = last
						}
						break
					}
				}
			}
		}
		if !math.IsNaN(s[i].Distance) {
			s[i].Distance += offset
			last = s[i].Distance
		}
	}

	sports := map[lapkit.Sport]bool{}
	for _, ss := range a.Sessions {
		if ss.Sport != lapkit.SportTransition && ss.Sport != "" {
			sports[ss.Sport] = true
		}
	}
	switch {
	case len(sports) > 1:
		a.Sport = lapkit.SportMultisport
	case len(a.Sessions) > 0:
		for _, ss := range a.Sessions {
			if sports[ss.Sport] {
				a.Sport, a.SubSport = ss.Sport, ss.SubSport
				break
			}
		}
	}
	if a.SubSport == "generic" {
		a.SubSport = ""
	}
	if ok, widest := inOrder(parts); ok {
		track.FinishInOrder(a, widest)
	} else {
		track.Finish(a)
	}
}

// inOrder reports whether the samples of an activity's files, one file
// after the other, are in order as track.FinishInOrder wants them, and
// the widest step between two.
func inOrder(parts []segment) (ok bool, widest time.Duration) {
	var last, w uint32
	seen := false
	for i := range parts {
		s := &parts[i]
		if len(s.samples) == 0 {
			continue
		}
		if !s.inOrder {
			return false, 0
		}
		if seen {
			if s.firstTs <= last || s.firstTs-last > maxStep {
				return false, 0
			}
			w = max(w, s.firstTs-last)
		}
		w = max(w, s.widest)
		last, seen = s.lastTs, true
	}
	return true, time.Duration(w) * time.Second
}
