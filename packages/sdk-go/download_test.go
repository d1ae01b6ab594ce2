package distillery

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var artifactBytes = append([]byte("GGUF"), bytes.Repeat([]byte{1, 2, 3, 250}, 4096)...)

func sha(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func TestDownloadWritesTheFileWhenTheSha256Matches(t *testing.T) {
	f := newFakeAPI(t)
	f.script(reply{status: 200, body: artifactBytes, header: map[string]string{"x-checksum-sha256": sha(artifactBytes)}})
	path := filepath.Join(t.TempDir(), "model.gguf")
	saved, err := testClient(f, &sleeps{}).Artifacts.Download(context.Background(), "job_abc123", "gguf_q8_0", path)
	if err != nil {
		t.Fatal(err)
	}
	written, _ := os.ReadFile(path)
	if !bytes.Equal(written, artifactBytes) || saved.ChecksumSHA256 != sha(artifactBytes) || saved.SizeBytes != int64(len(artifactBytes)) {
		t.Fatalf("saved %+v", saved)
	}
	if got := f.recorded()[0].path; got != "/v1/distillation/job_abc123/artifacts/gguf_q8_0/download" {
		t.Fatalf("path %s", got)
	}
}

func TestAChecksumMismatchLeavesNothingBehind(t *testing.T) {
	f := newFakeAPI(t)
	f.script(reply{status: 200, body: artifactBytes, header: map[string]string{"x-checksum-sha256": sha([]byte("other"))}})
	dir := t.TempDir()
	_, err := testClient(f, &sleeps{}).Artifacts.Download(context.Background(), "job_abc123", "safetensors", filepath.Join(dir, "model.safetensors"))
	var mismatch *ChecksumMismatchError
	if !errors.As(err, &mismatch) || mismatch.Actual != sha(artifactBytes) {
		t.Fatalf("got %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
}

// Without an x-checksum-sha256 header the file is checked against the artifact list's checksum_sha256.
func TestWithoutAChecksumHeaderTheListedSha256IsUsed(t *testing.T) {
	listing := func(checksum string) map[string]any {
		return map[string]any{"adapter_path": nil, "gguf_paths": map[string]any{}, "tokenizer_path": nil, "config_path": nil,
			"artifacts": []any{map[string]any{"format": "config", "path": "/d/c.json", "size_bytes": len(artifactBytes), "checksum_sha256": checksum, "download_url": "http://x/y"}}}
	}
	for _, tc := range []struct {
		name, listed string
		ok           bool
	}{{"matching", sha(artifactBytes), true}, {"differing", sha([]byte("other")), false}} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAPI(t)
			f.handler = func(r *http.Request) reply {
				if strings.HasSuffix(r.URL.Path, "/artifacts") {
					return reply{status: 200, body: listing(tc.listed)}
				}
				return reply{status: 200, body: artifactBytes}
			}
			dir := t.TempDir()
			path := filepath.Join(dir, "c.json")
			saved, err := testClient(f, &sleeps{}).Artifacts.Download(context.Background(), "job_abc123", "config", path)
			var mismatch *ChecksumMismatchError
			written, _ := os.ReadFile(path)
			switch {
			case tc.ok && (err != nil || saved.ChecksumSHA256 != tc.listed || !bytes.Equal(written, artifactBytes)):
				t.Fatalf("saved %+v, %v", saved, err)
			case !tc.ok && (!errors.As(err, &mismatch) || mismatch.Expected != tc.listed):
				t.Fatalf("got %v", err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != map[bool]int{true: 1, false: 0}[tc.ok] {
				t.Fatalf("folder holds %v", entries)
			}
			if paths := []string{f.recorded()[0].path, f.recorded()[1].path}; paths[1] != "/v1/distillation/job_abc123/artifacts" {
				t.Fatalf("requests %v", paths)
			}
		})
	}
}

// The deprecated JobsService methods are client.Artifacts underneath.
func TestTheDeprecatedJobsArtifactMethodsStillWork(t *testing.T) {
	f := newFakeAPI(t)
	f.handler = func(r *http.Request) reply {
		if strings.HasSuffix(r.URL.Path, "/artifacts") {
			return reply{status: 200, body: map[string]any{"adapter_path": nil, "gguf_paths": map[string]any{}, "tokenizer_path": nil, "config_path": nil,
				"artifacts": []any{map[string]any{"format": "gguf_q8_0", "path": "/d/m.gguf", "size_bytes": len(artifactBytes), "checksum_sha256": sha(artifactBytes), "download_url": "http://x/y"}}}}
		}
		return reply{status: 200, body: artifactBytes, header: map[string]string{"x-checksum-sha256": sha(artifactBytes)}}
	}
	ctx := context.Background()
	client := testClient(f, &sleeps{})
	listed := must(client.Jobs.Artifacts(ctx, "job_abc123"))
	path := filepath.Join(t.TempDir(), "m.gguf")
	saved := must(client.Jobs.DownloadArtifact(ctx, "job_abc123", "gguf_q8_0", path))
	if (*listed.Artifacts)[0].ChecksumSha256 != saved.ChecksumSHA256 || saved.Path != path {
		t.Fatalf("listed %+v, saved %+v", listed, saved)
	}
}
