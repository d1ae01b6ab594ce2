package distillery

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strings"
)

// Stream is a streamed completion (CreateStream): its chunks, read as they arrive, up to the
// server's "data: [DONE]". An error the server sends once the stream has started
// (data: {"error": …}) ends it with an *Error of that status (503 overloaded, 504 timeout…), a
// connection that drops before [DONE] with a *ConnectionError, and the context of CreateStream
// being cancelled with its error. Close it when done: that closes the connection, which stops the
// server's decoding of it.
//
//	stream, err := client.Chat.Completions.CreateStream(ctx, params)
//	if err != nil { … }
//	defer stream.Close()
//	for stream.Next() {
//		chunk := stream.Current()
//		…
//	}
//	if err := stream.Err(); err != nil { … }
type Stream[T any] struct {
	// RequestID is the response's x-request-id: quote it when reporting a problem.
	RequestID string

	ctx     context.Context
	resp    *http.Response
	lines   *bufio.Scanner
	current T
	err     error
	done    bool
}

// maxEventBytes bounds one event of a stream (a chunk with every logprob alternative is still far smaller).
const maxEventBytes = 16 << 20

func newStream[T any](ctx context.Context, resp *http.Response) (*Stream[T], error) {
	if kind := resp.Header.Get("Content-Type"); !strings.Contains(kind, "text/event-stream") {
		_ = resp.Body.Close()
		return nil, fmt.Errorf("distillery: expected text/event-stream from %s, got %q", resp.Request.URL, kind)
	}
	lines := bufio.NewScanner(resp.Body)
	lines.Buffer(make([]byte, 0, 64<<10), maxEventBytes)
	lines.Split(scanLines)
	return &Stream[T]{RequestID: resp.Header.Get("x-request-id"), ctx: ctx, resp: resp, lines: lines}, nil
}

// scanLines splits at "\n", "\r\n" or a lone "\r", as the Server-Sent Events format does.
func scanLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
		if data[i] == '\r' {
			if i+1 == len(data) && !atEOF {
				return 0, nil, nil // a "\r\n" may be split across reads
			}
			if i+1 < len(data) && data[i+1] == '\n' {
				return i + 2, data[:i], nil
			}
		}
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// Next reads the next chunk, reporting whether there is one; after false, Err says why it ended.
func (s *Stream[T]) Next() bool {
	if s.done {
		return false
	}
	var data []string
	for s.lines.Scan() {
		line := s.lines.Text()
		if line != "" {
			if field, value, _ := strings.Cut(line, ":"); field == "data" {
				data = append(data, strings.TrimPrefix(value, " "))
			}
			continue
		}
		if len(data) == 0 {
			continue
		}
		event := strings.Join(data, "\n")
		data = nil
		if event == "[DONE]" {
			s.finish(nil)
			return false
		}
		if err := s.decode(event); err != nil {
			s.finish(err)
			return false
		}
		return true
	}
	err := s.lines.Err()
	switch {
	case s.ctx.Err() != nil:
		err = s.ctx.Err()
	case err != nil:
		err = &ConnectionError{Err: err}
	default:
		err = &ConnectionError{Err: errors.New("the stream ended before data: [DONE]")}
	}
	s.finish(err)
	return false
}

func (s *Stream[T]) decode(event string) error {
	var envelope struct {
		Error *struct {
			Status int `json:"status"`
		} `json:"error"`
	}
	if err := json.Unmarshal([]byte(event), &envelope); err != nil {
		return fmt.Errorf("distillery: a stream event is not JSON: %w", err)
	}
	if envelope.Error != nil {
		status := envelope.Error.Status
		if status == 0 {
			status = http.StatusInternalServerError
		}
		return errorFromResponse(status, s.resp.Header, []byte(event))
	}
	var chunk T
	if err := json.Unmarshal([]byte(event), &chunk); err != nil {
		return fmt.Errorf("distillery: a stream chunk does not decode: %w", err)
	}
	s.current = chunk
	return nil
}

func (s *Stream[T]) finish(err error) {
	s.done = true
	s.err = err
	var zero T
	s.current = zero
	_ = s.resp.Body.Close()
}

// Current is the chunk the last successful Next read.
func (s *Stream[T]) Current() T { return s.current }

// Err is why the stream ended: nil after [DONE] (or Close), else the error.
func (s *Stream[T]) Err() error { return s.err }

// Close closes the connection, which stops the server's decoding; it is safe to call more than once.
func (s *Stream[T]) Close() error {
	if s.done {
		return nil
	}
	s.done = true
	return s.resp.Body.Close()
}

// All yields every chunk up to [DONE]; an error is yielded once, as the last element. Leaving the
// loop early closes the stream.
//
//	for chunk, err := range stream.All() { … }
func (s *Stream[T]) All() iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		defer s.Close()
		for s.Next() {
			if !yield(s.current, nil) {
				return
			}
		}
		if err := s.Err(); err != nil {
			var zero T
			yield(zero, err)
		}
	}
}
