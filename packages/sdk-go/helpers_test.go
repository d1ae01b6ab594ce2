package distillery

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// reply is one scripted answer of the fake API.
type reply struct {
	status int
	body   any // marshalled as JSON unless it is []byte
	header map[string]string
}

type recorded struct {
	method, path string
	query        map[string][]string
	header       http.Header
	body         []byte
}

// fakeAPI is an httptest server answering with handler, recording every request.
type fakeAPI struct {
	*httptest.Server
	mu       sync.Mutex
	requests []recorded
	handler  func(r *http.Request) reply
}

func newFakeAPI(t *testing.T) *fakeAPI {
	f := &fakeAPI{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.requests = append(f.requests, recorded{r.Method, r.URL.Path, r.URL.Query(), r.Header.Clone(), body})
		handler := f.handler
		f.mu.Unlock()
		rep := handler(r)
		data, ok := rep.body.([]byte)
		w.Header().Set("Content-Type", "application/octet-stream")
		if !ok {
			data, _ = json.Marshal(rep.body)
			w.Header().Set("Content-Type", "application/json")
		}
		for k, v := range rep.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(rep.status)
		_, _ = w.Write(data)
	}))
	t.Cleanup(f.Close)
	return f
}

// script answers the next requests with replies in order, repeating the last one.
func (f *fakeAPI) script(replies ...reply) {
	f.mu.Lock()
	defer f.mu.Unlock()
	next := 0
	f.handler = func(*http.Request) reply {
		rep := replies[min(next, len(replies)-1)]
		next++
		return rep
	}
}

func (f *fakeAPI) recorded() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.requests...)
}

// sleeps records the retry back-off's pauses instead of waiting.
type sleeps struct {
	mu     sync.Mutex
	delays []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.delays = append(s.delays, d)
	s.mu.Unlock()
	return ctx.Err()
}

func testClient(f *fakeAPI, s *sleeps) *Client {
	return newClient(Config{BaseURL: f.URL, APIKey: "dk_test_key"}, s.sleep)
}

func job(status, phase string, extra map[string]any) map[string]any {
	j := map[string]any{
		"id": "job_abc123", "status": status, "phase": phase, "progress": map[string]any{}, "results": map[string]any{},
		"cost_accrued": 0, "created_at": "2026-04-19T12:00:00Z", "updated_at": "2026-04-19T12:00:00Z",
	}
	for k, v := range extra {
		j[k] = v
	}
	return j
}

func apiError(status int, code string, extra map[string]any) reply {
	e := map[string]any{"code": code, "message": fmt.Sprintf("%s happened", code), "status": status, "request_id": "req_test"}
	for k, v := range extra {
		e[k] = v
	}
	return reply{status: status, body: map[string]any{"error": e}, header: map[string]string{"x-request-id": "req_test"}}
}
