package track

import (
	"fmt"
	"math"
	"time"

	"github.com/lapkit/lapkit"
)

// MaxSpeed is the speed no one covers on foot or by bike, 100 m/s: a
// distance or position that implies more is a glitch of the device.
const MaxSpeed = 100.0

// reachable reports whether a cumulative distance of d metres at time at
// can be reached from 0 at t0 without going faster than MaxSpeed.
func reachable(d float64, t0, at lapkit.Instant) bool {
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
	spikes     []lapkit.Instant // over MaxSpeed, or back for one sample
	glitches   []lapkit.Instant // over the sport's top speed, the next falling back
	top        float64          // the highest sport top speed of the glitches, m/s
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
func (ts *topSpeeds) at(t lapkit.Instant) float64 {
	if ts.k+1 < len(ts.a.Sessions) {
		ts.advance(t)
	}
	return ts.top
}

func (ts *topSpeeds) advance(t lapkit.Instant) {
	sessions := ts.a.Sessions
	moved := false
	for ts.k+1 < len(sessions) && !sessions[ts.k+1].Start.IsZero() && !t.Before(lapkit.At(sessions[ts.k+1].Start)) {
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
func noteSpikes(a *lapkit.Activity, at []lapkit.Instant, speed float64, text string) {
	for k, t := range at {
		if k == maxSpikeNotes {
			a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteDistanceSpike, Count: len(at) - k,
				Text: fmt.Sprintf("and %d more: "+text, len(at)-k, speed)})
			return
		}
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteDistanceSpike, Time: t.UTC(), Count: 1,
			Text: fmt.Sprintf(text, speed)})
	}
}

// maxSpikeNotes bounds the spike notes with a time.
const maxSpikeNotes = 20
