package analysis_test

import (
	"fmt"
	"testing"

	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/internal/realdata"
	"github.com/lapkit/lapkit/open"
)

func TestRealScratch(t *testing.T) {
	for _, rel := range []string{
		"fnardmann__run-stats/activities/10024712104_ACTIVITY.fit",
		"comicmuse__fitparser/tests/fixtures/20260129_day_25_-_testing.fit",
		"msimms__rust_fit_file/tests/20210610_track_garmin_fenix_6.fit",
		"sports-alliance__sports-lib/src/specs/fixtures/runs/fit/6914538454.fit",
		"Runalyze__Runalyze/tests/testfiles/fit/time-jump.fit",
		"Runalyze__Runalyze/tests/testfiles/fit/Suunto-Ambit-3-Peak-without-final-lap.fit",
		"GoldenCheetah__GoldenCheetah/test/rides/IpBike-HRV-Data.fit",
		"Runalyze__Runalyze/tests/testfiles/tcx/Wrong-time-zone-by-polar.tcx",
		"trackerproject__trackeR/inst/extdata/tcx/2013-06-14-100911.TCX.gz",
	} {
		a, err := open.File(realdata.Path(t, rel))
		if a == nil {
			t.Fatal(err)
		}
		s, err := analysis.Detect(a)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("%s: %s conf %.2f sets %d reps %d strides %d %v\n", rel, s.Source, s.Confidence, s.Sets, len(s.Reps), len(s.Strides), s.Notes)
		for _, r := range s.Reps {
			fmt.Printf("   %d.%d %6.0f-%6.0f %5.0fs %6.1fm nominal %4.0f %.2f m/s\n", r.Set, r.N, r.StartOffset.Seconds(), r.EndOffset.Seconds(), r.Duration().Seconds(), r.Distance, r.Nominal, r.AvgSpeed)
		}
	}
}
