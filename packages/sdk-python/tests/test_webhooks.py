from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest

from distillery import WebhookVerificationError, webhooks

KEY = b"0123456789abcdef0123456789abcdef"
SECRET = "whsec_" + base64.b64encode(KEY).decode()
BODY = json.dumps(
    {
        "type": "job.completed",
        "timestamp": "2026-04-19T12:41:09Z",
        "data": {"job_id": "job_abc123", "job_type": "distillation", "status": "completed", "phase": "done"},
    }
).encode()
NOW = 1_776_600_000


def signed(body: bytes = BODY, key: bytes = KEY, timestamp: int = NOW) -> dict[str, str]:
    digest = hmac.new(key, f"msg_1.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return {
        "Webhook-Id": "msg_1",
        "Webhook-Timestamp": str(timestamp),
        "Webhook-Signature": "v1," + base64.b64encode(digest).decode(),
    }


def test_a_valid_delivery_returns_the_event():
    event = webhooks.verify(BODY, signed(), SECRET, now=NOW)
    assert str(event.type_) == "job.completed" and event.data.job_id == "job_abc123"


def test_any_of_several_signatures_may_match_and_str_payloads_work():
    headers = signed()
    headers["Webhook-Signature"] = "v1,AAAA " + headers["Webhook-Signature"]
    assert webhooks.verify(BODY.decode(), headers, SECRET, now=NOW)


def test_a_raw_text_secret_is_the_key_itself():
    assert webhooks.verify(BODY, signed(key=b"plain secret"), "plain secret", now=NOW)


@pytest.mark.parametrize(
    ("body", "headers", "message"),
    [
        (BODY + b" ", signed(), "No webhook signature matches"),
        (BODY, signed(key=b"another key"), "No webhook signature matches"),
        (BODY, signed(timestamp=NOW - 301), "outside the tolerance"),
        (BODY, {k: v for k, v in signed().items() if k != "Webhook-Id"}, "Missing webhook-id"),
    ],
)
def test_tampering_replays_and_missing_headers_are_refused(body, headers, message):
    with pytest.raises(WebhookVerificationError, match=message):
        webhooks.verify(body, headers, SECRET, now=NOW)
