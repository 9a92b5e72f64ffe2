//go:build race

package open_test

const race = true
