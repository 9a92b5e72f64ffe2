// Command analyze finds the reps and sets of interval sessions and prints
// them with their rests, each rep against the planned pace, the fade
// within and across sets, the predicted race times and the quarter-mile
// splits.
//
//	go run ./examples/analyze [-plan SPEC] [-goal mile=4:23] [-format text|json|csv] [-every 402.336] [-chart out.png] FILE...
//
// -plan takes the coaches' notation ("3x(4x400m@65s r60s) r3min"); without
// it, the workout the watch ran (embedded in a FIT file) is the plan.
// -goal gives the race times that goal targets (@mile, @5k) refer to.
// With -format json it prints one JSON object per file per line: the
// report other tools embed (schema lapkit.report/v1, documented in
// docs/examples.md); with -format csv, one row per rep of every file, with a
// header row and the file in the first column.
//
// Exit status: 0 when every file was read whole; 3 when a file was read
// only in part (a truncated file, a bad byte: the data before the fault
// is analysed, and the error is printed on stderr and carried in the
// report's error and the CSV's error column); 1 when a file could not be
// read at all; 2 for a bad flag or plan.
package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/examples/internal/cli"
	"github.com/lapkit/lapkit/internal/words"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/report"
	"github.com/lapkit/lapkit/report/chart"
	"github.com/lapkit/lapkit/report/page"
	"github.com/lapkit/lapkit/splits"
	"gonum.org/v1/plot/vg"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	format := fs.String("format", "text", "output: text, json, csv (one row per rep), or html (a page to open in a browser; one file)")
	every := fs.String("every", "402.336", "split length for the splits table: metres, km or mi")
	planSpec := fs.String("plan", "", `the plan, e.g. "3x(4x400m@65s r60s) r3min"; default: the workout in the file`)
	goalSpec := fs.String("goal", "", "race goals for @mile, @5k, @10k targets, e.g. mile=4:23 or 5k=18:45")
	chartFile := fs.String("chart", "", "write the charts (reps against targets, pace, heart rate, fade, splits) to this .png, .svg, .jpg or .pdf file; with several input files, -N is added before the extension")
	htmlFile := fs.String("html", "", "also write the session's page to this .html file; with several input files, -N is added before the extension")
	cmd := cli.Command{Flags: fs, Usage: "usage: analyze [-plan SPEC] [-goal mile=4:23] [-format text|json|csv|html] [-every LENGTH] [-chart FILE.png|svg|jpg|pdf] [-html FILE.html] FILE...",
		Formats: []string{"text", "json", "csv", "html"}, Format: format, NoFiles: "no file to analyze"}
	files, code, stop := cmd.Parse(args, stdout, stderr)
	if stop {
		return code
	}
	var given *plan.Plan
	if *planSpec != "" {
		p, err := plan.Parse(*planSpec)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 2
		}
		given = p
	}
	var goals plan.Goals
	if *goalSpec != "" {
		g, err := plan.ParseGoals(*goalSpec)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 2
		}
		goals = g
	}
	dist, dur, err := cli.ParseEvery(*every)
	switch {
	case err == nil && dur > 0:
		err = fmt.Errorf("-every %s: analyze splits by distance (m, km or mi)", *every)
	case err == nil:
		err = splits.CheckDistance(dist)
	}
	if err == nil && *chartFile != "" {
		_, err = cli.ChartFormat(*chartFile)
	}
	if err == nil && *format == "html" && len(files) > 1 {
		err = fmt.Errorf("-format html writes one page: give one file, or -html FILE.html for a page each")
	}
	if err == nil && *htmlFile != "" && !strings.EqualFold(filepath.Ext(*htmlFile), ".html") {
		err = fmt.Errorf("-html %s: the page's file must end in .html", *htmlFile)
	}
	if err != nil {
		return cmd.Fail(stderr, err)
	}
	var cw *csv.Writer
	if *format == "csv" {
		cw = csv.NewWriter(stdout)
		defer cw.Flush()
		cw.Write(csvHeader)
	}
	failed, partial := false, false
	for n, name := range files {
		a, err := open.File(name)
		if a == nil {
			failed = true
			if *format == "csv" || *format == "html" {
				fmt.Fprintln(stderr, err) // it names the file
				continue
			}
			if *format == "json" {
				b, _ := json.Marshal(map[string]string{"schema": report.Schema, "file": name, "error": err.Error()})
				fmt.Fprintf(stdout, "%s\n", b)
			} else {
				fmt.Fprintf(stdout, "%s\n  error: %v\n\n", name, err)
			}
			continue
		}
		r := report.New(a, report.Options{Options: analysis.Options{Plan: given, Goals: goals}, SplitLength: dist, Trace: *chartFile != "" || *format == "html" || *htmlFile != ""})
		r.File = name
		if *chartFile != "" {
			if err := writeChart(stderr, *chartFile, n, len(files), a, r); err != nil {
				fmt.Fprintf(stderr, "%s: chart: %v\n", name, err)
				failed = true
			}
		}
		if err != nil {
			// A partial read: said on stderr in every format, and
			// in the report.
			r.Error = err.Error()
			partial = true
			fmt.Fprintf(stderr, "%v (the data before it is kept)\n", err) // it names the file
		}
		if *htmlFile != "" {
			if err := writePage(*htmlFile, n, len(files), r); err != nil {
				fmt.Fprintf(stderr, "%s: page: %v\n", name, err)
				failed = true
			}
		}
		switch *format {
		case "html":
			if err := page.Session(stdout, r); err != nil {
				fmt.Fprintf(stderr, "%s: %v\n", name, err)
				failed = true
			}
		case "json":
			b, err := report.Marshal(r) // json.Marshal's bytes, faster
			if err != nil {
				fmt.Fprintf(stderr, "%s: %v\n", name, err)
				failed = true
				continue
			}
			fmt.Fprintf(stdout, "%s\n", b)
		case "csv":
			for i := range r.Intervals {
				cw.Write(csvRow(r, i))
			}
		default:
			var b strings.Builder
			text(&b, r)
			io.WriteString(stdout, cli.Wrap(b.String(), cli.Width))
		}
	}
	switch {
	case failed:
		return 1
	case partial:
		return 3
	}
	return 0
}

func text(w io.Writer, r *report.Report) {
	fmt.Fprintln(w, r.File)
	if r.Error != "" {
		fmt.Fprintf(w, "  error (data before it kept): %s\n", r.Error)
	}
	fmt.Fprintf(w, "  %s, %s, %.2f km\n", strings.TrimSpace(string(r.Format)+" "+string(r.Sport)), cli.Clock(r.DurationS), r.DistanceM.Or(0)/1000)
	if len(r.Intervals) == 0 {
		// The first note says why; the others (the file's repairs, GPS
		// jitter) each on a line of their own, not run into it.
		why := "nothing stands out"
		if len(r.Notes) > 0 {
			why = r.Notes[0]
		}
		fmt.Fprintf(w, "  no reps found: %s\n", why)
		for _, n := range r.Notes[min(1, len(r.Notes)):] {
			fmt.Fprintf(w, "    %s\n", n)
		}
	} else {
		fmt.Fprintf(w, "  %s in %s, from %s (confidence %.2f)\n", words.Count(len(r.Intervals), "rep"), words.Count(r.Sets, "set"), r.Source, r.Confidence)
		if r.Guess {
			fmt.Fprintln(w, "  no clear interval structure: the efforts below are a guess, so no fade and no race prediction")
		}
		if r.Structure != "" {
			fmt.Fprintf(w, "  run as %s\n", r.Structure)
		}
		for _, n := range r.Notes { // how the reps were found, what was repaired or left out
			fmt.Fprintf(w, "    %s\n", n)
		}
		if r.WarmUp != nil {
			fmt.Fprintf(w, "  warm-up %s, %.2f km", cli.Clock(r.WarmUp.DurationS), r.WarmUp.DistanceM/1000)
			if len(r.Strides) > 0 {
				fmt.Fprintf(w, ", %d strides", len(r.Strides))
			}
			fmt.Fprintln(w)
		}
		unplanned := 0
		for _, x := range r.Intervals {
			if x.Unplanned {
				unplanned++
			}
		}
		switch {
		case r.Plan != nil && unplanned == len(r.Intervals):
			fmt.Fprintf(w, "  plan %s: none of the reps is one of the plan's\n", r.Plan.Spec)
		case r.Plan != nil && r.Scored == 0:
			fmt.Fprintf(w, "  plan %s: no target pace to score the reps against\n", r.Plan.Spec)
		case r.Plan != nil:
			fmt.Fprintf(w, "  plan %s: %d of %d reps on target\n", r.Plan.Spec, r.OnTarget, r.Scored)
		}
		if r.Plan != nil {
			for _, n := range r.Plan.Notes {
				fmt.Fprintf(w, "    %s\n", n)
			}
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "  set\trep\tstart\tdistance m\tnominal\ttime\ttarget\tdelta\t/km\t/mile\tHR avg\tmax\trest after\t")
		for i, x := range r.Intervals {
			rest := ""
			if i < len(r.Rests) {
				rt := r.Rests[i]
				how := string(rt.Mode) // stand, walk or jog, as the JSON says
				rest = fmt.Sprintf("%s %s", cli.Clock(rt.DurationS), how)
				if rt.Kind == analysis.RestKindSet {
					rest += " (set)"
				}
				if rt.PlannedS.Valid() {
					rest += ", plan " + cli.Clock(float64(rt.PlannedS))
				}
			}
			pace := x.PaceSPerKm.Or(0)
			target, delta := "-", "-"
			switch {
			case x.TargetS.Valid():
				target = cli.Tenths(float64(x.TargetS))
				delta = fmt.Sprintf("%+.1f %s", float64(x.DeltaS), bandMark(x.Band))
			case x.Unplanned:
				target = "unplanned"
			}
			fmt.Fprintf(tw, "  %d\t%d\t%s\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", x.Set, x.Rep, cli.Clock(x.StartS), x.DistanceM,
				x.NominalM.String(), cli.Tenths(x.DurationS), target, delta, cli.Clock(pace), cli.Clock(pace*1.609344),
				round0(x.AvgHR.String()), x.MaxHR.String(), rest)
		}
		tw.Flush()
		for _, x := range r.Intervals {
			if len(x.Quality) > 0 {
				fmt.Fprintf(w, "  rep %d.%d data quality: %s\n", x.Set, x.Rep, joinQuality(x.Quality))
			}
			if len(x.Notes) > 0 {
				fmt.Fprintf(w, "  rep %d.%d: %s (the effort itself %s to %s)\n", x.Set, x.Rep, strings.Join(x.Notes, ", "),
					cli.Tenths(float64(x.EffortStartS)), cli.Tenths(float64(x.EffortEndS)))
			}
		}
		if r.CoolDown != nil {
			fmt.Fprintf(w, "  cool-down %s, %.2f km\n", cli.Clock(r.CoolDown.DurationS), r.CoolDown.DistanceM/1000)
		}
		if f := r.Fade; f != nil {
			// Sets of one rep (surges, a single long rep) have no fade:
			// said once, not set by set.
			var single []string
			for _, sf := range f.Sets {
				if !sf.SlopeSPerRep.Valid() && strings.HasPrefix(sf.Reason, "needs 2 reps, has 1") {
					single = append(single, strconv.Itoa(sf.Set))
				}
			}
			if len(single) > 1 {
				fmt.Fprintf(w, "  fade: sets %s hold one rep each, no fade within them\n", strings.Join(single, ", "))
			}
			for _, sf := range f.Sets {
				if !sf.SlopeSPerRep.Valid() {
					if len(single) <= 1 || !strings.HasPrefix(sf.Reason, "needs 2 reps, has 1") {
						fmt.Fprintf(w, "  fade set %d: %s\n", sf.Set, sf.Reason)
					}
					continue
				}
				onset := "no onset"
				if sf.OnsetRep.Valid() {
					onset = fmt.Sprintf("fade from rep %.0f", float64(sf.OnsetRep))
				}
				unit, per := "", "s/rep" // rep times
				if f.OnPace {
					unit, per = "/km", "s/km per rep" // paces
				}
				like := ""
				if sf.Like != "" {
					like = " (" + sf.Like + ")"
				}
				fmt.Fprintf(w, "  fade set %d: first %s%s, last %s%s (%+.1f s, %+.1f%%), %+.2f %s, %s%s\n", sf.Set,
					cli.Tenths(float64(sf.FirstS)), unit, cli.Tenths(float64(sf.LastS)), unit, float64(sf.ChangeS), float64(sf.ChangePct), float64(sf.SlopeSPerRep), per, onset, like)
			}
			if a := f.AcrossSets; a.SlopeSPerSet.Valid() {
				fmt.Fprintf(w, "  fade across %d sets: %+.2f s/set", a.Sets, float64(a.SlopeSPerSet))
				if a.ChangePct.Valid() { // not when the first and last sets share no rep length
					fmt.Fprintf(w, ", last set %+.1f%% on the first", float64(a.ChangePct))
				}
				fmt.Fprintln(w)
			}
			if hr := f.HeartRate; hr.PeakDriftPerRep.Valid() {
				fmt.Fprintf(w, "  heart rate: %s", hrWords(float64(hr.PeakDriftPerRep), "the peak of each rep %s %.1f bpm on the rep before", "rises", "falls", "the peak of each rep stays level"))
				if hr.DropTrendPerRest.Valid() {
					fmt.Fprintf(w, "; %s", hrWords(float64(hr.DropTrendPerRest), "in the first minute of each rest it falls %.1[2]f bpm %[1]s than in the rest before", "more", "less", "it falls as far in the first minute of each rest"))
				}
				fmt.Fprintln(w)
			}
		}
		for _, p := range r.Prediction {
			fmt.Fprintf(w, "  predicts %s: %s (%s; %s)\n", distName(p.DistanceM), cli.Clock(p.TimeS), p.Method, p.From)
		}
		for _, g := range r.Goals {
			how := "on the goal's pace"
			switch {
			case g.DeltaS >= 0.05:
				how = fmt.Sprintf("%.1f s slower", g.DeltaS)
			case g.DeltaS <= -0.05:
				how = fmt.Sprintf("%.1f s faster", -g.DeltaS)
			}
			fmt.Fprintf(w, "  goal %s %s = %.1f s per %.0f m; the reps averaged %.1f s, %s; this session predicts %s\n",
				g.Goal, cli.Clock(g.TimeS), g.GoalRepS, g.RepM, g.MeanRepS, how, cli.Clock(g.PredictedS))
		}
	}
	splitRows(w, r)
	fmt.Fprintln(w)
}

// splitsPerRow is how many splits a row of the text lists.
const splitsPerRow = 6

// splitRows lists the splits as a watch's split list reads, six to a row:
// the splits' numbers, the distance at the end of the row, and each
// split's time, "r" after one that falls mostly inside a rep, "*" after a
// partial last one.
func splitRows(w io.Writer, r *report.Report) {
	if len(r.Splits) == 0 {
		return
	}
	fmt.Fprintf(w, "  splits of %g m (r: over half its time in reps, *: partial):\n", r.SplitM)
	dist := 0.0
	for i := 0; i < len(r.Splits); i += splitsPerRow {
		row := r.Splits[i:min(i+splitsPerRow, len(r.Splits))]
		var times []string
		for _, s := range row {
			dist += s.DistanceM
			mark := ""
			if inRep(r, s) {
				mark = "r"
			}
			if s.Partial {
				mark += "*"
			}
			times = append(times, fmt.Sprintf("%-8s", cli.Tenths(s.DurationS)+mark))
		}
		nums := fmt.Sprintf("%d-%d", row[0].N, row[len(row)-1].N)
		if len(row) == 1 {
			nums = fmt.Sprint(row[0].N)
		}
		fmt.Fprintf(w, "  %5s  %6.2f km  %s\n", nums, dist/1000, strings.TrimRight(strings.Join(times, " "), " "))
	}
}

// inRep tells whether the split falls mostly (over half its time) inside
// the reps.
func inRep(r *report.Report, s report.Split) bool {
	in := 0.0
	for _, x := range r.Intervals {
		in += max(0, min(x.EndS, s.EndS)-max(x.StartS, s.StartS))
	}
	return s.DurationS > 0 && in > s.DurationS/2
}

// round0 trims the decimals of a number string.
func round0(s string) string {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return s[:i]
	}
	return s
}

func bandMark(b analysis.Band) string {
	switch b {
	case analysis.BandOn:
		return "ok"
	case analysis.BandSlightly:
		return "~"
	}
	return "!"
}

func distName(m float64) string {
	switch m {
	case 1609.344:
		return "mile"
	case 5000:
		return "5 km"
	case 10000:
		return "10 km"
	}
	return fmt.Sprintf("%g m", m)
}

var csvHeader = []string{"file", "set", "rep", "start_s", "end_s", "duration_s", "moving_s", "distance_m", "nominal_m",
	"pace_s_per_km", "avg_hr_bpm", "max_hr_bpm", "avg_cadence_spm", "target_s", "delta_s", "delta_pct", "band",
	"rest_after_s", "rest_kind", "source", "confidence", "unplanned", "effort_start_s", "effort_end_s", "error"}

func opt(o report.Float) string {
	if !o.Valid() {
		return ""
	}
	return strconv.FormatFloat(float64(o), 'f', -1, 64)
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// csvRow is rep i of report r, one row per rep, units in the header.
func csvRow(r *report.Report, i int) []string {
	x := r.Intervals[i]
	restS, restKind := "", ""
	if i < len(r.Rests) {
		restS, restKind = num(r.Rests[i].DurationS), string(r.Rests[i].Kind)
	}
	return []string{r.File, strconv.Itoa(x.Set), strconv.Itoa(x.Rep), num(x.StartS), num(x.EndS), num(x.DurationS), num(x.MovingS),
		num(x.DistanceM), opt(x.NominalM), opt(x.PaceSPerKm), opt(x.AvgHR), opt(x.MaxHR), opt(x.AvgCadence),
		opt(x.TargetS), opt(x.DeltaS), opt(x.DeltaPct), string(x.Band), restS, restKind, string(x.Source), num(x.Confidence),
		strconv.FormatBool(x.Unplanned), opt(x.EffortStartS), opt(x.EffortEndS), r.Error}
}

// writeChart writes the charts of one file to path (path-N.ext for the
// Nth of several files).
func writeChart(stderr io.Writer, path string, n, of int, a *lapkit.Activity, r *report.Report) error {
	ext := filepath.Ext(path)
	if of > 1 {
		path = strings.TrimSuffix(path, ext) + fmt.Sprintf("-%d", n+1) + ext
	}
	reps, pace, hr, fade, sp := chart.Reps(r), chart.Pace(r), chart.HeartRate(r), chart.Fade(r), chart.Splits(r)
	for _, x := range []struct {
		left bool
		why  string
	}{{reps == nil, "the reps panel: no reps"}, {pace == nil, "the pace panel: a pace per km means nothing for " + string(a.Sport)},
		{hr == nil, "the heart-rate panel: no heart rate"}, {sp == nil, "the splits panel: no splits"}} {
		if x.left {
			fmt.Fprintf(stderr, "%s: chart: left out %s\n", r.File, x.why)
		}
	}
	// Drawn first, written after: a chart that cannot be drawn leaves no
	// empty file behind.
	var buf bytes.Buffer
	if r.Guess {
		fade = nil // no fade from a guess
	}
	if err := chart.Write(&buf, strings.TrimPrefix(ext, "."), 8*vg.Inch, 3*vg.Inch, reps, pace, hr, fade, sp); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// writePage writes the page of report r to path (with -N before the
// extension when there are several input files), drawn first so that a
// page that cannot be drawn leaves no file behind.
func writePage(path string, n, of int, r *report.Report) error {
	ext := filepath.Ext(path)
	if of > 1 {
		path = strings.TrimSuffix(path, ext) + fmt.Sprintf("-%d", n+1) + ext
	}
	var buf bytes.Buffer
	if err := page.Session(&buf, r); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// joinQuality lists a rep's data-quality flags.
func joinQuality(q []analysis.Quality) string {
	s := make([]string, len(q))
	for i, k := range q {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// hrWords says a heart-rate trend per rep or rest in words: up and down
// are the verbs for a rising and a falling trend, level the sentence for
// one under 0.05 bpm.
func hrWords(v float64, format, up, down, level string) string {
	switch {
	case v >= 0.05:
		return fmt.Sprintf(format, up, v)
	case v <= -0.05:
		return fmt.Sprintf(format, down, -v)
	}
	return level
}
