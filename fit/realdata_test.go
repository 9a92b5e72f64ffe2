package fit_test

import (
	"bytes"
	"errors"
	"math"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	fitsdk "github.com/tormoder/fit"
)

// totalsDisagree lists the real files whose own session totals disagree
// with their records by more than 0.5 %, and why. Keys are paths relative
// to ../shared/realdata/files.
var totalsDisagree = map[string]string{
	"GoldenCheetah__GoldenCheetah/test/rides/2016-05-23_18-14-30_4_25.fit":                             "records stop 28 s before the session ends; the session counts 25 m the records never reach",
	"Runalyze__Runalyze/tests/testfiles/fit/Multisession.fit":                                          "two runs 99 min apart; each session's timestamp is the file's end, so the gap between them is not in any total",
	"Runalyze__Runalyze/tests/testfiles/fit/invalid-altitude-and-empty-record-at-end.fit":              "an empty record 169 s after the session end (the file's own test case)",
	"dtcooper__python-fitparse/tests/files/elemnt-bolt-no-application-id-inside-developer-data-id.fit": "records stop 9 s before the session ends; the session counts 7.6 m more",
	"sports-alliance__sports-lib/src/specs/fixtures/others/inverted-times.fit":                         "session elapsed (47 min) is shorter than its timer time (6 h): the totals are corrupt",
	"tormoder-fit/misc/0134902991.fit":                                                                 "the session has no valid end time; its elapsed time (720 s) is shorter than its own records (739 s)",
}

// TestRealFiles decodes every real FIT file, all in parallel (run with
// -race), and checks counts and totals against bare tormoder/fit.
func TestRealFiles(t *testing.T) {
	files := realdata.Files(t, ".fit")
	if len(files) < 200 {
		t.Fatalf("found %d FIT files, the MANIFEST lists 204", len(files))
	}
	type want struct {
		records int
		ok      bool // bare tormoder decoded every chained file without error
	}
	data := make([][]byte, len(files))
	wants := make([]want, len(files))
	// Bare decodes run one at a time: tormoder/fit's accumulators are not
	// safe for concurrent use.
	for i, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		data[i] = b
		fs, err := fitsdk.DecodeChained(bytes.NewReader(b))
		if err != nil {
			continue
		}
		for _, f := range fs {
			if act, err := f.Activity(); err == nil {
				wants[i].records += len(act.Records)
				wants[i].ok = true
			}
		}
	}
	acts := make([]*lapkit.Activity, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			acts[i], errs[i] = fit.Decode(bytes.NewReader(data[i]))
		}()
	}
	wg.Wait()

	decoded, partial, failed := 0, 0, 0
	for i, p := range files {
		rel := realdata.Rel(t, p)
		a, err := acts[i], errs[i]
		if err != nil && !errors.Is(err, fit.ErrFormat) && !errors.Is(err, fit.ErrTruncated) &&
			!errors.Is(err, fit.ErrChecksum) && !errors.Is(err, fit.ErrNotActivity) {
			t.Errorf("%s: error without a sentinel: %v", rel, err)
		}
		switch {
		case a == nil:
			failed++
		case err != nil:
			partial++
		default:
			decoded++
		}
		w := wants[i]
		if !w.ok {
			continue
		}
		if a == nil || err != nil {
			t.Errorf("%s: tormoder/fit decodes it, lapkit: %v", rel, err)
			continue
		}
		if got := len(a.Samples) + a.DroppedSamples(); got != w.records {
			t.Errorf("%s: %d samples + %d dropped, file has %d records", rel, len(a.Samples), a.DroppedSamples(), w.records)
		}
		checkTotals(t, rel, a)
	}
	t.Logf("%d files: %d decoded, %d partial (data kept, error returned), %d failed", len(files), decoded, partial, failed)
}

func checkTotals(t *testing.T, rel string, a *lapkit.Activity) {
	var dist, elapsed float64
	for _, s := range a.Sessions {
		if math.IsNaN(s.Distance) || s.ElapsedTime == 0 {
			return // no totals to compare
		}
		dist += s.Distance
		elapsed += s.ElapsedTime.Seconds()
	}
	if len(a.Sessions) == 0 || len(a.Samples) < 2 {
		return
	}
	// 0.5 %, but at least the few seconds between the timer start and the
	// first record (and the last record and the stop), and a few metres.
	bad := ""
	if d := a.Distance(); dist > 0 && math.Abs(d-dist) > math.Max(0.005*dist, 5) {
		bad += " distance"
	}
	// Records need not cover the whole session: a watch may start
	// recording after the timer (waiting for GPS) or stop before it (the
	// final rest of a pool swim), and multisport sessions leave gaps.
	first, last := a.Sessions[0], a.Sessions[len(a.Sessions)-1]
	uncovered := math.Max(0, a.Samples[0].Time.Sub(lapkit.At(first.Start)).Seconds()) + math.Max(0, last.End.Sub(a.End()).Seconds())
	for i := 1; i < len(a.Sessions); i++ {
		uncovered += math.Max(0, a.Sessions[i].Start.Sub(a.Sessions[i-1].End).Seconds())
	}
	if d := a.Duration().Seconds(); math.Abs(d-elapsed) > math.Max(0.005*elapsed, 5)+uncovered {
		bad += " duration"
	}
	why, listed := totalsDisagree[rel]
	switch {
	case bad != "" && !listed:
		t.Errorf("%s:%s disagree: records %.1f m %.0f s, sessions %.1f m %.0f s", rel, bad, a.Distance(), a.Duration().Seconds(), dist, elapsed)
	case bad == "" && listed:
		t.Errorf("%s: listed as disagreeing (%s) but agrees", rel, why)
	}
}

// TestRealRecords compares every decoded sample with tormoder/fit's record
// on the real files both read whole and where no sample was merged.
func TestRealRecords(t *testing.T) {
	files := realdata.Sample(realdata.Files(t, ".fit")) // skips without ../shared
	compared := 0
	defer func() {
		t.Logf("compared the records of %d files", compared)
		if compared < 100/realdata.Step() {
			t.Errorf("compared only %d files", compared)
		}
	}()
	for _, p := range files {
		rel := realdata.Rel(t, p)
		b, _ := os.ReadFile(p)
		f, err := fitsdk.Decode(bytes.NewReader(b))
		if err != nil {
			continue
		}
		act, err := f.Activity()
		if err != nil {
			continue
		}
		a, err := fit.Decode(bytes.NewReader(b))
		if err != nil || a.DroppedSamples() != 0 || len(a.Samples) != len(act.Records) || len(a.Notes) != 0 {
			continue
		}
		compared++
		for i, r := range act.Records {
			s := a.Samples[i]
			want := []float64{r.GetDistanceScaled(), r.PositionLat.Degrees(), r.PositionLong.Degrees(), nanU8(r.HeartRate), r.GetEnhancedSpeedScaled(), r.GetEnhancedAltitudeScaled()}
			got := []float64{s.Distance, s.Lat, s.Lon, s.HeartRate, s.Speed, s.Altitude}
			if len(r.CompressedSpeedDistance) == 3 || math.IsNaN(want[0]) {
				want[0], got[0] = 0, 0 // recomputed per file, or interpolated
			}
			if math.IsNaN(want[4]) {
				want[4] = r.GetSpeedScaled()
			}
			if math.IsNaN(want[5]) {
				want[5] = r.GetAltitudeScaled()
			}
			if !s.Time.Equal(lapkit.At(r.Timestamp)) {
				t.Errorf("%s: record %d time %v, tormoder %v", rel, i, s.Time, r.Timestamp)
				break
			}
			for k := range want {
				if !(math.IsNaN(want[k]) && math.IsNaN(got[k])) && math.Abs(want[k]-got[k]) > 1e-9 {
					t.Errorf("%s: record %d field %d = %v, tormoder %v", rel, i, k, got[k], want[k])
					break
				}
			}
		}
	}
}

func nanU8(v uint8) float64 {
	if v == 0xFF {
		return math.NaN()
	}
	return float64(v)
}

// TestRealClockJumps: files whose records' clock jumps (years ahead, 20
// days ahead, 5 hours back) start on the day their session says.
func TestRealClockJumps(t *testing.T) {
	for rel, want := range map[string]string{
		"dtcooper__python-fitparse/tests/files/strava-android-app-201.10-b1218918.fit": "2021-09-27T14:13:10Z", // was 2085-12-21
		"Runalyze__Runalyze/tests/testfiles/fit/time-jump.fit":                         "2017-02-22T09:04:45Z", // was 2017-03-14
		"GoldenCheetah__GoldenCheetah/test/rides/2013-04-11-17-32-50.fit":              "2013-04-11T21:32:50Z", // 14 samples stamped 791 days ahead: only they move back
	} {
		b, err := os.ReadFile(realdata.Path(t, rel))
		if err != nil {
			t.Fatal(err)
		}
		a, _ := fit.Decode(bytes.NewReader(b))
		if a == nil {
			t.Fatalf("%s: nothing decoded", rel)
		}
		if got := a.Start.UTC().Format(time.RFC3339); got != want {
			t.Errorf("%s starts %s, want %s", rel, got, want)
		}
	}
}
