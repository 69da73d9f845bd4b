"""The toml-test corpus (TOML 1.0 cases) against the plan loader."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import pytest
import tomli_w

from planner.core.errors import PlanError
from planner.edge import store

# The TOML 1.0 cases of toml-test, vendored with their licence (see SOURCE.txt there).
CORPUS = Path(__file__).resolve().parent / "toml-test"
LISTED = (CORPUS / "files-toml-1.0.0").read_text().split()
INVALID = [p for p in LISTED if p.startswith("invalid/") and p.endswith(".toml")]
VALID = [p for p in LISTED if p.startswith("valid/") and p.endswith(".toml")]


def test_corpus_is_there() -> None:
    assert len(INVALID) > 400 and len(VALID) > 150


@pytest.mark.parametrize("name", INVALID)
def test_invalid_document_is_refused_cleanly(name: str) -> None:
    data = (CORPUS / name).read_bytes()
    with pytest.raises(PlanError) as info:
        store.loads(data, name)
    message = str(info.value)
    assert message.startswith(name)
    assert "\n" not in message and "\r" not in message


def same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b and type(a) is type(b)


@pytest.mark.parametrize("name", VALID)
def test_valid_document_parses_round_trips_and_is_not_a_plan(name: str) -> None:
    text = (CORPUS / name).read_bytes().decode("utf-8").removeprefix("\ufeff")
    doc = tomllib.loads(text)
    assert same(tomllib.loads(tomli_w.dumps(doc)), doc)
    with pytest.raises(PlanError) as info:
        store.loads(text, name)
    assert "\n" not in str(info.value)
