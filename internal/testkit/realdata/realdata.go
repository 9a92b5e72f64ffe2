// Package realdata finds the real watch files of ../shared/realdata for
// tests. They are not part of the module: tests skip when they are absent.
// It also says how much of a sweep runs under -short and -race (Step,
// Sample, Sweep), for real files and generated sessions alike.
package realdata

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// Dir returns the realdata files directory, or skips the test when it is
// not there.
func Dir(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "shared", "realdata", "files")
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Skip("../shared/realdata is absent")
	}
	return dir
}

// SessionsDir returns ../shared/realsessions (real interval sessions with
// their truth), or skips the test when it is not there.
func SessionsDir(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "shared", "realsessions")
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Skip("../shared/realsessions is absent")
	}
	return dir
}

// Path returns the path of one realdata file, relative to the files
// directory, skipping the test when it is absent.
func Path(t testing.TB, rel string) string {
	p := filepath.Join(Dir(t), filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s is absent", rel)
	}
	return p
}

// Files returns every file under the directory whose name ends with one of
// the suffixes (lower case; none means all), sorted.
func Files(t testing.TB, suffixes ...string) []string {
	dir := Dir(t)
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		name := strings.ToLower(d.Name())
		for _, s := range suffixes {
			if strings.HasSuffix(name, s) {
				out = append(out, p)
				return nil
			}
		}
		if len(suffixes) == 0 {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// Rel returns p relative to the files directory, with forward slashes.
func Rel(t testing.TB, p string) string {
	r, err := filepath.Rel(Dir(t), p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

// Step is how Sample steps through the real files: every file, or every
// third under -short and under the race detector (where the sweeps run
// ten times slower and a third of the corpus exercises the concurrency as
// well).
func Step() int {
	if testing.Short() || Race {
		return 3
	}
	return 1
}

// Sweep reports whether case (i, j) of a sweep over two lists (workouts by
// renderings, say) runs: every case normally, one in Step under -short and
// -race, taken along diagonals so that every i and every j still runs when
// both lists have at least Step entries.
func Sweep(i, j int) bool {
	return (i+j)%Step() == 0
}

// Sample returns every Step-th of files. Sweeps that check each file on
// its own use it; tests that need a given file or count do not.
func Sample(files []string) []string {
	step := Step()
	if step == 1 {
		return files
	}
	var out []string
	for i := 0; i < len(files); i += step {
		out = append(out, files[i])
	}
	return out
}
