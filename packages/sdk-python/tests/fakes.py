"""A scripted HTTP server on a free loopback port, run in a thread: the unit tests' stand-in for the API."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)

    def encoded(self) -> tuple[bytes, str]:
        if isinstance(self.body, bytes):
            return self.body, "application/octet-stream"
        if self.body is None:
            return b"", "application/json"
        return json.dumps(self.body).encode(), "application/json"


Handler = Callable[[Request], Reply]


class FakeServer:
    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.handler: Handler = lambda request: Reply(404, {"error": {"code": "not_scripted"}})
        server = self

        class _Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                url = urlsplit(self.path)
                length = int(self.headers.get("content-length") or 0)
                request = Request(
                    self.command,
                    url.path,
                    parse_qs(url.query),
                    {k.lower(): v for k, v in self.headers.items()},
                    self.rfile.read(length),
                )
                server.requests.append(request)
                reply = server.handler(request)
                body, content_type = reply.encoded()
                self.send_response(reply.status)
                headers = {"content-type": content_type, "content-length": str(len(body)), **reply.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_DELETE = _serve

            def log_message(self, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.02,), daemon=True)
        self._thread.start()

    def script(self, *replies: Reply) -> None:
        """Answers the next requests with `replies` in order, repeating the last one."""
        queue = list(replies)

        def next_reply(request: Request) -> Reply:
            return queue.pop(0) if len(queue) > 1 else queue[0]

        self.handler = next_reply

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def job(job_id: str = "job_abc123", status: str = "pending", phase: str = "initializing", **extra: Any) -> dict:
    """A DistillationJob body with the required fields."""
    return {
        "id": job_id,
        "status": status,
        "phase": phase,
        "progress": {},
        "results": {},
        "cost_accrued": 0,
        "created_at": "2026-04-19T12:00:00Z",
        "updated_at": "2026-04-19T12:00:00Z",
        **extra,
    }


def error(status: int, code: str, message: str = "boom", **extra: Any) -> Reply:
    envelope = {"code": code, "message": message, "status": status, "request_id": "req_test", **extra}
    return Reply(status, {"error": envelope}, {"x-request-id": "req_test"})
