from __future__ import annotations

import asyncio
import time

import pytest
from fakes import Reply, job

import distillery


def test_returns_the_completed_job_and_reports_each_change(server, client):
    server.script(
        Reply(200, job(status="pending")),
        Reply(200, job(status="running", phase="training", progress={"training_step": 1})),
        Reply(200, job(status="running", phase="training", progress={"training_step": 1})),
        Reply(200, job(status="completed", phase="done", results={"student_accuracy": 0.9})),
    )
    seen = []
    done = client.jobs.wait_for_completion("job_abc123", poll_interval=0.01, on_progress=seen.append)
    assert done.status == "completed" and done.results.student_accuracy == 0.9
    assert len(server.requests) == 4
    assert [str(j.status) for j in seen] == ["pending", "running", "completed"]


def test_a_failed_job_raises_job_failed_error(server, client):
    failed = job(status="failed", phase="training", error={"code": "training_error", "message": "NaN loss"})
    server.script(Reply(200, failed))
    with pytest.raises(distillery.JobFailedError) as caught:
        client.jobs.wait_for_completion("job_abc123", poll_interval=0.01)
    assert caught.value.code == "training_error" and "NaN loss" in str(caught.value)


def test_a_cancelled_job_raises_job_cancelled_error(server, client):
    server.script(Reply(200, job(status="cancelled", phase="training")))
    with pytest.raises(distillery.JobCancelledError):
        client.jobs.wait_for_completion("job_abc123", poll_interval=0.01)


def test_times_out_with_the_last_state_seen(server, client):
    server.script(Reply(200, job(status="running", phase="training")))
    started = time.monotonic()
    with pytest.raises(distillery.WaitTimeoutError) as caught:
        client.jobs.wait_for_completion("job_abc123", poll_interval=0.05, timeout=0.3)
    assert 0.3 <= time.monotonic() - started < 2
    assert str(caught.value.job.status) == "running"
    assert isinstance(caught.value, TimeoutError)


def test_async_wait_and_its_timeout(server):
    server.script(Reply(200, job(status="running")), Reply(200, job(status="completed", phase="done")))

    async def main():
        async with distillery.AsyncDistillery(base_url=server.url) as client:
            done = await client.jobs.wait_for_completion("job_abc123", poll_interval=0.01)
            server.script(Reply(200, job(status="running")))
            with pytest.raises(distillery.WaitTimeoutError):
                await client.jobs.wait_for_completion("job_abc123", poll_interval=0.01, timeout=0.1)
            return done

    assert str(asyncio.run(main()).status) == "completed"
