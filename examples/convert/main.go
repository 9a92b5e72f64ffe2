// Command convert writes any activity lapkit reads (FIT, GPX or TCX,
// gzipped or not) as GPX 1.1, for the tools runners share sessions in.
//
//	go run ./examples/convert [-reps] [-tracks] [-plan SPEC] IN OUT.gpx
//
// -reps marks each rep's start and end with a waypoint ("1.2 start"),
// -tracks writes each rep (and each stretch between reps) as a track of its
// own; -plan finds the reps with a plan instead of the file's own workout.
// Heart rate, cadence and speed go into Garmin's TrackPointExtension, power
// into its PowerExtension. The exit status is 0 when the input was read
// whole and written (samples without a position, before the GPS fix or in
// a tunnel, are left out and said on stderr), 3 when the input was read
// only in part or no sample has a position (a treadmill run: the GPX holds
// no point), 1 when nothing could be written, 2 for a bad flag or plan.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/examples/internal/cli"
	"github.com/lapkit/lapkit/gpx/gpxwrite"
	"github.com/lapkit/lapkit/internal/words"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	reps := fs.Bool("reps", false, "mark each rep's start and end with a waypoint")
	tracks := fs.Bool("tracks", false, "write each rep, and each stretch between reps, as a track of its own")
	spec := fs.String("plan", "", `find the reps with this plan, e.g. "3x(4x400m@65s r60s) r3min" (default: the file's workout)`)
	cmd := cli.Command{Flags: fs, Usage: "usage: convert [-reps] [-tracks] [-plan SPEC] IN OUT.gpx", NoFiles: "no input and output file"}
	files, code, stop := cmd.Parse(args, stdout, stderr)
	if stop {
		return code
	}
	switch {
	case len(files) != 2:
		return cmd.Fail(stderr, fmt.Errorf("want an input and an output file, got %d names", len(files)))
	case !strings.EqualFold(filepath.Ext(files[1]), ".gpx"):
		return cmd.Fail(stderr, fmt.Errorf("%s: the output is a .gpx file", files[1]))
	case *spec != "" && !*reps && !*tracks:
		return cmd.Fail(stderr, errors.New("-plan finds the reps for -reps or -tracks: name one of them"))
	}
	in, out := files[0], files[1]
	var given *plan.Plan
	if *spec != "" {
		p, err := plan.Parse(*spec)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 2
		}
		given = p
	}
	a, err := open.File(in)
	if a == nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	partial := false
	if err != nil {
		fmt.Fprintf(stderr, "%v (the data before it is kept)\n", err)
		partial = true
	}
	var opts []gpxwrite.Option
	nreps := 0
	if *reps || *tracks {
		s, note := detect(a, given)
		if note != "" {
			fmt.Fprintf(stderr, "%s: %s\n", in, note)
		}
		if s != nil {
			nreps = len(s.Reps)
			if *reps {
				opts = append(opts, gpxwrite.WithMarks(marks(s)...))
			}
			if *tracks {
				opts = append(opts, gpxwrite.WithParts(parts(s)...))
			}
		}
	}
	var buf bytes.Buffer
	err = gpxwrite.Encode(&buf, a, opts...)
	switch {
	case errors.Is(err, gpxwrite.ErrNoPosition):
		// A few samples before the GPS fix, or a tunnel, are no fault
		// of the file: said, not failed. A run with no position at all
		// (a treadmill) leaves a GPX of no point: that is exit 3.
		fmt.Fprintf(stderr, "%s: %v\n", in, err)
		partial = partial || positioned(a) == 0
	case err != nil:
		fmt.Fprintf(stderr, "%s: %v\n", in, err)
		return 1
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "%s -> %s: %s, %s, %d bytes", in, out, words.Count(positioned(a), "point"), words.Count(len(a.Pauses), "pause"), buf.Len())
	if *reps || *tracks {
		fmt.Fprintf(stdout, ", %s", words.Count(nreps, "rep"))
	}
	fmt.Fprintln(stdout)
	if partial {
		return 3
	}
	return 0
}

// detect finds the reps with the plan given, else the file's workout; the
// note says why there are none.
func detect(a *lapkit.Activity, given *plan.Plan) (*analysis.Session, string) {
	p, perr := plan.For(a, given)
	d := analysis.Options{Plan: p}
	s, err := d.Detect(a)
	switch {
	case err != nil:
		return nil, "no reps marked: " + err.Error()
	case len(s.Reps) == 0:
		why := make([]string, len(s.Notes))
		for i, n := range s.Notes {
			why[i] = n.Text
		}
		return nil, "no reps marked: " + strings.Join(why, "; ")
	case perr != nil:
		return s, "the file's workout gives no plan (" + perr.Error() + "): reps found without one"
	}
	return s, ""
}

// marks are a waypoint at each rep's start and end.
func marks(s *analysis.Session) []gpxwrite.Mark {
	var out []gpxwrite.Mark
	for _, r := range s.Reps {
		name := fmt.Sprintf("%d.%d", r.Set, r.N)
		out = append(out, gpxwrite.Mark{Name: name + " start", Time: r.Start}, gpxwrite.Mark{Name: name + " end", Time: r.End})
	}
	return out
}

// parts are the reps, and the warm-up, rests and cool-down around them.
func parts(s *analysis.Session) []gpxwrite.Part {
	var out []gpxwrite.Part
	if s.WarmUp != nil {
		out = append(out, gpxwrite.Part{Name: "warm-up", Start: s.WarmUp.Start, End: s.WarmUp.End})
	}
	for i, r := range s.Reps {
		out = append(out, gpxwrite.Part{Name: fmt.Sprintf("rep %d.%d", r.Set, r.N), Start: r.Start, End: r.End})
		if i < len(s.Rests) {
			x := s.Rests[i]
			out = append(out, gpxwrite.Part{Name: fmt.Sprintf("rest after %d.%d", x.AfterSet, x.AfterRep), Start: x.Start, End: x.End})
		}
	}
	if s.CoolDown != nil {
		out = append(out, gpxwrite.Part{Name: "cool-down", Start: s.CoolDown.Start, End: s.CoolDown.End})
	}
	return out
}

func positioned(a *lapkit.Activity) int {
	n := 0
	for i := range a.Samples {
		if a.Samples[i].HasPosition() {
			n++
		}
	}
	return n
}
