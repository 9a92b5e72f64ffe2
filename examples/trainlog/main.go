// Command trainlog reads a folder of activity files (or a Garmin / Strava
// bulk export: nested folders, .fit.gz and .gpx.gz, zip archives), analyses
// every activity on all cores, and writes a training log: one row per
// session, and the progress of each workout over time.
//
//	go run ./examples/trainlog [-format text|csv|json] [-plan SPEC] [-workout NAME] [-chart progress.png] DIR|ZIP...
//
// Rows: date, sport, distance, duration, reps found, the plan it ran (the
// watch's workout, or -plan), mean rep pace, fade within the first set,
// predicted mile. Rides, swims and other activities that are not runs
// (analysis.NotARun) are listed after, in a table of their own with why,
// and get none of the running figures. The progress table follows each
// workout (by name, or -workout) across dates: its mean rep time. A progress bar goes to
// stderr when stderr is a terminal; files that cannot be read are listed
// with their error at the end, and files read only in part (truncated, a
// bad byte) are listed as partial with their error (the row is what came
// before the fault); the exit code is 0 even when some are bad. Only
// regular files are opened: named pipes, devices and sockets are skipped.
package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/examples/internal/cli"
	"github.com/lapkit/lapkit/internal/words"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/report"
	"github.com/lapkit/lapkit/report/chart"
	"github.com/lapkit/lapkit/report/page"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// A Row is one analysed activity.
type Row struct {
	File string `json:"file"`
	// Part is "k/n" for the k-th of the n activities of a file that holds
	// several (a chained FIT, a TCX of several days), each a row of its
	// own; "" for a file of one activity.
	Part       string       `json:"part,omitempty"`
	Date       string       `json:"date"`
	Sport      string       `json:"sport"`
	DistanceM  report.Float `json:"distance_m"`
	DurationS  float64      `json:"duration_s"`
	Reps       int          `json:"reps"`
	Confidence float64      `json:"confidence"`
	Workout    string       `json:"workout"`
	Plan       string       `json:"plan"`
	RepPaceS   report.Float `json:"mean_rep_pace_s_per_km"`
	RepTimeS   report.Float `json:"mean_rep_time_s"`
	FadeS      report.Float `json:"fade_s_per_rep"`
	MileS      report.Float `json:"predicted_mile_s"`
	// NotRun says why the activity is not a run (analysis.NotARun: a ride,
	// a swim, a file without a sport at a ride's speed); "" for a run. Such
	// a row keeps its date, sport, distance and time, and has no plan,
	// reps or running figures.
	NotRun string `json:"not_run,omitempty"`
	// Error is set when the file was read only in part (truncated, a bad
	// byte): the row is what came before the fault.
	Error string `json:"error,omitempty"`
	start time.Time
	rep   *report.Report // the session's report, for the season page
}

// A Skip is a file that could not be analysed.
type Skip struct {
	File  string `json:"file"`
	Error string `json:"error"`
}

// job is one file to read: a path, or a member of a zip archive.
type job struct {
	name string
	open func() (io.ReadCloser, error)
}

var activityExt = []string{".fit", ".gpx", ".tcx", ".fit.gz", ".gpx.gz", ".tcx.gz"}

func isActivity(name string) bool {
	n := strings.ToLower(name)
	for _, e := range activityExt {
		if strings.HasSuffix(n, e) {
			return true
		}
	}
	return false
}

// walk sends every activity file under root (and inside zip archives) to
// jobs.
func walk(root string, jobs chan<- job, skips chan<- Skip) {
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			skips <- Skip{p, err.Error()}
			return nil
		}
		if !d.IsDir() && (isActivity(p) || strings.HasSuffix(strings.ToLower(p), ".zip")) {
			walkFile(p, jobs, skips)
		}
		return nil
	})
}

// regular tells whether p (followed through symbolic links) is a regular
// file: a named pipe, a device or a socket would block or never end.
func regular(p string) error {
	fi, err := os.Stat(p)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("not a regular file (%v)", fi.Mode().Type())
	}
	return nil
}

// analyse reads the job's file and makes a row of each of its activities;
// none, with the error, when nothing could be read.
func analyse(j job, given *plan.Plan) ([]Row, error) {
	f, err := j.open()
	if err != nil {
		return nil, err
	}
	all, err := open.ReaderAll(f)
	f.Close()
	var rows []Row
	for i, a := range all {
		r := row(a, given)
		r.File = j.name
		r.rep.File = j.name
		if len(all) > 1 {
			r.Part = fmt.Sprintf("%d/%d", i+1, len(all))
		}
		if err != nil && i == len(all)-1 {
			r.Error = err.Error() // the fault cut the last activity read
			r.rep.Error = r.Error
		}
		rows = append(rows, r)
	}
	return rows, err
}

// row is the training-log row of one activity.
func row(a *lapkit.Activity, given *plan.Plan) Row {
	nan := report.Float(math.NaN()) // absent until measured
	r := Row{DistanceM: nan, RepPaceS: nan, RepTimeS: nan, FadeS: nan, MileS: nan}
	r.start = a.Start
	r.Date = a.Start.Format("2006-01-02")
	if a.Start.IsZero() {
		r.Date = "" // a file without times: no date, listed last
	}
	r.Sport = string(a.Sport)
	r.DistanceM = report.Float(math.Round(a.Distance()))
	r.DurationS = math.Round(a.Duration().Seconds())
	if a.Workout != nil {
		r.Workout = a.Workout.Name
	}
	if why, ok := analysis.NotARun(a); ok {
		r.NotRun = why // no plan, reps, pace or mile: a running log's figures
		r.rep = report.FromSession(a, &analysis.Session{Notes: []lapkit.Note{{Kind: lapkit.NoteNotARun, Text: why}}}, nil)
		return r
	}
	p, _ := plan.For(a, given) // a workout that gives no plan: scored without one
	if p != nil {
		r.Plan = p.String()
	}
	d := analysis.Options{Plan: p}
	s, derr := d.Detect(a)
	if derr != nil || len(s.Reps) == 0 {
		r.rep = report.FromSession(a, s, nil)
		return r
	}
	r.Reps, r.Confidence = len(s.Reps), s.Confidence
	var dist, mov, dur float64
	for _, x := range s.Reps {
		dist += x.Distance
		mov += x.Moving.Seconds()
		dur += x.Duration().Seconds()
	}
	if dist > 0 {
		r.RepPaceS = report.Float(math.Round(mov*1000/dist*10) / 10)
	}
	r.RepTimeS = report.Float(math.Round(dur/float64(len(s.Reps))*10) / 10)
	ev := d.Evaluate(a, s)
	r.rep = report.FromSession(a, s, ev)
	if len(ev.Fade.Sets) > 0 && ev.Fade.Sets[0].Slope.Valid() {
		r.FadeS = report.Round(ev.Fade.Sets[0].Slope.Value, 2)
	}
	for _, pr := range ev.Predictions {
		if pr.Distance == lapkit.Mile {
			r.MileS = report.Float(math.Round(pr.Time.Seconds()))
			break
		}
	}
	return r
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("trainlog", flag.ContinueOnError)
	format := fl.String("format", "text", "output: text, csv, json, or html (the season's page: sessions, weekly distance, progress of each workout run twice or more)")
	planSpec := fl.String("plan", "", "a plan to score every session against (default: each file's own workout)")
	workout := fl.String("workout", "", "follow only this workout (name or plan) in the progress table")
	chartFile := fl.String("chart", "", "write the progress chart of the most frequent workout to this .png, .svg, .jpg or .pdf file")
	cmd := cli.Command{Flags: fl, Usage: "usage: trainlog [-format text|csv|json|html] [-plan SPEC] [-workout NAME] [-chart progress.png|svg|jpg|pdf] DIR|ZIP|FILE...", Formats: []string{"text", "csv", "json", "html"}, Format: format, NoFiles: "no folder, zip or file to read"}
	files, code, stop := cmd.Parse(args, stdout, stderr)
	if stop {
		return code
	}
	if *chartFile != "" {
		if _, err := cli.ChartFormat(*chartFile); err != nil {
			return cmd.Fail(stderr, err)
		}
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
	jobs := make(chan job, 64)
	skipc := make(chan Skip, 64)
	rowc := make(chan Row, 64)
	go func() {
		for _, root := range files {
			if strings.HasSuffix(strings.ToLower(root), ".zip") || isActivity(root) {
				walkFile(root, jobs, skipc)
				continue
			}
			walk(root, jobs, skipc)
		}
		close(jobs)
	}()
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				rows, err := analyse(j, given)
				if len(rows) == 0 {
					msg := "no activity"
					if err != nil {
						msg = err.Error()
					}
					skipc <- Skip{j.name, msg}
					continue
				}
				for _, r := range rows {
					rowc <- r
				}
			}
		}()
	}
	go func() { wg.Wait(); close(rowc); close(skipc) }()

	progress := isTerminal(stderr)
	var rows []Row
	var skips []Skip
	for rowc != nil || skipc != nil {
		select {
		case r, ok := <-rowc:
			if !ok {
				rowc = nil
				continue
			}
			rows = append(rows, r)
		case s, ok := <-skipc:
			if !ok {
				skipc = nil
				continue
			}
			skips = append(skips, s)
		}
		if progress {
			fmt.Fprintf(stderr, "\r%d analysed, %d skipped", len(rows), len(skips))
		}
	}
	if progress {
		fmt.Fprintln(stderr)
	}
	sortRows(rows)
	sort.Slice(skips, func(i, k int) bool { return skips[i].File < skips[k].File })
	prog := progressOf(rows, *workout)
	if *workout != "" {
		// Only the sessions of that workout, in every table.
		var kept []Row
		seen := map[string]bool{}
		var names []string
		for _, r := range rows {
			key := workoutOf(r)
			if key == *workout {
				kept = append(kept, r)
			} else if key != "" && !seen[key] {
				seen[key] = true
				names = append(names, key)
			}
		}
		if len(kept) == 0 {
			sort.Strings(names)
			fmt.Fprintf(stderr, "-workout %q: no session ran that workout or plan", *workout)
			if len(names) > 0 {
				fmt.Fprintf(stderr, " (the sessions ran %s)", strings.Join(names, ", "))
			}
			fmt.Fprintln(stderr)
		}
		rows = kept
	}
	switch *format {
	case "html":
		reps := make([]*report.Report, 0, len(rows))
		for _, r := range rows {
			reps = append(reps, r.rep)
		}
		title := "Training log"
		if len(files) == 1 {
			title += " of " + filepath.Base(filepath.Clean(files[0]))
		}
		if err := page.Season(stdout, title, reps); err != nil {
			fmt.Fprintf(stderr, "trainlog: %v\n", err)
			return 1
		}
	case "csv":
		writeCSV(stdout, rows)
	case "json":
		b, _ := json.Marshal(struct {
			Sessions []Row      `json:"sessions"`
			Progress []Progress `json:"progress"`
			Skipped  []Skip     `json:"skipped"`
		}{nonNil(rows), nonNilP(prog), nonNilS(skips)})
		fmt.Fprintf(stdout, "%s\n", b)
	default:
		writeText(stdout, rows, prog)
	}
	if *chartFile != "" && len(prog) > 0 {
		if err := writeChart(*chartFile, prog[0]); err != nil {
			fmt.Fprintf(stderr, "chart: %v\n", err)
		}
	}
	if len(skips) > 0 {
		fmt.Fprintf(stderr, "%s skipped:\n", words.Count(len(skips), "file"))
		for _, s := range skips {
			fmt.Fprintf(stderr, "  %s: %s\n", s.File, firstLine(s.Error))
		}
	}
	partial := 0
	for _, r := range rows {
		if r.Error != "" {
			partial++
		}
	}
	if partial > 0 {
		fmt.Fprintf(stderr, "%s read in part (the data before the fault is listed):\n", words.Count(partial, "file"))
		for _, r := range rows {
			if r.Error != "" {
				fmt.Fprintf(stderr, "  %s: %s\n", r.File, firstLine(r.Error))
			}
		}
	}
	return 0
}

// walkFile sends the activity file p, or the activity files inside the
// zip archive p, to jobs; anything but a regular file is skipped.
func walkFile(p string, jobs chan<- job, skips chan<- Skip) {
	if err := regular(p); err != nil {
		skips <- Skip{p, err.Error()}
		return
	}
	if strings.HasSuffix(strings.ToLower(p), ".zip") {
		// The archive stays open while its members are read; the
		// runtime closes it with the process.
		z, err := zip.OpenReader(p)
		if err != nil {
			skips <- Skip{p, err.Error()}
			return
		}
		for _, f := range z.File {
			if isActivity(f.Name) {
				jobs <- job{p + "!" + f.Name, f.Open}
			}
		}
		return
	}
	jobs <- job{p, func() (io.ReadCloser, error) { return os.Open(p) }}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func nonNil(r []Row) []Row {
	if r == nil {
		return []Row{}
	}
	return r
}

func nonNilP(p []Progress) []Progress {
	if p == nil {
		return []Progress{}
	}
	return p
}

func nonNilS(s []Skip) []Skip {
	if s == nil {
		return []Skip{}
	}
	return s
}

// A Progress follows one workout across dates.
type Progress struct {
	Workout string      `json:"workout"`
	Points  []ProgPoint `json:"points"`
}

// A ProgPoint is one session of a workout.
type ProgPoint struct {
	Date     string       `json:"date"`
	File     string       `json:"file"`
	Reps     int          `json:"reps"`
	RepTimeS report.Float `json:"mean_rep_time_s"`
	RepPaceS report.Float `json:"mean_rep_pace_s_per_km"`
}

// progressOf groups the sessions with reps by workout (its name, or the
// plan), the most frequent first; only want when given.
func progressOf(rows []Row, want string) []Progress {
	by := map[string]*Progress{}
	var order []string
	for _, r := range rows {
		key := workoutOf(r)
		if key == "" || r.Reps == 0 || want != "" && want != key {
			continue
		}
		p, ok := by[key]
		if !ok {
			p = &Progress{Workout: key}
			by[key] = p
			order = append(order, key)
		}
		p.Points = append(p.Points, ProgPoint{r.Date, r.File, r.Reps, r.RepTimeS, r.RepPaceS})
	}
	var out []Progress
	for _, k := range order {
		if len(by[k].Points) >= 2 {
			out = append(out, *by[k])
		}
	}
	sort.SliceStable(out, func(i, k int) bool { return len(out[i].Points) > len(out[k].Points) })
	return out
}

var csvHeader = []string{"file", "part", "date", "sport", "distance_m", "duration_s", "reps", "confidence", "workout", "plan",
	"mean_rep_pace_s_per_km", "mean_rep_time_s", "fade_s_per_rep", "predicted_mile_s", "error", "not_run"}

func optStr(o report.Float) string {
	if !o.Valid() {
		return ""
	}
	return strconv.FormatFloat(float64(o), 'f', -1, 64)
}

func writeCSV(w io.Writer, rows []Row) {
	cw := csv.NewWriter(w)
	cw.Write(csvHeader)
	for _, r := range rows {
		cw.Write([]string{r.File, r.Part, r.Date, r.Sport, optStr(r.DistanceM), strconv.FormatFloat(r.DurationS, 'f', -1, 64),
			strconv.Itoa(r.Reps), strconv.FormatFloat(r.Confidence, 'f', -1, 64), r.Workout, r.Plan,
			optStr(r.RepPaceS), optStr(r.RepTimeS), optStr(r.FadeS), optStr(r.MileS), r.Error, r.NotRun})
	}
	cw.Flush()
}

func writeText(w io.Writer, rows []Row, prog []Progress) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "date\tsport\tkm\ttime\treps\tworkout\trep pace/km\tfade s/rep\tmile\tfile")
	var others []Row
	for _, r := range rows {
		if r.NotRun != "" {
			others = append(others, r)
			continue
		}
		pace, fade, mile := "-", "-", "-"
		if r.RepPaceS.Valid() {
			pace = cli.Clock(float64(r.RepPaceS))
		}
		if r.FadeS.Valid() {
			fade = fmt.Sprintf("%+.2f", float64(r.FadeS))
		}
		if r.MileS.Valid() {
			mile = cli.Clock(float64(r.MileS))
		}
		date, sport, file := rowNames(r)
		fmt.Fprintf(tw, "%s\t%s\t%.2f\t%s\t%d\t%s\t%s\t%s\t%s\t%s\n", date, sport, r.DistanceM.Or(0)/1000,
			cli.Clock(r.DurationS), r.Reps, workoutOf(r), pace, fade, mile, file)
	}
	tw.Flush()
	fmt.Fprintln(w, "(mile: the mile the session's reps predict; sport -: the file names none)")
	if len(others) > 0 {
		// Rides and swims: listed, not given a runner's figures.
		fmt.Fprintln(w, "\nnot runs (no reps, pace or mile looked for):")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "date\tsport\tkm\ttime\tworkout\tfile\twhy")
		for _, r := range others {
			date, sport, file := rowNames(r)
			workout := r.Workout
			if workout == "" {
				workout = "-"
			}
			fmt.Fprintf(tw, "%s\t%s\t%.2f\t%s\t%s\t%s\t%s\n", date, sport, r.DistanceM.Or(0)/1000, cli.Clock(r.DurationS), workout, file, r.NotRun)
		}
		tw.Flush()
	}
	for _, p := range prog {
		fmt.Fprintf(w, "\nprogress of %q over %d sessions (mean rep time):\n", p.Workout, len(p.Points))
		for _, pt := range p.Points {
			fmt.Fprintf(w, "  %s  %2d reps  %s\n", pt.Date, pt.Reps, cli.Tenths(pt.RepTimeS.Or(math.NaN())))
		}
	}
}

// rowNames are a row's date ("no date" for a file without times), sport
// ("-" when the file names none) and file, with its part and whether it
// was read in part.
func rowNames(r Row) (date, sport, file string) {
	date, sport = r.Date, r.Sport
	if date == "" {
		date = "no date"
	}
	if sport == "" {
		sport = "-"
	}
	file = r.File // the whole name: two files of one name in two folders stay apart
	if r.Part != "" {
		file += " (activity " + strings.Replace(r.Part, "/", " of ", 1) + ")"
	}
	if r.Error != "" {
		file += " (partial)"
	}
	return date, sport, file
}

// writeChart writes the progress chart of p to path.
func writeChart(path string, p Progress) error {
	pl, err := progressPlot(p)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	wt, err := pl.WriterTo(10*vg.Inch, 4*vg.Inch, strings.TrimPrefix(filepath.Ext(path), "."))
	if err != nil {
		return err
	}
	if _, err := wt.WriteTo(&buf); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// progressPlot draws the mean rep time of each session of p against its
// date, sessions spaced by the days between them (chart.ByDate, which the
// season page draws too).
func progressPlot(p Progress) (*plot.Plot, error) {
	title := "Mean rep time of " + p.Workout
	if r := []rune(title); len(r) > 70 {
		title = string(r[:69]) + "…"
	}
	var days []time.Time
	var secs []float64
	for _, pt := range p.Points {
		day, err := time.Parse("2006-01-02", pt.Date)
		if err != nil {
			continue
		}
		days, secs = append(days, day), append(secs, float64(pt.RepTimeS))
	}
	pl := chart.ByDate(title, "mean rep time (s)", days, secs)
	if pl == nil {
		return nil, fmt.Errorf("fewer than two sessions of %s with a rep time", p.Workout)
	}
	return pl, nil
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// workoutOf is the workout a session ran: the watch's workout by name, or
// the plan it was scored against; "" for neither.
func workoutOf(r Row) string {
	if r.Workout != "" {
		return r.Workout
	}
	return r.Plan
}

// sortRows puts the rows in order of their start, undated files (no
// times) last, then by file and part.
func sortRows(rows []Row) {
	sort.Slice(rows, func(i, k int) bool {
		if zi, zk := rows[i].start.IsZero(), rows[k].start.IsZero(); zi != zk {
			return zk // undated files after the dated ones
		}
		if !rows[i].start.Equal(rows[k].start) {
			return rows[i].start.Before(rows[k].start)
		}
		if rows[i].File != rows[k].File {
			return rows[i].File < rows[k].File
		}
		return rows[i].Part < rows[k].Part
	})
}
