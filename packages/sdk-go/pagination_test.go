package distillery

import (
	"context"
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

func TestListWalksEveryPage(t *testing.T) {
	f := newFakeAPI(t)
	f.handler = fivePages
	status := JobStatus("completed")
	var ids []string
	for j, err := range testClient(f, &sleeps{}).Jobs.List(context.Background(), ListJobsParams{Status: &status, Limit: Ptr(2)}) {
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

func TestBreakingOutOfListFetchesNoMorePages(t *testing.T) {
	f := newFakeAPI(t)
	f.handler = fivePages
	for range testClient(f, &sleeps{}).Jobs.List(context.Background(), ListJobsParams{Limit: Ptr(2)}) {
		break
	}
	if n := len(f.recorded()); n != 1 {
		t.Fatalf("%d requests, want 1", n)
	}
}

func TestListYieldsTheErrorLast(t *testing.T) {
	f := newFakeAPI(t)
	f.script(apiError(403, "forbidden", nil))
	var errs []error
	for _, err := range testClient(f, &sleeps{}).Jobs.List(context.Background(), ListJobsParams{}) {
		errs = append(errs, err)
	}
	if len(errs) != 1 || errs[0] == nil {
		t.Fatalf("errs = %v", errs)
	}
}

func TestAnEmptyPageEndsTheWalk(t *testing.T) {
	f := newFakeAPI(t)
	f.script(reply{status: 200, body: map[string]any{"jobs": []any{}, "total": 9, "has_more": true}})
	for j, err := range testClient(f, &sleeps{}).Jobs.List(context.Background(), ListJobsParams{}) {
		t.Fatalf("unexpected %v %v", j, err)
	}
	if n := len(f.recorded()); n != 1 {
		t.Fatalf("%d requests, want 1", n)
	}
}
