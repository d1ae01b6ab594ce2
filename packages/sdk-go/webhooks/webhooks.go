// Package webhooks verifies Distillery webhook deliveries per the Standard Webhooks spec.
//
// The server signs "{webhook-id}.{webhook-timestamp}.{body}" with HMAC-SHA256 and sends
// "webhook-signature: v1,<base64> [v1,<base64> …]". The secret is "whsec_<base64 key>", or any other
// string used as the key's raw bytes, exactly as the server reads DISTILLERY_WEBHOOK_SECRET.
package webhooks

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/distillery-dev/distillery/packages/sdk-go/generated"
)

// DefaultTolerance is the largest accepted distance between the signature's timestamp and now.
const DefaultTolerance = 5 * time.Minute

// ErrVerification is wrapped by every error Verify returns.
var ErrVerification = errors.New("webhook verification failed")

// Options tunes Verify; the zero value uses DefaultTolerance and the current time.
type Options struct {
	Tolerance time.Duration
	Now       time.Time
}

// Verify checks a delivery and returns its parsed event. payload must be the raw request body,
// byte for byte. It fails, wrapping ErrVerification, when a header is missing, the timestamp is
// outside the tolerance (replay protection) or no v1 signature matches.
func Verify(payload []byte, header http.Header, secret string, opts ...Options) (*generated.WebhookEvent, error) {
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	if o.Tolerance == 0 {
		o.Tolerance = DefaultTolerance
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	id, timestamp, signatures := header.Get("webhook-id"), header.Get("webhook-timestamp"), header.Get("webhook-signature")
	if id == "" || timestamp == "" || signatures == "" {
		return nil, fmt.Errorf("%w: missing webhook-id, webhook-timestamp or webhook-signature header", ErrVerification)
	}
	sent, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("%w: webhook-timestamp is not Unix seconds", ErrVerification)
	}
	if math.Abs(float64(o.Now.Unix()-sent)) > o.Tolerance.Seconds() {
		return nil, fmt.Errorf("%w: timestamp outside the tolerance: a replay or a skewed clock", ErrVerification)
	}
	key, err := keyOf(secret)
	if err != nil {
		return nil, err
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + timestamp + "."))
	mac.Write(payload)
	expected := mac.Sum(nil)
	for _, candidate := range strings.Fields(signatures) {
		version, encoded, _ := strings.Cut(candidate, ",")
		signature, err := base64.StdEncoding.DecodeString(encoded)
		if err == nil && version == "v1" && hmac.Equal(signature, expected) {
			var event generated.WebhookEvent
			if err := json.Unmarshal(payload, &event); err != nil {
				return nil, fmt.Errorf("%w: body is not a webhook event: %v", ErrVerification, err)
			}
			return &event, nil
		}
	}
	return nil, fmt.Errorf("%w: no signature matches", ErrVerification)
}

func keyOf(secret string) ([]byte, error) {
	encoded, ok := strings.CutPrefix(secret, "whsec_")
	if !ok {
		return []byte(secret), nil
	}
	key, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		return nil, fmt.Errorf("%w: the secret is not whsec_<base64>", ErrVerification)
	}
	return key, nil
}
