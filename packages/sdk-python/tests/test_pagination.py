from __future__ import annotations

import asyncio

from fakes import Reply, job

import distillery


def pages(request):
    """Five jobs served two per page, honouring offset and limit."""
    offset = int(request.query["offset"][0])
    everything = [job(f"job_{i}") for i in range(5)]
    batch = everything[offset : offset + 2]
    return Reply(200, {"jobs": batch, "total": 5, "has_more": offset + 2 < 5})


def test_list_walks_every_page(server, client):
    server.handler = pages
    ids = [j.id for j in client.jobs.list(status="running", page_size=2)]
    assert ids == [f"job_{i}" for i in range(5)]
    assert [r.query["offset"] for r in server.requests] == [["0"], ["2"], ["4"]]
    assert all(r.query["status"] == ["running"] and r.query["limit"] == ["2"] for r in server.requests)


def test_list_is_lazy(server, client):
    server.handler = pages
    first = next(iter(client.jobs.list(page_size=2)))
    assert first.id == "job_0" and len(server.requests) == 1


def test_an_empty_page_ends_the_walk_even_if_has_more_says_otherwise(server, client):
    server.script(Reply(200, {"jobs": [], "total": 9, "has_more": True}))
    assert list(client.jobs.list()) == []
    assert len(server.requests) == 1


def test_async_list_walks_every_page(server):
    server.handler = pages

    async def main():
        async with distillery.AsyncDistillery(base_url=server.url) as client:
            return [j.id async for j in client.jobs.list(page_size=2)]

    assert asyncio.run(main()) == [f"job_{i}" for i in range(5)]
