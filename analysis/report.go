package analysis

import (
	"math"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/splits"
)

// Schema names the version of the JSON report; it changes only when a
// field changes meaning or goes away (new fields may be added).
const Schema = "lapkit.report/v1"

// A Report is the JSON report of one analysed activity, the form other
// tools embed. Times are seconds from the activity's first sample; nothing
// is NaN (absent values are null). README.md documents every field.
type Report struct {
	Schema     string     `json:"schema"`
	File       string     `json:"file,omitempty"`
	Error      string     `json:"error,omitempty"`
	Format     string     `json:"format"`
	Sport      string     `json:"sport"`
	Start      string     `json:"start"`
	DurationS  float64    `json:"duration_s"`
	MovingS    float64    `json:"moving_s"`
	DistanceM  lapkit.Opt `json:"distance_m"`
	Source     Source     `json:"source"`
	Confidence float64    `json:"confidence"`
	Sets       int        `json:"sets"`

	WarmUp    *SpanReport    `json:"warmup"`
	CoolDown  *SpanReport    `json:"cooldown"`
	Strides   []SpanReport   `json:"strides"`
	Intervals []RepReport    `json:"intervals"`
	Rests     []RestReport   `json:"rests"`
	Splits    []splits.Split `json:"splits"`
	SplitM    float64        `json:"split_m"`
	Pacing    splits.Pacing  `json:"pacing"`
	Notes     []string       `json:"notes"`
}

// A SpanReport is a warm-up, cool-down or stride.
type SpanReport struct {
	StartS    float64 `json:"start_s"`
	EndS      float64 `json:"end_s"`
	DurationS float64 `json:"duration_s"`
	DistanceM float64 `json:"distance_m"`
}

// A RepReport is one rep.
type RepReport struct {
	Set        int        `json:"set"`
	Rep        int        `json:"rep"`
	StartS     float64    `json:"start_s"`
	EndS       float64    `json:"end_s"`
	DurationS  float64    `json:"duration_s"`
	MovingS    float64    `json:"moving_s"`
	DistanceM  float64    `json:"distance_m"`
	NominalM   lapkit.Opt `json:"nominal_m"`
	PaceSPerKm lapkit.Opt `json:"pace_s_per_km"`
	AvgSpeedMS float64    `json:"avg_speed_m_s"`
	MaxSpeedMS float64    `json:"max_speed_m_s"`
	AvgHR      lapkit.Opt `json:"avg_hr"`
	MaxHR      lapkit.Opt `json:"max_hr"`
	AvgCadence lapkit.Opt `json:"avg_cadence"`
	Source     Source     `json:"source"`
	Confidence float64    `json:"confidence"`
}

// A RestReport is the rest after a rep.
type RestReport struct {
	AfterSet   int      `json:"after_set"`
	AfterRep   int      `json:"after_rep"`
	Kind       RestKind `json:"kind"`
	Standing   bool     `json:"standing"`
	StartS     float64  `json:"start_s"`
	EndS       float64  `json:"end_s"`
	DurationS  float64  `json:"duration_s"`
	DistanceM  float64  `json:"distance_m"`
	AvgSpeedMS float64  `json:"avg_speed_m_s"`
}

func r3(v float64) float64 { return math.Round(v*1000) / 1000 }
func r2(v float64) float64 { return math.Round(v*100) / 100 }

func secs(d time.Duration) float64 { return r3(d.Seconds()) }

func spanReport(s Span) SpanReport {
	return SpanReport{secs(s.StartOffset), secs(s.EndOffset), secs(s.Duration()), r2(s.Distance)}
}

// NewReport builds the report of activity a, its session s, and its
// splits of splitM metres (quarter miles in the examples).
func NewReport(a *lapkit.Activity, s *Session, sp []splits.Split, splitM float64) Report {
	r := Report{
		Schema: Schema, Format: a.Format, Sport: a.Sport, Start: a.Start.Format(time.RFC3339Nano),
		DurationS: secs(a.Duration()), MovingS: secs(a.MovingTime()), DistanceM: lapkit.Some(r2(a.Distance())),
		Source: s.Source, Confidence: s.Confidence, Sets: s.Sets,
		Strides: []SpanReport{}, Intervals: []RepReport{}, Rests: []RestReport{},
		Splits: sp, SplitM: splitM, Pacing: splits.Verdict(sp), Notes: append([]string{}, s.Notes...),
	}
	if r.Splits == nil {
		r.Splits = []splits.Split{}
	}
	for _, n := range a.Notes {
		r.Notes = append(r.Notes, n.Text)
	}
	if s.WarmUp != nil {
		w := spanReport(*s.WarmUp)
		r.WarmUp = &w
	}
	if s.CoolDown != nil {
		c := spanReport(*s.CoolDown)
		r.CoolDown = &c
	}
	for _, x := range s.Strides {
		r.Strides = append(r.Strides, spanReport(x))
	}
	for _, x := range s.Reps {
		rr := RepReport{
			Set: x.Set, Rep: x.N, StartS: secs(x.StartOffset), EndS: secs(x.EndOffset), DurationS: secs(x.Duration()),
			MovingS: secs(x.Moving), DistanceM: r2(x.Distance), AvgSpeedMS: r3(x.AvgSpeed), MaxSpeedMS: r3(x.MaxSpeed),
			AvgHR: opt1(x.AvgHeartRate), MaxHR: x.MaxHeartRate, AvgCadence: opt1(x.AvgCadence),
			Source: x.Source, Confidence: x.Confidence,
		}
		if x.Nominal > 0 {
			rr.NominalM = lapkit.Some(x.Nominal)
		}
		if x.Distance > 0 {
			rr.PaceSPerKm = lapkit.Some(r3(x.Moving.Seconds() * 1000 / x.Distance))
		}
		r.Intervals = append(r.Intervals, rr)
	}
	for _, x := range s.Rests {
		r.Rests = append(r.Rests, RestReport{
			AfterSet: x.AfterSet, AfterRep: x.AfterRep, Kind: x.Kind, Standing: x.Standing,
			StartS: secs(x.StartOffset), EndS: secs(x.EndOffset), DurationS: secs(x.Duration()),
			DistanceM: r2(x.Distance), AvgSpeedMS: r3(x.AvgSpeed),
		})
	}
	return r
}

func opt1(o lapkit.Opt) lapkit.Opt {
	if o.Valid {
		o.Value = math.Round(o.Value*10) / 10
	}
	return o
}
