// Command splits prints the splits of activity files: quarter miles by
// default, or any distance or duration, with pace per mile and per km, heart
// rate, cadence and climb, the pacing verdict and the best efforts.
//
//	go run ./examples/splits [-every 402.336|400m|1km|1mi|5min] [-moving] [-format text|json|csv] FILE...
//
// -moving also leaves out of moving time the stretches slower than
// Strava's stop speed (0.894 m/s); by default only timer pauses are left
// out, as on the watch. JSON prints one object per file per line; CSV one
// row per split with the file in the first column. The exit status is 0
// when every file was read whole, 3 when one was read only in part (its
// error on stderr), 1 when one could not be read or split, 2 for a bad
// flag.
package main

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/examples/internal/cli"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/report"
	"github.com/lapkit/lapkit/splits"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// fileReport is one file's splits, and their JSON form.
type fileReport struct {
	File   string          `json:"file"`
	Error  string          `json:"error,omitempty"`
	Format string          `json:"format,omitempty"`
	EveryM *float64        `json:"every_m,omitempty"`
	EveryS *float64        `json:"every_s,omitempty"`
	Splits []splits.Split  `json:"-"`
	Pacing *splits.Pacing  `json:"-"`
	Best   []splits.Effort `json:"-"`

	// The JSON forms of the three above (package report's schema).
	JSONSplits []report.Split  `json:"splits"`
	JSONPacing *report.Pacing  `json:"pacing,omitempty"`
	JSONBest   []report.Effort `json:"best_efforts,omitempty"`
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("splits", flag.ContinueOnError)
	every := fs.String("every", "402.336", "split length: metres (402.336, 400m), km (1km), miles (1mi), or time (60s, 5min)")
	moving := fs.Bool("moving", false, "leave stretches slower than 0.894 m/s out of moving time (Strava)")
	format := fs.String("format", "text", "output: text, json or csv")
	cmd := cli.Command{Flags: fs, Usage: "usage: splits [-every LENGTH] [-moving] [-format text|json|csv] FILE...", Formats: []string{"text", "json", "csv"}, Format: format, NoFiles: "no file to split"}
	files, code, stop := cmd.Parse(args, stdout, stderr)
	if stop {
		return code
	}
	dist, dur, err := cli.ParseEvery(*every)
	if err == nil && dur > 0 {
		err = splits.CheckDuration(dur)
	} else if err == nil {
		err = splits.CheckDistance(dist)
	}
	if err != nil {
		return cmd.Fail(stderr, err)
	}
	var sp splits.Splitter
	if *moving {
		sp.StopSpeed = splits.StravaStopSpeed
	}
	var cw *csv.Writer
	if *format == "csv" {
		cw = csv.NewWriter(stdout)
		cw.Write(csvHeader)
	}
	failed, partial := false, false
	for _, name := range files {
		r := fileReport{File: name, Splits: []splits.Split{}}
		a, err := open.File(name)
		if err != nil {
			r.Error = err.Error()
			fmt.Fprintln(stderr, err) // it names the file
		}
		if a == nil {
			failed = true
		} else {
			partial = partial || err != nil
			r.Format = string(a.Format)
			var serr error
			if dur > 0 {
				r.Splits, serr = sp.ByTime(a, dur)
				r.EveryS = ptr(dur.Seconds())
			} else {
				r.Splits, serr = sp.ByDistance(a, dist)
				r.EveryM = ptr(dist)
			}
			if serr != nil {
				// Too many splits for this activity: said, and
				// nothing split.
				failed = true
				r.Error = strings.TrimPrefix(r.Error+"; "+serr.Error(), "; ")
				fmt.Fprintf(stderr, "%s: %v\n", name, serr)
			}
			if r.Splits == nil {
				r.Splits = []splits.Split{}
			}
			p := splits.Verdict(r.Splits)
			r.Pacing = &p
			r.Best = sp.Best(a)
		}
		switch *format {
		case "json":
			r.JSONSplits = report.Splits(r.Splits)
			if r.Pacing != nil {
				r.JSONPacing = ptr(report.PacingOf(*r.Pacing))
			}
			if r.Best != nil {
				r.JSONBest = report.Efforts(r.Best)
			}
			var v any = r
			if a == nil {
				v = struct {
					File  string `json:"file"`
					Error string `json:"error"`
				}{r.File, r.Error}
			}
			b, _ := json.Marshal(v)
			fmt.Fprintf(stdout, "%s\n", b)
		case "csv":
			for _, s := range r.Splits {
				cw.Write(csvRow(name, &s))
			}
		default:
			var b strings.Builder
			text(&b, &r, a, sp.StopSpeed)
			io.WriteString(stdout, cli.Wrap(b.String(), cli.Width))
		}
	}
	if cw != nil {
		cw.Flush()
	}
	switch {
	case failed:
		return 1
	case partial:
		return 3
	}
	return 0
}

func ptr[T any](v T) *T { return &v }

var csvHeader = []string{"file", "n", "distance_m", "start_s", "end_s", "duration_s", "moving_s",
	"pace_s_per_km", "pace_s_per_mile", "avg_hr_bpm", "max_hr_bpm", "avg_cadence_spm", "ascent_m", "descent_m", "partial"}

func num(v float64, prec int) string { return strconv.FormatFloat(v, 'f', prec, 64) }

// opt formats v, or "" when absent (NaN).
func opt(v float64, prec int) string {
	if math.IsNaN(v) {
		return ""
	}
	return num(v, prec)
}

func csvRow(file string, s *splits.Split) []string {
	pace, paceMi := "", ""
	if s.Distance > 0 {
		pace, paceMi = num(s.Pace().Seconds(), 3), num(s.PacePerMile().Seconds(), 3)
	}
	return []string{file, strconv.Itoa(s.N), num(s.Distance, 2), num(s.StartOffset.Seconds(), 3), num(s.EndOffset.Seconds(), 3),
		num(s.Elapsed.Seconds(), 3), num(s.Moving.Seconds(), 3), pace, paceMi,
		opt(s.AvgHeartRate, 1), opt(s.MaxHeartRate, 0), opt(s.AvgCadence, 1), opt(s.Ascent, 1), opt(s.Descent, 1),
		strconv.FormatBool(s.Partial)}
}

func text(w io.Writer, r *fileReport, a *lapkit.Activity, stopSpeed float64) {
	fmt.Fprintln(w, r.File)
	if a == nil {
		fmt.Fprintf(w, "  error: %s\n\n", r.Error)
		return
	}
	if r.Error != "" {
		fmt.Fprintf(w, "  error (data before it kept): %s\n", r.Error)
	}
	if len(r.Splits) == 0 {
		fmt.Fprintln(w, "  no splits: the activity has no distance")
		fmt.Fprintln(w)
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  split\tdistance m\ttime\tmoving\t/mile\t/km\tHR avg\tmax\tcadence\tclimb m\t")
	for _, s := range r.Splits {
		mark := ""
		if s.Partial {
			mark = "*"
		}
		fmt.Fprintf(tw, "  %d%s\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t+%s -%s\t\n", s.N, mark, s.Distance,
			cli.Tenths(s.Elapsed.Seconds()), cli.Tenths(s.Moving.Seconds()), cli.Pace(s.PacePerMile()), cli.Pace(s.Pace()),
			opt(s.AvgHeartRate, 0), opt(s.MaxHeartRate, 0), opt(s.AvgCadence, 0), opt(s.Ascent, 0), opt(s.Descent, 0))
	}
	tw.Flush()
	// What moving means: a runner standing between reps reads a moving
	// time equal to the time unless -moving is given.
	moving := "timer running, pauses out; -moving also leaves out time under 0.894 m/s"
	if stopSpeed > 0 {
		moving = fmt.Sprintf("timer running and over %.3f m/s", stopSpeed)
	}
	fmt.Fprintf(w, "  (moving: %s; pace over moving; *: partial)\n", moving)
	if p := r.Pacing; p != nil && p.Kind != splits.PacingUnknown {
		fmt.Fprintf(w, "  pacing: %s split over %d full splits: first half %s/km, second half %s/km (%+.1f%%), %+.2f s/km per split\n",
			p.Kind, p.Splits, cli.Pace(p.FirstHalf), cli.Pace(p.SecondHalf), 100*p.Change, p.Slope)
	}
	for _, e := range r.Best {
		fmt.Fprintf(w, "  best %s: %s at %s\n", effortName(e.Distance), cli.Tenths(e.Elapsed.Seconds()), cli.Clock(e.StartOffset.Seconds()))
	}
	fmt.Fprintln(w)
}

func effortName(d float64) string {
	switch d {
	case lapkit.QuarterMile:
		return "quarter mile"
	case lapkit.Mile:
		return "mile"
	}
	if d >= 1000 {
		return strconv.FormatFloat(d/1000, 'f', -1, 64) + " km"
	}
	return strconv.FormatFloat(d, 'f', -1, 64) + " m"
}
