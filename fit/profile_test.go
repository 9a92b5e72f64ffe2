package fit

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	fitsdk "github.com/tormoder/fit"
)

// TestProfileTable: the decoder's names and values of the FIT profile
// (profile.go) are tormoder/fit's, for every value of every enum the
// decoder reads; and the profile files are what its generator writes.
func TestProfileTable(t *testing.T) {
	for v := range 256 {
		for _, c := range []struct{ what, got, want string }{
			{"sport", sportNames[v], snakeOf(fitsdk.Sport(v).String())},
			{"sub_sport", subSportNames[v], snakeOf(fitsdk.SubSport(v).String())},
			{"file", fileTypeNames[v], snakeOf(fitsdk.FileType(v).String())},
		} {
			if c.got != c.want {
				t.Errorf("%s %d: %q, tormoder/fit names it %q", c.what, v, c.got, c.want)
			}
		}
	}
	for v := range 1 << 16 {
		if got, want := manufacturerNames[uint16(v)], known(fitsdk.Manufacturer(v).String()); got != want {
			t.Errorf("manufacturer %d: %q, tormoder/fit names it %q", v, got, want)
		}
		if got, want := garminProductNames[uint16(v)], known(fitsdk.GarminProduct(v).String()); got != want {
			t.Errorf("garmin_product %d: %q, tormoder/fit names it %q", v, got, want)
		}
	}
	if sportNames[1] != "running" || manufacturerNames[1] != "Garmin" || lapTriggerSessionEnd != uint8(fitsdk.LapTriggerSessionEnd) || wktStepTargetPower != uint8(fitsdk.WktStepTargetPower) {
		t.Error("profile constants differ from tormoder/fit's")
	}
	if testing.Short() {
		return
	}
	dir := t.TempDir()
	if b, err := exec.Command("go", "run", "../internal/cmd/genfitprofile", "-out", filepath.Join(dir, "profile.go")).CombinedOutput(); err != nil {
		t.Fatalf("genfitprofile: %v\n%s", err, b)
	}
	for _, name := range []string{"profile.go", "profile_manufacturers.go", "profile_products.go"} {
		want, _ := os.ReadFile(filepath.Join(dir, name))
		if got, _ := os.ReadFile(name); len(want) == 0 || !bytes.Equal(got, want) {
			t.Errorf("%s differs from what genfitprofile writes: run go generate ./fit", name)
		}
	}
}

// known and snakeOf name a tormoder/fit value as profile.go does: "" for a
// value it does not name or the invalid one; snake_case for snakeOf.
func known(s string) string {
	if s == "Invalid" || strings.Contains(s, "(") {
		return ""
	}
	return s
}

func snakeOf(s string) string {
	var b strings.Builder
	for i, r := range known(s) {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}
