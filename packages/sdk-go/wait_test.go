package distillery

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestWaitReturnsTheCompletedJobAndReportsEachChange(t *testing.T) {
	f := newFakeAPI(t)
	f.script(
		reply{status: 200, body: job("pending", "initializing", nil)},
		reply{status: 200, body: job("running", "training", map[string]any{"progress": map[string]any{"training_step": 1}})},
		reply{status: 200, body: job("running", "training", map[string]any{"progress": map[string]any{"training_step": 1}})},
		reply{status: 200, body: job("completed", "done", map[string]any{"results": map[string]any{"student_accuracy": 0.9}})},
	)
	var seen []string
	done, err := testClient(f, &sleeps{}).Jobs.WaitForCompletion(context.Background(), "job_abc123", WaitOptions[DistillationJob]{
		PollInterval: time.Millisecond,
		OnProgress:   func(j *DistillationJob) { seen = append(seen, string(j.Status)) },
	})
	if err != nil || done.Status != "completed" || *done.Results.StudentAccuracy != 0.9 {
		t.Fatalf("got %+v, %v", done, err)
	}
	if len(f.recorded()) != 4 || len(seen) != 3 || seen[0] != "pending" || seen[2] != "completed" {
		t.Fatalf("%d polls, progress %v", len(f.recorded()), seen)
	}
}

func TestWaitReturnsJobFailedError(t *testing.T) {
	f := newFakeAPI(t)
	f.script(reply{status: 200, body: job("failed", "training", map[string]any{"error": map[string]any{"code": "training_error", "message": "NaN loss"}})})
	job, err := testClient(f, &sleeps{}).Jobs.WaitForCompletion(context.Background(), "job_abc123", WaitOptions[DistillationJob]{PollInterval: time.Millisecond})
	var failed *JobFailedError
	if !errors.As(err, &failed) || failed.Code != "training_error" || failed.Message != "NaN loss" || job == nil {
		t.Fatalf("got %v", err)
	}
}

func TestWaitReturnsJobCancelledError(t *testing.T) {
	f := newFakeAPI(t)
	f.script(reply{status: 200, body: job("cancelled", "curation", nil)})
	_, err := testClient(f, &sleeps{}).Jobs.WaitForCompletion(context.Background(), "job_abc123", WaitOptions[DistillationJob]{})
	var cancelled *JobCancelledError
	if !errors.As(err, &cancelled) || cancelled.Phase != "curation" {
		t.Fatalf("got %v", err)
	}
}

func TestWaitTimesOutWithTheLastStateSeen(t *testing.T) {
	f := newFakeAPI(t)
	f.script(reply{status: 200, body: job("running", "training", nil)})
	started := time.Now()
	_, err := testClient(f, &sleeps{}).Jobs.WaitForCompletion(context.Background(), "job_abc123", WaitOptions[DistillationJob]{
		PollInterval: 20 * time.Millisecond, Timeout: 150 * time.Millisecond,
	})
	var timeout *WaitTimeoutError
	if !errors.As(err, &timeout) || timeout.Status != "running" || timeout.Phase != "training" {
		t.Fatalf("got %v", err)
	}
	if elapsed := time.Since(started); elapsed < 150*time.Millisecond || elapsed > 2*time.Second {
		t.Fatalf("timed out after %s", elapsed)
	}
}

func TestWaitStopsWhenTheContextIsCancelled(t *testing.T) {
	f := newFakeAPI(t)
	f.script(reply{status: 200, body: job("running", "training", nil)})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err := testClient(f, &sleeps{}).Jobs.WaitForCompletion(ctx, "job_abc123", WaitOptions[DistillationJob]{PollInterval: time.Hour, Timeout: time.Hour})
	var timeout *WaitTimeoutError
	if !errors.Is(err, context.Canceled) || errors.As(err, &timeout) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}
