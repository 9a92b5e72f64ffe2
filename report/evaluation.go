package report

import (
	"time"

	"github.com/lapkit/lapkit/analysis"
)

// Plan is the plan echoed back in a report.
type Plan struct {
	Spec string `json:"spec"`
	Sets []Set  `json:"sets"`
	// Notes: how the run differs from the plan (Evaluation.Notes);
	// TypedNotes are the same with their kinds ("plan_differs",
	// "goals_missing", "workout").
	Notes      []string `json:"notes"`
	TypedNotes []Note   `json:"typed_notes"`
}

// Set is one planned set.
type Set struct {
	Reps          int    `json:"reps"`
	DistanceM     Float  `json:"distance_m"`
	DurationS     Float  `json:"duration_s"`
	Target        string `json:"target"`
	RestS         Float  `json:"rest_s"`
	RestDistanceM Float  `json:"rest_distance_m"`
	SetRestS      Float  `json:"set_rest_s"`
}

// Fade is the fade section of a report. Rep times are seconds, or
// with OnPace the pace in s/km (the reps are not all of one standard
// distance).
type Fade struct {
	OnPace     bool      `json:"on_pace"`
	Sets       []SetFade `json:"sets"`
	AcrossSets Across    `json:"across_sets"`
	HalfSplitS []Float   `json:"half_split_s"`
	HeartRate  HeartRate `json:"heart_rate"`
}

// SetFade is the fade within one set.
type SetFade struct {
	Set          int    `json:"set"`
	Reps         int    `json:"reps"`
	FirstS       Float  `json:"first_s"`
	LastS        Float  `json:"last_s"`
	ChangeS      Float  `json:"change_s"`
	ChangePct    Float  `json:"change_pct"`
	SlopeSPerRep Float  `json:"slope_s_per_rep"`
	OnsetRep     Float  `json:"onset_rep"`
	OnTarget     int    `json:"on_target"`
	MeanAbsDelta Float  `json:"mean_abs_delta_s"`
	Reason       string `json:"reason,omitempty"`
	Like         string `json:"like,omitempty"` // SetFade.Like
}

// Across is the fade across sets.
type Across struct {
	Sets         int    `json:"sets"`
	SlopeSPerSet Float  `json:"slope_s_per_set"`
	ChangePct    Float  `json:"change_pct"`
	Reason       string `json:"reason,omitempty"`
}

// HeartRate is the heart-rate side of the fade.
type HeartRate struct {
	PeakBPM          []Float `json:"peak_bpm"`
	PeakDriftPerRep  Float   `json:"peak_drift_bpm_per_rep"`
	Drop60sBPM       []Float `json:"drop_60s_bpm"`
	DropTrendPerRest Float   `json:"drop_trend_bpm_per_rest"`
	Reason           string  `json:"reason,omitempty"`
}

// Prediction is one predicted race time.
type Prediction struct {
	DistanceM float64 `json:"distance_m"`
	TimeS     float64 `json:"time_s"`
	Method    string  `json:"method"`
	From      string  `json:"from"`
}

// A Goal sets the session against a race goal (-goal): the goal's
// pace over the main reps' length against what they averaged, and what the
// session predicts for the goal's distance. Times are seconds.
type Goal struct {
	Goal       string  `json:"goal"`
	TimeS      float64 `json:"time_s"`
	RepM       float64 `json:"rep_m"`
	GoalRepS   float64 `json:"goal_rep_s"`
	MeanRepS   float64 `json:"mean_rep_s"`
	DeltaS     float64 `json:"delta_s"` // positive: the reps were slower than the goal's pace
	PredictedS float64 `json:"predicted_s"`
}

// fig is a figure rounded to n decimals, null when it does not stand.
func fig(f analysis.Figure, n int) Float {
	if !f.Valid() {
		return none
	}
	return Round(f.Value, n)
}

// durS is d in seconds, absent when not positive.
func durS(d time.Duration) Float { return positive(secs(d)) }

// addEvaluation puts the plan, each rep against its target, the fade and
// the predictions into the report.
func (r *Report) addEvaluation(ev *analysis.Evaluation) {
	p := ev.Plan
	if p != nil {
		pr := &Plan{Spec: p.Spec, Sets: []Set{}, Notes: []string{}, TypedNotes: []Note{}}
		if len(ev.Notes) > 0 {
			pr.Notes, pr.TypedNotes = notesOf(ev.Notes)
		}
		if pr.Spec == "" {
			pr.Spec = p.String()
		}
		for _, s := range p.Sets {
			target := s.TargetText()
			pr.Sets = append(pr.Sets, Set{Reps: s.Reps, DistanceM: positive(s.Distance), DurationS: durS(s.Duration),
				Target: target, RestS: durS(s.Rest), RestDistanceM: positive(s.RestDistance), SetRestS: durS(s.SetRest)})
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
		iv.TargetS = Float(secs(rs.Target))
		iv.DeltaS = Float(secs(rs.Delta))
		iv.DeltaPct = Float(r2(rs.DeltaPct))
		on := rs.OnTarget
		iv.OnTarget = &on
		iv.Band, iv.ByPace = rs.Band, rs.ByPace
	}
	for i := range r.Rests {
		if i < len(ev.Rests) && ev.Rests[i].Planned > 0 {
			r.Rests[i].PlannedS = Float(secs(ev.Rests[i].Planned))
			r.Rests[i].DeltaS = Float(secs(ev.Rests[i].Delta))
		}
	}
	f := &Fade{OnPace: ev.Fade.OnPace, Sets: []SetFade{}, HalfSplitS: []Float{}}
	for _, s := range ev.Fade.Sets {
		sr := SetFade{Set: s.Set, Reps: s.Reps, FirstS: fig(s.First, 3), LastS: fig(s.Last, 3), ChangeS: fig(s.Change, 3),
			ChangePct: fig(s.ChangePct, 2), SlopeSPerRep: fig(s.Slope, 3), OnsetRep: fig(s.Onset, 0), OnTarget: s.OnTarget,
			MeanAbsDelta: fig(s.MeanAbs, 3), Like: s.Like}
		if !s.Slope.Valid() {
			sr.Reason = s.Slope.Reason
		} else if !s.Onset.Valid() {
			sr.Reason = "onset: " + s.Onset.Reason
		}
		f.Sets = append(f.Sets, sr)
	}
	f.AcrossSets = Across{Sets: ev.Fade.AcrossSlope.N, SlopeSPerSet: fig(ev.Fade.AcrossSlope, 3),
		ChangePct: fig(ev.Fade.AcrossChangePct, 2), Reason: ev.Fade.AcrossSlope.Reason}
	for _, h := range ev.Fade.HalfSplit {
		f.HalfSplitS = append(f.HalfSplitS, fig(h, 3))
	}
	hr := HeartRate{PeakBPM: []Float{}, Drop60sBPM: []Float{}, PeakDriftPerRep: fig(ev.Fade.PeakHRDrift, 3),
		DropTrendPerRest: fig(ev.Fade.HRDropTrend, 3), Reason: ev.Fade.PeakHRDrift.Reason}
	for _, p := range ev.Fade.PeakHR {
		hr.PeakBPM = append(hr.PeakBPM, fig(p, 0))
	}
	for _, d := range ev.Fade.HRDrop {
		hr.Drop60sBPM = append(hr.Drop60sBPM, fig(d, 1))
	}
	f.HeartRate = hr
	r.Fade = f
	r.Prediction = []Prediction{}
	for _, p := range ev.Predictions {
		r.Prediction = append(r.Prediction, Prediction{DistanceM: p.Distance, TimeS: secs(p.Time), Method: p.Method, From: p.From})
	}
	r.Goals = []Goal{}
	for _, g := range ev.Goals {
		r.Goals = append(r.Goals, Goal{Goal: g.Goal, TimeS: secs(g.Time), RepM: r2(g.RepLength), GoalRepS: secs(g.GoalRep),
			MeanRepS: secs(g.MeanRep), DeltaS: secs(g.MeanRep - g.GoalRep), PredictedS: secs(g.Predicted)})
	}
	r.OnTarget, r.Scored = ev.OnTarget, ev.Scored
}
