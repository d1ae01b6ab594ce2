// Package distillery is the Go client for the Distillery API: distillation and fine-tuning jobs,
// datasets, models and artifacts. It wraps the client that oapi-codegen generates from
// openapi/distillery.yaml (package generated) with retries, typed errors, pagination and waiting.
package distillery

import (
	"context"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/distillery-dev/distillery/packages/sdk-go/generated"
	"github.com/google/uuid"
)

const (
	defaultBaseURL    = "http://localhost:8000"
	defaultMaxRetries = 2
	defaultTimeout    = 60 * time.Second
	importTimeout     = time.Hour
	version           = "0.1.0"
)

// Config configures a Client; every field is optional.
type Config struct {
	// BaseURL defaults to $DISTILLERY_BASE_URL, then http://localhost:8000.
	BaseURL string
	// APIKey defaults to $DISTILLERY_API_KEY; a local server with no keys configured needs none.
	APIKey string
	// MaxRetries for connection errors, 408, 429 and 5xx, honouring Retry-After: 0 means the default
	// of 2, a negative number means none.
	MaxRetries int
	// HTTPClient defaults to an http.Client with a 60 s timeout.
	HTTPClient *http.Client
}

// Client talks to one Distillery server. It is safe for concurrent use.
type Client struct {
	Jobs *JobsService
	// Artifacts are a distillation job's exported files: List, Download (sha256-verified).
	Artifacts  *ArtifactsService
	FineTuning *FineTuningService
	Datasets   *DatasetsService
	Models     *ModelsService
	// Chat is OpenAI-compatible chat of the tenant's models: Chat.Completions.Create, CreateStream.
	Chat *ChatService
	// Completions are OpenAI-compatible text completions (Create, CreateStream) and Batch.
	Completions *CompletionsService
	Embeddings  *EmbeddingsService
	Hardware    *HardwareService
	Stats       *StatsService
	Config      *ConfigService
	Health      *HealthService
	Webhooks    *WebhooksService
	// API is the generated client, with the same retries and errors, for the operations the
	// services above do not wrap (job events, keys).
	API *generated.ClientWithResponses
}

// New returns a Client for cfg.
func New(cfg Config) *Client {
	return newClient(cfg, sleepContext)
}

// newClient lets the tests replace the retry back-off's sleep.
func newClient(cfg Config, sleep func(context.Context, time.Duration) error) *Client {
	baseURL := firstNonEmpty(cfg.BaseURL, os.Getenv("DISTILLERY_BASE_URL"), defaultBaseURL)
	header := http.Header{"User-Agent": {"distillery-go/" + version}}
	if key := firstNonEmpty(cfg.APIKey, os.Getenv("DISTILLERY_API_KEY")); key != "" {
		header.Set("Authorization", "Bearer "+key)
	}
	d := &doer{client: cfg.HTTPClient, header: header, maxRetries: cfg.MaxRetries, sleep: sleep}
	if d.client == nil {
		d.client = &http.Client{Timeout: defaultTimeout}
	}
	switch {
	case d.maxRetries == 0:
		d.maxRetries = defaultMaxRetries
	case d.maxRetries < 0:
		d.maxRetries = 0
	}
	// NewClient fails only when an option does, and WithHTTPClient cannot.
	raw, _ := generated.NewClient(strings.TrimRight(baseURL, "/"), generated.WithHTTPClient(d))
	api := &generated.ClientWithResponses{ClientInterface: raw}
	// A model upload lasts as long as its gigabytes take to send and convert: an hour, not a minute,
	// unless the caller brought its own http.Client.
	uploads := *d
	if cfg.HTTPClient == nil {
		uploads.client = &http.Client{Timeout: importTimeout}
	}
	rawUploads, _ := generated.NewClient(strings.TrimRight(baseURL, "/"), generated.WithHTTPClient(&uploads))
	imports := &generated.ClientWithResponses{ClientInterface: rawUploads}
	// A stream lasts as long as its tokens take: only the wait for its headers is bounded, unless the
	// caller brought its own http.Client; the context stops it.
	streams := *d
	if cfg.HTTPClient == nil {
		transport := http.DefaultTransport.(*http.Transport).Clone()
		transport.ResponseHeaderTimeout = defaultTimeout
		streams.client = &http.Client{Transport: transport}
	}
	rawStreams, _ := generated.NewClient(strings.TrimRight(baseURL, "/"), generated.WithHTTPClient(&streams))
	artifacts := &ArtifactsService{api: api, raw: raw}
	return &Client{
		Jobs:      &JobsService{api: api, artifacts: artifacts},
		Artifacts: artifacts,
		FineTuning: &FineTuningService{
			Jobs:       &FineTuningJobsService{api: api},
			BaseModels: &BaseModelsService{api: api},
			api:        api,
		},
		Datasets:    &DatasetsService{api: api},
		Models:      &ModelsService{api: api, imports: imports},
		Chat:        &ChatService{Completions: &ChatCompletionsService{api: api, streams: rawStreams}},
		Completions: &CompletionsService{api: api, streams: rawStreams},
		Embeddings:  &EmbeddingsService{api: api},
		Hardware:    &HardwareService{api: api},
		Stats:       &StatsService{api: api},
		Config:      &ConfigService{api: api},
		Health:      &HealthService{api: api},
		Webhooks:    &WebhooksService{},
		API:         api,
	}
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// idempotencyKey is one key per create call, reused by its retries, so that a retried create never runs twice.
func idempotencyKey() *string {
	return Ptr(uuid.NewString())
}
