package lapkit_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/fit/fitwrite"
	"github.com/lapkit/lapkit/gpx"
	"github.com/lapkit/lapkit/gpx/gpxwrite"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/report"
	"github.com/lapkit/lapkit/report/chart"
	"github.com/lapkit/lapkit/report/page"
	"github.com/lapkit/lapkit/splits"
	"github.com/lapkit/lapkit/tcx"
)

// zeroCalls calls every exported function and method of the library with
// nil or zero arguments and nil receivers, by name ("pkg.Func",
// "pkg.Type.Method").
var zeroCalls = map[string]func(){
	"lapkit.Activity.Distance":       func() { (*lapkit.Activity)(nil).Distance() },
	"lapkit.Activity.DistanceAt":     func() { (*lapkit.Activity)(nil).DistanceAt(time.Time{}) },
	"lapkit.Activity.DroppedSamples": func() { (*lapkit.Activity)(nil).DroppedSamples() },
	"lapkit.Activity.Duration":       func() { (*lapkit.Activity)(nil).Duration() },
	"lapkit.Activity.End":            func() { (*lapkit.Activity)(nil).End() },
	"lapkit.Activity.MovingBetween":  func() { (*lapkit.Activity)(nil).MovingBetween(time.Time{}, time.Time{}) },
	"lapkit.Activity.MovingTime":     func() { (*lapkit.Activity)(nil).MovingTime() },
	"lapkit.Activity.Offset":         func() { (*lapkit.Activity)(nil).Offset(time.Time{}) },
	"lapkit.Activity.TimeAt":         func() { (*lapkit.Activity)(nil).TimeAt(0) },
	"lapkit.Activity.Validate":       func() { (*lapkit.Activity)(nil).Validate() },
	"lapkit.Sport.OnFoot":            func() { _ = lapkit.Sport("").OnFoot() },
	"lapkit.Device.String":           func() { _ = lapkit.Device{}.String() },
	"lapkit.Intensity.MarshalText":   func() { lapkit.Intensity(200).MarshalText() },
	"lapkit.Intensity.String":        func() { _ = lapkit.Intensity(200).String() },
	"lapkit.Intensity.UnmarshalText": func() { (*lapkit.Intensity)(nil).UnmarshalText(nil) },
	"lapkit.LapTrigger.MarshalText":  func() { lapkit.LapTrigger(200).MarshalText() },
	"lapkit.LapTrigger.String":       func() { _ = lapkit.LapTrigger(200).String() },
	"lapkit.LapTrigger.UnmarshalText": func() {
		(*lapkit.LapTrigger)(nil).UnmarshalText(nil)
	},
	"lapkit.Pause.Duration":      func() { lapkit.Pause{}.Duration() },
	"lapkit.NewSample":           func() { lapkit.NewSample(lapkit.At(time.Time{})) },
	"lapkit.FormatClock":         func() { _ = lapkit.FormatClock(0) },
	"lapkit.Locate":              func() { lapkit.Locate(nil, time.Time{}) },
	"lapkit.LocateInstant":       func() { _ = lapkit.LocateInstant(nil, 0) },
	"lapkit.At":                  func() { _ = lapkit.At(time.Time{}) },
	"lapkit.InSpan":              func() { _ = lapkit.InSpan(time.Time{}) },
	"lapkit.Instant.Add":         func() { _ = lapkit.Instant(0).Add(0) },
	"lapkit.Instant.After":       func() { _ = lapkit.Instant(0).After(0) },
	"lapkit.Instant.Before":      func() { _ = lapkit.Instant(0).Before(0) },
	"lapkit.Instant.Compare":     func() { _ = lapkit.Instant(0).Compare(0) },
	"lapkit.Instant.Equal":       func() { _ = lapkit.Instant(0).Equal(0) },
	"lapkit.Instant.IsZero":      func() { _ = lapkit.Instant(0).IsZero() },
	"lapkit.Instant.MarshalText": func() { _, _ = lapkit.Instant(0).MarshalText() },
	"lapkit.Instant.String":      func() { _ = lapkit.Instant(0).String() },
	"lapkit.Instant.Sub":         func() { _ = lapkit.Instant(0).Sub(0) },
	"lapkit.Instant.UTC":         func() { _ = lapkit.Instant(0).UTC() },
	"lapkit.Instant.UnixNano":    func() { _ = lapkit.Instant(0).UnixNano() },
	"lapkit.Instant.UnmarshalText": func() {
		(*lapkit.Instant)(nil).UnmarshalText(nil)
		(*lapkit.Instant)(nil).UnmarshalText([]byte("2026-05-02T07:00:01Z"))
	},
	"lapkit.Between.Value":            func() { lapkit.Between{}.Value(nil, nil); lapkit.Between{I: -1}.Value(nil, nil) },
	"lapkit.FormatSeconds":            func() { _ = lapkit.FormatSeconds(0) },
	"lapkit.Sample.HasPosition":       func() { (*lapkit.Sample)(nil).HasPosition() },
	"lapkit.StepDuration.MarshalText": func() { lapkit.StepDuration(200).MarshalText() },
	"lapkit.StepDuration.String":      func() { _ = lapkit.StepDuration(200).String() },
	"lapkit.TargetKind.MarshalText":   func() { lapkit.TargetKind(200).MarshalText() },
	"lapkit.TargetKind.String":        func() { _ = lapkit.TargetKind(200).String() },
	"lapkit.Workout.Expand":           func() { (*lapkit.Workout)(nil).Expand() },
	"fit.Decode":                      func() { fit.Decode(nil) },
	"fit.DecodeWorkout":               func() { fit.DecodeWorkout(nil) },
	"fit.Decoder.Decode":              func() { (*fit.Decoder)(nil).Decode(nil) },
	"fit.Decoder.DecodeWorkout":       func() { (*fit.Decoder)(nil).DecodeWorkout(nil) },
	"gpx.Decode":                      func() { gpx.Decode(nil) },
	"gpx.Decoder.Decode":              func() { (*gpx.Decoder)(nil).Decode(nil) },
	"tcx.Decode":                      func() { tcx.Decode(nil) },
	"tcx.Decoder.Decode":              func() { (*tcx.Decoder)(nil).Decode(nil) },
	"fit.SportValue":                  func() { fit.SportValue("") },
	"fit.DecodeAll":                   func() { fit.DecodeAll(nil) },
	"fit.Decoder.DecodeAll":           func() { (*fit.Decoder)(nil).DecodeAll(nil) },
	"tcx.DecodeAll":                   func() { tcx.DecodeAll(nil) },
	"tcx.Decoder.DecodeAll":           func() { (*tcx.Decoder)(nil).DecodeAll(nil) },
	"open.FileAll":                    func() { open.FileAll("") },
	"open.ReaderAll":                  func() { open.ReaderAll(nil) },
	"open.Decoder.FileAll":            func() { (*open.Decoder)(nil).FileAll("") },
	"open.Decoder.ReaderAll":          func() { (*open.Decoder)(nil).ReaderAll(nil) },
	"open.File":                       func() { open.File("") },
	"open.Reader":                     func() { open.Reader(nil) },
	"open.Sniff":                      func() { open.Sniff(nil) },
	"open.Decoder.File":               func() { (*open.Decoder)(nil).File("") },
	"open.Decoder.Reader":             func() { (*open.Decoder)(nil).Reader(nil) },
	"splits.CheckDistance":            func() { splits.CheckDistance(0) },
	"splits.CheckDuration":            func() { splits.CheckDuration(0) },
	"splits.Best":                     func() { splits.Best(nil) },
	"splits.Verdict":                  func() { splits.Verdict(nil) },
	"splits.PacingKind.MarshalText":   func() { splits.PacingKind(200).MarshalText() },
	"splits.PacingKind.String":        func() { _ = splits.PacingKind(200).String() },
	"splits.ByDistance":               func() { splits.ByDistance(nil, 0) },
	"splits.ByTime":                   func() { splits.ByTime(nil, 0) },
	"splits.InRange":                  func() { splits.InRange(nil, time.Time{}, time.Time{}, 0) },
	"splits.Split.String":             func() { _ = splits.Split{}.String() },
	"splits.Split.Pace":               func() { (*splits.Split)(nil).Pace() },
	"splits.Split.PacePerMile":        func() { (*splits.Split)(nil).PacePerMile() },
	"splits.Splitter.Best":            func() { (*splits.Splitter)(nil).Best(nil) },
	"splits.Splitter.Between":         func() { (*splits.Splitter)(nil).Between(nil, time.Time{}, time.Time{}) },
	"splits.Splitter.ByDistance":      func() { (*splits.Splitter)(nil).ByDistance(nil, 400) },
	"splits.Splitter.ByTime":          func() { (*splits.Splitter)(nil).ByTime(nil, time.Minute) },
	"splits.Splitter.Bounds":          func() { (*splits.Splitter)(nil).Bounds(nil, time.Time{}, time.Time{}, 0) },
	"splits.Splitter.InRange":         func() { (*splits.Splitter)(nil).InRange(nil, time.Time{}, time.Time{}, 400) },
	"splits.Splitter.TimeInRange":     func() { (*splits.Splitter)(nil).TimeInRange(nil, time.Time{}, time.Time{}, time.Minute) },
	"analysis.VDOT":                   func() { analysis.VDOT(0, 0) },
	"analysis.VDOTTime":               func() { analysis.VDOTTime(0, 0) },
	"analysis.Options.Detect":         func() { (*analysis.Options)(nil).Detect(nil) },
	"analysis.Figure.Valid":           func() { _ = analysis.Figure{}.Valid() },
	"analysis.Options.Evaluate":       func() { (*analysis.Options)(nil).Evaluate(nil, nil) },
	"plan.ParseLength":                func() { plan.ParseLength("") },
	"plan.ParseGoals":                 func() { plan.ParseGoals("") },
	"plan.Goals.Pace":                 func() { _, _ = plan.Goals{}.Pace("") },
	"plan.Parse":                      func() { plan.Parse("") },
	"plan.FromWorkout":                func() { plan.FromWorkout(nil) },
	"plan.For":                        func() { plan.For(nil, nil) },
	"plan.Plan.Reps":                  func() { (*plan.Plan)(nil).Reps() },
	"plan.Plan.String":                func() { _ = (*plan.Plan)(nil).String() },
	"plan.Error.Error":                func() { _ = (*plan.Error)(nil).Error() },
	"plan.Error.Unwrap":               func() { (*plan.Error)(nil).Unwrap() },
	"plan.Set.RepTarget":              func() { (*plan.Set)(nil).RepTarget(0, plan.Goals{}) },
	"plan.Set.String":                 func() { _ = plan.Set{}.String() },
	"report.New":                      func() { report.New(nil, report.Options{}) },
	"report.FromSession":              func() { report.FromSession(nil, nil, nil) },
	"report.Report.SetSplits":         func() { (*report.Report)(nil).SetSplits(nil, 0) },
	"report.Splits":                   func() { report.Splits(nil) },
	"report.PacingOf":                 func() { report.PacingOf(splits.Pacing{}) },
	"report.Efforts":                  func() { report.Efforts([]splits.Effort{{}}) },
	"report.Round":                    func() { report.Round(0, 0) },
	"report.Float.Valid":              func() { report.Float(0).Valid() },
	"report.Float.Or":                 func() { report.Float(0).Or(0) },
	"report.Float.String":             func() { _ = report.Float(0).String() },
	"report.Float.MarshalJSON":        func() { report.Float(0).MarshalJSON() },
	"report.Float.UnmarshalJSON":      func() { (*report.Float)(nil).UnmarshalJSON(nil) },
	"plan.Plan.Workout":               func() { (*plan.Plan)(nil).Workout(plan.Goals{}, 0) },
	"gpxwrite.Encode":                 func() { gpxwrite.Encode(nil, nil, nil) },
	"gpxwrite.WithMarks":              func() { gpxwrite.WithMarks() },
	"gpxwrite.WithParts":              func() { gpxwrite.WithParts() },
	"fitwrite.Cut":                    func() { _ = fitwrite.Cut("", 0) },
	"fitwrite.EncodeWorkout":          func() { fitwrite.EncodeWorkout(nil, nil) },
	"fitwrite.WorkoutEncoder.Encode":  func() { (*fitwrite.WorkoutEncoder)(nil).Encode(nil, &lapkit.Workout{}) },
	"plan.Set.TargetText":             func() { _ = plan.Set{}.TargetText() },
	"plan.Set.Length":                 func() { _ = plan.Set{}.Length() },
	"analysis.Rep.EffortSpan":         func() { (*analysis.Rep)(nil).EffortSpan() },
	"analysis.Rep.String":             func() { _ = analysis.Rep{}.String() },
	"analysis.Detect":                 func() { analysis.Detect(nil) },
	"analysis.Session.Structure":      func() { (*analysis.Session)(nil).Structure(); (&analysis.Session{}).Structure() },
	"chart.ByDate":                    func() { chart.ByDate("", "", nil, nil); chart.ByDate("", "", []time.Time{{}}, nil) },
	"chart.Fade":                      func() { chart.Fade(nil); chart.Fade(&report.Report{}) },
	"chart.HeartRate":                 func() { chart.HeartRate(nil); chart.HeartRate(&report.Report{}) },
	"chart.Pace":                      func() { chart.Pace(nil); chart.Pace(&report.Report{}) },
	"chart.Reps":                      func() { chart.Reps(nil); chart.Reps(&report.Report{}) },
	"chart.RoundTicks.Ticks":          func() { chart.RoundTicks{}.Ticks(0, 0) },
	"chart.Splits":                    func() { chart.Splits(nil); chart.Splits(&report.Report{}) },
	"chart.Title":                     func() { _ = chart.Title(nil, "") },
	"chart.Weekly":                    func() { chart.Weekly(nil, nil) },
	"chart.Write":                     func() { chart.Write(nil, "", 0, 0); chart.Write(nil, "svg", 0, 0, nil) },
	"page.Season":                     func() { page.Season(nil, "", nil); page.Season(io.Discard, "", []*report.Report{nil, {}}) },
	"page.Session": func() {
		page.Session(nil, nil)
		page.Session(io.Discard, nil)
		page.Session(io.Discard, &report.Report{})
	},
	"report.Marshal":               func() { report.Marshal(nil); report.Marshal(&report.Report{}) },
	"report.TraceOf":               func() { report.TraceOf(nil); report.TraceOf(&lapkit.Activity{}) },
	"analysis.NotARun":             func() { analysis.NotARun(nil); analysis.NotARun(&lapkit.Activity{}) },
	"analysis.Session.Set":         func() { (*analysis.Session)(nil).Set(0) },
	"analysis.Session.ActivityFor": func() { (*analysis.Session)(nil).ActivityFor(nil) },
	"analysis.Evaluation.Score":    func() { (*analysis.Evaluation)(nil).Score(0, 0) },
	"analysis.Span.Duration":       func() { analysis.Span{}.Duration() },
}

// TestZeroArguments: no exported function or method panics on nil or zero
// arguments or a nil receiver; and every one of them is called here (the
// list is checked against the source).
func TestZeroArguments(t *testing.T) {
	for name, call := range zeroCalls {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s panics: %v", name, p)
				}
			}()
			call()
		}()
	}
	for _, name := range exported(t, map[string]string{".": "lapkit", "fit": "fit", "fit/fitwrite": "fitwrite", "gpx": "gpx", "gpx/gpxwrite": "gpxwrite", "tcx": "tcx", "open": "open", "splits": "splits", "analysis": "analysis", "plan": "plan", "report": "report", "report/chart": "chart", "report/page": "page"}) {
		if _, ok := zeroCalls[name]; !ok {
			t.Errorf("%s is not called with zero arguments here", name)
		}
	}
}

// exported lists the exported functions and methods (on exported types)
// of the packages in dirs, as "pkg.Func" and "pkg.Type.Method".
func exported(t *testing.T, dirs map[string]string) []string {
	var out []string
	for dir, pkg := range dirs {
		fset := token.NewFileSet()
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := e.Name()
			if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range f.Decls {
				fn, ok := d.(*ast.FuncDecl)
				if !ok || !fn.Name.IsExported() {
					continue
				}
				if fn.Recv == nil {
					out = append(out, pkg+"."+fn.Name.Name)
					continue
				}
				typ := fn.Recv.List[0].Type
				if s, ok := typ.(*ast.StarExpr); ok {
					typ = s.X
				}
				if id, ok := typ.(*ast.Ident); ok && id.IsExported() {
					out = append(out, pkg+"."+id.Name+"."+fn.Name.Name)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}
