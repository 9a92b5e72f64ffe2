package report

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"bytes"
	"encoding/json"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/open"
	"github.com/lapkit/lapkit/plan"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/lapkit/lapkit/analysis"
)

// TestMarshalMatchesReflection: the hand-written JSON of Split, Point,
// Rest and Rep is byte for byte what encoding/json writes for them, over
// random records: NaN, ±0, tiny and huge numbers, strings that need
// escaping, nil and empty lists, an on-target of each kind.
// TestMarshalRealFiles holds the whole report on every file.
func TestMarshalMatchesReflection(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 1))
	num := func() float64 {
		switch rng.IntN(9) {
		case 0:
			return 0
		case 1:
			return math.Copysign(0, -1)
		case 2:
			return 1e-7 * rng.Float64()
		case 3:
			return 1e22 * (1 + rng.Float64())
		case 4:
			return -rng.Float64() * 1000
		case 5:
			return float64(rng.IntN(5000))
		}
		return math.Round(rng.Float64()*1e6) / 1e3
	}
	fl := func() Float {
		switch rng.IntN(6) {
		case 0:
			return Float(math.NaN())
		case 1:
			return Float(math.Inf(1 - 2*rng.IntN(2)))
		}
		return Float(num())
	}
	strs := []string{"", "stand", "a <b> & \"c\"", "é ü 心", "line\nbreak\t\x01", "\u2028", string([]byte{0xff, 'x'})}
	str := func() string { return strs[rng.IntN(len(strs))] }
	same := func(what string, enc func(*jw), v any) {
		t.Helper()
		var w jw
		enc(&w)
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if !bytes.Equal(w, want) {
			t.Fatalf("%s:\n got %s\nwant %s", what, w, want)
		}
	}
	for range 3000 {
		s := Split{N: rng.IntN(100), DistanceM: num(), StartS: num(), EndS: num(), DurationS: num(), MovingS: num(),
			PaceSPerKm: fl(), PaceSPerMile: fl(), Partial: rng.IntN(2) == 0, AvgHR: fl(), MaxHR: fl(), AvgCadence: fl(), AscentM: fl(), DescentM: fl()}
		same("split", s.appendJSON, s)
		p := Point{T: num(), SpeedMS: fl(), HeartBPM: fl()}
		same("point", p.appendJSON, p)
		r := Rest{AfterSet: rng.IntN(4), AfterRep: rng.IntN(9), Kind: analysis.RestKind(str()), Standing: rng.IntN(2) == 0, Mode: analysis.RestMode(str()),
			StartS: num(), EndS: num(), DurationS: num(), DistanceM: num(), AvgSpeedMS: num(), PlannedS: fl(), DeltaS: fl()}
		same("rest", r.appendJSON, r)
		x := Rep{Set: rng.IntN(4), Rep: rng.IntN(9), StartS: num(), EndS: num(), DurationS: num(), MovingS: num(), DistanceM: num(),
			NominalM: fl(), PaceSPerKm: fl(), AvgSpeedMS: num(), MaxSpeedMS: num(), AvgHR: fl(), MaxHR: fl(), AvgCadence: fl(),
			Source: analysis.Source(str()), Confidence: num(), Unplanned: rng.IntN(2) == 0, EffortStartS: fl(), EffortEndS: fl(),
			TargetS: fl(), DeltaS: fl(), DeltaPct: fl(), Band: analysis.Band(str()), ByPace: rng.IntN(2) == 0}
		switch rng.IntN(3) {
		case 0:
			x.Notes, x.TypedNotes = []string{}, []Note{}
		case 1:
			x.Notes, x.TypedNotes = []string{str(), str()}, []Note{{Kind: str(), Text: str()}}
		}
		if k := rng.IntN(3); k > 0 {
			v := k == 1
			x.OnTarget = &v
		}
		if rng.IntN(2) == 0 {
			x.Quality = []analysis.Quality{analysis.Quality(str()), analysis.QualityGap}
		}
		same("rep", x.appendJSON, x)
	}
}

// TestMarshalRealFiles: Marshal writes what json.Marshal writes for the
// report of every bundled file and every real file (every third under
// -short), with a plan and goals where the file has none, and its trace.
func TestMarshalRealFiles(t *testing.T) {
	files, _ := filepath.Glob("../testdata/*.*")
	season, _ := filepath.Glob("../testdata/season/*")
	files = append(files, season...)
	if _, err := os.Stat("../../shared/realdata"); err == nil {
		files = append(files, realdata.Sample(realdata.Files(t))...)
	}
	p, _ := plan.Parse("3x(4x400m@mile r60s) r3min")
	g, _ := plan.ParseGoals("mile=4:23")
	for _, f := range files {
		if strings.HasSuffix(f, ".digest") {
			continue
		}
		a, err := open.File(f)
		if a == nil {
			continue
		}
		for _, o := range []Options{{Trace: true}, {Options: analysis.Options{Plan: p, Goals: g}}} {
			r := New(a, o)
			r.File = f
			if err != nil {
				r.Error = err.Error()
			}
			got, _ := Marshal(r)
			want, werr := json.Marshal(r)
			if werr != nil || !bytes.Equal(got, want) {
				t.Fatalf("%s: %v\n got %.600s\nwant %.600s", f, werr, got, want)
			}
		}
	}
	if b, _ := Marshal(nil); string(b) != "null" {
		t.Errorf("nil: %s", b)
	}
}

// TestAppendMillis: a whole number of thousandths is written as strconv's
// shortest 'f' form writes it, over every thousandth of a broad range and
// random large ones; anything else is left to strconv.
func TestAppendMillis(t *testing.T) {
	check := func(f float64) {
		got, ok := appendMillis(nil, f)
		if want := strconv.AppendFloat(nil, f, 'f', -1, 64); ok && !bytes.Equal(got, want) {
			t.Fatalf("%v: %s, strconv %s", f, got, want)
		}
	}
	for k := -200000; k <= 200000; k++ {
		check(float64(k) / 1000)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		k := rng.Int64N(1e15) - 5e14
		check(float64(k) / 1000)
		check(rng.Float64() * 1e4)
	}
	a, b := 0.1, 0.2 // variables: constants add exactly
	if _, ok := appendMillis(nil, a+b); ok {
		t.Error("0.30000000000000004 taken for thousandths")
	}
}

// TestMarshalKnowsEveryField: Marshal writes each field of the report's
// types by hand; a field added to one of them must be added to Marshal
// too (and to this list): this test names the type.
func TestMarshalKnowsEveryField(t *testing.T) {
	for _, c := range []struct {
		v any
		n int
	}{
		{Report{}, 31}, {Rep{}, 28}, {Rest{}, 12}, {Split{}, 14}, {Point{}, 3}, {Span{}, 4}, {Pacing{}, 6}, {Plan{}, 4}, {Set{}, 7},
		{Fade{}, 5}, {SetFade{}, 12}, {Across{}, 4}, {HeartRate{}, 5}, {Prediction{}, 4}, {Goal{}, 7}, {Note{}, 2},
	} {
		if got := reflect.TypeOf(c.v).NumField(); got != c.n {
			t.Errorf("%T has %d fields, Marshal writes %d: add the new ones to jsonenc.go", c.v, got, c.n)
		}
	}
}

// TestMarshalRefusesNaN: a plain number that is NaN or infinite fails
// Marshal, naming the field, as it fails json.Marshal; a note that spells
// NaN does not.
func TestMarshalRefusesNaN(t *testing.T) {
	r := &Report{Schema: Schema, Notes: []string{"speed:NaN, +Inf"}, Intervals: []Rep{{Set: 1, Rep: 1, DurationS: 65}}}
	if _, err := Marshal(r); err != nil {
		t.Fatalf("a note that spells NaN: %v", err)
	}
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		r.Intervals[0].AvgSpeedMS = v
		_, err := Marshal(r)
		_, jerr := json.Marshal(r)
		if err == nil || jerr == nil || err.Error() != fmt.Sprintf("report: avg_speed_m_s is %v, not a number JSON holds", strconv.FormatFloat(v, 'f', -1, 64)) {
			t.Errorf("%v: %v (json.Marshal: %v)", v, err, jerr)
		}
	}
}
