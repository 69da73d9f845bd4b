"""The model's records behave as frozen dataclasses: named and positional fields, defaults, ==, hash, replace."""

from __future__ import annotations

import pickle

import pytest

from planner.core.record import FrozenRecordError, Record, replace


class Point(Record):
    x: int
    y: int = 0
    label: str = "p"


class Pair(Record):
    left: object
    right: object


def test_fields_by_position_by_name_and_by_default() -> None:
    assert (Point(1).x, Point(1).y, Point(1).label) == (1, 0, "p")
    assert Point(1, 2, "q") == Point(x=1, label="q", y=2)
    assert Point(3, label="r")._fields == ("x", "y", "label")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        pytest.param(lambda: Point(), "missing 1 required positional argument: 'x'", id="missing"),
        pytest.param(lambda: Point(1, z=2), "unexpected keyword argument 'z'", id="unknown"),
        pytest.param(lambda: Point(1, 2, "q", 4), "takes from 2 to 4 positional arguments", id="too-many"),
    ],
)
def test_wrong_arguments_are_named(call: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        call()  # type: ignore[operator]


def test_two_classes_of_one_size_keep_their_own_names() -> None:
    pair = Pair(1, 2)
    assert (pair.left, pair.right) == (1, 2)
    assert Pair.__init__.__qualname__ == "Pair.__init__"
    assert repr(Point(1)) == "Point(x=1, y=0, label='p')"


def test_values_compare_and_hash_by_fields_and_class() -> None:
    assert Point(1, 2) == Point(1, 2)
    assert hash(Point(1, 2)) == hash(Point(1, 2))
    assert Point(1, 2) != Point(2, 1)
    assert Pair(1, 0) != Point(1, 0)


def test_frozen_and_replaced() -> None:
    p = Point(1)
    with pytest.raises(FrozenRecordError):
        p.x = 2  # type: ignore[misc]
    assert replace(p, y=5) == Point(1, 5)
    with pytest.raises(TypeError, match="no field z"):
        replace(p, z=1)
    assert pickle.loads(pickle.dumps(Point(1, 2, "s"))) == Point(1, 2, "s")


def test_a_field_without_default_after_one_with_is_refused() -> None:
    with pytest.raises(TypeError, match="without a default follows"):

        class Bad(Record):
            a: int = 1
            b: int


def test_a_field_named_self_is_refused() -> None:
    with pytest.raises(TypeError, match="cannot be named self"):

        class Bad(Record):
            self: int
