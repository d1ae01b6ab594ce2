package distillery

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
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
	saved, err := testClient(f, &sleeps{}).Jobs.DownloadArtifact(context.Background(), "job_abc123", "gguf_q8_0", path)
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
	_, err := testClient(f, &sleeps{}).Jobs.DownloadArtifact(context.Background(), "job_abc123", "safetensors", filepath.Join(dir, "model.safetensors"))
	var mismatch *ChecksumMismatchError
	if !errors.As(err, &mismatch) || mismatch.Actual != sha(artifactBytes) {
		t.Fatalf("got %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
}
