package distillery

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"net/http"

	"github.com/distillery-dev/distillery/packages/sdk-go/generated"
)

// ChatService is client.Chat: OpenAI-compatible chat of the tenant's models.
type ChatService struct {
	Completions *ChatCompletionsService
}

// ChatCompletionsService is client.Chat.Completions.
type ChatCompletionsService struct {
	api *generated.ClientWithResponses
	// streams sends the streamed requests: no overall timeout, only one for the response's headers.
	streams generated.ClientInterface
}

var acceptEventStream generated.RequestEditorFn = func(_ context.Context, req *http.Request) error {
	req.Header.Set("Accept", "text/event-stream")
	return nil
}

// Create answers a chat completion of params.Model (an id of client.Models.List, "local/…"); it
// sends params.Stream as false: CreateStream streams.
func (s *ChatCompletionsService) Create(ctx context.Context, params ChatCompletionParams) (*ChatCompletion, error) {
	params.Stream = nil
	resp, err := s.api.CreateChatCompletionWithResponse(ctx, nil, params)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// CreateStream answers the completion's chunks as they are decoded, up to the server's
// "data: [DONE]" (with StreamOptions.IncludeUsage the last chunk has no choices and the Usage).
// Cancelling ctx stops it; Close it when done.
func (s *ChatCompletionsService) CreateStream(ctx context.Context, params ChatCompletionParams) (*Stream[ChatCompletionChunk], error) {
	params.Stream = Ptr(true)
	resp, err := s.streams.CreateChatCompletion(ctx, nil, params, acceptEventStream)
	if err != nil {
		return nil, err
	}
	return newStream[ChatCompletionChunk](ctx, resp)
}

// CompletionsService is client.Completions: OpenAI-compatible (legacy) text completions, and
// reference 004's batches.
type CompletionsService struct {
	api     *generated.ClientWithResponses
	streams generated.ClientInterface
}

// Create continues params.Prompt (see Prompt) as it is, with no chat template; it sends
// params.Stream as false: CreateStream streams.
func (s *CompletionsService) Create(ctx context.Context, params CompletionParams) (*Completion, error) {
	params.Stream = nil
	resp, err := s.api.CreateCompletionWithResponse(ctx, nil, params)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// CreateStream answers the completion's chunks as they are decoded, up to "data: [DONE]", as
// client.Chat.Completions.CreateStream does.
func (s *CompletionsService) CreateStream(ctx context.Context, params CompletionParams) (*Stream[Completion], error) {
	params.Stream = Ptr(true)
	resp, err := s.streams.CreateCompletion(ctx, nil, params, acceptEventStream)
	if err != nil {
		return nil, err
	}
	return newStream[Completion](ctx, resp)
}

// Batch completes every prompt (N completions each) in shared decode batches: a choice per prompt
// and sample, in prompt order, each with its PromptIndex (Index = PromptIndex × N + k). With a
// Seed, completion k of every prompt is sampled with Seed + k, so a batch is repeatable.
func (s *CompletionsService) Batch(ctx context.Context, params CompletionBatchParams) (*CompletionBatch, error) {
	resp, err := s.api.CreateCompletionBatchWithResponse(ctx, nil, params)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// EmbeddingsService is client.Embeddings: OpenAI-compatible embeddings.
type EmbeddingsService struct {
	api *generated.ClientWithResponses
}

// Create answers one vector of the model's width per input (see Prompt), in order: the mean over
// its tokens of the model's last hidden state. EmbeddingVector reads one, float or base64.
func (s *EmbeddingsService) Create(ctx context.Context, params EmbeddingParams) (*EmbeddingList, error) {
	resp, err := s.api.CreateEmbeddingsWithResponse(ctx, nil, params)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// Message is one turn of a chat with text content.
func Message(role ChatMessageRole, content string) ChatMessage {
	m := ChatMessage{Role: role}
	_ = m.Content.FromChatMessageContent0(content)
	return m
}

// UserMessage is Message(ChatMessageRoleUser, content).
func UserMessage(content string) ChatMessage { return Message(ChatMessageRoleUser, content) }

// SystemMessage is Message(ChatMessageRoleSystem, content).
func SystemMessage(content string) ChatMessage {
	return Message(ChatMessageRoleSystem, content)
}

// AssistantMessage is Message(ChatMessageRoleAssistant, content).
func AssistantMessage(content string) ChatMessage {
	return Message(ChatMessageRoleAssistant, content)
}

// Prompt is a completion's prompt or an embedding's input: a string, strings (a choice or vector
// each), token ids, or arrays of token ids.
//
//	distillery.Prompt("The quick brown fox"), distillery.Prompt([]string{"a", "b"}), distillery.Prompt([]int{504, 2365})
func Prompt[T string | []string | []int | [][]int](value T) CompletionPrompt {
	raw, _ := json.Marshal(value)
	var p CompletionPrompt
	_ = p.UnmarshalJSON(raw)
	return p
}

// Stop is the stop sequences of a request: generation stops before the first of them.
func Stop(sequences ...string) *StopSequences {
	var s StopSequences
	if len(sequences) == 1 {
		_ = s.FromStopSequences0(sequences[0])
	} else {
		_ = s.FromStopSequences1(sequences)
	}
	return &s
}

// EmbeddingVector reads one embedding of an EmbeddingList, as floats or (EncodingFormat base64) as
// the base64 of its little-endian float32 values.
func EmbeddingVector(embedding EmbeddingList_Data_Embedding) ([]float32, error) {
	if floats, err := embedding.AsEmbeddingListDataEmbedding0(); err == nil {
		return floats, nil
	}
	text, err := embedding.AsEmbeddingListDataEmbedding1()
	if err != nil {
		return nil, fmt.Errorf("distillery: an embedding is neither floats nor base64: %w", err)
	}
	raw, err := base64.StdEncoding.DecodeString(text)
	if err != nil || len(raw)%4 != 0 {
		return nil, fmt.Errorf("distillery: an embedding is not the base64 of float32 values")
	}
	floats := make([]float32, len(raw)/4)
	for i := range floats {
		floats[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[i*4:]))
	}
	return floats, nil
}
