"""Schemathesis hooks for the Distillery spec: media types it has no serializer for."""

import schemathesis


@schemathesis.serializer("application/x-ndjson")
def ndjson(ctx, value):
    """A dataset upload sent as the raw body: the spec types it as a string of JSONL rows."""
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8")
