package distillery

import (
	"context"
	"errors"
	"iter"
)

// ErrNoNextPage is what Page.NextPage returns when HasNextPage is false.
var ErrNoNextPage = errors.New("distillery: no next page (check HasNextPage first)")

// Page is one page of a list: what every List returns (jobs, fine-tuning jobs, datasets, models,
// base models, artifacts). An unpaginated list is one page with HasMore false.
//
//	page, err := client.Jobs.List(ctx, distillery.ListJobsParams{})
//	if err != nil { … }
//	for job, err := range page.All(ctx) { … } // this page's jobs, then every later page's
type Page[T any] struct {
	// Items of this page only.
	Items []T
	// Total is the number of items matching the filters across all pages.
	Total int
	// HasMore says whether a page follows this one.
	HasMore bool
	// Offset is where this page starts.
	Offset int

	fetch pageFetcher[T]
}

// pageFetcher reads the page that starts at offset.
type pageFetcher[T any] func(ctx context.Context, offset int) (items []T, total int, hasMore bool, err error)

// loadPage fetches the page at offset; its NextPage fetches the following one the same way.
func loadPage[T any](ctx context.Context, offset int, fetch pageFetcher[T]) (*Page[T], error) {
	items, total, hasMore, err := fetch(ctx, offset)
	if err != nil {
		return nil, err
	}
	return &Page[T]{Items: items, Total: total, HasMore: hasMore, Offset: offset, fetch: fetch}, nil
}

// onePage is the whole of an unpaginated list.
func onePage[T any](items []T) *Page[T] {
	return &Page[T]{Items: items, Total: len(items)}
}

// HasNextPage reports whether NextPage has a page to fetch. An empty page ends the list even if
// HasMore says otherwise, so that a server bug cannot loop forever.
func (p *Page[T]) HasNextPage() bool {
	return p.HasMore && len(p.Items) > 0 && p.fetch != nil
}

// NextPage fetches the page after this one, or returns ErrNoNextPage.
func (p *Page[T]) NextPage(ctx context.Context) (*Page[T], error) {
	if !p.HasNextPage() {
		return nil, ErrNoNextPage
	}
	return loadPage(ctx, p.Offset+len(p.Items), p.fetch)
}

// All yields this page's items and then those of every later page, fetching a page only when the
// loop reaches it; an error is yielded once, as the last element.
func (p *Page[T]) All(ctx context.Context) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for page := p; ; {
			for _, item := range page.Items {
				if !yield(item, nil) {
					return
				}
			}
			if !page.HasNextPage() {
				return
			}
			next, err := page.NextPage(ctx)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			page = next
		}
	}
}

func startOffset(offset *int) int {
	if offset == nil {
		return 0
	}
	return *offset
}
