//go:build !race

package analysis_test

// race is whether the tests run under the race detector, which makes the
// detection ten times slower: the seed sweeps run fewer seeds there.
const race = false
