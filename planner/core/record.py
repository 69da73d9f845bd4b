"""Frozen, slotted records for the model, at a fraction of ``dataclasses``' start-up cost.

Every command loads the model first, and ``dataclasses`` costs its own import
(``inspect`` and friends) plus a rebuilt class per ``slots=True`` dataclass:
about a fifth of ``planner schedule``'s whole run. A record class is a class
whose annotated fields become ``__slots__``; one small generated ``__init__``
per class (the only code compiled at import) and ``__eq__`` and ``__hash__``
shared by all, over the field values read in C (``attrgetter``), do the rest. Type checkers see them as
frozen dataclasses (PEP 681), so assigning to a field is a type error; at run
time ``__setattr__`` refuses it too.

``replace(record, **changes)`` is ``dataclasses.replace`` for records.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, ClassVar, Final, TypeVar, dataclass_transform

__all__ = ["FrozenRecordError", "Record", "replace"]

_R = TypeVar("_R", bound="Record")
_MISSING: Final = object()
_set = object.__setattr__


class FrozenRecordError(AttributeError):
    """A field of a record was assigned: records are values, changed only by ``replace``."""


def _init_source(fields: tuple[str, ...], defaults: dict[str, object]) -> str:
    """The one method compiled per class: ``__init__`` with the fields as named parameters."""
    params = ", ".join(f"{f}=_d[{f!r}]" if f in defaults else f for f in fields)
    sets = "".join(f"\n    _set(self, {f!r}, {f})" for f in fields)
    return f"def __init__(self, {params}):{sets}\n"


def _getter(fields: tuple[str, ...]) -> Callable[[object], tuple[object, ...]]:
    """The field values of a record as a tuple, read in C (``attrgetter``), for ``==``, ``hash`` and ``replace``."""
    if len(fields) == 1:
        one = attrgetter(fields[0])
        return lambda record: (one(record),)
    return attrgetter(*fields) if fields else (lambda record: ())


@dataclass_transform(frozen_default=True, eq_default=True)
class _RecordMeta(type):
    """Turns a class body's annotated names into slots, defaults and generated methods."""

    _fields: tuple[str, ...]

    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> _RecordMeta:
        annotations: dict[str, str] = namespace.get("__annotations__", {})
        fields = tuple(f for f, kind in annotations.items() if not str(kind).startswith(("ClassVar", "Final")))
        defaults = {f: namespace.pop(f) for f in fields if f in namespace}
        namespace["__slots__"] = fields
        namespace["__match_args__"] = fields
        namespace["_get"] = staticmethod(_getter(fields))  # not a method: called with the record
        if fields and "__init__" not in namespace:
            generated: dict[str, Any] = {}
            exec(_init_source(fields, defaults), {"_d": defaults, "_set": _set}, generated)
            generated["__init__"].__qualname__ = f"{name}.__init__"
            namespace["__init__"] = generated["__init__"]
        cls = super().__new__(mcls, name, bases, namespace)
        cls._fields = fields
        return cls


class Record(metaclass=_RecordMeta):
    """The base of every model class: a value with named, typed, frozen fields."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    """The field names, in order (what ``dataclasses.fields`` gives for a dataclass)."""
    _get: ClassVar[Callable[[object], tuple[object, ...]]]

    def _values(self) -> tuple[object, ...]:
        return type(self)._get(self)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        get = type(self)._get
        return bool(get(self) == get(other))

    def __hash__(self) -> int:
        return hash(type(self)._get(self))

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenRecordError(f"{type(self).__name__}.{name} cannot be assigned: use replace()")

    def __delattr__(self, name: str) -> None:
        raise FrozenRecordError(f"{type(self).__name__}.{name} cannot be deleted")

    def __repr__(self) -> str:
        inner = ", ".join(f"{f}={v!r}" for f, v in zip(self._fields, self._values(), strict=True))
        return f"{type(self).__name__}({inner})"

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (type(self), self._values())


def replace(record: _R, /, **changes: Any) -> _R:
    """A copy of ``record`` with ``changes``; an unknown field is a ``TypeError``, as for a dataclass."""
    values = dict(zip(record._fields, record._values(), strict=True))
    unknown = changes.keys() - values.keys()
    if unknown:
        raise TypeError(f"{type(record).__name__} has no field {', '.join(sorted(unknown))}")
    values.update(changes)
    return type(record)(**values)
