package analysis_test

import (
	"testing"

	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/internal/testkit/synth"
)

// TestStructure: the structure as run, in the coach's notation, of every
// catalogue workout in every rendering (laps of each style, and positions
// alone as GPX).
func TestStructure(t *testing.T) {
	t.Parallel()
	want := map[string]string{
		"3x4x400":           "3x(4x400m r60s) r3min",
		"6x400-progression": "6x400m r60s",
		"7x600":             "7x600m r2min",
		"2x6x200":           "2x(6x200m r90s) r7min",
		"5x1000":            "5x1000m r60s",
		"hills":             "4x800m r6min", // 4 min climbs, 850 m jogs: as the laps or positions show them
		"tempo-2x10min":     "2x10min r5min",
	}
	for _, w := range synth.Catalogue() {
		for _, r := range renderings {
			a, err := r.make(w.Session)
			if err != nil {
				t.Fatal(err)
			}
			s, err := analysis.Detect(a)
			if err != nil {
				t.Fatal(err)
			}
			wanted := want[w.Name]
			if w.Name == "hills" && r.source == analysis.SourceWorkoutStep {
				wanted = "4x4min r6min" // the watch closed each climb on time
			}
			if got := s.Structure().String(); got != wanted {
				t.Errorf("%s, %s: %q, want %q", w.Name, r.name, got, wanted)
			}
		}
	}
	if p := (*analysis.Session)(nil).Structure(); p != nil {
		t.Errorf("nil session: %v", p)
	}
}
