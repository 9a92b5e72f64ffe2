package fit

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScratch(t *testing.T) {
	filepath.Walk("../../shared/realdata/files", func(p string, info os.FileInfo, err error) error {
		if info.IsDir() || !strings.HasSuffix(strings.ToLower(p), ".fit") {
			return nil
		}
		f, _ := os.Open(p)
		defer f.Close()
		a, err := Decode(f)
		if a == nil {
			fmt.Printf("%-90s ERR %v\n", p[28:], err)
			return nil
		}
		fmt.Printf("%-90s %s/%s %q n=%d laps=%d sess=%d dur=%v d=%.0f wk=%v err=%v\n", p[28:], a.Sport, a.SubSport, a.Device.String(), len(a.Samples), len(a.Laps), len(a.Sessions), a.Duration(), a.Distance(), a.Workout != nil, err)
		return nil
	})
}
