package distillery

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/distillery-dev/distillery/packages/sdk-go/generated"
)

// ArtifactsService is client.Artifacts: a distillation job's exported files.
type ArtifactsService struct {
	api *generated.ClientWithResponses
	raw *generated.Client
}

// DownloadedArtifact is an artifact saved to disk after its sha256 matched.
type DownloadedArtifact struct {
	Path           string
	SizeBytes      int64
	ChecksumSHA256 string
	RequestID      string
}

// List returns the job's artifacts, each with its format, size, sha256 and download URL, as one page.
func (s *ArtifactsService) List(ctx context.Context, jobID string) (*Page[Artifact], error) {
	artifacts, err := s.fetch(ctx, jobID)
	if err != nil {
		return nil, err
	}
	var items []Artifact
	if artifacts.Artifacts != nil {
		items = *artifacts.Artifacts
	}
	return onePage(items), nil
}

func (s *ArtifactsService) fetch(ctx context.Context, jobID string) (*JobArtifacts, error) {
	resp, err := s.api.ListDistillationArtifactsWithResponse(ctx, jobID, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// Download streams the artifact of format to the file path and checks its sha256 against the
// download's x-checksum-sha256 header, or, when the server sends none, the artifact's checksum
// from List. On a mismatch it returns a *ChecksumMismatchError and leaves nothing behind: the bytes
// go to a temporary file beside path, renamed into place only once verified.
func (s *ArtifactsService) Download(ctx context.Context, jobID string, format ArtifactFormat, path string) (*DownloadedArtifact, error) {
	resp, err := s.raw.DownloadDistillationArtifact(ctx, jobID, format, nil)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	expected := resp.Header.Get("x-checksum-sha256")
	if expected == "" {
		if expected, err = s.checksumOf(ctx, jobID, format); err != nil {
			return nil, err
		}
	}
	partial, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.part")
	if err != nil {
		return nil, err
	}
	defer os.Remove(partial.Name()) // a no-op once renamed
	hash := sha256.New()
	size, err := io.Copy(io.MultiWriter(partial, hash), resp.Body)
	if closeErr := partial.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return nil, err
	}
	actual := hex.EncodeToString(hash.Sum(nil))
	if actual != expected {
		return nil, &ChecksumMismatchError{Expected: expected, Actual: actual}
	}
	if err := os.Rename(partial.Name(), path); err != nil {
		return nil, err
	}
	return &DownloadedArtifact{Path: path, SizeBytes: size, ChecksumSHA256: actual, RequestID: resp.Header.Get("x-request-id")}, nil
}

func (s *ArtifactsService) checksumOf(ctx context.Context, jobID string, format ArtifactFormat) (string, error) {
	page, err := s.List(ctx, jobID)
	if err != nil {
		return "", err
	}
	for _, a := range page.Items {
		if a.Format == format {
			return a.ChecksumSha256, nil
		}
	}
	return "", fmt.Errorf("distillery: the server reported no sha256 for the %s artifact of %s", format, jobID)
}
