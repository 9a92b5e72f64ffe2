// Package limit bounds how much a decoder reads, so that a hostile or
// mistaken input (a gzip bomb, a multi-gigabyte file, megabytes of text in
// one XML token) fails fast with an error instead of filling memory; and
// tells a cut from a bad byte (EOF) and what a fault left unread (Count).
package limit

import (
	"bytes"
	"errors"
	"io"
)

// ErrExceeded is returned by Reader once more than Max bytes were read.
var ErrExceeded = errors.New("limit: input exceeds the size limit")

// A Reader reads from R and fails with ErrExceeded once more than Max
// bytes have come through. N counts the bytes read so far.
type Reader struct {
	R   io.Reader
	Max int64
	N   int64
}

func (l *Reader) Read(p []byte) (int, error) {
	if l.N > l.Max {
		return 0, ErrExceeded
	}
	n, err := l.R.Read(p)
	l.N += int64(n)
	return n, err
}

// ErrText is returned by Text once more than its Max bytes came through
// without a '<': an XML document whose text, comment or attribute runs on
// for megabytes (a gzip of a GPX header and 700 MB of spaces), which an
// XML decoder would hold in memory whole.
var ErrText = errors.New("limit: a run of text without markup exceeds the limit")

// DefaultMaxText is the longest run of bytes without a '<' that Text
// passes when its Max is 0: 1 MiB.
const DefaultMaxText = 1 << 20

// A Text reads from R and fails with ErrText once more than Max bytes
// (0: DefaultMaxText) in a row came through without a '<'.
type Text struct {
	R   io.Reader
	Max int
	run int
}

func (t *Text) Read(p []byte) (int, error) {
	max := t.Max
	if max <= 0 {
		max = DefaultMaxText
	}
	n, err := t.R.Read(p)
	b := p[:n]
	if len(b) <= max {
		// Only the run before the first '<' and the run after the last
		// can reach max: every run between them is shorter than b.
		first := bytes.IndexByte(b, '<')
		if first < 0 {
			if t.run += len(b); t.run > max {
				return n, ErrText
			}
			return n, err
		}
		if t.run+first > max {
			return n, ErrText
		}
		t.run = len(b) - bytes.LastIndexByte(b, '<') - 1
		return n, err
	}
	for len(b) > 0 {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			i = len(b)
		}
		if t.run += i; t.run > max {
			return n, ErrText
		}
		if i < len(b) {
			t.run = 0
			i++
		}
		b = b[i:]
	}
	return n, err
}

// Count reads what is left of r (bounded by r's own limits) and returns
// how many times pat occurs in it: the points a decoder could not read
// after a fault.
func Count(r io.Reader, pat string) int {
	n := 0
	var carry []byte
	buf := make([]byte, 64<<10)
	for {
		k, err := r.Read(buf)
		chunk := append(carry, buf[:k]...)
		n += bytes.Count(chunk, []byte(pat))
		// Keep the tail that may begin a match the chunk cut (shorter
		// than pat: never counted twice).
		carry = bytes.Clone(chunk[max(0, len(chunk)-len(pat)+1):])
		if err != nil {
			return n
		}
	}
}

// An EOF reads from R and records in Reached that R came to its end, or
// to a gzip stream cut short: a decoder's error then means a file cut
// short, not a bad byte.
type EOF struct {
	R       io.Reader
	Reached bool
}

func (e *EOF) Read(p []byte) (int, error) {
	n, err := e.R.Read(p)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		e.Reached = true
	}
	return n, err
}
