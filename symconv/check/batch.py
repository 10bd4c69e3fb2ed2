r"""Grade an answer key: many claimed answers, one report; a bad item never stops the batch.

An answer key is JSON (or YAML when PyYAML is installed): a list of items, or
``{"items": [...]}``. Each item has the inputs ``x`` and ``h``, the operation (``op``,
``mode``, ``same_convention``, ``order``, ``N``), and either a claimed answer ``claimed`` or a
worked line ``line``; optional ``id``, ``start``, ``start_x``, ``start_h``, ``decimals``,
``significant``, ``names``. A line item takes what ``symconv check --line`` takes: ``op``,
``order``, ``N``, ``names``, ``start_x``, ``start_h``.

Each item may take at most ``time_limit`` seconds (:data:`TIME_LIMIT`, 10 s by default;
``check-batch --time-limit``); an item over it is reported as ``timeout`` and the rest are
still graded (:mod:`symconv.timelimit`: a ``SIGALRM`` timer on the main thread of a POSIX
system; elsewhere the items run in one worker process, replaced after a timeout).

Examples
--------
>>> report = grade([{"id": "q1", "x": "1 0.5 1 1", "h": "1 0.5 0.25",
...                  "claimed": "1 1 1.5 1.625 0.75 0.25"},
...                 {"id": "q2", "x": "1 2", "h": "1 1", "claimed": "1 3 3"},
...                 {"id": "q3", "x": "1 2", "h": "1 1", "claimed": "1 ,, 3"}])
>>> [(r.id, r.status) for r in report.results]
[('q1', 'right'), ('q2', 'wrong'), ('q3', 'error')]
>>> report.all_right
False
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from symconv.check.answer import check
from symconv.check.lines import check_line
from symconv.check.verdict import LineVerdict, Verdict
from symconv.errors import InputError, SymconvError
from symconv.timelimit import Limiter, TimeLimitExceeded

__all__ = ["MAX_KEY_DEPTH", "MAX_KEY_NODES", "TIME_LIMIT", "BatchReport", "ItemResult", "grade", "load_answer_key"]

#: seconds one item may take by default (``None`` or 0: no limit)
TIME_LIMIT = 10.0

_KEYS = {"id", "x", "h", "claimed", "line", "op", "mode", "same_convention", "order", "N",
         "start", "start_x", "start_h", "decimals", "significant", "names", "question"}


@dataclass(frozen=True, slots=True)
class ItemResult:
    """One graded item: ``status`` is 'right', 'wrong', 'error' or 'timeout' (``error`` says why)."""

    id: str
    status: str
    verdict: Verdict | LineVerdict | None = None
    error: str = ""

    def to_json(self) -> dict:
        return {"id": self.id, "status": self.status, "error": self.error,
                "verdict": None if self.verdict is None else self.verdict.to_json()}


@dataclass(frozen=True, slots=True)
class BatchReport:
    """All graded items, in the order of the key."""

    results: tuple[ItemResult, ...]

    @property
    def all_right(self) -> bool:
        return all(r.status == "right" for r in self.results)

    @property
    def counts(self) -> dict[str, int]:
        return {s: sum(r.status == s for r in self.results) for s in ("right", "wrong", "error", "timeout")}

    def to_json(self) -> dict:
        return {"counts": self.counts, "items": [r.to_json() for r in self.results]}

    def to_markdown(self) -> str:
        c = self.counts
        lines = ["# Answer check", "",
                 f"{self.summary()}.", "",
                 "| item | verdict | mistakes |", "|---|---|---|"]
        for r in self.results:
            kinds = ", ".join(f"`{k}`" for k in r.verdict.kinds) if r.verdict else ""
            detail = r.error.replace("|", "\\|") if r.status in ("error", "timeout") else kinds
            lines.append(f"| {r.id} | {r.status} | {detail} |")
        for r in self.results:
            if r.status == "wrong" and r.verdict is not None:
                lines += ["", f"## {r.id}", "", r.verdict.to_markdown().rstrip()]
        return "\n".join(lines) + "\n"

    def summary(self) -> str:
        """``7 items: 3 right, 2 wrong, 2 unreadable`` (and ``, 1 timed out`` when one did;
        ``1 item: ...`` for one)."""
        c = self.counts
        count = len(self.results)
        text = (f"{count} item{'' if count == 1 else 's'}: {c['right']} right, {c['wrong']} wrong, "
                f"{c['error']} unreadable")
        return text + (f", {c['timeout']} timed out" if c["timeout"] else "")

    def to_latex(self) -> str:
        from symconv.render.escape import declare_letters, latex_text, typesettable

        rows = "\n".join(f"{latex_text(r.id)} & {r.status} & "
                         f"{latex_text(r.error if r.status in ('error', 'timeout') else ', '.join(r.verdict.kinds) if r.verdict else '')} \\\\"
                         for r in self.results)
        body = "\n".join(_item_latex(r.verdict) for r in self.results
                         if r.status == "wrong" and r.verdict is not None and isinstance(r.verdict, Verdict))
        return declare_letters("\\documentclass{article}\n\\usepackage[T1]{fontenc}\n"
                "\\IfFileExists{lmodern.sty}{\\usepackage{lmodern}}{}\n\\begin{document}\n\\section*{Answer check}\n"
                + latex_text(self.summary()) + ".\\par\\medskip\n"
                "\\begin{tabular}{lll}\nitem & verdict & mistakes \\\\ \\hline\n" + rows +
                "\n\\end{tabular}\n\n" + body + "\\end{document}\n")

    def render(self, fmt: str = "markdown") -> str:
        if fmt == "json":
            return json.dumps(self.to_json(), indent=2)
        if fmt == "latex":
            return self.to_latex()
        return self.to_markdown()


def _item_latex(verdict: Verdict) -> str:
    """One item's verdict in LaTeX, or as text when a letter in it cannot be typeset (the other
    items' reports must not be lost)."""
    from symconv.render.escape import latex_text, typesettable
    tex = verdict.render("latex")
    if typesettable(tex):
        return tex
    lines = verdict.render("text").splitlines()
    return "\n".join(["\\begin{flushleft}", *(latex_text(line) + "\\\\" for line in lines), "\\end{flushleft}"])


def load_answer_key(text: str, *, fmt: str = "json", where: str = "answer key") -> list[dict]:
    r"""Items of an answer key from JSON or YAML text.

    The reading is bounded before anything is built: nesting deeper than :data:`MAX_KEY_DEPTH`,
    more than :data:`MAX_KEY_NODES` values once YAML aliases are expanded (an alias bomb), and a
    number longer than :data:`symconv.text.MAX_DIGITS` digits are refused. A character that no
    file can hold (a lone surrogate, ``"\ud800"`` in JSON) is kept escaped, as ``\ud800``.

    Examples
    --------
    >>> load_answer_key('{"items": [{"x": "1 2", "h": "1", "claimed": "1 2"}]}')
    [{'x': '1 2', 'h': '1', 'claimed': '1 2'}]
    >>> load_answer_key('[{"x": 0.1}]')   # JSON decimals are read exactly
    [{'x': Decimal('0.1')}]
    >>> load_answer_key('[{"id": "\\ud800"}]')
    [{'id': '\\ud800'}]
    """
    if fmt == "yaml":
        try:
            import yaml  # type: ignore[import-untyped]
        except ImportError:
            raise InputError(where, "YAML needs PyYAML (pip install pyyaml); or write JSON") from None
        try:
            _bounded_yaml(text, where)
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise InputError(where, f"not valid YAML: {str(error).splitlines()[0]}") from None
    else:
        _bounded_depth(_JSON_STRING.sub("", text), where)
        try:
            data = json.loads(text, parse_float=lambda t: Decimal(_digits(t, where)),  # 0.1, 1e400 stay exact
                              parse_int=lambda t: int(_digits(t, where)))
        except json.JSONDecodeError as error:
            raise InputError(where, f"not valid JSON: {error.msg} at line {error.lineno}, "
                                    f"column {error.colno}") from None
    data = _encodable(data)
    if isinstance(data, dict) and "items" in data:
        data = data["items"]
    if not isinstance(data, list):
        raise InputError(where, "expected a list of items (or {\"items\": [...]})")
    first_with: dict[str, int] = {}
    for k, item in enumerate(data, start=1):
        given = item.get("id") if isinstance(item, dict) else None
        if given is not None and first_with.setdefault(str(given), k) != k:
            raise InputError(where, f"items {first_with[str(given)]} and {k} have the same id "
                                    f"'{given}'; ids must be unique")
    return data


MAX_KEY_DEPTH = 32
"""Deepest nesting of lists and objects in an answer key (an item's 4-D tensor needs 6)."""

MAX_KEY_NODES = 1_000_000
"""Most values an answer key may hold, YAML aliases expanded."""

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def _bounded_depth(text: str, where: str) -> None:
    """Refuse JSON (its strings removed) nested deeper than MAX_KEY_DEPTH, before json reads it
    (whose recursion would fail at a few thousand levels)."""
    depth = 0
    for bracket in re.finditer(r"[\[\]{}]", text):
        depth += 1 if bracket[0] in "[{" else -1
        if depth > MAX_KEY_DEPTH:
            raise InputError(where, f"nests lists and objects more than {MAX_KEY_DEPTH} levels deep")


def _bounded_yaml(text: str, where: str) -> None:
    """Refuse YAML nested deeper than MAX_KEY_DEPTH, or holding more than MAX_KEY_NODES values
    with its aliases expanded (``a: &a [1, 1]``, ``b: &b [*a, *a]``, ... doubles each line),
    from its event stream, before anything is built."""
    import yaml

    sizes: dict[str, int] = {}  # anchor -> values under it, expanded
    open_: list[list] = [[None, 0]]  # [anchor, values so far] per open collection
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            open_.append([event.anchor, 1])
            if len(open_) - 1 > MAX_KEY_DEPTH:
                raise InputError(where, f"nests lists and mappings more than {MAX_KEY_DEPTH} levels deep")
            continue
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, count = open_.pop()
        elif isinstance(event, yaml.AliasEvent):
            anchor, count = None, sizes.get(event.anchor, 1)
        elif isinstance(event, yaml.ScalarEvent):
            anchor, count = event.anchor, 1
        else:
            continue
        if anchor is not None:
            sizes[anchor] = count
        open_[-1][1] += count
        if open_[-1][1] > MAX_KEY_NODES:
            raise InputError(where, f"holds more than {MAX_KEY_NODES} values with its aliases expanded; at "
                                    f"most {MAX_KEY_NODES} are accepted")


def _digits(number: str, where: str) -> str:
    """A JSON number's text, refused when longer than MAX_DIGITS digits (Python's int() of a
    million digits takes seconds)."""
    from symconv.text import MAX_DIGITS

    if len(number) > MAX_DIGITS + 8:  # sign, point, exponent
        raise InputError(where, f"a number has {len(number)} characters; at most {MAX_DIGITS} digits are "
                                "accepted")
    return number


def _encodable(data: Any) -> Any:
    """``data`` with every string that holds a lone surrogate escaped (``\\ud800``), so that
    reports quoting it can be written (its depth is bounded by MAX_KEY_DEPTH)."""
    if isinstance(data, str):
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            return data.encode("utf-8", "backslashreplace").decode("utf-8")
        return data
    if isinstance(data, list):
        return [_encodable(item) for item in data]
    if isinstance(data, dict):
        return {_encodable(key): _encodable(value) for key, value in data.items()}
    return data


def grade(items: list[dict], *, progress: Any = None, time_limit: float | None = TIME_LIMIT) -> BatchReport:
    """Check every item; an unreadable item becomes an 'error' result and the rest go on.

    ``progress(done, total)`` is called after each item (the CLI draws a progress line). An
    item that takes longer than ``time_limit`` seconds (``None`` or 0: no limit) becomes a
    'timeout' result.
    """
    results = []
    with Limiter(time_limit) as limiter:
        for k, item in enumerate(items, start=1):
            if progress is not None and k > 1:
                progress(k - 1, len(items))
            given = item.get("id") if isinstance(item, dict) else None
            ident = str(k) if given is None else str(given)  # no id (or null): its number
            try:
                results.append(limiter.call(_grade_safely, item, ident))
            except TimeLimitExceeded as over:
                results.append(ItemResult(ident, "timeout", None, f"item {ident}: no verdict within the time "
                                                                  f"limit of {over.seconds:g} s"))
    if progress is not None and items:
        progress(len(items), len(items))
    return BatchReport(tuple(results))


def _grade_safely(item: Any, ident: str) -> ItemResult:
    """Grade one item; its errors become an 'error' result (picklable: runs in a worker too)."""
    try:
        verdict = _grade_one(item, ident)
    except (SymconvError, ValueError, TypeError, RecursionError) as error:
        text = str(error).splitlines()[0] if str(error) else type(error).__name__
        return ItemResult(ident, "error", None, text)
    return ItemResult(ident, "right" if verdict.ok else "wrong", verdict)


def _grade_one(item: Any, ident: str) -> Verdict | LineVerdict:
    where = f"item {ident}"
    if not isinstance(item, dict):
        raise InputError(where, "an item is an object with x, h and claimed (or line)")
    unknown = sorted(set(item) - _KEYS)
    if unknown:
        raise InputError(where, f"unknown key(s) {', '.join(unknown)}; known: "
                                f"{', '.join(sorted(_KEYS))}")
    for key in ("x", "h"):
        if key not in item:
            raise InputError(where, f"'{key}' is missing")
    op = item.get("op", "convolve")
    x, h = _operand(item, "x", "start_x", "data"), _operand(item, "h", "start_h", "kernel")
    names = _names(item.get("names"))
    if "line" in item:  # the options of `symconv check --line`
        return check_line(str(item["line"]), x, h, op=op, order=item.get("order", "canonical"),
                          N=_integers(item.get("N"), "N"),
                          names=names, where=f"{where}, line")
    if "claimed" not in item:
        raise InputError(where, "'claimed' (or 'line') is missing")
    numbers = {key: _integers(item.get(key), key) for key in ("N", "start", "decimals", "significant")}
    return check(item["claimed"], x, h, op=op, mode=item.get("mode", "full"),
                 same_convention=item.get("same_convention", "scipy"),
                 order=item.get("order", "canonical"), **numbers, names=names)


def _operand(item: dict, key: str, start_key: str, where: str) -> Any:
    """``x`` or ``h`` of an item, placed at ``start_x`` / ``start_h`` when given (as
    ``--start-x`` / ``--start-h`` place them)."""
    start = _integers(item.get(start_key), start_key)
    if start is None:
        return item[key]
    from symconv.signal import Signal, as_signal

    return Signal(as_signal(item[key], where).values, start=start)


def _names(value: Any) -> tuple | None:
    """``names``: a list of names, or one text with commas ("a,b,c")."""
    if value is None or (isinstance(value, list) and all(isinstance(name, str) for name in value)):
        return None if value is None else tuple(value)
    if isinstance(value, str):
        return tuple(value.split(","))
    shown = str(value) if isinstance(value, Decimal) else json.dumps(value)
    raise InputError("names", f"{shown} is not a list of names; give them as [\"x\", \"h\", \"y\"] or \"x,h,y\"")


def _integers(value: Any, key: str) -> Any:
    """An integer field: a JSON number, an integer-valued string ("3") or, per axis, a list."""
    if value is None:
        return None
    if isinstance(value, list):
        return tuple(_integers(part, key) for part in value)
    if isinstance(value, str) and re.fullmatch(r"\s*[-+]?\d+\s*", value):
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        shown = str(value) if isinstance(value, Decimal) else json.dumps(value)
        raise InputError(key, f"{shown} is not an integer; give a number such as 3")
    return value
