package distillery

import (
	"bytes"
	"context"
	"io"

	"github.com/distillery-dev/distillery/packages/sdk-go/generated"
)

// DatasetsService is client.Datasets: JSONL datasets.
type DatasetsService struct {
	api *generated.ClientWithResponses
}

// Upload stores JSONL rows ({"prompt", "completion"?, "label"?} or {"messages"}) as the raw
// application/x-ndjson body. A bad row is an *Error with Status 400 whose Param names its line.
func (s *DatasetsService) Upload(ctx context.Context, name string, jsonl io.Reader) (*Dataset, error) {
	// Buffered so that a retry can send the body again.
	body, err := io.ReadAll(jsonl)
	if err != nil {
		return nil, err
	}
	params := &generated.UploadDatasetParams{Name: &name, IdempotencyKey: idempotencyKey()}
	resp, err := s.api.UploadDatasetWithBodyWithResponse(ctx, params, "application/x-ndjson", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	return resp.JSON201, nil
}

// List returns the first page of datasets; params.Limit is the page size. Page.All yields every
// dataset, fetching later pages as the loop reaches them.
func (s *DatasetsService) List(ctx context.Context, params ListDatasetsParams) (*Page[Dataset], error) {
	return loadPage(ctx, startOffset(params.Offset), func(ctx context.Context, offset int) ([]Dataset, int, bool, error) {
		page := params
		page.Offset = &offset
		resp, err := s.api.ListDatasetsWithResponse(ctx, &page)
		if err != nil {
			return nil, 0, false, err
		}
		return resp.JSON200.Datasets, resp.JSON200.Total, resp.JSON200.HasMore, nil
	})
}

func (s *DatasetsService) Get(ctx context.Context, id string) (*Dataset, error) {
	resp, err := s.api.GetDatasetWithResponse(ctx, id, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

func (s *DatasetsService) Delete(ctx context.Context, id string) error {
	_, err := s.api.DeleteDatasetWithResponse(ctx, id, nil)
	return err
}
