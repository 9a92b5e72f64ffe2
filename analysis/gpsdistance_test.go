package analysis_test

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/internal/testkit/synth"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/splits"
)

// distBetween is the distance a covers from t0 to t1.
func distBetween(a *lapkit.Activity, t0, t1 time.Time) float64 {
	var sp splits.Splitter
	return sp.Between(a, t0, t1).Distance
}

// TestGPXDistance: the bundled phone GPX (3 m of GPS wander at 1 s) reads
// the distance of its FIT twin: the total within 1.5 % (it read 10.8 %
// over when every step of the wander counted), every walked rest within
// 10 %, every standing one within 10 m (it read 60 m a minute), every rep
// within 3 %.
func TestGPXDistance(t *testing.T) {
	fa, err := open.File("../testdata/speed_endurance_workout.fit")
	if err != nil {
		t.Fatal(err)
	}
	ga, err := open.File("../testdata/speed_endurance.gpx")
	if err != nil {
		t.Fatal(err)
	}
	total := 100 * (ga.Distance()/fa.Distance() - 1)
	if math.Abs(total) > 1.5 {
		t.Errorf("GPX total %+.2f %% off the FIT's", total)
	}
	s, err := analysis.Detect(fa)
	if err != nil {
		t.Fatal(err)
	}
	var rests, reps []string
	for _, r := range s.Rests {
		f, g := distBetween(fa, r.Start, r.End), distBetween(ga, r.Start, r.End)
		rests = append(rests, fmt.Sprintf("%.0f/%.0f", g, f))
		if f >= 100 && math.Abs(g/f-1) > 0.1 || f < 20 && math.Abs(g-f) > 10 {
			t.Errorf("rest after %d.%d: GPX %.1f m, FIT %.1f m", r.AfterSet, r.AfterRep, g, f)
		}
	}
	for _, r := range s.Reps {
		f, g := distBetween(fa, r.Start, r.End), distBetween(ga, r.Start, r.End)
		reps = append(reps, fmt.Sprintf("%.0f", g))
		if math.Abs(g/f-1) > 0.03 {
			t.Errorf("rep %d.%d: GPX %.1f m, FIT %.1f m", r.Set, r.N, g, f)
		}
	}
	t.Logf("total GPX %.0f m, FIT %.0f m (%+.2f %%); rests GPX/FIT m %v; reps GPX m %v", ga.Distance(), fa.Distance(), total, rests, reps)
}

// TestGPXDistanceClasses: every session of the catalogue and the classes,
// as a phone's GPX with 3 m of wander, reads its total within 1.5 % of the
// distance run, each walked or jogged rest within 10 %, each standing rest
// within 10 m.
func TestGPXDistanceClasses(t *testing.T) {
	t.Parallel()
	for i, w := range append(synth.Catalogue(), synth.Classes()...) {
		if i%realdata.Step() != 0 {
			continue // numbers, not concurrency: a third under -short and -race
		}
		a, err := renderings[3].make(w.Session)
		if err != nil {
			t.Fatal(err)
		}
		marks := w.Truth()
		run := marks[len(marks)-1].EndDist
		total := 100 * (a.Distance()/run - 1)
		worstWalk, worstStand := 0.0, 0.0
		for _, m := range marks {
			if m.Kind != lapkit.IntensityRest && m.Kind != lapkit.IntensityRecovery {
				continue
			}
			got, want := distBetween(a, m.Start, m.End), m.EndDist-m.StartDist
			switch {
			case want == 0:
				worstStand = max(worstStand, got)
			case want >= 100:
				worstWalk = max(worstWalk, math.Abs(got/want-1))
			}
		}
		t.Logf("%s: total %+.2f %%, walked rests within %.1f %%, standing rests %.1f m at most", w.Name, total, 100*worstWalk, worstStand)
		if math.Abs(total) > 1.5 || worstWalk > 0.1 || worstStand > 10 {
			t.Errorf("%s: total %+.2f %%, walked rests off by %.1f %%, standing rests read up to %.1f m", w.Name, total, 100*worstWalk, worstStand)
		}
	}
}
