// Package cli holds what lapkit's example programs share: clock and pace
// formatting, and parsing of split lengths.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/plan"
)

// Clock formats seconds as h:mm:ss, or m:ss under an hour
// (lapkit.FormatSeconds); "-" for NaN.
func Clock(s float64) string {
	if math.IsNaN(s) || math.IsInf(s, 0) || math.Abs(s) > maxSeconds {
		return "-"
	}
	return lapkit.FormatSeconds(time.Duration(math.Round(s)) * time.Second)
}

// Tenths formats seconds as m:ss.s, or h:mm:ss.s from an hour, the way
// runners read rep and split times (lapkit.FormatClock); "-" for NaN.
func Tenths(s float64) string {
	if math.IsNaN(s) || math.IsInf(s, 0) || math.Abs(s) > maxSeconds {
		return "-"
	}
	return lapkit.FormatClock(time.Duration(math.Round(s*10)) * 100 * time.Millisecond)
}

// maxSeconds is the longest time Clock and Tenths format: a
// time.Duration holds about 292 years.
const maxSeconds = 9e9

// Pace formats a pace (time per unit distance) as m:ss; "-" for 0.
func Pace(d time.Duration) string {
	if d <= 0 {
		return "-"
	}
	return Clock(d.Seconds())
}

// ParseEvery reads a split length: a distance in metres ("402.336",
// "400m"), kilometres ("1km"), miles ("1mi", "0.25mi"), or a duration
// ("60s", "5min", "1h"), as plan.ParseLength reads a rep's length, or a
// bare number of metres at any precision (positive; the splits say what
// is too short for them). Exactly one of dist and dur is set.
func ParseEvery(s string) (dist float64, dur time.Duration, err error) {
	// A bare number is metres here, at any precision (a quarter mile,
	// 402.336); the rest reads as a plan's rep length.
	if v, perr := strconv.ParseFloat(strings.TrimSpace(s), 64); perr == nil {
		if !(v > 0) || math.IsInf(v, 0) {
			return 0, 0, fmt.Errorf("split length %q: want a positive number with m, km, mi, s, min or h", s)
		}
		return v, 0, nil
	}
	dist, dur, err = plan.ParseLength(s)
	if err != nil {
		return 0, 0, fmt.Errorf("split length: %w", err)
	}
	return dist, dur, nil
}

// parse parses args with fs, flags and file names in any order ("analyze
// a.fit -format json" as "analyze -format json a.fit"; after "--" every
// argument is a file), and returns the file names. help is set for -h or
// -help: the caller prints the usage to stdout and exits 0. The error of a
// bad flag names it and says what is wrong.
func parse(fs *flag.FlagSet, args []string) (files []string, help bool, err error) {
	fs.SetOutput(io.Discard) // the caller prints the usage once
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, true, nil
			}
			return nil, false, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return files, false, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(files, rest...), false, nil
		}
		files, args = append(files, rest[0]), rest[1:]
	}
}

// ChartFormat returns the format of a chart file from its extension (png,
// svg, jpg or jpeg, pdf: what package chart draws), or an error naming the
// file, before anything is written.
func ChartFormat(path string) (string, error) {
	switch ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), ".")); ext {
	case "png", "svg", "jpg", "jpeg", "pdf":
		return ext, nil
	}
	return "", fmt.Errorf("-chart %s: want a .png, .svg, .jpg or .pdf file", path)
}

// A Command is how an example program reads its arguments.
type Command struct {
	Flags   *flag.FlagSet
	Usage   string   // the usage line
	Formats []string // the values -format takes; none: no -format check
	Format  *string  // the -format flag's value
	NoFiles string   // the error when no file is named; "" when none need be
}

// PrintUsage writes the usage line and every flag to w.
func (c *Command) PrintUsage(w io.Writer) {
	fmt.Fprintln(w, c.Usage)
	c.Flags.SetOutput(w)
	c.Flags.PrintDefaults()
}

// Fail writes err, prefixed with the program's name, and the usage to w,
// and returns the exit code of a bad argument, 2.
func (c *Command) Fail(w io.Writer, err error) int {
	fmt.Fprintf(w, "%s: %v\n", c.Flags.Name(), err)
	c.PrintUsage(w)
	return 2
}

// Parse reads args (see parse) and checks that files are named and -format
// is one of Formats. When the program should stop it returns its exit
// code and stop: 0 after -h, with the usage on stdout; 2 after a bad
// argument, with what is wrong and the usage on stderr.
func (c *Command) Parse(args []string, stdout, stderr io.Writer) (files []string, code int, stop bool) {
	files, help, err := parse(c.Flags, args)
	switch {
	case help:
		c.PrintUsage(stdout)
		return nil, 0, true
	case err == nil && len(files) == 0 && c.NoFiles != "":
		err = errors.New(c.NoFiles)
	case err == nil && c.Format != nil && !slices.Contains(c.Formats, *c.Format):
		err = fmt.Errorf("-format %s: want %s or %s", *c.Format, strings.Join(c.Formats[:len(c.Formats)-1], ", "), c.Formats[len(c.Formats)-1])
	}
	if err != nil {
		return nil, c.Fail(stderr, err), true
	}
	return files, 0, false
}

// Width is the widest line the text reports print: their tables fit it, and
// sentences longer than it are wrapped (Wrap).
const Width = 120

// Wrap breaks each line of s longer than width characters at spaces, so that
// a long note reads within the width of the tables beside it. Continuation
// lines keep the line's indentation plus two spaces. Lines that hold a run of
// two spaces after their indentation are table rows, aligned by column, and
// are left whole; so is a single word longer than width.
func Wrap(s string, width int) string {
	var b strings.Builder
	lines := strings.SplitAfter(s, "\n")
	for _, line := range lines {
		body := strings.TrimSuffix(line, "\n")
		nl := line[len(body):]
		text := strings.TrimLeft(body, " ")
		indent := body[:len(body)-len(text)]
		if len(body) <= width || strings.Contains(text, "  ") {
			b.WriteString(line)
			continue
		}
		lead, more := indent, indent+"  "
		for len(lead)+len(text) > width {
			room := width - len(lead)
			cut := -1
			if room > 0 {
				cut = strings.LastIndexByte(text[:room+1], ' ')
			}
			if cut <= 0 {
				cut = strings.IndexByte(text, ' ')
				if cut < 0 {
					break
				}
			}
			b.WriteString(lead + text[:cut] + "\n")
			text = strings.TrimLeft(text[cut:], " ")
			lead = more
		}
		b.WriteString(lead + text + nl)
	}
	return b.String()
}
