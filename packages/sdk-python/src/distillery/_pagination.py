"""Auto-pagination over the offset/limit list operations, whose pages say `has_more`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any


def paginate(fetch: Callable[[int], Any], items: str, offset: int = 0) -> Iterator[Any]:
    """Yields every item of every page; `fetch(offset)` returns one page, `items` names its list field."""
    while True:
        page = fetch(offset)
        batch = getattr(page, items)
        yield from batch
        # An empty page ends the walk even if has_more says otherwise, so a server bug cannot loop us.
        if not page.has_more or not batch:
            return
        offset += len(batch)


async def apaginate(fetch: Callable[[int], Awaitable[Any]], items: str, offset: int = 0) -> AsyncIterator[Any]:
    while True:
        page = await fetch(offset)
        batch = getattr(page, items)
        for item in batch:
            yield item
        if not page.has_more or not batch:
            return
        offset += len(batch)
