// Package report builds the JSON report of one analysed activity, the
// form other tools embed, and owns its versioned schema: the splits, reps,
// rests, plan, fade, predictions and goals, in seconds and metres, with
// null for what is absent. docs/examples.md documents every field.
//
// New is the one call: it takes the plan given or the file's own workout,
// detects the reps, scores them and computes the splits.
package report

import (
	"math"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/splits"
)

// Schema names the version of the JSON report; it changes only when a
// field changes meaning or goes away (new fields may be added).
const Schema = "lapkit.report/v1"

// A Report is the JSON report of one analysed activity. Times are seconds
// from the activity's first sample; nothing is NaN (absent values are
// null).
type Report struct {
	Schema     string          `json:"schema"`
	File       string          `json:"file,omitempty"`
	Error      string          `json:"error,omitempty"`
	Format     lapkit.Format   `json:"format"`
	Sport      lapkit.Sport    `json:"sport"`
	Start      *string         `json:"start"` // RFC 3339 UTC; null for an activity without samples
	DurationS  float64         `json:"duration_s"`
	MovingS    float64         `json:"moving_s"`
	DistanceM  Float           `json:"distance_m"`
	Source     analysis.Source `json:"source"`
	Confidence float64         `json:"confidence"`
	Guess      bool            `json:"guess"` // the reps are a guess (confidence under analysis.GuessConfidence): no fade, no prediction
	Sets       int             `json:"sets"`

	WarmUp    *Span   `json:"warmup"`
	CoolDown  *Span   `json:"cooldown"`
	Strides   []Span  `json:"strides"`
	Intervals []Rep   `json:"intervals"`
	Rests     []Rest  `json:"rests"`
	Splits    []Split `json:"splits"`
	SplitM    float64 `json:"split_m"`
	Pacing    Pacing  `json:"pacing"`
	// Notes: what the decoder repaired, why detection found no reps, a
	// workout that gives no plan, a split length that does not fit.
	Notes []string `json:"notes"`
	// TypedNotes are Notes, in the same order, each with its kind, so that
	// a program can tell them apart without matching text. Added to v1.
	TypedNotes []Note `json:"typed_notes"`

	// From the evaluation; Plan is null without a plan.
	Plan       *Plan        `json:"plan"`
	Scored     int          `json:"reps_with_target"`
	OnTarget   int          `json:"reps_on_target"`
	Fade       *Fade        `json:"fade"`
	Prediction []Prediction `json:"prediction"`
	Goals      []Goal       `json:"goals"`
}

// Options tune New. The zero value takes the file's own workout as the
// plan, no goals, quarter-mile splits and analysis.DefaultTolerance.
type Options struct {
	// Plan is the plan to detect and score with; nil takes the workout
	// the file carries (plan.For), if any.
	Plan *plan.Plan
	// Goals are the race goals of the plan's goal targets and of the
	// report's goal comparison.
	Goals plan.Goals
	// SplitLength is the length of the splits in metres; 0 means
	// lapkit.QuarterMile, a negative value no splits.
	SplitLength float64
	// Tolerance is the fraction of a target a rep may miss by and be on
	// target; 0 means analysis.DefaultTolerance.
	Tolerance float64
	// Detector tunes detection (strides, contrast). Its Plan stands in
	// for Plan when Plan is nil (a plan is never dropped); when both are
	// set, Plan is used and a note says so.
	Detector analysis.Detector
}

// New analyses a in one pass: the plan (o.Plan, else the file's workout),
// the reps and their structure, their scores against the plan, the fade,
// the predictions and the splits. What could not be done (no distance, a
// workout that gives no plan, too many splits) is a note, never a missing
// report. A nil activity reports as an empty one.
func New(a *lapkit.Activity, o Options) *Report {
	if a == nil {
		a = &lapkit.Activity{}
	}
	given := o.Plan
	var twice string
	switch {
	case given == nil:
		given = o.Detector.Plan
	case o.Detector.Plan != nil && o.Detector.Plan != given:
		twice = "Options.Plan and Options.Detector.Plan were both set: Options.Plan was used"
	}
	p, perr := plan.For(a, given)
	d := o.Detector
	d.Plan = p
	s, derr := d.Detect(a)
	e := analysis.Evaluator{Tolerance: o.Tolerance, Goals: o.Goals}
	ev := e.Evaluate(a, s)
	// An activity that breaks the model's rules was repaired once, in a
	// copy, with a note: every figure below reads the same copy.
	a = s.ActivityFor(a)
	r := fromSession(a, s, ev)
	if derr != nil {
		r.note(NoteError, derr.Error())
	}
	length := o.SplitLength
	if length == 0 {
		length = lapkit.QuarterMile
	}
	if !(length < 0) { // NaN or too short: splits.ByDistance says so in a note
		var sp []splits.Split
		var err error
		if len(a.Samples) >= 2 {
			sp, err = (&splits.Splitter{}).InRange(a, a.Samples[0].Time, a.End(), length) // ByDistance on a repaired already
		} else {
			sp, err = splits.ByDistance(a, length)
		}
		if err != nil {
			r.note(NoteSplits, err.Error())
		} else {
			r.SetSplits(sp, length)
		}
	}
	if perr != nil {
		r.note(NotePlan, "the file's workout gives no plan: "+perr.Error())
	}
	if twice != "" {
		r.note(NotePlan, twice)
	}
	return r
}

// A Note is one of the report's notes with its kind: a lapkit.NoteKind
// for what the decoder or a repair noted ("time_gap", "repaired"), or one
// of NoteDetection, NotePlan, NoteSplits and NoteError.
type Note struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// The kinds of the notes that do not come from the activity.
const (
	NoteDetection = "detection" // how the reps were found, or why none were (Session.Notes)
	NotePlan      = "plan"      // a workout that gives no plan, or two plans given
	NoteSplits    = "splits"    // a split length that does not fit
	NoteError     = "error"     // detection failed (an activity without distance)
)

// note adds a note of kind to Notes and TypedNotes.
func (r *Report) note(kind, text string) {
	r.Notes = append(r.Notes, text)
	r.TypedNotes = append(r.TypedNotes, Note{Kind: kind, Text: text})
}

// FromSession builds the report of activity a from a session detected
// apart and its evaluation (nil for none), without splits (SetSplits adds
// them). A nil activity or session reports as an empty one.
func FromSession(a *lapkit.Activity, s *analysis.Session, ev *analysis.Evaluation) *Report {
	if a == nil {
		a = &lapkit.Activity{}
	}
	return fromSession(s.ActivityFor(a), s, ev) // as Detect read it
}

// fromSession is FromSession on an activity that keeps the model's rules.
func fromSession(a *lapkit.Activity, s *analysis.Session, ev *analysis.Evaluation) *Report {
	if s == nil {
		s = &analysis.Session{}
	}
	r := &Report{
		Schema: Schema, Format: a.Format, Sport: a.Sport,
		DurationS: secs(a.Duration()), MovingS: secs(a.MovingTime()), DistanceM: Round(a.Distance(), 2),
		Source: s.Source, Confidence: s.Confidence, Guess: len(s.Reps) > 0 && s.Confidence < analysis.GuessConfidence, Sets: s.Sets,
		Strides: []Span{}, Intervals: []Rep{}, Rests: []Rest{},
		Splits: []Split{}, Pacing: PacingOf(splits.Pacing{}), Notes: []string{}, TypedNotes: []Note{},
	}
	for _, n := range s.Notes {
		r.note(NoteDetection, n)
	}
	if !a.Start.IsZero() {
		start := a.Start.Format(time.RFC3339Nano)
		r.Start = &start
	}
	for _, n := range a.Notes {
		r.note(string(n.Kind), n.Text)
	}
	if s.WarmUp != nil {
		w := spanOf(*s.WarmUp)
		r.WarmUp = &w
	}
	if s.CoolDown != nil {
		c := spanOf(*s.CoolDown)
		r.CoolDown = &c
	}
	for _, x := range s.Strides {
		r.Strides = append(r.Strides, spanOf(x))
	}
	for _, x := range s.Reps {
		rr := Rep{
			Set: x.Set, Rep: x.N, StartS: secs(x.StartOffset), EndS: secs(x.EndOffset), DurationS: secs(x.Duration()),
			MovingS: secs(x.Moving), DistanceM: r2(x.Distance), AvgSpeedMS: r3(x.AvgSpeed), MaxSpeedMS: r3(x.MaxSpeed),
			AvgHR: Round(x.AvgHeartRate, 1), MaxHR: Float(x.MaxHeartRate), AvgCadence: Round(x.AvgCadence, 1),
			Source: x.Source, Confidence: x.Confidence, Quality: x.Quality,
			NominalM: positive(x.Nominal), PaceSPerKm: none, EffortStartS: none, EffortEndS: none,
			TargetS: none, DeltaS: none, DeltaPct: none,
		}
		if x.Effort != nil {
			rr.EffortStartS, rr.EffortEndS = Float(secs(x.Effort.StartOffset)), Float(secs(x.Effort.EndOffset))
			rr.Notes = x.Notes
		}
		if x.Distance > 0 {
			rr.PaceSPerKm = Float(r3(x.Moving.Seconds() * 1000 / x.Distance))
		}
		r.Intervals = append(r.Intervals, rr)
	}
	for _, x := range s.Rests {
		r.Rests = append(r.Rests, Rest{
			AfterSet: x.AfterSet, AfterRep: x.AfterRep, Kind: x.Kind, Standing: x.Standing, Mode: x.Mode,
			StartS: secs(x.StartOffset), EndS: secs(x.EndOffset), DurationS: secs(x.Duration()),
			DistanceM: r2(x.Distance), AvgSpeedMS: r3(x.AvgSpeed), PlannedS: none, DeltaS: none,
		})
	}
	if ev != nil {
		r.addEvaluation(ev)
	}
	return r
}

// SetSplits puts splits of length metres (their pacing verdict too) into
// the report.
func (r *Report) SetSplits(sp []splits.Split, length float64) {
	if r == nil {
		return
	}
	r.Splits, r.SplitM, r.Pacing = Splits(sp), length, PacingOf(splits.Verdict(sp))
}

// none is an absent Float.
var none = Float(math.NaN())

// A Span is a warm-up, cool-down or stride.
type Span struct {
	StartS    float64 `json:"start_s"`
	EndS      float64 `json:"end_s"`
	DurationS float64 `json:"duration_s"`
	DistanceM float64 `json:"distance_m"`
}

// A Rep is one rep.
type Rep struct {
	Set        int             `json:"set"`
	Rep        int             `json:"rep"`
	StartS     float64         `json:"start_s"`
	EndS       float64         `json:"end_s"`
	DurationS  float64         `json:"duration_s"`
	MovingS    float64         `json:"moving_s"`
	DistanceM  float64         `json:"distance_m"`
	NominalM   Float           `json:"nominal_m"`
	PaceSPerKm Float           `json:"pace_s_per_km"`
	AvgSpeedMS float64         `json:"avg_speed_m_s"`
	MaxSpeedMS float64         `json:"max_speed_m_s"`
	AvgHR      Float           `json:"avg_hr"`
	MaxHR      Float           `json:"max_hr"`
	AvgCadence Float           `json:"avg_cadence"`
	Source     analysis.Source `json:"source"`
	Confidence float64         `json:"confidence"`
	// Unplanned marks, with a plan, a rep the plan has no rep for
	// (Rep.Unplanned, or left unmatched by Evaluate): kept, not scored.
	Unplanned bool `json:"unplanned,omitempty"`
	// EffortStartS and EffortEndS are, for a rep from a manual lap
	// pressed more than 1 s from the effort's own edges, where the effort
	// began and ended (Rep.Effort); null otherwise. Notes say how far off
	// the presses were.
	EffortStartS Float    `json:"effort_start_s"`
	EffortEndS   Float    `json:"effort_end_s"`
	Notes        []string `json:"notes,omitempty"`

	TargetS  Float         `json:"target_s"`
	DeltaS   Float         `json:"delta_s"`
	DeltaPct Float         `json:"delta_pct"`
	OnTarget *bool         `json:"on_target"`
	Band     analysis.Band `json:"band,omitempty"`
	// ByPace is set when the rep's laps ran another distance than
	// planned by more than the tolerance (RepScore.ByPace): DeltaS is its
	// time at its own pace over the planned distance, less the target.
	// Added to v1.
	ByPace bool `json:"by_pace,omitempty"`

	Quality []analysis.Quality `json:"quality,omitempty"` // Rep.Quality
}

// A Rest is the rest after a rep.
type Rest struct {
	AfterSet int               `json:"after_set"`
	AfterRep int               `json:"after_rep"`
	Kind     analysis.RestKind `json:"kind"`
	Standing bool              `json:"standing"` // stood or walked: under 2 m/s
	// Mode is what the runner did: "stand" (under 0.5 m/s), "walk"
	// (under 2 m/s) or "jog" (Rest.Mode). Added to v1.
	Mode       analysis.RestMode `json:"mode"`
	StartS     float64           `json:"start_s"`
	EndS       float64           `json:"end_s"`
	DurationS  float64           `json:"duration_s"`
	DistanceM  float64           `json:"distance_m"`
	AvgSpeedMS float64           `json:"avg_speed_m_s"`

	PlannedS Float `json:"planned_s"`
	DeltaS   Float `json:"delta_s"`
}

func r3(v float64) float64 { return math.Round(v*1000) / 1000 }
func r2(v float64) float64 { return math.Round(v*100) / 100 }

func secs(d time.Duration) float64 { return r3(d.Seconds()) }

func spanOf(s analysis.Span) Span {
	return Span{secs(s.StartOffset), secs(s.EndOffset), secs(s.Duration()), r2(s.Distance)}
}

// Plan is the plan echoed back in a report.
type Plan struct {
	Spec string `json:"spec"`
	Sets []Set  `json:"sets"`
	// Notes: how the run differs from the plan (Evaluation.Notes).
	Notes []string `json:"notes"`
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
		pr := &Plan{Spec: p.Spec, Sets: []Set{}, Notes: append([]string{}, ev.Notes...)}
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
