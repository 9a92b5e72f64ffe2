//go:build !race

package gpx_test

const race = false
