package fit_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/open"
)

// oracleFile is what Garmin's FIT SDK reads from one real file
// (../shared/realdata/oracle/README.md).
type oracleFile struct {
	File         string         `json:"file"`
	Errors       []string       `json:"errors"`
	Records      int            `json:"records"`
	RecordsTimed int            `json:"records_with_time"`
	FirstT       *int64         `json:"first_t"`
	WithHR       int            `json:"with_hr"`
	HRMesgs      int            `json:"hr_mesgs"`
	Laps         []oracleLap    `json:"laps"`
	Sessions     []oracleLap    `json:"sessions"`
	Every100     []oracleRecord `json:"every_100th_record"`
}

type oracleLap struct {
	Start    *int64   `json:"start_time"`
	End      *int64   `json:"timestamp"`
	Elapsed  *float64 `json:"total_elapsed_time"`
	Distance *float64 `json:"total_distance"`
}

type oracleRecord struct {
	T   *int64   `json:"t"`
	D   *float64 `json:"d"`
	Lat *float64 `json:"lat"`
	Lon *float64 `json:"lon"`
	Alt *float64 `json:"alt"`
	Spd *float64 `json:"spd"`
	HR  *float64 `json:"hr"`
}

func readOracle(t *testing.T) []oracleFile {
	dir := realdata.Dir(t)
	f, err := os.Open(filepath.Join(dir, "..", "oracle", "garmin-fit-sdk.jsonl"))
	if err != nil {
		t.Skip("no oracle")
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	var out []oracleFile
	for sc.Scan() {
		var o oracleFile
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			t.Fatal(err)
		}
		out = append(out, o)
	}
	return out
}

// joined is the activities of a chain as one list of samples, laps and
// sessions in file order, their times untouched; nil for none.
func joined(all []*lapkit.Activity) *lapkit.Activity {
	if len(all) < 2 {
		if len(all) == 0 {
			return nil
		}
		return all[0]
	}
	j := *all[0]
	j.Samples, j.Laps, j.Sessions = nil, nil, nil
	for _, a := range all {
		for _, x := range a.Sessions {
			x.FirstLap += len(j.Laps)
			j.Sessions = append(j.Sessions, x)
		}
		j.Samples = append(j.Samples, a.Samples...)
		j.Laps = append(j.Laps, a.Laps...)
	}
	return &j
}

// oracleExceptions are the files where lapkit reads other samples than the
// SDK on purpose, and why. A file listed that agrees fails the test too.
var oracleExceptions = map[string]string{
	"Runalyze__Runalyze/tests/testfiles/fit/FR70-intervals.fit":                  "the SDK reads no compressed timestamp header and stops; lapkit reads the 633 records",
	"tormoder-fit/python-fitparse/compressed-speed-distance.fit":                 "the SDK reads no compressed timestamp header and stops; lapkit reads the 755 records",
	"tormoder-fit/python-fitparse/antfs-dump.63.fit":                             "the SDK reads no compressed timestamp header and stops; lapkit reads the 686 records",
	"sports-alliance__sports-lib/src/specs/fixtures/others/empty-activities.fit": "the header's data size is 0 (never finalized): the SDK reports a CRC error and reads nothing; lapkit reads the 2319 records there, with a truncated note",
	"Runalyze__Runalyze/tests/testfiles/fit/One-second-jump-to-past.fit":         "one record 1 s back: lapkit puts it in time order (out_of_order note), so the first sample is that one",
	"Runalyze__Runalyze/tests/testfiles/fit/time-jump.fit":                       "a 5 h forward clock jump inside the run closed by moving the 102 samples after it back (time_jump note); the SDK keeps the clock as written",
	"sports-alliance__sports-lib/src/specs/fixtures/others/inverted-times.fit":   "a forward clock jump closed by moving the 316 samples after it back (time_jump note); the SDK keeps the clock as written",
}

// TestOracle holds every real FIT file against what Garmin's FIT SDK reads
// from it: the samples (with the merges and drops lapkit notes), the first
// sample's time, heart rate (the SDK merges hr messages), the laps and
// sessions (laps as a set, sessions by start and distance), and every
// 100th record field by field where the samples are
// the records one for one. A chain of activity files is read apart
// (DecodeAll), each with its own times as the SDK reads them, and held
// against the SDK as their samples, laps and sessions in file order.
func TestOracle(t *testing.T) {
	files := readOracle(t)
	dir := realdata.Dir(t)
	var counts = map[string]int{}
	for _, o := range files {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(o.File)))
		if err != nil {
			t.Errorf("%s: %v", o.File, err)
			continue
		}
		all, _ := open.ReaderAll(bytes.NewReader(b)) // open: a .fit.gz too
		diff := oracleDiff(o, joined(all))
		counts[diff]++
		if why, listed := oracleExceptions[o.File]; listed != (diff != "") {
			if listed {
				t.Errorf("%s: listed as disagreeing (%s) but agrees", o.File, why)
			} else {
				t.Errorf("%s: %s", o.File, diff)
			}
		}
	}
	var keys []string
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%3d %q", counts[k], k)
	}
}

// oracleDiff names the first way a differs from the SDK's reading o; ""
// when it agrees.
func oracleDiff(o oracleFile, a *lapkit.Activity) string {
	n := 0
	if a != nil {
		n = len(a.Samples) + a.DroppedSamples()
	}
	if o.RecordsTimed == 0 {
		if a == nil || len(a.Samples) == 0 {
			return "" // the untimed records dropped, and noted
		}
		return "samples where the SDK reads no timed record"
	}
	if n != o.RecordsTimed {
		return "sample count"
	}
	if o.FirstT != nil && !a.Samples[0].Time.Equal(lapkit.At(time.Unix(0, *o.FirstT))) && a.DroppedSamples() == 0 {
		return "first sample's time"
	}
	hr := 0
	for _, s := range a.Samples {
		if !math.IsNaN(s.HeartRate) {
			hr++
		}
	}
	if hr+a.DroppedSamples() < o.WithHR || hr > o.WithHR {
		return "samples with heart rate"
	}
	if len(a.Laps) != len(o.Laps) {
		return "lap count"
	}
	if len(a.Sessions) != len(o.Sessions) {
		return "session count"
	}
	if !sameLaps(a, o) {
		return "laps"
	}
	for k, s := range o.Sessions {
		x := a.Sessions[k]
		if s.Start != nil && !x.Start.Equal(time.Unix(0, *s.Start)) || s.Distance != nil && math.Abs(x.Distance-*s.Distance) > 0.005 {
			return "session start or distance"
		}
	}
	if len(a.Samples) != o.Records || a.DroppedSamples() != 0 {
		return ""
	}
	for k, r := range o.Every100 {
		s := a.Samples[100*k]
		if r.T != nil && !s.Time.Equal(lapkit.At(time.Unix(0, *r.T))) {
			return "sampled record time"
		}
		if r.HR != nil && s.HeartRate != *r.HR || r.HR == nil && !math.IsNaN(s.HeartRate) {
			return "sampled record heart rate"
		}
		if r.Lat != nil && math.Abs(s.Lat-*r.Lat) > 1e-6 {
			return "sampled record position"
		}
	}
	return ""
}

// sameLaps reports whether a's laps are the SDK's, as a set (Suunto writes
// overlapping laps): each SDK lap has a lap of lapkit's with its elapsed
// time to the millisecond and its distance to the centimetre, starting
// within 1 s of its start stamp (lapkit chains a lap onto the exact end of
// the one before).
func sameLaps(a *lapkit.Activity, o oracleFile) bool {
	used := make([]bool, len(a.Laps))
	for _, l := range o.Laps {
		found := false
		for k, x := range a.Laps {
			if used[k] {
				continue
			}
			if l.Elapsed != nil && math.Abs(x.ElapsedTime.Seconds()-*l.Elapsed) > 0.0005 {
				continue
			}
			if l.Distance != nil && math.Abs(x.Distance-*l.Distance) > 0.005 || l.Distance == nil && !math.IsNaN(x.Distance) {
				continue
			}
			if l.Start != nil && x.Start.Sub(time.Unix(0, *l.Start)).Abs() > time.Second {
				continue
			}
			used[k], found = true, true
			break
		}
		if !found {
			return false
		}
	}
	return true
}
