from __future__ import annotations

import asyncio

import pytest
from fakes import Reply, job

import distillery


def pages(request):
    """Five jobs served two per page, honouring offset and limit."""
    offset = int(request.query["offset"][0])
    everything = [job(f"job_{i}") for i in range(5)]
    batch = everything[offset : offset + 2]
    return Reply(200, {"jobs": batch, "total": 5, "has_more": offset + 2 < 5})


def test_list_returns_the_first_page(server, client):
    server.handler = pages
    page = client.jobs.list(status="running", page_size=2)
    assert isinstance(page, distillery.Page)
    assert [j.id for j in page.items] == ["job_0", "job_1"]
    assert (page.total, page.has_more, page.offset, page.has_next_page()) == (5, True, 0, True)
    assert page.jobs == page.items  # the API's own field stays readable
    nxt = page.next_page()
    assert [j.id for j in nxt.items] == ["job_2", "job_3"] and nxt.offset == 2


def test_iterating_a_page_walks_every_page(server, client):
    server.handler = pages
    ids = [j.id for j in client.jobs.list(status="running", page_size=2)]
    assert ids == [f"job_{i}" for i in range(5)]
    assert [r.query["offset"] for r in server.requests] == [["0"], ["2"], ["4"]]
    assert all(r.query["status"] == ["running"] and r.query["limit"] == ["2"] for r in server.requests)


def test_list_fetches_later_pages_only_as_the_loop_reaches_them(server, client):
    server.handler = pages
    first = next(iter(client.jobs.list(page_size=2)))
    assert first.id == "job_0" and len(server.requests) == 1


def test_an_empty_page_ends_the_walk_even_if_has_more_says_otherwise(server, client):
    server.script(Reply(200, {"jobs": [], "total": 9, "has_more": True}))
    page = client.jobs.list()
    assert list(page) == [] and not page.has_next_page()
    assert len(server.requests) == 1
    with pytest.raises(LookupError):
        page.next_page()


def test_every_list_returns_a_page(server, client):
    bodies = {
        "/v1/models": {"object": "list", "data": [{"id": "m", "object": "model", "created": 1, "owned_by": "x", "kind": "preset"}]},
        "/v1/fine-tuning/base-models": {"models": [{"id": "distillery-nano", "parameters": 1, "context_length": 256}]},
        "/v1/datasets": {"datasets": [], "total": 0, "has_more": False},
        "/v1/fine-tuning/jobs": {"jobs": [], "total": 0, "limit": 20, "offset": 0, "has_more": False},
        "/v1/distillation/job_abc123/artifacts": {"adapter_path": None, "gguf_paths": {}, "tokenizer_path": None, "config_path": None},
    }
    server.handler = lambda request: Reply(200, bodies[request.path])
    models = client.models.list()
    base = client.fine_tuning.base_models.list()
    artifacts = client.artifacts.list("job_abc123")
    for page in (models, base, artifacts, client.datasets.list(), client.fine_tuning.jobs.list()):
        assert isinstance(page, distillery.Page) and page.has_more is False
    assert ([m.id for m in models], models.total, models.data == models.items) == (["m"], 1, True)
    assert ([m.id for m in base], base.total, base.models == base.items) == (["distillery-nano"], 1, True)
    assert (artifacts.items, artifacts.total, artifacts.gguf_paths.to_dict()) == ([], 0, {})


def test_async_list_awaits_to_a_page_and_iterates_every_page(server):
    server.handler = pages

    async def main():
        async with distillery.AsyncDistillery(base_url=server.url) as client:
            page = await client.jobs.list(page_size=2)
            nxt = await page.next_page()
            every = [j.id async for j in client.jobs.list(page_size=2)]
            return page, nxt, every

    page, nxt, every = asyncio.run(main())
    assert isinstance(page, distillery.AsyncPage) and (page.total, page.has_more) == (5, True)
    assert [j.id for j in nxt.items] == ["job_2", "job_3"]
    assert every == [f"job_{i}" for i in range(5)]
