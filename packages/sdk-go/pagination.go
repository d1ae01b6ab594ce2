package distillery

import (
	"context"
	"iter"
)

// paginate yields every item of every page from offset on, fetching a page only when the loop
// reaches it; an error is yielded once, as the last element.
func paginate[T any](ctx context.Context, offset int, fetch func(ctx context.Context, offset int) ([]T, bool, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for {
			items, hasMore, err := fetch(ctx, offset)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range items {
				if !yield(item, nil) {
					return
				}
			}
			// An empty page ends the walk even if has_more says otherwise, so a server bug cannot loop us.
			if !hasMore || len(items) == 0 {
				return
			}
			offset += len(items)
		}
	}
}

func startOffset(offset *int) int {
	if offset == nil {
		return 0
	}
	return *offset
}
