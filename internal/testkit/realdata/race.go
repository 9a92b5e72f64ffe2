//go:build race

package realdata

// Race is whether the tests run under the race detector, which makes
// decoding and detection about ten times slower. Sweeps that check numbers
// rather than concurrency run a part of their cases there (Step, Sweep),
// and streaming tests read less.
const Race = true
