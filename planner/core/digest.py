"""SHA-256 of some bytes, as hex: the plan's fingerprint, the calendar cache's keys, published events' uids.

``hashlib`` loads OpenSSL to import, which costs milliseconds a command
would spend for nothing: CPython's own SHA-256 module is used when there is
one (``_sha256`` in 3.11, ``_sha2`` from 3.12), ``hashlib`` otherwise. The
own module is about eight times slower than OpenSSL, though, so bytes over
``OPENSSL_FROM`` (a big plan) go to ``hashlib``, whose import they then pay
for. The digests are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

__all__ = ["OPENSSL_FROM", "sha256_hex"]

OPENSSL_FROM: Final = 256 * 1024
"""Bytes from which OpenSSL's SHA-256 and its import (about 5 ms) beat CPython's own (about 9 ms a MiB here)."""
_make: Callable[[bytes], Any] | None = None


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` as 64 hex digits, what ``hashlib.sha256(data).hexdigest()`` gives."""
    global _make
    if len(data) >= OPENSSL_FROM:
        import hashlib

        return hashlib.sha256(data).hexdigest()
    if _make is None:
        _make = _constructor()
    return str(_make(data).hexdigest())


def _constructor() -> Callable[[bytes], Any]:
    import importlib

    for name in ("_sha256", "_sha2"):  # CPython 3.11, 3.12+
        try:
            made: Callable[[bytes], Any] = importlib.import_module(name).sha256
            return made
        except (ImportError, AttributeError):
            continue
    import hashlib

    return hashlib.sha256
