package tcx_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/lapkit/lapkit/tcx"
)

func TestHostile(t *testing.T) {
	laughs := `<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<TrainingCenterDatabase><Activities><Activity><Notes>&b;</Notes><Lap StartTime="2020-01-01T00:00:00Z"><Track><Trackpoint><Time>2020-01-01T00:00:01Z</Time></Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>`
	deep := `<TrainingCenterDatabase><Activities><Activity><Lap StartTime="2020-01-01T00:00:00Z"><Track><Trackpoint><Time>2020-01-01T00:00:01Z</Time><Extensions>` +
		strings.Repeat("<x>", 200000) + strings.Repeat("</x>", 200000) + `</Extensions></Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>`
	if _, err := tcx.Decode(strings.NewReader(laughs)); !errors.Is(err, tcx.ErrFormat) {
		t.Errorf("entity expansion: err = %v, want ErrFormat", err)
	}
	// Unknown elements are skipped token by token, however deep: the
	// trackpoint is read.
	if a, err := tcx.Decode(strings.NewReader(deep)); err != nil || len(a.Samples) != 1 {
		t.Errorf("200000 levels deep: %v", err)
	}
	big := `<TrainingCenterDatabase><Activities><Activity><Lap StartTime="2020-01-01T00:00:00Z"><Track>` +
		strings.Repeat(`<Trackpoint><Time>2020-01-01T00:00:01Z</Time></Trackpoint>`, 50000)
	d := tcx.Decoder{MaxBytes: 1 << 20}
	if _, err := d.Decode(strings.NewReader(big)); !errors.Is(err, tcx.ErrTooLarge) {
		t.Errorf("over MaxBytes: %v", err)
	}
}
