"""CalDAV, through the caldav library: one way to open a collection, with its errors in plain words.

Reading busy time and publishing sessions both open a calendar collection by
its URL with a user and a password; what goes wrong (a wrong password, a
collection that is not there, no network) is told the same way for both, as
a ``FetchError`` whose message names the URL (never the password) and says
whether waiting helps.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from planner.edge.calendars.errors import FetchError
from planner.edge.calendars.fetch import FETCH_SECONDS, reason
from planner.edge.calendars.net import shown_url

if TYPE_CHECKING:
    from caldav.collection import Calendar

__all__ = ["opened", "read_collection"]


@contextlib.contextmanager
def opened(url: str, username: str | None, password: str | None) -> Iterator[Calendar]:
    """The collection at ``url`` (already ``checked_url``) while the block runs; errors become ``FetchError``."""
    from caldav.collection import Calendar
    from caldav.davclient import DAVClient
    from caldav.lib import error

    shown = shown_url(url)
    try:
        with DAVClient(
            url=url, username=username, password=password, timeout=FETCH_SECONDS, enable_rfc6764=False
        ) as client:
            yield Calendar(client=client, url=url)
    except error.AuthorizationError:
        if username:
            raise FetchError(f"login failed for {username} at {shown}", fatal=True) from None
        raise FetchError(f"{shown} asks for a login: set username (and password_command)", fatal=True) from None
    except error.NotFoundError:
        raise FetchError(f"no calendar at {shown}", fatal=True) from None
    except error.DAVError as exc:
        raise FetchError(f"{shown}: the server refused ({type(exc).__name__})") from None
    except OSError as exc:
        raise FetchError(f"{shown}: {reason(exc)}") from None
    except ValueError as exc:  # a URL the library or its HTTP client refuses (a space, a port past 65535)
        raise FetchError(f"{shown}: the request could not be made ({type(exc).__name__})", fatal=True) from None


def read_collection(url: str, username: str | None, password: str | None, first: dt.date, last: dt.date) -> bytes:
    """Every event object of the collection that touches ``first`` .. ``last``, one VCALENDAR each.

    The objects are kept whole (a recurring series with its exceptions and
    their time zones) and expanded later, like a file.
    """
    start = dt.datetime.combine(first, dt.time(), tzinfo=dt.UTC)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    with opened(url, username, password) as calendar:
        found: object = calendar.search(start=start, end=end, event=True, expand=False)
        assert isinstance(found, list)  # the synchronous client's answer (the async one gives a coroutine)
        return b"\r\n".join(_text(item.data).encode("utf-8") for item in found)


def _text(data: object) -> str:
    return data if isinstance(data, str) else str(data or "")
