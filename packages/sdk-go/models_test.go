package distillery

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var importedModel = map[string]any{
	"id": "local/mdl_7k2m9x4q1c8v", "object": "model", "created": 1776603000, "owned_by": "default",
	"kind": "imported", "name": "smollm2", "parameters": 134515008, "context_length": 8192, "dtype": "BF16",
	"vocab_size": 49152, "tokenizer_type": "byte-level-bpe", "chat_template": true,
	"source": map[string]any{"type": "upload", "format": "safetensors"}, "source_job_id": nil,
}

type part struct{ field, filename, content string }

// parts reads back a recorded multipart body.
func parts(t *testing.T, r recorded) []part {
	t.Helper()
	_, params, err := mime.ParseMediaType(r.header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	reader := multipart.NewReader(bytes.NewReader(r.body), params["boundary"])
	var found []part
	for {
		p, err := reader.NextPart()
		if errors.Is(err, io.EOF) {
			return found
		}
		if err != nil {
			t.Fatal(err)
		}
		content, _ := io.ReadAll(p)
		// Part.FileName keeps only the base name; the server reads the path as sent.
		_, disposition, _ := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
		found = append(found, part{p.FormName(), disposition["filename"], string(content)})
	}
}

func TestModelsImportAFolderOnePartPerFile(t *testing.T) {
	f := newFakeAPI(t)
	f.script(reply{status: 201, body: importedModel})
	folder := filepath.Join(t.TempDir(), "smollm2-135m")
	for name, content := range map[string]string{"config.json": `{"model_type":"llama"}`, "sub/extra.json": "x", ".gitattributes": "lfs"} {
		_ = os.MkdirAll(filepath.Dir(filepath.Join(folder, name)), 0o755)
		_ = os.WriteFile(filepath.Join(folder, name), []byte(content), 0o644)
	}
	model, err := testClient(f, &sleeps{}).Models.Import(context.Background(), ModelImport{Path: folder})
	if err != nil || model.Id != "local/mdl_7k2m9x4q1c8v" || *model.Dtype != "BF16" {
		t.Fatalf("%+v %v", model, err)
	}
	r := f.recorded()[0]
	if r.method != "POST" || r.path != "/v1/models" || r.header.Get("Idempotency-Key") == "" {
		t.Fatalf("request %+v", r)
	}
	want := []part{{"name", "", "smollm2-135m"}, {"file", "config.json", `{"model_type":"llama"}`}, {"file", "sub/extra.json", "x"}}
	if got := parts(t, r); !reflect.DeepEqual(got, want) {
		t.Fatalf("parts %+v", got)
	}
}

func TestModelsImportFilesAnArchiveAndAURL(t *testing.T) {
	f := newFakeAPI(t)
	f.script(reply{status: 201, body: importedModel})
	client := testClient(f, &sleeps{})
	ctx := context.Background()
	must(client.Models.Import(ctx, ModelImport{Name: "smollm2", Files: []ModelFile{
		{Path: "config.json", Content: strings.NewReader("{}")},
		{Path: "model.safetensors", Content: strings.NewReader("st")},
	}}))
	must(client.Models.Import(ctx, ModelImport{Archive: &ModelFile{Path: "tiny-q8_0.gguf", Content: strings.NewReader("GGUF")}}))
	must(client.Models.Import(ctx, ModelImport{SourceURL: "https://models.example.com/t.gguf"}))
	got := f.recorded()
	if p := parts(t, got[0]); !reflect.DeepEqual(p, []part{{"name", "", "smollm2"}, {"file", "config.json", "{}"}, {"file", "model.safetensors", "st"}}) {
		t.Fatalf("files %+v", p)
	}
	if p := parts(t, got[1]); !reflect.DeepEqual(p, []part{{"name", "", "tiny-q8_0"}, {"file", "tiny-q8_0.gguf", "GGUF"}}) {
		t.Fatalf("archive %+v", p)
	}
	var body map[string]any
	if err := json.Unmarshal(got[2].body, &body); err != nil || body["source_url"] != "https://models.example.com/t.gguf" {
		t.Fatalf("source_url body %s", got[2].body)
	}
}

func TestModelsImportRetriesAPathUploadWithTheSameBody(t *testing.T) {
	f := newFakeAPI(t)
	f.script(reply{status: 503, body: map[string]any{}, header: map[string]string{"Retry-After": "0"}}, reply{status: 201, body: importedModel})
	file := filepath.Join(t.TempDir(), "tiny.gguf")
	_ = os.WriteFile(file, []byte("GGUF bytes"), 0o644)
	must(testClient(f, &sleeps{}).Models.Import(context.Background(), ModelImport{Path: file}))
	got := f.recorded()
	if len(got) != 2 || got[0].header.Get("Idempotency-Key") != got[1].header.Get("Idempotency-Key") {
		t.Fatalf("attempts %d", len(got))
	}
	if a, b := parts(t, got[0]), parts(t, got[1]); !reflect.DeepEqual(a, b) || a[1].content != "GGUF bytes" {
		t.Fatalf("attempts sent %+v then %+v", a, b)
	}
}

func TestModelsImportRefusesAmbiguousOrUnreadableInput(t *testing.T) {
	f := newFakeAPI(t)
	client := testClient(f, &sleeps{})
	ctx := context.Background()
	if _, err := client.Models.Import(ctx, ModelImport{}); err == nil || !strings.Contains(err.Error(), "needs Path, Files, Archive or SourceURL") {
		t.Fatalf("empty: %v", err)
	}
	if _, err := client.Models.Import(ctx, ModelImport{Path: "x", SourceURL: "https://x.example.com/a.gguf"}); err == nil || !strings.Contains(err.Error(), "got Path and SourceURL") {
		t.Fatalf("two: %v", err)
	}
	missing := filepath.Join(t.TempDir(), "no-such-model")
	if _, err := client.Models.Import(ctx, ModelImport{Path: missing}); err == nil || !strings.Contains(err.Error(), missing) {
		t.Fatalf("missing: %v", err)
	}
	if len(f.recorded()) != 0 {
		t.Fatal("sent a request")
	}
}

func TestModelsImportSurfacesTheServersRefusalAndDeletes(t *testing.T) {
	f := newFakeAPI(t)
	f.script(reply{status: 400, body: map[string]any{"error": map[string]any{
		"code": "invalid_request", "message": `config.json: model_type "gpt2" is not supported`, "status": 400, "param": "file", "request_id": "req_1",
	}}}, reply{status: 204})
	client := testClient(f, &sleeps{})
	_, err := client.Models.Import(context.Background(), ModelImport{Files: []ModelFile{{Path: "config.json", Content: strings.NewReader("{}")}}})
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.Status != 400 || apiErr.Param != "file" || !strings.Contains(apiErr.Message, "config.json") {
		t.Fatalf("%v", err)
	}
	if err := client.Models.Delete(context.Background(), "local/mdl_7k2m9x4q1c8v"); err != nil {
		t.Fatal(err)
	}
	if r := f.recorded()[1]; r.method != "DELETE" || !strings.HasPrefix(r.path, "/v1/models/local") {
		t.Fatalf("%+v", r)
	}
}
