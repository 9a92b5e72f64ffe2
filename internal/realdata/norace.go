//go:build !race

package realdata

// Step is how Sample steps through the real files: every file without
// the race detector, every third under it, where the sweeps run ten times
// slower and a third of the corpus exercises the concurrency as well.
const Step = 1
