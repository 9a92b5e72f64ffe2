//go:build race

package gpx_test

// race is set when the tests run under the race detector, which makes the
// streaming tests about ten times slower: they read a tenth as much.
const race = true
