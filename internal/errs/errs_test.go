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
