package open_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/fit/fitwrite"
	"github.com/lapkit/lapkit/gpx/gpxwrite"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/report"
)

// concurrentPlans are written as watch workouts while the files are read.
var concurrentPlans = []string{
	"3x(4x400m@65s r60s) r3min", "2x(6x200m@mile r90s) r7min", "6x400m@84s-76s r1min",
	"5x1000m@5k r1min", "4x4min r850m", "2x10min@4:10/km r5min",
}

// TestConcurrent is where the race detector looks: the README's test
// command runs the tests named Concurrent under -race. It reads every
// second bundled file and every sixth real file (every fifth and every
// fifteenth under -race and -short), each from two goroutines at once and
// all files together, through the whole pipeline a program embedding
// lapkit runs (open, report.New with its detection, evaluation and splits,
// JSON, gpxwrite.Encode), and writes the plans as FIT workouts alongside. Every
// result must equal the one made alone, before: no decoder, detector or
// writer may share state between calls.
func TestConcurrent(t *testing.T) {
	bundled, _ := filepath.Glob("../testdata/*")
	bundled = slices.DeleteFunc(bundled, func(p string) bool { return filepath.Ext(p) == ".digest" || filepath.Ext(p) == "" }) // not the season/ folder
	var real []string
	if _, err := os.Stat(filepath.Join("..", "..", "shared", "realdata")); err == nil {
		real = realdata.Files(t)
	}
	var files []string
	step := 2 // of the bundled files; three times that of the real ones
	if realdata.Race || testing.Short() {
		step = 5
	}
	for i := 0; i < len(bundled); i += step {
		files = append(files, bundled[i])
	}
	for i := 0; i < len(real); i += 3 * step {
		files = append(files, real[i])
	}
	goals, err := plan.ParseGoals("mile=4:23 5k=16:30")
	if err != nil {
		t.Fatal(err)
	}
	jobs := len(files) + len(concurrentPlans)
	run := func(i int) []byte {
		var b bytes.Buffer
		if i >= len(files) {
			p, err := plan.Parse(concurrentPlans[i-len(files)])
			if err != nil {
				return []byte(err.Error())
			}
			w, err := p.Workout(goals, 0)
			if err == nil {
				e := fitwrite.WorkoutEncoder{Created: time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)}
				err = e.Encode(&b, w)
			}
			fmt.Fprint(&b, err)
			return b.Bytes()
		}
		a, err := open.File(files[i])
		fmt.Fprintln(&b, err)
		j, err := json.Marshal(report.New(a, report.Options{Options: analysis.Options{Goals: goals}}))
		fmt.Fprintln(&b, err)
		b.Write(j)
		if a != nil {
			fmt.Fprintln(&b, gpxwrite.Encode(&b, a))
		}
		return b.Bytes()
	}
	alone := make([][]byte, jobs)
	for i := range jobs {
		alone[i] = run(i)
	}
	var wg sync.WaitGroup
	together := make([][2][]byte, jobs)
	for i := range jobs {
		for k := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				together[i][k] = run(i)
			}()
		}
	}
	wg.Wait()
	for i := range jobs {
		name := fmt.Sprint("plan ", i-len(files))
		if i < len(files) {
			name = files[i]
		}
		for k := range 2 {
			if !bytes.Equal(together[i][k], alone[i]) {
				t.Errorf("%s: read with the others, not as read alone", name)
			}
		}
	}
	t.Logf("%d files and %d plans, each twice at once", len(files), len(concurrentPlans))
}
