package report

import (
	"math"

	"github.com/lapkit/lapkit"
)

// A Point is one moment of Report.Trace: T seconds from the first sample,
// the speed over the 10 s before it (m/s; null where the distance did not
// move or is absent), and the heart rate (bpm; null where not recorded).
type Point struct {
	T        float64 `json:"t_s"`
	SpeedMS  Float   `json:"speed_m_s"`
	HeartBPM Float   `json:"hr"`
}

// traceStep is the least time between two points of a trace, in seconds:
// a 1-hour run at 1 s samples gives 1,800 points.
const traceStep = 2

// TraceOf returns the pace and heart rate of a over time: one point per
// sample at least traceStep seconds after the one before, the speed
// smoothed over the 10 s before each point (GPS steps of a second wander).
// Nil for an activity of fewer than two samples.
func TraceOf(a *lapkit.Activity) []Point {
	if a == nil || len(a.Samples) < 2 {
		return nil
	}
	s := a.Samples
	var out []Point
	j := 0
	last := math.Inf(-1)
	for i := range s {
		t := s[i].Time.Sub(s[0].Time).Seconds()
		if t-last < traceStep && i != len(s)-1 {
			continue
		}
		for j < i && s[i].Time.Sub(s[j+1].Time).Seconds() >= 10 {
			j++
		}
		p := Point{T: math.Round(t*10) / 10, SpeedMS: Float(math.NaN()), HeartBPM: Round(s[i].HeartRate, 0)}
		if dt, dd := s[i].Time.Sub(s[j].Time).Seconds(), s[i].Distance-s[j].Distance; dt > 0 && dd > 0 {
			p.SpeedMS = Round(dd/dt, 3)
		}
		out = append(out, p)
		last = t
	}
	return out
}
