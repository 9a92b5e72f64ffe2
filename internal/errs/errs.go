// Package errs builds errors that say a thing once: a message that wraps
// sentinels without repeating their text ("gpx: line 15: the document ends
// before it closes", not "...: gpx: truncated document").
package errs

import "fmt"

// With returns an error whose message is msg and which wraps each of errs,
// so that errors.Is and errors.As find them.
func With(msg string, errs ...error) error { return &quiet{msg, errs} }

type quiet struct {
	msg  string
	errs []error
}

func (q *quiet) Error() string   { return q.msg }
func (q *quiet) Unwrap() []error { return q.errs }

// Wrap returns an error that reads as format and args say (which may wrap
// errors with %w) and wraps sentinel too, without repeating the
// sentinel's text: Wrap(ErrTruncated, "fit: byte %d: a message cut by the
// end of the data", 120) reads just so, and errors.Is finds ErrTruncated.
func Wrap(sentinel error, format string, args ...any) error {
	inner := fmt.Errorf(format, args...)
	return &quiet{inner.Error(), []error{sentinel, inner}}
}
