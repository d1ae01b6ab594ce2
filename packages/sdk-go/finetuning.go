package distillery

import (
	"context"
	"iter"

	"github.com/distillery-dev/distillery/packages/sdk-go/generated"
)

// FineTuningService is client.FineTuning: fine-tuning jobs, the base-model catalogue and statistics.
type FineTuningService struct {
	api *generated.ClientWithResponses
}

// Create queues a fine-tuning job; once completed its model is ResultModel in client.Models.
func (s *FineTuningService) Create(ctx context.Context, params CreateFineTuningJobParams) (*FineTuningJob, error) {
	resp, err := s.api.CreateFineTuningJobWithResponse(ctx, &generated.CreateFineTuningJobParams{IdempotencyKey: idempotencyKey()}, params)
	if err != nil {
		return nil, err
	}
	return resp.JSON201, nil
}

func (s *FineTuningService) Get(ctx context.Context, id string) (*FineTuningJob, error) {
	resp, err := s.api.GetFineTuningJobWithResponse(ctx, id, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// List yields every matching fine-tuning job; params.Limit is the page size.
func (s *FineTuningService) List(ctx context.Context, params ListFineTuningJobsParams) iter.Seq2[FineTuningJob, error] {
	return paginate(ctx, startOffset(params.Offset), func(ctx context.Context, offset int) ([]FineTuningJob, bool, error) {
		page := params
		page.Offset = &offset
		resp, err := s.api.ListFineTuningJobsWithResponse(ctx, &page)
		if err != nil {
			return nil, false, err
		}
		return resp.JSON200.Jobs, resp.JSON200.HasMore, nil
	})
}

// Cancel stops the job in any phase (the API's "stop"); its status becomes "cancelled".
func (s *FineTuningService) Cancel(ctx context.Context, id string) (*FineTuningJob, error) {
	resp, err := s.api.StopFineTuningJobWithResponse(ctx, id, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

func (s *FineTuningService) Restart(ctx context.Context, id string) (*FineTuningJob, error) {
	resp, err := s.api.RestartFineTuningJobWithResponse(ctx, id, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

func (s *FineTuningService) Delete(ctx context.Context, id string) error {
	_, err := s.api.DeleteFineTuningJobWithResponse(ctx, id, nil)
	return err
}

func (s *FineTuningService) Logs(ctx context.Context, id string, params *generated.GetFineTuningJobLogsParams) (*JobLogs, error) {
	resp, err := s.api.GetFineTuningJobLogsWithResponse(ctx, id, params)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

func (s *FineTuningService) Metrics(ctx context.Context, id string) (*JobMetrics, error) {
	resp, err := s.api.GetFineTuningJobMetricsWithResponse(ctx, id, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// BaseModels lists the models that can be fine-tuned on this server.
func (s *FineTuningService) BaseModels(ctx context.Context) (*BaseModelList, error) {
	resp, err := s.api.ListFineTuningBaseModelsWithResponse(ctx)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

func (s *FineTuningService) Stats(ctx context.Context) (*FineTuningStats, error) {
	resp, err := s.api.GetFineTuningStatsWithResponse(ctx, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

func (s *FineTuningService) EstimateCost(ctx context.Context, params CreateFineTuningJobParams) (*Estimate, error) {
	resp, err := s.api.EstimateFineTuningCostWithResponse(ctx, params)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// WaitForCompletion is JobsService.WaitForCompletion for fine-tuning jobs.
func (s *FineTuningService) WaitForCompletion(ctx context.Context, id string, opts WaitOptions[FineTuningJob]) (*FineTuningJob, error) {
	return waitFor(ctx, func(ctx context.Context) (*FineTuningJob, error) { return s.Get(ctx, id) }, fineTuningState, opts)
}

func fineTuningState(j *FineTuningJob) jobState {
	return jobState{id: j.Id, status: string(j.Status), phase: string(j.Phase), progress: j.Progress, err: j.Error}
}
