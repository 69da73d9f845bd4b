"""Reading a feed over HTTPS, imported only when a feed is actually asked for.

``urllib.request`` and ``ssl`` cost more to import than a whole ``planner
schedule`` run: a command that uses a fresh copy, or a plan whose calendars
are files, never loads them. ``net.checked_url`` has already refused any URL
that is not HTTPS (or plain HTTP to this machine); here a redirect may not
drop from HTTPS to HTTP either.
"""

from __future__ import annotations

import base64
import http.client
import re
import ssl
import urllib.error
import urllib.request
from http.client import HTTPMessage
from typing import IO, Final

from planner.edge.calendars.errors import FetchError
from planner.edge.calendars.limits import MAX_BYTES

__all__ = ["FETCH_SECONDS", "MAX_BYTES", "get_feed", "reason"]

FETCH_SECONDS: Final = 20
"""Long enough for a slow server on a phone's connection; short enough that a command without
network falls back to its cached copy while the user still waits for it."""


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
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=ssl.create_default_context()), _NoDowngrade()
    )
    try:
        response = opener.open(_request(url, username, password), timeout=FETCH_SECONDS)
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            raise FetchError(f"login refused ({exc.code})", fatal=True) from None
        raise FetchError(f"the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise FetchError(reason(exc)) from None
    except (ValueError, http.client.InvalidURL) as exc:  # the IDNA codec's UnicodeError: a URL checked_url let by
        raise FetchError(f"the URL cannot be requested ({type(exc).__name__})", fatal=True) from None
    except http.client.HTTPException as exc:  # a status line that is not HTTP: no web server there
        raise FetchError(f"the server's answer is not HTTP ({type(exc).__name__})") from None
    with response:
        data = _body(response)
    if len(data) > MAX_BYTES:
        raise FetchError(f"the feed is larger than {MAX_BYTES // 2**20} MB")
    return data


def _request(url: str, username: str | None, password: str | None) -> urllib.request.Request:
    request = urllib.request.Request(url, headers={"Accept": "text/calendar", "User-Agent": "planner"})
    if username:
        token = base64.b64encode(f"{username}:{password or ''}".encode()).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    return request


def _body(response: IO[bytes]) -> bytes:
    """At most ``MAX_BYTES`` + 1 bytes of the answer; one cut short (a dropped connection, broken chunks)
    is a ``FetchError``, not whatever ``http.client`` raised."""
    try:
        return response.read(MAX_BYTES + 1)
    except (OSError, ValueError, http.client.HTTPException) as exc:
        raise FetchError(f"the answer was cut short ({reason(exc)})") from None


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
