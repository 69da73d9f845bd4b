"""The plan a file's bytes were read into, kept so the same bytes are not parsed and checked again.

Reading a plan is tomllib's parse and then a check of every value. For a plan
with thousands of resources that is half a second, paid by every command and
by every start of the app, although the file changes only when someone edits
it. So the plan read from a file is kept in the cache folder, one kept file
per plan file, under a key naming everything the plan was made from: the
bytes' SHA-256 (which a load computes anyway, for the file's fingerprint),
this format, the Python that pickled it, and the planner's reading code (its
files' size and time, so an upgrade or an edited checkout reads afresh).

A file that does not load is never kept: its error is found, and said, on
every read. Anything wrong with a kept file (missing, cut short, another key,
not a plan) and the bytes are read again, so the cache only ever costs time.
Unpickling is limited to the model's classes and ``datetime``'s: a kept file
cannot make the planner run anything.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import os
import pickle
import sys
from pathlib import Path
from typing import Final

import planner
from planner.core import model
from planner.core.digest import sha256_hex
from planner.core.model import Plan
from planner.core.record import Record

__all__ = ["keep", "kept"]

FORMAT: Final = 1
"""Bumped when what is kept changes shape for the same bytes and code."""
_READING_CODE: Final = ("planfile", "core", "core/rules", "edge")
"""The planner's folders whose modules make a plan of bytes: the parser, the model, the checks, the store."""
_DATETIME: Final = frozenset({"date", "time", "datetime", "timedelta", "timezone"})
"""What a kept plan may name besides the model's records; anything else makes the kept file unreadable."""


def kept(plan_path: str | os.PathLike[str], digest: str, folder: Path) -> Plan | None:
    """The plan kept for ``plan_path`` when it was read from bytes whose SHA-256 is ``digest``."""
    try:
        data = _file(folder, plan_path).read_bytes()
    except OSError:
        return None
    head = _basis(digest)
    if not data.startswith(head):
        return None
    try:
        plan = _Unpickler(io.BytesIO(memoryview(data)[len(head) :])).load()
    except Exception:  # a kept file cut short or written by something else raises whatever pickle meets
        return None
    return plan if type(plan) is Plan else None


def keep(plan_path: str | os.PathLike[str], digest: str, plan: Plan, folder: Path) -> None:
    """Keep ``plan`` as what the bytes whose SHA-256 is ``digest`` read into.

    A cache that cannot be written only costs time: nothing is said.
    """
    from planner.edge.store import write_atomic

    path = _file(folder, plan_path)
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(path, _basis(digest) + pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL))


def code_mark(root: Path, folders: tuple[str, ...] = _READING_CODE) -> str:
    """The reading code as installed: each module's name, size and time, digested."""
    marks = []
    for folder in folders:
        try:
            with os.scandir(root / folder) as entries:
                for entry in entries:
                    if entry.name.endswith(".py"):
                        st = entry.stat()
                        marks.append(f"{folder}/{entry.name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            marks.append(f"{folder}:-")
    return sha256_hex("\n".join(sorted(marks)).encode("utf-8", "surrogatepass"))


@functools.cache
def _installed() -> str:
    return code_mark(Path(planner.__file__).parent)


def _basis(digest: str) -> bytes:
    python = f"{sys.implementation.cache_tag}|{sys.hexversion:x}"  # pickles are read by the Python that wrote them
    return f"planner kept plan {FORMAT}|{python}|{_installed()}|{digest}\n".encode()


def _file(folder: Path, plan_path: str | os.PathLike[str]) -> Path:
    name = sha256_hex(os.path.abspath(plan_path).encode("utf-8", "surrogatepass"))[:24]
    return folder / "plans" / f"{name}.plan"


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        if module == "planner.core.model":
            found = getattr(model, name, None)
            if isinstance(found, type) and issubclass(found, Record):
                return found
        elif module == "datetime" and name in _DATETIME:
            return getattr(dt, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a plan")
