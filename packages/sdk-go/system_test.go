package distillery

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/distillery-dev/distillery/packages/sdk-go/webhooks"
)

func TestSystemServicesReadTheirRoutes(t *testing.T) {
	f := newFakeAPI(t)
	f.handler = func(r *http.Request) reply {
		switch r.URL.Path {
		case "/v1/hardware":
			return reply{status: 200, body: map[string]any{"backends": []any{}, "default_backend": "cpu", "cpu": map[string]any{}}}
		case "/v1/config":
			return reply{status: 200, body: map[string]any{"auth_mode": "loopback"}}
		case "/v1/health":
			return reply{status: 200, body: map[string]any{"status": "ok"}}
		default:
			return reply{status: 200, body: map[string]any{"datasets": 6}}
		}
	}
	ctx := context.Background()
	client := testClient(f, &sleeps{})
	hw := must(client.Hardware.Get(ctx))
	config := must(client.Config.Get(ctx))
	health := must(client.Health.Get(ctx))
	stats := must(client.Stats.Get(ctx, nil))
	if hw.DefaultBackend != "cpu" || config.AuthMode != "loopback" || health.Status != "ok" || stats.Datasets != 6 {
		t.Fatalf("bodies %+v %+v %+v %+v", hw, config, health, stats)
	}
	var paths []string
	for _, r := range f.recorded() {
		paths = append(paths, r.path)
	}
	if want := []string{"/v1/hardware", "/v1/config", "/v1/health", "/v1/stats"}; len(paths) != 4 || paths[0] != want[0] || paths[1] != want[1] || paths[2] != want[2] || paths[3] != want[3] {
		t.Fatalf("paths %v", paths)
	}
}

func TestClientWebhooksVerifyIsWebhooksVerify(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	secret := "whsec_" + base64.StdEncoding.EncodeToString(key)
	body := []byte(`{"type":"job.completed","timestamp":"2026-04-19T12:41:09Z","data":{"job_id":"job_abc123","job_type":"distillation","status":"completed","phase":"done"}}`)
	now := time.Unix(1_776_600_000, 0)
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("msg_1." + strconv.FormatInt(now.Unix(), 10) + "."))
	mac.Write(body)
	header := http.Header{}
	header.Set("webhook-id", "msg_1")
	header.Set("webhook-timestamp", strconv.FormatInt(now.Unix(), 10))
	header.Set("webhook-signature", "v1,"+base64.StdEncoding.EncodeToString(mac.Sum(nil)))

	client := New(Config{BaseURL: "http://127.0.0.1:9"})
	event, err := client.Webhooks.Verify(body, header, secret, webhooks.Options{Now: now})
	if err != nil || event.Data.JobId != "job_abc123" {
		t.Fatalf("got %+v, %v", event, err)
	}
	if _, err := client.Webhooks.Verify(append(body, ' '), header, secret, webhooks.Options{Now: now}); err == nil {
		t.Fatal("a tampered body verified")
	}
}
