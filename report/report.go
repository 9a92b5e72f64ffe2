// Package report builds the JSON report of one analysed activity, the
// form other tools embed, and owns its versioned schema: the splits, reps,
// rests, plan, fade, predictions and goals, in seconds and metres, with
// null for what is absent. docs/examples.md documents every field.
//
// New is the one call: it takes the plan given or the file's own workout,
// detects the reps, scores them and computes the splits.
//
// Changes within v1 (fields added, none changed in meaning): typed_notes
// beside notes, at the top, in plan and on each rep, each note with its
// kind (a lapkit.NoteKind, or plan, splits, error), so that a program
// tells notes apart without matching their words; the analysis's notes,
// first typed "detection", carry their own kinds since 2026-12-06
// (reps_from, no_reps, not_a_run, laps, left_out); and a rep's notes now
// include the laps' figures it set aside, whether or not its effort has
// edges of its own.
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
	// Structure is the session as run, in the plan notation, rounded as
	// a coach writes it ("3x(4x400m r60s) r3min", Session.Structure); ""
	// without reps or when they are a guess.
	Structure string `json:"structure"`

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
	// a program can tell them apart without matching text (see Note).
	TypedNotes []Note `json:"typed_notes"`

	// From the evaluation; Plan is null without a plan.
	Plan       *Plan        `json:"plan"`
	Scored     int          `json:"reps_with_target"`
	OnTarget   int          `json:"reps_on_target"`
	Fade       *Fade        `json:"fade"`
	Prediction []Prediction `json:"prediction"`
	Goals      []Goal       `json:"goals"`

	// Trace is the pace and heart rate over time, for a page or a chart
	// to draw (Options.Trace, TraceOf); absent unless asked for.
	Trace []Point `json:"trace,omitempty"`
}

// Options tune New. The zero value takes the file's own workout as the
// plan, no goals, quarter-mile splits and analysis.DefaultTolerance.
type Options struct {
	// Options are the analysis's: the plan to detect and score with
	// (nil takes the workout the file carries, plan.For), the goals, the
	// tolerance and the detection limits; the same value Detect and
	// Evaluate take.
	analysis.Options
	// SplitLength is the length of the splits in metres; 0 means
	// lapkit.QuarterMile, a negative value no splits.
	SplitLength float64
	// Trace adds the pace and heart rate over time (Report.Trace), which
	// a page or a chart draws; off, the JSON stays small.
	Trace bool
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
	p, perr := plan.For(a, o.Plan)
	ao := o.Options
	ao.Plan = p
	s, derr := ao.Detect(a)
	ev := ao.Evaluate(a, s)
	// An activity that breaks the model's rules was repaired once, in a
	// copy, with a note: every figure below reads the same copy.
	a = s.ActivityFor(a)
	r := fromSession(a, s, ev)
	if o.Trace {
		r.Trace = TraceOf(a)
	}
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
			sp, err = (&splits.Splitter{}).InRange(a, a.Samples[0].Time.UTC(), a.End(), length) // ByDistance on a repaired already
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
	return r
}

// A Note is one of the report's notes with its kind: a lapkit.NoteKind
// for what the decoder or a repair noted ("time_gap", "repaired"), how the
// analysis found the reps or left an effort out ("reps_from", "left_out",
// "no_reps", "not_a_run", "laps"), how the run differs from its plan
// ("plan_differs", "goals_missing", "workout"), or one of the report's own:
// NotePlan, NoteSplits and NoteError.
type Note struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// The report's own note kinds, for notes neither the activity nor the
// analysis wrote.
const (
	NotePlan   = "plan"   // a workout that gives no plan
	NoteSplits = "splits" // a split length that does not fit
	NoteError  = "error"  // detection failed (an activity without distance)
)

// note adds a note of kind to Notes and TypedNotes.
func (r *Report) note(kind, text string) {
	r.Notes = append(r.Notes, text)
	r.TypedNotes = append(r.TypedNotes, Note{Kind: kind, Text: text})
}

// notesOf returns the texts of notes and the notes with their kinds,
// both nil for none.
func notesOf(notes []lapkit.Note) ([]string, []Note) {
	if len(notes) == 0 {
		return nil, nil
	}
	texts, typed := make([]string, len(notes)), make([]Note, len(notes))
	for i, n := range notes {
		texts[i], typed[i] = n.Text, Note{Kind: string(n.Kind), Text: n.Text}
	}
	return texts, typed
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
		r.note(string(n.Kind), n.Text)
	}
	if p := s.Structure(); p != nil {
		r.Structure = p.String()
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
		}
		rr.Notes, rr.TypedNotes = notesOf(x.Notes)
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
	// began and ended (Rep.Effort); null otherwise.
	EffortStartS Float `json:"effort_start_s"`
	EffortEndS   Float `json:"effort_end_s"`
	// Notes say how far off the presses were ("lap_press"), and what the
	// rep does not take from its laps ("lap_figure": a lap's distance no
	// runner covers in it); TypedNotes are the same with their kinds.
	Notes      []string `json:"notes,omitempty"`
	TypedNotes []Note   `json:"typed_notes,omitempty"`

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
