package heapmeter_test

import (
	"fmt"
	"runtime"

	"github.com/lapkit/lapkit/internal/testkit/heapmeter"
)

var sink []byte

// A 64 MB slice held while f runs is in the peak.
func ExamplePeak() {
	peak := heapmeter.Peak(func() {
		sink = make([]byte, 64<<20)
		for i := range sink {
			sink[i] = 1
		}
		runtime.KeepAlive(sink)
	})
	sink = nil
	fmt.Println(peak >= 64<<20)
	// Output: true
}
