package tcx

import (
	"bytes"
	"errors"
	"io"
	"math"
	"strings"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/errs"
	"github.com/lapkit/lapkit/internal/num"
	"github.com/lapkit/lapkit/internal/xmlscan"
	"github.com/lapkit/lapkit/internal/xtime"
)

// sport maps a TCX Sport attribute (Running, Biking, Other) to the
// model's sports; "" for Other.
func sport(s string) lapkit.Sport {
	switch strings.ToLower(s) {
	case "running":
		return lapkit.SportRunning
	case "biking":
		return lapkit.SportCycling
	}
	return ""
}

// finite is v, or NaN for an infinite v.
func finite(v float64) float64 {
	if math.IsInf(v, 0) {
		return math.NaN()
	}
	return v
}

func parseTime(s string) (time.Time, bool, error) {
	t, err := xtime.Parse(s)
	if errors.Is(err, xtime.ErrNoZone) {
		return t, true, nil
	}
	if err != nil {
		return t, false, errs.Wrap(ErrFormat, "time %q is not a time", s)
	}
	return t, false, nil
}

var triggers = map[string]lapkit.LapTrigger{
	"manual": lapkit.LapTriggerManual, "distance": lapkit.LapTriggerDistance,
	"location": lapkit.LapTriggerPosition, "time": lapkit.LapTriggerTime,
	"heartrate": lapkit.LapTriggerHeartRate,
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

// readPoint reads a Trackpoint, its start read, through its end into p
// (see xpoint).
func (st *state) readPoint(sc *xmlscan.Scanner, p *xpoint) error {
	return st.subtree(sc, func(at path, text []byte) error {
		path := at.names[:at.n]
		if len(path) == 0 {
			return nil
		}
		switch name := path[len(path)-1]; {
		case len(path) == 1 && name == "Time":
			p.Time = string(text)
		case len(path) == 1 && name == "AltitudeMeters":
			return setNum(&p.Alt, text)
		case len(path) == 1 && name == "DistanceMeters":
			return setNum(&p.Distance, text)
		case len(path) == 1 && name == "Cadence":
			return setNum(&p.Cadence, text)
		case len(path) == 2 && path[0] == "Position" && name == "LatitudeDegrees":
			return setNum(&p.Lat, text)
		case len(path) == 2 && path[0] == "Position" && name == "LongitudeDegrees":
			return setNum(&p.Lon, text)
		case len(path) == 2 && path[0] == "HeartRateBpm" && name == "Value":
			return setNum(&p.HR, text)
		case len(path) == 3 && path[0] == "Extensions" && path[1] == "TPX" && name == "Speed":
			return setNum(&p.Speed, text)
		case len(path) == 3 && path[0] == "Extensions" && path[1] == "TPX" && name == "RunCadence":
			return setNum(&p.RunCadence, text)
		case len(path) == 3 && path[0] == "Extensions" && path[1] == "TPX" && name == "Watts":
			return setNum(&p.Watts, text)
		}
		return nil
	})
}

// setNum sets *dst to the number text holds, as xml.Unmarshal sets a
// float64: 0 for no text, strconv's error for text that is not a number.
func setNum(dst *float64, text []byte) error {
	text = bytes.TrimSpace(text)
	v := 0.0
	if len(text) > 0 {
		var err error
		if v, err = num.ParseFloat(text); err != nil {
			return err
		}
	}
	*dst = v
	return nil
}

// subtree reads the element just started through its end, calling leaf as
// each element inside it closes, and as it closes itself, with the names
// of the elements from below it down to the one closing (interned, "" for
// a name decoders do not look for; at most maxPath) and the text read
// since the last element started or closed.
func (st *state) subtree(sc *xmlscan.Scanner, leaf func(p path, text []byte) error) error {
	// The path and the text are locals, handed to leaf by value: no
	// pointer is stored to the heap an element (the collector's write
	// barrier cost more than the element).
	var p path
	text := st.text[:0]
	defer func() { st.text = text[:0] }()
	for {
		k, err := sc.Next()
		if err == io.EOF {
			return &xmlscan.SyntaxError{Msg: "unexpected EOF", Line: sc.Line()}
		}
		if err != nil {
			return err
		}
		switch k {
		case xmlscan.Start:
			if p.n < maxPath {
				p.names[p.n] = intern(sc.Local())
			}
			p.n++
			text = text[:0]
		case xmlscan.Text:
			text = append(text, sc.Text()...)
		case xmlscan.End:
			if p.n <= maxPath {
				if err := leaf(p, text); err != nil {
					return err
				}
			}
			if p.n == 0 {
				return nil // the element's own end
			}
			p.n--
			text = text[:0]
		}
	}
}

// A path names the elements from below a subtree's element down to the
// one closing: names[:n] (n past maxPath: deeper than named).
type path struct {
	names [maxPath]string
	n     int
}

// maxPath is how deep below an element subtree names the elements.
const maxPath = 3

var nan = math.NaN()

// intern returns the name as one of the element names the decoder looks
// for, without allocating; "" for any other.
func intern(b []byte) string {
	switch string(b) {
	case "TrainingCenterDatabase":
		return "TrainingCenterDatabase"
	case "Activity":
		return "Activity"
	case "MultiSportSession":
		return "MultiSportSession"
	case "Creator":
		return "Creator"
	case "Name":
		return "Name"
	case "Lap":
		return "Lap"
	case "Track":
		return "Track"
	case "Trackpoint":
		return "Trackpoint"
	case "TotalTimeSeconds":
		return "TotalTimeSeconds"
	case "DistanceMeters":
		return "DistanceMeters"
	case "MaximumSpeed":
		return "MaximumSpeed"
	case "AverageHeartRateBpm":
		return "AverageHeartRateBpm"
	case "MaximumHeartRateBpm":
		return "MaximumHeartRateBpm"
	case "Intensity":
		return "Intensity"
	case "TriggerMethod":
		return "TriggerMethod"
	case "Extensions":
		return "Extensions"
	case "Time":
		return "Time"
	case "AltitudeMeters":
		return "AltitudeMeters"
	case "Cadence":
		return "Cadence"
	case "Position":
		return "Position"
	case "LatitudeDegrees":
		return "LatitudeDegrees"
	case "LongitudeDegrees":
		return "LongitudeDegrees"
	case "HeartRateBpm":
		return "HeartRateBpm"
	case "Value":
		return "Value"
	case "TPX":
		return "TPX"
	case "Speed":
		return "Speed"
	case "RunCadence":
		return "RunCadence"
	case "Watts":
		return "Watts"
	case "LX":
		return "LX"
	case "AvgSpeed":
		return "AvgSpeed"
	}
	return ""
}
