"""A small sliding-window counter per key (a visitor's address, an account name).

Kept in the process's memory: with several workers each counts its own share, so the limit
a person meets is at most workers × the setting — still a wall against password guessing.
"""
from __future__ import annotations

import threading
import time
from collections import deque


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds for each key."""

    def __init__(self, limit: int, window: float):
        self.limit, self.window = limit, window
        self._events: dict[str, deque] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, now: float | None = None) -> bool:
        """Count one event for ``key``; False when it is over the limit (and is not counted)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            if len(self._events) > 10_000:  # forget idle keys now and then
                self._events = {k: v for k, v in self._events.items() if v and v[-1] > now - self.window}
            return True

    def reset(self) -> None:
        """Forget every count (tests use this)."""
        with self._lock:
            self._events.clear()
