// Command workout puts a plan on the watch: it writes the plan as a FIT
// workout file and prints the steps as the watch will run them, each
// target as a rep time and as a pace per km and per mile.
//
//	go run ./examples/workout -plan '3x(4x400m@65s r60s) r3min' [-goal mile=4:23] [-tolerance 0.02] [-name NAME] [-o hall.fit]
//	go run ./examples/workout FILE.fit...   # print the steps of workout files
//
// Garmin watches take a workout file copied over USB into GARMIN/NewFiles;
// it then appears under the watch's workouts. The exit status is 0 when
// every step was written or read, 1 when a file could not be written or
// read, 2 for a bad flag, plan or goal.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/examples/internal/cli"
	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/fit/fitwrite"
	"github.com/lapkit/lapkit/internal/words"
	"github.com/lapkit/lapkit/plan"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("workout", flag.ContinueOnError)
	spec := fs.String("plan", "", `the plan, e.g. "3x(4x400m@65s r60s) r3min"`)
	goalSpec := fs.String("goal", "", "race goals for @mile, @5k, @10k targets, e.g. mile=4:23 or 5k=18:45")
	tol := fs.Float64("tolerance", plan.DefaultTolerance, "the target band, a fraction of the rep time either side")
	out := fs.String("o", "", "write the workout to this .fit file")
	name := fs.String("name", "", "the workout's name on the watch (FIT keeps 15 bytes; default: the plan)")
	cmd := cli.Command{Flags: fs, Usage: "usage: workout -plan SPEC [-goal mile=4:23] [-tolerance 0.02] [-name NAME] [-o FILE.fit] | workout FILE.fit..."}
	files, code, stop := cmd.Parse(args, stdout, stderr)
	if stop {
		return code
	}
	switch {
	case *spec == "" && len(files) == 0:
		return cmd.Fail(stderr, errors.New("no -plan to write and no workout file to read"))
	case *spec != "" && len(files) > 0:
		return cmd.Fail(stderr, fmt.Errorf("-plan writes a workout, %s names files to read: one or the other", strings.Join(files, " ")))
	case *spec == "" && (*out != "" || *name != ""):
		return cmd.Fail(stderr, errors.New("-o and -name write the workout of a -plan"))
	case !(*tol > 0 && *tol < 0.5):
		return cmd.Fail(stderr, fmt.Errorf("-tolerance %g: want a fraction above 0 and under 0.5", *tol))
	case *out != "" && !strings.EqualFold(filepath.Ext(*out), ".fit"):
		return cmd.Fail(stderr, fmt.Errorf("-o %s: want a .fit file", *out))
	}
	if *spec == "" {
		failed := false
		for _, name := range files {
			f, err := os.Open(name)
			if err != nil {
				fmt.Fprintln(stderr, err)
				failed = true
				continue
			}
			w, err := fit.DecodeWorkout(f)
			f.Close()
			if w == nil {
				fmt.Fprintf(stderr, "%s: %v\n", name, err)
				failed = true
				continue
			}
			fmt.Fprintf(stdout, "%s: %s\n", name, describe(w))
			steps(stdout, w)
			if err != nil {
				fmt.Fprintf(stderr, "%s: %v (the steps before it are shown)\n", name, err)
				failed = true
			}
		}
		if failed {
			return 1
		}
		return 0
	}
	p, err := plan.Parse(*spec)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	g, err := plan.ParseGoals(*goalSpec)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	w, err := p.Workout(g, *tol)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if *name != "" {
		w.Name = *name
	}
	var buf bytes.Buffer
	if err := fitwrite.EncodeWorkout(&buf, w); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintln(stdout, describe(w))
	if cut := fitwrite.Cut(w.Name, fitwrite.MaxName); cut != w.Name {
		fmt.Fprintf(stdout, "the watch shows the name as %q (a workout file keeps %d bytes; -name sets another)\n", cut, fitwrite.MaxName)
	}
	steps(stdout, w)
	if *out == "" {
		fmt.Fprintln(stdout, "no file written: -o FILE.fit writes it")
		return 0
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes): copy it to GARMIN/NewFiles on the watch over USB; it then appears under the watch's workouts\n", *out, buf.Len())
	return 0
}

// describe is the workout's name and how long it is.
func describe(w *lapkit.Workout) string {
	name := w.Name
	if name == "" {
		name = "workout"
	}
	return fmt.Sprintf("%s: %s", name, words.Count(len(w.Steps), "step"))
}

// steps prints the steps as a watch lists them: 1-based, repeats naming
// the steps they go back to.
func steps(out io.Writer, w *lapkit.Workout) {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for i, st := range w.Steps {
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\n", i+1, fitwrite.Cut(st.Name, fitwrite.MaxName), length(st), target(st))
	}
	tw.Flush()
}

// length says when the step ends.
func length(st lapkit.WorkoutStep) string {
	switch st.Duration {
	case lapkit.DurationOpen:
		return "until the lap button"
	case lapkit.DurationTime:
		return clock(st.Time)
	case lapkit.DurationDistance:
		return fmt.Sprintf("%g m", st.Distance)
	case lapkit.DurationRepeat:
		return fmt.Sprintf("repeat steps %d-%d, %s in all", st.RepeatFrom+1, st.Index, words.Count(st.Repeats, "time"))
	}
	return st.Duration.String()
}

// target says what the watch holds the runner to: for a speed range, the
// rep time it allows (distance steps) and the pace per km and per mile.
func target(st lapkit.WorkoutStep) string {
	t := st.Target
	switch {
	case st.Duration == lapkit.DurationRepeat:
		return ""
	case t.Kind == lapkit.TargetSpeed && t.Low > 0 && t.High > 0:
		pace := func(unit float64) string {
			return fmt.Sprintf("%s-%s/%s", clock(perUnit(t.High, unit)), clock(perUnit(t.Low, unit)), map[float64]string{1000: "km", lapkit.Mile: "mi"}[unit])
		}
		s := pace(1000) + "  " + pace(lapkit.Mile)
		if st.Duration == lapkit.DurationDistance {
			s = fmt.Sprintf("%s-%s  ", tenths(st.Distance/t.High), tenths(st.Distance/t.Low)) + s
		}
		return s
	case t.Kind == lapkit.TargetOpen:
		if note, ok := strings.CutPrefix(st.Notes, "target @"); ok {
			return "no pace on the watch (plan: @" + note + ")"
		}
		return "no target"
	}
	return t.Kind.String()
}

func perUnit(speed, unit float64) time.Duration {
	return time.Duration(unit / speed * float64(time.Second))
}

// clock formats d as m:ss, h:mm:ss from an hour, rounded to the second.
func clock(d time.Duration) string { return cli.Clock(d.Seconds()) }

// tenths formats seconds as a rep time: 65.4 s, 1:58.0.
func tenths(s float64) string {
	if s < 60 {
		return fmt.Sprintf("%.1f s", math.Round(s*10)/10)
	}
	return cli.Tenths(s)
}
