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
from dataclasses import dataclass
from typing import Any

from symconv.errors import InputError
from symconv.exact import to_exact_samples
from symconv.samples import ExprSamples, RationalSamples, Samples
from symconv.text import MAX_DIGITS, MAX_TEXT_LENGTH, one_line, read_value, too_long

__all__ = ["BOM", "MARK", "MAX_DEPTH", "MAX_IMPULSE_SPAN", "MAX_TEXT_LENGTH", "delta_as_latex", "impulses",
           "parse_signal"]

MARK = ">"
#: brackets nested deeper than this are refused (NumPy arrays have at most 64 axes)
MAX_DEPTH = 32
#: a byte order mark, which some editors write at the start of a UTF-8 file: ignored there
BOM = "\ufeff"

def parse_signal(text: str, where: str = "data") -> tuple[Samples, tuple[int, ...] | None]:
    """Read a sequence or matrix from text, in any notation of the module docstring.

    Returns
    -------
    samples : Samples
    starts : tuple of int, or None
        The start per axis when the text gives one (a mark, a prefix, lags, a range), else None.

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
    >>> samples, starts = parse_signal("x[n] = {1, 2↑, 3}")
    >>> samples.to_objects().tolist(), starts
    ([1, 2, 3], (-1,))
    """
    if len(text) > MAX_TEXT_LENGTH:
        raise InputError(where, too_long(len(text)))
    written = _written(text, where)
    if written.impulses is not None:
        return written.impulses
    body = written.body
    if written.nested is not None:
        nested, marks = written.nested, []
    elif body.strip().startswith("["):
        nested, marks = _nested(body, where)
    else:
        rows = _rows(body, where)
        marks = [(r, c) for r, row in enumerate(rows) for c, item in enumerate(row) if item.startswith(MARK)]
        nested = [[item.removeprefix(MARK) for item in row] for row in rows]
        if len(nested) == 1:
            nested, marks = nested[0], [mark[1:] for mark in marks]
    if len(marks) > 1:
        raise InputError(where, f"{len(marks)} samples are marked with '{MARK}'; mark only the n = 0 sample")
    if marks and written.starts is not None and (written.starts_by != "an index range" or written.starts != tuple(
            -i for i in marks[0])):  # explain's LaTeX gives both, the same
        raise InputError(where, f"the start is given twice ({written.starts_by} and a '{MARK}' mark); give one")
    samples = to_exact_samples(_latex_items(nested, where) if written.latex else nested, where)
    if written.factor is not None:
        samples = _scaled(samples, written.factor)
    ndim = len(samples.shape)
    if marks:
        return samples, tuple(-i for i in marks[0])
    if written.starts is None:
        return samples, None
    prefix_starts = written.starts
    starts = prefix_starts if len(prefix_starts) == ndim else (
        prefix_starts * ndim if len(prefix_starts) == 1 else None)
    if starts is None:
        raise InputError(where, f"the start {prefix_starts} has {len(prefix_starts)} indices for "
                                f"{ndim}-D data")
    if written.ends is not None:
        ends = written.ends if len(written.ends) == ndim else None
        if ends is None or any(e - s + 1 != length for s, e, length in zip(starts, ends, samples.shape)):
            axis = next((k for k in range(ndim) if ends is None or ends[k] - starts[k] + 1 != samples.shape[k]), 0)
            end = ends[axis] if ends is not None else written.ends[0]
            raise InputError(where, f"the range {written.index_names[axis]}={starts[axis]}..{end} has "
                                    f"{end - starts[axis] + 1} indices but {samples.shape[axis]} "
                                    "values are given")
    return samples, starts


@dataclass
class _Written:
    """What the notation of a text says, before its values are read: the body in symconv's own
    grammar (rows, or a bracketed list, with '>' marks) or the item texts already split, and what
    the decoration gave (start, range, common factor)."""

    body: str
    nested: list | None = None
    starts: tuple[int, ...] | None = None
    starts_by: str = "a 'n=' prefix"
    ends: tuple[int, ...] | None = None
    index_names: tuple[str, ...] = ("n",)
    factor: Any = None
    latex: bool = False
    impulses: tuple[Samples, tuple[int, ...]] | None = None


def _written(text: str, where: str) -> _Written:
    """The notation layer: every way of writing a sequence that symconv reads, reduced to its own.

    Each step is one regular expression or one pass over the text, so reading stays linear in the
    length of the text.
    """
    text = _without_comments(text.removeprefix(BOM))
    if "↑" in text or "\\uparrow" in text:
        text = _arrow_lines(text.replace("\\uparrow", "↑"))
    delimited = _DELIMITERS.fullmatch(text)
    if delimited is not None:
        text = delimited["inner"]
    stripped = text.strip()
    if not stripped:
        raise InputError(where, "empty sequence; give at least one value")
    if stripped.startswith("{") and _JSON_OBJECT.match(stripped):
        return _json_output(stripped, where)
    if _MATLAB_LAGS.search(text):
        return _matlab(text, where)
    text = _summary_line(text)
    listing = _listing(text, where)
    if listing is not None:
        return listing
    written = _Written(text)
    _take_prefix(written, where)
    if written.starts is None:
        head = _HEAD.match(written.body)
        if head is not None:
            written.body = written.body[head.end():]
            _take_prefix(written, where)
    body = written.body
    if "\\" in body:
        body = _latex_decoration(body, written, where)
    body = _tool_repr(body, where)
    if "δ" in body or _DELTA_WORD.search(body):
        impulses = _impulse_sum(body, where)
        if impulses is not None:
            written.impulses = impulses
            return written
    if "{" in body:
        body = _list_braces(body)
    if "↑" in body:
        body = _arrows(body)
    if ">" in body:
        body = _MARK_SPACE.sub(MARK, body)
    written.body = _common_factor(body, written, where)
    written.latex = "\\" in written.body
    return written


_DELIMITERS = re.compile(r"\s*(?:\$\$?|\\\[|\\\()(?P<inner>[^$]*?)(?:\$\$?|\\\]|\\\))\s*")
_JSON_OBJECT = re.compile(r'\{\s*"')
_INDEX = r"[-+]?\d+"
_INTEGERS = re.compile(_INDEX)
_HEAD = re.compile(
    r"\s*(?:[A-Za-z][A-Za-z0-9]*(?:_\{?[A-Za-z0-9]+\}?)?|\\[A-Za-z]+)\s*"  # x, h1, r_xy, r_{xy}, \alpha
    r"(?:\[[^\[\]=\n]*\]|\([^()=\n]*\))?\s*=(?!=)\s*"  # [n], (n), [-m], (l)
)
_PREFIX = re.compile(
    rf"\s*(?P<name>n|k|l|m|start)\s*=\s*(?P<start>\(\s*{_INDEX}\s*(?:,\s*{_INDEX}\s*)*\)|{_INDEX})"
    rf"(?:\s*\.\.\s*(?P<end>{_INDEX}))?\s*:"
)
# symconv's own 2-D summary: 'i = -1..1, j = -1..1: ...'
_PREFIX_AXES = re.compile(
    rf"\s*(?P<axes>[a-z]\s*=\s*{_INDEX}\s*\.\.\s*{_INDEX}(?:\s*,\s*[a-z]\s*=\s*{_INDEX}\s*\.\.\s*{_INDEX})+)\s*:"
)
_AXIS = re.compile(rf"([a-z])\s*=\s*({_INDEX})\s*\.\.\s*({_INDEX})")
_DELTA_WORD = re.compile(r"(?<![A-Za-z\\])delta\s*[\[(]|\\delta")
_MARK_SPACE = re.compile(r">\s+(?=\S)")


def _checked_int(text: str, where: str) -> int:
    """An index written in a notation, refused before conversion when it has too many digits."""
    digits = len(text.lstrip("+-"))
    if digits > MAX_DIGITS:
        raise InputError(where, f"an index has {digits} digits; at most {MAX_DIGITS} are accepted")
    return int(text)


def _take_prefix(written: _Written, where: str) -> None:
    """``n=-1: ...``, ``l=-2: ...``, ``n=-1..1: ...``, ``n=(0,-1): ...`` and symconv's 2-D
    ``i = -1..1, j = 0..2: ...``: the start (and range) given before the values."""
    match = _PREFIX.match(written.body)
    if match is not None:
        written.starts = tuple(_checked_int(part, where) for part in _INTEGERS.findall(match["start"]))
        written.ends = None if match["end"] is None else (_checked_int(match["end"], where),)
        written.index_names = (match["name"] if match["name"] != "start" else "n",)
        written.starts_by = f"a '{match['name']}=' prefix"
    else:
        match = _PREFIX_AXES.match(written.body)
        if match is None:
            return
        axes = _AXIS.findall(match["axes"])
        written.starts = tuple(_checked_int(a, where) for _, a, _ in axes)
        written.ends = tuple(_checked_int(b, where) for _, _, b in axes)
        written.index_names = tuple(name for name, _, _ in axes)
        written.starts_by = "an index range"
    written.body = written.body[match.end():]


# ----------------------------------------------------------------------------- notations


_JSON_HINT = "give an object with 'values' and 'start', as 'symconv conv ... --format json' writes"


def _json_output(text: str, where: str) -> _Written:
    """symconv's own JSON (``--format json``, or explain's with its ``result``): values and start."""
    try:
        data = json.loads(text, parse_int=lambda digits: _checked_int(digits, where), parse_float=str,
                          parse_constant=lambda name: _refuse_json_constant(name, where))
    except json.JSONDecodeError as error:
        raise InputError(where, f"JSON: {error.msg} at column {error.colno} of line {error.lineno}") from None
    if isinstance(data, dict) and "values" not in data and isinstance(data.get("result"), dict):
        data = data["result"]
    if not isinstance(data, dict) or not isinstance(data.get("values"), list):
        raise InputError(where, f"a JSON object without 'values'; {_JSON_HINT}")
    start = data.get("start", 0)
    starts = tuple(start) if isinstance(start, list) else (start,)
    if not all(isinstance(s, int) and not isinstance(s, bool) for s in starts):
        raise InputError(where, f"JSON 'start' {json.dumps(start)[:40]} is not an integer or a list of integers")
    return _Written("", nested=data["values"], starts=starts, starts_by="a JSON 'start'")


def _refuse_json_constant(name: str, where: str) -> None:
    raise InputError(where, f"'{name}' is not a finite number")


_MATLAB_LAGS = re.compile(r"^[ \t]*lags?[ \t]*=", re.MULTILINE)
_MATLAB_NAME = re.compile(r"^[ \t]*([A-Za-z]\w*)[ \t]*=[ \t]*", re.MULTILINE)
_MATLAB_SIZE = re.compile(r"\A\s*\d+\s*[×x]\s*\d+(?:[ \t]+[a-z]+)?[ \t]*$", re.MULTILINE)
_MATLAB_COLUMNS = re.compile(r"^[ \t]*Columns?[ \t]+\d+(?:[ \t]+(?:through|and|to)[ \t]+\d+)?[ \t]*:?[ \t]*$",
                             re.MULTILINE)
_MATLAB_SCALE = re.compile(r"\A\s*(?P<scale>[-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)[ \t]*\*[ \t]*$", re.MULTILINE)
_MATLAB_RANGE = re.compile(rf"\s*\[?\s*({_INDEX})\s*:\s*(?:1\s*:\s*)?({_INDEX})\s*\]?\s*")
_MATLAB_COMPLEX = re.compile(r"(\d)[ \t]+([-+])[ \t]+(?=[\d.]+(?:[eE][-+]?\d+)?[ij]\b)")


def _matlab(text: str, where: str) -> _Written:
    """MATLAB's (or Octave's) ``[c, lags] = xcorr(...)`` printed: the lags give the start.

    Blocks ``name =`` followed by values (MATLAB's ``1×7`` size, ``Columns 1 through 8`` lines and
    a common ``1.0e+03 *`` scale allowed); ``lags = -3:3`` may be a range.
    """
    names = list(_MATLAB_NAME.finditer(text))
    if text[:names[0].start()].strip():
        raise InputError(where, f"'{_snippet(text[:names[0].start()])}' comes before '{names[0][1]} ='; "
                                "give MATLAB's output as it prints it: c = ... and lags = ...")
    blocks = {m[1]: text[m.end():(names[k + 1].start() if k + 1 < len(names) else len(text))]
              for k, m in enumerate(names)}
    lag_name = "lags" if "lags" in blocks else "lag"
    others = [name for name in blocks if name != lag_name]
    if len(others) != 1:
        raise InputError(where, f"MATLAB output with '{lag_name}' needs one block of values beside it, "
                                f"found {len(others)}; give c = ... and {lag_name} = ...")
    lag_text = _matlab_block(blocks[lag_name], where)[0]
    span = _MATLAB_RANGE.fullmatch(lag_text)
    if span is not None:
        first, last = _checked_int(span[1], where), _checked_int(span[2], where)
        count = last - first + 1
    else:
        lags = [_checked_int(item, where) if _INTEGERS.fullmatch(item) else None for item in lag_text.split()]
        if not lags or None in lags:
            raise InputError(where, f"'{lag_name}' must be integers, e.g. {lag_name} = -3:3")
        first, count = lags[0], len(lags)
        if lags != list(range(first, first + count)):
            raise InputError(where, f"'{lag_name}' must be consecutive integers, e.g. {lag_name} = -3:3")
    values_text, scale = _matlab_block(blocks[others[0]], where)
    values = _MATLAB_COMPLEX.sub(r"\1\2", values_text).replace("[", " ").replace("]", " ").split()
    if len(values) != count:
        raise InputError(where, f"'{others[0]}' has {len(values)} values but '{lag_name}' gives {count} lags")
    return _Written("", nested=values, starts=(first,), starts_by=f"MATLAB's '{lag_name}'", factor=scale)


def _matlab_block(block: str, where: str) -> tuple[str, Any]:
    """The values of one MATLAB block as text (size and column headings dropped) and its scale."""
    block = _MATLAB_SIZE.sub("", block, count=1)
    block = _MATLAB_COLUMNS.sub("", block)
    scale = _MATLAB_SCALE.match(block)
    if scale is None:
        return block, None
    return block[scale.end():], read_value(scale["scale"], f"{where}, scale")


_LISTED = re.compile(rf"[ \t]*[A-Za-z]\w*(?:_\{{?\w+\}}?)?[ \t]*[\[(][ \t]*({_INDEX})[ \t]*[\])][ \t]*=[ \t]*([^=,;\n]+?)[ \t]*")
_TABLE_LINE = re.compile(r"[ \t]*(?:[a-z]\\[a-z][ \t]*\|.*|-+|[a-z][ \t]*=[ \t]*[-+]?\d+[ \t]*\|.*)")


def _summary_line(text: str) -> str:
    """symconv's text output: its first line (``n = -1..2: 1, 3, 5, 3``) when the lines after it
    list the same values (``y[-1] = 1`` lines, or the 2-D table)."""
    first, newline, rest = text.strip().partition("\n")
    if not newline or not (_PREFIX.match(first) or _PREFIX_AXES.match(first)):
        return text
    lines = [line for line in rest.splitlines() if line.strip()]
    if lines and all(_LISTED.fullmatch(line) or _TABLE_LINE.fullmatch(line) for line in lines):
        return first
    return text


def _listing(text: str, where: str) -> _Written | None:
    """Values listed one per line as ``y[-1] = 1``, ``y[0] = 3`` (or ``y(0) = 3``), at
    consecutive indices: the first index is the start. None for text of any other shape."""
    if "=" not in text or "\n" not in text.strip() and not _LISTED.fullmatch(text.strip()):
        return None
    lines = [line for line in text.splitlines() if line.strip()]
    matches = [_LISTED.fullmatch(line) for line in lines]
    if not all(matches):
        return None
    indices = [_checked_int(m[1], where) for m in matches]
    if indices != list(range(indices[0], indices[0] + len(indices))):
        raise InputError(where, f"the listed indices {', '.join(m[1] for m in matches[:6])} are not consecutive; "
                                "list every index from the first to the last")
    return _Written("", nested=[m[2] for m in matches], starts=(indices[0],), starts_by="a listed index")


_RANGE_SUFFIX = re.compile(
    rf",?\s*\\q?quad\s*(?P<axes>[a-z]\s*=\s*{_INDEX}\s*,\s*\\[lc]?dots\s*,\s*{_INDEX}"
    rf"(?:\s*,\s*(?:\\[ ,;]\s*)?[a-z]\s*=\s*{_INDEX}\s*,\s*\\[lc]?dots\s*,\s*{_INDEX})*)\s*\Z")
_RANGE_AXIS = re.compile(rf"([a-z])\s*=\s*({_INDEX})\s*,\s*\\[lc]?dots\s*,\s*({_INDEX})")
_UNDERSET = re.compile(r"\\underset\s*\{\s*(?:\\uparrow|↑)\s*\}\s*\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}")
_LEFT_RIGHT = re.compile(r"\\(?:left|right|big|Big|bigg|Bigg)[lr]?\s*(?=[\\(\[\]).|{}])(?:\.)?")
_LATEX_SPACE = re.compile(r"\\[,;:! ]|~")
_MATRIX_ENV = re.compile(r"\\(begin|end)\{[pbBvV]?matrix\}")
_ROW_END = re.compile(r"\\\\\s*(?=\\end\{)")


def _latex_decoration(body: str, written: _Written, where: str) -> str:
    r"""LaTeX as textbooks and symconv's explain write sequences, reduced to symconv's notation:
    ``\left\{ 1, \underset{\uparrow}{2}, 3 \right\},\quad n = -1, \dots, 1`` is ``[1, >2, 3]``
    with the range n = -1..1; ``bmatrix`` rows are a nested list."""
    suffix = _RANGE_SUFFIX.search(body)
    if suffix is not None:
        axes = _RANGE_AXIS.findall(suffix["axes"])
        if written.starts is None:
            written.starts = tuple(_checked_int(a, where) for _, a, _ in axes)
            written.ends = tuple(_checked_int(b, where) for _, _, b in axes)
            written.index_names = tuple(name for name, _, _ in axes)
            written.starts_by = "an index range"
        body = body[:suffix.start()]
    if _MATRIX_ENV.search(body):
        body = _ROW_END.sub("", body)
        body = _MATRIX_ENV.sub(lambda m: "[[" if m[1] == "begin" else "]]", body)
        body = body.replace("\\\\", "], [").replace("&", ",")
    body = _UNDERSET.sub(lambda m: MARK + m[1], body)
    body = body.replace("\\uparrow", "↑").replace("\\{", "{").replace("\\}", "}")
    body = _LEFT_RIGHT.sub("", body)
    body = _LATEX_SPACE.sub(" ", body)
    return body


_TOOL_REPR = re.compile(r"\s*(?:(?:np|numpy|torch)\.)?(?P<tool>array|tensor)\(")
_TOOL_KEYWORDS = re.compile(r"(?:\s*,\s*\w+\s*=\s*(?:<[^<>]*>|'[^']*'|[\w.:]+))*\s*,?\s*")
_NUMPY_SCALAR = re.compile(r"\b(?:np|numpy)\.(?:float|int|uint|complex|longdouble|clongdouble)\d*\(\s*([^()]*?)\s*\)")


def _tool_repr(body: str, where: str) -> str:
    """NumPy's ``array([1. , 2.5])`` and PyTorch's ``tensor([[1, 2]], dtype=torch.int32)``: the
    bracketed values, the keywords after them dropped; NumPy 2's ``np.float64(1.5)`` is 1.5."""
    if "np." in body or "numpy." in body:
        body = _NUMPY_SCALAR.sub(r"\1", body)
    match = _TOOL_REPR.match(body)
    if match is None or not body.rstrip().endswith(")"):
        return body
    inner = body[match.end():body.rstrip().rfind(")")]
    last = inner.rfind("]")
    if last < 0:
        raise InputError(where, f"{match['tool']}({_snippet(inner)}) is a single number, not a sequence; "
                                "give a list of values")
    if not _TOOL_KEYWORDS.fullmatch(inner, last + 1):
        raise InputError(where, f"'{_snippet(inner[last + 1:])}' after the values of {match['tool']}(...) "
                                "is not read; give the values, e.g. array([1, 2.5])")
    return inner[:last + 1]


def _list_braces(body: str) -> str:
    """``{1, 2, 3}`` and ``{{1, 2}, {3, 4}}`` as brackets, in one pass; a brace that opens a
    LaTeX argument (after a letter, ``}``, ``^``, ``_``: ``\\tfrac{1}{2}``) stays a brace."""
    out = []
    kinds: list[bool] = []  # per open brace: whether it opens a list
    position = 0
    for match in re.finditer(r"[{}]", body):
        at = match.start()
        out.append(body[position:at])
        position = at + 1
        if match.group() == "{":
            before = at - 1
            while before >= 0 and body[before] in " \t\n":  # each blank is passed by one brace at most
                before -= 1
            previous = body[before] if before >= 0 else ""
            is_list = not previous or not (previous.isalpha() or previous in "}^_\\")
            kinds.append(is_list)
            out.append("[" if is_list else "{")
        else:
            out.append("]" if kinds and kinds.pop() else "}")
    out.append(body[position:])
    return "".join(out)


_ARROW_LINE = re.compile(r"[ \t]*↑[ \t]*")
_ARROW_AFTER = re.compile(r"([^\s,;\[\]{}↑>]+)[ \t]*↑(?=[\s,;\]}]|\Z)")
_ARROW_BEFORE = re.compile(r"↑[ \t]*(?=[^\s,;\[\]{}↑>])")
_ITEM_TEXT = re.compile(r"[^\s,;\[\]{}]+")


def _arrow_lines(text: str) -> str:
    """An arrow on a line of its own marks the value above it (the nearest by column), as
    textbooks print it: ``x[n] = {1, 2, 3}`` over ``            ↑``."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if _ARROW_LINE.fullmatch(line) and out:
            column = line.index("↑")
            above = next((k for k in range(len(out) - 1, -1, -1) if out[k].strip()), None)
            items = list(_ITEM_TEXT.finditer(out[above])) if above is not None else []
            values = [m for m in items if not m.group().endswith("=") and "[" not in m.group()] or items
            if values:
                nearest = min(values, key=lambda m: 0 if m.start() <= column < m.end() else
                              min(abs(column - m.start()), abs(column - m.end() + 1)))
                out[above] = out[above][:nearest.start()] + MARK + out[above][nearest.start():]
                continue
        out.append(line)
    return "\n".join(out)


def _arrows(body: str) -> str:
    """``1↑``, ``1 ↑`` (after a value) and ``↑3`` (glued before it) as the mark ``>``."""
    return _ARROW_BEFORE.sub(MARK, _ARROW_AFTER.sub(MARK + r"\1", body))


_FACTOR = re.compile(r"\s*(?P<factor>\([^()\[\]]*\)|\\d?t?frac\{[^{}]*\}\{[^{}]*\}|[^\s\[\]{}]+?)"
                     r"\s*(?:\*|\\cdot|\\times)?\s*(?=\[)")


def _common_factor(body: str, written: _Written, where: str) -> str:
    """A common factor before a bracketed list, ``1/5 [1 3 4 7]`` or ``\\frac{1}{5} [...]``, or
    on a line of its own as MATLAB prints it (``1.0e+03 *``): kept aside, multiplied in later."""
    scale = _MATLAB_SCALE.match(body)
    if scale is not None:
        written.factor = read_value(scale["scale"], f"{where}, factor")
        return body[scale.end():]
    match = _FACTOR.match(body)
    if match is None or not body.rstrip().endswith("]"):
        return body
    text = match["factor"]
    factor = _latex_value(text, f"{where}, factor") if "\\" in text else read_value(text, f"{where}, factor")
    if factor.free_symbols:
        return body  # a name before brackets is a sample such as x[3], not a common factor
    written.factor = factor
    return body[match.end():]


def _latex_value(text: str, where: str) -> Any:
    from symconv.check.latex_in import latex_expr
    return latex_expr(text, where=where)


def _latex_items(nested: Any, where: str) -> Any:
    """Item texts written in LaTeX (``\\tfrac{1}{2}``) read by the LaTeX reader; others stay text."""
    if isinstance(nested, list):
        return [_latex_items(item, where) for item in nested]
    return _latex_value(nested, where) if isinstance(nested, str) and "\\" in nested else nested


def _scaled(samples: Samples, factor: Any) -> Samples:
    """The samples times a common factor."""
    if isinstance(samples, RationalSamples) and factor.is_Rational:
        imag = None if samples.imag is None else samples.imag * int(factor.p)
        return RationalSamples(samples.real * int(factor.p), imag, samples.denominator * int(factor.q))
    return ExprSamples(samples.to_objects() * factor)


def _impulse_sum(body: str, where: str) -> tuple[Samples, tuple[int, ...]] | None:
    """``δ[n] + 2δ[n-1] + 3δ[n-2]`` (also ``delta[n-1]``, ``\\delta(n+1)``): the values at the
    impulses and the first index; None when the text is not such a sum."""
    if body.lstrip().startswith("["):
        return None
    expression = _latex_value(delta_as_latex(body), where)
    found = impulses(expression)
    if found is None:
        raise InputError(where, f"'{_snippet(body)}' is not a finite sum of impulses; write each term as a "
                                "value times δ[n-k], e.g. δ[n] + 2δ[n-1] + 3δ[n-2]")
    values, start = found
    return to_exact_samples(values, where), (start,)


_DELTA_NAME = re.compile(r"δ|(?<![A-Za-z\\])delta(?=\s*[\[(])")


def delta_as_latex(text: str) -> str:
    r"""The unit impulse written ``δ[n-1]`` or ``delta[n-1]`` as LaTeX's ``\delta[n-1]``.

    Examples
    --------
    >>> print(delta_as_latex("δ[n] + 2 delta(n-1)"))
    \delta [n] + 2 \delta(n-1)
    """
    if "δ" not in text and "delta" not in text:
        return text
    return _DELTA_NAME.sub(lambda m: "\\delta " if m.group() == "δ" else "\\delta", text)


def impulses(expression: Any) -> tuple[list, int] | None:
    """A finite sum of shifted unit impulses ``sum_k c_k δ[n - k]`` as its values from the first
    impulse to the last and the first index, or None when ``expression`` is not one.

    Examples
    --------
    >>> from sympy import KroneckerDelta, Symbol
    >>> n = Symbol("n", integer=True)
    >>> impulses(KroneckerDelta(n, 0) + 3 * KroneckerDelta(n, 2))
    ([1, 0, 3], 0)
    >>> impulses(n * KroneckerDelta(n, 1)) is None
    True
    """
    from sympy import Add, KroneckerDelta, Mul, expand
    values: dict[int, Any] = {}
    index = None
    for term in Add.make_args(expand(expression)):
        deltas = [f for f in Mul.make_args(term) if isinstance(f, KroneckerDelta)]
        if len(deltas) != 1:
            return None
        difference = deltas[0].args[0] - deltas[0].args[1]
        symbols = difference.free_symbols
        if len(symbols) != 1 or (index is not None and symbols != {index}):
            return None
        index = next(iter(symbols))
        shift = difference.coeff(index)
        rest = expand(difference - shift * index)
        coefficient = term / deltas[0]
        if shift not in (1, -1) or not rest.is_Integer or index in coefficient.free_symbols:
            return None
        k = int(-rest * shift)
        values[k] = values.get(k, 0) + coefficient
    if not values:
        return None
    first, last = min(values), max(values)
    if last - first + 1 > MAX_IMPULSE_SPAN:
        return None
    return [values.get(k, 0) for k in range(first, last + 1)], first


#: the longest range a sum of impulses may span (indices from its first impulse to its last)
MAX_IMPULSE_SPAN = 1_000_000


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
