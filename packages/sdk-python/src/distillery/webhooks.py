"""Verification of webhook deliveries per the Standard Webhooks spec.

The server signs `"{webhook-id}.{webhook-timestamp}.{body}"` with HMAC-SHA256 and sends
`webhook-signature: v1,<base64> [v1,<base64> …]`. The secret is `whsec_<base64 key>`, or any other
string used as the key's raw text, exactly as the server reads DISTILLERY_WEBHOOK_SECRET.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from collections.abc import Mapping

from ._errors import WebhookVerificationError
from .generated.models import WebhookEvent

DEFAULT_TOLERANCE = 300
_PREFIX = "whsec_"


def _key(secret: str) -> bytes:
    if not secret.startswith(_PREFIX):
        return secret.encode("utf-8")
    try:
        return base64.b64decode(secret[len(_PREFIX) :], validate=True)
    except binascii.Error as error:
        raise WebhookVerificationError("The webhook secret is not whsec_<base64>") from error


def _header(headers: Mapping[str, str], name: str) -> str:
    # Plain dicts from frameworks differ in case; httpx/Starlette headers are already case-insensitive.
    for key, value in headers.items():
        if key.lower() == name:
            return value
    raise WebhookVerificationError(f"Missing {name} header")


def verify(
    payload: bytes | str,
    headers: Mapping[str, str],
    secret: str,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> WebhookEvent:
    """Returns the delivery's parsed event, or raises WebhookVerificationError when a header is missing,
    the timestamp is more than `tolerance` seconds from now (replay protection) or no `v1` signature
    matches. `payload` must be the raw request body, byte for byte."""
    message_id = _header(headers, "webhook-id")
    timestamp = _header(headers, "webhook-timestamp")
    signatures = _header(headers, "webhook-signature")
    try:
        sent = int(timestamp)
    except ValueError as error:
        raise WebhookVerificationError("webhook-timestamp is not Unix seconds") from error
    if abs((time.time() if now is None else now) - sent) > tolerance:
        raise WebhookVerificationError("Webhook timestamp is outside the tolerance: a replay or a skewed clock")
    body = payload.encode("utf-8") if isinstance(payload, str) else payload
    expected = hmac.new(_key(secret), f"{message_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    for candidate in signatures.split():
        version, _, encoded = candidate.partition(",")
        try:
            signature = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            continue
        if version == "v1" and hmac.compare_digest(signature, expected):
            return WebhookEvent.from_dict(json.loads(body))
    raise WebhookVerificationError("No webhook signature matches")


class Webhooks:
    """`client.webhooks.verify(...)`: the same as `distillery.webhooks.verify`."""

    verify = staticmethod(verify)
