package cputime_test

import (
	"testing"
	"time"

	"github.com/lapkit/lapkit/internal/cputime"
)

// TestProcess spins for 50 ms of wall time on one goroutine: the process
// must have spent at least most of it on the CPU, and not absurdly more.
func TestProcess(t *testing.T) {
	start, ok := cputime.Process()
	if !ok {
		t.Skip("no CPU time on this platform")
	}
	x := 0
	for t0 := time.Now(); time.Since(t0) < 50*time.Millisecond; {
		x++
	}
	end, _ := cputime.Process()
	if d := end - start; d < 25*time.Millisecond || d > 5*time.Second {
		t.Errorf("50 ms of spinning took %v of CPU (x=%d)", d, x)
	}
}

func BenchmarkSpin(b *testing.B) {
	stop := cputime.PerOp(b)
	x := 0
	for b.Loop() {
		for i := 0; i < 1000; i++ {
			x += i
		}
	}
	stop()
	_ = x
}
