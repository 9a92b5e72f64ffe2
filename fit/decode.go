// Package fit decodes FIT activity and workout files (Garmin, COROS,
// Suunto, Wahoo, Polar, Zwift...) into the lapkit model. It uses
// github.com/tormoder/fit underneath and hides it.
//
// Beyond what tormoder/fit offers, the decoder keeps the samples of a
// truncated file (it reads up to the last complete message instead of
// failing on the first), reads the workout embedded in an activity, merges
// chained and multisport files into one activity, accepts field sizes and
// base types that tormoder rejects, returns errors that errors.Is can test,
// never panics, and is safe for concurrent use. Records, most of a file, are
// decoded straight from the bytes (record.go); tormoder/fit decodes the
// other messages (laps, sessions, events, device). That is about 4 times
// faster than tormoder/fit alone on the same bytes (BenchmarkDecode against
// BenchmarkDecodeBare).
//
// What is lost: developer fields (Stryd power and the like), HRV, swim
// lengths, and every message the model has no place for.
package fit

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/errs"
	fitsdk "github.com/tormoder/fit"
	"github.com/tormoder/fit/dyncrc16"
)

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

// accumMu serialises the decodes that touch tormoder/fit's package-level
// accumulators: only files whose records must go through tormoder (see
// segment.kept) and use compressed speed/distance, cycles or compressed
// power. Everything else decodes in parallel. The values tormoder
// accumulates are never used: records are decoded in record.go.
var accumMu sync.Mutex

// Decode reads a FIT activity from r (a nil Decoder is a zero one; a nil r
// fails with ErrFormat). Chained files (several FIT files back
// to back) and multisport files become one activity with a Session per
// sport. Files of another type are skipped inside a chain; a stream with no
// activity gives ErrNotActivity.
//
// When err is not nil and the activity is not nil, the activity holds
// everything read before the fault: a truncated file (ErrTruncated) keeps its
// samples up to the cut, a file with a bad checksum (ErrChecksum) is decoded
// in full. Errors name the byte where reading stopped.
func (d *Decoder) Decode(r io.Reader) (*lapkit.Activity, error) {
	if d == nil {
		d = &Decoder{}
	}
	if r == nil {
		return nil, fmt.Errorf("fit: no input (a nil reader): %w", ErrFormat)
	}
	buf, err := d.read(r)
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
		a        *lapkit.Activity
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
			types = append(types, fileTypeName(s.fileType))
			if s.err != nil {
				keep(s.err)
			}
			continue
		}
		f, err := decodeSegment(buf, s)
		act := &fitsdk.ActivityFile{}
		if f != nil {
			if x, aerr := f.Activity(); aerr == nil && x != nil {
				act = x
			} else if err == nil {
				err = fmt.Errorf("fit: %v: %w", aerr, ErrFormat)
			}
		}
		if f == nil && len(s.samples) == 0 {
			keep(err)
			continue
		}
		if a == nil {
			a = &lapkit.Activity{Format: "fit"}
			if f != nil {
				a.Device = device(f.FileId)
			}
		}
		// The records are ours even when tormoder could not read the rest.
		convert(a, act, s.samples)
		if err != nil {
			keep(err)
			a.Notes = append(a.Notes, lapkit.Note{Kind: noteKind(err), Text: err.Error()})
		}
	}
	if a == nil {
		if firstErr != nil {
			return nil, firstErr
		}
		return nil, fmt.Errorf("fit: file type %s: %w", strings.Join(types, "+"), ErrNotActivity)
	}
	a.Workout = workout
	finish(a)
	return a, firstErr
}

func (d *Decoder) read(r io.Reader) ([]byte, error) {
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
	buf, err := readAll(r, head[:k], max+1)
	if err != nil {
		// What came before the read failed is still a file cut short.
		return buf, fmt.Errorf("fit: read: %w: %w", err, ErrTruncated)
	}
	if int64(len(buf)) > max {
		return nil, fmt.Errorf("fit: input exceeds %d bytes: %w", max, ErrTooLarge)
	}
	return buf, nil
}

func noteKind(err error) string {
	switch {
	case errors.Is(err, ErrTruncated):
		return "truncated"
	case errors.Is(err, ErrChecksum):
		return "checksum"
	}
	return "format"
}

// decodeSegment runs tormoder/fit over the messages of one scanned file
// other than the records (s.rest). The error tells what was wrong; the file
// returned holds what could be read.
//
// tormoder is strict where devices are not, so the bytes it sees are
// repaired first where needed: field definitions it rejects (unknown base
// types, sizes that disagree with its profile, as COROS, GoldenCheetah and
// newer Garmin firmware write them) are renamed to field 255 of type byte,
// which it skips; a file_id.type left invalid in a file with records is set
// to activity. The CRC is checked here, on the original bytes.
func decodeSegment(buf []byte, s *segment) (f *fitsdk.File, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("fit: byte %d: decoder failed: %v: %w", s.off, p, ErrFormat)
		}
	}()
	if s.kept && s.accum {
		accumMu.Lock()
		defer accumMu.Unlock()
	}
	hdr := append([]byte(nil), buf[s.off:s.off+s.hdrSize]...)
	if s.hdrSize == 14 {
		hdr[12], hdr[13] = 0, 0
	}
	rejected := map[fieldKey]bool{}
	var derr error
	for attempt := 0; ; attempt++ {
		if s.bad || len(rejected) > 0 || s.fixType() {
			s.repair(rejected)
		}
		binary.LittleEndian.PutUint32(hdr[4:8], uint32(len(s.rest)))
		f, derr = fitsdk.Decode(io.MultiReader(bytes.NewReader(hdr), bytes.NewReader(s.rest)))
		k, ok := rejectedField(derr)
		if !ok || rejected[k] || attempt >= 16 {
			break
		}
		rejected[k] = true
	}
	fileEnd := s.off + s.hdrSize + s.dataSize + 2
	switch {
	case s.err != nil:
		err = s.err
	case derr != nil && !strings.Contains(derr.Error(), "file CRC"):
		// Without its CRC bytes tormoder fails on reading them; anything
		// else is a real fault.
		err = fmt.Errorf("fit: %v: %w", derr, ErrFormat)
	case s.hdrCRC:
		err = fmt.Errorf("fit: byte %d: header CRC: %w", s.off+12, ErrChecksum)
	case !crcFine(buf[s.off:fileEnd]):
		err = fmt.Errorf("fit: byte %d: file CRC: %w", fileEnd-2, ErrChecksum)
	}
	return f, err
}

func crcFine(file []byte) bool {
	h := dyncrc16.New()
	h.Write(file)
	return h.Sum16() == 0
}

func fileTypeName(t byte) string {
	if t == 0xFF {
		return "unknown"
	}
	return snake(fitsdk.FileType(t).String())
}

// snake turns tormoder's CamelCase enum names into the snake_case lapkit
// uses ("IndoorCycling" -> "indoor_cycling"); invalid values become "".
func snake(s string) string {
	if s == "Invalid" || strings.Contains(s, "(") {
		return ""
	}
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func device(id fitsdk.FileIdMsg) lapkit.Device {
	var d lapkit.Device
	if id.Manufacturer != fitsdk.ManufacturerInvalid {
		d.Manufacturer = id.Manufacturer.String()
		if strings.HasPrefix(d.Manufacturer, "Manufacturer(") {
			d.Manufacturer = "manufacturer=" + strconv.Itoa(int(id.Manufacturer))
		}
	}
	switch {
	case id.ProductName != "":
		d.Product = id.ProductName
	case id.Product == 0xFFFF:
	case id.Manufacturer == fitsdk.ManufacturerGarmin || id.Manufacturer == fitsdk.ManufacturerDynastream ||
		id.Manufacturer == fitsdk.ManufacturerDynastreamOem:
		d.Product = fitsdk.GarminProduct(id.Product).String()
		if strings.Contains(d.Product, "(") {
			d.Product = "product=" + strconv.Itoa(int(id.Product))
		}
	default:
		d.Product = "product=" + strconv.Itoa(int(id.Product))
	}
	if id.SerialNumber != 0 && id.SerialNumber != 0xFFFFFFFF {
		d.Serial = id.SerialNumber
	}
	return d
}

func validTime(t time.Time) time.Time {
	// tormoder leaves a missing timestamp at the FIT epoch.
	if t.IsZero() || !t.After(fitEpoch) {
		return time.Time{}
	}
	return t.UTC()
}

var fitEpoch = time.Date(1989, time.December, 31, 0, 0, 0, 0, time.UTC)

func nanU8(v uint8) float64 {
	if v == 0xFF {
		return math.NaN()
	}
	return float64(v)
}

func scaled32(v uint32, scale, offset float64) float64 {
	if v == 0xFFFFFFFF {
		return math.NaN()
	}
	return float64(v)/scale - offset
}

func scaled16(v uint16, scale, offset float64) float64 {
	if v == 0xFFFF {
		return math.NaN()
	}
	return float64(v)/scale - offset
}

func millis(v uint32) time.Duration {
	if v == 0xFFFFFFFF {
		return 0
	}
	return time.Duration(v) * time.Millisecond
}

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

// readAll returns head and what follows it in r, at most max bytes in
// all, in one allocation when r can tell its size (bytes.Reader,
// strings.Reader, *os.File).
func readAll(r io.Reader, head []byte, max int64) ([]byte, error) {
	n := size(r, len(head))
	if n < int64(len(head)) || n > max {
		rest, err := io.ReadAll(io.LimitReader(r, max-int64(len(head))))
		return append(head, rest...), err
	}
	buf := make([]byte, n+1) // one spare byte to see EOF without growing
	k0 := copy(buf, head)
	k, err := io.ReadFull(r, buf[k0:])
	k += k0
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		return buf[:k], nil
	}
	if err != nil {
		return buf[:k], err
	}
	// The reader holds more than it said: read the rest.
	rest, err := io.ReadAll(io.LimitReader(r, max-int64(k)))
	return append(buf[:k], rest...), err
}
