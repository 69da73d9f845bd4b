"""The app's stylesheet as Textual parsed it, kept so the next start does not parse it again.

Parsing ``planner.tcss`` and the default styles of the widgets on the first
screen takes about a sixth of the app's first frame, on every start, though
the styles change only with the planner or Textual. So after the first
frame the rules Textual parsed are kept in the cache folder (``edge.keptfiles``:
the user's own, 0600), and the next app starts with them in its stylesheet's
parse cache. Textual's cache is keyed by the CSS text itself, so a rule is
used only for the very text it was parsed from; the kept file's key names
the rest: the CSS variables (the theme) that were substituted, the Python
that pickled it, and Textual's CSS code by a checksum of its source (Textual
is pinned, and this holds across a reinstall of the same version too).

Anything wrong with the kept file and Textual parses as it always does.
Unpickling admits Textual's CSS, colour, geometry and layout classes, the
selector checks, ``functools.partial`` and enum members, nothing else.

This reaches into ``Stylesheet._parse_cache``, which Textual does not
document: a test compares the rules restored with a fresh parse, so a
Textual bump that changes it fails there, not on a user's screen.
"""

from __future__ import annotations

import enum
import functools
import importlib
import io
import os
import pickle
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Final

from planner.edge import keptfiles

if TYPE_CHECKING:
    from textual.css.model import RuleSet
    from textual.css.stylesheet import Stylesheet

__all__ = ["keep", "restore"]

FORMAT: Final = 1
"""Bumped when what is kept changes shape for the same Textual."""
_FOLDER: Final = "styles"
_NAME: Final = "app.styles"
_TEXTUAL_CSS_CODE: Final = ("css/", "color.py", "geometry.py", "layouts/")
"""Textual's modules that parse CSS and whose objects the rules hold (under the ``textual`` package)."""
_ALLOWED: Final = frozenset(
    {
        ("textual.color", "Color"),
        ("textual.geometry", "Spacing"),
        ("textual.css.model", "RuleSet"),
        ("textual.css.model", "Selector"),
        ("textual.css.model", "SelectorSet"),
        ("textual.css.model", "SelectorType"),
        ("textual.css.model", "CombinatorType"),
        ("textual.css.model", "_check_class"),
        ("textual.css.model", "_check_id"),
        ("textual.css.model", "_check_type"),
        ("textual.css.model", "_check_universal"),
        ("textual.css.scalar", "Scalar"),
        ("textual.css.scalar", "ScalarOffset"),
        ("textual.css.scalar", "Unit"),
        ("textual.css.styles", "Styles"),
        ("textual.layouts.grid", "GridLayout"),
        ("textual.layouts.horizontal", "HorizontalLayout"),
        ("textual.layouts.vertical", "VerticalLayout"),
    }
)
"""What parsed rules are made of (Textual 8.2): each must be defined in the module that names it (no re-export).
A Textual whose rules need more is not kept (``keep`` reads its pickle back first), and parses as before."""


def restore(stylesheet: Stylesheet, cache: Path) -> frozenset[object]:
    """Put the kept rules into ``stylesheet``'s parse cache; the keys put there (empty: nothing kept)."""
    data = keptfiles.read(cache, _FOLDER, _NAME, _basis(stylesheet))
    if data is None:
        return frozenset()
    entries = _entries(data)
    for key, rules in entries:
        stylesheet._parse_cache.set(key, rules)
    return frozenset(key for key, _ in entries)


def keep(stylesheet: Stylesheet, cache: Path, restored: frozenset[object]) -> None:
    """Keep what ``stylesheet`` has parsed of its sources, when it parsed any that was not restored.

    Kept: the entries of the sources it has now, and those restored for a
    source this start did not have (a widget only some starts mount: the
    loading indicator of a big plan, a dialog), so starts that differ do not
    take turns parsing what the other dropped; not when the file it was read
    from is gone (an old checkout's). An entry for a source the
    stylesheet has with other text (an older ``planner.tcss``, a widget's
    styles before an upgrade) goes with the next write.
    """
    parsed = stylesheet._parse_cache
    # The sources the stylesheet has now, as (CSS, where it was read from).
    # (One source may have been parsed at two places in the cascade: both entries stay.)
    sources = {(source.content, where) for where, source in stylesheet.source.items()}
    wheres = {where for _, where in sources}
    cached = parsed.keys()  # an LRUCache: not iterable itself
    keys = [key for key in cached if key[:2] in sources or (key in restored and _still_elsewhere(key[1], wheres))]
    if set(keys) <= restored:
        return
    try:
        body = pickle.dumps([(key, parsed.get(key)) for key in keys], protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a rule Textual made that does not pickle: nothing is kept
        return
    if len(_entries(memoryview(body))) != len(keys):
        return  # rules made of more than ``_ALLOWED``: never read back, so never written
    keptfiles.write(cache, _FOLDER, _NAME, _basis(stylesheet) + body, suffix=".styles", keep_at_most=1)


def _still_elsewhere(where: tuple[str, str], wheres: set[tuple[str, str]]) -> bool:
    """A restored source this start did not have, whose file is still there (not a removed checkout's)."""
    return where not in wheres and os.path.isfile(where[0])


def _entries(data: memoryview) -> list[tuple[tuple[object, ...], list[RuleSet]]]:
    """The kept ``(key, rules)`` pairs, all of them checked for shape; none when anything is amiss."""
    from textual.css.model import RuleSet

    try:
        entries = _Unpickler(io.BytesIO(data)).load()
    except Exception:  # a kept file cut short or written by something else: Textual parses as usual
        return []
    if type(entries) is not list:
        return []
    for entry in entries:
        if not (type(entry) is tuple and len(entry) == 2 and _is_key(entry[0])):
            return []
        rules = entry[1]
        if type(rules) is not list or not all(type(rule) is RuleSet for rule in rules):
            return []
    return entries


def _is_key(key: object) -> bool:
    """Textual's parse cache key: (css, (path, name), default?, tie breaker, scope)."""
    if not (type(key) is tuple and len(key) == 5):
        return False
    css, where, is_default, tie_breaker, scope = key
    return (
        type(css) is str
        and type(where) is tuple
        and len(where) == 2
        and all(type(part) is str for part in where)
        and type(is_default) is bool
        and type(tie_breaker) is int
        and type(scope) is str
    )


def _basis(stylesheet: Stylesheet) -> bytes:
    variables = repr(sorted(stylesheet._variables.items())).encode("utf-8", "surrogatepass")
    python = f"{sys.implementation.cache_tag}|{sys.hexversion:x}"
    return f"planner kept styles {FORMAT}|{python}|{_textual()}|{zlib.crc32(variables):08x}\n".encode()


@functools.cache
def _textual() -> str:
    import textual

    root = Path(textual.__file__).parent
    return f"{root}|{keptfiles.code_checksum(root, _TEXTUAL_CSS_CODE)}"


def _attribute(owner: object, name: str) -> object:
    """What ``getattr`` may be in a pickle of rules: an enum's member, or the two dict methods ``Styles`` holds
    (``get_rule``, ``has_rule``)."""
    if isinstance(owner, type) and issubclass(owner, enum.Enum):
        return owner[name]
    if type(owner) is dict and name in ("get", "__contains__"):
        return getattr(owner, name)
    raise pickle.UnpicklingError(f"{type(owner).__name__}.{name} is not part of a stylesheet")


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        if (module, name) == ("functools", "partial"):
            return functools.partial
        if (module, name) == ("builtins", "getattr"):
            return _attribute
        if (module, name) in _ALLOWED:
            found = getattr(importlib.import_module(module), name, None)
            if getattr(found, "__module__", None) == module:
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a stylesheet")
