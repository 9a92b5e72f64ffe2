package analysis

import (
	"math"
	"sort"
)

// The confidence of a structure is a weighted score of four features, each
// mapped to 0-1 by a ramp from a floor over a span, times gates that can
// only lower it. The floors and spans are where the features of real
// interval sessions and of steady, hilly and fartlek runs part.
const (
	// The weights of the score; they add up to 1.
	weightContrast   = 0.25 // rep speed over easy speed
	weightSeparation = 0.30 // how cleanly the speeds split into two levels
	weightCount      = 0.20 // how many reps
	weightRegularity = 0.25 // how alike the rep speeds are

	contrastFloor, contrastSpan = 1.0, 0.5   // reps 50 % faster than the jog score 1
	sepFloor, sepSpan           = 0.55, 0.3  // Otsu separability; one normal hump reaches 0.64
	countFull                   = 4.0        // four reps or more score 1
	cvFloor, cvSpan             = 0.05, 0.15 // spread of rep speeds (coefficient of variation): 5 % scores 1, 20 % scores 0
	pairFloor, pairSpan         = 1.05, 0.2  // a rep against the rests beside it: 25 % faster scores 1

	// Rests within sets against their reps: up to 4 times the rep (a 200 m
	// rep with 90 s) is normal, 8 times is not; under a tenth of the rep
	// (15 s after 3 min) they are stops at a crossing in a continuous run.
	restRatioHigh, restRatioFall = 8.0, 4.0
	restRatioLow, restRatioRise  = 0.08, 0.12

	// longRestGate scales a session with a rest longer than maxRest: no
	// session rests 15 minutes between reps (the longest jogs between
	// rounds are 6-8 min), such "reps" are surges in a run.
	longRestGate = 0.5

	// minRestSpeed keeps a standing rest (0 m/s) from dividing by zero in
	// the rep-against-rest ratio.
	minRestSpeed = 0.5 // m/s
)

// sourceTrust is how far each source of rep boundaries is trusted: the
// watch's own workout steps most, the speed stream least.
var sourceTrust = map[Source]float64{SourceWorkoutStep: 1, SourceManualLap: 0.95, SourceAutoLap: 0.9, SourceDetected: 0.85}

// ramp maps v to 0-1: 0 at floor, 1 at floor+span, clamped.
func ramp(v, floor, span float64) float64 { return math.Min(1, math.Max(0, (v-floor)/span)) }

// confidence scores the structure from 0 to 1: the speed contrast between
// reps and easy running, how cleanly the speeds split into two levels, the
// number of reps, how alike the rep speeds are and the source, gated by
// how each rep stands out from the rests beside it and how short the rests
// within sets are against the reps.
func confidence(s *Session, q quality) float64 {
	c := ramp(q.contrast, contrastFloor, contrastSpan)
	sep := ramp(q.sep, sepFloor, sepSpan)
	n := math.Min(1, float64(len(s.Reps))/countFull)
	// Regularity: reps are all run hard, so their speeds are alike
	// (ladders of 400s and 800s too); a rolling run's surges are not.
	var m, v float64
	for _, r := range s.Reps {
		m += r.AvgSpeed
	}
	m /= float64(len(s.Reps))
	for _, r := range s.Reps {
		v += (r.AvgSpeed - m) * (r.AvgSpeed - m)
	}
	cv := math.Sqrt(v/float64(len(s.Reps))) / m
	reg := 1 - ramp(cv, cvFloor, cvSpan)
	if !(m > 0) {
		reg = 0 // reps that never moved (the timer stopped through them): nothing alike
	}
	// Each rep against the rests beside it: intervals alternate hard and
	// easy, a rolling run does not. And the rests within sets are short
	// beside the reps: a minute at 3:00/km followed by 12 minutes of
	// easy running is a surge, not an interval.
	var pairs, ratios []float64
	for i, r := range s.Reps {
		var rs []Rest
		if i > 0 {
			rs = append(rs, s.Rests[i-1])
		}
		if i < len(s.Rests) {
			rs = append(rs, s.Rests[i])
		}
		for _, x := range rs {
			if x.Kind == RestKindRep && r.Duration() > 0 {
				ratios = append(ratios, x.Duration().Seconds()/r.Duration().Seconds())
			}
			pairs = append(pairs, r.AvgSpeed/math.Max(x.AvgSpeed, minRestSpeed))
		}
	}
	pair, restRatio := 1.0, 1.0
	if len(pairs) > 0 && !q.labelled {
		pair = ramp(medianOf(pairs), pairFloor, pairSpan)
	}
	if len(ratios) > 0 {
		m := medianOf(ratios)
		restRatio = math.Min(1, math.Max(0, math.Min((restRatioHigh-m)/restRatioFall, (m-restRatioLow)/restRatioRise)))
	}
	long := 1.0
	for _, x := range s.Rests {
		if x.Duration() > maxRest {
			long = longRestGate
		}
	}
	score := weightContrast*c + weightSeparation*sep + weightCount*n + weightRegularity*reg
	conf := math.Round(100*sourceTrust[s.Source]*score*pair*restRatio*long*(1-q.irregular)) / 100
	if math.IsNaN(conf) {
		return 0 // a figure no reps give: no confidence in them
	}
	return conf
}

// medianOf returns the median of x; NaN when x is empty.
func medianOf(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	y := append([]float64(nil), x...)
	sort.Float64s(y)
	if len(y)%2 == 1 {
		return y[len(y)/2]
	}
	return (y[len(y)/2-1] + y[len(y)/2]) / 2
}

// minSeparation is the least share of the speed variance between easy and
// fast running for the stream to hold intervals: a single normal hump
// gives 0.64 at best, real interval sessions 0.67 and more, steady and
// hilly runs 0.4 to 0.6.
const minSeparation = 0.6

// quality is how clearly the reps stand out.
type quality struct {
	contrast  float64 // rep speed over easy speed
	sep       float64 // Otsu separability, 0 to 1
	irregular float64 // 0 to 1: how far the rests and rep speeds are from alike (reps told by the stops alone); the confidence is scaled by 1 - irregular
	labelled  bool    // the device's workout steps mark the reps: the pace of the rests beside them does not gate the confidence
}
