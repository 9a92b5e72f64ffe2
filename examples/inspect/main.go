// Command inspect prints what lapkit reads from activity files: format,
// sport, device, start, duration, moving time, distance, samples, and the
// laps table.
//
//	go run ./examples/inspect [-format text|json] FILE...
//
// With -format json it prints one JSON object per file per line. A file that
// cannot be read prints an object with "file" and "error", and the program
// goes on; the exit code is 1 when any file failed entirely, 3 when one
// was read only in part (its error also on stderr).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/examples/internal/cli"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/report"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the program, apart from the process: it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("inspect", flag.ContinueOnError)
	format := fs.String("format", "text", "output format: text or json")
	cmd := cli.Command{Flags: fs, Usage: "usage: inspect [-format text|json] FILE...", Formats: []string{"text", "json"}, Format: format, NoFiles: "no file to inspect"}
	files, code, stop := cmd.Parse(args, stdout, stderr)
	if stop {
		return code
	}
	failed, partial := false, false
	for _, name := range files {
		a, err := open.File(name)
		if a == nil {
			failed = true
		}
		if err != nil {
			partial = partial || a != nil
			fmt.Fprintln(stderr, err) // it names the file
		}
		r := newReport(name, a, err)
		if *format == "json" {
			var v any = r
			if a == nil {
				v = struct {
					File  string `json:"file"`
					Error string `json:"error"`
				}{r.File, r.Error}
			}
			b, _ := json.Marshal(v)
			fmt.Fprintf(stdout, "%s\n", b)
		} else {
			var b strings.Builder
			r.text(&b)
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

// fileInfo is the JSON form of one file.
type fileInfo struct {
	File       string        `json:"file"`
	Error      string        `json:"error,omitempty"`
	Format     string        `json:"format,omitempty"`
	Sport      string        `json:"sport,omitempty"`
	SubSport   string        `json:"sub_sport,omitempty"`
	Device     string        `json:"device,omitempty"`
	Start      string        `json:"start,omitempty"`
	DurationS  *report.Float `json:"duration_s,omitempty"`
	MovingS    *report.Float `json:"moving_s,omitempty"`
	DistanceM  *report.Float `json:"distance_m,omitempty"`
	DistanceBy string        `json:"distance_source,omitempty"`
	Samples    *int          `json:"samples,omitempty"`
	Pauses     *int          `json:"pauses,omitempty"`
	Laps       []lap         `json:"laps"`
	Sessions   []session     `json:"sessions,omitempty"`
	Workout    *workout      `json:"workout,omitempty"`
	Notes      []note        `json:"notes,omitempty"`
}

type lap struct {
	N           int          `json:"n"`
	StartS      report.Float `json:"start_s"`
	EndS        report.Float `json:"end_s"`
	DistanceM   report.Float `json:"distance_m"`
	TimerS      report.Float `json:"timer_s"`
	ElapsedS    report.Float `json:"elapsed_s"`
	Trigger     string       `json:"trigger"`
	Intensity   string       `json:"intensity"`
	WorkoutStep *int         `json:"workout_step"`
	AvgHR       report.Float `json:"avg_hr"`
}

type session struct {
	Sport     string       `json:"sport"`
	StartS    report.Float `json:"start_s"`
	DistanceM report.Float `json:"distance_m"`
	TimerS    report.Float `json:"timer_s"`
	ElapsedS  report.Float `json:"elapsed_s"`
}

type note struct {
	Kind lapkit.NoteKind `json:"kind"`
	Text string          `json:"text"`
}

type workout struct {
	Name  string `json:"name"`
	Steps int    `json:"steps"`
}

func ptr[T any](v T) *T { return &v }

func newReport(name string, a *lapkit.Activity, err error) fileInfo {
	r := fileInfo{File: name}
	if err != nil {
		r.Error = err.Error()
	}
	if a == nil {
		return r
	}
	r.Format, r.Sport, r.SubSport, r.Device = string(a.Format), string(a.Sport), a.SubSport, a.Device.String()
	if !a.Start.IsZero() { // a file without times has no start: omitted, not 0001-01-01
		r.Start = a.Start.Format(time.RFC3339Nano)
	}
	r.DurationS = ptr(report.Round(a.Duration().Seconds(), 3))
	r.MovingS = ptr(report.Round(a.MovingTime().Seconds(), 3))
	r.DistanceM = ptr(report.Round(a.Distance(), 2))
	r.DistanceBy = a.DistanceSource
	r.Samples = ptr(len(a.Samples))
	r.Pauses = ptr(len(a.Pauses))
	r.Laps = []lap{}
	for _, n := range a.Notes {
		r.Notes = append(r.Notes, note{n.Kind, n.Text})
	}
	for i, l := range a.Laps {
		x := lap{N: i + 1, StartS: report.Round(a.Offset(l.Start), 3), EndS: report.Round(a.Offset(l.End), 3),
			DistanceM: report.Round(l.Distance, 2), TimerS: report.Round(l.TimerTime.Seconds(), 3),
			ElapsedS: report.Round(l.ElapsedTime.Seconds(), 3), Trigger: l.Trigger.String(),
			Intensity: l.Intensity.String(), AvgHR: report.Float(l.AvgHeartRate)}
		if l.HasWorkoutStep {
			x.WorkoutStep = ptr(l.WorkoutStep)
		}
		r.Laps = append(r.Laps, x)
	}
	if len(a.Sessions) > 1 {
		for _, s := range a.Sessions {
			r.Sessions = append(r.Sessions, session{Sport: string(s.Sport), StartS: report.Round(a.Offset(s.Start), 3),
				DistanceM: report.Float(s.Distance), TimerS: report.Float(s.TimerTime.Seconds()), ElapsedS: report.Float(s.ElapsedTime.Seconds())})
		}
	}
	if a.Workout != nil {
		r.Workout = &workout{Name: a.Workout.Name, Steps: len(a.Workout.Steps)}
	}
	return r
}

func metres(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return fmt.Sprintf("%.1f", v)
}

func (r fileInfo) text(w io.Writer) {
	fmt.Fprintln(w, r.File)
	if r.Format == "" {
		fmt.Fprintf(w, "  error: %s\n\n", r.Error)
		return
	}
	sport := r.Sport
	if r.SubSport != "" {
		sport += "/" + r.SubSport
	}
	fmt.Fprintf(w, "  format %s  sport %s  device %s\n", r.Format, or(sport, "?"), or(r.Device, "?"))
	fmt.Fprintf(w, "  start %s  duration %s  moving %s  distance %s m (%s)  samples %d  pauses %d\n",
		or(r.Start, "none (no times)"), cli.Clock(float64(*r.DurationS)), cli.Clock(float64(*r.MovingS)), metres(float64(*r.DistanceM)),
		or(r.DistanceBy, "none"), *r.Samples, *r.Pauses)
	if r.Workout != nil {
		fmt.Fprintf(w, "  workout %q, %d steps\n", r.Workout.Name, r.Workout.Steps)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "  note: %s\n", n.Text)
	}
	if r.Error != "" {
		fmt.Fprintf(w, "  error (data before it kept): %s\n", r.Error)
	}
	if len(r.Laps) > 0 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "  lap\tstart\tdistance m\ttime\ttrigger\tintensity\tstep\t")
		var early []string
		for _, l := range r.Laps {
			step := "-"
			if l.WorkoutStep != nil {
				step = fmt.Sprint(*l.WorkoutStep)
			}
			start := cli.Clock(float64(l.StartS))
			if l.StartS < 0 {
				// The watch started the lap before its first record: the
				// lap list shows 0:00, as the watch does, and says so.
				start = "0:00*"
				early = append(early, fmt.Sprintf("lap %d began %.1f s before the first sample", l.N, -float64(l.StartS)))
			}
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\t%s\t%s\t\n", l.N, start, metres(float64(l.DistanceM)),
				cli.Tenths(float64(l.TimerS)), l.Trigger, l.Intensity, step)
		}
		tw.Flush()
		for _, e := range early {
			fmt.Fprintf(w, "  * %s (the watch started the lap before it recorded)\n", e)
		}
	}
	fmt.Fprintln(w)
}

func or(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
