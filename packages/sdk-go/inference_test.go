package distillery

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

func chatChunk(choices []map[string]any, usage map[string]any) map[string]any {
	c := map[string]any{
		"id": "chatcmpl-req_8f2c1d9a7b3e", "object": "chat.completion.chunk", "created": 1776603000,
		"model": "local/ft-spam-teacher", "system_fingerprint": nil, "choices": choices, "usage": nil,
	}
	if usage != nil {
		c["usage"] = usage
	}
	return c
}

var chatChunks = []any{
	chatChunk([]map[string]any{{"index": 0, "delta": map[string]any{"role": "assistant", "content": ""}, "logprobs": nil, "finish_reason": nil}}, nil),
	chatChunk([]map[string]any{{"index": 0, "delta": map[string]any{"content": "ham"}, "logprobs": nil, "finish_reason": nil}}, nil),
	chatChunk([]map[string]any{{"index": 0, "delta": map[string]any{}, "logprobs": nil, "finish_reason": "stop"}}, nil),
	chatChunk([]map[string]any{}, map[string]any{"prompt_tokens": 12, "completion_tokens": 2, "total_tokens": 14}),
}

// sse is an event-stream reply of these events (strings sent as they are, anything else as JSON).
func sse(events ...any) reply {
	var body strings.Builder
	for _, e := range events {
		data, ok := e.(string)
		if !ok {
			raw, _ := json.Marshal(e)
			data = string(raw)
		}
		fmt.Fprintf(&body, "data: %s\r\n\r\n", data)
	}
	return reply{status: 200, body: []byte(body.String()), header: map[string]string{"Content-Type": "text/event-stream", "x-request-id": "req_8f2c1d9a7b3e"}}
}

var chatCompletion = map[string]any{
	"id": "chatcmpl-req_8f2c1d9a7b3e", "object": "chat.completion", "created": 1776603000, "model": "local/ft-spam-teacher",
	"choices": []any{map[string]any{"index": 0, "message": map[string]any{"role": "assistant", "content": "spam"}, "logprobs": nil, "finish_reason": "stop"}},
	"usage":   map[string]any{"prompt_tokens": 14, "completion_tokens": 2, "total_tokens": 16},
}

func chatParams() ChatCompletionParams {
	return ChatCompletionParams{
		Model:       Ptr("local/ft-spam-teacher"),
		Messages:    []ChatMessage{UserMessage("Subject: Meeting notes from Tuesday")},
		MaxTokens:   Ptr(8),
		Temperature: Ptr[float32](0),
	}
}

func TestChatCompletionCreate(t *testing.T) {
	f := newFakeAPI(t)
	f.script(reply{status: 200, body: chatCompletion})
	params := chatParams()
	params.Stream = Ptr(true) // Create answers JSON whatever Stream says
	params.Stop = Stop("\n")
	got, err := testClient(f, &sleeps{}).Chat.Completions.Create(context.Background(), params)
	if err != nil || got.Choices[0].Message.Content != "spam" || got.Usage.TotalTokens != 16 {
		t.Fatalf("got %+v, %v", got, err)
	}
	var sent map[string]any
	_ = json.Unmarshal(f.recorded()[0].body, &sent)
	want := map[string]any{
		"model": "local/ft-spam-teacher", "max_tokens": 8.0, "temperature": 0.0, "stop": "\n",
		"messages": []any{map[string]any{"role": "user", "content": "Subject: Meeting notes from Tuesday"}},
	}
	if !reflect.DeepEqual(sent, want) {
		t.Fatalf("sent %v, want %v", sent, want)
	}
}

func TestChatCompletionStreamReadsChunksUpToDone(t *testing.T) {
	f := newFakeAPI(t)
	f.script(sse(append(chatChunks, "[DONE]", map[string]any{"not": "a chunk"})...))
	params := chatParams()
	params.StreamOptions = &StreamOptions{IncludeUsage: Ptr(true)}
	stream, err := testClient(f, &sleeps{}).Chat.Completions.CreateStream(context.Background(), params)
	if err != nil {
		t.Fatal(err)
	}
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
	if len(chunks) != 4 || text != "ham" || last.Usage == nil || last.Usage.TotalTokens != 14 || stream.RequestID != "req_8f2c1d9a7b3e" {
		t.Fatalf("read %d chunks, %q, %+v", len(chunks), text, last)
	}
	if *chunks[2].Choices[0].FinishReason != FinishReasonStop {
		t.Fatalf("finish reason %v", chunks[2].Choices[0].FinishReason)
	}
	request := f.recorded()[0]
	var sent map[string]any
	_ = json.Unmarshal(request.body, &sent)
	if request.header.Get("Accept") != "text/event-stream" || sent["stream"] != true {
		t.Fatalf("sent %v with Accept %q", sent, request.header.Get("Accept"))
	}
	if stream.Next() {
		t.Fatal("Next after [DONE]")
	}
}

func TestChatCompletionStreamAll(t *testing.T) {
	f := newFakeAPI(t)
	f.script(sse(append(chatChunks, "[DONE]")...))
	stream := must(testClient(f, &sleeps{}).Chat.Completions.CreateStream(context.Background(), chatParams()))
	n := 0
	for chunk, err := range stream.All() {
		if err != nil || chunk.Object != "chat.completion.chunk" {
			t.Fatalf("%+v %v", chunk, err)
		}
		n++
	}
	if n != 4 {
		t.Fatalf("%d chunks", n)
	}
}

func TestAnErrorEventEndsTheStreamWithAnError(t *testing.T) {
	f := newFakeAPI(t)
	event := map[string]any{"error": map[string]any{"code": "timeout", "type": "server_error", "message": "took too long", "status": 504, "request_id": "req_1"}}
	f.script(sse(chatChunks[0], chatChunks[1], event))
	stream := must(testClient(f, &sleeps{}).Chat.Completions.CreateStream(context.Background(), chatParams()))
	n := 0
	for stream.Next() {
		n++
	}
	var apiErr *Error
	if !errors.As(stream.Err(), &apiErr) || n != 2 || apiErr.Status != 504 || apiErr.Code != "timeout" || apiErr.Type != "server_error" || apiErr.RequestID != "req_1" {
		t.Fatalf("after %d chunks: %v", n, stream.Err())
	}
}

func TestAStreamCutBeforeDoneIsAConnectionError(t *testing.T) {
	f := newFakeAPI(t)
	f.script(sse(chatChunks[0]))
	stream := must(testClient(f, &sleeps{}).Chat.Completions.CreateStream(context.Background(), chatParams()))
	for stream.Next() {
	}
	var connErr *ConnectionError
	if !errors.As(stream.Err(), &connErr) || !strings.Contains(stream.Err().Error(), "[DONE]") {
		t.Fatalf("got %v", stream.Err())
	}
}

func TestARefusedStreamIsAnErrorOfCreateStream(t *testing.T) {
	f := newFakeAPI(t)
	f.script(apiError(404, "model_not_found", map[string]any{"param": "model", "type": "not_found_error"}))
	_, err := testClient(f, &sleeps{}).Chat.Completions.CreateStream(context.Background(), chatParams())
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.Status != 404 || apiErr.Param != "model" || apiErr.Type != "not_found_error" {
		t.Fatalf("got %v", err)
	}
	f.script(reply{status: 200, body: chatCompletion})
	if _, err := testClient(f, &sleeps{}).Chat.Completions.CreateStream(context.Background(), chatParams()); err == nil || !strings.Contains(err.Error(), "text/event-stream") {
		t.Fatalf("a JSON answer to a stream: %v", err)
	}
}

// endless streams a chunk every 10 ms until the client goes away, which it reports on closed.
func endless(t *testing.T) (*httptest.Server, chan struct{}) {
	closed := make(chan struct{}, 4)
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		for i := 0; ; i++ {
			raw, _ := json.Marshal(chatChunk([]map[string]any{{"index": 0, "delta": map[string]any{"content": fmt.Sprintf("t%d", i)}, "finish_reason": nil}}, nil))
			if _, err := fmt.Fprintf(w, "data: %s\n\n", raw); err != nil {
				closed <- struct{}{}
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				closed <- struct{}{}
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}))
	t.Cleanup(server.Close)
	return server, closed
}

func TestClosingOrCancellingAStreamClosesTheConnection(t *testing.T) {
	server, closed := endless(t)
	client := New(Config{BaseURL: server.URL})
	stream := must(client.Chat.Completions.CreateStream(context.Background(), chatParams()))
	if !stream.Next() || *stream.Current().Choices[0].Delta.Content != "t0" {
		t.Fatalf("first chunk %+v, %v", stream.Current(), stream.Err())
	}
	_ = stream.Close()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("the server still streams after Close")
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stream = must(client.Chat.Completions.CreateStream(ctx, chatParams()))
	n := 0
	for stream.Next() {
		if n++; n == 3 {
			cancel()
		}
	}
	if !errors.Is(stream.Err(), context.Canceled) {
		t.Fatalf("after cancel: %v", stream.Err())
	}
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("the server still streams after the context was cancelled")
	}

	stream = must(client.Chat.Completions.CreateStream(context.Background(), chatParams()))
	for range stream.All() {
		break
	}
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("the server still streams after the loop was left")
	}
}

func TestCompletionsBatchEmbeddingsAndStats(t *testing.T) {
	f := newFakeAPI(t)
	text := map[string]any{
		"id": "cmpl-req_1", "object": "text_completion", "created": 1776603000, "model": "local/mdl_7k2m9x4q1c8v",
		"choices": []any{map[string]any{"index": 0, "text": " jumps", "logprobs": nil, "finish_reason": "length"}},
		"usage":   map[string]any{"prompt_tokens": 4, "completion_tokens": 1, "total_tokens": 5},
	}
	batch := map[string]any{
		"id": "cmpl-req_1", "object": "text_completion", "created": 1776603000, "model": "local/ft-colours",
		"choices": []any{map[string]any{"index": 0, "prompt_index": 0, "text": " Orange.", "logprobs": nil, "finish_reason": "stop"}},
		"usage":   map[string]any{"prompt_tokens": 4, "completion_tokens": 3, "total_tokens": 7},
	}
	vector := make([]byte, 8)
	binary.LittleEndian.PutUint32(vector, math.Float32bits(0.5))
	binary.LittleEndian.PutUint32(vector[4:], math.Float32bits(-1.25))
	embeddings := map[string]any{
		"object": "list", "model": "local/mdl_7k2m9x4q1c8v", "usage": map[string]any{"prompt_tokens": 3, "total_tokens": 3},
		"data": []any{
			map[string]any{"object": "embedding", "index": 0, "embedding": []float32{0.25, 0.75}},
			map[string]any{"object": "embedding", "index": 1, "embedding": base64.StdEncoding.EncodeToString(vector)},
		},
	}
	latency := map[string]any{"p50": nil, "p90": nil, "p99": nil, "samples": 0}
	decode := map[string]any{
		"window_seconds": 60, "tokens_per_second": 1.5, "generated_tokens": 0, "requests": 0,
		"time_to_first_token_ms": latency, "inter_token_latency_ms": latency, "active_sequences": 0, "queued_sequences": 0,
		"last_batch_size": 0, "max_batch_size": 0, "memory": map[string]any{"budget_bytes": 4294967296, "used_bytes": 0}, "models": []any{},
	}
	piece := map[string]any{"id": "cmpl-req_1", "object": "text_completion", "created": 1776603000, "model": "m",
		"choices": []any{map[string]any{"index": 0, "text": " jumps", "logprobs": nil, "finish_reason": nil}}}
	f.script(reply{status: 200, body: text}, sse(piece, "[DONE]"), reply{status: 200, body: batch}, reply{status: 200, body: embeddings},
		reply{status: 200, body: decode}, reply{status: 200, body: map[string]any{"object": "list", "data": []any{}}})
	client := testClient(f, &sleeps{})
	ctx := context.Background()

	completion := must(client.Completions.Create(ctx, CompletionParams{Prompt: Prompt("The quick brown fox"), MaxTokens: Ptr(1)}))
	stream := must(client.Completions.CreateStream(ctx, CompletionParams{Prompt: Prompt([]int{504, 2365})}))
	var streamed string
	for chunk, err := range stream.All() {
		if err != nil {
			t.Fatal(err)
		}
		streamed += chunk.Choices[0].Text
	}
	result := must(client.Completions.Batch(ctx, CompletionBatchParams{Prompts: []string{"Name a warm color."}, Seed: Ptr(7)}))
	list := must(client.Embeddings.Create(ctx, EmbeddingParams{Input: Prompt([]string{"a", "b"})}))
	first, err1 := EmbeddingVector(list.Data[0].Embedding)
	second, err2 := EmbeddingVector(list.Data[1].Embedding)
	stats := must(client.Stats.Decode(ctx))
	recent := must(client.Stats.RecentRequests(ctx, &ListRecentRequestsParams{Limit: Ptr(5)}))
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	if completion.Choices[0].Text != " jumps" || streamed != " jumps" || result.Choices[0].PromptIndex != 0 ||
		!reflect.DeepEqual(first, []float32{0.25, 0.75}) || !reflect.DeepEqual(second, []float32{0.5, -1.25}) ||
		stats.TokensPerSecond != 1.5 || len(recent.Data) != 0 {
		t.Fatalf("unexpected: %+v %q %+v %v %v %+v %+v", completion, streamed, result, first, second, stats, recent)
	}
	var bodies []string
	for _, r := range f.recorded()[:4] {
		bodies = append(bodies, string(r.body))
	}
	want := []string{
		`{"max_tokens":1,"prompt":"The quick brown fox"}`,
		`{"prompt":[504,2365],"stream":true}`,
		`{"prompts":["Name a warm color."],"seed":7}`,
		`{"input":["a","b"]}`,
	}
	if !reflect.DeepEqual(bodies, want) {
		t.Fatalf("sent %q", bodies)
	}
	if r := f.recorded()[5]; r.path != "/v1/stats/recent-requests" || r.query["limit"][0] != "5" {
		t.Fatalf("recent requests: %+v", r)
	}
}
