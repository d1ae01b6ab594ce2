package webhooks

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"
)

var (
	key    = []byte("0123456789abcdef0123456789abcdef")
	secret = "whsec_" + base64.StdEncoding.EncodeToString(key)
	body   = []byte(`{"type":"job.completed","timestamp":"2026-04-19T12:41:09Z","data":{"job_id":"job_abc123","job_type":"distillation","status":"completed","phase":"done"}}`)
	now    = time.Unix(1_776_600_000, 0)
)

func signed(payload, key []byte, at time.Time) http.Header {
	timestamp := strconv.FormatInt(at.Unix(), 10)
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("msg_1." + timestamp + "."))
	mac.Write(payload)
	h := http.Header{}
	h.Set("webhook-id", "msg_1")
	h.Set("webhook-timestamp", timestamp)
	h.Set("webhook-signature", "v1,"+base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	return h
}

func TestAValidDeliveryReturnsTheEvent(t *testing.T) {
	event, err := Verify(body, signed(body, key, now), secret, Options{Now: now})
	if err != nil || event.Type != "job.completed" || event.Data.JobId != "job_abc123" {
		t.Fatalf("got %+v, %v", event, err)
	}
}

func TestAnyOfSeveralSignaturesMayMatch(t *testing.T) {
	h := signed(body, key, now)
	h.Set("webhook-signature", "v1,AAAA "+h.Get("webhook-signature"))
	if _, err := Verify(body, h, secret, Options{Now: now}); err != nil {
		t.Fatal(err)
	}
}

func TestARawTextSecretIsTheKeyItself(t *testing.T) {
	if _, err := Verify(body, signed(body, []byte("plain secret"), now), "plain secret", Options{Now: now}); err != nil {
		t.Fatal(err)
	}
}

func TestTamperingReplaysAndMissingHeadersAreRefused(t *testing.T) {
	noID := signed(body, key, now)
	noID.Del("webhook-id")
	cases := map[string]struct {
		payload []byte
		header  http.Header
	}{
		"tampered body": {append(append([]byte{}, body...), ' '), signed(body, key, now)},
		"wrong key":     {body, signed(body, []byte("another key"), now)},
		"replayed":      {body, signed(body, key, now.Add(-301*time.Second))},
		"missing id":    {body, noID},
	}
	for name, c := range cases {
		if _, err := Verify(c.payload, c.header, secret, Options{Now: now}); !errors.Is(err, ErrVerification) {
			t.Errorf("%s: got %v, want ErrVerification", name, err)
		}
	}
}
