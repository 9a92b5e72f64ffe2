// Package synth generates synthetic running sessions with known truth and
// renders them as FIT (through tormoder/fit's encoder), GPX and TCX. Every
// session is deterministic: the same Session value gives the same bytes.
//
// The runner moves along a great circle heading east from Origin, so the
// distance between positions summed by internal/geo equals the true
// distance, and the device distance in FIT and TCX is the true distance
// (quantised to the formats' resolutions: 1 cm in FIT).
package synth

import (
	"math"
	"math/rand"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/geo"
)

// A Part is one stretch of a session at constant speed.
type Part struct {
	Kind     lapkit.Intensity // active for reps and strides, rest, warmup, cooldown, recovery
	Label    string           // "rep", "stride", "rest", "jog", "wu", "cd"
	Distance float64          // metres; used when Duration is 0
	Duration time.Duration    // when set, the part lasts this long
	Speed    float64          // m/s; 0 for standing
	HR       float64          // heart rate the runner tends to in this part, bpm
	Step     int              // workout step index for workout-step laps; -1 for none
	Grade    float64          // rise per metre run (0.06 is a 6 % hill), on top of the gentle roll of the course
}

// A Pause stops the timer for Duration at elapsed time At from the start.
type Pause struct {
	At       time.Duration
	Duration time.Duration
}

// Session describes a synthetic recording.
type Session struct {
	Name     string
	Start    time.Time
	Parts    []Part
	Pauses   []Pause
	Interval time.Duration // sampling interval; 0 means 1 s
	Smart    bool          // irregular sampling, 1 to 7 s, as "smart recording"
	// Noise is the standard deviation of the GPS position error, metres.
	// The error wanders as GPS error does (an Ornstein-Uhlenbeck process
	// with a 30 s time constant, per axis), rather than jumping anew each
	// sample. The device distance in FIT and TCX stays the true distance.
	Noise float64
	Seed  int64
	// RawDistance replaces the distance field of the FIT records at these
	// indices with the raw value given (in the field's 1/100 m units), as
	// a device's glitch writes it: 0xFFFFFFFC is a slightly negative
	// distance stored unsigned. Nil writes the true distance everywhere.
	RawDistance map[int]uint32
	// North moves the position the GPX writes at these indices this many
	// metres north, as a GPS glitch places a fix. Nil writes the position
	// with its noise everywhere.
	North map[int]float64
}

// Origin is where every synthetic session starts (a running track in Oslo).
var Origin = struct{ Lat, Lon float64 }{59.9489, 10.7346}

// A Mark is the truth about one part: when it started and ended (timer
// pauses included), and the distance covered at each end.
type Mark struct {
	Part
	Start, End         time.Time
	StartDist, EndDist float64
	StartAlt           float64 // altitude climbed by grade before the part, metres
}

// Truth returns where each part starts and ends.
func (s *Session) Truth() []Mark {
	var marks []Mark
	t, d, alt := time.Duration(0), 0.0, 0.0
	for _, p := range s.Parts {
		dur := p.length()
		m := Mark{Part: p, Start: s.at(t), StartDist: d, StartAlt: alt}
		t += dur
		d += p.Speed * dur.Seconds()
		alt += p.Grade * p.Speed * dur.Seconds()
		m.End, m.EndDist = s.at(t), d
		marks = append(marks, m)
	}
	return marks
}

// at converts moving time since start into wall time, adding pauses.
func (s *Session) at(moving time.Duration) time.Time {
	w := moving
	for _, p := range s.Pauses {
		if p.At < moving {
			w += p.Duration
		}
	}
	return s.Start.Add(w)
}

// A Point is one rendered sample.
type Point struct {
	Time       time.Time
	Distance   float64 // true cumulative distance, m
	Speed      float64 // true speed, m/s
	Lat, Lon   float64 // true position
	NLat, NLon float64 // position with GPS noise
	Altitude   float64
	HeartRate  float64
	Cadence    float64 // steps/min
	Part       int
}

// Points samples the session: every Interval (or irregularly with Smart),
// none while paused, and always at the very end.
func (s *Session) Points() []Point {
	rng := rand.New(rand.NewSource(s.Seed))
	marks := s.Truth()
	if len(marks) == 0 {
		return nil
	}
	step := s.Interval
	if step == 0 {
		step = time.Second
	}
	total := movingOf(marks)
	var pts []Point
	hr := 90.0
	last := time.Duration(0)
	var nx, ny float64 // position error east and north, metres
	for mt := time.Duration(0); ; {
		k, d, v := s.state(marks, mt)
		// Heart rate relaxes toward the part's level with a 20 s time constant.
		dt := (mt - last).Seconds()
		hr = marks[k].HR + (hr-marks[k].HR)*math.Exp(-dt/20)
		last = mt
		lat, lon := geo.Offset(Origin.Lat, Origin.Lon, d, math.Pi/2)
		nlat, nlon := lat, lon
		if s.Noise > 0 {
			a := math.Exp(-dt / 30)
			if mt == 0 {
				a = 0
			}
			nx = a*nx + math.Sqrt(1-a*a)*s.Noise*rng.NormFloat64()
			ny = a*ny + math.Sqrt(1-a*a)*s.Noise*rng.NormFloat64()
			nlat, nlon = geo.Offset(lat, lon, math.Hypot(nx, ny), math.Atan2(nx, ny))
		}
		cad := 0.0
		if v > 0 {
			cad = 150 + 8*v
		}
		climbed := marks[k].StartAlt + marks[k].Grade*(d-marks[k].StartDist)
		pt := Point{Time: s.at(mt), Distance: d, Speed: v, Lat: lat, Lon: lon, NLat: nlat, NLon: nlon,
			Altitude: 100 + 5*math.Sin(d/200) + climbed, HeartRate: math.Round(hr), Cadence: math.Round(cad), Part: k}
		pts = append(pts, pt)
		for _, p := range s.Pauses {
			if p.At == mt && mt > 0 && mt < total {
				// The device records again the moment the timer restarts.
				pt.Time = pt.Time.Add(p.Duration)
				pts = append(pts, pt)
			}
		}
		if mt >= total {
			break
		}
		next := step
		if s.Smart {
			next = time.Duration(1+rng.Intn(7)) * time.Second
		}
		// Land exactly on pause starts so no sample straddles a pause.
		for _, p := range s.Pauses {
			if p.At > mt && p.At < mt+next {
				next = p.At - mt
			}
		}
		mt += next
		if mt > total {
			mt = total
		}
	}
	return pts
}

func movingOf(marks []Mark) time.Duration {
	var t time.Duration
	for _, m := range marks {
		dur := m.length()
		t += dur
	}
	return t
}

// state returns the part index, distance and speed at moving time mt.
func (s *Session) state(marks []Mark, mt time.Duration) (int, float64, float64) {
	var t time.Duration
	for i, m := range marks {
		dur := m.length()
		if mt < t+dur || i == len(marks)-1 {
			in := (mt - t).Seconds()
			if in > dur.Seconds() {
				in = dur.Seconds()
			}
			return i, m.StartDist + m.Speed*in, m.Speed
		}
		t += dur
	}
	return 0, 0, 0
}

// length returns how long the part lasts.
func (p Part) length() time.Duration {
	if p.Duration != 0 || p.Speed <= 0 {
		return p.Duration
	}
	return seconds(p.Distance / p.Speed)
}

// seconds converts to a Duration rounded to the nanosecond, so that 1000 m
// at 1000/240 m/s lasts 240 s, not 239.999999999 s.
func seconds(s float64) time.Duration {
	return time.Duration(math.Round(s * float64(time.Second)))
}
