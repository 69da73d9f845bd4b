"""Whether a URL in a plan is one a request can be made to: its characters, its host and its port.

A calendar's ``source`` and ``[publish] url`` are used long after the plan
is loaded, inside the HTTP libraries, which refuse a malformed URL with
whatever exception they chose (a ``ValueError``, ``InvalidURL``, an
``UnicodeError`` from the IDNA codec): by then the command could only
crash. So the plan is refused when it is loaded, naming the key, the way
every other wrong value is. Only the text is looked at (``urllib.parse``
splits it as the libraries will); nothing is resolved or fetched.

A message never quotes the whole URL: a feed's secret sits in its path.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import SplitResult, urlsplit

from planner.core.errors import KeyPath, PlanError

__all__ = ["check_url", "url_problem"]

_URL_START: Final = re.compile(r"(?i)(?:https?|webcals?)://")
"""The schemes a request is made to (``edge.calendars.net``): what makes a value a URL to check. Anything
else is a file path (a calendar file or folder), or a value the calendar code refuses in its own words
when it reads that one calendar (``file:///x.ics``, ``ftp://``: not an https:// URL), so the rest of the
plan still loads."""
MAX_LABEL: Final = 63
"""DNS: one part of a host name (between two dots) holds at most 63 bytes; the IDNA codec refuses more."""
MAX_HOST: Final = 253
"""DNS: a whole host name holds at most 253 bytes."""
_NAMED: Final = {" ": "a space", "\n": "a line break", "\r": "a carriage return", "\t": "a tab"}


def check_url(url: str, key: KeyPath) -> str:
    """``url``, unless it is a ``scheme://`` URL no request could be made to: then ``PlanError`` saying why."""
    problem = url_problem(url)
    if problem is not None:
        raise PlanError(f"is not a valid URL: {problem}", key)
    return url


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be requested, in a few words; ``None`` when it can be, or when it is no URL.

    Surrounding blanks are allowed (the calendar code strips them), blanks
    and control characters inside are not: ``urllib.parse`` would drop a
    line break without a word and the HTTP libraries refuse a space.
    """
    text = url.strip()
    if not _URL_START.match(text):
        return None
    problem = _character_problem(text)
    if problem is not None:
        return problem
    try:
        parts = urlsplit(text)
    except ValueError:
        return _netloc_problem(text)
    return _port_problem(parts) or _host_problem(parts)


def _character_problem(text: str) -> str | None:
    """A blank or a control character, said by name and place (the host, or the rest)."""
    rest = text.split("://", 1)[1]
    host_end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    for index, char in enumerate(rest):
        if char.isspace() or not char.isprintable():
            what = _NAMED.get(char, f"the character U+{ord(char):04X}")
            if index < host_end:
                return f"its host has {what} in it"
            return f"it has {what} in it" + (" (write a space as %20)" if char == " " else "")
    return None


def _netloc_problem(text: str) -> str:
    """Why ``urlsplit`` refused ``text``: its ``[ ]`` hold no IP address, or its host changes meaning."""
    if "[" in text or "]" in text:
        return "the [ ] around its host do not hold an IPv6 address"
    return "its host has characters that change meaning when normalised"


def _port_problem(parts: SplitResult) -> str | None:
    try:
        port = parts.port
    except ValueError:
        port = 0
    return "its port must be a whole number from 1 to 65535" if port == 0 else None


def _host_problem(parts: SplitResult) -> str | None:
    """Why the host name cannot be looked up: missing, an empty or a long part, or no IDNA form."""
    host = parts.hostname
    if not host:
        return "it has no host"
    if "[" in parts.netloc:
        return None  # an IP address in brackets: urlsplit has checked it
    name = host.removesuffix(".")  # "example.org." is a full name
    labels = name.split(".")
    if not all(labels):
        return "its host has an empty part (two dots in a row, or a dot at an end)"
    if any(len(label) > MAX_LABEL for label in labels):
        return f"a part of its host (between dots) is longer than {MAX_LABEL} characters"
    try:
        encoded = name.encode("idna")
    except UnicodeError:
        return "its host is not a valid host name"
    if len(encoded) > MAX_HOST:
        return f"its host is longer than {MAX_HOST} characters"
    return None
