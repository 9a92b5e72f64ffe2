package analysis

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/lapkit/lapkit"
)

// MilePer400 is the ratio of a mile to 400 m: a 4:23 miler averages about
// 65 s per 400 (263 / 65.4).
const MilePer400 = lapkit.Mile / 400 // 4.02336

// RiegelExponent is the fatigue exponent of Riegel's formula
// T2 = T1 (D2/D1)^1.06.
const RiegelExponent = 1.06

// PredictDistances are the race distances predicted from the best
// sustained effort, in metres.
var PredictDistances = []float64{lapkit.Mile, 5000, 10000}

// MaxPredictGrade is the net climb over distance above which a rep says
// nothing about flat race times and is left out of the predictions: 3 %
// (a hill repeat climbs 5-8 %; a rolling road 400 m can gain 2 %).
const MaxPredictGrade = 0.03

// MaxRunSpeed is the median rep speed above which a session is not run on
// foot, whatever its sport tag says, and predicts no race: 8 m/s, a 3:21
// mile (a 4:00 miler's 200 m reps run at 7.4 m/s).
const MaxRunSpeed = 8.0 // m/s

// predict returns the predictions a session supports: the mile from the
// mean 400 m rep, and the mile, 5 km and 10 km by Riegel and by Daniels'
// VDOT from the best sustained effort (the longest rep). Reps that climb
// more than MaxPredictGrade are left out; a session whose reps run faster
// than MaxRunSpeed (a ride without a sport tag) predicts nothing.
func predict(a *lapkit.Activity, s *Session) []Prediction {
	var speeds []float64
	for _, r := range s.Reps {
		speeds = append(speeds, r.AvgSpeed)
	}
	if len(speeds) == 0 || medianOf(speeds) > MaxRunSpeed {
		return nil // a ride, whatever the sport tag says
	}
	var out []Prediction
	var sum float64
	n := 0
	flat := make([]bool, len(s.Reps))
	for i, r := range s.Reps {
		g := netGrade(a, r.Span)
		flat[i] = !(g > MaxPredictGrade || g < -MaxPredictGrade)
	}
	for i, r := range s.Reps {
		if r.Nominal == 400 && flat[i] {
			sum += r.Duration().Seconds()
			n++
		}
	}
	if n >= 2 {
		out = append(out, Prediction{
			Distance: lapkit.Mile, Time: secsDur(sum / float64(n) * MilePer400),
			Method: "mean 400 m rep x 4.0234", From: fmt.Sprintf("%d reps of 400 m", n),
		})
	}
	var best *Rep
	for i := range s.Reps {
		r := &s.Reps[i]
		if r.Distance <= 0 || !flat[i] {
			continue
		}
		if best == nil || r.Duration() > best.Duration() || r.Duration() == best.Duration() && r.AvgSpeed > best.AvgSpeed {
			best = r
		}
	}
	if best == nil {
		return out
	}
	d, t := best.Distance, best.Duration().Seconds()
	if best.Nominal > 0 {
		d = best.Nominal // GPS reads a 400 m rep as 380-430 m
	}
	from := fmt.Sprintf("rep %d.%d: %.0f m in %.1f s", best.Set, best.N, d, t)
	vdot := VDOT(d, t)
	for _, D := range PredictDistances {
		out = append(out, Prediction{Distance: D, Time: secsDur(t * math.Pow(D/d, RiegelExponent)),
			Method: "Riegel T2 = T1 (D2/D1)^1.06", From: from})
		if x := VDOTTime(vdot, D); x > 0 {
			out = append(out, Prediction{Distance: D, Time: secsDur(x),
				Method: fmt.Sprintf("Daniels VDOT %.1f", vdot), From: from})
		}
	}
	return out
}

// netGrade is the altitude gained from the start to the end of x over its
// distance (0.05 is 5 % uphill); NaN without altitude or distance. Each
// end's altitude is the mean of the samples within 5 s of it, so one noisy
// GPS altitude does not decide.
func netGrade(a *lapkit.Activity, x Span) float64 {
	at := func(t time.Time) float64 {
		i := sort.Search(len(a.Samples), func(i int) bool { return !a.Samples[i].Time.Before(t.Add(-5 * time.Second)) })
		sum, n := 0.0, 0
		for ; i < len(a.Samples) && !a.Samples[i].Time.After(t.Add(5*time.Second)); i++ {
			if v := a.Samples[i].Altitude; !math.IsNaN(v) {
				sum += v
				n++
			}
		}
		if n == 0 {
			return math.NaN()
		}
		return sum / float64(n)
	}
	if x.Distance <= 0 {
		return math.NaN()
	}
	return (at(x.End) - at(x.Start)) / x.Distance
}

func secsDur(s float64) time.Duration { return time.Duration(math.Round(s*1e3)) * time.Millisecond }

// VDOT returns Daniels and Gilbert's VDOT for a race of d metres in t
// seconds: VO2 = -4.60 + 0.182258 v + 0.000104 v² (v in m/min) over the
// fraction of VO2max held for t minutes, 0.8 + 0.1894393 e^(-0.012778 t) +
// 0.2989558 e^(-0.1932605 t). The tables are built on races of 1500 m to the
// marathon; from a rep of a minute it overestimates.
func VDOT(d, t float64) float64 {
	min := t / 60
	v := d / min
	vo2 := -4.60 + 0.182258*v + 0.000104*v*v
	pct := 0.8 + 0.1894393*math.Exp(-0.012778*min) + 0.2989558*math.Exp(-0.1932605*min)
	return vo2 / pct
}

// VDOTTime returns the time in seconds to run d metres at VDOT vdot,
// solving VDOT(d, t) = vdot by bisection; 0 when vdot is not positive.
func VDOTTime(vdot, d float64) float64 {
	if !(vdot > 0) {
		return 0
	}
	lo, hi := d/12, d/0.5 // 12 m/s to 0.5 m/s
	for range 100 {
		mid := (lo + hi) / 2
		if VDOT(d, mid) > vdot {
			lo = mid // too fast
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}
