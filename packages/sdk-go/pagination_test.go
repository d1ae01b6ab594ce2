package distillery

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"testing"
)

// fivePages serves five jobs two per page, honouring offset.
func fivePages(r *http.Request) reply {
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	var jobs []any
	for i := offset; i < min(offset+2, 5); i++ {
		j := job("completed", "done", map[string]any{"id": fmt.Sprintf("job_%d", i)})
		jobs = append(jobs, j)
	}
	return reply{status: 200, body: map[string]any{"jobs": jobs, "total": 5, "has_more": offset+2 < 5}}
}

func TestListReturnsThePageAndAllWalksEveryPage(t *testing.T) {
	f := newFakeAPI(t)
	f.handler = fivePages
	ctx := context.Background()
	status := JobStatus("completed")
	page, err := testClient(f, &sleeps{}).Jobs.List(ctx, ListJobsParams{Status: &status, Limit: Ptr(2)})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 2 || page.Total != 5 || !page.HasMore || page.Offset != 0 || !page.HasNextPage() {
		t.Fatalf("first page %+v", page)
	}
	var ids []string
	for j, err := range page.All(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, j.Id)
	}
	if fmt.Sprint(ids) != "[job_0 job_1 job_2 job_3 job_4]" {
		t.Fatalf("ids = %v", ids)
	}
	for i, r := range f.recorded() {
		if r.query["offset"][0] != strconv.Itoa(2*i) || r.query["status"][0] != "completed" || r.query["limit"][0] != "2" {
			t.Fatalf("request %d query = %v", i, r.query)
		}
	}
}

func TestNextPageFetchesTheFollowingPage(t *testing.T) {
	f := newFakeAPI(t)
	f.handler = fivePages
	ctx := context.Background()
	page := must(testClient(f, &sleeps{}).Jobs.List(ctx, ListJobsParams{Limit: Ptr(2)}))
	next := must(page.NextPage(ctx))
	last := must(next.NextPage(ctx))
	if next.Offset != 2 || next.Items[0].Id != "job_2" || last.Offset != 4 || len(last.Items) != 1 || last.HasNextPage() {
		t.Fatalf("pages %+v %+v", next, last)
	}
	if _, err := last.NextPage(ctx); !errors.Is(err, ErrNoNextPage) {
		t.Fatalf("after the last page: %v", err)
	}
}

func TestBreakingOutOfAllFetchesNoMorePages(t *testing.T) {
	f := newFakeAPI(t)
	f.handler = fivePages
	ctx := context.Background()
	for range must(testClient(f, &sleeps{}).Jobs.List(ctx, ListJobsParams{Limit: Ptr(2)})).All(ctx) {
		break
	}
	if n := len(f.recorded()); n != 1 {
		t.Fatalf("%d requests, want 1", n)
	}
}

func TestListReturnsTheErrorOfTheFirstPageAndAllYieldsALaterOneLast(t *testing.T) {
	f := newFakeAPI(t)
	f.script(apiError(403, "forbidden", nil))
	ctx := context.Background()
	if page, err := testClient(f, &sleeps{}).Jobs.List(ctx, ListJobsParams{}); page != nil || err == nil {
		t.Fatalf("got %v, %v", page, err)
	}

	g := newFakeAPI(t)
	first := reply{status: 200, body: map[string]any{"jobs": []any{job("completed", "done", nil), job("completed", "done", nil)}, "total": 5, "has_more": true}}
	g.script(first, apiError(403, "forbidden", nil))
	var errs []error
	for _, err := range must(testClient(g, &sleeps{}).Jobs.List(ctx, ListJobsParams{})).All(ctx) {
		errs = append(errs, err)
	}
	if len(errs) != 3 || errs[0] != nil || errs[1] != nil || errs[2] == nil {
		t.Fatalf("errs = %v", errs)
	}
}

func TestAnEmptyPageEndsTheWalk(t *testing.T) {
	f := newFakeAPI(t)
	f.script(reply{status: 200, body: map[string]any{"jobs": []any{}, "total": 9, "has_more": true}})
	ctx := context.Background()
	page := must(testClient(f, &sleeps{}).Jobs.List(ctx, ListJobsParams{}))
	for j, err := range page.All(ctx) {
		t.Fatalf("unexpected %v %v", j, err)
	}
	if n := len(f.recorded()); n != 1 || page.HasNextPage() {
		t.Fatalf("%d requests, want 1", n)
	}
}

// Every List returns a *Page: the unpaginated lists are one page with HasMore false.
func TestEveryListReturnsOnePageType(t *testing.T) {
	f := newFakeAPI(t)
	f.handler = func(r *http.Request) reply {
		switch r.URL.Path {
		case "/v1/models":
			return reply{status: 200, body: map[string]any{"object": "list", "data": []any{
				map[string]any{"id": "distillery-micro", "object": "model", "created": 1, "owned_by": "distillery", "kind": "preset"},
			}}}
		case "/v1/fine-tuning/base-models":
			return reply{status: 200, body: map[string]any{"models": []any{
				map[string]any{"id": "distillery-nano", "parameters": 1, "context_length": 256},
				map[string]any{"id": "distillery-small", "parameters": 2, "context_length": 512},
			}}}
		case "/v1/distillation/job_abc123/artifacts":
			return reply{status: 200, body: map[string]any{"adapter_path": nil, "gguf_paths": map[string]any{}, "tokenizer_path": nil, "config_path": nil,
				"artifacts": []any{map[string]any{"format": "config", "path": "/d/c.json", "size_bytes": 2, "checksum_sha256": sha([]byte("{}")), "download_url": "http://x/y"}}}}
		case "/v1/datasets":
			return reply{status: 200, body: map[string]any{"datasets": []any{}, "total": 0, "has_more": false}}
		default:
			return reply{status: 200, body: map[string]any{"jobs": []any{}, "total": 0, "has_more": false, "limit": 20, "offset": 0}}
		}
	}
	ctx := context.Background()
	client := testClient(f, &sleeps{})
	models := must(client.Models.List(ctx))
	base := must(client.FineTuning.BaseModels.List(ctx))
	artifacts := must(client.Artifacts.List(ctx, "job_abc123"))
	datasets := must(client.Datasets.List(ctx, ListDatasetsParams{}))
	tuning := must(client.FineTuning.Jobs.List(ctx, ListFineTuningJobsParams{}))
	if models.Total != 1 || models.HasMore || base.Total != 2 || base.Items[1].Id != "distillery-small" ||
		artifacts.Total != 1 || artifacts.Items[0].Format != "config" || datasets.Total != 0 || tuning.HasNextPage() {
		t.Fatalf("pages %+v %+v %+v %+v %+v", models, base, artifacts, datasets, tuning)
	}
}
