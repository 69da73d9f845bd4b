"""The plan a file's bytes were parsed into, kept so the same bytes are not parsed again.

tomllib's parse of a plan with thousands of resources takes half a second,
paid by every command and every start of the app, although the file changes
only when someone edits it. So the plan parsed from a file is kept in the
cache folder, one kept file per plan file, under a key naming what the parse
depended on: the bytes' SHA-256 (which a load computes anyway, for the file's
fingerprint), this format, the Python that pickled it, and the planner's
reading code (a checksum of its modules' source). The store still checks a
kept plan with the one validator (``rules.check_plan``) on every load, so
what may stand in a plan is decided in one place, against the machine as it
is now (a time zone the system no longer knows is an error again).

A file that does not load is never kept. Anything wrong with a kept file
(missing, cut short, another key, not a plan) and the bytes are parsed
again: the cache only ever costs time. Kept plans are written for their
owner alone, in a folder nobody else can write into (``edge.keptfiles``): a plan
planted there could name a command to run. Unpickling admits the model's
records and ``datetime``'s types only. At most ``MAX_KEPT`` plans are kept;
those used longest ago go first.
"""

from __future__ import annotations

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
from planner.edge import keptfiles

__all__ = ["MAX_KEPT", "keep", "kept", "reading_code"]

FORMAT: Final = 2
"""Bumped when what is kept changes shape for the same bytes and code."""
MAX_KEPT: Final = 64
"""Plans kept at most: one per plan file read, so a few folders of plans, never the whole disk."""
READING_CODE: Final = (
    "__init__.py",
    "planfile/",
    "core/__init__.py",
    "core/rules/",
    "core/errors.py",
    "core/model.py",
    "core/record.py",
    "core/years.py",
)
"""The modules that turn bytes into a plan (folders end in ``/``): the parser, the checks, the model.
A test holds this to what importing the parser imports."""
_DATETIME: Final = frozenset({"date", "time", "datetime", "timedelta", "timezone"})
"""What a kept plan may name besides the model's records; anything else makes the kept file unreadable."""
_FOLDER: Final = "plans"
_SUFFIX: Final = ".plan"


def kept(plan_path: str | os.PathLike[str], digest: str, cache: Path) -> Plan | None:
    """The plan kept for ``plan_path`` when it was parsed from bytes whose SHA-256 is ``digest``."""
    data = keptfiles.read(cache, _FOLDER, _name(plan_path), _basis(digest))
    if data is None:
        return None
    try:
        plan = _Unpickler(io.BytesIO(data)).load()
    except Exception:  # a kept file cut short or written by something else raises whatever pickle meets
        return None
    return plan if type(plan) is Plan else None


def keep(plan_path: str | os.PathLike[str], digest: str, plan: Plan, cache: Path) -> None:
    """Keep ``plan`` as what the bytes whose SHA-256 is ``digest`` were parsed into.

    A cache that cannot be written only costs time: nothing is said.
    """
    data = _basis(digest) + pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL)
    keptfiles.write(cache, _FOLDER, _name(plan_path), data, suffix=_SUFFIX, keep_at_most=MAX_KEPT)


def reading_code(root: Path, parts: tuple[str, ...] = READING_CODE) -> str:
    """A checksum of the reading code's source (``keptfiles.code_checksum``): an upgrade or an edit reads afresh."""
    return keptfiles.code_checksum(root, parts)


@functools.cache
def _installed() -> str:
    root = Path(planner.__file__).parent
    return f"{planner.__version__}|{root}|{reading_code(root)}"


def _basis(digest: str) -> bytes:
    python = f"{sys.implementation.cache_tag}|{sys.hexversion:x}"  # pickles are read by the Python that wrote them
    return f"planner kept plan {FORMAT}|{python}|{_installed()}|{digest}\n".encode()


def _name(plan_path: str | os.PathLike[str]) -> str:
    return sha256_hex(os.path.abspath(plan_path).encode("utf-8", "surrogatepass"))[:24] + _SUFFIX


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        if module == "planner.core.model":
            found = getattr(model, name, None)
            if isinstance(found, type) and issubclass(found, Record):
                return found
        elif module == "datetime" and name in _DATETIME:
            return getattr(dt, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a plan")
