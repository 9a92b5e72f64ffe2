package cputime_test

import (
	"fmt"

	"github.com/lapkit/lapkit/internal/testkit/cputime"
)

// Process tells the CPU time spent so far; a benchmark uses PerOp
// around its loop instead.
func ExampleProcess() {
	before, _ := cputime.Process()
	sum := 0
	for i := range 1_000_000 {
		sum += i
	}
	after, _ := cputime.Process()
	fmt.Println(after >= before, sum)
	// Output: true 499999500000
}
