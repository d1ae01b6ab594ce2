"""Chat completions, completions, embeddings and the serving stats against the scripted server: what is
sent, how a stream is read to `[DONE]`, and how its errors surface."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fakes import FakeServer, Reply

import distillery
from distillery.types import ChatCompletion, ChatCompletionChunk, Completion, CompletionBatch, EmbeddingList

MESSAGES = [{"role": "user", "content": "Subject: Meeting notes from Tuesday"}]

COMPLETION = {
    "id": "chatcmpl-req_8f2c1d9a7b3e",
    "object": "chat.completion",
    "created": 1776603000,
    "model": "local/ft-spam-teacher",
    "system_fingerprint": None,
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "spam"}, "logprobs": None, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 14, "completion_tokens": 2, "total_tokens": 16},
}


def chunk(choices: list[dict[str, Any]], usage: dict[str, int] | None = None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-req_8f2c1d9a7b3e",
        "object": "chat.completion.chunk",
        "created": 1776603000,
        "model": "local/ft-spam-teacher",
        "system_fingerprint": None,
        "choices": choices,
        "usage": usage,
    }


CHUNKS = [
    chunk([{"index": 0, "delta": {"role": "assistant", "content": ""}, "logprobs": None, "finish_reason": None}]),
    chunk([{"index": 0, "delta": {"content": "ham"}, "logprobs": None, "finish_reason": None}]),
    chunk([{"index": 0, "delta": {}, "logprobs": None, "finish_reason": "stop"}]),
    chunk([], {"prompt_tokens": 12, "completion_tokens": 2, "total_tokens": 14}),
]


def sse(*events: Any) -> Reply:
    body = "".join(f"data: {e if isinstance(e, str) else json.dumps(e)}\n\n" for e in events).encode()
    return Reply(200, body, {"content-type": "text/event-stream", "x-request-id": "req_8f2c1d9a7b3e"})


def test_chat_completion_sends_the_request_as_written(server: FakeServer, client: distillery.Distillery):
    server.script(Reply(200, COMPLETION, {"x-request-id": "req_8f2c1d9a7b3e"}))
    answer = client.chat.completions.create(model="local/ft-spam-teacher", messages=MESSAGES, max_tokens=8, temperature=0)
    assert isinstance(answer, ChatCompletion)
    assert answer.choices[0].message.content == "spam" and answer.usage.total_tokens == 16
    request = server.requests[0]
    assert (request.method, request.path, request.query) == ("POST", "/v1/chat/completions", {})
    assert json.loads(request.body) == {"model": "local/ft-spam-teacher", "messages": MESSAGES, "max_tokens": 8, "temperature": 0}


def test_an_unknown_field_is_sent_so_that_the_server_names_it(server, client):
    server.script(Reply(200, COMPLETION))
    client.chat.completions.create(messages=MESSAGES, frequency_penalty=1, tenant_id="acme")  # type: ignore[call-overload]
    assert json.loads(server.requests[0].body)["frequency_penalty"] == 1
    assert server.requests[0].query == {"tenant_id": ["acme"]}


def test_a_stream_yields_typed_chunks_up_to_done(server, client):
    server.script(sse(*CHUNKS, "[DONE]", {"not": "a chunk"}))
    with client.chat.completions.create(
        messages=MESSAGES, stream=True, stream_options={"include_usage": True}
    ) as stream:
        assert stream.request_id == "req_8f2c1d9a7b3e"
        chunks = list(stream)
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks) and len(chunks) == 4
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "ham"
    assert chunks[-1].usage.total_tokens == 14
    request = server.requests[0]
    assert request.headers["accept"] == "text/event-stream"
    assert json.loads(request.body) == {"messages": MESSAGES, "stream": True, "stream_options": {"include_usage": True}}
    with pytest.raises(distillery.DistilleryError, match="already been read"):
        list(stream)


def test_an_error_event_after_the_stream_started_raises_the_error_of_its_status(server, client):
    error = {"error": {"code": "timeout", "type": "server_error", "message": "took too long", "status": 504, "request_id": "req_1"}}
    server.script(sse(CHUNKS[0], CHUNKS[1], error))
    seen = []
    with pytest.raises(distillery.InternalServerError) as caught:
        for c in client.chat.completions.create(messages=MESSAGES, stream=True):
            seen.append(c)
    assert len(seen) == 2
    assert (caught.value.status, caught.value.code, caught.value.request_id) == (504, "timeout", "req_1")
    assert caught.value.type == "server_error"
    assert str(caught.value) == "504 took too long"


def test_a_stream_that_ends_before_done_is_a_connection_error(server, client):
    server.script(sse(CHUNKS[0]))
    with pytest.raises(distillery.APIConnectionError, match=r"\[DONE\]"):
        list(client.chat.completions.create(messages=MESSAGES, stream=True))


def test_a_refusal_before_the_stream_is_raised_by_create(server, client):
    envelope = {"code": "model_not_found", "message": "No model local/nope", "status": 404, "param": "model", "request_id": "r"}
    server.script(Reply(404, {"error": envelope}))
    with pytest.raises(distillery.NotFoundError) as caught:
        client.chat.completions.create(model="local/nope", messages=MESSAGES, stream=True)
    assert caught.value.param == "model"


def test_a_json_answer_to_a_streamed_request_is_refused(server, client):
    server.script(Reply(200, COMPLETION))
    with pytest.raises(distillery.DistilleryError) as caught:
        client.chat.completions.create(messages=MESSAGES, stream=True)
    assert caught.value.code == "stream_unavailable"


def test_completions_batches_embeddings_and_stats(server, client):
    text = {
        "id": "cmpl-req_1",
        "object": "text_completion",
        "created": 1776603000,
        "model": "local/mdl_7k2m9x4q1c8v",
        "choices": [{"index": 0, "text": " jumps", "logprobs": None, "finish_reason": "length"}],
        "usage": {"prompt_tokens": 4, "completion_tokens": 1, "total_tokens": 5},
    }
    legacy = {"tokens": [" jumps"], "token_logprobs": [-0.25], "top_logprobs": [{" jumps": -0.25}], "text_offset": [19]}
    batch = {**text, "choices": [{"index": 0, "prompt_index": 0, "text": " Orange.", "logprobs": None, "finish_reason": "stop"}]}
    embeddings = {
        "object": "list",
        "model": "local/mdl_7k2m9x4q1c8v",
        "data": [{"object": "embedding", "index": 0, "embedding": [0.1, -0.2]}],
        "usage": {"prompt_tokens": 3, "total_tokens": 3},
    }
    latency = {"p50": None, "p90": None, "p99": None, "samples": 0}
    decode = {
        "window_seconds": 60,
        "tokens_per_second": 0,
        "generated_tokens": 0,
        "requests": 0,
        "time_to_first_token_ms": latency,
        "inter_token_latency_ms": latency,
        "active_sequences": 0,
        "queued_sequences": 0,
        "last_batch_size": 0,
        "max_batch_size": 0,
        "memory": {"budget_bytes": 4294967296, "used_bytes": 0},
        "models": [],
    }
    server.script(
        Reply(200, {**text, "choices": [{**text["choices"][0], "logprobs": legacy}]}),
        sse({**text, "choices": [{"index": 0, "text": " jumps", "logprobs": None, "finish_reason": None}], "usage": None}, "[DONE]"),
        Reply(200, batch),
        Reply(200, embeddings),
        Reply(200, decode),
        Reply(200, {"object": "list", "data": []}),
    )
    completion = client.completions.create(prompt="The quick brown fox", max_tokens=1, logprobs=1)
    assert isinstance(completion, Completion) and completion.choices[0].logprobs["tokens"] == [" jumps"]
    assert [c.choices[0].text for c in client.completions.create(prompt=[504, 2365], stream=True)] == [" jumps"]
    result = client.completions.batch(prompts=["Name a warm color."], seed=7)
    assert isinstance(result, CompletionBatch) and result.choices[0].prompt_index == 0
    vectors = client.embeddings.create(input=["Cheap meds"], model="local/mdl_7k2m9x4q1c8v")
    assert isinstance(vectors, EmbeddingList) and vectors.data[0].embedding == [0.1, -0.2]
    assert client.stats.decode().memory.budget_bytes == 4294967296
    assert client.stats.recent_requests(limit=5).data == []
    bodies = [json.loads(r.body) if r.body else None for r in server.requests]
    assert bodies[:4] == [
        {"prompt": "The quick brown fox", "max_tokens": 1, "logprobs": 1},
        {"prompt": [504, 2365], "stream": True},
        {"prompts": ["Name a warm color."], "seed": 7},
        {"input": ["Cheap meds"], "model": "local/mdl_7k2m9x4q1c8v"},
    ]
    assert [r.path for r in server.requests[4:]] == ["/v1/stats/decode", "/v1/stats/recent-requests"]
    assert server.requests[5].query == {"limit": ["5"]}


def test_the_async_client_streams_with_async_for(server):
    server.script(sse(*CHUNKS, "[DONE]"), Reply(200, COMPLETION))

    async def main() -> tuple[list[ChatCompletionChunk], ChatCompletion]:
        async with distillery.AsyncDistillery(base_url=server.url) as client:
            stream = await client.chat.completions.create(messages=MESSAGES, stream=True)
            chunks = [c async for c in stream]
            return chunks, await client.chat.completions.create(messages=MESSAGES)

    chunks, whole = asyncio.run(main())
    assert len(chunks) == 4 and whole.choices[0].message.content == "spam"


class Endless:
    """A server that streams a chunk every 10 ms until the client closes the connection."""

    def __init__(self) -> None:
        self.closed = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length") or 0))
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("transfer-encoding", "chunked")
                self.end_headers()
                try:
                    for i in range(1000):
                        data = f"data: {json.dumps(chunk([{'index': 0, 'delta': {'content': f't{i}'}, 'finish_reason': None}]))}\n\n"
                        payload = data.encode()
                        self.wfile.write(f"{len(payload):x}\r\n".encode() + payload + b"\r\n")
                        self.wfile.flush()
                        time.sleep(0.01)
                except OSError:
                    outer.closed.set()

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def endless() -> Iterator[Endless]:
    server = Endless()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def test_leaving_the_loop_early_closes_the_connection(endless: Endless):
    with distillery.Distillery(base_url=endless.url) as client:
        for c in client.chat.completions.create(messages=MESSAGES, stream=True):
            assert c.choices[0].delta.content == "t0"
            break
        assert endless.closed.wait(5)


def test_close_stops_an_async_stream(endless: Endless):
    async def main() -> None:
        async with distillery.AsyncDistillery(base_url=endless.url) as client:
            stream = await client.chat.completions.create(messages=MESSAGES, stream=True)
            async for _ in stream:
                await stream.close()
                break

    asyncio.run(main())
    assert endless.closed.wait(5)
