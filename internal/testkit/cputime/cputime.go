// Package cputime reports the CPU time of a benchmark's loop next to its
// wall time. On a shared machine wall time counts the turns of other
// processes, and the garbage a decoder leaves is collected on another core
// where wall time does not see it: the CPU time the process spends, the
// collector's included, is the figure to compare.
package cputime

import (
	"testing"
	"time"
)

// Process returns the user plus system CPU time the process has used so
// far, every thread included; ok is false where the platform cannot tell.
func Process() (d time.Duration, ok bool) {
	return process()
}

// PerOp starts measuring for b. The function it returns, called after the
// benchmark's loop, reports the CPU time spent since, divided by b.N, as
// the metric "cpu-ns/op". Where the platform cannot tell, nothing is
// reported.
func PerOp(b *testing.B) (stop func()) {
	start, ok := Process()
	return func() {
		end, ok2 := Process()
		if !ok || !ok2 || b.N == 0 {
			return
		}
		b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
	}
}
