package lapkit_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestReadersImportNoWriter: the packages a program that reads and
// analyses imports pull in neither writer's library (tormoder/fit for FIT
// workouts, gpxgo for GPX): those are imported by fit/fitwrite and
// gpx/gpxwrite alone.
func TestReadersImportNoWriter(t *testing.T) {
	readers := []string{".", "./fit", "./gpx", "./tcx", "./open", "./analysis", "./splits", "./plan", "./report"}
	out, err := exec.Command("go", append([]string{"list", "-deps"}, readers...)...).CombinedOutput()
	if err != nil {
		t.Skipf("go list: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		if strings.HasPrefix(p, "github.com/tormoder/fit") || strings.HasPrefix(p, "github.com/tkrajina/gpxgo") {
			t.Errorf("a reading package depends on %s", p)
		}
	}
}
