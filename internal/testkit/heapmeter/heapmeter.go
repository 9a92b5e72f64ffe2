// Package heapmeter measures the peak heap of a piece of code, for the
// tests that hold the decoders to a memory bound.
package heapmeter

import (
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"time"
)

// Peak collects garbage, then samples the bytes of live and not yet swept
// heap objects every millisecond while f runs and returns the largest
// figure seen, in bytes: the whole process's heap, not only f's.
func Peak(f func()) uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(stop)
	<-done
	return peak.Load()
}
