"""A progress bar for long CLI commands: on a terminal a bar, in a log a line now and then."""
from __future__ import annotations

import sys

import click


class Progress:
    """Advance with ``update(done, total)``; use as a context manager.

    On a terminal this is click's bar with position and time left. Elsewhere (cron, a log
    file) it prints ``label: done/total files`` every ``every`` files and at the end, or
    nothing when ``every`` is 0.
    """

    def __init__(self, label: str, every: int = 0):
        self.label, self.every, self.bar, self.done = label, every, None, 0

    def update(self, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            if self.every and (done % self.every == 0 or done == total):
                click.echo(f"{self.label}: {done}/{total} files", err=True)
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr,
                                         show_pos=True, show_eta=True)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)
