package fit

import (
	"math"
	"time"

	"github.com/lapkit/lapkit"
)

// Records, most of a file, are read with their field offsets located
// once per definition (recordLayout), a dozen fields straight from the
// bytes.

// A fieldRef locates a field in the data messages of one definition.
type fieldRef struct {
	off, size int
	base      byte
	ok        bool
}

func (d *defMesg) ref(num byte) fieldRef {
	p, f, ok := d.offset(num)
	if !ok {
		return fieldRef{}
	}
	return fieldRef{off: p, size: int(f.size), base: f.base, ok: true}
}

// num reads the first value of an integer or float field as a float64;
// ok is false when the field is absent or holds its base type's invalid
// value.
func (d *defMesg) num(data []byte, f fieldRef) (float64, bool) {
	k := int(f.base & 0x1F)
	if !f.ok || k >= len(baseSize) || f.size < baseSize[k] {
		return 0, false
	}
	b := data[f.off:]
	switch k {
	case 0, 2, 13: // enum, uint8, byte
		return float64(b[0]), b[0] != 0xFF
	case 1: // sint8
		return float64(int8(b[0])), b[0] != 0x7F
	case 10: // uint8z
		return float64(b[0]), b[0] != 0
	case 3: // sint16
		v := d.arch.Uint16(b)
		return float64(int16(v)), v != 0x7FFF
	case 4: // uint16
		v := d.arch.Uint16(b)
		return float64(v), v != 0xFFFF
	case 11: // uint16z
		v := d.arch.Uint16(b)
		return float64(v), v != 0
	case 5: // sint32
		v := d.arch.Uint32(b)
		return float64(int32(v)), v != 0x7FFFFFFF
	case 6: // uint32
		v := d.arch.Uint32(b)
		return float64(v), v != 0xFFFFFFFF
	case 12: // uint32z
		v := d.arch.Uint32(b)
		return float64(v), v != 0
	case 8: // float32
		v := d.arch.Uint32(b)
		f := float64(math.Float32frombits(v))
		return f, v != 0xFFFFFFFF && !math.IsNaN(f) && !math.IsInf(f, 0)
	case 9: // float64
		v := d.arch.Uint64(b)
		f := math.Float64frombits(v)
		return f, v != 0xFFFFFFFFFFFFFFFF && !math.IsNaN(f) && !math.IsInf(f, 0)
	case 14: // sint64
		v := d.arch.Uint64(b)
		return float64(int64(v)), v != 0x7FFFFFFFFFFFFFFF
	case 15: // uint64
		v := d.arch.Uint64(b)
		return float64(v), v != 0xFFFFFFFFFFFFFFFF
	case 16: // uint64z
		v := d.arch.Uint64(b)
		return float64(v), v != 0
	}
	return 0, false
}

// recordLayout locates the record fields the model reads.
type recordLayout struct {
	lat, lon, alt, hr, cad, dist, speed, power, csd, frac, espeed, ealt fieldRef
}

func (d *defMesg) recordLayout() *recordLayout {
	return &recordLayout{
		lat: d.ref(0), lon: d.ref(1), alt: d.ref(2), hr: d.ref(3), cad: d.ref(4),
		dist: d.ref(5), speed: d.ref(6), power: d.ref(7), csd: d.ref(8),
		frac: d.ref(53), espeed: d.ref(73), ealt: d.ref(78),
	}
}

const semicircle = 180.0 / (1 << 31) // degrees per semicircle

// record decodes one record message at FIT time ts (seconds since the FIT
// epoch). A record without a valid timestamp (timed false) gets the zero
// time and is dropped later. Cadence is left per leg: the sport, known
// only from the sessions, decides whether it is doubled.
func (d *defMesg) record(data []byte, ts uint32, timed bool, comp *compressedDistance) lapkit.Sample {
	var t time.Time
	if timed {
		t = time.Unix(fitEpochUnix+int64(ts), 0).UTC() // four times faster than adding to a time.Time
	}
	s := lapkit.NewSample(t)
	r := d.rec
	get := func(f fieldRef, scale, offset float64) float64 {
		if v, ok := d.num(data, f); ok {
			return v/scale - offset
		}
		return math.NaN()
	}
	lat, lon := get(r.lat, 1, 0), get(r.lon, 1, 0)
	if !math.IsNaN(lat) && !math.IsNaN(lon) {
		s.Lat, s.Lon = lat*semicircle, lon*semicircle
	}
	if s.Altitude = get(r.ealt, 5, 500); math.IsNaN(s.Altitude) {
		s.Altitude = get(r.alt, 5, 500)
	}
	s.HeartRate = get(r.hr, 1, 0)
	s.Distance = get(r.dist, 100, 0)
	if s.Speed = get(r.espeed, 1000, 0); math.IsNaN(s.Speed) {
		s.Speed = get(r.speed, 1000, 0)
	}
	s.Power = get(r.power, 1, 0)
	if c := get(r.cad, 1, 0); !math.IsNaN(c) {
		if f := get(r.frac, 128, 0); !math.IsNaN(f) {
			c += f
		}
		s.Cadence = c
	}
	if r.csd.ok && r.csd.size >= 3 {
		b := data[r.csd.off : r.csd.off+3]
		if b[0] != 0xFF || b[1] != 0xFF || b[2] != 0xFF {
			s.Speed, s.Distance = comp.next(b)
		}
	}
	return s
}
