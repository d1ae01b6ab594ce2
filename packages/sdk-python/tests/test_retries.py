from __future__ import annotations

import socket

import pytest
from fakes import Reply, error, job

import distillery
from distillery._retry import retry_after, retry_delay


def test_429_waits_for_retry_after_then_succeeds_with_the_same_idempotency_key(server, client, sleeps):
    server.script(Reply(429, {"error": {"code": "rate_limited"}}, {"Retry-After": "3"}), Reply(201, job()))
    created = client.jobs.create(config={"teacher_model": "local/t", "student_model": "distillery-micro"})
    assert created.id == "job_abc123"
    assert sleeps.delays == [3.0]
    keys = {r.headers["idempotency-key"] for r in server.requests}
    assert len(server.requests) == 2 and len(keys) == 1


def test_5xx_is_retried_max_retries_times_with_growing_back_off(server, client, sleeps):
    server.script(error(503, "internal_error"))
    with pytest.raises(distillery.InternalServerError):
        client.jobs.get("job_abc123")
    assert len(server.requests) == 3
    first, second = sleeps.delays
    assert 0.375 <= first <= 0.5 and 0.75 <= second <= 1.0


def test_4xx_other_than_408_and_429_is_not_retried(server, client, sleeps):
    server.script(error(400, "invalid_request"))
    with pytest.raises(distillery.BadRequestError):
        client.jobs.get("job_abc123")
    assert len(server.requests) == 1 and sleeps.delays == []


def test_connection_errors_are_retried_then_raised(sleeps):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed once the block ends: nothing listens there
    with distillery.Distillery(base_url=f"http://127.0.0.1:{port}", _sleep=sleeps) as client:
        with pytest.raises(distillery.APIConnectionError):
            client.jobs.get("job_abc123")
    assert len(sleeps.delays) == 2


def test_retry_after_accepts_seconds_dates_and_milliseconds():
    assert retry_after({"retry-after": "12"}) == 12.0
    assert retry_after({"retry-after-ms": "1500"}) == 1.5
    assert retry_after({"retry-after": "Wed, 21 Oct 2015 07:28:10 GMT"}, now=1445412480.0) == 10.0
    assert retry_after({"retry-after": "soon"}) is None
    assert retry_after({}) is None


def test_retry_after_is_capped():
    assert retry_delay(0, {"retry-after": "3600"}) == 60.0
