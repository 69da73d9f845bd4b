"""The planner's SHA-256 is SHA-256: fingerprints and cache keys must match any other tool's."""

from __future__ import annotations

import hashlib

import pytest

from planner.core.digest import OPENSSL_FROM, sha256_hex


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"abc",
        'schema = 1\n[exam]\nname = "Überprüfung"\n'.encode(),
        bytes(range(256)) * 300,
        b"x" * (OPENSSL_FROM - 1),
        b"y" * OPENSSL_FROM,
        bytes(range(256)) * (OPENSSL_FROM // 64),
    ],
    ids=["empty", "abc", "utf-8 plan", "binary", "just under the OpenSSL size", "the OpenSSL size", "a big plan"],
)
def test_the_digest_is_sha256(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_the_known_answer() -> None:
    assert sha256_hex(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
