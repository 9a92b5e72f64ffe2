// Package fit decodes FIT activity and workout files (Garmin, COROS,
// Suunto, Wahoo, Polar, Zwift...) into the lapkit model.
//
// The decoder reads the bytes itself, by the FIT profile's field numbers:
// file_id, record, lap, session, event, workout and workout_step; the
// enums' names (sports, manufacturers, products) come from a table of the
// FIT profile generated into profile.go, so that decoding imports no
// encoder (fit/fitwrite writes workout files). It keeps the samples of a
// truncated file (it reads up to the last complete message), reads the
// workout embedded in an activity, merges chained and multisport files
// into one activity with a Session per sport (DecodeAll reads each file
// of a chain apart), accepts the field sizes and base types devices write
// beyond the profile, returns errors that errors.Is can test, never
// panics, and is safe for concurrent use.
//
// What is lost: developer fields (Stryd power and the like), HRV, swim
// lengths, and every message the model has no place for.
package fit

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/crc16"
	"github.com/lapkit/lapkit/internal/errs"
)

//go:generate go run ../internal/cmd/genfitprofile -out profile.go

// DefaultMaxBytes is the largest input a zero Decoder reads: 512 MiB, as
// for GPX, TCX and package open.
const DefaultMaxBytes = 512 << 20

// A Decoder decodes FIT files. Its zero value is ready to use and is safe
// for concurrent use.
type Decoder struct {
	// MaxBytes bounds the input read; 0 means DefaultMaxBytes. A larger
	// input gives ErrTooLarge without decoding.
	MaxBytes int64
}

// Decode reads a FIT activity from r with a zero Decoder.
func Decode(r io.Reader) (*lapkit.Activity, error) {
	var d Decoder
	return d.Decode(r)
}

// Decode reads a FIT activity from r (a nil Decoder is a zero one; a nil r
// fails with ErrFormat). Chained files (several FIT files back to back)
// and multisport files become one activity with a Session per sport; a
// chain of several activity files is noted (lapkit.NoteActivities), and
// DecodeAll reads each of them apart. Files of another type are skipped
// inside a chain; a stream with no activity gives ErrNotActivity.
//
// When err is not nil and the activity is not nil, the activity holds
// everything read before the fault: a truncated file (ErrTruncated) keeps its
// samples up to the cut, a file with a bad checksum (ErrChecksum) is decoded
// in full. Errors name the byte where reading stopped.
func (d *Decoder) Decode(r io.Reader) (*lapkit.Activity, error) {
	all, err := d.decode(r, false)
	if len(all) == 0 {
		return nil, err
	}
	return all[0], err
}

// DecodeAll reads every activity of a FIT stream with a zero Decoder.
func DecodeAll(r io.Reader) ([]*lapkit.Activity, error) {
	var d Decoder
	return d.DecodeAll(r)
}

// DecodeAll reads every activity file of a chain apart (a FIT stream of
// several files back to back, as watches write a multisport day or tools
// join two recordings): each becomes an activity of its own, with its own
// times, samples, laps and sessions, in the order of the file; the workout
// the chain holds goes with each. A stream of one file gives one activity,
// as Decode does. Errors are Decode's: the activities read before a fault
// are returned with it, the one it cut holding what came before the cut.
func (d *Decoder) DecodeAll(r io.Reader) ([]*lapkit.Activity, error) {
	return d.decode(r, true)
}

// decode reads r and assembles its activity files into one activity, or
// into one each when apart.
func (d *Decoder) decode(r io.Reader, apart bool) ([]*lapkit.Activity, error) {
	if d == nil {
		d = &Decoder{}
	}
	if r == nil {
		return nil, errs.Wrap(ErrFormat, "fit: no input (a nil reader)")
	}
	dst, done := input()
	buf, err := d.read(r, dst)
	defer done(buf)
	if err != nil && (len(buf) == 0 || errors.Is(err, ErrTooLarge)) {
		return nil, err
	}
	readErr := err
	segs, err := scan(buf)
	if err != nil {
		if readErr != nil {
			return nil, readErr
		}
		return nil, err
	}
	var (
		all      []*lapkit.Activity
		parts    [][]segment // the activity segments of each of all
		others   []segment   // the other files of the chain, with hr messages
		firstErr = readErr
		types    []string
		workout  *lapkit.Workout
	)
	keep := func(err error) {
		if firstErr == nil {
			firstErr = err
		}
	}
	for i := range segs {
		s := &segs[i]
		if s.workout != nil || len(s.steps) > 0 {
			if w := convertWorkout(s.workout, s.steps); workout == nil && len(w.Steps) > 0 {
				workout = w
			}
		}
		if !s.activity() {
			if len(s.hr) > 0 {
				others = append(others, *s)
			}
			types = append(types, fileTypeName(s.fileType))
			if s.err != nil {
				keep(s.err)
			}
			continue
		}
		err := s.check(buf)
		if len(all) == 0 || apart {
			a := &lapkit.Activity{Format: "fit"}
			if s.hasID {
				a.Device = device(s.id)
			}
			all, parts = append(all, a), append(parts, nil)
		}
		a := all[len(all)-1]
		parts[len(parts)-1] = append(parts[len(parts)-1], *s)
		convert(a, s)
		if err != nil {
			keep(err)
			a.Notes = append(a.Notes, lapkit.Note{Kind: noteKind(err), Text: err.Error()})
		}
	}
	if len(all) == 0 {
		if firstErr != nil {
			return nil, firstErr
		}
		return nil, errs.Wrap(ErrNotActivity, "fit: file type %s: not an activity", strings.Join(types, "+"))
	}
	if t := segs[len(segs)-1].trailing; t != "" {
		last := all[len(all)-1]
		last.Notes = append(last.Notes, lapkit.Note{Kind: lapkit.NoteFormat, Text: t})
	}
	if n := len(parts[0]); n > 1 {
		all[0].Notes = append(all[0].Notes, lapkit.Note{Kind: lapkit.NoteActivities, Count: n,
			Text: fmt.Sprintf("the file chains %d activity files, read here as one activity (fit.DecodeAll reads each apart)", n)})
	}
	for i, a := range all {
		a.Workout = workout
		// hr messages of the activity's files and of the chain's other
		// files (a strap's own file may follow the watch's): each
		// activity merges those at its samples' times.
		mergeAllHR(a, append(parts[i], others...))
		finish(a, parts[i])
	}
	return all, firstErr
}

// read reads r into dst's memory, or into a buffer of its own when dst
// is too small, and returns the bytes.
func (d *Decoder) read(r io.Reader, dst []byte) ([]byte, error) {
	max := d.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	// From a stream of unknown size (a gzip), a header that claims more
	// than max fails here, before the read; a file or buffer shorter than
	// its header's claim is a file cut short, read as far as it goes.
	var head [14]byte
	k, _ := io.ReadFull(r, head[:])
	if h := head[:k]; size(r, k) < 0 && k >= 12 && (h[0] == 12 || h[0] == 14) && string(h[8:12]) == ".FIT" {
		if claim := int64(h[0]) + int64(binary.LittleEndian.Uint32(h[4:8])) + 2; claim > max {
			return nil, errs.With(fmt.Sprintf("fit: the header claims %d bytes of data, over the %d bytes read at most", claim-int64(h[0])-2, max), ErrTooLarge)
		}
	}
	buf, err := readAll(r, head[:k], max+1, dst)
	if err != nil {
		// What came before the read failed is still a file cut short.
		return buf, errs.Wrap(ErrTruncated, "fit: read cut short: %w", err)
	}
	if int64(len(buf)) > max {
		return nil, errs.Wrap(ErrTooLarge, "fit: input exceeds %d bytes", max)
	}
	return buf, nil
}

func noteKind(err error) lapkit.NoteKind {
	switch {
	case errors.Is(err, ErrTruncated):
		return lapkit.NoteTruncated
	case errors.Is(err, ErrChecksum):
		return lapkit.NoteChecksum
	}
	return lapkit.NoteFormat
}

// check returns the segment's fault: a cut or malformed message, else a
// wrong header or file CRC, else nil.
func (s *segment) check(buf []byte) error {
	fileEnd := s.off + s.hdrSize + s.dataSize + 2
	switch {
	case s.err != nil:
		return s.err
	case s.hdrCRC:
		return errs.Wrap(ErrChecksum, "fit: byte %d: the header CRC does not match", s.off+12)
	case s.crcDone && s.crc != 0, !s.crcDone && !crcFine(buf[s.off:fileEnd]):
		return errs.Wrap(ErrChecksum, "fit: byte %d: the file CRC does not match", fileEnd-2)
	}
	return nil
}

// activity reports whether the segment is decoded as an activity: its
// file type says so, or it has a file_id with no valid type and records.
func (s *segment) activity() bool {
	return s.fileType == fileTypeActivity || (s.fileType == 0xFF && s.hasID && len(s.samples) > 0)
}

func crcFine(file []byte) bool {
	return crc16.Update(0, file) == 0
}

func fileTypeName(t byte) string {
	if t == 0xFF {
		return "unknown"
	}
	return fileTypeNames[t]
}

func device(id fileID) lapkit.Device {
	var d lapkit.Device
	m := id.manufacturer
	if m != manufacturerInvalid {
		d.Manufacturer = manufacturerNames[m]
		if d.Manufacturer == "" {
			d.Manufacturer = "manufacturer=" + strconv.Itoa(int(m))
		}
	}
	switch {
	case id.productName != "":
		d.Product = id.productName
	case id.product == 0xFFFF:
	case m == manufacturerGarmin || m == manufacturerDynastream || m == manufacturerDynastreamOem:
		d.Product = garminProductNames[id.product]
		if d.Product == "" {
			d.Product = "product=" + strconv.Itoa(int(id.product))
		}
	default:
		d.Product = "product=" + strconv.Itoa(int(id.product))
	}
	if id.serial != 0xFFFFFFFF {
		d.Serial = id.serial
	}
	return d
}

// fitEpochUnix is FIT time 0, 1989-12-31T00:00:00Z, in Unix seconds.
const fitEpochUnix = 631065600

// size returns the whole size of r's input, of which consumed bytes were
// read already, when r can tell it (bytes.Reader, strings.Reader,
// *os.File of a regular file); -1 otherwise.
func size(r io.Reader, consumed int) int64 {
	switch x := r.(type) {
	case interface{ Len() int }:
		return int64(x.Len()) + int64(consumed)
	case interface{ Stat() (os.FileInfo, error) }:
		if fi, err := x.Stat(); err == nil && fi.Mode().IsRegular() {
			return fi.Size()
		}
	}
	return -1
}

// readAll appends head and what follows it in r to dst[:0], at most max
// bytes in all, and returns the result: in one read into dst when r can
// tell its size (bytes.Reader, strings.Reader, *os.File) and dst holds it,
// else growing as it reads. A reader that returns nothing 100 times in a
// row fails with io.ErrNoProgress.
func readAll(r io.Reader, head []byte, max int64, dst []byte) ([]byte, error) {
	buf := append(dst[:0], head...)
	if n := size(r, len(head)); n >= int64(len(head)) && n < max && int64(cap(buf)) <= n {
		// One spare byte to see EOF without growing.
		buf = slices.Grow(buf, int(n)+1-len(buf))
	}
	for empty := 0; int64(len(buf)) < max; {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, 1)
		}
		room := buf[len(buf):cap(buf)]
		if rest := max - int64(len(buf)); int64(len(room)) > rest {
			room = room[:rest]
		}
		k, err := r.Read(room)
		buf = buf[:len(buf)+k]
		switch {
		case err == io.EOF:
			return buf, nil
		case err != nil:
			return buf, err
		case k > 0:
			empty = 0
		default:
			if empty++; empty >= 100 {
				return buf, io.ErrNoProgress
			}
		}
	}
	return buf, nil
}

// inputs holds the input buffers of finished decodes: a decode copies out
// everything it keeps, so that its buffer can serve the next one, which
// saves allocating, clearing and collecting a file's size of memory each
// time. Buffers larger than maxPooled are left to the collector.
var inputs sync.Pool // of *[]byte

const maxPooled = 16 << 20

// input returns a buffer to read a file into, and the function that gives
// it back once the decode is done with buf (the buffer as read, maybe
// grown).
func input() (dst []byte, done func(buf []byte)) {
	p, _ := inputs.Get().(*[]byte)
	if p == nil {
		p = new([]byte)
	}
	return *p, func(buf []byte) {
		if cap(buf) > maxPooled {
			return
		}
		*p = buf[:0]
		inputs.Put(p)
	}
}
