"""Which calendar URLs the planner will use, and how they are shown (``fetch`` reads them).

A calendar says where a person is and when; it travels encrypted and to a
server whose certificate checks out, or not at all. Plain ``http://`` is
taken only for this machine (a local server, the tests' Radicale), and a
redirect may not drop from HTTPS to HTTP. ``webcal://`` (what Apple and
Outlook hand out) is HTTPS. A URL carrying a password (``https://u:p@host``)
is refused: the secret would sit in the plan file. A URL the HTTP libraries
could not request (a space in the host, a port past 65535) is refused here
too, with the plan check's words, and any URL can be shown, however broken.
"""

from __future__ import annotations

from typing import Final
from urllib.parse import quote, urlsplit, urlunsplit

from planner.core.rules.urls import url_problem
from planner.edge.calendars.errors import CalendarError

__all__ = ["checked_url", "is_url", "shown_url"]

_LOOPBACK: Final = ("localhost", "127.0.0.1", "::1")
_SCHEMES: Final = ("https://", "http://", "webcal://", "webcals://")
_ASCII: Final = "".join(chr(c) for c in range(0x21, 0x7F))
"""Kept as written in a path or a query: what is not (``ü``) is sent percent-encoded in UTF-8, as a browser
sends it (HTTP takes ASCII only)."""


def is_url(source: str) -> bool:
    return source.lower().startswith(_SCHEMES)


def checked_url(what: str, url: str) -> str:
    """``url`` as it will be requested (webcal becomes https), or ``CalendarError`` saying why not."""
    problem = url_problem(url)
    if problem is not None:  # the plan check refuses it; a plan made in code may still hold one
        raise CalendarError(f"{what}: {shown_url(url, whole_path=False)} is not a valid URL: {problem}")
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme in ("webcal", "webcals"):
        scheme = "https"
    if scheme not in ("https", "http") or not parts.hostname:
        raise CalendarError(f"{what}: {shown_url(url)} is not an https:// URL")
    if parts.password is not None or parts.username is not None:
        raise CalendarError(f"{what}: put no user or password in the URL; use username and password_command")
    if scheme == "http" and parts.hostname not in _LOOPBACK:
        raise CalendarError(f"{what}: {shown_url(url)}: only https:// is used (a calendar is private)")
    path, query = quote(parts.path or "/", safe=_ASCII), quote(parts.query, safe=_ASCII)
    return urlunsplit((scheme, parts.netloc, path, query, ""))


def shown_url(url: str, *, whole_path: bool = True) -> str:
    """``url`` fit to print: no user or password, no query; with ``whole_path`` False only the host.

    Google's secret iCal link and most feed URLs carry their secret in the
    path: a feed is shown as ``https://host/…``. A URL that does not split
    (a port past 65535, an unclosed ``[``) is shown by its host's text alone.
    """
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return _rough(url)
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address
    if port:
        host = f"{host}:{port}"
    if not whole_path:
        return f"{parts.scheme}://{host}/…"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def _rough(url: str) -> str:
    """A URL that does not split, as ``scheme://host/…``: the text up to the path, its user left out."""
    scheme, _, rest = url.strip().partition("://")
    authority = rest
    for end in "/?#":
        authority = authority.split(end, 1)[0]
    return f"{scheme}://{authority.rpartition('@')[2]}/…"
