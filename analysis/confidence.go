package analysis

import (
	"math"
	"sort"
)

// confidence scores the structure from 0 to 1: the speed contrast between
// reps and easy running, how cleanly the speeds split into two levels, the
// number of reps, how alike the rep speeds are and the source, gated by
// how each rep stands out from the rests beside it and how short the rests
// within sets are against the reps.
func confidence(s *Session, q quality) float64 {
	c := math.Min(1, math.Max(0, (q.contrast-1)/0.5))
	sep := math.Min(1, math.Max(0, (q.sep-0.55)/0.3))
	n := math.Min(1, float64(len(s.Reps))/4)
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
	reg := math.Min(1, math.Max(0, 1-(cv-0.05)/0.15))
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
			pairs = append(pairs, r.AvgSpeed/math.Max(x.AvgSpeed, 0.5))
		}
	}
	pair, restRatio := 1.0, 1.0
	if len(pairs) > 0 && !q.labelled {
		pair = math.Min(1, math.Max(0, (medianOf(pairs)-1.05)/0.2))
	}
	if len(ratios) > 0 {
		// Rests up to 4 times the rep (a 200 m rep with 90 s) are
		// normal, 8 times is not; under a tenth of the rep (15 s after
		// 3 min) they are stops at a crossing in a continuous run.
		m := medianOf(ratios)
		restRatio = math.Min(1, math.Max(0, math.Min((8-m)/4, (m-0.08)/0.12)))
	}
	// No session rests for 15 minutes between reps (the longest jogs
	// between rounds are 6-8 min, 2 km at 6:00/km is 12): such "reps" are
	// surges in a run.
	long := 1.0
	for _, x := range s.Rests {
		if x.Duration() > maxRest {
			long = 0.5
		}
	}
	src := map[Source]float64{SourceWorkoutStep: 1, SourceManualLap: 0.95, SourceAutoLap: 0.9, SourceDetected: 0.85}[s.Source]
	score := 0.25*c + 0.3*sep + 0.2*n + 0.25*reg
	return math.Round(100*src*score*pair*restRatio*long*(1-q.irregular)) / 100
}

func medianOf(x []float64) float64 {
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
