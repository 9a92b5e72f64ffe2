//go:build race

package realdata

// Step: see Sample.
const Step = 3
