"""A stand-in for a module the generator should have written but did not.

openapi-python-client 0.29.1 cannot process the spec's `CompletionLogprobs` (a nullable object whose
`top_logprobs` items are an inline map: "Attempted to generate duplicate models with name
CompletionLogprobsType0TopLogprobsItem"), so it leaves the model out, yet the generated
`CompletionChoice.from_dict` still imports it, and every completion would fail to parse. Until the
spec names that map as a schema of its own (then the module exists and this does nothing), the
module is provided here: a choice's `logprobs` stays the plain dict the server sent.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from collections.abc import Mapping
from typing import Any

MISSING = "distillery.generated.models.completion_logprobs_type_0"


class CompletionLogprobsType0(dict[str, Any]):
    """The legacy `logprobs` object of a completion choice, as sent: `tokens`, `token_logprobs`,
    `top_logprobs` and `text_offset`."""

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> CompletionLogprobsType0:
        return cls(src_dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(self)


def provide_missing_models() -> None:
    if MISSING in sys.modules or importlib.util.find_spec(MISSING) is not None:
        return
    module = types.ModuleType(MISSING, __doc__)
    module.CompletionLogprobsType0 = CompletionLogprobsType0  # type: ignore[attr-defined]
    sys.modules[MISSING] = module
