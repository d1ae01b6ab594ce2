package distillery

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestGeneratedCodeIsCurrent regenerates the client into a temporary file with the exact command of
// generated/generate.go and fails when it differs from the committed generated/distillery.gen.go.
func TestGeneratedCodeIsCurrent(t *testing.T) {
	source, err := os.ReadFile(filepath.Join("generated", "generate.go"))
	if err != nil {
		t.Fatal(err)
	}
	var command []string
	for _, line := range strings.Split(string(source), "\n") {
		if rest, ok := strings.CutPrefix(line, "//go:generate "); ok {
			command = strings.Fields(rest)
		}
	}
	if len(command) == 0 {
		t.Fatal("generated/generate.go has no //go:generate line")
	}
	fresh := filepath.Join(t.TempDir(), "distillery.gen.go")
	for i := range command[:len(command)-1] {
		if command[i] == "-o" {
			command[i+1] = fresh
		}
	}
	if !slices.Contains(command, fresh) {
		t.Fatal("the //go:generate line of generated/generate.go has no -o flag")
	}
	cmd := exec.Command(command[0], command[1:]...)
	cmd.Dir = "generated"
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(command, " "), err, out)
	}
	want, _ := os.ReadFile(fresh)
	got, _ := os.ReadFile(filepath.Join("generated", "distillery.gen.go"))
	if !bytes.Equal(got, want) {
		t.Fatal("packages/sdk-go/generated is out of date with openapi/distillery.yaml: " +
			"run `npm run generate -w @distillery/sdk-go` and commit the result")
	}
}
