package fit

import (
	"testing"
	"time"
)

// TestFitEpoch: the Unix seconds records are stamped from are the FIT
// epoch's, 1989-12-31T00:00:00Z.
func TestFitEpoch(t *testing.T) {
	if want := time.Date(1989, time.December, 31, 0, 0, 0, 0, time.UTC).Unix(); fitEpochUnix != want {
		t.Errorf("fitEpochUnix %d, want %d", fitEpochUnix, want)
	}
}
