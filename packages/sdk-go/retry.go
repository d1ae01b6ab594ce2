package distillery

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const (
	initialDelay  = 500 * time.Millisecond
	maxBackoff    = 8 * time.Second
	maxRetryAfter = 60 * time.Second // a server asking for longer is treated as asking for this much
)

func isRetryableStatus(status int) bool {
	return status == http.StatusRequestTimeout || status == http.StatusTooManyRequests || status >= 500
}

// retryAfter reads Retry-After as seconds or an HTTP date; ok is false when it is absent or unreadable.
func retryAfter(header http.Header, now time.Time) (time.Duration, bool) {
	value := strings.TrimSpace(header.Get("Retry-After"))
	if value == "" {
		return 0, false
	}
	if seconds, err := strconv.ParseFloat(value, 64); err == nil {
		return time.Duration(seconds * float64(time.Second)), seconds >= 0
	}
	if date, err := http.ParseTime(value); err == nil {
		return max(0, date.Sub(now)), true
	}
	return 0, false
}

// retryDelay is the pause before retry number retry (0 first): the server's Retry-After when it sent
// one, else exponential back-off with jitter so that many clients failing together spread out.
func retryDelay(retry int, header http.Header) time.Duration {
	if header != nil {
		if asked, ok := retryAfter(header, time.Now()); ok {
			return min(asked, maxRetryAfter)
		}
	}
	backoff := min(initialDelay<<retry, maxBackoff)
	return time.Duration(float64(backoff) * (1 - 0.25*rand.Float64()))
}

func sleepContext(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// doer is the generated client's HttpRequestDoer: it adds the default headers, retries connection
// errors, 408, 429 and 5xx, and turns every final 4xx/5xx into an *Error, so that the methods built
// on the generated client only ever see 2xx responses. Creates are safe to retry because they carry
// an Idempotency-Key.
type doer struct {
	client     *http.Client
	header     http.Header
	maxRetries int
	sleep      func(context.Context, time.Duration) error
}

func (d *doer) Do(req *http.Request) (*http.Response, error) {
	for name, values := range d.header {
		req.Header[name] = values
	}
	ctx := req.Context()
	for retry := 0; ; retry++ {
		attempt := req
		if retry > 0 && req.Body != nil {
			if req.GetBody == nil {
				return nil, errors.New("distillery: cannot retry a request whose body cannot be replayed")
			}
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			attempt = req.Clone(ctx)
			attempt.Body = body
		}
		resp, err := d.client.Do(attempt)
		var delay time.Duration
		switch {
		case err != nil && ctx.Err() != nil:
			return nil, ctx.Err()
		case err != nil && retry >= d.maxRetries:
			return nil, &ConnectionError{Err: err}
		case err != nil:
			delay = retryDelay(retry, nil)
		case retry < d.maxRetries && isRetryableStatus(resp.StatusCode):
			delay = retryDelay(retry, resp.Header)
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
		case resp.StatusCode >= 400:
			body, _ := io.ReadAll(resp.Body)
			_ = resp.Body.Close()
			return nil, errorFromResponse(resp.StatusCode, resp.Header, body)
		default:
			return resp, nil
		}
		if err := d.sleep(ctx, delay); err != nil {
			return nil, err
		}
	}
}
