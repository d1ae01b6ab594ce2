from __future__ import annotations

import hashlib

import pytest
from fakes import Reply

import distillery

DATA = b"GGUF" + bytes(range(256)) * 64
SHA = hashlib.sha256(DATA).hexdigest()


def test_download_writes_the_file_when_the_sha256_matches(server, client, tmp_path):
    server.script(
        Reply(200, DATA, {"x-checksum-sha256": SHA, "content-disposition": 'attachment; filename="model-q8_0.gguf"'})
    )
    saved = client.jobs.download_artifact("job_abc123", "gguf_q8_0", tmp_path)
    assert saved.path == str(tmp_path / "model-q8_0.gguf") and saved.checksum_sha256 == SHA
    assert (tmp_path / "model-q8_0.gguf").read_bytes() == DATA
    assert server.requests[0].path == "/v1/distillation/job_abc123/artifacts/gguf_q8_0/download"


def test_a_checksum_mismatch_raises_and_leaves_nothing_behind(server, client, tmp_path):
    server.script(Reply(200, DATA, {"x-checksum-sha256": "0" * 64}))
    with pytest.raises(distillery.ChecksumMismatchError) as caught:
        client.jobs.download_artifact("job_abc123", "safetensors", tmp_path / "model.safetensors")
    assert caught.value.actual == SHA
    assert list(tmp_path.iterdir()) == []


def test_without_a_checksum_header_the_listed_sha256_is_used(server, client, tmp_path):
    listing = {
        "adapter_path": None,
        "gguf_paths": {},
        "tokenizer_path": None,
        "config_path": None,
        "artifacts": [
            {"format": "config", "path": "/d/c.json", "size_bytes": len(DATA), "checksum_sha256": SHA, "download_url": "http://x/y"}
        ],
    }
    server.handler = lambda request: Reply(200, listing) if request.path.endswith("/artifacts") else Reply(200, DATA)
    saved = client.jobs.download_artifact("job_abc123", "config", tmp_path / "c.json")
    assert saved.checksum_sha256 == SHA and (tmp_path / "c.json").read_bytes() == DATA
