package distillery

import (
	"context"

	"github.com/distillery-dev/distillery/packages/sdk-go/generated"
)

// FineTuningService is client.FineTuning: fine-tuning jobs, the base-model catalogue and statistics.
type FineTuningService struct {
	Jobs       *FineTuningJobsService
	BaseModels *BaseModelsService
	api        *generated.ClientWithResponses
}

// FineTuningJobsService is client.FineTuning.Jobs: fine-tuning jobs.
type FineTuningJobsService struct {
	api *generated.ClientWithResponses
}

// BaseModelsService is client.FineTuning.BaseModels: the models this server can fine-tune.
type BaseModelsService struct {
	api *generated.ClientWithResponses
}

// Create queues a fine-tuning job; once completed its model is ResultModel in client.Models.
func (s *FineTuningJobsService) Create(ctx context.Context, params CreateFineTuningJobParams) (*FineTuningJob, error) {
	resp, err := s.api.CreateFineTuningJobWithResponse(ctx, &generated.CreateFineTuningJobParams{IdempotencyKey: idempotencyKey()}, params)
	if err != nil {
		return nil, err
	}
	return resp.JSON201, nil
}

func (s *FineTuningJobsService) Get(ctx context.Context, id string) (*FineTuningJob, error) {
	resp, err := s.api.GetFineTuningJobWithResponse(ctx, id, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// List returns the first page of matching fine-tuning jobs; params.Limit is the page size.
// Page.All yields every job, fetching later pages as the loop reaches them.
func (s *FineTuningJobsService) List(ctx context.Context, params ListFineTuningJobsParams) (*Page[FineTuningJob], error) {
	return loadPage(ctx, startOffset(params.Offset), func(ctx context.Context, offset int) ([]FineTuningJob, int, bool, error) {
		page := params
		page.Offset = &offset
		resp, err := s.api.ListFineTuningJobsWithResponse(ctx, &page)
		if err != nil {
			return nil, 0, false, err
		}
		return resp.JSON200.Jobs, resp.JSON200.Total, resp.JSON200.HasMore, nil
	})
}

// Cancel stops the job in any phase (the API's "stop"); its status becomes "cancelled".
func (s *FineTuningJobsService) Cancel(ctx context.Context, id string) (*FineTuningJob, error) {
	resp, err := s.api.StopFineTuningJobWithResponse(ctx, id, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

func (s *FineTuningJobsService) Restart(ctx context.Context, id string) (*FineTuningJob, error) {
	resp, err := s.api.RestartFineTuningJobWithResponse(ctx, id, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

func (s *FineTuningJobsService) Delete(ctx context.Context, id string) error {
	_, err := s.api.DeleteFineTuningJobWithResponse(ctx, id, nil)
	return err
}

func (s *FineTuningJobsService) Logs(ctx context.Context, id string, params *generated.GetFineTuningJobLogsParams) (*JobLogs, error) {
	resp, err := s.api.GetFineTuningJobLogsWithResponse(ctx, id, params)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

func (s *FineTuningJobsService) Metrics(ctx context.Context, id string) (*JobMetrics, error) {
	resp, err := s.api.GetFineTuningJobMetricsWithResponse(ctx, id, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// List returns the models that can be fine-tuned on this server, as one page.
func (s *BaseModelsService) List(ctx context.Context) (*Page[BaseModel], error) {
	resp, err := s.api.ListFineTuningBaseModelsWithResponse(ctx)
	if err != nil {
		return nil, err
	}
	return onePage(resp.JSON200.Models), nil
}

func (s *FineTuningService) Stats(ctx context.Context) (*FineTuningStats, error) {
	resp, err := s.api.GetFineTuningStatsWithResponse(ctx, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// Estimate predicts the cost, time and FLOPs of a fine-tuning job without creating it (POST …/estimate-cost).
func (s *FineTuningJobsService) Estimate(ctx context.Context, params CreateFineTuningJobParams) (*Estimate, error) {
	resp, err := s.api.EstimateFineTuningCostWithResponse(ctx, params)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// WaitForCompletion is JobsService.WaitForCompletion for fine-tuning jobs: it reads the job every
// opts.PollInterval (default 5 s) and gives up after opts.Timeout.
func (s *FineTuningJobsService) WaitForCompletion(ctx context.Context, id string, opts WaitOptions[FineTuningJob]) (*FineTuningJob, error) {
	return waitFor(ctx, func(ctx context.Context) (*FineTuningJob, error) { return s.Get(ctx, id) }, fineTuningState, opts)
}

func fineTuningState(j *FineTuningJob) jobState {
	return jobState{id: j.Id, status: string(j.Status), phase: string(j.Phase), progress: j.Progress, err: j.Error}
}
