// Package gpx decodes GPX 1.0 and 1.1 tracks (phones, Strava exports,
// Garmin Connect) into the lapkit model. It uses github.com/tkrajina/gpxgo
// underneath and hides it.
//
// gpxgo v1.5.0 drops fractional seconds and reads a time with a UTC offset
// as the zero time. This package reads every track point's time itself, from
// the same token stream gpxgo parses (no second pass), so times are exact to
// the nanosecond with offsets honoured; a time it cannot read is an error.
//
// GPX has no laps and rarely a speed: distance is summed from positions
// (internal/geo, a sphere of mean earth radius) and Sample.Speed stays NaN
// unless the file has a speed extension. Heart rate, cadence and power come
// from the Garmin TrackPointExtension (v1 and v2) or any extension element
// named hr, cad or cadence, power, speed, whatever its namespace prefix.
// Every segment break is a pause.
package gpx

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/limit"
	"github.com/lapkit/lapkit/internal/track"
	"github.com/lapkit/lapkit/internal/xtime"
	gpxgo "github.com/tkrajina/gpxgo/gpx"
	"golang.org/x/net/html/charset"
)

// Errors returned by Decode, wrapped with context: test with errors.Is.
var (
	ErrFormat   = errors.New("gpx: invalid format")         // not well-formed XML, not GPX, or an unreadable value
	ErrNoTrack  = errors.New("gpx: no track points")        // the file has no track with points (routes and waypoints are not activities)
	ErrNoTime   = errors.New("gpx: track has no times")     // the track points carry no time: a planned route, not a recording
	ErrTooLarge = errors.New("gpx: input exceeds MaxBytes") // see Decoder.MaxBytes
)

// DefaultMaxBytes is the largest input a zero Decoder reads: 512 MiB.
const DefaultMaxBytes = 512 << 20

// A Decoder decodes GPX files. Its zero value is ready to use and safe for
// concurrent use.
type Decoder struct {
	// MaxBytes bounds the input read; 0 means DefaultMaxBytes.
	MaxBytes int64
}

// Decode reads a GPX activity from r with a zero Decoder.
func Decode(r io.Reader) (*lapkit.Activity, error) {
	var d Decoder
	return d.Decode(r)
}

// point is what the token tap reads of one trkpt.
type point struct {
	time                  string
	hasTime               bool
	hr, cad, power, speed float64
}

// tap passes the XML tokens on to gpxgo and reads, for every track point,
// the exact time string and the extension values.
type tap struct {
	d     *xml.Decoder
	pts   []point
	depth int
	ptAt  int    // depth of the open trkpt, 0 when none
	field string // local name of the element whose text is read
	buf   strings.Builder
}

func (t *tap) Token() (xml.Token, error) {
	tok, err := t.d.Token()
	switch e := tok.(type) {
	case xml.StartElement:
		t.depth++
		name := strings.ToLower(e.Name.Local)
		switch {
		case name == "trkpt" && t.ptAt == 0:
			t.ptAt = t.depth
			nan := math.NaN()
			t.pts = append(t.pts, point{hr: nan, cad: nan, power: nan, speed: nan})
		case t.ptAt == 0:
		case name == "time" && t.depth == t.ptAt+1,
			t.depth > t.ptAt+1 && (name == "hr" || name == "cad" || name == "cadence" || name == "power" || name == "speed"),
			name == "speed" && t.depth == t.ptAt+1:
			t.field = name
			t.buf.Reset()
		}
	case xml.CharData:
		if t.field != "" {
			t.buf.Write(e)
		}
	case xml.EndElement:
		if t.field != "" {
			t.end()
		}
		if t.depth == t.ptAt {
			t.ptAt = 0
		}
		t.depth--
	}
	return tok, err
}

func (t *tap) end() {
	p := &t.pts[len(t.pts)-1]
	s := strings.TrimSpace(t.buf.String())
	if t.field == "time" {
		p.time, p.hasTime = s, true
	} else if v, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
		switch t.field {
		case "hr":
			p.hr = v
		case "cad", "cadence":
			p.cad = v
		case "power":
			p.power = v
		case "speed":
			p.speed = v
		}
	}
	t.field = ""
}

// Decode reads a GPX activity from r: every track and segment, in order,
// as one activity.
func (d *Decoder) Decode(r io.Reader) (*lapkit.Activity, error) {
	max := d.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	cr := &limit.Reader{R: r, Max: max}
	br := bufio.NewReaderSize(cr, 4096)
	head, _ := br.Peek(1000) // gpxgo guesses the version from the first 1000 bytes
	xd := xml.NewDecoder(br)
	xd.CharsetReader = charset.NewReaderLabel
	t := &tap{d: xd}
	g, err := parse(xml.NewTokenDecoder(t), head)
	if err != nil {
		if errors.Is(err, limit.ErrExceeded) {
			return nil, fmt.Errorf("gpx: input exceeds %d bytes: %w", max, ErrTooLarge)
		}
		line, _ := xd.InputPos()
		return nil, fmt.Errorf("gpx: line %d: %w: %w", line, err, ErrFormat)
	}
	return build(g, t.pts)
}

func parse(td *xml.Decoder, head []byte) (g *gpxgo.GPX, err error) {
	defer func() {
		if p := recover(); p != nil {
			g, err = nil, fmt.Errorf("parser failed: %v", p)
		}
	}()
	return gpxgo.ParseDecoder(td, head)
}

func build(g *gpxgo.GPX, pts []point) (*lapkit.Activity, error) {
	a := &lapkit.Activity{Format: "gpx", Name: g.Name, Device: lapkit.Device{Product: g.Creator}}
	n := 0
	for _, trk := range g.Tracks {
		for _, seg := range trk.Segments {
			n += len(seg.Points)
		}
		if a.Name == "" {
			a.Name = trk.Name
		}
		if a.Sport == "" {
			a.Sport = sport(trk.Type)
		}
	}
	if n == 0 {
		return nil, fmt.Errorf("gpx: %d tracks, no points: %w", len(g.Tracks), ErrNoTrack)
	}
	if n != len(pts) {
		return nil, fmt.Errorf("gpx: read %d track points, gpxgo %d: %w", len(pts), n, ErrFormat)
	}
	a.Samples = make([]lapkit.Sample, 0, n)
	k, timed, untimed, noZone := 0, 0, 0, 0
	for ti, trk := range g.Tracks {
		for si, seg := range trk.Segments {
			first := true
			for _, gp := range seg.Points {
				p := pts[k]
				k++
				if !p.hasTime || p.time == "" {
					untimed++
					continue
				}
				tm, err := xtime.Parse(p.time)
				switch {
				case errors.Is(err, xtime.ErrNoZone):
					noZone++
				case err != nil:
					return nil, fmt.Errorf("gpx: track %d segment %d point %d: time %q: %w", ti+1, si+1, k, p.time, ErrFormat)
				}
				timed++
				s := lapkit.NewSample(tm)
				s.Lat, s.Lon = gp.Latitude, gp.Longitude
				if gp.Elevation.NotNull() {
					s.Altitude = gp.Elevation.Value()
				}
				s.HeartRate, s.Cadence, s.Power, s.Speed = p.hr, p.cad, p.power, p.speed
				if first && len(a.Samples) > 0 {
					if prev := a.Samples[len(a.Samples)-1].Time; tm.After(prev) {
						a.Pauses = append(a.Pauses, lapkit.Pause{Start: prev, End: tm})
					}
				}
				first = false
				a.Samples = append(a.Samples, s)
			}
		}
	}
	if timed == 0 {
		return nil, fmt.Errorf("gpx: none of %d track points has a time: %w", n, ErrNoTime)
	}
	if untimed > 0 {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteDroppedSamples, Count: untimed,
			Text: fmt.Sprintf("dropped %d track points without a time", untimed)})
	}
	if noZone > 0 {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteTimeZone, Count: noZone,
			Text: fmt.Sprintf("%d times have no zone and were read as UTC", noZone)})
	}
	runningCadence(a)
	track.Finish(a)
	return a, nil
}

// sport maps a GPX track type (free text, or Strava's activity number) to
// the model's sport names.
func sport(t string) string {
	switch t = strings.ToLower(strings.TrimSpace(t)); t {
	case "":
		return ""
	case "9", "run", "running", "trail_running", "trailrunning":
		return "running"
	case "1", "ride", "biking", "cycling", "road_biking", "mountain_biking":
		return "cycling"
	case "10", "walk", "walking":
		return "walking"
	case "4", "hike", "hiking":
		return "hiking"
	}
	return t
}

// runningCadence doubles per-leg running cadence: GPX writers (Garmin,
// Strava) store running cadence as strides per minute, the model wants
// steps per minute. A median below 120 tells a per-leg value.
func runningCadence(a *lapkit.Activity) {
	if a.Sport != "running" && a.Sport != "walking" && a.Sport != "hiking" {
		return
	}
	var c []float64
	for i := range a.Samples {
		if v := a.Samples[i].Cadence; !math.IsNaN(v) && v > 0 {
			c = append(c, v)
		}
	}
	if len(c) == 0 {
		return
	}
	sort.Float64s(c)
	if c[len(c)/2] >= 120 {
		return
	}
	for i := range a.Samples {
		a.Samples[i].Cadence *= 2
	}
}
