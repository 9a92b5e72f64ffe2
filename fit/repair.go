package fit

import (
	"regexp"
	"strconv"
	"sync"

	fitsdk "github.com/tormoder/fit"
)

// A fieldKey names a field of a global message.
type fieldKey struct {
	global uint16
	num    byte
}

// knownBase reports whether tormoder/fit knows base type b.
func knownBase(b byte) bool {
	switch b {
	case 0x00, 0x01, 0x02, 0x83, 0x84, 0x85, 0x86, 0x07, 0x88, 0x89, 0x0A, 0x8B, 0x8C, 0x0D, 0x8E, 0x8F, 0x90:
		return true
	}
	return false
}

// badField reports whether tormoder/fit rejects a field definition whatever
// its profile says.
func badField(f fieldDef) bool {
	if !knownBase(f.base) {
		return true
	}
	n := baseSize[f.base&0x1F]
	return int(f.size) < n || int(f.size)%n != 0
}

// fixType reports whether the file_id.type must be set to activity: it is
// invalid, yet the file holds records.
func (s *segment) fixType() bool {
	return s.fileType == 0xFF && s.records > 0 && (s.typePos >= 0 || s.idData >= 0)
}

// activity reports whether the segment is decoded as an activity.
func (s *segment) activity() bool {
	return s.fileType == byte(fitsdk.FileTypeActivity) || s.fixType()
}

// repair patches s.rest in place: the definitions of bad and rejected
// fields are renamed to field 255 of base type byte, and an invalid file
// type is set to activity.
func (s *segment) repair(rejected map[fieldKey]bool) {
	data := s.rest
	for _, p := range s.defPos {
		b := data[p:]
		d, _, err := parseDef(b, b[0])
		if err != nil {
			continue
		}
		for i, f := range d.fields {
			if badField(f) || rejected[fieldKey{d.global, f.num}] {
				b[6+3*i] = 255
				b[8+3*i] = 0x0D
			}
		}
	}
	switch {
	case !s.fixType() || s.typeFixed:
	case s.typePos >= 0:
		data[s.typePos] = byte(fitsdk.FileTypeActivity)
	default:
		s.rest = s.insertType(data)
		s.defPos = nil // offsets moved; the definitions are already patched
	}
	s.typeFixed = true
}

// insertType adds a type field (enum, activity) to the first file_id
// message and its definition, for files that leave it out.
func (s *segment) insertType(data []byte) []byte {
	def, msg := s.idDef, s.idData
	if def < 0 || def >= msg {
		return data
	}
	d, n, err := parseDef(data[def:], data[def])
	if err != nil || data[def]&0x20 != 0 || len(d.fields) == 255 {
		return data
	}
	out := make([]byte, 0, len(data)+4)
	out = append(out, data[:def+n]...)
	out[def+5]++               // one more field
	out = append(out, 0, 1, 0) // field 0 (type), 1 byte, enum
	out = append(out, data[def+n:msg+1+d.size]...)
	out = append(out, byte(fitsdk.FileTypeActivity))
	// Later messages of the same local type must not grow: redefine it
	// as it was right after.
	out = append(out, data[def:def+n]...)
	return append(out, data[msg+1+d.size:]...)
}

var rejectedRE = regexp.MustCompile(`validating (\w+) failed: field (\d+):`)

var (
	mesgNumsOnce sync.Once
	mesgNums     map[string]uint16
)

// rejectedField reads which field tormoder/fit v0.15.0 refused from its
// error text (its error types are lost in %v wrapping).
func rejectedField(err error) (fieldKey, bool) {
	if err == nil {
		return fieldKey{}, false
	}
	m := rejectedRE.FindStringSubmatch(err.Error())
	if m == nil {
		return fieldKey{}, false
	}
	mesgNumsOnce.Do(func() {
		mesgNums = make(map[string]uint16)
		for i := 0; i < 0xFF00; i++ {
			mesgNums[fitsdk.MesgNum(i).String()] = uint16(i)
		}
	})
	g, ok := mesgNums[m[1]]
	n, err2 := strconv.Atoi(m[2])
	if !ok || err2 != nil || n > 255 {
		return fieldKey{}, false
	}
	return fieldKey{g, byte(n)}, true
}
