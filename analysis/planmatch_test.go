package analysis_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/internal/testkit/synth"
	"github.com/lapkit/lapkit/plan"
)

// TestPlanNeverHidesReps: a plan that does not match the run keeps every
// rep, marks the ones it does not cover as unplanned (not scored), and says
// how the run differs from it, in every lap style and as GPX.
func TestPlanNeverHidesReps(t *testing.T) {
	t.Parallel()
	renders := append([]rendering{renderings[2]}, classRenderings...) // 1 km auto laps too
	if realdata.Race {
		// Workout-step laps, manual laps and GPX under -race.
		renders = []rendering{classRenderings[0], classRenderings[4], classRenderings[5]}
	}
	for _, c := range []struct {
		w         synth.Session
		spec      string
		reps      int
		unplanned []string // "set.rep" of the reps the plan does not cover
		scored    int
		notes     []string // each in a note of the evaluation
	}{
		{synth.SpeedEndurance(), "8x400m@65s r60s", 12, []string{"3.1", "3.2", "3.3", "3.4"}, 8,
			[]string{"12 reps run, the plan has 8", "4 reps not in the plan (3.1-3.4, 400 m): kept, not scored"}},
		{synth.K1000s(), "4x400m@4:20/mi r2min", 5, []string{"1.1", "1.2", "1.3", "1.4", "1.5"}, 0,
			[]string{"5 reps run, the plan has 4", "5 reps not in the plan (1.1-1.5, 1000 m; the plan's 400 m): kept, not scored", "4 reps of the plan not found in the run"}},
		{synth.SpeedEndurance(), "4x(4x400m@65s r60s) r3min", 12, nil, 12,
			[]string{"12 reps run, the plan has 16", "4 reps of the plan not found in the run"}},
		{synth.SpeedEndurance(), "3x(4x400m@50s r60s) r3min", 12, nil, 12,
			[]string{"% slower than the plan's targets on average"}},
	} {
		p, err := plan.Parse(c.spec)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range renders {
			name := fmt.Sprintf("%s with %q, %s", c.w.Name, c.spec, r.name)
			a, err := r.make(c.w)
			if err != nil {
				t.Fatal(err)
			}
			s, err := (&analysis.Options{Plan: p}).Detect(a)
			if err != nil {
				t.Fatal(err)
			}
			var unplanned []string
			for _, x := range s.Reps {
				if x.Unplanned {
					unplanned = append(unplanned, fmt.Sprintf("%d.%d", x.Set, x.N))
				}
			}
			if len(s.Reps) != c.reps || strings.Join(unplanned, " ") != strings.Join(c.unplanned, " ") {
				t.Errorf("%s: %d reps, unplanned %v; want %d, unplanned %v", name, len(s.Reps), unplanned, c.reps, c.unplanned)
			}
			ev := (&analysis.Options{}).Evaluate(a, s)
			if ev.Scored != c.scored {
				t.Errorf("%s: %d reps scored, want %d", name, ev.Scored, c.scored)
			}
			for i, rs := range ev.Reps {
				if rs.Planned == s.Reps[i].Unplanned {
					t.Errorf("%s: rep %d.%d planned %v, unplanned %v", name, rs.Set, rs.N, rs.Planned, s.Reps[i].Unplanned)
				}
			}
			all := strings.Join(texts(ev.Notes), "\n")
			for _, n := range c.notes {
				if !strings.Contains(all, n) {
					t.Errorf("%s: notes %q, want %q", name, texts(ev.Notes), n)
				}
			}
		}
	}
}

// TestPlanMatchingRun: a plan that matches the run adds no note and marks
// no rep; but manual laps the generator presses up to 1.5 s off close reps
// of 390-410 m, judged by their pace (RepScore.ByPace), which a note says.
func TestPlanMatchingRun(t *testing.T) {
	p, _ := plan.Parse("3x(4x400m@65s r60s) r3min")
	for _, r := range classRenderings {
		a, err := r.make(synth.SpeedEndurance())
		if err != nil {
			t.Fatal(err)
		}
		s, _ := (&analysis.Options{Plan: p}).Detect(a)
		ev := (&analysis.Options{}).Evaluate(a, s)
		notes := slices.DeleteFunc(slices.Clone(texts(ev.Notes)), func(n string) bool {
			return s.Source == analysis.SourceManualLap && strings.Contains(n, "judged by pace")
		})
		if len(s.Reps) != 12 || ev.Scored != 12 || len(notes) != 0 {
			t.Errorf("%s: %d reps, %d scored, notes %q", r.name, len(s.Reps), ev.Scored, texts(ev.Notes))
		}
	}
}
