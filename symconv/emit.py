"""Where the command line's output goes: one format choice, one writer, any terminal.

:func:`emit` is how every command writes what it made: the format comes from ``--format``, else
from the file's ending (:data:`ENDINGS`), else the command's default, and is checked in one place
with one message; the text goes to standard output (no ``-o``, or ``-o -``) or to a file, written
whole or not at all (:func:`symconv.atomic.write_atomically`). :func:`ascii_fallback` lets a
terminal that cannot print ``⊙`` or ``♭`` (``PYTHONIOENCODING=cp1252``) show ASCII instead.

Examples
--------
>>> emit({"text": lambda: "y[0] = 1"}, None, None, command="symconv conv")
y[0] = 1
>>> emit({"text": str, "json": str}, None, "y.pdf", command="symconv conv")
Traceback (most recent call last):
...
symconv.errors.InputError: output: 'y.pdf' does not end in .txt or .json (what symconv conv writes); rename it or give --format
"""

from __future__ import annotations

import codecs
import sys
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO

from symconv.atomic import write_atomically
from symconv.errors import InputError
from symconv.progress import Progress

__all__ = ["ASCII", "ENDINGS", "ascii_fallback", "emit", "output_format", "write"]

ENDINGS = {".txt": "text", ".md": "markdown", ".tex": "latex", ".json": "json", ".pdf": "pdf"}
"""The format a file's ending asks for."""

ASCII = {"⊙": "(.)", "♭": "_flip", "⋆": "(*)", "⊛": "(*)N", "↑": "^", "δ": "delta", "Δ": "Delta", "−": "-",
         "—": "--", "–": "-", "…": "...", "×": "x", "·": "*", "Σ": "sum", "∑": "sum", "≤": "<=", "≥": ">=",
         "≠": "!=", "→": "->", "←": "<-", "✓": "ok", "✗": "x", "⌊": "floor(", "⌋": ")", "∞": "oo", "≈": "~",
         "\u0304": "^*", "\u0305": "", "π": "pi", "∂": "d"}
"""ASCII for the symbols symconv prints, on a terminal that cannot show them."""


def output_format(fmt: str | None, target: str | None, formats: Mapping | list, *, default: str = "text",
                  command: str = "symconv") -> str:
    """The format to write: ``fmt``, else the ending of ``target`` (a file name), else ``default``.

    Examples
    --------
    >>> output_format(None, "solution.PDF", ["text", "pdf"]), output_format("text", "y.json", ["text", "json"])
    ('pdf', 'text')
    """
    if fmt is not None:
        if fmt not in formats:
            raise InputError("--format", f"{command} writes {', '.join(formats)}, not {fmt}")
        return fmt
    if target is None or target == "-" or not target.strip():  # an empty name: write_atomically says so
        return default
    name = Path(target).name.lower()
    kind = ENDINGS.get(name[name.rfind("."):] if "." in name else "")
    if Path(target).is_dir():  # not a file name at all: the writer says so
        return default
    if kind not in formats:
        endings = [ending for ending, known in ENDINGS.items() if known in formats]
        listed = ", ".join(endings[:-1]) + " or " + endings[-1] if len(endings) > 1 else endings[0]
        raise InputError("output", f"'{target}' does not end in {listed} (what {command} writes); rename it or "
                                   "give --format")
    return kind


def emit(printers: Mapping[str, Callable[[], str | bytes]], fmt: str | None, target: str | None, *,
         default: str = "text", command: str = "symconv", progress: Progress | None = None) -> None:
    """Write an object in the format chosen by :func:`output_format`; ``printers`` maps each
    format the object has to the function that prints it (``"pdf"`` gives bytes).

    ``progress`` (a :class:`symconv.progress.Progress`) shows a line while the text is made or
    pdflatex runs.
    """
    kind = output_format(fmt, target, printers, default=default, command=command)
    if kind == "pdf" and (target is None or target == "-") and _is_terminal(sys.stdout):
        raise InputError("--format", "a PDF is no text for a terminal; give -o FILE.pdf, or -o - to pipe it")
    if progress is None:
        data = printers[kind]()
    else:  # the line is erased before anything is written
        with progress.step("typesetting with pdflatex" if kind == "pdf" else f"writing {kind}"):
            data = printers[kind]()
    write(data, target)


def write(data: str | bytes, target: str | None) -> None:
    """``data`` on standard output (``target`` None or ``-``), or written to the file ``target``
    atomically; text ends with a newline."""
    if isinstance(data, str) and not data.endswith("\n"):
        data += "\n"
    if target is not None and target != "-":
        write_atomically(target, data.encode() if isinstance(data, str) else data)
        return
    try:
        if isinstance(data, str):
            sys.stdout.write(data)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader stopped early: main() ends quietly
    except OSError as error:  # '> /dev/full', a full disk
        raise InputError("output", f"cannot write to standard output: {error.strerror or error}") from None


def ascii_fallback(stream: IO[str]) -> None:
    """Let ``stream`` print what its encoding cannot as ASCII (:data:`ASCII`, else the letter
    without its accent, else ``?``) instead of raising UnicodeEncodeError.

    Examples
    --------
    >>> import io
    >>> stream = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    >>> ascii_fallback(stream)
    >>> _ = stream.write("h♭[m] ⊙ é"); stream.flush()
    >>> stream.buffer.getvalue()
    b'h_flip[m] (.) \\xe9'
    """
    encoding = getattr(stream, "encoding", None)
    if not encoding or codecs.lookup(encoding).name == "utf-8" or not hasattr(stream, "reconfigure"):
        return
    if getattr(stream, "errors", "strict") == "strict":
        stream.reconfigure(errors="symconv-ascii")


def _replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start:error.end]
    return "".join(ASCII.get(c) or _plain(c) for c in text), error.end


def _plain(character: str) -> str:
    """A character without its accent (``é`` -> ``e``), a Greek letter by its name, else ``?``."""
    plain = unicodedata.normalize("NFKD", character).encode("ascii", "ignore").decode()
    if plain:
        return plain
    name = unicodedata.name(character, "")
    return name.split()[-1].lower() if name.startswith("GREEK") else "?"


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


codecs.register_error("symconv-ascii", _replace)
