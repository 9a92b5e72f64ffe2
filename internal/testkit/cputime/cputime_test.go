package cputime_test

import (
	"testing"
	"time"

	"github.com/lapkit/lapkit/internal/testkit/cputime"
)

// TestProcess spins for 50 ms of wall time on one goroutine: the process
// must have spent at least most of it on the CPU, and not absurdly more.
// TestProcess: the process's CPU time advances while it spins. It spins
// until 20 ms of CPU time have passed, however busy the machine (other
// packages' tests take the cores in turn), and fails only if 10 s of
// spinning never get there.
func TestProcess(t *testing.T) {
	start, ok := cputime.Process()
	if !ok {
		t.Skip("no CPU time on this platform")
	}
	x := 0
	for t0 := time.Now(); ; x++ {
		if x%1000 == 0 {
			now, _ := cputime.Process()
			if now-start >= 20*time.Millisecond {
				break
			}
			if now < start {
				t.Fatalf("CPU time went back: %v after %v", now, start)
			}
			if time.Since(t0) > 10*time.Second {
				t.Fatalf("10 s of spinning: CPU time advanced %v (x=%d)", now-start, x)
			}
		}
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
