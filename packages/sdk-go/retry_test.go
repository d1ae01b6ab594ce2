package distillery

import (
	"context"
	"errors"
	"net"
	"net/http"
	"testing"
	"time"
)

func createParams() CreateJobParams {
	return CreateJobParams{Config: DistillationConfig{TeacherModel: "local/t", StudentModel: "distillery-micro"}}
}

func TestA429WaitsForRetryAfterAndRetriesWithTheSameIdempotencyKey(t *testing.T) {
	f := newFakeAPI(t)
	f.script(reply{status: 429, body: map[string]any{}, header: map[string]string{"Retry-After": "3"}}, reply{status: 201, body: job("pending", "initializing", nil)})
	s := &sleeps{}
	created, err := testClient(f, s).Jobs.Create(context.Background(), createParams())
	if err != nil || created.Id != "job_abc123" {
		t.Fatalf("got %v, %v", created, err)
	}
	if len(s.delays) != 1 || s.delays[0] != 3*time.Second {
		t.Fatalf("delays = %v, want [3s]", s.delays)
	}
	reqs := f.recorded()
	if len(reqs) != 2 || reqs[0].header.Get("Idempotency-Key") == "" || reqs[0].header.Get("Idempotency-Key") != reqs[1].header.Get("Idempotency-Key") {
		t.Fatalf("want two requests with one key, got %d: %q %q", len(reqs), reqs[0].header.Get("Idempotency-Key"), reqs[len(reqs)-1].header.Get("Idempotency-Key"))
	}
	if string(reqs[0].body) != string(reqs[1].body) || len(reqs[1].body) == 0 {
		t.Fatalf("the retry must resend the body: %q vs %q", reqs[0].body, reqs[1].body)
	}
}

func TestA5xxIsRetriedMaxRetriesTimesWithGrowingBackOff(t *testing.T) {
	f := newFakeAPI(t)
	f.script(apiError(503, "internal_error", nil))
	s := &sleeps{}
	_, err := testClient(f, s).Jobs.Get(context.Background(), "job_abc123")
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.Status != 503 {
		t.Fatalf("got %v", err)
	}
	if len(f.recorded()) != 3 || len(s.delays) != 2 {
		t.Fatalf("requests %d, delays %v", len(f.recorded()), s.delays)
	}
	if s.delays[0] < 375*time.Millisecond || s.delays[0] > 500*time.Millisecond || s.delays[1] < 750*time.Millisecond || s.delays[1] > time.Second {
		t.Fatalf("delays %v out of the back-off ranges", s.delays)
	}
}

func TestA400IsNotRetried(t *testing.T) {
	f := newFakeAPI(t)
	f.script(apiError(400, "invalid_config", map[string]any{"param": "config.bond_beta"}))
	s := &sleeps{}
	_, err := testClient(f, s).Jobs.Create(context.Background(), createParams())
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.Param != "config.bond_beta" || len(f.recorded()) != 1 || len(s.delays) != 0 {
		t.Fatalf("got %v after %d requests", err, len(f.recorded()))
	}
}

func TestConnectionErrorsAreRetriedThenReturned(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + listener.Addr().String()
	listener.Close() // nothing listens there now
	s := &sleeps{}
	_, err = newClient(Config{BaseURL: url}, s.sleep).Jobs.Get(context.Background(), "job_abc123")
	var connErr *ConnectionError
	if !errors.As(err, &connErr) || len(s.delays) != 2 {
		t.Fatalf("got %v after delays %v", err, s.delays)
	}
}

func TestCancellingTheContextStopsTheBackOff(t *testing.T) {
	f := newFakeAPI(t)
	f.script(reply{status: 429, body: map[string]any{}, header: map[string]string{"Retry-After": "30"}})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	started := time.Now()
	_, err := New(Config{BaseURL: f.URL}).Jobs.Get(ctx, "job_abc123")
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(started) > 5*time.Second {
		t.Fatalf("got %v after %s", err, time.Since(started))
	}
}

func TestRetryAfterReadsSecondsAndDates(t *testing.T) {
	now := time.Date(2015, 10, 21, 7, 28, 0, 0, time.UTC)
	cases := map[string]time.Duration{"12": 12 * time.Second, "0.5": 500 * time.Millisecond, "Wed, 21 Oct 2015 07:28:10 GMT": 10 * time.Second}
	for value, want := range cases {
		if got, ok := retryAfter(http.Header{"Retry-After": {value}}, now); !ok || got != want {
			t.Errorf("Retry-After %q = %v %v, want %v", value, got, ok, want)
		}
	}
	if _, ok := retryAfter(http.Header{"Retry-After": {"soon"}}, now); ok {
		t.Error("an unreadable Retry-After must be ignored")
	}
	if got := retryDelay(0, http.Header{"Retry-After": {"3600"}}); got != maxRetryAfter {
		t.Errorf("Retry-After is capped at %v, got %v", maxRetryAfter, got)
	}
}
