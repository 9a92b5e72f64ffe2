// Package open decodes an activity file of any supported format (FIT, GPX,
// TCX), gzipped or not, recognising the format from its content, never from
// its name: Strava's bulk export names files .fit.gz and .gpx.gz, and many
// files in the wild carry the wrong extension.
package open

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"github.com/klauspost/compress/gzip"
	"io"
	"os"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/fit"
	"github.com/lapkit/lapkit/gpx"
	"github.com/lapkit/lapkit/internal/errs"
	"github.com/lapkit/lapkit/internal/limit"
	"github.com/lapkit/lapkit/tcx"
)

// Errors of this package; the decoders' own errors (fit.ErrTruncated,
// gpx.ErrNoTime...) pass through wrapped, so errors.Is finds them.
var (
	ErrUnknownFormat = errs.With("open: not a FIT, GPX or TCX file", lapkit.ErrFormat)
	ErrTooLarge      = errs.With("open: input exceeds MaxBytes", lapkit.ErrTooLarge)
	ErrCorrupt       = errs.With("open: corrupt gzip", lapkit.ErrFormat) // a gzip header that does not read
)

// DefaultMaxBytes bounds what a zero Decoder reads after decompression:
// 512 MiB, so that a gzip bomb (a few kilobytes that inflate to gigabytes)
// fails fast instead of filling memory.
const DefaultMaxBytes = 512 << 20

// Formats Sniff recognises: the model's activity formats, and gzip,
// which wraps one of them.
const (
	FIT  = lapkit.FormatFIT
	GPX  = lapkit.FormatGPX
	TCX  = lapkit.FormatTCX
	Gzip = lapkit.Format("gzip")
)

// A Decoder decodes files of any supported format. Its zero value is ready
// to use and safe for concurrent use.
type Decoder struct {
	// MaxBytes bounds the input, after decompression; 0 means
	// DefaultMaxBytes.
	MaxBytes int64
}

// Reader decodes an activity from r with a zero Decoder.
func Reader(r io.Reader) (*lapkit.Activity, error) {
	var d Decoder
	return d.Reader(r)
}

// File opens and decodes the named file with a zero Decoder.
func File(name string) (*lapkit.Activity, error) {
	var d Decoder
	return d.File(name)
}

// FileAll opens the named file and decodes every activity in it with a
// zero Decoder (see Decoder.ReaderAll).
func FileAll(name string) ([]*lapkit.Activity, error) {
	var d Decoder
	return d.FileAll(name)
}

// ReaderAll decodes every activity of r with a zero Decoder (see
// Decoder.ReaderAll).
func ReaderAll(r io.Reader) ([]*lapkit.Activity, error) {
	var d Decoder
	return d.ReaderAll(r)
}

// File opens and decodes the named file. Errors name the file.
func (d *Decoder) File(name string) (*lapkit.Activity, error) {
	all, err := d.file(name, false)
	if len(all) == 0 {
		return nil, err
	}
	return all[0], err
}

// FileAll opens the named file and decodes every activity in it (see
// ReaderAll). Errors name the file.
func (d *Decoder) FileAll(name string) ([]*lapkit.Activity, error) {
	return d.file(name, true)
}

func (d *Decoder) file(name string, apart bool) ([]*lapkit.Activity, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	all, err := d.decode(f, apart)
	if err != nil {
		err = fmt.Errorf("%s: %w", name, err)
	}
	return all, err
}

// Reader sniffs the format of r (a nil Decoder is a zero one; a nil r
// fails with ErrUnknownFormat), decompressing gzip, and decodes it with
// the matching package. Like the decoders, it may return an activity
// together with an error: the activity holds what could be read. A file of
// several activities (a chained FIT, a TCX of several days) is read as one,
// with a note (lapkit.NoteActivities); ReaderAll reads each apart.
func (d *Decoder) Reader(r io.Reader) (*lapkit.Activity, error) {
	all, err := d.decode(r, false)
	if len(all) == 0 {
		return nil, err
	}
	return all[0], err
}

// ReaderAll is Reader for files of several activities: each activity of
// a chained FIT (fit.DecodeAll) or each Activity element of a TCX
// (tcx.DecodeAll) comes back on its own, with its own times; a GPX is one
// activity. Errors are Reader's, returned with the activities read before
// them.
func (d *Decoder) ReaderAll(r io.Reader) ([]*lapkit.Activity, error) {
	return d.decode(r, true)
}

func (d *Decoder) decode(r io.Reader, apart bool) ([]*lapkit.Activity, error) {
	if d == nil {
		d = &Decoder{}
	}
	if r == nil {
		return nil, errs.Wrap(ErrUnknownFormat, "open: no input (a nil reader)")
	}
	max := d.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	left := remaining(r) // before the sniffing reads any of it
	br := bufio.NewReaderSize(r, 4096)
	head, _ := br.Peek(sniffLen)
	format := Sniff(head)
	var in io.Reader = br
	if left >= 0 {
		// The FIT decoder reads a file whole: knowing its size, it
		// reads it into one buffer of that size rather than growing
		// one by doubling (a third of the memory of a large file).
		in = &sized{r: br, left: left}
	}
	if format == Gzip {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, errs.Wrap(ErrCorrupt, "open: gzip: %w", err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(&limit.Reader{R: zr, Max: max}, 4096)
		head, _ = br.Peek(sniffLen)
		format = Sniff(head)
		in = br // the size inflated is not known
	}
	var (
		all []*lapkit.Activity
		err error
	)
	switch format {
	case FIT:
		dec := fit.Decoder{MaxBytes: max}
		if apart {
			all, err = dec.DecodeAll(in)
		} else {
			all, err = one(dec.Decode(in))
		}
	case GPX:
		dec := gpx.Decoder{MaxBytes: max}
		all, err = one(dec.Decode(br))
	case TCX:
		dec := tcx.Decoder{MaxBytes: max}
		if apart {
			all, err = dec.DecodeAll(br)
		} else {
			all, err = one(dec.Decode(br))
		}
	case Gzip:
		return nil, errs.Wrap(ErrUnknownFormat, "open: gzip inside gzip")
	default:
		if len(head) == 0 {
			return nil, errs.Wrap(ErrUnknownFormat, "open: empty input")
		}
		return nil, ErrUnknownFormat
	}
	switch {
	case errors.Is(err, limit.ErrExceeded):
		return nil, errs.With(fmt.Sprintf("open: the decompressed input exceeds %d bytes", max), ErrTooLarge, err)
	case errors.Is(err, fit.ErrTooLarge), errors.Is(err, gpx.ErrTooLarge), errors.Is(err, tcx.ErrTooLarge):
		return nil, errs.With(err.Error(), ErrTooLarge, err)
	}
	return all, err
}

// remaining returns how many bytes are left to read from r when r can
// tell (a bytes.Reader, strings.Reader or a regular file), else -1.
func remaining(r io.Reader) int64 {
	switch x := r.(type) {
	case interface{ Len() int }:
		return int64(x.Len())
	case *os.File:
		fi, err := x.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			return -1
		}
		off, err := x.Seek(0, io.SeekCurrent)
		if err != nil || off > fi.Size() {
			return -1
		}
		return fi.Size() - off
	}
	return -1
}

// sized is a reader that tells how much is left to read from it (Len),
// as a bytes.Reader does.
type sized struct {
	r    io.Reader
	left int64
}

func (s *sized) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	s.left -= int64(n)
	return n, err
}

// Len returns the bytes left to read; 0 once more than told was read (a
// file that grew).
func (s *sized) Len() int { return int(max(s.left, 0)) }

// one is a decoder's single activity as a list: empty when nil.
func one(a *lapkit.Activity, err error) ([]*lapkit.Activity, error) {
	if a == nil {
		return nil, err
	}
	return []*lapkit.Activity{a}, err
}

// Sniff returns the format of a file from its first bytes (sniffLen are
// enough): FIT, GPX, TCX, Gzip, or "" when it is none of them.
func Sniff(head []byte) lapkit.Format {
	switch {
	case len(head) >= 12 && (head[0] == 12 || head[0] == 14) && string(head[8:12]) == ".FIT":
		return FIT
	case len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b:
		return Gzip
	}
	x := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(x) == 0 || x[0] != '<' {
		return ""
	}
	switch {
	case bytes.Contains(x, []byte("TrainingCenterDatabase")):
		return TCX
	case bytes.Contains(x, []byte("<gpx")):
		return GPX
	case bytes.Contains(x, []byte("<Activities")), bytes.Contains(x, []byte("<Trackpoint")):
		return TCX // TCX without its root element: tcx.Decode reads it and says so
	}
	return ""
}

// sniffLen is how many leading bytes Sniff needs to see an XML root
// element behind a prolog, comments or a stylesheet.
const sniffLen = 1024
