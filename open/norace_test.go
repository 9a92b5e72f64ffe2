//go:build !race

package open_test

// race is whether the tests run under the race detector, which makes
// compressing ten times slower: the bombs are smaller there.
const race = false
