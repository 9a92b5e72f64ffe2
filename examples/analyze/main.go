// Command analyze finds the reps and sets of interval sessions and prints
// them with their rests and the quarter-mile splits.
//
//	go run ./examples/analyze [-format text|json] [-every 402.336] FILE...
//
// With -format json it prints one JSON object per file per line: the
// report other tools embed (schema lapkit.report/v1, documented in
// README.md).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/internal/cli"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/splits"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output: text or json")
	every := fs.String("every", "402.336", "split length for the splits table: metres, km or mi")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: analyze [-format text|json] [-every LENGTH] FILE...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	dist, dur, err := cli.ParseEvery(*every)
	if err != nil || dur > 0 || fs.NArg() == 0 || (*format != "text" && *format != "json") {
		if err != nil {
			fmt.Fprintln(stderr, err)
		}
		fs.Usage()
		return 2
	}
	var det analysis.Detector
	failed := false
	for _, name := range fs.Args() {
		a, err := open.File(name)
		if a == nil {
			failed = true
			if *format == "json" {
				b, _ := json.Marshal(map[string]string{"schema": analysis.Schema, "file": name, "error": err.Error()})
				fmt.Fprintf(stdout, "%s\n", b)
			} else {
				fmt.Fprintf(stdout, "%s\n  error: %v\n\n", name, err)
			}
			continue
		}
		s, derr := det.Detect(a)
		if derr != nil {
			s = &analysis.Session{Notes: []string{derr.Error()}}
		}
		r := analysis.NewReport(a, s, splits.ByDistance(a, dist), dist)
		r.File = name
		if err != nil {
			r.Error = err.Error()
		}
		if *format == "json" {
			b, _ := json.Marshal(r)
			fmt.Fprintf(stdout, "%s\n", b)
		} else {
			text(stdout, &r)
		}
	}
	if failed {
		return 1
	}
	return 0
}

func text(w io.Writer, r *analysis.Report) {
	fmt.Fprintln(w, r.File)
	if r.Error != "" {
		fmt.Fprintf(w, "  error (data before it kept): %s\n", r.Error)
	}
	fmt.Fprintf(w, "  %s %s, %s, %.2f km\n", r.Format, r.Sport, cli.Clock(r.DurationS), r.DistanceM.Or(0)/1000)
	if len(r.Intervals) == 0 {
		fmt.Fprintf(w, "  no reps found: %s\n", strings.Join(r.Notes, "; "))
	} else {
		fmt.Fprintf(w, "  %d reps in %d sets, from %s (confidence %.2f)\n", len(r.Intervals), r.Sets, r.Source, r.Confidence)
		if r.WarmUp != nil {
			fmt.Fprintf(w, "  warm-up %s, %.2f km", cli.Clock(r.WarmUp.DurationS), r.WarmUp.DistanceM/1000)
			if len(r.Strides) > 0 {
				fmt.Fprintf(w, ", %d strides", len(r.Strides))
			}
			fmt.Fprintln(w)
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "  set\trep\tstart\tdistance m\tnominal\ttime\t/km\t/mile\tHR avg\tmax\trest after\t")
		for i, x := range r.Intervals {
			rest := ""
			if i < len(r.Rests) {
				rt := r.Rests[i]
				how := "jog"
				if rt.Standing {
					how = "walk"
				}
				rest = fmt.Sprintf("%s %s", cli.Clock(rt.DurationS), how)
				if rt.Kind == analysis.SetRest {
					rest += " (set)"
				}
			}
			pace := x.PaceSPerKm.Or(0)
			fmt.Fprintf(tw, "  %d\t%d\t%s\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", x.Set, x.Rep, cli.Clock(x.StartS), x.DistanceM,
				x.NominalM.String(), cli.Tenths(x.DurationS), cli.Clock(pace), cli.Clock(pace*1.609344),
				round0(x.AvgHR.String()), x.MaxHR.String(), rest)
		}
		tw.Flush()
		if r.CoolDown != nil {
			fmt.Fprintf(w, "  cool-down %s, %.2f km\n", cli.Clock(r.CoolDown.DurationS), r.CoolDown.DistanceM/1000)
		}
	}
	if len(r.Splits) > 0 {
		fmt.Fprintf(w, "  splits of %g m:", r.SplitM)
		for _, s := range r.Splits {
			mark := ""
			if s.Partial {
				mark = "*"
			}
			fmt.Fprintf(w, " %s%s", cli.Tenths(s.Elapsed.Seconds()), mark)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
}

// round0 trims the decimals of a number string.
func round0(s string) string {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return s[:i]
	}
	return s
}
