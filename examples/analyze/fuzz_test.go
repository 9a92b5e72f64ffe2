package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/examples/internal/cli"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
	"github.com/lapkit/lapkit/report"
	"github.com/lapkit/lapkit/splits"
)

// FuzzFlagValues drives what a user types for -every, -plan and -goal
// through the library calls the analyzers make, on the bundled session:
// no panic, no more splits than MaxSplits or reps than MaxReps, and a
// report that marshals (no NaN).
func FuzzFlagValues(f *testing.F) {
	a, err := open.File("../../testdata/speed_endurance_workout.fit")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range [][3]string{
		{"402.336", "3x(4x400m@65s r60s) r3min", "mile=4:23"},
		{"1e-10s", "8x400m@0s r60s", "mile=0"},
		{"1e20s", "1000x(1000x400m@65s r60s) r3min", "5k=10:00"},
		{"1e308km", "2x(6x200m@mile r90s) r4min", "10k=34:00,mile=5:00"},
		{"0.0001", "6x3min@4:10/km r2min", "5k=18:45"},
		{"5min", "1x1200m r90s + 1x800m r90s + 1x400m", ""},
		{"1mi", "6x400m@84s-76s r1min", "mile=4:23 5k=16:00"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, every, planSpec, goalSpec string) {
		if dist, dur, err := cli.ParseEvery(every); err == nil {
			var sp []splits.Split
			if dur > 0 {
				sp, err = splits.ByTime(a, dur)
			} else {
				sp, err = splits.ByDistance(a, dist)
			}
			if err == nil && len(sp) > splits.MaxSplits+1 {
				t.Fatalf("-every %q: %d splits", every, len(sp))
			}
		}
		pl, err := plan.Parse(planSpec)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "plan: bad plan") {
				t.Fatalf("plan %q: %v", planSpec, err)
			}
			pl = nil
		} else if pl.Reps() > plan.MaxReps {
			t.Fatalf("plan %q: %d reps", planSpec, pl.Reps())
		}
		goals, err := plan.ParseGoals(goalSpec)
		if err != nil && !strings.HasPrefix(err.Error(), "plan: bad goals") {
			t.Fatalf("goals %q: %v", goalSpec, err)
		}
		d := analysis.Options{Plan: pl}
		s, err := d.Detect(a)
		if err != nil {
			t.Fatal(err)
		}
		r := report.FromSession(a, s, (&analysis.Options{Goals: goals}).Evaluate(a, s))
		if _, err := json.Marshal(r); err != nil {
			t.Fatalf("every %q plan %q goals %q: %v", every, planSpec, goalSpec, err)
		}
	})
}
