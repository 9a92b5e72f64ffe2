// Package errs builds errors that say a thing once: a message that wraps
// sentinels without repeating their text ("gpx: line 15: the document ends
// before it closes", not "...: gpx: truncated document").
package errs

// With returns an error whose message is msg and which wraps each of errs,
// so that errors.Is and errors.As find them.
func With(msg string, errs ...error) error { return &quiet{msg, errs} }

type quiet struct {
	msg  string
	errs []error
}

func (q *quiet) Error() string   { return q.msg }
func (q *quiet) Unwrap() []error { return q.errs }
