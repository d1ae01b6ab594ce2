"""`client.models.import_`: what it sends for a folder, files, an archive and a URL, and what it refuses."""

from __future__ import annotations

import asyncio
import io
import json
import re

import pytest
from fakes import Reply, error

import distillery

MODEL = {
    "id": "local/mdl_7k2m9x4q1c8v",
    "object": "model",
    "created": 1776603000,
    "owned_by": "default",
    "kind": "imported",
    "name": "smollm2",
    "parameters": 134515008,
    "context_length": 8192,
    "dtype": "BF16",
    "vocab_size": 49152,
    "tokenizer_type": "byte-level-bpe",
    "chat_template": True,
    "source": {"type": "upload", "format": "safetensors"},
    "source_job_id": None,
}


def parts(request) -> list[tuple[str, str | None, bytes]]:
    """(field, filename, content) of each part of a multipart body."""
    boundary = re.search(r"boundary=([^;]+)", request.headers["content-type"]).group(1).encode()
    found = []
    for chunk in request.body.split(b"--" + boundary)[1:-1]:
        head, _, content = chunk.strip(b"\r\n").partition(b"\r\n\r\n")
        field = re.search(rb'name="([^"]+)"', head).group(1).decode()
        filename = re.search(rb'filename="([^"]*)"', head)
        found.append((field, filename.group(1).decode() if filename else None, content))
    return found


def test_a_folder_is_sent_one_part_per_file_named_by_its_path(server, client, tmp_path):
    folder = tmp_path / "smollm2-135m"
    (folder / "sub").mkdir(parents=True)
    (folder / "config.json").write_text('{"model_type": "llama"}')
    (folder / "sub" / "extra.json").write_text("x")
    (folder / ".gitattributes").write_text("lfs")
    server.script(Reply(201, MODEL))
    model = client.models.import_(folder)
    assert model.id == "local/mdl_7k2m9x4q1c8v" and model.kind.value == "imported" and model.dtype == "BF16"
    request = server.requests[0]
    assert request.method == "POST" and request.path == "/v1/models"
    assert re.fullmatch(r"[0-9a-f-]{36}", request.headers["idempotency-key"])
    assert parts(request) == [
        ("name", None, b"smollm2-135m"),
        ("file", "config.json", b'{"model_type": "llama"}'),
        ("file", "sub/extra.json", b"x"),
    ]


def test_files_an_archive_and_a_gguf_path(server, client, tmp_path):
    server.script(Reply(201, MODEL), Reply(201, MODEL), Reply(201, MODEL))
    client.models.import_(files={"config.json": b"{}", "model.safetensors": io.BytesIO(b"st")}, name="smollm2")
    archive = io.BytesIO(b"\x1f\x8b archive")
    archive.name = "/somewhere/smollm2.tar.gz"
    client.models.import_(archive=archive)
    gguf = tmp_path / "tiny-q8_0.gguf"
    gguf.write_bytes(b"GGUF")
    client.models.import_(gguf)
    assert parts(server.requests[0]) == [
        ("name", None, b"smollm2"),
        ("file", "config.json", b"{}"),
        ("file", "model.safetensors", b"st"),
    ]
    assert parts(server.requests[1]) == [("name", None, b"smollm2"), ("file", "smollm2.tar.gz", b"\x1f\x8b archive")]
    assert parts(server.requests[2]) == [("name", None, b"tiny-q8_0"), ("file", "tiny-q8_0.gguf", b"GGUF")]


def test_a_source_url_is_sent_as_json(server, client):
    server.script(Reply(201, {**MODEL, "source": {"type": "url", "url": "https://m.example.com/t.gguf", "format": "gguf"}}))
    model = client.models.import_(source_url="https://m.example.com/t.gguf", name="t")
    assert json.loads(server.requests[0].body) == {"source_url": "https://m.example.com/t.gguf", "name": "t"}
    assert model.source.url == "https://m.example.com/t.gguf"


def test_exactly_one_source_and_a_readable_path(server, client, tmp_path):
    with pytest.raises(distillery.DistilleryError, match="needs path, files, archive or source_url"):
        client.models.import_()
    with pytest.raises(distillery.DistilleryError, match="got path and source_url"):
        client.models.import_(tmp_path, source_url="https://x.example.com/a.gguf")
    missing = tmp_path / "no-such-model"
    with pytest.raises(distillery.DistilleryError, match=re.escape(str(missing))) as raised:
        client.models.import_(missing)
    assert raised.value.param == "path" and raised.value.code == "file_unreadable"
    assert server.requests == []


def test_the_servers_400_names_the_file(server, client):
    server.script(error(400, "invalid_request", 'config.json: model_type "gpt2" is not supported', param="file"))
    with pytest.raises(distillery.BadRequestError, match="config.json") as raised:
        client.models.import_(files={"config.json": b"{}"})
    assert raised.value.param == "file"


def test_delete_encodes_the_local_prefix(server, client):
    server.script(Reply(204))
    client.models.delete("local/mdl_7k2m9x4q1c8v")
    assert server.requests[0].method == "DELETE"
    assert server.requests[0].path in ("/v1/models/local%2Fmdl_7k2m9x4q1c8v", "/v1/models/local/mdl_7k2m9x4q1c8v")


def test_the_async_client_imports_too(server):
    server.script(Reply(201, MODEL))

    async def run() -> distillery.types.Model:
        async with distillery.AsyncDistillery(base_url=server.url, api_key="dk_test_key") as client:
            return await client.models.import_(files={"config.json": b"{}"})

    assert asyncio.run(run()).name == "smollm2"
    assert parts(server.requests[0]) == [("file", "config.json", b"{}")]
