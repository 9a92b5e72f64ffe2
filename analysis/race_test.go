//go:build race

package analysis_test

const race = true
