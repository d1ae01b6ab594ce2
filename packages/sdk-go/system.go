package distillery

import (
	"context"
	"net/http"

	"github.com/distillery-dev/distillery/packages/sdk-go/generated"
	"github.com/distillery-dev/distillery/packages/sdk-go/webhooks"
)

// HardwareService is client.Hardware: the compute backends the server detected.
type HardwareService struct {
	api *generated.ClientWithResponses
}

func (s *HardwareService) Get(ctx context.Context) (*Hardware, error) {
	resp, err := s.api.GetHardwareWithResponse(ctx)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// StatsService is client.Stats: job, dataset, model and cost totals for a tenant, and the serving figures.
type StatsService struct {
	api *generated.ClientWithResponses
}

// Get returns the totals of the key's tenant, or of params.TenantId (admin keys only); params may be nil.
func (s *StatsService) Get(ctx context.Context, params *generated.GetStatsParams) (*Stats, error) {
	resp, err := s.api.GetStatsWithResponse(ctx, params)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// Decode returns the live serving figures: tokens per second over the last minute, time to first
// token and inter-token latency percentiles, queue depth and batch sizes, and the tenant's loaded
// models.
func (s *StatsService) Decode(ctx context.Context) (*DecodeStats, error) {
	resp, err := s.api.GetDecodeStatsWithResponse(ctx, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// RecentRequests returns the tenant's latest inference requests, newest first (params.Limit
// default 50, at most 256; params may be nil).
func (s *StatsService) RecentRequests(ctx context.Context, params *ListRecentRequestsParams) (*RecentRequestList, error) {
	resp, err := s.api.ListRecentRequestsWithResponse(ctx, params)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// ConfigService is client.Config: what the server accepts and runs with, secrets excluded.
type ConfigService struct {
	api *generated.ClientWithResponses
}

func (s *ConfigService) Get(ctx context.Context) (*ServerConfig, error) {
	resp, err := s.api.GetServerConfigWithResponse(ctx)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// HealthService is client.Health: liveness and readiness (/v1/health).
type HealthService struct {
	api *generated.ClientWithResponses
}

// Get returns the server's health; an unhealthy server answers 503, an *Error.
func (s *HealthService) Get(ctx context.Context) (*Health, error) {
	resp, err := s.api.GetV1HealthWithResponse(ctx)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// WebhooksService is client.Webhooks: webhooks.Verify, reachable from the client as in the other SDKs.
type WebhooksService struct{}

// Verify checks a delivery's Standard Webhooks signature and timestamp and returns its event; see webhooks.Verify.
func (WebhooksService) Verify(payload []byte, header http.Header, secret string, opts ...webhooks.Options) (*WebhookEvent, error) {
	return webhooks.Verify(payload, header, secret, opts...)
}
