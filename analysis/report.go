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
// is NaN (absent values are null). docs/examples.md documents every field.
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
	Guess      bool       `json:"guess"` // the reps are a guess (confidence under GuessConfidence): no fade, no prediction
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

	// Filled by AddEvaluation.
	Plan       *PlanReport        `json:"plan"`
	Scored     int                `json:"reps_with_target"`
	OnTarget   int                `json:"reps_on_target"`
	Fade       *FadeReport        `json:"fade"`
	Prediction []PredictionReport `json:"prediction"`
	Goals      []GoalReport       `json:"goals"`
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
	// Unplanned marks, with a plan, a rep the plan has no rep for
	// (Rep.Unplanned, or left unmatched by Evaluate): kept, not scored.
	Unplanned bool `json:"unplanned,omitempty"`
	// EffortStartS and EffortEndS are, for a rep from a manual lap
	// pressed more than 1 s from the effort's own edges, where the effort
	// began and ended (Rep.Effort); null otherwise. Notes say how far off
	// the presses were.
	EffortStartS lapkit.Opt `json:"effort_start_s"`
	EffortEndS   lapkit.Opt `json:"effort_end_s"`
	Notes        []string   `json:"notes,omitempty"`

	TargetS  lapkit.Opt `json:"target_s"`
	DeltaS   lapkit.Opt `json:"delta_s"`
	DeltaPct lapkit.Opt `json:"delta_pct"`
	OnTarget *bool      `json:"on_target"`
	Band     string     `json:"band,omitempty"`

	Quality []string `json:"quality,omitempty"` // Rep.Quality
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

	PlannedS lapkit.Opt `json:"planned_s"`
	DeltaS   lapkit.Opt `json:"delta_s"`
}

func r3(v float64) float64 { return math.Round(v*1000) / 1000 }
func r2(v float64) float64 { return math.Round(v*100) / 100 }

func secs(d time.Duration) float64 { return r3(d.Seconds()) }

func spanReport(s Span) SpanReport {
	return SpanReport{secs(s.StartOffset), secs(s.EndOffset), secs(s.Duration()), r2(s.Distance)}
}

// NewReport builds the report of activity a, its session s, and its
// splits of splitM metres (quarter miles in the examples). A nil activity
// or session reports as an empty one.
func NewReport(a *lapkit.Activity, s *Session, sp []splits.Split, splitM float64) Report {
	if a == nil {
		a = &lapkit.Activity{}
	}
	if s == nil {
		s = &Session{}
	}
	r := Report{
		Schema: Schema, Format: a.Format, Sport: a.Sport, Start: a.Start.Format(time.RFC3339Nano),
		DurationS: secs(a.Duration()), MovingS: secs(a.MovingTime()), DistanceM: lapkit.Some(r2(a.Distance())),
		Source: s.Source, Confidence: s.Confidence, Guess: len(s.Reps) > 0 && s.Confidence < GuessConfidence, Sets: s.Sets,
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
			Source: x.Source, Confidence: x.Confidence, Quality: x.Quality,
		}
		if x.Nominal > 0 {
			rr.NominalM = lapkit.Some(x.Nominal)
		}
		if x.Effort != nil {
			rr.EffortStartS, rr.EffortEndS = lapkit.Some(secs(x.Effort.StartOffset)), lapkit.Some(secs(x.Effort.EndOffset))
			rr.Notes = x.Notes
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

// PlanReport is the plan echoed back in a report.
type PlanReport struct {
	Spec string          `json:"spec"`
	Sets []PlanSetReport `json:"sets"`
	// Notes: how the run differs from the plan (Evaluation.Notes).
	Notes []string `json:"notes"`
}

// PlanSetReport is one planned set.
type PlanSetReport struct {
	Reps          int        `json:"reps"`
	DistanceM     lapkit.Opt `json:"distance_m"`
	DurationS     lapkit.Opt `json:"duration_s"`
	Target        string     `json:"target"`
	RestS         lapkit.Opt `json:"rest_s"`
	RestDistanceM lapkit.Opt `json:"rest_distance_m"`
	SetRestS      lapkit.Opt `json:"set_rest_s"`
}

// FadeReport is the fade section of a report. Rep times are seconds, or
// with OnPace the pace in s/km (the reps are not all of one standard
// distance).
type FadeReport struct {
	OnPace     bool            `json:"on_pace"`
	Sets       []SetFadeReport `json:"sets"`
	AcrossSets AcrossReport    `json:"across_sets"`
	HalfSplitS []lapkit.Opt    `json:"half_split_s"`
	HeartRate  HRReport        `json:"heart_rate"`
}

// SetFadeReport is the fade within one set.
type SetFadeReport struct {
	Set          int        `json:"set"`
	Reps         int        `json:"reps"`
	FirstS       lapkit.Opt `json:"first_s"`
	LastS        lapkit.Opt `json:"last_s"`
	ChangeS      lapkit.Opt `json:"change_s"`
	ChangePct    lapkit.Opt `json:"change_pct"`
	SlopeSPerRep lapkit.Opt `json:"slope_s_per_rep"`
	OnsetRep     lapkit.Opt `json:"onset_rep"`
	OnTarget     int        `json:"on_target"`
	MeanAbsDelta lapkit.Opt `json:"mean_abs_delta_s"`
	Reason       string     `json:"reason,omitempty"`
	Like         string     `json:"like,omitempty"` // SetFade.Like
}

// AcrossReport is the fade across sets.
type AcrossReport struct {
	Sets         int        `json:"sets"`
	SlopeSPerSet lapkit.Opt `json:"slope_s_per_set"`
	ChangePct    lapkit.Opt `json:"change_pct"`
	Reason       string     `json:"reason,omitempty"`
}

// HRReport is the heart-rate side of the fade.
type HRReport struct {
	PeakBPM          []lapkit.Opt `json:"peak_bpm"`
	PeakDriftPerRep  lapkit.Opt   `json:"peak_drift_bpm_per_rep"`
	Drop60sBPM       []lapkit.Opt `json:"drop_60s_bpm"`
	DropTrendPerRest lapkit.Opt   `json:"drop_trend_bpm_per_rest"`
	Reason           string       `json:"reason,omitempty"`
}

// PredictionReport is one predicted race time.
type PredictionReport struct {
	DistanceM float64 `json:"distance_m"`
	TimeS     float64 `json:"time_s"`
	Method    string  `json:"method"`
	From      string  `json:"from"`
}

// A GoalReport sets the session against a race goal (-goal): the goal's
// pace over the main reps' length against what they averaged, and what the
// session predicts for the goal's distance. Times are seconds.
type GoalReport struct {
	Goal       string  `json:"goal"`
	TimeS      float64 `json:"time_s"`
	RepM       float64 `json:"rep_m"`
	GoalRepS   float64 `json:"goal_rep_s"`
	MeanRepS   float64 `json:"mean_rep_s"`
	DeltaS     float64 `json:"delta_s"` // positive: the reps were slower than the goal's pace
	PredictedS float64 `json:"predicted_s"`
}

func fig(f Figure, n int) lapkit.Opt {
	if !f.Valid {
		return lapkit.Opt{}
	}
	p := math.Pow(10, float64(n))
	return lapkit.Some(math.Round(f.Value*p) / p)
}

func durOpt(d time.Duration) lapkit.Opt {
	if d <= 0 {
		return lapkit.Opt{}
	}
	return lapkit.Some(secs(d))
}

func distOpt(m float64) lapkit.Opt {
	if m <= 0 {
		return lapkit.Opt{}
	}
	return lapkit.Some(m)
}

// AddEvaluation puts the plan, each rep against its target, the fade and
// the predictions into the report.
func (r *Report) AddEvaluation(p *Plan, ev *Evaluation) {
	if r == nil {
		return
	}
	if ev == nil {
		ev = &Evaluation{}
	}
	if p == nil {
		p = ev.Plan
	}
	if p != nil {
		pr := &PlanReport{Spec: p.Spec, Sets: []PlanSetReport{}, Notes: append([]string{}, ev.Notes...)}
		if pr.Spec == "" {
			pr.Spec = p.String()
		}
		for _, s := range p.Sets {
			t := s
			t.Rest, t.RestDistance = 0, 0
			target := ""
			if i := indexByte(t.String(), '@'); i >= 0 {
				target = t.String()[i+1:]
			}
			pr.Sets = append(pr.Sets, PlanSetReport{Reps: s.Reps, DistanceM: distOpt(s.Distance), DurationS: durOpt(s.Duration),
				Target: target, RestS: durOpt(s.Rest), RestDistanceM: distOpt(s.RestDistance), SetRestS: durOpt(s.SetRest)})
		}
		r.Plan = pr
	}
	for i := range r.Intervals {
		if i >= len(ev.Reps) {
			break
		}
		rs := ev.Reps[i]
		iv := &r.Intervals[i]
		iv.Unplanned = p != nil && !rs.Planned
		if rs.Band == "" {
			continue
		}
		iv.TargetS = lapkit.Some(secs(rs.Target))
		iv.DeltaS = lapkit.Some(secs(rs.Delta))
		iv.DeltaPct = lapkit.Some(r2(rs.DeltaPct))
		on := rs.OnTarget
		iv.OnTarget = &on
		iv.Band = rs.Band
	}
	for i := range r.Rests {
		if i < len(ev.Rests) && ev.Rests[i].Planned > 0 {
			r.Rests[i].PlannedS = lapkit.Some(secs(ev.Rests[i].Planned))
			r.Rests[i].DeltaS = lapkit.Some(secs(ev.Rests[i].Delta))
		}
	}
	f := &FadeReport{OnPace: ev.Fade.OnPace, Sets: []SetFadeReport{}, HalfSplitS: []lapkit.Opt{}}
	for _, s := range ev.Fade.Sets {
		sr := SetFadeReport{Set: s.Set, Reps: s.Reps, FirstS: fig(s.First, 3), LastS: fig(s.Last, 3), ChangeS: fig(s.Change, 3),
			ChangePct: fig(s.ChangePct, 2), SlopeSPerRep: fig(s.Slope, 3), OnsetRep: fig(s.Onset, 0), OnTarget: s.OnTarget,
			MeanAbsDelta: fig(s.MeanAbs, 3), Like: s.Like}
		if !s.Slope.Valid {
			sr.Reason = s.Slope.Reason
		} else if !s.Onset.Valid {
			sr.Reason = "onset: " + s.Onset.Reason
		}
		f.Sets = append(f.Sets, sr)
	}
	f.AcrossSets = AcrossReport{Sets: ev.Fade.AcrossSlope.N, SlopeSPerSet: fig(ev.Fade.AcrossSlope, 3),
		ChangePct: fig(ev.Fade.AcrossChangePct, 2), Reason: ev.Fade.AcrossSlope.Reason}
	for _, h := range ev.Fade.HalfSplit {
		f.HalfSplitS = append(f.HalfSplitS, fig(h, 3))
	}
	hr := HRReport{PeakBPM: []lapkit.Opt{}, Drop60sBPM: []lapkit.Opt{}, PeakDriftPerRep: fig(ev.Fade.PeakHRDrift, 3),
		DropTrendPerRest: fig(ev.Fade.HRDropTrend, 3), Reason: ev.Fade.PeakHRDrift.Reason}
	for _, p := range ev.Fade.PeakHR {
		hr.PeakBPM = append(hr.PeakBPM, fig(p, 0))
	}
	for _, d := range ev.Fade.HRDrop {
		hr.Drop60sBPM = append(hr.Drop60sBPM, fig(d, 1))
	}
	f.HeartRate = hr
	r.Fade = f
	r.Prediction = []PredictionReport{}
	for _, p := range ev.Predictions {
		r.Prediction = append(r.Prediction, PredictionReport{DistanceM: p.Distance, TimeS: secs(p.Time), Method: p.Method, From: p.From})
	}
	r.Goals = []GoalReport{}
	for _, g := range ev.Goals {
		r.Goals = append(r.Goals, GoalReport{Goal: g.Goal, TimeS: secs(g.Time), RepM: r2(g.RepLength), GoalRepS: secs(g.GoalRep),
			MeanRepS: secs(g.MeanRep), DeltaS: secs(g.MeanRep - g.GoalRep), PredictedS: secs(g.Predicted)})
	}
	r.OnTarget, r.Scored = ev.OnTarget, ev.Scored
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}
