package lapkit

import "errors"

// Errors every format's decoder wraps, so that one errors.Is tells the
// kind of fault whatever the file was: fit.ErrTruncated, gpx.ErrTruncated
// and tcx.ErrTruncated all wrap ErrTruncated, through package open too.
var (
	// ErrFormat: the input is not a readable activity file (not the
	// format, not well-formed, a value that does not read, a bad
	// checksum).
	ErrFormat = errors.New("lapkit: invalid activity file")
	// ErrTruncated: the file ends before it is complete (a watch that
	// died, a download cut short); what came before is returned with it.
	ErrTruncated = errors.New("lapkit: truncated file")
	// ErrTooLarge: the input is over a decoder's limit (bytes, points,
	// nesting, a run of text); nothing is returned.
	ErrTooLarge = errors.New("lapkit: input over a limit")
)
