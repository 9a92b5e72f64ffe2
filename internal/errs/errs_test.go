package errs_test

import (
	"errors"
	"fmt"
	"io"

	"github.com/lapkit/lapkit/internal/errs"
)

func ExampleWith() {
	truncated := errors.New("gpx: truncated document")
	err := errs.With("gpx: line 15: the document ends before it closes", truncated, io.ErrUnexpectedEOF)
	fmt.Println(err)
	fmt.Println(errors.Is(err, truncated), errors.Is(err, io.ErrUnexpectedEOF))
	// Output:
	// gpx: line 15: the document ends before it closes
	// true true
}

func ExampleWrap() {
	truncated := errors.New("fit: truncated file")
	err := errs.Wrap(truncated, "fit: read cut short: %w", io.ErrUnexpectedEOF)
	fmt.Println(err)
	fmt.Println(errors.Is(err, truncated), errors.Is(err, io.ErrUnexpectedEOF))
	// Output:
	// fit: read cut short: unexpected EOF
	// true true
}
