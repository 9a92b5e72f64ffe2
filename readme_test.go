package lapkit_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeCompiles builds the README's Go program as printed (and runs
// it on the bundled session): the documentation cannot rot.
func TestReadmeCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "```go\n")
	if i < 0 {
		t.Fatal("no Go program in the README")
	}
	j := strings.Index(s[i+6:], "```")
	dir, err := os.MkdirTemp("testdata", "readme") // in the module, not in ./...
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(s[i+6:i+6+j]), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "run", "./"+filepath.ToSlash(dir)).CombinedOutput()
	if err != nil {
		t.Fatalf("the README's program: %v\n%s", err, out)
	}
	// Rep 1.1's lap was pressed 1.7 s early, at 389.7 m: judged by its
	// pace, it ran the 65 s target.
	if !strings.Contains(string(out), "1.1 63.3 s (+0.0 s)") {
		t.Errorf("the README's program printed:\n%s", out)
	}
}
