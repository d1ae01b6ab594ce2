package distillery

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRealServer runs the reference server (apps/server, built): upload a dataset, distil a tiny
// student on the CPU, wait, read its results and download an artifact whose sha256 must match.
// Skipped when the server is not built, except in CI, where that is a failure.
func TestRealServer(t *testing.T) {
	url := startReferenceServer(t)
	client := New(Config{BaseURL: url})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	dataset := must(client.Datasets.Upload(ctx, "sdk-go mail", strings.NewReader(mail(30))))
	if dataset.RowCount != 30 {
		t.Fatalf("dataset %+v", dataset)
	}
	// A teacher first: fine-tune the smallest preset on the dataset.
	tuning := must(client.FineTuning.Jobs.Create(ctx, CreateFineTuningJobParams{
		Name: "sdk-go teacher", BaseModel: "distillery-nano", TrainingDataset: dataset.Id, Suffix: Ptr("sdk-go-teacher"),
		Hyperparameters: &FineTuningHyperparameters{Epochs: Ptr(1), BatchSize: Ptr(8), SeqLen: Ptr(32)},
	}))
	teacher, err := client.FineTuning.Jobs.WaitForCompletion(ctx, tuning.Id, WaitOptions[FineTuningJob]{PollInterval: 500 * time.Millisecond})
	if err != nil || teacher.ResultModel == nil {
		t.Fatalf("fine-tuning: %+v %v", teacher, err)
	}

	job := must(client.Jobs.Create(ctx, CreateJobParams{
		Name: Ptr("sdk-go e2e"),
		Config: DistillationConfig{
			TeacherModel:  *teacher.ResultModel,
			StudentModel:  "distillery-nano",
			DatasetId:     &dataset.Id,
			TrainingSteps: Ptr(4),
			NSamples:      Ptr(1),
			BatchSize:     Ptr(4),
			SeqLen:        Ptr(32),
			EvalSplit:     Ptr[float32](0.2),
			ExportGguf:    Ptr(false),
		},
	}))
	var phases []string
	done, err := client.Jobs.WaitForCompletion(ctx, job.Id, WaitOptions[DistillationJob]{
		PollInterval: 500 * time.Millisecond,
		Timeout:      4 * time.Minute,
		OnProgress:   func(j *DistillationJob) { phases = append(phases, string(j.Phase)) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if done.Phase != "done" || phases[len(phases)-1] != "done" || done.Results.StudentParameters == nil || done.Results.ThresholdPassed == nil {
		t.Fatalf("completed job %+v, phases %v", done, phases)
	}
	if metrics := must(client.Jobs.Metrics(ctx, job.Id)); len(metrics.Points) != 4 {
		t.Fatalf("%d metric points, want 4", len(metrics.Points))
	}

	artifacts := must(client.Artifacts.List(ctx, job.Id))
	var config *Artifact
	for i, a := range artifacts.Items {
		if a.Format == "config" {
			config = &artifacts.Items[i]
		}
	}
	if config == nil {
		t.Fatalf("no config artifact in %+v", artifacts)
	}
	path := filepath.Join(t.TempDir(), "train_config.json")
	saved := must(client.Artifacts.Download(ctx, job.Id, "config", path))
	data, _ := os.ReadFile(path)
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != config.ChecksumSha256 || saved.ChecksumSHA256 != config.ChecksumSha256 || int64(len(data)) != int64(config.SizeBytes) {
		t.Fatalf("downloaded %d bytes with sha256 %x; listed %+v", len(data), sum, config)
	}

	_, err = client.Jobs.Cancel(ctx, job.Id)
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.Code != "job_terminal" {
		t.Fatalf("cancel of a finished job: %v", err)
	}
	if err := client.Jobs.Delete(ctx, job.Id); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Jobs.Get(ctx, job.Id); !errors.As(err, &apiErr) || apiErr.Status != 404 {
		t.Fatalf("get after delete: %v", err)
	}
}

// startReferenceServer runs the built reference server (apps/server/dist/cli.js) on a free port with
// an empty data folder until the test ends, and returns its URL. Skipped when the server is not
// built, except in CI, where that is a failure.
// TestRealServerImport imports the engine's tiny fixture checkpoint (a Hugging Face folder and a
// GGUF) into the reference server, finds it listed, sees a broken config refused, and deletes both.
func TestRealServerImport(t *testing.T) {
	url := startReferenceServer(t)
	client := New(Config{BaseURL: url})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	fixtures := filepath.Join(repoRoot, "packages", "engine", "test", "fixtures", "import")
	folder := filepath.Join(t.TempDir(), "smollm")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"} {
		data, err := os.ReadFile(filepath.Join(fixtures, "smollm-f32", name))
		if err != nil {
			t.Fatal(err)
		}
		_ = os.WriteFile(filepath.Join(folder, name), data, 0o644)
	}
	model := must(client.Models.Import(ctx, ModelImport{Path: folder}))
	if !strings.HasPrefix(model.Id, "local/mdl_") || *model.Name != "smollm" || string(model.Kind) != "imported" ||
		string(model.Source.Format) != "safetensors" || *model.Architecture.Name != "LlamaForCausalLM" {
		t.Fatalf("imported %+v", model)
	}
	gguf := must(client.Models.Import(ctx, ModelImport{Path: filepath.Join(fixtures, "gguf", "smollm-q8_0.gguf")}))
	if *gguf.Dtype != "Q8_0" || string(gguf.Source.Format) != "gguf" {
		t.Fatalf("gguf %+v", gguf)
	}
	config, _ := os.ReadFile(filepath.Join(folder, "config.json"))
	_ = os.WriteFile(filepath.Join(folder, "config.json"), []byte(strings.Replace(string(config), `"llama"`, `"gpt2"`, 1)), 0o644)
	var apiErr *Error
	if _, err := client.Models.Import(ctx, ModelImport{Path: folder}); !errors.As(err, &apiErr) || apiErr.Status != 400 || !strings.Contains(apiErr.Message, "config.json") {
		t.Fatalf("broken config: %v", err)
	}
	for _, id := range []string{model.Id, gguf.Id} {
		if err := client.Models.Delete(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	for m, err := range must(client.Models.List(ctx)).All(ctx) {
		if err != nil || m.Id == model.Id || m.Id == gguf.Id {
			t.Fatalf("listed after delete: %+v %v", m, err)
		}
	}
}

// TestRealServerChat serves the model a fine-tuning job produced: greedy decoding answers the same
// text whole and streamed, the stream ending at [DONE] with the usage chunk last; a preset is refused.
func TestRealServerChat(t *testing.T) {
	url := startReferenceServer(t)
	client := New(Config{BaseURL: url})
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	dataset := must(client.Datasets.Upload(ctx, "sdk-go chat mail", strings.NewReader(mail(16))))
	tuning := must(client.FineTuning.Jobs.Create(ctx, CreateFineTuningJobParams{
		Name: "sdk-go chat", BaseModel: "distillery-nano", TrainingDataset: dataset.Id,
		Hyperparameters: &FineTuningHyperparameters{Epochs: Ptr(1), BatchSize: Ptr(8), SeqLen: Ptr(32)},
	}))
	tuned, err := client.FineTuning.Jobs.WaitForCompletion(ctx, tuning.Id, WaitOptions[FineTuningJob]{PollInterval: 500 * time.Millisecond})
	if err != nil || tuned.ResultModel == nil {
		t.Fatalf("fine-tuning: %+v %v", tuned, err)
	}
	params := ChatCompletionParams{
		Model:       tuned.ResultModel,
		Messages:    []ChatMessage{UserMessage("Subject: Cheap meds online")},
		MaxTokens:   Ptr(5),
		Temperature: Ptr[float32](0),
	}
	whole := must(client.Chat.Completions.Create(ctx, params))
	if whole.Model != *tuned.ResultModel || whole.Usage.CompletionTokens < 1 || whole.Usage.CompletionTokens > 5 {
		t.Fatalf("completion %+v", whole)
	}
	params.StreamOptions = &StreamOptions{IncludeUsage: Ptr(true)}
	stream := must(client.Chat.Completions.CreateStream(ctx, params))
	defer stream.Close()
	var text string
	var chunks []ChatCompletionChunk
	for stream.Next() {
		chunk := stream.Current()
		chunks = append(chunks, chunk)
		if len(chunk.Choices) > 0 && chunk.Choices[0].Delta.Content != nil {
			text += *chunk.Choices[0].Delta.Content
		}
	}
	if err := stream.Err(); err != nil {
		t.Fatal(err)
	}
	last := chunks[len(chunks)-1]
	finish := chunks[len(chunks)-2].Choices[0].FinishReason
	if text != whole.Choices[0].Message.Content || len(last.Choices) != 0 || last.Usage == nil || *last.Usage != whole.Usage ||
		finish == nil || *finish != whole.Choices[0].FinishReason {
		t.Fatalf("streamed %q (whole %q), last chunk %+v", text, whole.Choices[0].Message.Content, last)
	}
	var apiErr *Error
	if _, err := client.Chat.Completions.Create(ctx, ChatCompletionParams{Model: Ptr("distillery-nano"), Messages: params.Messages}); !errors.As(err, &apiErr) || apiErr.Status != 400 || apiErr.Param != "model" {
		t.Fatalf("a preset: %v", err)
	}
	recent := must(client.Stats.RecentRequests(ctx, &ListRecentRequestsParams{Limit: Ptr(3)}))
	if len(recent.Data) < 2 || recent.Data[0].Endpoint != "chat.completions" || !recent.Data[0].Stream || recent.Data[1].Stream {
		t.Fatalf("recent requests %+v", recent.Data)
	}
}

func startReferenceServer(t *testing.T) string {
	t.Helper()
	cli := filepath.Join(repoRoot, "apps", "server", "dist", "cli.js")
	if _, err := os.Stat(cli); err != nil {
		missing(t, "apps/server/dist/cli.js is missing: build the server (`npm run build -w @distillery/server`)")
	}
	port := freePort(t)
	url := "http://127.0.0.1:" + port
	startProcess(t, url+"/health", filepath.Join(nodeBin, "node"), cli, "serve", "--port", port, "--data-dir", t.TempDir())
	return url
}

// mail is n labelled JSONL rows shaped like the SpamAssassin task.
func mail(n int) string {
	subjects := map[string][]string{"spam": {"Cheap meds online", "You won a free cruise"}, "ham": {"Re: build script patch", "Meeting notes"}}
	var rows strings.Builder
	for i := range n {
		label := "ham"
		if i%2 == 1 {
			label = "spam"
		}
		row, _ := json.Marshal(map[string]string{"prompt": fmt.Sprintf("Subject: %s #%d", subjects[label][i%2], i), "label": label})
		rows.Write(append(row, '\n'))
	}
	return rows.String()
}
