package distillery

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Error is a 4xx or 5xx answer, from the API's {"error": {...}} envelope. Match it with errors.As
// and branch on Status (the family) or Code (the precise reason, e.g. "job_not_found").
type Error struct {
	Status    int
	Code      string
	Type      string // OpenAI's error type for the status ("invalid_request_error", "not_found_error", …), when sent
	Message   string
	Param     string // the field, parameter or header at fault, e.g. "config.bond_beta" or "line 17"
	RequestID string // the response's x-request-id: quote it when reporting a problem
	Details   map[string]any
	Header    http.Header // e.g. RateLimit-Remaining
}

func (e *Error) Error() string {
	text := fmt.Sprintf("distillery: %d %s", e.Status, e.Message)
	if e.Code != "" {
		text += " (" + e.Code + ")"
	}
	if e.RequestID != "" {
		text += " [request " + e.RequestID + "]"
	}
	return text
}

// errorFromResponse builds the Error of a 4xx/5xx from its envelope, tolerating any other body.
func errorFromResponse(status int, header http.Header, body []byte) *Error {
	var envelope struct {
		Error struct {
			Code      string         `json:"code"`
			Type      string         `json:"type"`
			Message   string         `json:"message"`
			Param     string         `json:"param"`
			RequestID string         `json:"request_id"`
			Details   map[string]any `json:"details"`
		} `json:"error"`
	}
	_ = json.Unmarshal(body, &envelope) // a body that is not the envelope leaves it empty
	e := envelope.Error
	message := e.Message
	if message == "" {
		message = strings.TrimSpace(string(body))
		if len(message) > 500 {
			message = message[:500]
		}
	}
	if message == "" {
		message = http.StatusText(status)
	}
	requestID := e.RequestID
	if requestID == "" {
		requestID = header.Get("x-request-id")
	}
	return &Error{Status: status, Code: e.Code, Type: e.Type, Message: message, Param: e.Param, RequestID: requestID, Details: e.Details, Header: header}
}

// ConnectionError means no response came back (DNS, refused connection, reset socket), even after retries.
type ConnectionError struct{ Err error }

func (e *ConnectionError) Error() string { return "distillery: connection error: " + e.Err.Error() }
func (e *ConnectionError) Unwrap() error { return e.Err }

// JobFailedError is returned by WaitForCompletion when the job ended "failed".
type JobFailedError struct {
	JobID, Phase, Code, Message string
}

func (e *JobFailedError) Error() string {
	return fmt.Sprintf("distillery: job %s failed in phase %s (%s: %s)", e.JobID, e.Phase, e.Code, e.Message)
}

// JobCancelledError is returned by WaitForCompletion when the job ended "cancelled".
type JobCancelledError struct{ JobID, Phase string }

func (e *JobCancelledError) Error() string {
	return fmt.Sprintf("distillery: job %s was cancelled in phase %s", e.JobID, e.Phase)
}

// WaitTimeoutError is returned by WaitForCompletion when WaitOptions.Timeout ran out first.
type WaitTimeoutError struct {
	JobID, Status, Phase string
	Timeout              time.Duration
}

func (e *WaitTimeoutError) Error() string {
	return fmt.Sprintf("distillery: job %s is still %s (%s) after %s", e.JobID, e.Status, e.Phase, e.Timeout)
}

// ChecksumMismatchError is returned by DownloadArtifact when the file's sha256 differs from the
// server's; nothing is left on disk then.
type ChecksumMismatchError struct{ Expected, Actual string }

func (e *ChecksumMismatchError) Error() string {
	return fmt.Sprintf("distillery: artifact checksum mismatch: expected sha256 %s, got %s", e.Expected, e.Actual)
}
