// Command gendata writes the synthetic sessions of internal/testkit/synth into
// testdata/, in every rendering the tests and examples use. The output is
// deterministic; run it with `go generate` from the module root.
package main

import (
	"bytes"
	"flag"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/lapkit/lapkit/fit/fitwrite"
	"github.com/lapkit/lapkit/internal/testkit/synth"
	"github.com/lapkit/lapkit/plan"
)

func main() {
	out := flag.String("out", "testdata", "output directory")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	write := func(name string, b []byte, err error) {
		if err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(*out, name)), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*out, name), b, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	for _, f := range Files() {
		b, err := f.Render()
		write(f.Name, b, err)
	}
}

// A File is one generated file.
type File struct {
	Name   string
	Render func() ([]byte, error)
}

// Files lists every generated file.
func Files() []File {
	constant := synth.Constant(5000, synth.Pace(4*time.Minute))
	smart := constant
	smart.Smart = true
	paused := constant
	paused.Pauses = []synth.Pause{{At: 10 * time.Minute, Duration: time.Minute}}
	se := synth.SpeedEndurance()
	seSmart := se
	seSmart.Smart = true
	seNoisy := se
	seNoisy.Noise = 3
	oslo, _ := time.LoadLocation("Europe/Oslo")
	if oslo == nil {
		oslo = time.FixedZone("CEST", 2*3600)
	}
	files := []File{
		{"constant_5k.fit", func() ([]byte, error) { return constant.FIT(synth.LapsAuto1km) }},
		{"constant_5k.gpx", func() ([]byte, error) { return constant.GPX(nil), nil }},
		{"constant_5k.tcx", func() ([]byte, error) { return constant.TCX(synth.LapsAuto1km), nil }},
		{"constant_5k_smart.fit", func() ([]byte, error) { return smart.FIT(synth.LapsAuto1km) }},
		{"constant_5k_pause.fit", func() ([]byte, error) { return paused.FIT(synth.LapsAuto1km) }},
		{"constant_5k_pause.gpx", func() ([]byte, error) { return paused.GPX(oslo), nil }},
		{"speed_endurance_workout.fit", func() ([]byte, error) { return se.FIT(synth.LapsWorkout) }},
		{"speed_endurance_manual.fit", func() ([]byte, error) { return se.FIT(synth.LapsManual) }},
		{"speed_endurance_auto_smart.fit", func() ([]byte, error) { return seSmart.FIT(synth.LapsAuto1km) }},
		{"speed_endurance.gpx", func() ([]byte, error) { return seNoisy.GPX(nil), nil }},
		{"speed_endurance.tcx", func() ([]byte, error) { return se.TCX(synth.LapsManual), nil }},
	}
	// Every other workout of the catalogue, as a watch running the
	// structured workout writes it, recording every second (smart
	// recording is covered by constant_5k_smart.fit and
	// speed_endurance_auto_smart.fit).
	for _, w := range synth.Catalogue()[1:] {
		files = append(files, File{"workout_" + w.Name + ".fit", func() ([]byte, error) { return w.FIT(synth.LapsWorkout) }})
	}
	// The plan of every catalogue workout as a FIT workout file for a
	// watch (examples/workout writes the same).
	for _, w := range synth.Catalogue() {
		files = append(files, File{"plan_" + w.Name + ".fit", func() ([]byte, error) { return planFile(w.Plan, w.Goals) }})
	}
	// Nine weeks of one runner (synth.Season), a folder for the training
	// log and its season page: the Tuesday 6 x 400 m with manual laps,
	// the Saturday easy run with 1 km auto laps.
	for _, w := range synth.Season() {
		mode := synth.LapsManual
		if strings.HasSuffix(w.Name, "-easy") {
			mode = synth.LapsAuto1km
		}
		files = append(files, File{"season/" + w.Name + ".fit", func() ([]byte, error) { return w.FIT(mode) }})
	}
	return files
}

// planFile renders a plan with goals as a FIT workout file stamped with the
// catalogue's epoch.
func planFile(spec, goals string) ([]byte, error) {
	p, err := plan.Parse(spec)
	if err != nil {
		return nil, err
	}
	g, err := plan.ParseGoals(goals)
	if err != nil {
		return nil, err
	}
	w, err := p.Workout(g, 0)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	e := fitwrite.WorkoutEncoder{Created: synth.Epoch}
	err = e.Encode(&buf, w)
	return buf.Bytes(), err
}
