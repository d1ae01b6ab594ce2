from __future__ import annotations

import pytest
from fakes import Reply, error

import distillery


def test_error_envelope_becomes_a_typed_exception(server, client):
    server.script(error(404, "job_not_found", "No job job_nope1", param="job_id"))
    with pytest.raises(distillery.NotFoundError) as caught:
        client.jobs.get("job_nope1")
    e = caught.value
    assert (e.status, e.code, e.param, e.request_id) == (404, "job_not_found", "job_id", "req_test")
    assert "No job job_nope1" in str(e)


@pytest.mark.parametrize(
    ("status", "code", "cls"),
    [
        (400, "invalid_config", distillery.BadRequestError),
        (401, "unauthorized", distillery.AuthenticationError),
        (402, "insufficient_credits", distillery.InsufficientCreditsError),
        (403, "forbidden", distillery.PermissionDeniedError),
        (409, "job_terminal", distillery.ConflictError),
        (413, "payload_too_large", distillery.PayloadTooLargeError),
    ],
)
def test_each_status_family_has_its_class(server, client, status, code, cls):
    server.script(error(status, code, details={"max_bytes": 10}))
    with pytest.raises(cls) as caught:
        client.jobs.cancel("job_abc123")
    assert caught.value.code == code
    assert caught.value.details == {"max_bytes": 10}
    assert isinstance(caught.value, distillery.APIError)


def test_a_body_that_is_not_the_envelope_still_raises_with_the_request_id(server, sleeps):
    server.script(Reply(502, b"<html>bad gateway</html>", {"x-request-id": "req_proxy"}))
    with distillery.Distillery(base_url=server.url, max_retries=0) as client:
        with pytest.raises(distillery.InternalServerError) as caught:
            client.models.list()
    assert caught.value.status == 502
    assert caught.value.code is None
    assert caught.value.request_id == "req_proxy"
    assert "bad gateway" in str(caught.value)


def test_api_key_is_sent_as_bearer_and_env_fallbacks_apply(server, monkeypatch):
    monkeypatch.setenv("DISTILLERY_BASE_URL", server.url)
    monkeypatch.setenv("DISTILLERY_API_KEY", "dk_test_env")
    server.script(Reply(200, {"object": "list", "data": []}))
    with distillery.Distillery() as client:
        assert client.models.list().items == []
    assert server.requests[0].headers["authorization"] == "Bearer dk_test_env"
