package report

import (
	"math"

	"github.com/lapkit/lapkit/splits"
)

// A Split is the JSON form of a splits.Split: times in seconds from the
// activity's first sample (millisecond precision), distances in metres
// (centimetres), null for what is absent.
type Split struct {
	N            int     `json:"n"`
	DistanceM    float64 `json:"distance_m"`
	StartS       float64 `json:"start_s"`
	EndS         float64 `json:"end_s"`
	DurationS    float64 `json:"duration_s"`
	MovingS      float64 `json:"moving_s"`
	PaceSPerKm   Float   `json:"pace_s_per_km"`
	PaceSPerMile Float   `json:"pace_s_per_mile"`
	Partial      bool    `json:"partial"`
	AvgHR        Float   `json:"avg_hr"`
	MaxHR        Float   `json:"max_hr"`
	AvgCadence   Float   `json:"avg_cadence"`
	AscentM      Float   `json:"ascent_m"`
	DescentM     Float   `json:"descent_m"`
}

// Splits returns the JSON form of each split; never nil.
func Splits(sp []splits.Split) []Split {
	out := make([]Split, 0, len(sp))
	for _, s := range sp {
		j := Split{
			N: s.N, DistanceM: r2(s.Distance), Partial: s.Partial,
			StartS: secs(s.StartOffset), EndS: secs(s.EndOffset),
			DurationS: secs(s.Elapsed), MovingS: secs(s.Moving),
			AvgHR: Round(s.AvgHeartRate, 1), MaxHR: Float(s.MaxHeartRate), AvgCadence: Round(s.AvgCadence, 1),
			AscentM: Round(s.Ascent, 1), DescentM: Round(s.Descent, 1),
			PaceSPerKm: Float(math.NaN()), PaceSPerMile: Float(math.NaN()),
		}
		if s.Distance > 0 {
			j.PaceSPerKm = Round(s.Pace().Seconds(), 3)
			j.PaceSPerMile = Round(s.PacePerMile().Seconds(), 3)
		}
		out = append(out, j)
	}
	return out
}

// Pacing is the JSON form of a splits.Pacing, in seconds.
type Pacing struct {
	Kind       string  `json:"kind"` // "unknown", "even", "negative" or "positive"
	Splits     int     `json:"splits"`
	FirstHalfS float64 `json:"first_half_pace_s_per_km"`
	SecondHalf float64 `json:"second_half_pace_s_per_km"`
	ChangePct  float64 `json:"change_pct"`
	SlopeS     float64 `json:"slope_s_per_km_per_split"`
}

// PacingOf returns the JSON form of p.
func PacingOf(p splits.Pacing) Pacing {
	return Pacing{p.Kind.String(), p.Splits, r3(p.FirstHalf.Seconds()), r3(p.SecondHalf.Seconds()),
		r2(100 * p.Change), r3(p.Slope)}
}

// An Effort is the JSON form of a splits.Effort, times in seconds from the
// activity's first sample.
type Effort struct {
	DistanceM float64 `json:"distance_m"`
	StartS    float64 `json:"start_s"`
	DurationS float64 `json:"duration_s"`
	StartAtM  float64 `json:"start_at_m"`
	PaceSKm   Float   `json:"pace_s_per_km"` // null for an effort of no distance
}

// Efforts returns the JSON form of each effort; never nil.
func Efforts(es []splits.Effort) []Effort {
	out := make([]Effort, 0, len(es))
	for _, e := range es {
		out = append(out, Effort{r3(e.Distance), secs(e.StartOffset), secs(e.Elapsed), r2(e.StartAt),
			Round(e.Elapsed.Seconds()*1000/e.Distance, 3)})
	}
	return out
}
