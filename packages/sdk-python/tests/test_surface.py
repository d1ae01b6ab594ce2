"""docs/sdk-surface.md lists every public method of the three SDKs under one name per operation. This
checks its Python column against `Distillery` and `AsyncDistillery`, both ways: each listed name is a
method of the client, and each method of the client is listed (as a method or a deprecated alias)."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import distillery

SURFACE = Path(__file__).resolve().parents[3] / "docs" / "sdk-surface.md"


def column(heading: str, name: str) -> list[str]:
    """The `name` cells of the table under `## heading`, backticks removed, `—` left out."""
    sections = SURFACE.read_text("utf-8").split("\n## ")
    section = next((s for s in sections if s.startswith(heading + "\n")), None)
    assert section is not None, f'docs/sdk-surface.md has no "## {heading}"'
    rows = [[cell.strip() for cell in line.strip()[1:-1].split("|")] for line in section.splitlines() if line.startswith("|")]
    header, _, *body = rows
    index = header.index(name)
    return [row[index].strip("`") for row in body if row[index] != "—"]


def is_resource(value: object) -> bool:
    return type(value).__module__.startswith("distillery.") and not callable(value)


def methods_of(value: object, path: str) -> list[str]:
    """Every public method reachable from `value` through its resources, as `client.a.b.method`; the
    client's own `close` is its lifecycle, not an operation, and is left out."""
    found = []
    for name, member in inspect.getmembers(type(value)):
        if not name.startswith("_") and (inspect.isfunction(member) or inspect.ismethod(member)) and path != "client":
            found.append(f"{path}.{name}")
    for name, child in vars(value).items():
        if not name.startswith("_") and is_resource(child):
            found.extend(methods_of(child, f"{path}.{name}"))
    return found


def resolve(client: object, path: str) -> object:
    value = client
    for name in path.split(".")[1:]:
        value = getattr(value, name)
    return value


LISTED = column("Methods", "Python")
DEPRECATED = column("Deprecated aliases", "Python")
CLIENTS = [distillery.Distillery, distillery.AsyncDistillery]


@pytest.mark.parametrize("cls", CLIENTS, ids=lambda c: c.__name__)
def test_every_listed_name_is_a_method_of_the_client(cls):
    client = cls(base_url="http://127.0.0.1:9")
    assert len(LISTED) > 30
    assert [path for path in LISTED + DEPRECATED if not callable(resolve(client, path))] == []


@pytest.mark.parametrize("cls", CLIENTS, ids=lambda c: c.__name__)
def test_every_method_of_the_client_is_listed(cls):
    client = cls(base_url="http://127.0.0.1:9")
    assert [path for path in methods_of(client, "client") if path not in LISTED + DEPRECATED] == []


@pytest.mark.parametrize("cls", CLIENTS, ids=lambda c: c.__name__)
def test_deprecated_aliases_say_so(cls):
    client = cls(base_url="http://127.0.0.1:9")
    assert DEPRECATED
    assert [path for path in DEPRECATED if not (resolve(client, path).__doc__ or "").startswith("Deprecated")] == []
    assert [path for path in LISTED if (resolve(client, path).__doc__ or "").startswith("Deprecated")] == []


@pytest.mark.parametrize("cls", CLIENTS, ids=lambda c: c.__name__)
def test_wait_for_completion_documents_poll_interval(cls):
    client = cls(base_url="http://127.0.0.1:9")
    for method in (client.jobs.wait_for_completion, client.fine_tuning.jobs.wait_for_completion):
        assert "`poll_interval` seconds (default 5.0" in method.__doc__
