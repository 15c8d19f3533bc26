"""A process-wide count of committed changes, so caches of rendered pages know when to let go.

Every database commit in this process moves it at once (an SQLAlchemy ``after_commit``
listener); changes made by other processes (a second web server, an ingest worker, the
CLI) are noticed by the caches themselves from the database and the index (see
:mod:`heritage.web.pagecache`).
"""
from __future__ import annotations

import itertools
import threading

from sqlalchemy import event
from sqlalchemy.orm import Session

_counter = itertools.count(1)
_lock = threading.Lock()
_current = 0


def current() -> int:
    """The number of the latest change seen by this process."""
    return _current


def changed() -> int:
    """Record a change (a commit here, or one noticed from elsewhere); returns its number."""
    global _current
    with _lock:
        _current = next(_counter)
        return _current


@event.listens_for(Session, "after_commit")
def _after_commit(_session) -> None:
    # after the commit, not after the flush: a page rendered from the old rows before this
    # point was stamped with the old number and is never served under the new one
    changed()
