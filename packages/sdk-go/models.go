package distillery

import (
	"context"

	"github.com/distillery-dev/distillery/packages/sdk-go/generated"
)

// ModelsService is client.Models: presets, teacher endpoints, fine-tuned and distilled models.
type ModelsService struct {
	api *generated.ClientWithResponses
}

// List returns every model as one page (the API does not paginate it).
func (s *ModelsService) List(ctx context.Context) (*Page[Model], error) {
	resp, err := s.api.ListModelsWithResponse(ctx, nil)
	if err != nil {
		return nil, err
	}
	return onePage(resp.JSON200.Data), nil
}

// Get takes the id as listed, provider prefix included ("local/ft-spam-teacher").
func (s *ModelsService) Get(ctx context.Context, id string) (*Model, error) {
	resp, err := s.api.GetModelWithResponse(ctx, id, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}
