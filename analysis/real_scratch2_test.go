package analysis_test

import (
	"bufio"
	"fmt"
	"os"
	"testing"

	"github.com/lapkit/lapkit/analysis"
	"github.com/lapkit/lapkit/internal/realdata"
	"github.com/lapkit/lapkit/open"
)

func TestRealNo(t *testing.T) {
	f, _ := os.Open("/tmp/scratch/norun.txt")
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		a, _ := open.File(realdata.Path(t, sc.Text()))
		if a == nil {
			continue
		}
		s, err := analysis.Detect(a)
		if err != nil || len(s.Reps) == 0 {
			continue
		}
		fmt.Printf("%-100s %s conf %.2f reps %d\n", sc.Text(), s.Source, s.Confidence, len(s.Reps))
	}
}
