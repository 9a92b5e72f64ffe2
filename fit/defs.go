package fit

import (
	"encoding/binary"

	"github.com/lapkit/lapkit/internal/errs"
)

// A defCache holds the definition of each local message type, and every
// definition seen, by its bytes: a file that redefines the same local
// message thousands of times (the Suunto Ambit 3 writes a definition
// before nearly every record) parses each shape once.
type defCache struct {
	local [16]*defMesg
	seen  map[string]*defMesg
}

// parse is parseDef through the cache.
func (c *defCache) parse(b []byte, h byte) (*defMesg, int, error) {
	n := defLen(b, h)
	if n < 0 {
		return parseDef(b, h)
	}
	if d, ok := c.seen[string(b[1:n])]; ok {
		return d, n, nil
	}
	d, n, err := parseDef(b, h)
	if err == nil {
		if c.seen == nil {
			c.seen = make(map[string]*defMesg)
		}
		c.seen[string(b[1:n])] = d
	}
	return d, n, err
}

// defLen is the length of the definition message at b, -1 when b is too
// short to tell.
func defLen(b []byte, h byte) int {
	if len(b) < 6 {
		return -1
	}
	n := 6 + 3*int(b[5])
	if h&0x20 != 0 {
		if len(b) <= n {
			return -1
		}
		n += 1 + 3*int(b[n])
	}
	if len(b) < n {
		return -1
	}
	return n
}

func parseDef(b []byte, h byte) (*defMesg, int, error) {
	if len(b) < 6 {
		return nil, 0, errs.Wrap(ErrTruncated, "definition message cut by the end of data")
	}
	d := &defMesg{arch: binary.LittleEndian, global: binary.LittleEndian.Uint16(b[3:5])}
	switch b[2] {
	case 0:
	case 1:
		d.arch = binary.BigEndian
		d.global = binary.BigEndian.Uint16(b[3:5])
	default:
		return nil, 0, errs.Wrap(ErrFormat, "definition message with architecture %d", b[2])
	}
	n := defLen(b, h)
	if n < 0 {
		return nil, 0, errs.Wrap(ErrTruncated, "definition message cut by the end of data")
	}
	nf := int(b[5])
	d.fields = make([]fieldDef, nf)
	for i := range d.fields {
		f := fieldDef{num: b[6+3*i], size: b[7+3*i], base: b[8+3*i], off: d.size}
		d.fields[i] = f
		d.index[f.num] = uint8(i + 1) // nf < 256
		d.size += int(f.size)
	}
	d.ts = d.ref(253)
	if d.global == mesgRecord {
		d.rec = d.recordLayout()
	}
	if h&0x20 != 0 { // developer fields: their sizes count
		m := 6 + 3*nf
		for i := 0; i < int(b[m]); i++ {
			d.size += int(b[m+1+3*i+1])
		}
	}
	return d, n, nil
}

// offset returns where field num starts in a data message. A definition
// that lists a field twice (BingiWatch laps) gives the last one, as the
// FIT SDK reads it.
func (d *defMesg) offset(num byte) (int, fieldDef, bool) {
	i := d.index[num]
	if i == 0 {
		return 0, fieldDef{}, false
	}
	f := d.fields[i-1]
	return f.off, f, true
}

// field returns the bytes and base type of field num in a data message, or nil.
func (d *defMesg) field(data []byte, num byte) ([]byte, byte) {
	p, f, ok := d.offset(num)
	if !ok {
		return nil, 0
	}
	return data[p : p+int(f.size)], f.base
}

// value reads the first value of an integer field; ok is false when the
// field is absent or not an integer.
func (d *defMesg) value(data []byte, num byte) (v uint64, ok bool) {
	b, base := d.field(data, num)
	k := int(base & 0x1F)
	if b == nil || k >= len(baseSize) || k == 7 || k == 8 || k == 9 || len(b) < baseSize[k] {
		return 0, false
	}
	switch baseSize[k] {
	case 1:
		return uint64(b[0]), true
	case 2:
		return uint64(d.arch.Uint16(b)), true
	case 4:
		return uint64(d.arch.Uint32(b)), true
	default:
		return d.arch.Uint64(b), true
	}
}

func (d *defMesg) str(data []byte, num byte) string {
	b, base := d.field(data, num)
	if b == nil || base&0x1F != 7 {
		return ""
	}
	for i, c := range b {
		if c == 0 {
			return string(b[:i])
		}
	}
	return string(b)
}

// workoutMsg holds the workout message's fields the model reads; an
// absent field holds its base type's invalid value.
type workoutMsg struct {
	sport uint8
	name  string
}

func (d *defMesg) workout(data []byte) *workoutMsg {
	w := &workoutMsg{sport: sportInvalid}
	if v, ok := d.value(data, 4); ok {
		w.sport = uint8(v)
	}
	w.name = d.str(data, 8)
	return w
}

// stepMsg holds the workout_step message's fields the model reads; an
// absent field holds its base type's invalid value.
type stepMsg struct {
	index                    uint16 // message_index
	name, notes              string
	durationType, targetType uint8
	durationValue            uint32
	targetValue              uint32
	customLow, customHigh    uint32
	intensity                uint8
}

func (d *defMesg) workoutStep(data []byte) stepMsg {
	s := stepMsg{index: 0xFFFF, durationType: 0xFF, targetType: 0xFF, intensity: intensityInvalid,
		durationValue: 0xFFFFFFFF, targetValue: 0xFFFFFFFF, customLow: 0xFFFFFFFF, customHigh: 0xFFFFFFFF}
	u32 := func(num byte, dst *uint32) {
		if v, ok := d.value(data, num); ok {
			*dst = uint32(v)
		}
	}
	u8 := func(num byte, dst *uint8) {
		if v, ok := d.value(data, num); ok {
			*dst = uint8(v)
		}
	}
	if v, ok := d.value(data, 254); ok {
		s.index = uint16(v)
	}
	s.name = d.str(data, 0)
	u8(1, &s.durationType)
	u32(2, &s.durationValue)
	u8(3, &s.targetType)
	u32(4, &s.targetValue)
	u32(5, &s.customLow)
	u32(6, &s.customHigh)
	u8(7, &s.intensity)
	s.notes = d.str(data, 8)
	return s
}
