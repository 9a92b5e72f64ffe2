package fit

import (
	"encoding/binary"
	"fmt"

	"github.com/lapkit/lapkit"
	fitsdk "github.com/tormoder/fit"
	"github.com/tormoder/fit/dyncrc16"
)

// The scanner walks the raw message stream before tormoder/fit decodes it.
// It finds where each chained file ends and where the readable data stops
// (a truncated file is cut at its last complete message, so that tormoder
// decodes everything before the cut instead of failing on the first
// message), tells whether records use fields that tormoder decodes through
// its package-level accumulators (see decode.go), and reads the workout and
// workout_step messages that tormoder drops from activity files.

const (
	mesgFileID      = 0
	mesgRecord      = 20
	mesgWorkout     = 26
	mesgWorkoutStep = 27
)

type fieldDef struct {
	num, size, base byte
}

type defMesg struct {
	global uint16
	arch   binary.ByteOrder
	fields []fieldDef
	size   int      // data bytes, developer fields included
	ts     fieldRef // the timestamp field (253)
	rec    *recordLayout
}

// A segment is one FIT file of a possibly chained stream.
type segment struct {
	off      int  // offset of the file header
	hdrSize  int  // 12 or 14
	dataSize int  // data size the header claims
	end      int  // offset just past the last complete message
	whole    bool // every claimed data byte and the CRC are present
	hdrCRC   bool // the header CRC is present and wrong
	fileType byte // file_id.type; 0xFF when unknown
	accum    bool // record definitions use accumulated fields
	bad      bool // some field definition is one tormoder rejects
	records  int  // complete record messages
	err      error

	// rest holds the messages tormoder/fit decodes: every message but the
	// records, unless a message other than a record has a compressed
	// timestamp header (it would need the records' timestamps), in which
	// case the records stay too. Offsets below are into rest.
	rest       []byte
	compressed bool  // a message other than a record has a compressed timestamp header
	kept       bool  // rest holds the records too
	typeFixed  bool  // repair has set the file type
	typePos    int   // offset of the file_id.type value; -1 when absent
	idDef      int   // offset of the definition used by the first file_id message; -1 when none
	idData     int   // offset of the first file_id message; -1 when none
	defPos     []int // offsets of the definition messages
	samples    []lapkit.Sample

	workout *fitsdk.WorkoutMsg
	steps   []*fitsdk.WorkoutStepMsg
}

// baseSize is the size of one value of each FIT base type (low 5 bits).
var baseSize = [...]int{1, 1, 1, 2, 2, 4, 4, 1, 4, 8, 1, 2, 4, 1, 8, 8, 8}

// scan splits buf into chained FIT files. It returns the segments it could
// read; a stream that does not start with a FIT header gives an error and no
// segment.
func scan(buf []byte) ([]segment, error) {
	var segs []segment
	off := 0
	for {
		seg, err := scanHeader(buf, off)
		if err != nil {
			if len(segs) > 0 {
				// Trailing bytes after a complete file: not another file.
				return segs, nil
			}
			return nil, err
		}
		head := seg
		scanData(buf, &seg, false)
		if seg.compressed {
			// Scan again from the header, keeping the records for tormoder.
			seg = head
			seg.kept = true
			scanData(buf, &seg, true)
		}
		segs = append(segs, seg)
		if !seg.whole {
			return segs, nil
		}
		off = seg.off + seg.hdrSize + seg.dataSize + 2
		if len(buf)-off < 12 {
			return segs, nil
		}
	}
}

func scanHeader(buf []byte, off int) (segment, error) {
	s := segment{off: off, fileType: 0xFF, typePos: -1, idDef: -1, idData: -1}
	b := buf[off:]
	switch {
	case len(b) == 0:
		return s, fmt.Errorf("fit: empty file: %w", ErrFormat)
	case len(b) < 12:
		if b[0] == 12 || b[0] == 14 {
			return s, fmt.Errorf("fit: header cut after %d bytes: %w", len(b), ErrTruncated)
		}
		return s, fmt.Errorf("fit: %d bytes are too short for a FIT header: %w", len(b), ErrFormat)
	case string(b[8:12]) != ".FIT":
		return s, fmt.Errorf("fit: no .FIT signature at byte %d: %w", off+8, ErrFormat)
	case b[0] != 12 && b[0] != 14:
		return s, fmt.Errorf("fit: header size %d at byte %d, want 12 or 14: %w", b[0], off, ErrFormat)
	case b[0] == 14 && len(b) < 14:
		return s, fmt.Errorf("fit: header cut after %d bytes: %w", len(b), ErrTruncated)
	}
	if b[1]>>4 > 2 {
		return s, fmt.Errorf("fit: protocol version %d.%d at byte %d is not supported: %w", b[1]>>4, b[1]&0x0F, off+1, ErrFormat)
	}
	s.hdrSize = int(b[0])
	s.dataSize = int(binary.LittleEndian.Uint32(b[4:8]))
	if s.hdrSize == 14 {
		if c := binary.LittleEndian.Uint16(b[12:14]); c != 0 {
			h := dyncrc16.New()
			h.Write(b[:12])
			s.hdrCRC = h.Sum16() != c
		}
	}
	return s, nil
}

// scanData walks the data of one segment. It decodes the records into
// samples itself and copies every other message into s.rest, the bytes
// tormoder/fit decodes; with keepRecords the records are copied too.
func scanData(buf []byte, s *segment, keepRecords bool) {
	start := s.off + s.hdrSize
	claimed := start + s.dataSize
	limit := claimed
	if s.dataSize == 0 || claimed > len(buf) || claimed < start {
		limit = len(buf)
	}
	var (
		defs  [16]*defMesg
		defAt [16]int // offset in rest of each local type's definition
		ts    uint32  // last full timestamp, for compressed timestamp headers
		comp  compressedDistance
	)
	s.rest = make([]byte, 0, (limit-start)/8)
	s.samples = nil
	pos := start
	s.end = pos
	fail := func(format string, args ...any) {
		s.err = fmt.Errorf("fit: byte %d: "+format, append([]any{pos}, args...)...)
	}
	for pos < limit {
		h := buf[pos]
		if h&0x80 == 0 && h&0x40 != 0 { // definition message
			d, n, err := parseDef(buf[pos:limit], h)
			if err != nil {
				fail("%w", err)
				break
			}
			for _, f := range d.fields {
				s.bad = s.bad || badField(f)
				// compressed_speed_distance, cycles, compressed_accumulated_power
				if d.global == mesgRecord && (f.num == 8 || f.num == 18 || f.num == 28) {
					s.accum = true
				}
			}
			if d.global == mesgRecord && s.samples == nil {
				// Size the samples for a file of such records.
				s.samples = make([]lapkit.Sample, 0, (limit-pos)/(1+d.size)+1)
			}
			defs[h&0x0F] = d
			defAt[h&0x0F] = len(s.rest)
			s.defPos = append(s.defPos, len(s.rest))
			s.rest = append(s.rest, buf[pos:pos+n]...)
			pos += n
			s.end = pos
			continue
		}
		local := h & 0x0F
		if h&0x80 != 0 {
			local = (h >> 5) & 0x03
		}
		d := defs[local]
		if d == nil {
			fail("data message for undefined local message type %d: %w", local, ErrFormat)
			break
		}
		if pos+1+d.size > limit {
			fail("message of %d bytes cut by the end of the data: %w", d.size, ErrTruncated)
			break
		}
		data := buf[pos+1 : pos+1+d.size]
		timed := h&0x80 != 0
		if timed {
			off := uint32(h & 0x1F)
			t := ts&^0x1F | off
			if off < ts&0x1F {
				t += 0x20
			}
			ts = t
			if d.global != mesgRecord {
				s.compressed = true
			}
		} else if v, ok := d.num(data, d.ts); ok {
			ts, timed = uint32(v), true
		}
		switch d.global {
		case mesgRecord:
			s.records++
			s.samples = append(s.samples, d.record(data, ts, timed, &comp))
		case mesgFileID:
			if s.idData < 0 {
				s.idData, s.idDef = len(s.rest), defAt[local]
			}
			if v, ok := d.value(data, 0); ok {
				s.fileType = byte(v)
				p, _, _ := d.offset(0)
				s.typePos = len(s.rest) + 1 + p
			}
		case mesgWorkout:
			s.workout = d.workout(data)
		case mesgWorkoutStep:
			s.steps = append(s.steps, d.workoutStep(data))
		}
		if d.global != mesgRecord || keepRecords {
			s.rest = append(s.rest, buf[pos:pos+1+d.size]...)
		}
		pos += 1 + d.size
		s.end = pos
	}
	switch {
	case s.err != nil:
	case s.dataSize == 0 && limit > start:
		s.err = fmt.Errorf("fit: header data size is 0 (the file was never finalized): %w", ErrTruncated)
	case claimed+2 > len(buf):
		s.err = fmt.Errorf("fit: file ends at byte %d, header promises %d data bytes and a CRC: %w", len(buf), s.dataSize, ErrTruncated)
	default:
		s.whole = true
	}
}

func parseDef(b []byte, h byte) (*defMesg, int, error) {
	if len(b) < 6 {
		return nil, 0, fmt.Errorf("definition message cut by the end of data: %w", ErrTruncated)
	}
	d := &defMesg{arch: binary.LittleEndian, global: binary.LittleEndian.Uint16(b[3:5])}
	switch b[2] {
	case 0:
	case 1:
		d.arch = binary.BigEndian
		d.global = binary.BigEndian.Uint16(b[3:5])
	default:
		return nil, 0, fmt.Errorf("definition message with architecture %d: %w", b[2], ErrFormat)
	}
	nf := int(b[5])
	n := 6 + 3*nf
	if len(b) < n {
		return nil, 0, fmt.Errorf("definition message cut by the end of data: %w", ErrTruncated)
	}
	d.fields = make([]fieldDef, nf)
	for i := range d.fields {
		f := fieldDef{num: b[6+3*i], size: b[7+3*i], base: b[8+3*i]}
		d.fields[i] = f
		d.size += int(f.size)
	}
	d.ts = d.ref(253)
	if d.global == mesgRecord {
		d.rec = d.recordLayout()
	}
	if h&0x20 != 0 { // developer fields
		if len(b) < n+1 {
			return nil, 0, fmt.Errorf("definition message cut by the end of data: %w", ErrTruncated)
		}
		nd := int(b[n])
		n++
		if len(b) < n+3*nd {
			return nil, 0, fmt.Errorf("definition message cut by the end of data: %w", ErrTruncated)
		}
		for i := 0; i < nd; i++ {
			d.size += int(b[n+3*i+1])
		}
		n += 3 * nd
	}
	return d, n, nil
}

// offset returns where field num starts in a data message.
func (d *defMesg) offset(num byte) (int, fieldDef, bool) {
	p := 0
	for _, f := range d.fields {
		if f.num == num {
			return p, f, true
		}
		p += int(f.size)
	}
	return 0, fieldDef{}, false
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

func (d *defMesg) workout(data []byte) *fitsdk.WorkoutMsg {
	w := fitsdk.NewWorkoutMsg()
	if v, ok := d.value(data, 4); ok {
		w.Sport = fitsdk.Sport(v)
	}
	if v, ok := d.value(data, 11); ok {
		w.SubSport = fitsdk.SubSport(v)
	}
	if v, ok := d.value(data, 6); ok {
		w.NumValidSteps = uint16(v)
	}
	w.WktName = d.str(data, 8)
	return w
}

func (d *defMesg) workoutStep(data []byte) *fitsdk.WorkoutStepMsg {
	s := fitsdk.NewWorkoutStepMsg()
	if v, ok := d.value(data, 254); ok {
		s.MessageIndex = fitsdk.MessageIndex(v)
	}
	s.WktStepName = d.str(data, 0)
	if v, ok := d.value(data, 1); ok {
		s.DurationType = fitsdk.WktStepDuration(v)
	}
	if v, ok := d.value(data, 2); ok {
		s.DurationValue = uint32(v)
	}
	if v, ok := d.value(data, 3); ok {
		s.TargetType = fitsdk.WktStepTarget(v)
	}
	if v, ok := d.value(data, 4); ok {
		s.TargetValue = uint32(v)
	}
	if v, ok := d.value(data, 5); ok {
		s.CustomTargetValueLow = uint32(v)
	}
	if v, ok := d.value(data, 6); ok {
		s.CustomTargetValueHigh = uint32(v)
	}
	if v, ok := d.value(data, 7); ok {
		s.Intensity = fitsdk.Intensity(v)
	}
	s.Notes = d.str(data, 8)
	return s
}
