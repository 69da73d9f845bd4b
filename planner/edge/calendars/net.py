"""Which calendar URLs the planner will use, and how they are shown (``fetch`` reads them).

A calendar says where a person is and when; it travels encrypted and to a
server whose certificate checks out, or not at all. Plain ``http://`` is
taken only for this machine (a local server, the tests' Radicale), and a
redirect may not drop from HTTPS to HTTP. ``webcal://`` (what Apple and
Outlook hand out) is HTTPS. A URL carrying a password (``https://u:p@host``)
is refused: the secret would sit in the plan file.
"""

from __future__ import annotations

from typing import Final
from urllib.parse import urlsplit, urlunsplit

from planner.edge.calendars.errors import CalendarError

__all__ = ["checked_url", "is_url", "shown_url"]

_LOOPBACK: Final = ("localhost", "127.0.0.1", "::1")
_SCHEMES: Final = ("https://", "http://", "webcal://", "webcals://")


def is_url(source: str) -> bool:
    return source.lower().startswith(_SCHEMES)


def checked_url(what: str, url: str) -> str:
    """``url`` as it will be requested (webcal becomes https), or ``CalendarError`` saying why not."""
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
    return urlunsplit((scheme, parts.netloc, parts.path or "/", parts.query, ""))


def shown_url(url: str, *, whole_path: bool = True) -> str:
    """``url`` fit to print: no user or password, no query; with ``whole_path`` False only the host.

    Google's secret iCal link and most feed URLs carry their secret in the
    path: a feed is shown as ``https://host/…``.
    """
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    if not whole_path:
        return f"{parts.scheme}://{host}/…"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))
