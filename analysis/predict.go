package analysis

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/lapkit/lapkit"
)

// RiegelExponent is the fatigue exponent of Riegel's formula
// T2 = T1 (D2/D1)^1.06.
const RiegelExponent = 1.06

// PredictDistances are the race distances predicted, in metres.
var PredictDistances = []float64{lapkit.Mile, 5000, 10000}

// maxPredictGrade is the net climb over distance above which a rep says
// nothing about flat race times and is left out of the predictions: 3 %
// (a hill repeat climbs 5-8 %; a rolling road 400 m can gain 2 %).
const maxPredictGrade = 0.03

// maxRunSpeed is the median rep speed above which a session is not run on
// foot, whatever its sport tag says, and predicts no race: 8 m/s, a 3:21
// mile (a 4:00 miler's 200 m reps run at 7.4 m/s).
const maxRunSpeed = 8.0 // m/s

// MinPredictRep is the shortest mean rep, in metres, that race times are
// predicted from: 200 m reps are run at mile pace, shorter ones at no
// race's.
const MinPredictRep = 180.0

// predict returns one race time for each of PredictDistances, from the
// reps as a whole, never from one of them: the pace of the session's main
// reps (the flat reps of the standard distance most of them share, as that
// distance over their time; all the flat reps when they share none) is
// the pace of the race such reps are run at (paceRace: 400 m reps at mile
// pace, 1000 m reps at 5 km pace), and the other distances follow from
// that race by Riegel. So a session run at the paces a goal implies
// predicts that goal: 12 x 400 m at 65.4 s, a 4:23 mile; 5 x 1000 m at
// 3:45/km, 18:45 for 5 km. It needs two flat reps or more; reps that
// climb more than maxPredictGrade are left out, and a session whose reps
// run faster than maxRunSpeed (a ride without a sport tag) predicts
// nothing.
func predict(a *lapkit.Activity, s *Session) ([]Prediction, repBasis) {
	var speeds []float64
	for _, r := range s.Reps {
		speeds = append(speeds, r.AvgSpeed)
	}
	if len(speeds) == 0 || medianOf(speeds) > maxRunSpeed {
		return nil, repBasis{} // a ride, whatever the sport tag says
	}
	var flat []Rep
	count := map[float64]int{}
	for _, r := range s.Reps {
		g := netGrade(a, r.Span)
		if g > maxPredictGrade || g < -maxPredictGrade || r.Distance <= 0 || r.Duration() <= 0 {
			continue
		}
		flat = append(flat, r)
		count[r.Nominal]++
	}
	// The main length: the standard distance most reps share (the longer
	// on a tie); 0 when none is shared by two.
	main, most := 0.0, 1
	for d, n := range count {
		if d > 0 && (n > most || n == most && d > main) {
			main, most = d, n
		}
	}
	var dist, secs float64
	n := 0
	for _, r := range flat {
		if main > 0 && r.Nominal != main {
			continue
		}
		d := r.Distance
		if main > 0 {
			d = main // GPS reads a 400 m rep as 380-430 m
		}
		dist += d
		secs += r.Duration().Seconds()
		n++
	}
	if n < 2 || secs <= 0 {
		return nil, repBasis{}
	}
	pace := secs / dist // s per metre
	repLen := dist / float64(n)
	if repLen < MinPredictRep {
		return nil, repBasis{} // sprints and pickups: no race is run at their pace
	}
	race := paceRace(repLen, time.Duration(secs/float64(n)*float64(time.Second)), main == 0)
	t := pace * race
	what := fmt.Sprintf("%d reps of %.0f m", n, repLen)
	if main == 0 {
		what = fmt.Sprintf("%d reps, %.0f m in %.0f s on average", n, repLen, secs/float64(n))
	}
	from := fmt.Sprintf("%s at %s/km, run at %s pace", what, lapkit.FormatSeconds(time.Duration(math.Round(pace*1000))*time.Second), raceName(race))
	var out []Prediction
	for _, D := range PredictDistances {
		p := Prediction{Distance: D, Time: secsDur(t * math.Pow(D/race, RiegelExponent)),
			Method: "Riegel T2 = T1 (D2/D1)^1.06", From: "the " + raceName(race) + " predicted"}
		if D == race {
			p.Time, p.Method, p.From = secsDur(t), "the reps' pace", from
		}
		out = append(out, p)
	}
	return out, repBasis{length: repLen, mean: secs / float64(n)}
}

// repBasis is what predict stood on: the main reps' mean length, metres,
// and mean time, seconds; zero when it predicted nothing.
type repBasis struct{ length, mean float64 }

// paceRace returns the race distance, in metres, whose pace reps of about
// length metres (or, when timed, lasting dur) are run at: up to 600 m, the
// mile; up to 1200 m (or 8 min), 5 km; longer, 10 km.
func paceRace(length float64, dur time.Duration, timed bool) float64 {
	switch {
	case timed && dur <= 8*time.Minute, !timed && length > 600 && length <= 1200:
		return 5000
	case !timed && length <= 600:
		return lapkit.Mile
	}
	return 10000
}

func raceName(d float64) string {
	switch d {
	case lapkit.Mile:
		return "mile"
	case 5000:
		return "5 km"
	}
	return fmt.Sprintf("%.0f km", d/1000)
}

// netGrade is the altitude gained from the start to the end of x over its
// distance (0.05 is 5 % uphill); NaN without altitude or distance. Each
// end's altitude is the mean of the samples within 5 s of it, so one noisy
// GPS altitude does not decide.
func netGrade(a *lapkit.Activity, x Span) float64 {
	at := func(t time.Time) float64 {
		from, to := lapkit.At(t.Add(-5*time.Second)), lapkit.At(t.Add(5*time.Second))
		i := sort.Search(len(a.Samples), func(i int) bool { return a.Samples[i].Time >= from })
		sum, n := 0.0, 0
		for ; i < len(a.Samples) && a.Samples[i].Time <= to; i++ {
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

// perKm formats a speed v, in m/s, as a pace per km the way a watch shows
// it ("3:11.0/km"); "standing" when v is not over 0, which has no pace.
func perKm(v float64) string {
	if !(v > 0) {
		return "standing"
	}
	return lapkit.FormatClock(secsDur(1000/v)) + "/km"
}

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

// A Prediction is a race time predicted from the session.
type Prediction struct {
	Distance float64 // metres
	Time     time.Duration
	Method   string
	From     string // the effort it stands on
}
