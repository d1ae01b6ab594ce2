from __future__ import annotations

import asyncio
import hashlib

import pytest
from fakes import Reply

import distillery

DATA = b"GGUF" + bytes(range(256)) * 64
SHA = hashlib.sha256(DATA).hexdigest()


def listing(checksum: str) -> dict:
    return {
        "adapter_path": None,
        "gguf_paths": {},
        "tokenizer_path": None,
        "config_path": None,
        "artifacts": [
            {"format": "config", "path": "/d/c.json", "size_bytes": len(DATA), "checksum_sha256": checksum, "download_url": "http://x/y"}
        ],
    }


def test_download_writes_the_file_to_path_as_reference_001_calls_it(server, client, tmp_path):
    server.script(Reply(200, DATA, {"x-checksum-sha256": SHA}))
    saved = client.artifacts.download("job_abc123", "gguf_q8_0", tmp_path / "distilled.gguf")
    assert saved.path == str(tmp_path / "distilled.gguf") and saved.checksum_sha256 == SHA
    assert saved.size_bytes == len(DATA) and (tmp_path / "distilled.gguf").read_bytes() == DATA
    assert server.requests[0].path == "/v1/distillation/job_abc123/artifacts/gguf_q8_0/download"


def test_download_into_a_folder_keeps_the_server_file_name(server, client, tmp_path):
    server.script(
        Reply(200, DATA, {"x-checksum-sha256": SHA, "content-disposition": 'attachment; filename="model-q8_0.gguf"'})
    )
    saved = client.artifacts.download("job_abc123", "gguf_q8_0", tmp_path)
    assert saved.path == str(tmp_path / "model-q8_0.gguf")
    assert (tmp_path / "model-q8_0.gguf").read_bytes() == DATA


def test_a_checksum_mismatch_raises_and_leaves_nothing_behind(server, client, tmp_path):
    server.script(Reply(200, DATA, {"x-checksum-sha256": "0" * 64}))
    with pytest.raises(distillery.ChecksumMismatchError) as caught:
        client.artifacts.download("job_abc123", "safetensors", tmp_path / "model.safetensors")
    assert caught.value.actual == SHA
    assert list(tmp_path.iterdir()) == []


def test_without_a_checksum_header_the_listed_sha256_is_used(server, client, tmp_path):
    server.handler = lambda request: Reply(200, listing(SHA)) if request.path.endswith("/artifacts") else Reply(200, DATA)
    saved = client.artifacts.download("job_abc123", "config", tmp_path / "c.json")
    assert saved.checksum_sha256 == SHA and (tmp_path / "c.json").read_bytes() == DATA
    assert [r.path for r in server.requests][1] == "/v1/distillation/job_abc123/artifacts"


def test_a_file_that_differs_from_the_listed_sha256_is_refused(server, client, tmp_path):
    listed = "a" * 64
    server.handler = lambda request: Reply(200, listing(listed)) if request.path.endswith("/artifacts") else Reply(200, DATA)
    with pytest.raises(distillery.ChecksumMismatchError) as caught:
        client.artifacts.download("job_abc123", "config", tmp_path / "c.json")
    assert caught.value.expected == listed and caught.value.actual == SHA
    assert list(tmp_path.iterdir()) == []


def test_the_deprecated_jobs_methods_are_client_artifacts_underneath(server, client, tmp_path):
    server.handler = lambda request: (
        Reply(200, listing(SHA)) if request.path.endswith("/artifacts") else Reply(200, DATA, {"x-checksum-sha256": SHA})
    )
    with pytest.deprecated_call():
        page = client.jobs.artifacts("job_abc123")
    # The page keeps the old return value's fields.
    assert page.artifacts[0].checksum_sha256 == SHA == page.items[0].checksum_sha256
    with pytest.deprecated_call():
        saved = client.jobs.download_artifact("job_abc123", "config", tmp_path / "c.json")
    assert saved.checksum_sha256 == SHA and (tmp_path / "c.json").read_bytes() == DATA


def test_async_download_and_list(server, tmp_path):
    server.handler = lambda request: Reply(200, listing(SHA)) if request.path.endswith("/artifacts") else Reply(200, DATA)

    async def main():
        async with distillery.AsyncDistillery(base_url=server.url) as client:
            page = await client.artifacts.list("job_abc123")
            saved = await client.artifacts.download("job_abc123", "config", tmp_path / "c.json")
            return page, saved

    page, saved = asyncio.run(main())
    assert [a.checksum_sha256 for a in page.items] == [SHA] and page.total == 1 and page.has_more is False
    assert saved.checksum_sha256 == SHA and (tmp_path / "c.json").read_bytes() == DATA
