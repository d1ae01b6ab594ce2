package distillery

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPrismContract calls every read operation and the creates through the SDK against Prism
// mocking openapi/distillery.yaml. Prism validates each request against the spec and answers with
// its examples, so this checks that the SDK sends what the contract allows and parses what it promises.
func TestPrismContract(t *testing.T) {
	prism := filepath.Join(nodeBin, "prism")
	if _, err := os.Stat(prism); err != nil {
		missing(t, "Prism is not installed: run `npm ci` at the repository root")
	}
	port := freePort(t)
	url := "http://127.0.0.1:" + port
	startProcess(t, url+"/health", prism, "mock", "openapi/distillery.yaml", "--host", "127.0.0.1", "--port", port)
	client := New(Config{BaseURL: url, MaxRetries: -1})
	ctx := context.Background()

	t.Run("distillation", func(t *testing.T) {
		// Prism answers every page with the same example, whose has_more is true: take a few.
		n := 0
		for j, err := range must(client.Jobs.List(ctx, ListJobsParams{})).All(ctx) {
			if err != nil || *j.Results.StudentAccuracy != 0.948 {
				t.Fatalf("list: %+v %v", j, err)
			}
			if n++; n == 3 {
				break
			}
		}
		must(client.Jobs.Get(ctx, "job_abc123"))
		logs := must(client.Jobs.Logs(ctx, "job_abc123", nil))
		metrics := must(client.Jobs.Metrics(ctx, "job_abc123"))
		artifacts := must(client.Artifacts.List(ctx, "job_abc123"))
		estimate := must(client.Jobs.Estimate(ctx, CreateJobParams{Config: DistillationConfig{TeacherModel: "local/ft-spam-teacher", StudentModel: "distillery-micro"}}))
		if len(logs.Lines) == 0 || metrics.Points[0].Step != 10 || len(artifacts.Items) == 0 || !estimate.WithinBudget {
			t.Fatalf("unexpected bodies: %+v %+v %+v %+v", logs, metrics, artifacts, estimate)
		}
		created := must(client.Jobs.Create(ctx, CreateJobParams{
			Name:   Ptr("ticket-triage v1"),
			Config: DistillationConfig{TeacherModel: "openai/gpt-4o", StudentModel: "llama-3.2-1b", TrainingSteps: Ptr(100)},
		}))
		if created.Status != "pending" || created.Phase != "initializing" {
			t.Fatalf("created %+v", created)
		}
	})

	t.Run("an invalid request is refused", func(t *testing.T) {
		_, err := client.Jobs.Create(ctx, CreateJobParams{Config: DistillationConfig{TeacherModel: "no slash", StudentModel: "s"}})
		var apiErr *Error
		if !errors.As(err, &apiErr) || apiErr.Status != 422 && apiErr.Status != 400 {
			t.Fatalf("got %v", err)
		}
	})

	t.Run("fine-tuning", func(t *testing.T) {
		for j, err := range must(client.FineTuning.Jobs.List(ctx, ListFineTuningJobsParams{})).All(ctx) {
			if err != nil || j.Id != "ftjob_abc123" {
				t.Fatalf("list: %+v %v", j, err)
			}
			break
		}
		got := must(client.FineTuning.Jobs.Get(ctx, "ftjob_abc123"))
		must(client.FineTuning.Jobs.Logs(ctx, "ftjob_abc123", nil))
		must(client.FineTuning.Jobs.Metrics(ctx, "ftjob_abc123"))
		base := must(client.FineTuning.BaseModels.List(ctx))
		stats := must(client.FineTuning.Stats(ctx))
		params := CreateFineTuningJobParams{Name: "spam teacher", BaseModel: "distillery-small", TrainingDataset: "ds_2b7f1c9e4a"}
		must(client.FineTuning.Jobs.Estimate(ctx, params))
		created := must(client.FineTuning.Jobs.Create(ctx, params))
		if got.ResultModel == nil || base.Items[0].Id != "distillery-nano" || stats.Total != 15 || created.Status != "pending" {
			t.Fatalf("unexpected bodies: %+v %+v %+v %+v", got, base, stats, created)
		}
	})

	t.Run("datasets and models", func(t *testing.T) {
		for d, err := range must(client.Datasets.List(ctx, ListDatasetsParams{})).All(ctx) {
			if err != nil || d.Id != "ds_2b7f1c9e4a" {
				t.Fatalf("list: %+v %v", d, err)
			}
			break
		}
		must(client.Datasets.Get(ctx, "ds_2b7f1c9e4a"))
		uploaded := must(client.Datasets.Upload(ctx, "spam", strings.NewReader(`{"prompt": "Subject: cheap meds", "label": "spam"}`+"\n")))
		models, err := client.Models.List(ctx)
		if err != nil || uploaded.Id == "" || models.Items[0].Id != "distillery-micro" || models.Items[0].Architecture.NLayers != 4 {
			t.Fatalf("unexpected bodies: %+v %+v %v", uploaded, models, err)
		}
		must(client.Models.Get(ctx, "local/ft-spam-teacher"))
		// Prism cannot check repeated multipart `file` parts (it reads them as one value, not the array
		// the spec declares): the multipart forms are checked by the fake and the real server.
		imported := must(client.Models.Import(ctx, ModelImport{SourceURL: "https://models.example.com/smollm2.gguf", Name: "smollm2"}))
		if !strings.HasPrefix(imported.Id, "local/mdl_") || *imported.Architecture.Name != "LlamaForCausalLM" {
			t.Fatalf("imported %+v", imported)
		}
		if err := client.Models.Delete(ctx, "local/mdl_7k2m9x4q1c8v"); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("inference", func(t *testing.T) {
		// Prism answers the JSON examples; the event streams are checked against the fake and the real server.
		chat := must(client.Chat.Completions.Create(ctx, ChatCompletionParams{
			Model:       Ptr("local/ft-spam-teacher"),
			Messages:    []ChatMessage{UserMessage("Subject: Cheap meds online, no prescription")},
			MaxTokens:   Ptr(8),
			Temperature: Ptr[float32](0),
		}))
		text := must(client.Completions.Create(ctx, CompletionParams{Model: Ptr("local/mdl_7k2m9x4q1c8v"), Prompt: Prompt("The quick brown fox"), MaxTokens: Ptr(16)}))
		batch := must(client.Completions.Batch(ctx, CompletionBatchParams{Prompts: []string{"Name a warm color.", "Name a cool color."}, MaxTokens: Ptr(32), Seed: Ptr(7)}))
		list := must(client.Embeddings.Create(ctx, EmbeddingParams{Model: Ptr("local/mdl_7k2m9x4q1c8v"), Input: Prompt([]string{"Cheap meds online", "Meeting notes"})}))
		vector, err := EmbeddingVector(list.Data[0].Embedding)
		decode := must(client.Stats.Decode(ctx))
		recent := must(client.Stats.RecentRequests(ctx, &ListRecentRequestsParams{Limit: Ptr(10)}))
		if err != nil || chat.Choices[0].Message.Content != "spam" || chat.Choices[0].FinishReason != FinishReasonStop ||
			text.Choices[0].Text != " jumps over the lazy dog." || batch.Choices[1].PromptIndex != 1 || len(vector) != 4 ||
			decode.TokensPerSecond != 412.5 || recent.Data[0].Endpoint != "chat.completions" {
			t.Fatalf("unexpected bodies: %+v %+v %+v %v %v %+v %+v", chat, text, batch, vector, err, decode, recent)
		}
	})

	t.Run("hardware, stats, config and health", func(t *testing.T) {
		hw, err1 := client.Hardware.Get(ctx)
		stats, err2 := client.Stats.Get(ctx, nil)
		config, err3 := client.Config.Get(ctx)
		health, err4 := client.Health.Get(ctx)
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			t.Fatal(err)
		}
		if hw.DefaultBackend == "" || stats.Datasets != 6 || config.AuthMode == "" || health.Status != "ok" {
			t.Fatalf("unexpected bodies")
		}
	})
}

// must returns v, panicking (which fails the test with a trace) on an error or a nil result: Go
// cannot pass a call's two results on together with a *testing.T.
func must[T any](v *T, err error) *T {
	if err != nil || v == nil {
		panic(fmt.Sprintf("got %v, %v", v, err))
	}
	return v
}
