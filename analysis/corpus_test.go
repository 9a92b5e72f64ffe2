package analysis_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"hash"
	"io"
	"math"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/open"
)

var updateCorpus = flag.Bool("update-corpus", false, "rewrite testdata/corpus.digest from the real files")

// corpusDigest is where TestCorpusDigest keeps what lapkit reads from each
// real file: one line per file with short hashes of its samples, laps,
// sessions and the rest of the activity, workout, notes, error and reps.
// A change of any of them on any real file fails the test and names the
// file and the part; a change meant to alter them rewrites the digest
// with -update-corpus and says so in its commit.
const corpusDigest = "../testdata/corpus.digest"

// TestCorpusDigest decodes every real file (every third under -race or
// -short) and detects its reps, and compares what it read with the digest.
func TestCorpusDigest(t *testing.T) {
	if !*updateCorpus {
		t.Parallel()
	}
	files := realdata.Files(t)
	want := map[string]string{}
	if !*updateCorpus {
		f, err := os.Open(corpusDigest)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			name, rest, _ := strings.Cut(sc.Text(), "\t")
			want[name] = rest
		}
		f.Close()
	}
	step := realdata.Step()
	if *updateCorpus {
		step = 1
	}
	type row struct{ name, digest string }
	rows := make([]row, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, p := range files {
		if i%step != 0 {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			name := realdata.Rel(t, p)
			rows[i] = row{name, digestFile(p, name)}
		}()
	}
	wg.Wait()
	if *updateCorpus {
		var b strings.Builder
		for _, r := range rows {
			fmt.Fprintf(&b, "%s\t%s\n", r.name, r.digest)
		}
		if err := os.WriteFile(corpusDigest, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if len(want) == 0 {
		t.Fatal("empty digest")
	}
	diffs := 0
	for _, r := range rows {
		if r.name == "" {
			continue
		}
		w, ok := want[r.name]
		if !ok {
			t.Errorf("%s: not in the digest (run with -update-corpus)", r.name)
			continue
		}
		if w != r.digest {
			diffs++
			t.Errorf("%s:\n got %s\nwant %s\n(%s)", r.name, r.digest, w, digestParts)
		}
	}
	if diffs > 0 {
		t.Logf("%d files differ", diffs)
	}
}

const digestParts = "samples laps sessions activity workout notes error reps"

// digestFile reads the file at path p and hashes what lapkit made of it.
// Errors are hashed with p written as name, the file's path under the
// real-data folder, so that the digest does not depend on where the
// repository is cloned.
func digestFile(p, name string) string {
	a, err := open.File(p)
	parts := make([]hash.Hash, 8)
	for i := range parts {
		parts[i] = sha256.New()
	}
	n := [3]int{}
	if a != nil {
		n = [3]int{len(a.Samples), len(a.Laps), len(a.Sessions)}
		for _, s := range a.Samples {
			fmt.Fprintf(parts[0], "%d %s %s %s %s %s %s %s %s\n", s.Time.UnixNano(), f(s.Distance), f(s.Lat), f(s.Lon),
				f(s.Altitude), f(s.Speed), f(s.HeartRate), f(s.Cadence), f(s.Power))
		}
		for _, l := range a.Laps {
			fmt.Fprintf(parts[1], "%s %s %s %s %s %s %s %d %s %s %s %s\n", tm(l.Start), tm(l.End), f(l.Distance), l.TimerTime, l.ElapsedTime,
				l.Trigger, l.Intensity, lapStep(l), f(l.AvgHeartRate), f(l.MaxHeartRate), f(l.AvgSpeed), f(l.MaxSpeed))
		}
		for _, s := range a.Sessions {
			fmt.Fprintf(parts[2], "%s %s %s %s %s %s %s %d %d\n", s.Sport, s.SubSport, tm(s.Start), tm(s.End), f(s.Distance),
				s.TimerTime, s.ElapsedTime, s.FirstLap, s.NumLaps)
		}
		fmt.Fprintf(parts[3], "%s|%s|%s|%s|%s|%s|%s|%d|%s\n", a.Format, a.Sport, a.SubSport, a.Name, a.Device.Manufacturer,
			a.Device.Product, tm(a.Start), a.Device.Serial, a.DistanceSource)
		for _, p := range a.Pauses {
			fmt.Fprintf(parts[3], "%s %s\n", tm(p.Start), tm(p.End))
		}
		if w := a.Workout; w != nil {
			fmt.Fprintf(parts[4], "%s|%s\n", w.Name, w.Sport)
			for _, s := range w.Steps {
				fmt.Fprintf(parts[4], "%d|%s|%s|%s|%s|%s|%s|%d|%d|%s %s %s %d\n", s.Index, s.Name, s.Notes, s.Intensity, s.Duration,
					s.Time, f(s.Distance), s.RepeatFrom, s.Repeats, s.Target.Kind, f(s.Target.Low), f(s.Target.High), s.Target.Zone)
			}
		}
		for _, x := range a.Notes {
			fmt.Fprintf(parts[5], "%s|%s|%d|%s\n", x.Kind, tm(x.Time), x.Count, x.Text)
		}
	}
	if err != nil {
		fmt.Fprintf(parts[6], "%s", strings.ReplaceAll(err.Error(), p, name))
	}
	if a != nil {
		s, derr := analysis.Detect(a)
		digestSession(parts[7], s, derr)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d/%d/%d", n[0], n[1], n[2])
	for _, h := range parts {
		b.WriteByte(' ')
		b.WriteString(hex.EncodeToString(h.Sum(nil))[:10])
	}
	return b.String()
}

// kinded writes notes as kind: text, so that the digest holds both.
func kinded(notes []lapkit.Note) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = string(n.Kind) + ": " + n.Text
	}
	return out
}

func digestSession(w io.Writer, s *analysis.Session, err error) {
	if err != nil {
		fmt.Fprintf(w, "error %s\n", err)
	}
	if s == nil {
		return
	}
	fmt.Fprintf(w, "%s %.4f %d %v\n", s.Source, s.Confidence, s.Sets, kinded(s.Notes))
	span := func(x analysis.Span) string {
		return fmt.Sprintf("%s-%s %s", tm(x.Start), tm(x.End), f(x.Distance))
	}
	for _, x := range []*analysis.Span{s.WarmUp, s.CoolDown} {
		if x != nil {
			fmt.Fprintln(w, span(*x))
		}
	}
	for _, r := range s.Reps {
		fmt.Fprintf(w, "%d.%d %s %s %s %s %s %s %s %s %s %.4f %v %v %v\n", r.Set, r.N, span(r.Span), r.Moving, f(r.Nominal),
			f(r.AvgSpeed), f(r.MaxSpeed), f(r.AvgHeartRate), f(r.MaxHeartRate), f(r.AvgCadence),
			r.Source, r.Confidence, kinded(r.Notes), r.Unplanned, r.Quality)
		if r.Effort != nil {
			fmt.Fprintln(w, span(*r.Effort))
		}
	}
	for _, r := range s.Rests {
		fmt.Fprintf(w, "%d.%d %s %v %s %s\n", r.AfterSet, r.AfterRep, r.Kind, r.Standing, span(r.Span), f(r.AvgSpeed))
	}
	for _, x := range s.Strides {
		fmt.Fprintln(w, span(x))
	}
}

// lapStep is the lap's workout step index, -1 when none.
func lapStep(l lapkit.Lap) int {
	if !l.HasWorkoutStep {
		return -1
	}
	return l.WorkoutStep
}

func f(v float64) string {
	if math.IsNaN(v) {
		return "NaN"
	}
	return fmt.Sprint(v)
}

func tm(t time.Time) string {
	if t.IsZero() {
		return "0"
	}
	return fmt.Sprint(t.UnixNano())
}
