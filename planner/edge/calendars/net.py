"""Feeds over HTTPS: which URLs the planner will use, and reading one.

A calendar says where a person is and when; it travels encrypted and to a
server whose certificate checks out, or not at all. Plain ``http://`` is
taken only for this machine (a local server, the tests' Radicale), and a
redirect may not drop from HTTPS to HTTP. ``webcal://`` (what Apple and
Outlook hand out) is HTTPS. A URL carrying a password (``https://u:p@host``)
is refused: the secret would sit in the plan file.
"""

from __future__ import annotations

import base64
import re
import ssl
import urllib.error
import urllib.request
from http.client import HTTPMessage
from typing import IO, Final
from urllib.parse import urlsplit, urlunsplit

from planner.edge.calendars.errors import CalendarError, FetchError

__all__ = ["FETCH_SECONDS", "MAX_BYTES", "checked_url", "get_feed", "is_url", "reason", "shown_url"]

FETCH_SECONDS: Final = 20
"""Long enough for a slow server on a phone's connection; short enough that a command without
network falls back to its cached copy while the user still waits for it."""
MAX_BYTES: Final = 50 * 1024 * 1024
"""A feed this large is not a personal calendar (years of a busy one are a few megabytes)."""
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


class _NoDowngrade(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if req.full_url.lower().startswith("https:") and not newurl.lower().startswith("https:"):
            raise urllib.error.URLError("the server redirected to plain http")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def get_feed(url: str, username: str | None, password: str | None) -> bytes:
    """The body at ``url`` (already ``checked_url``), or ``FetchError`` with a short reason."""
    request = urllib.request.Request(url, headers={"Accept": "text/calendar", "User-Agent": "planner"})
    if username:
        token = base64.b64encode(f"{username}:{password or ''}".encode()).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=ssl.create_default_context()), _NoDowngrade()
    )
    try:
        with opener.open(request, timeout=FETCH_SECONDS) as response:
            data: bytes = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            raise FetchError(f"login refused ({exc.code})", fatal=True) from None
        raise FetchError(f"the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise FetchError(reason(exc)) from None
    if len(data) > MAX_BYTES:
        raise FetchError(f"the feed is larger than {MAX_BYTES // 2**20} MB")
    return data


_ERRNO: Final = re.compile(r"\[Errno -?\d+\] ([^'\")]+)")


def reason(exc: BaseException) -> str:
    """A few words on why a request failed (no URL, no headers: nothing that could hold a secret)."""
    if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, BaseException):
        return reason(exc.reason)
    if isinstance(exc, urllib.error.URLError):
        return str(exc.reason)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"the server's certificate is not trusted ({exc.verify_message})"
    if "CERTIFICATE_VERIFY_FAILED" in str(exc) or "certificate verify failed" in str(exc):
        return "the server's certificate is not trusted"  # the same, wrapped by an HTTP library
    if isinstance(exc, ssl.SSLError) or type(exc).__name__ == "SSLError":
        return "no secure connection (TLS failed)"
    if isinstance(exc, TimeoutError) or "timed out" in str(exc).lower():
        return "timed out"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower() if exc.strerror[:1].isupper() and exc.strerror[1:2].islower() else exc.strerror
    found = _ERRNO.search(str(exc))
    if found:
        return found.group(1).strip().lower()
    return type(exc).__name__
