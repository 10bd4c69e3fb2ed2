"""Sequences and matrices written as text -> exact samples and their start.

Notation (each value is read by :mod:`symconv.text`):

- 1-D: values separated by spaces (``"1 0.5 1 1"``) or by commas (``"1, 1/2, 1, 1"``,
  ``"1,2,3"``, ``"1 ,2"``), optionally in brackets (``"[1, 0.5, 1, 1]"``). A row with a comma
  (outside a quoted string) is split at its commas only, so a value may contain spaces
  (``"1 + 2i, 3"``); a row without one is split at whitespace.
- 2-D: rows separated by ``;`` or new lines (``"1 2; 3 4"``), or nested brackets
  (``"[[1, 2], [3, 4]]"``). Blank lines and ``#`` comments (to the end of the line, in every
  notation; a ``#`` inside a quoted string is text) are ignored, and so is a leading byte order
  mark (U+FEFF), as some editors write one, for ``@file`` input.
- N-D: nested brackets of any depth, as PyTorch, NumPy and JSON print tensors
  (``"[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]"`` has shape (2, 2, 2)); a JSON file of nested
  lists is read as it is. Inside brackets a value may be a JSON string in double quotes
  (``["a", "1/3"]``): its text is read by the same grammar (never evaluated); a string JSON
  does not allow (a bad escape such as ``\\q``, a raw tab or new line) is refused with its
  column. Every list at one depth must be equally long and every value equally deep; an error
  names the list by its index (``[1, 0]``) and the column where it starts.
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
>>> samples, _ = parse_signal("[[[1, 2], [3, 4]], [[5, 6], [7, 0.5]]]")
>>> samples.shape, samples.to_objects()[1, 1, 1]
((2, 2, 2), 1/2)
"""

from __future__ import annotations

import json
import re
from typing import Any

from symconv.errors import InputError
from symconv.exact import to_exact_samples
from symconv.samples import Samples
from symconv.text import one_line

__all__ = ["BOM", "MARK", "MAX_DEPTH", "MAX_TEXT_LENGTH", "parse_signal"]

MAX_TEXT_LENGTH = 4_000_000
MARK = ">"
#: brackets nested deeper than this are refused (NumPy arrays have at most 64 axes)
MAX_DEPTH = 32
#: a byte order mark, which some editors write at the start of a UTF-8 file: ignored there
BOM = "\ufeff"

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
    body, prefix_starts, prefix_end = _split_prefix(_without_comments(text.removeprefix(BOM)), where)
    if body.strip().startswith("["):
        nested, marks = _nested(body, where)
    else:
        rows = _rows(body, where)
        marks = [(r, c) for r, row in enumerate(rows) for c, item in enumerate(row) if item.startswith(MARK)]
        nested = [[item.removeprefix(MARK) for item in row] for row in rows]
        if len(nested) == 1:
            nested, marks = nested[0], [mark[1:] for mark in marks]
    if len(marks) > 1:
        raise InputError(where, f"{len(marks)} samples are marked with '{MARK}'; mark only the n = 0 sample")
    if marks and prefix_starts is not None:
        raise InputError(where, f"the start is given twice (a 'n=' prefix and a '{MARK}' mark); give one")
    samples = to_exact_samples(nested, where)
    ndim = len(samples.shape)
    if marks:
        return samples, tuple(-i for i in marks[0])
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
    rows = [_items(line) for line in re.split(r"[;\n]", body) if line.strip()]
    if not rows:
        raise InputError(where, "empty sequence; give at least one value")
    return rows


def _items(row: str) -> list[str]:
    r"""The value texts of one row, split by :func:`_spans`.

    Examples
    --------
    >>> _items("1 ,2"), _items("1 + 2i, 3"), _items("1  2\t3"), _items('"a, b", 1,')
    (['1', '2'], ['1 + 2i', '3'], ['1', '2', '3'], ['"a, b"', '1'])
    >>> _items("1,2"), _items("1 0,5 2")
    (['1', '2'], ['1', '0,5', '2'])
    """
    return [row[left:right].strip() for left, right in _spans(row)]


def _spans(row: str) -> list[tuple[int, int]]:
    """Where the items of ``row`` are: ``(start, stop)`` of each, not yet stripped.

    A row with a comma outside quoted strings is split at those commas (commas and whitespace
    at either end are dropped: ``"1, 2,"``); a row without one is split at whitespace. A quoted
    string (``"a, b"``) is never split. One exception keeps the decimal comma's message: in a
    row split by whitespace whose every comma stands between two digits (``"1 0,5 2"``), those
    commas are decimal commas, and the grammar refuses ``0,5`` with a hint.
    """
    masked = _STRING.sub(lambda m: '"' + "x" * (len(m.group()) - 2) + '"', row) if '"' in row else row
    if "," not in masked or (_INNER_BLANK.search(masked) and not _SEPARATING_COMMA.search(masked)):
        return [m.span() for m in re.finditer(r"\S+", masked)]
    first = _SEPARATORS.match(masked).end()
    last = len(masked) - _SEPARATORS.match(masked[::-1]).end()  # reversed: linear in a long run of blanks
    spans, cursor = [], first
    for part in masked[first:last].split(",") if first < last else []:
        spans.append((cursor, cursor + len(part)))
        cursor += len(part) + 1
    return spans


def _without_comments(text: str) -> str:
    """``text`` with each ``#`` comment (to the end of its line, outside quoted strings) blanked out by
    spaces, so that every column stays where it was.

    Examples
    --------
    >>> _without_comments('[1, "#2"] # three')
    '[1, "#2"]        '
    """
    if "#" not in text:
        return text
    return _STRING_OR_COMMENT.sub(lambda m: m.group() if m.group().startswith('"') else " " * len(m.group()), text)


class _List:
    """A bracketed list while it is read: its items (value texts or lists) and where it opens."""

    __slots__ = ("column", "columns", "items", "marks")

    def __init__(self, column: int) -> None:
        self.column = column  # 1-based column of its '['
        self.items: list[Any] = []  # str (a value's text) or _List
        self.columns: list[int] = []  # the column where each item starts
        self.marks: list[int] = []  # positions of the items marked with MARK


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SEPARATORS = re.compile(r"[\s,]*")
_INNER_BLANK = re.compile(r"\S\s+\S")
_SEPARATING_COMMA = re.compile(r"(?<!\d),|,(?!\d)")  # not a decimal comma (between two digits)
_STRING_OR_COMMENT = re.compile(_STRING.pattern + r"|#[^\n]*", re.DOTALL)
_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]]')  # a JSON string is skipped: its brackets are text


def _nested(body: str, where: str) -> tuple[list, list[tuple[int, ...]]]:
    """Nested lists of value texts from ``[...]`` of any depth, and the index of each marked value.

    Examples
    --------
    >>> _nested('[[1, >2], ["a", "1/3"]]', "data")
    ([['1', '2'], ['a', '1/3']], [(0, 1)])
    >>> _nested("[[1, 2], [3, [4]]]", "data")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: data, [1, 1] at column 14: is a list where [0, 0] is a value; every value must be nested equally deep
    """
    stack: list[_List] = []
    root: _List | None = None
    position = 0
    while True:
        match = _BRACKET.search(body, position)
        while match is not None and match.group().startswith('"'):
            match = _BRACKET.search(body, match.end())
        end = match.start() if match else len(body)
        if stack:
            _add_values(stack[-1], body, position, end, where)
        elif body[position:end].strip():
            text = body[position:end]
            column = position + len(text) - len(text.lstrip()) + 1
            raise InputError(where, f"'{_snippet(text)}' at column {column} follows the closing ']'; give one "
                                    "bracketed list")
        if match is None:
            break
        column = match.start() + 1
        if match.group() == "[":
            if root is not None and not stack:
                raise InputError(where, f"'[' at column {column} follows the closing ']'; give one bracketed list")
            if len(stack) >= MAX_DEPTH:
                raise InputError(where, f"'[' at column {column}: lists nested more than {MAX_DEPTH} deep")
            new = _List(column)
            if stack:
                stack[-1].items.append(new)
                stack[-1].columns.append(column)
            stack.append(new)
            root = root or new
        elif not stack:
            raise InputError(where, f"']' at column {column} closes no '['")
        else:
            stack.pop()
        position = match.end()
    if stack:
        if len(stack) == 1:  # only the outermost list is open: the messages of 1-D and 2-D text
            raise InputError(where, "'[[' is never closed by ']]'" if body.lstrip().startswith("[[")
                             else "'[' is never closed by ']'")
        raise InputError(where, f"'[' at column {stack[-1].column} is never closed by ']'")
    assert root is not None  # the body starts with '['
    return _checked(root, where)


def _add_values(target: _List, body: str, start: int, end: int, where: str) -> None:
    """The values written in ``body[start:end]`` (text between brackets), split as :func:`_items`
    splits a row; a JSON string (``"1/3"``) is one value: its text, without the quotes."""
    text = body[start:end]
    if '"' in text:
        blanked = _STRING.sub(lambda m: " " * len(m.group()), text)
        if '"' in blanked:
            raise InputError(where, f"'\"' at column {start + blanked.index(chr(34)) + 1} is never closed")
    for left, right in _spans(text):
        item = text[left:right]
        value = item.strip()
        column = start + left + (len(item) - len(item.lstrip())) + 1
        if value.startswith(MARK):
            value = value.removeprefix(MARK).strip()
            target.marks.append(len(target.items))
        if _STRING.fullmatch(value):
            value = _string_text(value, column, where)  # its text, read by the grammar like any other
        elif value in ("true", "false", "null"):
            raise InputError(where, f"'{value}' at column {column} is a JSON literal, not a value; write a number "
                                    f"or, for a symbol of that name, \"{value}\"")
        target.items.append(value)
        target.columns.append(column)


def _string_text(literal: str, column: int, where: str) -> str:
    r"""The text of a JSON string literal written at ``column``, or a one-line error naming the column
    of what JSON does not allow in it.

    Examples
    --------
    >>> _string_text('"a\\u00e9"', 2, "data")
    'aé'
    >>> _string_text('"\\q"', 2, "data")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: data: the string at column 2 has '\q' at column 3, which JSON does not allow; escapes are \" \\ \/ \b \f \n \r \t and \uXXXX
    """
    try:
        return json.loads(literal)
    except json.JSONDecodeError as error:
        position = error.pos - (literal[error.pos - 1:error.pos + 1] == "\\u")  # '\u12': JSON points at the u
        bad = literal[position:position + 1]
        here = f"the string at column {column} has"
        if bad == "\\":
            escape = re.match(r"\\(?:u[0-9a-fA-F]{0,4}|.?)", literal[position:], re.DOTALL).group()
            problem = (f"{here} '{one_line(escape)}' at column {column + position}, which JSON does not allow; "
                       "escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")
        elif bad and not bad.isprintable():
            problem = (f"{here} the control character '{one_line(bad)}' at column {column + position}, which JSON "
                       f"does not allow in a string; write it as {json.dumps(bad)[1:-1]} or leave it out")
        else:
            problem = f"{here} {error.msg[:1].lower()}{error.msg[1:]} at column {column + position}"
        raise InputError(where, problem) from None


def _checked(root: _List, where: str) -> tuple[list, list[tuple[int, ...]]]:
    """Plain nested lists, checked: every value equally deep, every list at one depth as long as
    the first (2-D row lengths are left to :func:`~symconv.exact.to_exact_samples`, whose
    message names rows)."""
    shape: list[int] = []
    node: Any = root
    while isinstance(node, _List):
        shape.append(len(node.items))
        node = node.items[0] if node.items else None
    depth = len(shape)
    marks: list[tuple[int, ...]] = []

    def plain(node: _List, path: tuple[int, ...]) -> list:
        level = len(path)
        if depth != 2 and len(node.items) != shape[level]:
            raise InputError(f"{where}, {_path(path)} at column {node.column}",
                             f"has {len(node.items)} item{'s' if len(node.items) != 1 else ''} where "
                             f"{_path((0,) * level)} has {shape[level]}; lists at the same depth must be "
                             "equally long")
        marks.extend((*path, k) for k in node.marks)
        out = []
        for k, (item, column) in enumerate(zip(node.items, node.columns)):
            here = (*path, k)
            if isinstance(item, _List) and level + 1 >= depth:
                raise InputError(f"{where}, {_path(here)} at column {column}",
                                 f"is a list where {_path((0,) * len(here))} is a value; every value must be "
                                 "nested equally deep")
            if not isinstance(item, _List) and level + 1 < depth:
                raise InputError(f"{where}, {_path(here)} at column {column}",
                                 f"is a value ('{_snippet(item)}') where {_path((0,) * len(here))} is a list; "
                                 "every value must be nested equally deep")
            out.append(plain(item, here) if isinstance(item, _List) else item)
        return out

    return plain(root, ()), marks


def _path(index: tuple[int, ...]) -> str:
    return "[" + ", ".join(map(str, index)) + "]"


def _snippet(text: str, limit: int = 20) -> str:
    text = text.strip()
    return one_line(text if len(text) <= limit else text[:limit] + "...")
