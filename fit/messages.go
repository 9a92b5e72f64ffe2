package fit

import (
	"math"
	"time"

	"github.com/lapkit/lapkit"
)

// The messages other than records that the model uses, read from the bytes
// by field number (FIT profile 21). A field that is absent, or that holds
// its base type's invalid value, or whose size is too short for its base
// type, reads as absent.

// get reads the first value of field num as a float64, with ok false when
// the field is absent or invalid.
func (d *defMesg) get(data []byte, num byte) (float64, bool) {
	return d.ref(num).value(data)
}

// getTime reads a date_time field: seconds since the FIT epoch. A missing
// or zero value is the zero time.
func (d *defMesg) getTime(data []byte, num byte) time.Time {
	v, ok := d.get(data, num)
	if !ok {
		return time.Time{}
	}
	return fitTime(uint32(v))
}

// getMillis reads a time field in milliseconds (scale 1000 seconds); a
// missing one is 0.
func (d *defMesg) getMillis(data []byte, num byte) time.Duration {
	v, ok := d.get(data, num)
	if !ok {
		return 0
	}
	return time.Duration(v) * time.Millisecond
}

// getScaled reads a field as value/scale; a missing one is NaN.
func (d *defMesg) getScaled(data []byte, num byte, scale float64) float64 {
	v, ok := d.get(data, num)
	if !ok {
		return math.NaN()
	}
	return v / scale
}

// getEnum reads an enum or integer field; a missing one is def.
func (d *defMesg) getEnum(data []byte, num byte, def uint64) uint64 {
	v, ok := d.get(data, num)
	if !ok {
		return def
	}
	return uint64(v)
}

// msgTime is a message's timestamp: its own field 253 or its compressed
// header (ts, when timed), else the zero time.
func msgTime(ts uint32, timed bool) time.Time {
	if !timed {
		return time.Time{}
	}
	return fitTime(ts)
}

// fitTime converts FIT seconds to UTC; 0 (the FIT epoch itself) is the
// zero time, as a missing stamp.
func fitTime(v uint32) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.Unix(fitEpochUnix+int64(v), 0).UTC()
}

// fileID holds the file_id fields the model uses; absent ones hold FIT's
// invalid values.
type fileID struct {
	manufacturer, product uint16
	serial                uint32
	productName           string
}

func (d *defMesg) fileID(data []byte) fileID {
	return fileID{
		manufacturer: uint16(d.getEnum(data, 1, 0xFFFF)),
		product:      uint16(d.getEnum(data, 2, 0xFFFF)),
		serial:       uint32(d.getEnum(data, 3, 0)),
		productName:  d.str(data, 8),
	}
}

// lapMsg is one lap message, with the watch's own stamps; convertLaps
// makes the model's laps of them.
type lapMsg struct {
	start, end       time.Time
	elapsed, timer   time.Duration
	distance         float64
	avgSpeed, maxSpd float64
	avgHR, maxHR     float64
	trigger          lapkit.LapTrigger
	intensity        lapkit.Intensity
	step             int // wkt_step_index; -1 when none
	sport            lapkit.Sport
}

func (d *defMesg) lap(data []byte, ts uint32, timed bool) lapMsg {
	l := lapMsg{
		end:       msgTime(ts, timed),
		start:     d.getTime(data, 2),
		elapsed:   d.getMillis(data, 7),
		timer:     d.getMillis(data, 8),
		distance:  d.getScaled(data, 9, 100),
		avgHR:     d.getScaled(data, 15, 1),
		maxHR:     d.getScaled(data, 16, 1),
		trigger:   lapTriggers[uint8(d.getEnum(data, 24, 0xFF))],
		intensity: intensity(uint8(d.getEnum(data, 23, 0xFF))),
		step:      -1,
		sport:     sportName(d.getEnum(data, 25, 0xFF)),
	}
	if v, ok := d.get(data, 71); ok {
		l.step = int(v)
	}
	if l.avgSpeed = d.getScaled(data, 110, 1000); math.IsNaN(l.avgSpeed) {
		l.avgSpeed = d.getScaled(data, 13, 1000)
	}
	if l.maxSpd = d.getScaled(data, 111, 1000); math.IsNaN(l.maxSpd) {
		l.maxSpd = d.getScaled(data, 14, 1000)
	}
	return l
}

// session reads a session message. FirstLap counts from the first lap of
// its own file; Decode shifts it.
func (d *defMesg) session(data []byte, ts uint32, timed bool) lapkit.Session {
	return lapkit.Session{
		Sport:       sportName(d.getEnum(data, 5, 0xFF)),
		SubSport:    subSportNames[uint8(d.getEnum(data, 6, 0xFF))],
		Start:       d.getTime(data, 2),
		End:         msgTime(ts, timed),
		Distance:    d.getScaled(data, 9, 100),
		TimerTime:   d.getMillis(data, 8),
		ElapsedTime: d.getMillis(data, 7),
		FirstLap:    int(d.getEnum(data, 25, 0)),
		NumLaps:     int(d.getEnum(data, 26, 0)),
	}
}

// eventMsg is one event message: what happened (event, event_type) and
// when.
type eventMsg struct {
	time  time.Time
	kind  uint8 // the profile's event_type
	timer bool  // the timer event (start, stop)
}

func (d *defMesg) event(data []byte, ts uint32, timed bool) eventMsg {
	return eventMsg{
		time:  msgTime(ts, timed),
		timer: uint8(d.getEnum(data, 0, 0xFF)) == eventTimer,
		kind:  uint8(d.getEnum(data, 1, 0xFF)),
	}
}

// sportName names a FIT sport in snake_case; "" when the profile names
// none.
func sportName(v uint64) lapkit.Sport {
	return lapkit.Sport(sportNames[uint8(v)])
}

// SportValue returns the FIT profile's sport value for a sport as the
// model names it ("running" is 1, "cycling" 2), and whether the profile
// names it: the inverse of the names Decode gives. "" is no sport.
func SportValue(s lapkit.Sport) (uint8, bool) {
	if s == "" {
		return 0, false
	}
	for v, name := range sportNames {
		if name == string(s) {
			return uint8(v), true
		}
	}
	return 0, false
}
