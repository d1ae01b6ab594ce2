"""`Page` and `AsyncPage`: what every `list` returns, for the paginated lists and the unpaginated ones alike."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def _unpack(body: Any, field: str) -> tuple[list[Any], int, bool]:
    """The items, total and has_more of a list body; an unpaginated body (no `total`, no `has_more`)
    is one whole page. A field the generated model left unset counts as empty."""
    items = getattr(body, field, None)
    items = list(items) if isinstance(items, list) else []
    total = getattr(body, "total", None)
    has_more = getattr(body, "has_more", None)
    return items, total if isinstance(total, int) else len(items), has_more is True


class _PageFields(Generic[T]):
    items: list[T]
    """The items of this page only."""
    total: int
    """Items matching the filters across all pages (the page's length for an unpaginated list)."""
    has_more: bool
    offset: int
    """The offset this page starts at."""

    def __init__(self, field: str, offset: int, body: Any) -> None:
        self._field = field
        self._body = body
        self.offset = offset
        self.items, self.total, self.has_more = _unpack(body, field)

    def has_next_page(self) -> bool:
        # An empty page that claims more would loop forever; stop there.
        return self.has_more and bool(self.items)

    def __getattr__(self, name: str) -> Any:
        """The response's own fields (`jobs`, `datasets`, `artifacts`, `gguf_paths`, `models`, `data`…)."""
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._body, name)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(items=<{len(self.items)}>, total={self.total}, has_more={self.has_more}, offset={self.offset})"


class Page(_PageFields[T]):
    """One page of a list: `items`, `total`, `has_more`. Iterating it yields every item of this page
    and of the pages after it, fetching each next page only when the loop reaches it; `next_page()`
    fetches one. The response's own fields stay readable as attributes (`page.jobs`, `page.artifacts`)."""

    def __init__(self, fetch: Callable[[int], Any], field: str, offset: int = 0, body: Any = None) -> None:
        self._fetch = fetch
        super().__init__(field, offset, fetch(offset) if body is None else body)

    def next_page(self) -> Page[T]:
        if not self.has_next_page():
            raise LookupError("No next page: check has_next_page() first")
        return Page(self._fetch, self._field, self.offset + len(self.items))

    def __iter__(self) -> Iterator[T]:
        page: Page[T] = self
        while True:
            yield from page.items
            if not page.has_next_page():
                return
            page = page.next_page()


class AsyncPage(_PageFields[T]):
    """`Page` for `AsyncDistillery`: `await page.next_page()`, and `async for` over every item."""

    def __init__(self, fetch: Callable[[int], Awaitable[Any]], field: str, offset: int, body: Any) -> None:
        self._fetch = fetch
        super().__init__(field, offset, body)

    async def next_page(self) -> AsyncPage[T]:
        if not self.has_next_page():
            raise LookupError("No next page: check has_next_page() first")
        offset = self.offset + len(self.items)
        return AsyncPage(self._fetch, self._field, offset, await self._fetch(offset))

    async def __aiter__(self) -> AsyncIterator[T]:
        page: AsyncPage[T] = self
        while True:
            for item in page.items:
                yield item
            if not page.has_next_page():
                return
            page = await page.next_page()


class AsyncPaginator(Generic[T]):
    """What an async `list` returns: `await` it for the first `AsyncPage`, or `async for` over it for
    every item of every page. Nothing is requested until one of the two happens."""

    def __init__(self, fetch: Callable[[int], Awaitable[Any]], field: str, offset: int = 0) -> None:
        self._fetch = fetch
        self._field = field
        self._offset = offset
        self._first: AsyncPage[T] | None = None

    async def _first_page(self) -> AsyncPage[T]:
        if self._first is None:
            self._first = AsyncPage(self._fetch, self._field, self._offset, await self._fetch(self._offset))
        return self._first

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self._first_page().__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for item in await self._first_page():
            yield item
