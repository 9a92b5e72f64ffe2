package analysis_test

import (
	"fmt"
	"testing"
	"time"

	"bytes"

	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/gpx"
	"github.com/lapkit/lapkit/internal/realdata"
	"github.com/lapkit/lapkit/internal/synth"
	"github.com/lapkit/lapkit/open"
)

func TestRealStripped(t *testing.T) {
	for _, rel := range []string{
		"fnardmann__run-stats/activities/10024712104_ACTIVITY.fit",
		"comicmuse__fitparser/tests/fixtures/20260129_day_25_-_testing.fit",
		"msimms__rust_fit_file/tests/20210610_track_garmin_fenix_6.fit",
		"sports-alliance__sports-lib/src/specs/fixtures/runs/fit/6914538454.fit",
		"Runalyze__Runalyze/tests/testfiles/fit/time-jump.fit",
		"Runalyze__Runalyze/tests/testfiles/fit/Suunto-Ambit-3-Peak-without-final-lap.fit",
		"GoldenCheetah__GoldenCheetah/test/rides/IpBike-HRV-Data.fit",
	} {
		a, _ := open.File(realdata.Path(t, rel))
		s, _ := analysis.Detect(a)
		b, err := gpx.Decode(bytes.NewReader(synth.ActivityGPX(a)))
		if err != nil {
			t.Fatal(err)
		}
		u, _ := analysis.Detect(b)
		fmt.Printf("%s: laps %d reps, stream %d reps conf %.2f\n", rel, len(s.Reps), len(u.Reps), u.Confidence)
		for i := range min(len(s.Reps), len(u.Reps)) {
			fmt.Printf("   %v %v\n", u.Reps[i].Start.Sub(s.Reps[i].Start).Round(time.Millisecond*100), u.Reps[i].End.Sub(s.Reps[i].End).Round(time.Millisecond*100))
		}
	}
}
