package fit

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"time"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/crc16"
	"github.com/lapkit/lapkit/internal/errs"
	"github.com/lapkit/lapkit/internal/track"
)

// The scanner reads each file of the stream in two walks over its
// messages: a census (countMessages) that counts the records and laps and
// reads the sport ahead, then the scan proper. It finds where each chained
// file ends and where the readable data stops (a truncated file is cut at
// its last complete message, and everything before the cut is kept), and
// decodes the messages the model uses straight from the bytes: file_id,
// record, lap, session, event, workout and workout_step, computing the
// file CRC as it goes. Every other message is skipped by its definition's
// size.

// Global message numbers of the FIT profile that the model reads.
const (
	mesgFileID      = 0
	mesgSession     = 18
	mesgLap         = 19
	mesgRecord      = 20
	mesgEvent       = 21
	mesgWorkout     = 26
	mesgWorkoutStep = 27
)

// maxStep is track.MaxJump in FIT seconds.
const maxStep = uint32(track.MaxJump / time.Second)

// fileTypeActivity is file_id.type for an activity file.
const fileTypeActivity = 4

type fieldDef struct {
	num, size, base byte
	off             int // where the field starts in a data message
}

type defMesg struct {
	global uint16
	arch   binary.ByteOrder
	fields []fieldDef
	index  [256]uint8 // index[num]-1 is the last field numbered num; 0 when none
	size   int        // data bytes, developer fields included
	ts     fieldRef   // the timestamp field (253)
	rec    *recordLayout
}

// A segment is one FIT file of a possibly chained stream.
type segment struct {
	off      int     // offset of the file header
	hdrSize  int     // 12 or 14
	dataSize int     // data size the header claims
	end      int     // offset just past the last complete message
	whole    bool    // every claimed data byte and the CRC are present
	crcDone  bool    // crc is the CRC of the whole file, computed as it was read
	crc      uint16  // 0 when the file's CRC is right
	hdrCRC   bool    // the header CRC is present and wrong
	fileType byte    // file_id.type of the first file_id message; 0xFF when unknown
	hasID    bool    // the file has a file_id message
	legs     float64 // cadence of the samples as read: per leg (1), or of both legs (2)
	err      error

	// Whether the records' times, as read, need none of the time repairs
	// (see track.FinishInOrder): each timed, after the one before by an
	// hour at most; first and last, and the widest step, FIT seconds.
	inOrder         bool
	firstTs, lastTs uint32
	widest          uint32

	id       fileID
	samples  []lapkit.Sample
	laps     []lapMsg
	sessions []lapkit.Session // FirstLap counts from the segment's first lap
	events   []eventMsg
	hr       []hrMsg
	trailing string // what the bytes after the file are, when they are not read; "" for none or zero padding

	workout *workoutMsg
	steps   []stepMsg
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
				// Bytes after a complete file that do not start another.
				segs[len(segs)-1].trailing = trailing(buf, off, err)
				return segs, nil
			}
			return nil, err
		}
		scanData(buf, &seg)
		segs = append(segs, seg)
		if !seg.whole {
			return segs, nil
		}
		off = seg.off + seg.hdrSize + seg.dataSize + 2
		if len(buf)-off < 12 {
			segs[len(segs)-1].trailing = trailing(buf, off, nil)
			return segs, nil
		}
	}
}

// trailing says why the bytes of buf from off, after a complete file, are
// not read: err, the fault of the header they would start; "" when there
// are none, or only zero padding.
func trailing(buf []byte, off int, err error) string {
	rest := buf[off:]
	if len(rest) == 0 || bytes.Count(rest, []byte{0}) == len(rest) {
		return ""
	}
	why := "too few for a FIT header"
	if err != nil {
		why = err.Error()
	}
	return fmt.Sprintf("fit: the %d bytes after the file, from byte %d, are not read: %s", len(rest), off, strings.TrimPrefix(why, "fit: "))
}

func scanHeader(buf []byte, off int) (segment, error) {
	s := segment{off: off, fileType: 0xFF}
	b := buf[off:]
	switch {
	case len(b) == 0:
		return s, errs.Wrap(ErrFormat, "fit: empty file")
	case len(b) < 12:
		if b[0] == 12 || b[0] == 14 {
			return s, errs.Wrap(ErrTruncated, "fit: header cut after %d bytes", len(b))
		}
		return s, errs.Wrap(ErrFormat, "fit: %d bytes are too short for a FIT header", len(b))
	case string(b[8:12]) != ".FIT":
		return s, errs.Wrap(ErrFormat, "fit: no .FIT signature at byte %d", off+8)
	case b[0] != 12 && b[0] != 14:
		return s, errs.Wrap(ErrFormat, "fit: header size %d at byte %d, want 12 or 14", b[0], off)
	case b[0] == 14 && len(b) < 14:
		return s, errs.Wrap(ErrTruncated, "fit: header cut after %d bytes", len(b))
	}
	if b[1]>>4 > 2 {
		return s, errs.Wrap(ErrFormat, "fit: protocol version %d.%d at byte %d is not supported", b[1]>>4, b[1]&0x0F, off+1)
	}
	s.hdrSize = int(b[0])
	s.dataSize = int(binary.LittleEndian.Uint32(b[4:8]))
	if s.hdrSize == 14 {
		if c := binary.LittleEndian.Uint16(b[12:14]); c != 0 {
			s.hdrCRC = crc16.Update(0, b[:12]) != c
		}
	}
	return s, nil
}

// scanData walks the data of one segment and decodes the messages the
// model uses.
func scanData(buf []byte, s *segment) {
	start := s.off + s.hdrSize
	claimed := start + s.dataSize
	limit := claimed
	if s.dataSize == 0 || claimed > len(buf) || claimed < start {
		limit = len(buf)
	}
	var (
		defs defCache
		ts   uint32 // last full timestamp, for compressed timestamp headers
		comp compressedDistance
	)
	count := countMessages(buf[:limit], start, &defs)
	defs.local = [16]*defMesg{}
	if count.records > 0 || count.laps > 0 {
		s.samples = make([]lapkit.Sample, 0, count.records)
		s.laps = make([]lapMsg, 0, count.laps)
	}
	s.legs = 1
	if count.onFoot() {
		s.legs = 2 // convert checks the census against the sessions it reads
	}
	pos := start
	s.end = pos
	// The file's CRC, computed as the messages are read when the whole
	// file is there: the table lookups overlap the decoding.
	fileEnd := claimed + 2
	crcOn := s.dataSize != 0 && claimed >= start && fileEnd <= len(buf)
	var (
		crc    uint16
		crcPos = s.off
		tab    = crc16.Slices()
	)
	fail := func(format string, args ...any) {
		s.err = fmt.Errorf("fit: byte %d: "+format, append([]any{pos}, args...)...)
	}
	for pos < limit {
		h := buf[pos]
		if h&0x80 == 0 && h&0x40 != 0 { // definition message
			d, n, err := defs.parse(buf[pos:limit], h)
			if err != nil {
				fail("%w", err)
				break
			}
			defs.local[h&0x0F] = d
			pos += n
			s.end = pos
			continue
		}
		local := h & 0x0F
		if h&0x80 != 0 {
			local = (h >> 5) & 0x03
		}
		d := defs.local[local]
		if d == nil {
			fail("%w", errs.Wrap(ErrFormat, "data message for undefined local message type %d", local))
			break
		}
		overrun := 0 // bytes the last message runs past the claimed data, into the CRC
		if pos+1+d.size > limit {
			if limit != claimed || pos+1+d.size > len(buf) {
				fail("%w", errs.Wrap(ErrTruncated, "message of %d bytes cut by the end of the data", d.size))
				break
			}
			// The bytes are there, past the data size the header claims:
			// a file never finalized (ELEMNT ROAM). The FIT SDK reads the
			// message; so does lapkit, and says so.
			overrun = pos + 1 + d.size - limit
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
		} else {
			switch d.ts.read {
			case 6: // uint32, as the profile has it
				if v := binary.LittleEndian.Uint32(data[d.ts.off:]); v != 0xFFFFFFFF {
					ts, timed = v, true
				}
			case 6 | bigEndian:
				if v := binary.BigEndian.Uint32(data[d.ts.off:]); v != 0xFFFFFFFF {
					ts, timed = v, true
				}
			default:
				if v, ok := d.ts.value(data); ok {
					ts, timed = uint32(v), true
				}
			}
		}
		switch d.global {
		case mesgRecord:
			n := len(s.samples)
			switch {
			case !timed:
				s.inOrder = false
			case n == 0:
				s.inOrder, s.firstTs = true, ts
			case ts <= s.lastTs || ts-s.lastTs > maxStep:
				s.inOrder = false
			default:
				s.widest = max(s.widest, ts-s.lastTs)
			}
			s.lastTs = ts
			if n < cap(s.samples) {
				s.samples = s.samples[:n+1]
			} else {
				s.samples = append(s.samples, lapkit.Sample{})
			}
			d.record(&s.samples[n], data, ts, timed, &comp, s.legs)
		case mesgFileID:
			if !s.hasID {
				s.hasID = true
				s.id = d.fileID(data)
				if v, ok := d.value(data, 0); ok {
					s.fileType = byte(v)
				}
			}
		case mesgLap:
			s.laps = append(s.laps, d.lap(data, ts, timed))
		case mesgSession:
			s.sessions = append(s.sessions, d.session(data, ts, timed))
		case mesgEvent:
			s.events = append(s.events, d.event(data, ts, timed))
		case mesgWorkout:
			s.workout = d.workout(data)
		case mesgWorkoutStep:
			s.steps = append(s.steps, d.workoutStep(data))
		case mesgHR:
			s.hr = append(s.hr, d.hr(data, ts, h&0x80 == 0 && timed))
		}
		if overrun > 0 {
			fail("%w", errs.Wrap(ErrTruncated, "the last message runs %d bytes past the data size the header claims, into the CRC: read, the file was never finalized", overrun))
			pos += 1 + d.size
			s.end = pos
			break
		}
		pos += 1 + d.size
		s.end = pos
		if crcOn {
			for upTo := min(pos, fileEnd); crcPos+8 <= upTo; crcPos += 8 {
				u := binary.LittleEndian.Uint64(buf[crcPos:])
				c := crc ^ uint16(u)
				crc = tab[7][c&0xFF] ^ tab[6][c>>8] ^ tab[5][byte(u>>16)] ^ tab[4][byte(u>>24)] ^
					tab[3][byte(u>>32)] ^ tab[2][byte(u>>40)] ^ tab[1][byte(u>>48)] ^ tab[0][byte(u>>56)]
			}
		}
	}
	if crcOn && crcPos <= fileEnd {
		s.crc, s.crcDone = crc16.Update(crc, buf[crcPos:fileEnd]), true
	}
	switch {
	case s.err != nil:
	case s.dataSize == 0 && limit > start:
		s.err = errs.Wrap(ErrTruncated, "fit: header data size is 0 (the file was never finalized)")
	case claimed+2 > len(buf):
		s.err = errs.Wrap(ErrTruncated, "fit: file ends at byte %d, header promises %d data bytes and a CRC", len(buf), s.dataSize)
	default:
		s.whole = true
	}
}

// A census counts the messages of kinds the scan keeps many of, to size
// their slices once, and foretells the sport of the records: the sport of
// the file's one session, or of its first lap when it has none.
type census struct {
	records, laps, sessions int
	sport, lapSport         lapkit.Sport // of the first session and the first lap
}

// onFoot reports whether the census foretells that every record is on
// foot, so that cadence is counted in steps of both legs as records are
// read: one session on foot, or none and a first lap on foot.
func (n census) onFoot() bool {
	switch n.sessions {
	case 0:
		return n.lapSport.OnFoot()
	case 1:
		return n.sport.OnFoot()
	}
	return false
}

// countMessages walks the messages of b from start, each by its header
// and definition (parsed through defs, which the scan then shares), and
// takes the census. It stops where the data stops making sense; scanData
// says why.
func countMessages(b []byte, start int, defs *defCache) (n census) {
	var (
		size   [16]int
		global [16]uint16
	)
	for p := start; p < len(b); {
		h := b[p]
		if h&0x80 == 0 && h&0x40 != 0 {
			d, m, err := defs.parse(b[p:], h)
			if err != nil {
				break
			}
			defs.local[h&0x0F] = d
			size[h&0x0F], global[h&0x0F] = d.size+1, d.global
			p += m
			continue
		}
		local := h & 0x0F
		if h&0x80 != 0 {
			local = (h >> 5) & 0x03
		}
		if size[local] == 0 {
			break
		}
		switch global[local] {
		case mesgRecord:
			n.records++
		case mesgLap:
			if n.laps == 0 && p+size[local] <= len(b) {
				n.lapSport = defs.local[local].lap(b[p+1:p+size[local]], 0, false).sport
			}
			n.laps++
		case mesgSession:
			if n.sessions == 0 && p+size[local] <= len(b) {
				n.sport = defs.local[local].session(b[p+1:p+size[local]], 0, false).Sport
			}
			n.sessions++
		}
		p += size[local]
	}
	return n
}
