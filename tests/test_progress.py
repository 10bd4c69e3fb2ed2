"""symconv.progress: a line on a terminal's stderr, updated while the work runs, erased after it."""

from __future__ import annotations

import io
import re
import threading

import symconv.progress
from symconv.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_line_counts_the_seconds_and_is_erased(monkeypatch):
    monkeypatch.setattr(symconv.progress, "TICK", 0.001)
    stream = Terminal()
    progress = Progress(stream)
    ticked = threading.Event()
    show = progress.show

    def recording(line: str) -> None:
        show(line)
        if line.endswith(" s"):
            ticked.set()

    monkeypatch.setattr(progress, "show", recording)
    with progress.step("deriving the solution"):
        assert ticked.wait(60)
    written = stream.getvalue()
    assert written.startswith("\rderiving the solution...")
    assert re.search(r"\rderiving the solution\.\.\. \d+ s", written)
    assert written.endswith("\r") and written.rsplit("\r", 2)[1].strip() == ""


def test_count_and_quiet():
    stream = Terminal()
    progress = Progress(stream)
    for done in (1, 2):
        progress.count(done, 2)
    assert stream.getvalue() == "\rgrading 1/2\rgrading 2/2\r           \r"
    quiet = Progress(Terminal(), quiet=True)
    with quiet.step("deriving"):
        quiet.count(1, 1)
    assert quiet.stream.getvalue() == "" and not quiet.shown
