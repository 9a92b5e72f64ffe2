// Package gpx decodes GPX 1.0 and 1.1 tracks (phones, Strava exports,
// Garmin Connect) into the lapkit model.
//
// The decoder streams: it reads the XML event by event (internal/xmlscan:
// well-formed elements, references decoded, the declared encoding
// honoured) and keeps only the samples it builds, never the document, so a 200 MB file
// needs little more memory than its samples (about 90 bytes per track
// point). Times are exact to the nanosecond with UTC offsets honoured (an
// xsd:dateTime without a zone is read as UTC and noted); a time that cannot
// be read is an error. A document cut short gives the activity of the
// points closed before the cut with ErrTruncated. github.com/tkrajina/gpxgo,
// which reads the whole document and drops fractional seconds, is kept
// only as the benchmark baseline.
//
// GPX has no laps and rarely a speed: distance is summed from positions
// (internal/geo, a sphere of mean earth radius) and Sample.Speed stays NaN
// unless the file has a speed (the GPX 1.0 speed element, or a speed
// extension). Heart rate, cadence and power come from the Garmin
// TrackPointExtension (v1 and v2) or any extension element named hr, cad or
// cadence, power, speed, whatever its namespace prefix. Every segment break
// is a pause. Routes and waypoints are not activities and are skipped.
//
// Limits, each overridable on a Decoder: MaxBytes of input (512 MiB),
// MaxPoints track points (2,000,000: 23 days at one point a second, 176 MB
// of samples) and MaxDepth of element nesting (64); beyond them
// Decode stops reading and returns ErrTooLarge (points, bytes) or ErrFormat
// (depth). XML entities other than the five predefined ones are an error,
// never expanded, and external entities are never fetched.
package gpx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/errs"
	"github.com/lapkit/lapkit/internal/limit"
	"github.com/lapkit/lapkit/internal/num"
	"github.com/lapkit/lapkit/internal/track"
	"github.com/lapkit/lapkit/internal/xmlscan"
	"github.com/lapkit/lapkit/internal/xtime"
	"golang.org/x/net/html/charset"
)

// Errors returned by Decode, wrapped with context: test with errors.Is.
var (
	ErrFormat   = errs.With("gpx: invalid format", lapkit.ErrFormat)                        // not well-formed XML, not GPX, nested deeper than MaxDepth, or an unreadable value
	ErrNoTrack  = errors.New("gpx: no track points")                                        // the file has no track with points (routes and waypoints are not activities)
	ErrNoTime   = errors.New("gpx: track has no times")                                     // the track points carry no time: a planned route, not a recording
	ErrTooLarge = errs.With("gpx: input exceeds MaxBytes or MaxPoints", lapkit.ErrTooLarge) // see Decoder.MaxBytes and Decoder.MaxPoints
	// ErrTruncated: the input ends before the document closes (a file cut
	// by an upload or a full disk). Decode returns it with the activity of
	// every track point closed before the cut, when there is one.
	ErrTruncated = errs.With("gpx: truncated document", lapkit.ErrTruncated)
)

// Default limits of a zero Decoder.
const (
	DefaultMaxBytes  = 512 << 20 // bytes of input: 512 MiB
	DefaultMaxPoints = 2_000_000 // track points: 23 days at 1 Hz, 176 MB of samples
	DefaultMaxDepth  = 64        // element nesting; real files use 6 to 8
)

// A Decoder decodes GPX files. Its zero value is ready to use and safe for
// concurrent use.
type Decoder struct {
	// MaxBytes bounds the input read; 0 means DefaultMaxBytes.
	MaxBytes int64
	// MaxPoints bounds the number of track points, with or without a time;
	// 0 means DefaultMaxPoints.
	MaxPoints int
	// MaxDepth bounds the nesting of elements; 0 means DefaultMaxDepth.
	MaxDepth int
}

// Decode reads a GPX activity from r with a zero Decoder.
func Decode(r io.Reader) (*lapkit.Activity, error) {
	var d Decoder
	return d.Decode(r)
}

// Decode reads a GPX activity from r (a nil Decoder is a zero one; a nil
// r fails with ErrFormat): every track and segment, in order,
// as one activity. The input is read once, as a stream. A document cut
// short (ErrTruncated) or with a fault in its XML or in a value
// (ErrFormat) gives the activity of the points closed before the fault
// with the error, and a note saying how many came after it unread; nil
// when no point was read, or over a limit (ErrTooLarge).
func (d *Decoder) Decode(r io.Reader) (*lapkit.Activity, error) {
	if d == nil {
		d = &Decoder{}
	}
	if r == nil {
		return nil, errs.Wrap(ErrFormat, "gpx: no input (a nil reader)")
	}
	max := d.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	st := &state{maxPoints: d.MaxPoints, maxDepth: d.MaxDepth}
	if st.maxPoints <= 0 {
		st.maxPoints = DefaultMaxPoints
	}
	if st.maxDepth <= 0 {
		st.maxDepth = DefaultMaxDepth
	}
	er := &limit.EOF{R: &limit.Text{R: &limit.Reader{R: r, Max: max}}}
	sc := xmlscan.New(er, charset.NewReaderLabel)
	sc.SkipSpace() // the values trim their text: indentation between tags is never read
	st.a = &lapkit.Activity{Format: "gpx"}
	err := st.run(sc)
	if err == nil {
		return st.finish()
	}
	line := sc.Line()
	switch {
	case errors.Is(err, limit.ErrExceeded):
		err = errs.With(fmt.Sprintf("gpx: line %d: the input exceeds %d bytes", line, max), ErrTooLarge, err)
	case errors.Is(err, limit.ErrText):
		err = errs.With(fmt.Sprintf("gpx: line %d: over %d bytes of text without markup", line, limit.DefaultMaxText), ErrTooLarge, err)
	case errors.Is(err, ErrTooLarge), errors.Is(err, ErrFormat):
		err = fmt.Errorf("gpx: line %d: %w", line, err)
	case er.Reached && st.root:
		err = errs.With(fmt.Sprintf("gpx: line %d: the document ends before it closes", line), ErrTruncated, err)
	default:
		err = errs.With(fmt.Sprintf("gpx: line %d: %s", line, strings.TrimPrefix(err.Error(), "XML syntax error on line "+fmt.Sprint(line)+": ")), ErrFormat, err)
	}
	if st.timed == 0 || errors.Is(err, ErrTooLarge) {
		// Nothing read, or more than lapkit reads: nothing kept, and
		// the rest of the input left unread.
		return nil, err
	}
	// Keep every point closed before the fault, and say what was lost.
	lost := limit.Count(sc.Rest(), "<trkpt")
	if st.ptAt != 0 {
		lost++
	}
	kind := lapkit.NoteFormat
	if errors.Is(err, ErrTruncated) {
		kind = lapkit.NoteTruncated
	}
	st.a.Notes = append(st.a.Notes, lapkit.Note{Kind: kind, Count: lost,
		Text: fmt.Sprintf("%v; kept the %d points before it, %d after it not read", err, st.timed, lost)})
	a, ferr := st.finish()
	if ferr != nil {
		return nil, ferr
	}
	return a, err
}

// Elements whose text the decoder reads.
const (
	fNone = iota
	fName
	fTrkName
	fType
	fEle
	fTime
	fHR
	fCad
	fPower
	fSpeed
)

// state is the decoder's position in the document and what it has read.
type state struct {
	a                   *lapkit.Activity
	maxPoints, maxDepth int

	depth    int
	root     bool   // the gpx element was opened
	metaAt   int    // depth of the open metadata element, 0 when none
	trkAt    int    // depth of the open trk
	segAt    int    // depth of the open trkseg
	ptAt     int    // depth of the open trkpt
	field    int    // what the text being read is, fNone when none
	fieldAt  int    // depth of that element
	text     []byte // the text of that element
	newSeg   bool   // the next timed point starts a segment
	tracks   int
	trkName  string // first track's name
	trkType  string // first non-empty track type
	metaName string

	// The samples read, in chunks that never move: growing one slice
	// would hold the old and the new array at each doubling. finish joins
	// them with one exact allocation.
	chunks [][]lapkit.Sample
	last   time.Time // time of the last sample kept

	pt     lapkit.Sample // the open track point
	ptTime []byte        // its time, parsed when the point closes; empty when none

	points, timed, untimed, far, noZone, badPos int
}

func (st *state) run(sc *xmlscan.Scanner) error {
	for {
		k, err := sc.Next()
		if err == io.EOF {
			if st.depth != 0 || !st.root {
				return errors.New("unexpected end of input")
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch k {
		case xmlscan.Start:
			if err := st.start(sc); err != nil {
				return err
			}
		case xmlscan.Text:
			if st.field != fNone {
				st.text = append(st.text, sc.Text()...)
			}
		case xmlscan.End:
			if err := st.end(); err != nil {
				return err
			}
		}
	}
}

func (st *state) start(sc *xmlscan.Scanner) error {
	st.depth++
	if st.depth > st.maxDepth {
		return errs.Wrap(ErrFormat, "elements nested deeper than %d", st.maxDepth)
	}
	name := sc.Local()
	switch {
	case st.depth == 1:
		if string(name) != "gpx" {
			return errs.Wrap(ErrFormat, "root element is <%s>, not <gpx>", name)
		}
		st.root = true
		for _, at := range sc.Attrs() {
			if string(at.Local) == "creator" {
				st.a.Device.Product = string(at.Value)
			}
		}
	case st.ptAt != 0:
		// Inside a track point: its time, elevation, speed (GPX 1.0) and
		// the extension values at any depth below it.
		child := st.depth == st.ptAt+1
		switch {
		case child && string(name) == "time":
			st.read(fTime)
		case child && string(name) == "ele":
			st.read(fEle)
		case child && string(name) == "speed":
			st.read(fSpeed)
		case child:
		case bytes.EqualFold(name, hrName):
			st.read(fHR)
		case bytes.EqualFold(name, cadName), bytes.EqualFold(name, cadenceName):
			st.read(fCad)
		case bytes.EqualFold(name, powerName), string(name) == "PowerInWatts":
			st.read(fPower)
		case bytes.EqualFold(name, speedName):
			st.read(fSpeed)
		}
	case st.segAt != 0:
		if string(name) == "trkpt" && st.depth == st.segAt+1 {
			return st.startPoint(sc)
		}
	case st.trkAt != 0:
		if st.depth == st.trkAt+1 {
			switch string(name) {
			case "trkseg":
				st.segAt = st.depth
				st.newSeg = true
			case "name":
				if st.tracks == 1 {
					st.read(fTrkName)
				}
			case "type":
				if st.trkType == "" {
					st.read(fType)
				}
			}
		}
	case st.depth == 2 && string(name) == "trk":
		st.trkAt = st.depth
		st.tracks++
	case st.depth == 2 && string(name) == "metadata":
		st.metaAt = st.depth
	case st.depth == 2 && string(name) == "name", st.metaAt != 0 && st.depth == 3 && string(name) == "name":
		st.read(fName)
	}
	return nil
}

// Extension elements read at any depth in a track point, in any case.
var (
	hrName      = []byte("hr")
	cadName     = []byte("cad")
	cadenceName = []byte("cadence")
	powerName   = []byte("power")
	speedName   = []byte("speed")
)

// read starts reading the text of the element just opened.
func (st *state) read(f int) {
	st.field, st.fieldAt = f, st.depth
	st.text = st.text[:0]
}

func (st *state) startPoint(sc *xmlscan.Scanner) error {
	st.points++
	if st.points > st.maxPoints {
		return errs.Wrap(ErrTooLarge, "more than %d track points", st.maxPoints)
	}
	st.ptAt = st.depth
	st.pt = lapkit.NewSample(0)
	st.ptTime = st.ptTime[:0]
	for _, at := range sc.Attrs() {
		var p *float64
		switch string(at.Local) {
		case "lat":
			p = &st.pt.Lat
		case "lon":
			p = &st.pt.Lon
		default:
			continue
		}
		v, err := num.ParseFloat(bytes.TrimSpace(at.Value))
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return errs.Wrap(ErrFormat, "track point %d: %s=%q is not a number", st.points, at.Local, at.Value)
		}
		*p = v
	}
	if math.Abs(st.pt.Lat) > 90 || math.Abs(st.pt.Lon) > 180 {
		st.pt.Lat, st.pt.Lon = math.NaN(), math.NaN()
		st.badPos++
	}
	return nil
}

func (st *state) end() error {
	if st.field != fNone && st.depth == st.fieldAt {
		st.endField()
	}
	switch st.depth {
	case st.ptAt:
		st.ptAt = 0
		if err := st.endPoint(); err != nil {
			return err
		}
	case st.segAt:
		st.segAt = 0
	case st.trkAt:
		st.trkAt = 0
	case st.metaAt:
		st.metaAt = 0
	}
	st.depth--
	return nil
}

func (st *state) endField() {
	f := st.field
	st.field = fNone
	s := bytes.TrimSpace(st.text)
	switch f {
	case fName:
		if st.metaName == "" {
			st.metaName = string(s)
		}
		return
	case fTrkName:
		st.trkName = string(s)
		return
	case fType:
		st.trkType = string(s)
		return
	case fTime:
		st.ptTime = append(st.ptTime[:0], s...)
		return
	}
	// A number: an unreadable value is left unknown (NaN), as an absent one.
	v, err := num.ParseFloat(s)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return
	}
	switch f {
	case fEle:
		st.pt.Altitude = v
	case fHR:
		st.pt.HeartRate = v
	case fCad:
		st.pt.Cadence = v
	case fPower:
		st.pt.Power = v
	case fSpeed:
		st.pt.Speed = v
	}
}

// endPoint adds the closed track point to the activity; a point without a
// time is counted and dropped.
func (st *state) endPoint() error {
	if len(st.ptTime) == 0 {
		st.untimed++
		return nil
	}
	tm, err := xtime.Parse(string(st.ptTime))
	switch {
	case errors.Is(err, xtime.ErrNoZone):
		st.noZone++
	case err != nil:
		return errs.Wrap(ErrFormat, "track point %d: time %q is not a time", st.points, st.ptTime)
	case !lapkit.InSpan(tm):
		st.far++
		return nil
	}
	st.timed++
	st.pt.Time = lapkit.At(tm)
	if st.newSeg && st.timed > 1 && tm.After(st.last) {
		st.a.Pauses = append(st.a.Pauses, lapkit.Pause{Start: st.last, End: tm})
	}
	st.newSeg = false
	st.last = tm
	k := len(st.chunks) - 1
	if k < 0 || len(st.chunks[k]) == cap(st.chunks[k]) {
		// Chunks double from 1,024 samples (90 KB) up to 65,536 (5.8 MB).
		size := 1024
		if k >= 0 {
			size = min(2*cap(st.chunks[k]), 1<<16)
		}
		st.chunks = append(st.chunks, make([]lapkit.Sample, 0, size))
		k++
	}
	st.chunks[k] = append(st.chunks[k], st.pt)
	return nil
}

func (st *state) finish() (*lapkit.Activity, error) {
	a := st.a
	if st.points == 0 {
		return nil, errs.Wrap(ErrNoTrack, "gpx: %d tracks, no points", st.tracks)
	}
	if st.timed == 0 {
		return nil, errs.Wrap(ErrNoTime, "gpx: none of %d track points has a time", st.points)
	}
	if len(st.chunks) == 1 {
		a.Samples = st.chunks[0]
	} else {
		a.Samples = make([]lapkit.Sample, 0, st.timed)
		for i, c := range st.chunks {
			a.Samples = append(a.Samples, c...)
			st.chunks[i] = nil
		}
	}
	st.chunks = nil
	a.Name = st.metaName
	if a.Name == "" {
		a.Name = st.trkName
	}
	a.Sport = sport(st.trkType)
	track.NoteRead(a, "track points", st.untimed, st.far, st.noZone)
	if st.badPos > 0 {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NotePositionInvalid, Count: st.badPos,
			Text: fmt.Sprintf("%d track points have a position out of range, read as none", st.badPos)})
	}
	runningCadence(a)
	track.Finish(a)
	return a, nil
}
