package distillery

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestErrorEnvelopeBecomesATypedError(t *testing.T) {
	f := newFakeAPI(t)
	f.script(apiError(404, "job_not_found", map[string]any{"param": "job_id", "details": map[string]any{"k": "v"}}))
	_, err := testClient(f, &sleeps{}).Jobs.Get(context.Background(), "job_nope1")
	var apiErr *Error
	if !errors.As(err, &apiErr) {
		t.Fatalf("want *Error, got %T %v", err, err)
	}
	if apiErr.Status != 404 || apiErr.Code != "job_not_found" || apiErr.Param != "job_id" || apiErr.RequestID != "req_test" || apiErr.Details["k"] != "v" {
		t.Fatalf("unexpected fields: %+v", apiErr)
	}
	if !strings.Contains(err.Error(), "job_not_found happened") {
		t.Fatalf("message lost: %v", err)
	}
}

func TestABodyThatIsNotTheEnvelopeStillGivesStatusAndRequestID(t *testing.T) {
	f := newFakeAPI(t)
	f.script(reply{status: 502, body: []byte("<html>bad gateway</html>"), header: map[string]string{"x-request-id": "req_proxy"}})
	client := newClient(Config{BaseURL: f.URL, MaxRetries: -1}, (&sleeps{}).sleep)
	_, err := client.Models.List(context.Background())
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.Status != 502 || apiErr.Code != "" || apiErr.RequestID != "req_proxy" || !strings.Contains(apiErr.Message, "bad gateway") {
		t.Fatalf("got %#v", err)
	}
	if len(f.recorded()) != 1 {
		t.Fatalf("MaxRetries -1 must not retry, got %d requests", len(f.recorded()))
	}
}

func TestAPIKeyAndBaseURLFallBackToTheEnvironment(t *testing.T) {
	f := newFakeAPI(t)
	f.script(reply{status: 200, body: map[string]any{"object": "list", "data": []any{}}})
	t.Setenv("DISTILLERY_BASE_URL", f.URL)
	t.Setenv("DISTILLERY_API_KEY", "dk_test_env")
	if _, err := New(Config{}).Models.List(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := f.recorded()[0].header.Get("Authorization"); got != "Bearer dk_test_env" {
		t.Fatalf("Authorization = %q", got)
	}
}
