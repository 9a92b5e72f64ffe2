package page

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"

	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/report"
	"github.com/lapkit/lapkit/report/chart"
	"gonum.org/v1/plot/vg"
)

// Session writes the page of one session: a header (date, sport,
// distance, time, the structure as run, where the reps came from and how
// sure lapkit is, in words when it is guessing), the pace and heart rate
// over time with the reps, strides, warm-up and cool-down marked (from
// r.Trace: report.Options.Trace), the reps against the plan (time,
// distance, pace, target, delta and band, in words beside the colour, the
// rest after each and its plan), the fade of each set and across sets,
// heart-rate drift, predictions and goals, the splits, and every note in
// words. A nil report writes an empty session's page.
func Session(w io.Writer, r *report.Report) error {
	if r == nil {
		r = &report.Report{Schema: report.Schema}
	}
	v := sessionView{R: r, CSS: css, Title: "Session"}
	if r.Start != nil && len(*r.Start) >= 10 {
		v.Date = (*r.Start)[:10]
		v.Title = "Session of " + v.Date
	}
	if r.File != "" {
		v.Title += " · " + baseName(r.File)
	}
	v.Header = headerFacts(r)
	v.Found = foundSentence(r)
	var err error
	if v.TimeChart, err = svg("pace and heart rate over time, reps shaded", 3*vg.Inch, chart.Pace(r), chart.HeartRate(r)); err != nil {
		return fmt.Errorf("page: %w", err)
	}
	if v.RepChart, err = svg("each rep's time against its target", 3*vg.Inch, chart.Reps(r)); err != nil {
		return fmt.Errorf("page: %w", err)
	}
	if !r.Guess {
		if v.FadeChart, err = svg("rep times within each set, with the fitted fade", 3*vg.Inch, chart.Fade(r)); err != nil {
			return fmt.Errorf("page: %w", err)
		}
	}
	if v.SplitChart, err = svg("the splits' times", 2.5*vg.Inch, chart.Splits(r)); err != nil {
		return fmt.Errorf("page: %w", err)
	}
	v.Reps = repRows(r)
	v.Fade = fadeLines(r)
	v.Predictions = predictionLines(r)
	v.Notes = r.TypedNotes
	if r.Plan != nil {
		v.Plan = r.Plan.Spec
		v.PlanNotes = r.Plan.TypedNotes
	}
	return execute(w, "session.tmpl", v)
}

// sessionView is what session.tmpl reads.
type sessionView struct {
	R           *report.Report
	CSS         template.CSS
	Title       string
	Date        string
	Header      []fact
	Found       string
	TimeChart   template.HTML
	RepChart    template.HTML
	FadeChart   template.HTML
	SplitChart  template.HTML
	Plan        string
	Reps        []repRow
	Fade        []string
	Predictions []string
	Notes       []report.Note
	PlanNotes   []report.Note
}

// A fact is one figure of a header, named.
type fact struct{ Name, Value string }

// repRow is one row of the rep table, in words.
type repRow struct {
	Label                    string // "1.2"
	StartS, EndS             float64
	Start, Time, Dist, Pace  string
	Target, Delta, BandClass string
	BandText, Rest, RestPlan string
	HR                       string
	Unplanned                bool
	Notes                    []string
}

func headerFacts(r *report.Report) []fact {
	f := []fact{
		{"sport", orDash(string(r.Sport))},
		{"distance", km(float64(r.DistanceM))},
		{"time", clock(r.DurationS)},
		{"moving", clock(r.MovingS)},
	}
	if r.Structure != "" {
		f = append(f, fact{"run as", r.Structure})
	}
	if r.Plan != nil {
		f = append(f, fact{"plan", r.Plan.Spec})
	}
	return f
}

// foundSentence says where the reps came from and how sure lapkit is.
func foundSentence(r *report.Report) string {
	if len(r.Intervals) == 0 {
		why := "no reps found"
		for _, n := range r.TypedNotes {
			if n.Kind == "no_reps" || n.Kind == "not_a_run" || n.Kind == report.NoteError {
				why += ": " + n.Text
				break
			}
		}
		return why
	}
	s := fmt.Sprintf("%d reps in %d sets, from %s (confidence %.2f)", len(r.Intervals), r.Sets, sourceWords(r.Source), r.Confidence)
	if r.Guess {
		s += ". lapkit is guessing: no clear interval structure, so no fade and no race prediction"
	}
	return s
}

func sourceWords(s analysis.Source) string {
	switch s {
	case analysis.SourceWorkoutStep:
		return "the watch's workout steps"
	case analysis.SourceManualLap:
		return "the laps pressed by hand"
	case analysis.SourceAutoLap:
		return "the watch's auto laps"
	case analysis.SourceDetected:
		return "the pace alone (no laps to go by)"
	}
	return string(s)
}

func repRows(r *report.Report) []repRow {
	rests := map[[2]int]report.Rest{}
	for _, x := range r.Rests {
		rests[[2]int{x.AfterSet, x.AfterRep}] = x
	}
	var out []repRow
	for _, x := range r.Intervals {
		row := repRow{
			Label: fmt.Sprintf("%d.%d", x.Set, x.Rep), StartS: x.StartS, EndS: x.EndS,
			Start: clock(x.StartS), Time: tenths(x.DurationS), Dist: fmt.Sprintf("%.0f m", x.DistanceM),
			Pace: pace(float64(x.PaceSPerKm)), Target: tenths(float64(x.TargetS)), Delta: signed(float64(x.DeltaS)),
			HR: num(float64(x.AvgHR), 0), Unplanned: x.Unplanned, Notes: x.Notes,
		}
		switch x.Band {
		case analysis.BandOn:
			row.BandClass, row.BandText = "on", "on target"
		case analysis.BandSlightly:
			row.BandClass, row.BandText = "near", "near"
		case analysis.BandOff:
			row.BandClass, row.BandText = "off", "off"
		default:
			row.BandClass, row.BandText = "none", "no target"
		}
		if x.Unplanned {
			row.BandText = "not in the plan"
		}
		if rest, ok := rests[[2]int{x.Set, x.Rep}]; ok {
			row.Rest = fmt.Sprintf("%s %s", clock(rest.DurationS), rest.Mode)
			if rest.Kind == analysis.RestKindSet {
				row.Rest += " (set rest)"
			}
			if rest.PlannedS.Valid() {
				row.RestPlan = clock(float64(rest.PlannedS))
			}
		}
		out = append(out, row)
	}
	return out
}

// pct writes ", +3.1 %" for a change in percent; nothing when absent.
func pct(v report.Float) string {
	if !v.Valid() {
		return ""
	}
	return fmt.Sprintf(", %+.1f %%", float64(v))
}

func fadeLines(r *report.Report) []string {
	f := r.Fade
	if f == nil || r.Guess {
		return nil
	}
	unit := "s"
	if f.OnPace {
		unit = "s/km"
	}
	var out []string
	for _, s := range f.Sets {
		line := fmt.Sprintf("set %d: first %s, last %s", s.Set, tenths(float64(s.FirstS)), tenths(float64(s.LastS)))
		if s.ChangeS.Valid() {
			line += fmt.Sprintf(" (%+.1f %s%s)", float64(s.ChangeS), unit, pct(s.ChangePct))
		}
		if s.SlopeSPerRep.Valid() {
			line += fmt.Sprintf(", %+.2f %s per rep", float64(s.SlopeSPerRep), unit)
		}
		if s.OnsetRep.Valid() {
			line += fmt.Sprintf(", fading from rep %.0f", float64(s.OnsetRep))
		}
		if s.Reason != "" {
			line += ": " + s.Reason
		}
		out = append(out, line)
	}
	if a := f.AcrossSets; a.SlopeSPerSet.Valid() {
		line := fmt.Sprintf("across %d sets: %+.2f %s per set", a.Sets, float64(a.SlopeSPerSet), unit)
		if a.ChangePct.Valid() { // not when the first and last sets share no rep length
			line += fmt.Sprintf(" (%+.1f %%)", float64(a.ChangePct))
		}
		out = append(out, line)
	} else if a.Reason != "" {
		out = append(out, "across sets: "+a.Reason)
	}
	if h := f.HeartRate; h.PeakDriftPerRep.Valid() {
		out = append(out, fmt.Sprintf("heart rate: peaks drift %+.1f bpm per rep", float64(h.PeakDriftPerRep)))
	} else if h.Reason != "" {
		out = append(out, "heart rate: "+h.Reason)
	}
	return out
}

func predictionLines(r *report.Report) []string {
	var out []string
	for _, p := range r.Prediction {
		out = append(out, fmt.Sprintf("%s: %s (%s, from %s)", distName(p.DistanceM), clock(p.TimeS), p.Method, p.From))
	}
	for _, g := range r.Goals {
		how := "slower than"
		if g.DeltaS < 0 {
			how = "faster than"
		}
		out = append(out, fmt.Sprintf("goal %s in %s: the %.0f m reps averaged %s, %.1f s %s the goal's %s; the session predicts %s",
			g.Goal, clock(g.TimeS), g.RepM, tenths(g.MeanRepS), math.Abs(g.DeltaS), how, tenths(g.GoalRepS), clock(g.PredictedS)))
	}
	return out
}

func distName(m float64) string {
	switch {
	case math.Abs(m-1609.344) < 1:
		return "mile"
	case math.Mod(m, 1000) == 0:
		return fmt.Sprintf("%.0f km", m/1000)
	}
	return fmt.Sprintf("%.0f m", m)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}
