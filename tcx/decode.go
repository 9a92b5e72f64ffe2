// Package tcx decodes Garmin Training Center XML files (TCX, as Garmin
// Connect, Polar Flow and many apps export them) into the lapkit model. It
// streams the XML (internal/xmlscan: well-formed elements, references
// decoded, the declared encoding honoured) and keeps each trackpoint as it
// closes, so memory grows with the samples kept, not with the document.
//
// TCX laps carry Intensity (Active, Resting) and TriggerMethod (Manual,
// Distance, Location, Time, HeartRate). A lap's Track elements split when the
// timer was stopped: a break between two tracks of one lap is a pause.
// Running cadence (Cadence or the TPX RunCadence extension) is per leg in
// TCX and doubled to steps per minute.
package tcx

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/errs"
	"github.com/lapkit/lapkit/internal/limit"
	"github.com/lapkit/lapkit/internal/track"
	"github.com/lapkit/lapkit/internal/xmlscan"
	"golang.org/x/net/html/charset"
)

// Errors returned by Decode, wrapped with context: test with errors.Is.
var (
	ErrFormat        = errs.With("tcx: invalid format", lapkit.ErrFormat)           // not well-formed XML, not TCX, or an unreadable value
	ErrNoTrackpoints = errors.New("tcx: no trackpoints")                            // a TCX with no timed trackpoint (a course, a workout, an empty activity)
	ErrTooLarge      = errs.With("tcx: input exceeds MaxBytes", lapkit.ErrTooLarge) // see Decoder.MaxBytes
	ErrTruncated     = errs.With("tcx: truncated document", lapkit.ErrTruncated)    // the input ends before the document closes (a file cut short): the points before the cut are kept
)

// Limits, each overridable on a Decoder.
const (
	DefaultMaxBytes  = 512 << 20 // bytes of input: 512 MiB
	DefaultMaxPoints = 2_000_000 // trackpoints: 23 days at 1 Hz
	DefaultMaxDepth  = 64        // element nesting; real files use 6 to 9
)

// A Decoder decodes TCX files. Its zero value is ready to use and safe for
// concurrent use.
type Decoder struct {
	// MaxBytes bounds the input read; 0 means DefaultMaxBytes.
	MaxBytes int64
	// MaxPoints bounds the trackpoints kept and MaxDepth the element
	// nesting; 0 means DefaultMaxPoints, DefaultMaxDepth. Beyond either,
	// Decode fails with ErrTooLarge.
	MaxPoints, MaxDepth int
}

// Decode reads a TCX activity from r with a zero Decoder.
func Decode(r io.Reader) (*lapkit.Activity, error) {
	var d Decoder
	return d.Decode(r)
}

// xlap is what a Lap element holds that lapkit keeps, read as
// xml.Unmarshal would read numbers (an empty one is 0, one that does not
// parse is an error); NaN for an absent number. The element paths below
// Lap are given.
type xlap struct {
	StartTime string  // the StartTime attribute
	TotalTime float64 // TotalTimeSeconds
	Distance  float64 // DistanceMeters
	MaxSpeed  float64 // MaximumSpeed
	AvgHR     float64 // AverageHeartRateBpm > Value
	MaxHR     float64 // MaximumHeartRateBpm > Value
	AvgSpeed  float64 // Extensions > LX > AvgSpeed
	Intensity string  // Intensity
	Trigger   string  // TriggerMethod
}

// xpoint is a Trackpoint, read as xlap is.
type xpoint struct {
	Time       string  // Time
	Lat        float64 // Position > LatitudeDegrees
	Lon        float64 // Position > LongitudeDegrees
	Alt        float64 // AltitudeMeters
	Distance   float64 // DistanceMeters
	HR         float64 // HeartRateBpm > Value
	Cadence    float64 // Cadence
	Speed      float64 // Extensions > TPX > Speed
	RunCadence float64 // Extensions > TPX > RunCadence
	Watts      float64 // Extensions > TPX > Watts
}

// Decode reads the activities of a TCX file (a nil Decoder is a zero one;
// a nil r fails with ErrFormat) as one activity (multisport
// TCX files hold one activity per sport: they are read in order; a gap of
// more than track.MaxJump between two is a pause, and several activities
// are noted, lapkit.NoteActivities). It streams: each trackpoint is kept
// as soon as it closes, so a file cut short (ErrTruncated) or with a bad
// byte (ErrFormat) returns every point before the fault with the error and
// a note saying how many points came after it unread; nil only when no
// point was read.
func (d *Decoder) Decode(r io.Reader) (*lapkit.Activity, error) {
	all, err := d.decode(r, false)
	if len(all) == 0 {
		return nil, err
	}
	return all[0], err
}

// DecodeAll reads every activity of a TCX file with a zero Decoder.
func DecodeAll(r io.Reader) ([]*lapkit.Activity, error) {
	var d Decoder
	return d.DecodeAll(r)
}

// DecodeAll reads each Activity element of a TCX file as an activity of
// its own, in the order of the file (Training Center and Garmin Connect
// export days of them into one file). An Activity with neither laps nor
// trackpoints is left out. Errors are Decode's: the activities read before
// a fault are returned with it, the one it cut holding the points before
// it.
func (d *Decoder) DecodeAll(r io.Reader) ([]*lapkit.Activity, error) {
	return d.decode(r, true)
}

// decode reads r into one activity, or into one per Activity element when
// apart.
func (d *Decoder) decode(r io.Reader, apart bool) ([]*lapkit.Activity, error) {
	if d == nil {
		d = &Decoder{}
	}
	if r == nil {
		return nil, errs.Wrap(ErrFormat, "tcx: no input (a nil reader)")
	}
	max := d.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	er := &limit.EOF{R: &limit.Text{R: &limit.Reader{R: r, Max: max}}}
	sc := xmlscan.New(er, charset.NewReaderLabel)
	sc.SkipSpace() // the leaves trim their text: indentation between tags is never read
	st := &state{a: &lapkit.Activity{Format: "tcx"}, apart: apart, maxPoints: d.MaxPoints, maxDepth: d.MaxDepth}
	if st.maxPoints <= 0 {
		st.maxPoints = DefaultMaxPoints
	}
	if st.maxDepth <= 0 {
		st.maxDepth = DefaultMaxDepth
	}
	err := st.run(sc)
	if err == nil {
		if !st.root {
			if st.points == 0 {
				return nil, errs.Wrap(ErrFormat, "tcx: no TrainingCenterDatabase element")
			}
			// Activities without the root element: read all the same.
			err := errs.Wrap(ErrFormat, "tcx: no TrainingCenterDatabase root element: its %d trackpoints read all the same", st.points)
			st.a.Notes = append(st.a.Notes, lapkit.Note{Kind: lapkit.NoteFormat, Count: st.points, Text: err.Error()})
			return st.all(), err
		}
		if st.points == 0 {
			return nil, errs.Wrap(ErrNoTrackpoints, "tcx: %d laps, no timed trackpoint", len(st.a.Laps))
		}
		return st.all(), nil
	}
	line := sc.Line()
	switch {
	case errors.Is(err, limit.ErrExceeded):
		err = errs.With(fmt.Sprintf("tcx: line %d: the input exceeds %d bytes", line, max), ErrTooLarge, err)
	case errors.Is(err, limit.ErrText):
		err = errs.With(fmt.Sprintf("tcx: line %d: over %d bytes of text without markup", line, limit.DefaultMaxText), ErrTooLarge, err)
	case er.Reached:
		err = errs.With(fmt.Sprintf("tcx: line %d: the document ends before it closes", line), ErrTruncated, err)
	case errors.Is(err, ErrFormat), errors.Is(err, ErrTooLarge):
		err = fmt.Errorf("tcx: line %d: %w", line, err)
	default:
		err = errs.With(fmt.Sprintf("tcx: line %d: %s", line, strings.TrimPrefix(err.Error(), "XML syntax error on line "+fmt.Sprint(line)+": ")), ErrFormat, err)
	}
	if st.points == 0 || errors.Is(err, ErrTooLarge) {
		// Nothing read, or more than lapkit reads: nothing kept, and
		// the rest of the input left unread.
		return nil, err
	}
	// Keep every point closed before the fault, and say what was lost.
	lost := st.inPoint + limit.Count(sc.Rest(), "<Trackpoint")
	st.closeLap()
	st.a.Notes = append(st.a.Notes, lapkit.Note{Kind: noteKind(err), Count: lost,
		Text: fmt.Sprintf("%v; kept the %d trackpoints before it, %d after it not read", err, st.points, lost)})
	return st.all(), err
}

// noteKind is the note kind of a decoding fault.
func noteKind(err error) lapkit.NoteKind {
	if errors.Is(err, ErrTruncated) {
		return lapkit.NoteTruncated
	}
	return lapkit.NoteFormat
}

// state is the decoding in progress.
type state struct {
	a       *lapkit.Activity
	root    bool
	points  int // timed trackpoints kept
	noZone  int
	untimed int // trackpoints without a time, dropped
	far     int // trackpoints whose time is out of an Instant's span, dropped

	activities  int                // Activity elements seen
	newActivity bool               // the next point is the first of another activity
	apart       bool               // each Activity element an activity of its own (DecodeAll)
	done        []*lapkit.Activity // the activities read before a, when apart
	inPoint     int                // 1 while a trackpoint is being read

	maxPoints, maxDepth int

	text   []byte     // the text of the element being read (subtree)
	lap    *xlap      // the lap open, nil between laps
	lapN   int        // laps seen
	tracks int        // tracks of the open lap
	first  bool       // the next point is the first of its track
	cur    lapkit.Lap // the open lap's figures
}

// run reads the events of the document, keeping each trackpoint as it
// closes.
func (st *state) run(sc *xmlscan.Scanner) error {
	depth, lapDepth := 0, -1
	for {
		k, err := sc.Next()
		if err == io.EOF {
			if sc.Depth() != 0 {
				return &xmlscan.SyntaxError{Msg: "unexpected EOF", Line: sc.Line()}
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch k {
		case xmlscan.End:
			depth--
			if depth == lapDepth {
				st.closeLap()
				lapDepth = -1
			}
			continue
		case xmlscan.Start:
			if depth++; depth > st.maxDepth {
				return errs.Wrap(ErrTooLarge, "elements nested over %d deep", st.maxDepth)
			}
			consumed, err := st.start(sc, depth, &lapDepth)
			if err != nil {
				return err
			}
			if consumed {
				depth-- // read through its end
			}
		}
	}
}

// start handles the start of an element at depth; consumed tells that it
// read the element through its end.
func (st *state) start(sc *xmlscan.Scanner, depth int, lapDepth *int) (consumed bool, err error) {
	inLap := *lapDepth >= 0
	switch name := intern(sc.Local()); {
	case name == "TrainingCenterDatabase":
		st.root = true
	case name == "Activity" || name == "MultiSportSession":
		// The activities of one file are apart (Training Center writes
		// days of them into one multisport session): a gap between two
		// longer than a clock jump (track.MaxJump) is a pause, the
		// activities keep their own times.
		if name == "Activity" {
			st.activities++
			st.newActivity = st.activities > 1
			if st.apart && st.newActivity {
				if len(st.a.Samples) > 0 || len(st.a.Laps) > 0 {
					st.done = append(st.done, st.finish())
				}
				st.a = &lapkit.Activity{Format: "tcx"}
				st.untimed, st.far, st.noZone = 0, 0, 0
			}
		}
		for _, at := range sc.Attrs() {
			if string(at.Local) == "Sport" && st.a.Sport == "" {
				st.a.Sport = sport(string(at.Value))
			}
		}
	case name == "Creator" && !inLap:
		var product string
		err := st.subtree(sc, func(p path, text []byte) error {
			path := p.names[:p.n]
			if len(path) == 1 && path[0] == "Name" {
				product = string(text)
			}
			return nil
		})
		if err != nil {
			return true, err
		}
		if st.a.Device.Product == "" {
			st.a.Device.Product = strings.TrimSpace(product)
		}
		return true, nil
	case name == "Lap":
		st.lapN++
		st.lap, st.tracks = &xlap{TotalTime: nan, Distance: nan, MaxSpeed: nan, AvgHR: nan, MaxHR: nan, AvgSpeed: nan}, 0
		for _, at := range sc.Attrs() {
			if string(at.Local) == "StartTime" {
				st.lap.StartTime = string(at.Value)
			}
		}
		start, nz, err := parseTime(st.lap.StartTime)
		if err != nil {
			return false, fmt.Errorf("lap %d: %w", st.lapN, err)
		}
		if nz {
			st.noZone++
		}
		st.cur = lapkit.Lap{Start: start}
		*lapDepth = depth - 1
	case inLap && name == "Track":
		st.tracks++
		st.first = true
	case inLap && name == "Trackpoint":
		p := xpoint{Lat: nan, Lon: nan, Alt: nan, Distance: nan, HR: nan, Cadence: nan, Speed: nan, RunCadence: nan, Watts: nan}
		st.inPoint = 1
		if err := st.readPoint(sc, &p); err != nil {
			return true, err
		}
		st.inPoint = 0
		return true, st.point(&p)
	case inLap && depth == *lapDepth+2:
		// The lap's own figures.
		return true, st.lapField(sc, name)
	}
	return false, nil
}

// lapField reads the lap's child element name, just started, through its
// end into the open lap (see xlap); the children lapkit does not keep are
// read and dropped.
func (st *state) lapField(sc *xmlscan.Scanner, name string) error {
	l := st.lap
	return st.subtree(sc, func(p path, text []byte) error {
		path := p.names[:p.n]
		switch {
		case len(path) == 0:
			switch name {
			case "TotalTimeSeconds":
				return setNum(&l.TotalTime, text)
			case "DistanceMeters":
				return setNum(&l.Distance, text)
			case "MaximumSpeed":
				return setNum(&l.MaxSpeed, text)
			case "Intensity":
				l.Intensity = string(text)
			case "TriggerMethod":
				l.Trigger = string(text)
			}
		case len(path) == 1 && path[0] == "Value" && name == "AverageHeartRateBpm":
			return setNum(&l.AvgHR, text)
		case len(path) == 1 && path[0] == "Value" && name == "MaximumHeartRateBpm":
			return setNum(&l.MaxHR, text)
		case len(path) == 2 && name == "Extensions" && path[0] == "LX" && path[1] == "AvgSpeed":
			return setNum(&l.AvgSpeed, text)
		}
		return nil
	})
}

// point keeps a trackpoint of the open lap.
func (st *state) point(p *xpoint) error {
	if strings.TrimSpace(p.Time) == "" {
		st.untimed++ // kept out, and counted in a note
		return nil
	}
	t, nz, err := parseTime(p.Time)
	if err != nil {
		return err
	}
	if nz {
		st.noZone++
	}
	if !lapkit.InSpan(t) {
		st.far++ // kept out, and counted in a note
		return nil
	}
	a := st.a
	if len(a.Samples) > 0 {
		// A new track of the same lap, or an activity an hour or more
		// after the one before: the timer was stopped.
		prev := a.Samples[len(a.Samples)-1].Time.UTC()
		if t.After(prev) && (st.tracks > 1 && st.first || st.newActivity && t.Sub(prev) > track.MaxJump) {
			a.Pauses = append(a.Pauses, lapkit.Pause{Start: prev, End: t})
		}
	}
	st.newActivity = false
	st.first = false
	s := lapkit.NewSample(lapkit.At(t))
	s.Lat, s.Lon = finite(p.Lat), finite(p.Lon)
	s.Altitude = finite(p.Alt)
	s.Distance = finite(p.Distance)
	s.HeartRate = finite(p.HR)
	s.Speed = finite(p.Speed)
	s.Power = finite(p.Watts)
	s.Cadence = finite(p.RunCadence)
	if math.IsNaN(s.Cadence) {
		s.Cadence = finite(p.Cadence)
	}
	if a.Sport == "running" {
		s.Cadence *= 2
	}
	a.Samples = append(a.Samples, s)
	if t.After(st.cur.End) {
		st.cur.End = t
	}
	if st.points++; st.points > st.maxPoints {
		return errs.Wrap(ErrTooLarge, "more than %d trackpoints", st.maxPoints)
	}
	return nil
}

// closeLap ends the open lap with its figures.
func (st *state) closeLap() {
	if st.lap == nil {
		return
	}
	l, lap := st.lap, &st.cur
	lap.Distance = finite(l.Distance)
	if t := finite(l.TotalTime); !math.IsNaN(t) {
		lap.TimerTime = time.Duration(t * float64(time.Second))
	}
	lap.Trigger = triggers[strings.ToLower(strings.TrimSpace(l.Trigger))]
	lap.AvgHeartRate, lap.MaxHeartRate = finite(l.AvgHR), finite(l.MaxHR)
	lap.AvgSpeed, lap.MaxSpeed = finite(l.AvgSpeed), finite(l.MaxSpeed)
	switch strings.ToLower(strings.TrimSpace(l.Intensity)) {
	case "active":
		lap.Intensity = lapkit.IntensityActive
	case "resting":
		lap.Intensity = lapkit.IntensityRest
	}
	if lap.End.IsZero() || lap.End.Before(lap.Start.Add(lap.TimerTime)) && st.tracks == 0 {
		lap.End = lap.Start.Add(lap.TimerTime)
	}
	st.a.Laps = append(st.a.Laps, *lap)
	st.lap = nil
}

// finish completes the activity: the zone note, the laps' ends, the
// repairs.
func (st *state) finish() *lapkit.Activity {
	a := st.a
	track.NoteRead(a, "trackpoints", st.untimed, st.far, st.noZone)
	if !st.apart && st.activities > 1 {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteActivities, Count: st.activities,
			Text: fmt.Sprintf("the file holds %d activities, read here as one (tcx.DecodeAll reads each apart)", st.activities)})
	}
	closeLaps(a)
	track.Finish(a)
	return a
}

// all finishes the activity being read and returns every activity read:
// one, or one per Activity element when apart (leaving out a last one
// with neither laps nor trackpoints).
func (st *state) all() []*lapkit.Activity {
	if !st.apart || len(st.done) == 0 || len(st.a.Samples) > 0 || len(st.a.Laps) > 0 {
		return append(st.done, st.finish())
	}
	return st.done
}
