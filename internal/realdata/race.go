//go:build race

package realdata

// raceStep: see Step.
const raceStep = 3
