package distillery

import (
	"context"

	"github.com/distillery-dev/distillery/packages/sdk-go/generated"
)

// JobsService is client.Jobs: distillation jobs.
type JobsService struct {
	api       *generated.ClientWithResponses
	artifacts *ArtifactsService
}

// Create queues a job; it returns at once with status "pending". Retries reuse one Idempotency-Key.
func (s *JobsService) Create(ctx context.Context, params CreateJobParams) (*DistillationJob, error) {
	resp, err := s.api.CreateDistillationJobWithResponse(ctx, &generated.CreateDistillationJobParams{IdempotencyKey: idempotencyKey()}, params)
	if err != nil {
		return nil, err
	}
	return resp.JSON201, nil
}

// Estimate predicts the cost, time and FLOPs of a job without creating it.
func (s *JobsService) Estimate(ctx context.Context, params CreateJobParams) (*Estimate, error) {
	resp, err := s.api.EstimateDistillationJobWithResponse(ctx, params)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

func (s *JobsService) Get(ctx context.Context, id string) (*DistillationJob, error) {
	resp, err := s.api.GetDistillationJobWithResponse(ctx, id, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// List returns the first page of matching jobs, newest first; params.Limit is the page size.
// Page.All yields every job, fetching later pages as the loop reaches them.
//
//	page, err := client.Jobs.List(ctx, distillery.ListJobsParams{})
//	for job, err := range page.All(ctx) { … }
func (s *JobsService) List(ctx context.Context, params ListJobsParams) (*Page[DistillationJob], error) {
	return loadPage(ctx, startOffset(params.Offset), func(ctx context.Context, offset int) ([]DistillationJob, int, bool, error) {
		page := params
		page.Offset = &offset
		resp, err := s.api.ListDistillationJobsWithResponse(ctx, &page)
		if err != nil {
			return nil, 0, false, err
		}
		return resp.JSON200.Jobs, resp.JSON200.Total, resp.JSON200.HasMore, nil
	})
}

// Cancel stops the job in any phase; artifacts already written are kept.
func (s *JobsService) Cancel(ctx context.Context, id string) (*DistillationJob, error) {
	resp, err := s.api.CancelDistillationJobWithResponse(ctx, id, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

func (s *JobsService) Restart(ctx context.Context, id string) (*DistillationJob, error) {
	resp, err := s.api.RestartDistillationJobWithResponse(ctx, id, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

func (s *JobsService) Delete(ctx context.Context, id string) error {
	_, err := s.api.DeleteDistillationJobWithResponse(ctx, id, nil)
	return err
}

func (s *JobsService) Logs(ctx context.Context, id string, params *generated.GetDistillationJobLogsParams) (*JobLogs, error) {
	resp, err := s.api.GetDistillationJobLogsWithResponse(ctx, id, params)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// Metrics returns the loss curve by step.
func (s *JobsService) Metrics(ctx context.Context, id string) (*JobMetrics, error) {
	resp, err := s.api.GetDistillationJobMetricsWithResponse(ctx, id, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// Artifacts returns the job's artifacts response as the API sends it.
//
// Deprecated: use client.Artifacts.List, which returns them as a *Page[Artifact].
func (s *JobsService) Artifacts(ctx context.Context, id string) (*JobArtifacts, error) {
	return s.artifacts.fetch(ctx, id)
}

// DownloadArtifact is client.Artifacts.Download.
//
// Deprecated: use client.Artifacts.Download(ctx, jobID, format, path).
func (s *JobsService) DownloadArtifact(ctx context.Context, jobID string, format ArtifactFormat, path string) (*DownloadedArtifact, error) {
	return s.artifacts.Download(ctx, jobID, format, path)
}

// WaitForCompletion reads the job every opts.PollInterval (default 5 s) until it is terminal. It
// returns the job once "completed"; a *JobFailedError or *JobCancelledError (with the job) for the
// other ends; a *WaitTimeoutError after opts.Timeout; ctx's error as soon as ctx is cancelled.
// opts.OnProgress gets the job whenever its status, phase or progress changed.
//
//	done, err := client.Jobs.WaitForCompletion(ctx, job.Id, distillery.WaitOptions[distillery.DistillationJob]{PollInterval: time.Minute})
func (s *JobsService) WaitForCompletion(ctx context.Context, id string, opts WaitOptions[DistillationJob]) (*DistillationJob, error) {
	return waitFor(ctx, func(ctx context.Context) (*DistillationJob, error) { return s.Get(ctx, id) }, distillationState, opts)
}

func distillationState(j *DistillationJob) jobState {
	return jobState{id: j.Id, status: string(j.Status), phase: string(j.Phase), progress: j.Progress, err: j.Error}
}
