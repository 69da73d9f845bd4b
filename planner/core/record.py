"""Frozen, slotted records for the model, at a fraction of ``dataclasses``' start-up cost.

Every command loads the model first, and ``dataclasses`` costs its own import
(``inspect`` and friends) plus a rebuilt class per ``slots=True`` dataclass:
about a fifth of ``planner schedule``'s whole run. A record class is a class
whose annotated fields become ``__slots__``; one small generated ``__init__``
per class (renamed from one compiled per number of fields) and ``__eq__`` and ``__hash__``
shared by all, over the field values read in C (``attrgetter``), do the rest. Type checkers see them as
frozen dataclasses (PEP 681), so assigning to a field is a type error; at run
time ``__setattr__`` refuses it too.

``replace(record, **changes)`` is ``dataclasses.replace`` for records.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from types import CodeType, FunctionType
from typing import Any, ClassVar, Final, TypeVar, dataclass_transform

__all__ = ["FrozenRecordError", "Record", "replace"]

_R = TypeVar("_R", bound="Record")
_MISSING: Final = object()
_set = object.__setattr__
_TEMPLATES: dict[int, CodeType] = {}


class FrozenRecordError(AttributeError):
    """A field of a record was assigned: records are values, changed only by ``replace``."""


def _template(arity: int) -> CodeType:
    """The code of an ``__init__`` of ``arity`` fields named ``_f0``, ``_f1``, ...: compiled once per arity."""
    code = _TEMPLATES.get(arity)
    if code is None:
        params = "".join(f", _f{i}" for i in range(arity))
        sets = "".join(f"\n    _set(self, '_f{i}', _f{i})" for i in range(arity))
        scope: dict[str, Any] = {}
        exec(f"def __init__(self{params}):{sets}\n", {}, scope)
        code = _TEMPLATES[arity] = scope["__init__"].__code__
    return code


def _init(name: str, fields: tuple[str, ...], defaults: dict[str, object]) -> Callable[..., None]:
    """``__init__`` with the fields as named parameters: the template of their number, renamed.

    Compiling one ``__init__`` per class was most of the model's import time; renaming
    a shared template's variables and constants costs nothing like it.
    """
    if "self" in fields:
        raise TypeError(f"{name}: a field cannot be named self")
    template = _template(len(fields))
    placeholder = {f"_f{i}": field for i, field in enumerate(fields)}
    code = template.replace(
        co_varnames=("self", *fields),
        co_consts=tuple(placeholder.get(c, c) if isinstance(c, str) else c for c in template.co_consts),
        co_name="__init__",
        co_qualname=f"{name}.__init__",
    )
    given = [f for f in fields if f in defaults]
    if given != list(fields[len(fields) - len(given) :]):
        raise TypeError(f"{name}: a field without a default follows one with a default")
    init: Callable[..., None] = FunctionType(code, {"_set": _set}, "__init__", tuple(defaults[f] for f in given))
    return init


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
            namespace["__init__"] = _init(name, fields, defaults)
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
