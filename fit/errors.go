package fit

import (
	"errors"

	"github.com/lapkit/lapkit"
	"github.com/lapkit/lapkit/internal/errs"
)

// Errors returned by the decoders, always wrapped with the position or the
// reason: test with errors.Is. A decoder that returns one of them together
// with a non-nil activity has kept everything it could read.
var (
	// ErrFormat: the bytes are not a valid FIT file (bad signature or
	// header, a data message with no definition, an unknown architecture).
	ErrFormat = errs.With("fit: invalid format", lapkit.ErrFormat)

	// ErrTruncated: the file ends before the data its header promises (the
	// watch died, the upload was cut), or its header was never finalized.
	// The samples before the cut are returned.
	ErrTruncated = errs.With("fit: truncated file", lapkit.ErrTruncated)

	// ErrChecksum: a header or file CRC does not match. The file is decoded
	// all the same.
	ErrChecksum = errs.With("fit: checksum mismatch", lapkit.ErrFormat)

	// ErrNotActivity: a valid FIT file that holds no activity (settings,
	// monitoring, a workout: see DecodeWorkout).
	ErrNotActivity = errors.New("fit: not an activity file")

	// ErrNotWorkout: DecodeWorkout found no workout in the file.
	ErrNotWorkout = errors.New("fit: no workout in file")

	// ErrTooLarge: the input exceeds Decoder.MaxBytes.
	ErrTooLarge = errs.With("fit: file too large", lapkit.ErrTooLarge)
)
