"""Sequences and matrices written as text -> exact samples and their start.

Notation (each value is read by :mod:`symconv.text`):

- 1-D: values separated by spaces (``"1 0.5 1 1"``) or by commas (``"1, 1/2, 1, 1"``,
  ``"1,2,3"``), optionally in brackets (``"[1, 0.5, 1, 1]"``). Use commas when a value contains
  spaces (``"1 + 2i, 3"``).
- 2-D: rows separated by ``;`` or new lines (``"1 2; 3 4"``), or nested brackets
  (``"[[1, 2], [3, 4]]"``). Blank lines and ``#`` comments are ignored (for ``@file`` input).
- The n = 0 sample: mark it with ``>`` as textbooks mark it with an arrow
  (``"1 >2 3"`` starts at n = -1; in 2-D the mark gives row and column), or give the start
  first: ``"n=-1: 1 2 3"`` (also ``"n=-1..1: ..."``, which must match the length, and
  ``"n=(-1,-1): ..."`` in 2-D).

Text longer than :data:`MAX_TEXT_LENGTH` characters is refused: that is not a sequence
someone typed; pass an array or a list from Python instead.

Examples
--------
>>> samples, starts = parse_signal("1 >2 3")
>>> samples.to_objects().tolist(), starts
([1, 2, 3], (-1,))
>>> parse_signal("n=-1..1: 1/2, 1, 1/2")[1]
(-1,)
"""

from __future__ import annotations

import re

from symconv.errors import InputError
from symconv.exact import to_exact_samples
from symconv.samples import Samples

__all__ = ["MARK", "MAX_TEXT_LENGTH", "parse_signal"]

MAX_TEXT_LENGTH = 100_000
MARK = ">"

_PREFIX = re.compile(
    r"^\s*(?:n|start)\s*=\s*(?P<start>\(\s*[-+]?\d+\s*(?:,\s*[-+]?\d+\s*)*\)|[-+]?\d+)"
    r"(?:\s*\.\.\s*(?P<end>[-+]?\d+))?\s*:"
)


def parse_signal(text: str, where: str = "data") -> tuple[Samples, tuple[int, ...] | None]:
    """Read a sequence or matrix from text.

    Returns
    -------
    samples : Samples
    starts : tuple of int, or None
        The start per axis when the text gives one (a mark or a prefix), else None.

    Raises
    ------
    InputError
        Empty text, a value outside the grammar, ragged rows, two marks, or text too long.

    Examples
    --------
    >>> parse_signal("1 2; 3")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: data, row 2: has 1 value where row 1 has 2; rows must be equally long
    """
    if len(text) > MAX_TEXT_LENGTH:
        raise InputError(where, f"text has {len(text)} characters; at most {MAX_TEXT_LENGTH} are "
                                "accepted (pass a list or an array for longer data)")
    body, prefix_starts, prefix_end = _split_prefix(text, where)
    rows = _rows(body, where)
    marks = [(r, c) for r, row in enumerate(rows) for c, item in enumerate(row) if item.startswith(MARK)]
    if len(marks) > 1:
        raise InputError(where, f"{len(marks)} samples are marked with '{MARK}'; mark only the n = 0 sample")
    if marks and prefix_starts is not None:
        raise InputError(where, f"the start is given twice (a 'n=' prefix and a '{MARK}' mark); give one")
    values = [[item.removeprefix(MARK) for item in row] for row in rows]
    one_dimensional = len(values) == 1 and not body.strip().startswith("[[")  # '[[1, 2]]' is 1 x 2
    samples = to_exact_samples(values[0] if one_dimensional else values, where)
    ndim = len(samples.shape)
    if marks:
        row, column = marks[0]
        return samples, ((-column,) if one_dimensional else (-row, -column))
    if prefix_starts is None:
        return samples, None
    starts = prefix_starts if len(prefix_starts) == ndim else (
        prefix_starts * ndim if len(prefix_starts) == 1 else None)
    if starts is None:
        raise InputError(where, f"the start {prefix_starts} has {len(prefix_starts)} indices for "
                                f"{ndim}-D data")
    if prefix_end is not None:
        if ndim != 1 or prefix_end - starts[0] + 1 != samples.shape[0]:
            raise InputError(where, f"the range n={starts[0]}..{prefix_end} has "
                                    f"{prefix_end - starts[0] + 1} indices but {samples.shape[0]} "
                                    "values are given")
    return samples, starts


def _split_prefix(text: str, where: str) -> tuple[str, tuple[int, ...] | None, int | None]:
    match = _PREFIX.match(text)
    if match is None:
        return text, None, None
    starts = tuple(int(part) for part in re.findall(r"[-+]?\d+", match["start"]))
    end = int(match["end"]) if match["end"] is not None else None
    return text[match.end():], starts, end


def _rows(body: str, where: str) -> list[list[str]]:
    stripped = body.strip()
    if stripped.startswith("["):
        return _bracketed(stripped, where)
    lines = [line.split("#", 1)[0] for line in re.split(r"[;\n]", body)]
    rows = [_items(line) for line in lines if line.strip()]
    if not rows:
        raise InputError(where, "empty sequence; give at least one value")
    return rows


def _items(row: str) -> list[str]:
    row = row.strip()
    if not row:
        return []  # '[]': an empty sequence, reported as such
    if re.search(r",\s", row) or not re.search(r"\s", row):
        return [item.strip() for item in row.strip(",").split(",")]
    return row.split()


def _bracketed(text: str, where: str) -> list[list[str]]:
    """Rows of ``[a, b]`` or ``[[a, b], [c, d]]``; brackets must balance."""
    if text.startswith("[["):
        if not text.endswith("]]"):
            raise InputError(where, "'[[' is never closed by ']]'")
        inner = text[1:-1].strip()
        rows = re.split(r"\]\s*,?\s*\[", inner[1:-1])
        return [_items(row) for row in rows]
    if not text.endswith("]"):
        raise InputError(where, "'[' is never closed by ']'")
    return [_items(text[1:-1])]
