package analysis_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/gpx"
	"github.com/lapkit/lapkit/internal/synth"
)

// truthReps merges consecutive rep parts ("rep", "rep-sprint") into reps.
func truthReps(s *synth.Session) []synth.Mark {
	var out []synth.Mark
	prevRep := false
	for _, m := range s.Truth() {
		isRep := strings.HasPrefix(m.Label, "rep")
		if isRep && prevRep {
			out[len(out)-1].End, out[len(out)-1].EndDist = m.End, m.EndDist
		} else if isRep {
			out = append(out, m)
		}
		prevRep = isRep
	}
	return out
}

type rendering struct {
	name string
	tol  time.Duration
	make func(s synth.Session) (*lapkit.Activity, error)
}

func fitRendering(m synth.LapMode, smart bool) func(s synth.Session) (*lapkit.Activity, error) {
	return func(s synth.Session) (*lapkit.Activity, error) {
		s.Smart = smart
		b, err := s.FIT(m)
		if err != nil {
			return nil, err
		}
		return fit.Decode(bytes.NewReader(b))
	}
}

var renderings = []rendering{
	{"workout-step laps", time.Second, fitRendering(synth.LapsWorkout, false)},
	{"manual laps", time.Second, fitRendering(synth.LapsManual, false)},
	{"1 km auto laps, smart recording", time.Second, fitRendering(synth.LapsAuto1km, true)},
	{"GPX, no laps, GPS noise", 3 * time.Second, func(s synth.Session) (*lapkit.Activity, error) {
		s.Noise = 3
		return gpx.Decode(bytes.NewReader(s.GPX(nil)))
	}},
}

func TestCatalogue(t *testing.T) {
	for _, w := range synth.Catalogue() {
		truth := truthReps(&w.Session)
		for _, r := range renderings {
			a, err := r.make(w.Session)
			if err != nil {
				t.Fatal(err)
			}
			s, err := analysis.Detect(a)
			if err != nil {
				t.Fatal(err)
			}
			worst := time.Duration(0)
			if len(s.Reps) == len(truth) {
				for i, m := range truth {
					for _, d := range []time.Duration{s.Reps[i].Start.Sub(m.Start), s.Reps[i].End.Sub(m.End)} {
						worst = max(worst, d, -d)
					}
				}
			}
			fmt.Printf("%-18s %-32s reps %2d/%2d sets %d src %-12s conf %.2f worst %v strides %d\n", w.Name, r.name, len(s.Reps), len(truth), s.Sets, s.Source, s.Confidence, worst, len(s.Strides))
		}
	}
}
