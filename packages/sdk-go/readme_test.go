package distillery

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// buildReadmeExample builds the README's first ```go block, unchanged, against this module.
func buildReadmeExample(t *testing.T) string {
	t.Helper()
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile("(?ms)^```go\n(.*?)^```$").FindSubmatch(readme)
	if block == nil {
		t.Fatal("README.md has no ```go block")
	}
	dir := t.TempDir()
	source := filepath.Join(dir, "main.go")
	if err := os.WriteFile(source, block[1], 0o644); err != nil {
		t.Fatal(err)
	}
	binary := filepath.Join(dir, "readme-example")
	// Built from this package's folder, so that its import of the SDK resolves to this module.
	build := exec.Command("go", "build", "-o", binary, source)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("the README's example does not compile: %v\n%s", err, out)
	}
	return binary
}

// runReadmeExample runs the example in an empty folder against baseURL and returns that folder and
// what it printed; it fails the test unless the program exits 0.
func runReadmeExample(t *testing.T, binary, baseURL string) (dir, stdout string) {
	t.Helper()
	dir = t.TempDir()
	cmd := exec.Command(binary)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DISTILLERY_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "DISTILLERY_BASE_URL="+baseURL)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("the README's example failed: %v\nstdout:\n%s\nstderr:\n%s", err, out.String(), errOut.String())
	}
	return dir, out.String()
}

// TestReadmeExample runs the README's program, as written, against the real reference server.
func TestReadmeExample(t *testing.T) {
	url := startReferenceServer(t)
	binary := buildReadmeExample(t)
	dir, out := runReadmeExample(t, binary, url)

	for _, line := range []string{
		`(?m)^Teacher: local/\S+$`,
		`(?m)^Job: job_\w+ \| pending \(initializing\)$`,
		`(?m)^done: step 60/60\n`,
		// The example's labelled rows and EvalSplit give the job held-out rows to evaluate on.
		`(?m)^Teacher accuracy \d\.\d\d, student \d\.\d\d, delta [+-]\d\.\d\d$`,
	} {
		if !regexp.MustCompile(line).MatchString(out) {
			t.Errorf("output lacks %s:\n%s", line, out)
		}
	}
	saved := regexp.MustCompile(`(?m)^Saved (\S+) \((\d+) bytes, sha256 ([0-9a-f]{64})\)$`).FindStringSubmatch(out)
	if saved == nil {
		t.Fatalf("output lacks the Saved line:\n%s", out)
	}
	data, err := os.ReadFile(filepath.Join(dir, saved[1]))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if string(data[:4]) != "GGUF" || strconv.Itoa(len(data)) != saved[2] || hex.EncodeToString(sum[:]) != saved[3] {
		t.Fatalf("%s: %d bytes, sha256 %x; printed %q", saved[1], len(data), sum, saved[0])
	}
}

// TestReadmeExampleWithoutEvaluation runs the same program against a scripted API whose job has no
// accuracies (it could not be evaluated): it must say so, not dereference a nil result.
func TestReadmeExampleWithoutEvaluation(t *testing.T) {
	weights := []byte("GGUF scripted weights")
	sum := sha256.Sum256(weights)
	stamp := map[string]any{"created_at": "2026-04-19T12:00:00Z", "updated_at": "2026-04-19T12:00:00Z"}
	with := func(fields map[string]any) map[string]any {
		for k, v := range stamp {
			fields[k] = v
		}
		return fields
	}
	tuning := func(status, phase string) map[string]any {
		return with(map[string]any{
			"id": "ftjob_abc123", "tenant_id": "default", "name": "colour teacher", "base_model": "distillery-nano",
			"training_dataset": "ds_abc123", "status": status, "phase": phase, "result_model": "local/ft-x",
		})
	}
	job := func(status, phase string) map[string]any {
		return with(map[string]any{
			"id": "job_abc123", "status": status, "phase": phase, "progress": map[string]any{}, "cost_accrued": 0,
			"results": map[string]any{"evaluated": false, "teacher_accuracy": nil, "student_accuracy": nil, "accuracy_delta": nil},
		})
	}
	api := newFakeAPI(t)
	api.handler = func(r *http.Request) reply {
		switch r.Method + " " + r.URL.Path {
		case "POST /v1/datasets":
			return reply{status: 201, body: with(map[string]any{
				"id": "ds_abc123", "tenant_id": "default", "name": "colours", "format": "prompt_completion",
				"row_count": 48, "size_bytes": 2000, "checksum_sha256": strings.Repeat("0", 64),
			})}
		case "POST /v1/fine-tuning/jobs":
			return reply{status: 201, body: tuning("pending", "initializing")}
		case "GET /v1/fine-tuning/jobs/ftjob_abc123":
			return reply{status: 200, body: tuning("completed", "done")}
		case "POST /v1/distillation":
			return reply{status: 201, body: job("pending", "initializing")}
		case "GET /v1/distillation/job_abc123":
			return reply{status: 200, body: job("completed", "done")}
		case "GET /v1/distillation/job_abc123/artifacts/gguf_q8_0/download":
			return reply{status: 200, body: weights, header: map[string]string{"x-checksum-sha256": hex.EncodeToString(sum[:])}}
		}
		return reply{status: 404, body: map[string]any{"error": map[string]any{"code": "not_scripted", "message": r.URL.Path}}}
	}
	dir, out := runReadmeExample(t, buildReadmeExample(t), api.URL)
	if !strings.Contains(out, "\nAccuracy: not evaluated\n") {
		t.Fatalf("output does not say the job was not evaluated:\n%s", out)
	}
	if data, err := os.ReadFile(filepath.Join(dir, "colour-student-q8_0.gguf")); err != nil || string(data) != string(weights) {
		t.Fatalf("downloaded %q, %v", data, err)
	}
}
