"""A Trello board export, read into typed data before anything of it is used.

An export is a file from elsewhere: it may be no export at all, or one made
to hurt. Every field the import uses is checked here, and a file that is not
a board is a ``PlanError`` naming the key that is wrong (``cards[3].idList:
must be a string``). Text is kept as typed, apart from lone surrogates
(which no file can hold); front ends clean it when they show it. Links are
kept only when they point at Trello over https.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any, Final

from planner.core.errors import KeyPath, PlanError
from planner.core.record import Record

__all__ = ["Board", "Card", "TrelloList", "board_from_export"]

_CARD_ID: Final = re.compile(r"[A-Za-z0-9_-]{1,64}")
"""Trello's ids are 24 hex digits; anything else that is safe in a file and a terminal is let through."""
_SHORT_LINK: Final = re.compile(r"[A-Za-z0-9]{1,32}")
"""A short link becomes part of a URL, so it may hold nothing that could change the URL's meaning."""


class TrelloList(Record):
    id: str
    name: str
    pos: float
    closed: bool


class Card(Record):
    id: str
    name: str
    list_id: str
    pos: float
    closed: bool = False
    desc: str = ""
    url: str | None = None
    due_complete: bool = False
    labels: tuple[str, ...] = ()
    """The names of its labels (a colour-only label has none and is left out)."""
    items: int = 0
    """Checklist items in all its checklists."""
    checked: int = 0
    """Of those, how many are complete."""


class Board(Record):
    name: str
    lists: tuple[TrelloList, ...]
    cards: tuple[Card, ...]


def _fail(key: KeyPath, message: str) -> PlanError:
    return PlanError(message, key)


def _text(value: object, key: KeyPath, *, default: str | None = None) -> str:
    if value is None and default is not None:
        return default
    if not isinstance(value, str):
        raise _fail(key, f"must be a string, got {type(value).__name__}")
    if any("\ud800" <= ch <= "\udfff" for ch in value):  # a lone surrogate from a JSON escape cannot be saved
        value = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in value)
    return value


def _flag(value: object, key: KeyPath) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _fail(key, f"must be true or false, got {type(value).__name__}")
    return value


def _pos(value: object, key: KeyPath) -> float:
    """A place on the board, as a float to sort by. JSON allows an integer of any length, which ``float``
    cannot take (``OverflowError``), and reads ``1e400`` as infinity: both are refused by key."""
    if value is None:
        return 0.0
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(key, f"must be a number, got {type(value).__name__}")
    try:
        place = float(value)
    except OverflowError:
        raise _fail(key, "is too large a number") from None
    if not math.isfinite(place):
        raise _fail(key, "is too large a number")
    return place


def _array(data: Mapping[str, Any], name: str, *, required: bool) -> list[Any]:
    value = data.get(name)
    if value is None and not required:
        return []
    if not isinstance(value, list):
        raise _fail((name,), "is missing: this is not a Trello board export (it has no lists and cards)")
    return value


def _object(value: object, key: KeyPath) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _fail(key, f"must be an object, got {type(value).__name__}")
    return value


def _label_names(data: Mapping[str, Any]) -> dict[str, str]:
    names = {}
    for i, item in enumerate(_array(data, "labels", required=False)):
        label = _object(item, ("labels", i))
        names[_text(label.get("id"), ("labels", i, "id"))] = _text(label.get("name"), ("labels", i, "name"), default="")
    return names


def _checklists(data: Mapping[str, Any]) -> dict[str, tuple[int, int]]:
    """Card id -> (items, complete items), over all its checklists."""
    out: dict[str, tuple[int, int]] = {}
    for i, item in enumerate(_array(data, "checklists", required=False)):
        checklist = _object(item, ("checklists", i))
        card = _text(checklist.get("idCard"), ("checklists", i, "idCard"))
        items = checklist.get("checkItems") or []
        if not isinstance(items, list):
            raise _fail(("checklists", i, "checkItems"), "must be an array")
        done = sum(1 for x in items if isinstance(x, dict) and x.get("state") == "complete")
        total, checked = out.get(card, (0, 0))
        out[card] = (total + len(items), checked + done)
    return out


def _card(item: object, key: KeyPath, labels: Mapping[str, str], lists: Mapping[str, tuple[int, int]]) -> Card:
    card = _object(item, key)
    card_id = _text(card.get("id"), (*key, "id"))
    if not _CARD_ID.fullmatch(card_id):
        raise _fail((*key, "id"), "is not a Trello card id")
    names = [labels.get(x, "") for x in card.get("idLabels") or () if isinstance(x, str)]
    for label in card.get("labels") or ():
        if isinstance(label, dict) and isinstance(label.get("name"), str):
            names.append(label["name"])
    items, checked = lists.get(card_id, (0, 0))
    return Card(
        id=card_id,
        name=_text(card.get("name"), (*key, "name")),
        list_id=_text(card.get("idList"), (*key, "idList")),
        pos=_pos(card.get("pos"), (*key, "pos")),
        closed=_flag(card.get("closed"), (*key, "closed")),
        desc=_text(card.get("desc"), (*key, "desc"), default=""),
        url=_card_url(card),
        due_complete=_flag(card.get("dueComplete"), (*key, "dueComplete")),
        labels=tuple(dict.fromkeys(n for n in names if n.strip())),
        items=items,
        checked=checked,
    )


def _card_url(card: Mapping[str, Any]) -> str | None:
    """The card's short link as a URL; only an https link to Trello, whatever the file says."""
    short = card.get("shortLink")
    if isinstance(short, str) and _SHORT_LINK.fullmatch(short):
        return f"https://trello.com/c/{short}"
    url = card.get("shortUrl") or card.get("url")
    if isinstance(url, str) and url.startswith("https://trello.com/") and url.isprintable() and len(url) < 500:
        return url
    return None


def board_from_export(data: object) -> Board:
    """The board in a parsed export (``json.load`` of the file), or a ``PlanError`` naming what is wrong."""
    if not isinstance(data, dict):
        raise PlanError(f"is not a Trello board export: it holds a JSON {_json_kind(data)}, not a board object")
    raw_lists = _array(data, "lists", required=True)
    raw_cards = _array(data, "cards", required=True)
    lists = []
    for i, item in enumerate(raw_lists):
        entry = _object(item, ("lists", i))
        lists.append(
            TrelloList(
                id=_text(entry.get("id"), ("lists", i, "id")),
                name=_text(entry.get("name"), ("lists", i, "name")),
                pos=_pos(entry.get("pos"), ("lists", i, "pos")),
                closed=_flag(entry.get("closed"), ("lists", i, "closed")),
            )
        )
    labels, checklists = _label_names(data), _checklists(data)
    cards = tuple(_card(item, ("cards", i), labels, checklists) for i, item in enumerate(raw_cards))
    name = data.get("name")
    return Board(name=_text(name, ("name",)) if isinstance(name, str) else "", lists=tuple(lists), cards=cards)


def _json_kind(data: object) -> str:
    if isinstance(data, list):
        return "array"
    if isinstance(data, str):
        return "string"
    if data is None:
        return "null"
    return "boolean" if isinstance(data, bool) else "number"
