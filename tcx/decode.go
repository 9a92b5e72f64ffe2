// Package tcx decodes Garmin Training Center XML files (TCX, as Garmin
// Connect, Polar Flow and many apps export them) into the lapkit model,
// with encoding/xml. It reads one lap at a time, so memory grows with the
// samples kept, not with the document.
//
// TCX laps carry Intensity (Active, Resting) and TriggerMethod (Manual,
// Distance, Location, Time, HeartRate). A lap's Track elements split when the
// timer was stopped: a break between two tracks of one lap is a pause.
// Running cadence (Cadence or the TPX RunCadence extension) is per leg in
// TCX and doubled to steps per minute.
package tcx

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/limit"
	"github.com/lapkit/lapkit/internal/track"
	"github.com/lapkit/lapkit/internal/xtime"
	"golang.org/x/net/html/charset"
)

// Errors returned by Decode, wrapped with context: test with errors.Is.
var (
	ErrFormat        = errors.New("tcx: invalid format")         // not well-formed XML, not TCX, or an unreadable value
	ErrNoTrackpoints = errors.New("tcx: no trackpoints")         // a TCX with no timed trackpoint (a course, a workout, an empty activity)
	ErrTooLarge      = errors.New("tcx: input exceeds MaxBytes") // see Decoder.MaxBytes
)

// DefaultMaxBytes is the largest input a zero Decoder reads: 512 MiB.
const DefaultMaxBytes = 512 << 20

// A Decoder decodes TCX files. Its zero value is ready to use and safe for
// concurrent use.
type Decoder struct {
	// MaxBytes bounds the input read; 0 means DefaultMaxBytes.
	MaxBytes int64
}

// Decode reads a TCX activity from r with a zero Decoder.
func Decode(r io.Reader) (*lapkit.Activity, error) {
	var d Decoder
	return d.Decode(r)
}

type value struct {
	V *float64 `xml:"Value"`
}

type xlap struct {
	StartTime string   `xml:"StartTime,attr"`
	TotalTime *float64 `xml:"TotalTimeSeconds"`
	Distance  *float64 `xml:"DistanceMeters"`
	MaxSpeed  *float64 `xml:"MaximumSpeed"`
	AvgHR     value    `xml:"AverageHeartRateBpm"`
	MaxHR     value    `xml:"MaximumHeartRateBpm"`
	Intensity string   `xml:"Intensity"`
	Trigger   string   `xml:"TriggerMethod"`
	Tracks    []struct {
		Points []xpoint `xml:"Trackpoint"`
	} `xml:"Track"`
	Ext struct {
		AvgSpeed *float64 `xml:"LX>AvgSpeed"`
	} `xml:"Extensions"`
}

type xpoint struct {
	Time     string   `xml:"Time"`
	Lat      *float64 `xml:"Position>LatitudeDegrees"`
	Lon      *float64 `xml:"Position>LongitudeDegrees"`
	Alt      *float64 `xml:"AltitudeMeters"`
	Distance *float64 `xml:"DistanceMeters"`
	HR       value    `xml:"HeartRateBpm"`
	Cadence  *float64 `xml:"Cadence"`
	Ext      struct {
		Speed      *float64 `xml:"TPX>Speed"`
		RunCadence *float64 `xml:"TPX>RunCadence"`
		Watts      *float64 `xml:"TPX>Watts"`
	} `xml:"Extensions"`
}

// Decode reads the first activity of a TCX file (multisport TCX files hold
// one activity per sport: they are read into one activity, in order).
func (d *Decoder) Decode(r io.Reader) (*lapkit.Activity, error) {
	max := d.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	xd := xml.NewDecoder(&limit.Reader{R: r, Max: max})
	xd.CharsetReader = charset.NewReaderLabel
	a := &lapkit.Activity{Format: "tcx"}
	root, laps, points, noZone := false, 0, 0, 0
	fail := func(err error) (*lapkit.Activity, error) {
		if errors.Is(err, limit.ErrExceeded) {
			return nil, fmt.Errorf("tcx: input exceeds %d bytes: %w", max, ErrTooLarge)
		}
		line, _ := xd.InputPos()
		return nil, fmt.Errorf("tcx: line %d: %w: %w", line, err, ErrFormat)
	}
	for {
		tok, err := xd.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "TrainingCenterDatabase":
			root = true
		case "Activity":
			for _, at := range se.Attr {
				if at.Name.Local == "Sport" && a.Sport == "" {
					a.Sport = sport(at.Value)
				}
			}
		case "Creator":
			var c struct {
				Name string `xml:"Name"`
			}
			if err := xd.DecodeElement(&c, &se); err != nil {
				return fail(err)
			}
			if a.Device.Product == "" {
				a.Device.Product = strings.TrimSpace(c.Name)
			}
		case "Lap":
			var l xlap
			if err := xd.DecodeElement(&l, &se); err != nil {
				return fail(err)
			}
			laps++
			n, nz, err := addLap(a, &l)
			if err != nil {
				return nil, fmt.Errorf("tcx: lap %d: %w", laps, err)
			}
			points += n
			noZone += nz
		}
	}
	if !root {
		return nil, fmt.Errorf("tcx: no TrainingCenterDatabase element: %w", ErrFormat)
	}
	if points == 0 {
		return nil, fmt.Errorf("tcx: %d laps, no timed trackpoint: %w", laps, ErrNoTrackpoints)
	}
	if noZone > 0 {
		a.Notes = append(a.Notes, lapkit.Note{Kind: lapkit.NoteTimeZone, Count: noZone,
			Text: fmt.Sprintf("%d times have no zone and were read as UTC", noZone)})
	}
	closeLaps(a)
	track.Finish(a)
	return a, nil
}

func sport(s string) string {
	switch strings.ToLower(s) {
	case "running":
		return "running"
	case "biking":
		return "cycling"
	}
	return ""
}

func num(p *float64) float64 {
	if p == nil || math.IsInf(*p, 0) {
		return math.NaN()
	}
	return *p
}

func parseTime(s string) (time.Time, bool, error) {
	t, err := xtime.Parse(s)
	if errors.Is(err, xtime.ErrNoZone) {
		return t, true, nil
	}
	if err != nil {
		return t, false, fmt.Errorf("time %q: %w", s, ErrFormat)
	}
	return t, false, nil
}

var triggers = map[string]lapkit.LapTrigger{
	"manual": lapkit.LapTriggerManual, "distance": lapkit.LapTriggerDistance,
	"location": lapkit.LapTriggerPosition, "time": lapkit.LapTriggerTime,
	"heartrate": lapkit.LapTriggerHeartRate,
}

// addLap appends a lap and its trackpoints; it returns how many timed
// points it added and how many times had no zone.
func addLap(a *lapkit.Activity, l *xlap) (int, int, error) {
	start, nz, err := parseTime(l.StartTime)
	noZone := 0
	if nz {
		noZone++
	}
	if err != nil {
		return 0, 0, err
	}
	lap := lapkit.Lap{
		Start:        start,
		Distance:     num(l.Distance),
		TimerTime:    time.Duration(num0(l.TotalTime) * float64(time.Second)),
		Trigger:      triggers[strings.ToLower(strings.TrimSpace(l.Trigger))],
		WorkoutStep:  -1,
		AvgHeartRate: num(l.AvgHR.V),
		MaxHeartRate: num(l.MaxHR.V),
		AvgSpeed:     num(l.Ext.AvgSpeed),
		MaxSpeed:     num(l.MaxSpeed),
	}
	switch strings.ToLower(strings.TrimSpace(l.Intensity)) {
	case "active":
		lap.Intensity = lapkit.IntensityActive
	case "resting":
		lap.Intensity = lapkit.IntensityRest
	}
	running := a.Sport == "running"
	n := 0
	for ti, tr := range l.Tracks {
		for pi, p := range tr.Points {
			if strings.TrimSpace(p.Time) == "" {
				continue
			}
			t, nz, err := parseTime(p.Time)
			if err != nil {
				return 0, 0, err
			}
			if nz {
				noZone++
			}
			if ti > 0 && pi == 0 && len(a.Samples) > 0 {
				if prev := a.Samples[len(a.Samples)-1].Time; t.After(prev) {
					a.Pauses = append(a.Pauses, lapkit.Pause{Start: prev, End: t})
				}
			}
			s := lapkit.NewSample(t)
			s.Lat, s.Lon = num(p.Lat), num(p.Lon)
			s.Altitude = num(p.Alt)
			s.Distance = num(p.Distance)
			s.HeartRate = num(p.HR.V)
			s.Speed = num(p.Ext.Speed)
			s.Power = num(p.Ext.Watts)
			s.Cadence = num(p.Ext.RunCadence)
			if math.IsNaN(s.Cadence) {
				s.Cadence = num(p.Cadence)
			}
			if running {
				s.Cadence *= 2
			}
			a.Samples = append(a.Samples, s)
			if t.After(lap.End) {
				lap.End = t
			}
			n++
		}
	}
	if lap.End.IsZero() || lap.End.Before(start.Add(lap.TimerTime)) && len(l.Tracks) == 0 {
		lap.End = start.Add(lap.TimerTime)
	}
	a.Laps = append(a.Laps, lap)
	return n, noZone, nil
}

func num0(p *float64) float64 {
	if v := num(p); !math.IsNaN(v) {
		return v
	}
	return 0
}

// closeLaps ends each lap where the next begins (laps are contiguous in
// time; a lap's last trackpoint may come before its end) and sets the
// elapsed times.
func closeLaps(a *lapkit.Activity) {
	for i := range a.Laps {
		l := &a.Laps[i]
		if i+1 < len(a.Laps) && a.Laps[i+1].Start.After(l.Start) {
			l.End = a.Laps[i+1].Start
		}
		if l.End.Before(l.Start) {
			l.End = l.Start
		}
		l.ElapsedTime = l.End.Sub(l.Start)
	}
}
