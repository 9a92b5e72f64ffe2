package fit

import (
	"encoding/binary"
	"math"

	"github.com/lapkit/lapkit"
)

// Records, most of a file, are read through a layout made once per
// definition (recordLayout): the fields the model uses that the
// definition holds, each with the read its base type, size and byte order
// call for, straight from the bytes.

// A fieldRef locates a field in the data messages of one definition, and
// says how to read its first value.
type fieldRef struct {
	off  int
	size int
	ok   bool     // the definition holds the field
	read readKind // readNone when the field is absent or cannot be read as a number
}

// readKind is how a field's first value is read as a number: its FIT base
// type (low 5 bits of the base type byte), and bigEndian for a definition
// of big-endian architecture. readNone reads nothing.
type readKind uint8

const (
	readNone  readKind = 0xFF
	bigEndian readKind = 0x20
)

func (d *defMesg) ref(num byte) fieldRef {
	p, f, ok := d.offset(num)
	if !ok {
		return fieldRef{read: readNone}
	}
	r := fieldRef{off: p, size: int(f.size), ok: true, read: readNone}
	k := int(f.base & 0x1F)
	if k < len(baseSize) && k != 7 && r.size >= baseSize[k] {
		r.read = readKind(k)
		if d.arch == binary.BigEndian && baseSize[k] > 1 {
			r.read |= bigEndian
		}
	}
	return r
}

// value reads the field's first value from a data message as a float64;
// ok is false when the field is absent or holds its base type's invalid
// value (a float that is NaN or infinite counts as invalid).
func (f fieldRef) value(data []byte) (float64, bool) {
	if f.read == readNone {
		return 0, false
	}
	b := data[f.off:]
	le, be := binary.LittleEndian, binary.BigEndian
	switch f.read {
	case 0, 2, 13: // enum, uint8, byte
		return float64(b[0]), b[0] != 0xFF
	case 1: // sint8
		return float64(int8(b[0])), b[0] != 0x7F
	case 10: // uint8z
		return float64(b[0]), b[0] != 0
	case 3: // sint16
		v := le.Uint16(b)
		return float64(int16(v)), v != 0x7FFF
	case 3 | bigEndian:
		v := be.Uint16(b)
		return float64(int16(v)), v != 0x7FFF
	case 4: // uint16
		v := le.Uint16(b)
		return float64(v), v != 0xFFFF
	case 4 | bigEndian:
		v := be.Uint16(b)
		return float64(v), v != 0xFFFF
	case 11: // uint16z
		v := le.Uint16(b)
		return float64(v), v != 0
	case 11 | bigEndian:
		v := be.Uint16(b)
		return float64(v), v != 0
	case 5: // sint32
		v := le.Uint32(b)
		return float64(int32(v)), v != 0x7FFFFFFF
	case 5 | bigEndian:
		v := be.Uint32(b)
		return float64(int32(v)), v != 0x7FFFFFFF
	case 6: // uint32
		v := le.Uint32(b)
		return float64(v), v != 0xFFFFFFFF
	case 6 | bigEndian:
		v := be.Uint32(b)
		return float64(v), v != 0xFFFFFFFF
	case 12: // uint32z
		v := le.Uint32(b)
		return float64(v), v != 0
	case 12 | bigEndian:
		v := be.Uint32(b)
		return float64(v), v != 0
	case 8: // float32
		return float32Value(le.Uint32(b))
	case 8 | bigEndian:
		return float32Value(be.Uint32(b))
	case 9: // float64
		return float64Value(le.Uint64(b))
	case 9 | bigEndian:
		return float64Value(be.Uint64(b))
	case 14: // sint64
		v := le.Uint64(b)
		return float64(int64(v)), v != 0x7FFFFFFFFFFFFFFF
	case 14 | bigEndian:
		v := be.Uint64(b)
		return float64(int64(v)), v != 0x7FFFFFFFFFFFFFFF
	case 15: // uint64
		v := le.Uint64(b)
		return float64(v), v != 0xFFFFFFFFFFFFFFFF
	case 15 | bigEndian:
		v := be.Uint64(b)
		return float64(v), v != 0xFFFFFFFFFFFFFFFF
	case 16: // uint64z
		v := le.Uint64(b)
		return float64(v), v != 0
	case 16 | bigEndian:
		v := be.Uint64(b)
		return float64(v), v != 0
	}
	return 0, false
}

func float32Value(v uint32) (float64, bool) {
	f := float64(math.Float32frombits(v))
	return f, v != 0xFFFFFFFF && !math.IsNaN(f) && !math.IsInf(f, 0)
}

func float64Value(v uint64) (float64, bool) {
	f := math.Float64frombits(v)
	return f, v != 0xFFFFFFFFFFFFFFFF && !math.IsNaN(f) && !math.IsInf(f, 0)
}

// The record fields the model reads, as indexes of a recordLayout's
// values: each is read as value/scale - offset.
const (
	recLat = iota
	recLon
	recAlt
	recHR
	recCad
	recDist
	recSpeed
	recPower
	recFrac
	recESpeed
	recEAlt
	recFields
)

// recordFields gives each record field its FIT number (profile 21),
// scale and offset.
var recordFields = [recFields]struct {
	num           byte
	scale, offset float64
}{
	recLat:    {0, 1, 0},     // position_lat, semicircles
	recLon:    {1, 1, 0},     // position_long
	recAlt:    {2, 5, 500},   // altitude, m
	recHR:     {3, 1, 0},     // heart_rate, bpm
	recCad:    {4, 1, 0},     // cadence, rpm (per leg on foot)
	recDist:   {5, 100, 0},   // distance, m
	recSpeed:  {6, 1000, 0},  // speed, m/s
	recPower:  {7, 1, 0},     // power, W
	recFrac:   {53, 128, 0},  // fractional_cadence
	recESpeed: {73, 1000, 0}, // enhanced_speed
	recEAlt:   {78, 5, 500},  // enhanced_altitude
}

// A recordLayout is how the records of one definition are read: the
// fields the model uses that the definition holds, each read only when
// present, and compressed_speed_distance.
type recordLayout struct {
	fields []recordField
	csd    fieldRef // compressed_speed_distance (8), 3 bytes
}

type recordField struct {
	fieldRef
	index         int // recLat...
	scale, offset float64
	plain         bool // scale 1, offset 0: the value as read
}

func (d *defMesg) recordLayout() *recordLayout {
	r := &recordLayout{csd: d.ref(8)}
	for i, f := range recordFields {
		if ref := d.ref(f.num); ref.read != readNone {
			r.fields = append(r.fields, recordField{ref, i, f.scale, f.offset, f.scale == 1 && f.offset == 0})
		}
	}
	return r
}

// noRecord is a record's fields before any is read: all absent.
var noRecord = func() (v [recFields]float64) {
	for i := range v {
		v[i] = math.NaN()
	}
	return v
}()

const semicircle = 180.0 / (1 << 31) // degrees per semicircle

// record decodes one record message at FIT time ts (seconds since the FIT
// epoch) into s. A record without a valid timestamp (timed false) gets
// the zero time and is dropped later. Cadence is multiplied by legs: 2 for
// steps of both legs on foot, 1 leaves it per leg (the sport, known only
// from the sessions, decides; see census).
func (d *defMesg) record(s *lapkit.Sample, data []byte, ts uint32, timed bool, comp *compressedDistance, legs float64) {
	v := noRecord
	le, be := binary.LittleEndian, binary.BigEndian
	fields := d.rec.fields
	for i := range fields {
		f := &fields[i]
		var (
			x  float64
			ok bool
		)
		// The base types records use read here, the others through
		// value.
		switch b := data[f.off:]; f.read {
		case 2: // uint8
			x, ok = float64(b[0]), b[0] != 0xFF
		case 4: // uint16
			u := le.Uint16(b)
			x, ok = float64(u), u != 0xFFFF
		case 4 | bigEndian:
			u := be.Uint16(b)
			x, ok = float64(u), u != 0xFFFF
		case 5: // sint32
			u := le.Uint32(b)
			x, ok = float64(int32(u)), u != 0x7FFFFFFF
		case 5 | bigEndian:
			u := be.Uint32(b)
			x, ok = float64(int32(u)), u != 0x7FFFFFFF
		case 6: // uint32
			u := le.Uint32(b)
			x, ok = float64(u), u != 0xFFFFFFFF
		case 6 | bigEndian:
			u := be.Uint32(b)
			x, ok = float64(u), u != 0xFFFFFFFF
		default:
			x, ok = f.value(data)
		}
		switch {
		case !ok:
		case f.plain:
			v[f.index] = x
		default:
			v[f.index] = x/f.scale - f.offset
		}
	}
	var t lapkit.Instant
	if timed {
		t = lapkit.Instant((fitEpochUnix + int64(ts)) * 1e9)
	}
	lat, lon := math.NaN(), math.NaN()
	if !math.IsNaN(v[recLat]) && !math.IsNaN(v[recLon]) {
		lat, lon = v[recLat]*semicircle, v[recLon]*semicircle
	}
	alt := v[recEAlt]
	if math.IsNaN(alt) {
		alt = v[recAlt]
	}
	speed := v[recESpeed]
	if math.IsNaN(speed) {
		speed = v[recSpeed]
	}
	cad := v[recCad]
	if !math.IsNaN(cad) && !math.IsNaN(v[recFrac]) {
		cad += v[recFrac]
	}
	cad *= legs
	dist := v[recDist]
	if r := d.rec.csd; r.ok && r.size >= 3 {
		b := data[r.off : r.off+3]
		if b[0] != 0xFF || b[1] != 0xFF || b[2] != 0xFF {
			speed, dist = comp.next(b)
		}
	}
	s.Time = t
	s.Distance, s.Lat, s.Lon, s.Altitude = dist, lat, lon, alt
	s.Speed, s.HeartRate, s.Cadence, s.Power = speed, v[recHR], cad, v[recPower]
}
