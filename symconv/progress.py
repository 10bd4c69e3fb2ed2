"""A line of progress on standard error, while long work runs, when standard error is a terminal.

The command line shows what it is doing (deriving 10000 terms, typesetting with pdflatex,
grading item 3 of 40) with the seconds it has taken, rewritten in place every second and erased
when the work ends; nothing at all when standard error is not a terminal (a pipe, a file, CI) or
with ``--quiet``. Plain carriage returns only, no terminal escape codes.

Examples
--------
>>> import io
>>> progress = Progress(io.StringIO())    # not a terminal: silent
>>> with progress.step("deriving 6 terms"):
...     pass
>>> progress.stream.getvalue()
''
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

__all__ = ["TICK", "Progress"]

TICK = 1.0
"""Seconds between two updates of a progress line."""


class Progress:
    """Progress lines on ``stream`` (standard error), shown only when it is a terminal.

    Parameters
    ----------
    stream : text stream
    quiet : bool, optional
        Show nothing (``--quiet``).
    """

    def __init__(self, stream: IO[str], *, quiet: bool = False) -> None:
        self.stream = stream
        try:
            self.shown = not quiet and bool(stream.isatty())
        except (AttributeError, ValueError):
            self.shown = False
        self._width = 0
        self._lock = threading.Lock()

    @contextmanager
    def step(self, label: str) -> Iterator[None]:
        """Show ``label...`` while the block runs, then erase it; the seconds taken count up."""
        if not self.shown:
            yield
            return
        started = time.monotonic()
        done = threading.Event()

        def tick() -> None:
            while not done.wait(TICK):
                self.show(f"{label}... {time.monotonic() - started:.0f} s")

        self.show(f"{label}...")
        ticker = threading.Thread(target=tick, daemon=True)
        ticker.start()
        try:
            yield
        finally:
            done.set()
            ticker.join()
            self.clear()

    def count(self, done: int, total: int, label: str = "grading") -> None:
        """``grading 3/40``; erased after the last."""
        if self.shown:
            self.show(f"{label} {done}/{total}")
            if done >= total:
                self.clear()

    def show(self, line: str) -> None:
        """Write ``line`` over the previous one."""
        with self._lock:
            self.stream.write("\r" + line.ljust(self._width))
            self.stream.flush()
            self._width = len(line)

    def clear(self) -> None:
        """Erase the line (spaces, then a carriage return)."""
        with self._lock:
            if self._width:
                self.stream.write("\r" + " " * self._width + "\r")
                self.stream.flush()
                self._width = 0
