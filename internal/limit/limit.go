// Package limit bounds how much a decoder reads, so that a hostile or
// mistaken input (a gzip bomb, a multi-gigabyte file) fails fast with an
// error instead of filling memory.
package limit

import (
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
