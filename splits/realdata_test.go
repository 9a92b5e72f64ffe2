package splits_test

import (
	"math"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/splits"
)

// TestRealQuarterMiles recomputes the quarter-mile boundaries of every real
// file with a plain linear interpolation and compares.
func TestRealQuarterMiles(t *testing.T) {
	files, checked := 0, 0
	for _, p := range realdata.Sample(realdata.Files(t)) {
		a, _ := open.File(p)
		if a == nil || len(a.Samples) < 2 || math.IsNaN(a.Samples[0].Distance) {
			continue
		}
		files++
		sp, _ := splits.ByDistance(a, lapkit.QuarterMile)
		s := a.Samples
		d0 := s[0].Distance
		i := 1
		for k, x := range sp {
			if x.Partial {
				if !x.End.Equal(a.End()) {
					t.Errorf("%s: partial split ends %v, activity %v", realdata.Rel(t, p), x.End, a.End())
				}
				break
			}
			d := d0 + float64(k+1)*lapkit.QuarterMile
			for s[i].Distance < d {
				i++
			}
			f := (d - s[i-1].Distance) / (s[i].Distance - s[i-1].Distance)
			want := s[i-1].Time.Add(time.Duration(f * float64(s[i].Time.Sub(s[i-1].Time))))
			if !near(x.End.Sub(want.UTC()), 0, time.Millisecond) {
				t.Errorf("%s: quarter mile %d ends %v, plain interpolation %v", realdata.Rel(t, p), k+1, x.End, want)
				break
			}
			checked++
		}
	}
	t.Logf("%d files, %d quarter-mile boundaries checked", files, checked)
	if checked < 8000/realdata.Step() {
		t.Errorf("only %d boundaries checked", checked)
	}
}

// lapsOwnDistance lists the files whose auto laps follow a distance other
// than the one they record, and why.
var lapsOwnDistance = map[string]string{
	"sports-alliance__sports-lib/src/specs/fixtures/runs/fit/6910052863.fit":                               "Suunto 9 Baro: auto laps follow Suunto's own filtered distance, up to 25 m from the recorded one mid-run (the totals agree)",
	"sports-alliance__sports-lib/integrationTests/fixtures/strava_compliance/suunto_export/1701610856.fit": "Suunto export: the same, up to 22 s off",
}

// TestRealAutoLaps: where a watch wrote runs of distance-triggered laps
// (auto 400 m, 1 km, 1 mi), splits of that distance from the first lap's
// start end where the watch's laps end, within 1 s or, with smart
// recording, the sample interval around the lap end (the watch measures
// distance more often than it records it), and 1.5 s more either way: a
// lap's end is its start and its exact elapsed time, but its start is a
// whole-second stamp where it does not follow on from the lap before, and
// the records' distance is written once a second.
func TestRealAutoLaps(t *testing.T) {
	runs, compared := 0, 0
	for _, p := range realdata.Files(t, ".fit") {
		a, err := open.File(p)
		if err != nil || a == nil {
			continue
		}
		rel := realdata.Rel(t, p)
		if _, ok := lapsOwnDistance[rel]; ok {
			continue
		}
		laps := a.Laps
		for i := 0; i < len(laps); {
			nominal := autoLap(laps[i])
			j := i
			for j < len(laps) && autoLap(laps[j]) == nominal && nominal > 0 {
				j++
			}
			if j-i < 3 {
				i = max(j, i+1)
				continue
			}
			runs++
			sp, _ := splits.InRange(a, laps[i].Start, laps[j-1].End, laps[i].Distance)
			for k := i; k < j && k-i < len(sp); k++ {
				x := sp[k-i]
				if x.Partial {
					break
				}
				tol := max(time.Second, gapAround(a, laps[k].End))
				compared++
				if d := x.End.Sub(laps[k].End); d > tol+1500*time.Millisecond || d < -tol-1500*time.Millisecond {
					t.Errorf("%s: lap %d ends %v, split %v (%v)", rel, k+1, laps[k].End, x.End, d)
				}
			}
			i = j
		}
	}
	t.Logf("%d runs of auto laps, %d laps compared", runs, compared)
	if runs < 10 {
		t.Errorf("only %d runs of auto laps", runs)
	}
}

// autoLap returns the nominal distance of a distance-triggered lap, or 0.
func autoLap(l lapkit.Lap) float64 {
	if l.Trigger != lapkit.LapTriggerDistance {
		return 0
	}
	for _, n := range []float64{200, 400, 500, 1000, lapkit.Mile} {
		if math.Abs(l.Distance-n) < 0.005*n {
			return n
		}
	}
	return 0
}

// gapAround returns the time between the samples on either side of t.
func gapAround(a *lapkit.Activity, t time.Time) time.Duration {
	s := a.Samples
	for i := 1; i < len(s); i++ {
		if s[i].Time.After(lapkit.At(t)) {
			return s[i].Time.Sub(s[i-1].Time)
		}
	}
	return 0
}
