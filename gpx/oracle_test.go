package gpx_test

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/testkit/realdata"
	"github.com/lapkit/lapkit/open"
)

// xmlPoint is a GPX track point or TCX trackpoint as an independent
// encoding/xml reading sees it.
type xmlPoint struct {
	t        time.Time
	lat, lon float64 // NaN when absent
	hr       float64 // NaN when absent
}

// readXMLPoints reads the points of a GPX or TCX document with
// encoding/xml alone, without lapkit's decoders: every trkpt or
// Trackpoint with a time, in document order. Times without a zone read as
// UTC, as lapkit reads them.
func readXMLPoints(r io.Reader) ([]xmlPoint, error) {
	d := xml.NewDecoder(r)
	d.Strict = false
	var (
		out  []xmlPoint
		cur  *xmlPoint
		path []string
		text strings.Builder
	)
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			return math.NaN()
		}
		return v
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			path = append(path, e.Name.Local)
			text.Reset()
			if e.Name.Local == "trkpt" || e.Name.Local == "Trackpoint" {
				cur = &xmlPoint{lat: math.NaN(), lon: math.NaN(), hr: math.NaN()}
				for _, at := range e.Attr {
					switch at.Name.Local {
					case "lat":
						cur.lat = num(at.Value)
					case "lon":
						cur.lon = num(at.Value)
					}
				}
			}
		case xml.CharData:
			text.Write(e)
		case xml.EndElement:
			name := e.Name.Local
			path = path[:len(path)-1]
			if cur == nil {
				continue
			}
			parent := ""
			if len(path) > 0 {
				parent = path[len(path)-1]
			}
			s := strings.TrimSpace(text.String())
			switch {
			case name == "time" && parent == "trkpt", name == "Time" && parent == "Trackpoint":
				tm, err := time.Parse(time.RFC3339Nano, s)
				if err != nil {
					tm, err = time.ParseInLocation("2006-01-02T15:04:05", s, time.UTC)
				}
				if err == nil {
					cur.t = tm.UTC()
				}
			case name == "LatitudeDegrees":
				cur.lat = num(s)
			case name == "LongitudeDegrees":
				cur.lon = num(s)
			case name == "hr" || name == "Value" && parent == "HeartRateBpm":
				cur.hr = num(s)
			case name == "trkpt" || name == "Trackpoint":
				if !cur.t.IsZero() {
					out = append(out, *cur)
				}
				cur = nil
			}
			text.Reset()
		}
	}
}

// TestXMLOracle holds lapkit's reading of every real GPX and TCX file to an
// independent encoding/xml reading: as many samples as timed points (less
// those lapkit merged or dropped, and says so), and, where nothing was
// merged, dropped or reordered, every sample's time to the microsecond,
// position exactly and heart rate exactly.
func TestXMLOracle(t *testing.T) {
	t.Parallel()
	files := realdata.Sample(realdata.Files(t, ".gpx", ".tcx", ".gpx.gz", ".tcx.gz"))
	if realdata.Step() > 1 {
		// Under -short and -race, a third of the sample: the readings run
		// on one goroutine, ten times slower under the race detector.
		files = realdata.Sample(files)
	}
	compared, exact := 0, 0
	for _, p := range files {
		rel := realdata.Rel(t, p)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		raw := b
		if strings.HasSuffix(p, ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if raw, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		}
		want, xerr := readXMLPoints(bytes.NewReader(raw))
		a, err := open.Reader(bytes.NewReader(b))
		if a == nil {
			if len(want) > 0 && xerr == nil {
				t.Errorf("%s: lapkit reads nothing (%v), encoding/xml %d points", rel, err, len(want))
			}
			continue
		}
		compared++
		if xerr != nil {
			continue // a broken document: the partial tests cover it
		}
		if got := len(a.Samples) + a.DroppedSamples(); got != len(want) {
			t.Errorf("%s: %d samples + %d merged or dropped, encoding/xml %d timed points", rel, len(a.Samples), a.DroppedSamples(), len(want))
			continue
		}
		if a.DroppedSamples() > 0 || reordered(a) {
			continue
		}
		exact++
		for i, w := range want {
			s := a.Samples[i]
			if s.Time.Sub(lapkit.At(w.t)).Abs() > time.Microsecond ||
				!sameFloat(s.Lat, w.lat) && !(math.IsNaN(s.Lat) && (math.Abs(w.lat) > 90 || math.Abs(w.lon) > 180)) ||
				!sameFloat(s.HeartRate, w.hr) {
				t.Errorf("%s: point %d read %v %v,%v hr %v; encoding/xml %v %v,%v hr %v", rel, i, s.Time, s.Lat, s.Lon, s.HeartRate, w.t, w.lat, w.lon, w.hr)
				break
			}
		}
	}
	t.Logf("%d GPX and TCX files compared, %d point by point", compared, exact)
	if compared < 60/(realdata.Step()*realdata.Step()) {
		t.Errorf("only %d files", compared)
	}
}

// reordered reports whether lapkit moved or reordered samples (a note of a
// time repair).
func reordered(a *lapkit.Activity) bool {
	for _, n := range a.Notes {
		switch n.Kind {
		case lapkit.NoteOutOfOrder, lapkit.NoteClockBack, lapkit.NoteTimeJump, lapkit.NoteTimeBackwards:
			return true
		}
	}
	return false
}

func sameFloat(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
