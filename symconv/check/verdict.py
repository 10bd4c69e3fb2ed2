"""Verdicts as data: per-term comparisons and diagnosed mistakes, with their renderers.

A :class:`Verdict` is what :func:`symconv.check` returns: ``ok``, the :class:`TermVerdict` of
every index (claimed value, correct value, ok), and the :class:`Mistake` list (a ``kind`` from
:data:`symconv.check.hypotheses.REGISTRY`, the evidence as plain data, and a one-paragraph
explanation). The renderers only format; every comparison was made by :mod:`symconv.check.answer`.

Examples
--------
>>> from sympy import Rational
>>> v = Verdict(ok=False, question="y = x * h (full)", terms=(
...     TermVerdict(0, 1, 1, True), TermVerdict(1, Rational(3, 2), 1, False)),
...     mistakes=(Mistake("single_wrong_term", "Only y[1] is wrong: 3/2 where 1 is right.",
...                       {"index": 1}),))
>>> print(v.to_text())
wrong: y = x * h (full)
  n  claimed  correct
  0  1        1        ok
  1  3/2      1        WRONG
mistakes:
  - single_wrong_term: Only y[1] is wrong: 3/2 where 1 is right.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sympy import Expr, latex

__all__ = ["LineVerdict", "Mistake", "StageVerdict", "TermVerdict", "Verdict"]

@dataclass(frozen=True, slots=True)
class Mistake:
    """One diagnosed mistake: ``kind`` (see :data:`symconv.check.hypotheses.KINDS`), an
    explanation, and evidence as data."""

    kind: str
    explanation: str
    evidence: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"kind": self.kind, "explanation": self.explanation,
                "evidence": _jsonable(self.evidence)}


@dataclass(frozen=True, slots=True)
class TermVerdict:
    """One index: the claimed value (None when the claim has no term there) and the correct one."""

    index: Any
    claimed: Expr | None
    correct: Expr
    ok: bool

    def to_json(self) -> dict:
        return {"index": _jsonable(self.index), "claimed": _jsonable(self.claimed),
                "correct": _jsonable(self.correct), "ok": self.ok}


@dataclass(frozen=True, slots=True)
class Verdict:
    """The verdict on a claimed answer.

    Attributes
    ----------
    ok : bool
        True when every term is right (rounding the question asked for is right).
    question : str
        What was asked, e.g. ``"y = x * h (full)"``.
    terms : tuple of TermVerdict
        Every index of the claim and of the correct result, in order.
    mistakes : tuple of Mistake
        What went wrong, each found by computing the alternative exactly.
    notes : tuple of str
        Remarks that are not mistakes (e.g. the claim gave no start index).
    index_name : str
        What a term's index is, the heading of the index column: ``n`` (convolution), ``l``
        (correlation lags), ``(i, j)`` (2-D), ``axis`` (layer sizes), ``(c, i, j)`` (a layer's
        channel and position).
    """

    ok: bool
    question: str
    terms: tuple[TermVerdict, ...] = ()
    mistakes: tuple[Mistake, ...] = ()
    notes: tuple[str, ...] = ()
    index_name: str = "n"

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of the mistakes, in order."""
        return tuple(m.kind for m in self.mistakes)

    @property
    def wrong_terms(self) -> tuple[TermVerdict, ...]:
        return tuple(t for t in self.terms if not t.ok)

    def to_json(self) -> dict:
        return {"ok": self.ok, "question": self.question, "index_name": self.index_name,
                "terms": [t.to_json() for t in self.terms],
                "mistakes": [m.to_json() for m in self.mistakes], "notes": list(self.notes)}

    def to_text(self) -> str:
        lines = [f"{'right' if self.ok else 'wrong'}: {self.question}"]
        if self.terms:
            rows = [(self.index_name, "claimed", "correct", "")] + [
                (_index_text(t.index), "-" if t.claimed is None else str(t.claimed),
                 str(t.correct), "ok" if t.ok else "WRONG") for t in self.terms]
            widths = [max(len(r[c]) for r in rows) for c in range(3)]
            for r in rows:
                lines.append(("  " + "  ".join(r[c].ljust(widths[c]) for c in range(3))
                              + "  " + r[3]).rstrip())
        for note in self.notes:
            lines.append(f"note: {note}")
        if self.mistakes:
            lines.append("mistakes:")
            lines.extend(f"  - {m.kind}: {m.explanation}" for m in self.mistakes)
        return "\n".join(lines)

    def to_markdown(self) -> str:
        lines = [f"**{'Right' if self.ok else 'Wrong'}**: {self.question}", ""]
        if self.terms:
            lines += [f"| {self.index_name} | claimed | correct | |", "|---|---|---|---|"]
            lines += [f"| {_index_text(t.index)} | {'-' if t.claimed is None else t.claimed} | "
                      f"{t.correct} | {'ok' if t.ok else '**wrong**'} |" for t in self.terms]
            lines.append("")
        lines += [f"*Note:* {note}" for note in self.notes]
        lines += [f"- `{m.kind}`: {m.explanation}" for m in self.mistakes]
        return "\n".join(lines).rstrip() + "\n"

    def to_latex(self) -> str:
        from symconv.render.escape import latex_text as escape_text

        lines = [r"\textbf{" + ("Right" if self.ok else "Wrong") + "}: " +
                 escape_text(self.question) + r"\par"]
        if self.terms:
            lines.append(r"\begin{tabular}{rlll}")
            label = self.index_name if self.index_name.isalpha() and len(self.index_name) > 1 else (
                f"${self.index_name}$")
            lines.append(label + r" & claimed & correct & \\ \hline")
            for t in self.terms:
                claimed = "--" if t.claimed is None else f"${latex(t.claimed)}$"
                mark = "ok" if t.ok else r"\textbf{wrong}"
                lines.append(f"${_index_text(t.index)}$ & {claimed} & ${latex(t.correct)}$ & "
                             f"{mark} " + "\\\\")
            lines.append(r"\end{tabular}\par")
        for note in self.notes:
            lines.append(r"\emph{Note:} " + escape_text(note) + r"\par")
        if self.mistakes:
            lines.append(r"\begin{itemize}")
            lines += [r"\item \texttt{" + escape_text(m.kind) + "}: " + escape_text(m.explanation)
                      for m in self.mistakes]
            lines.append(r"\end{itemize}")
        return "\n".join(lines) + "\n"

    def render(self, fmt: str = "text") -> str:
        """``text``, ``markdown``, ``latex`` or ``json``."""
        if fmt == "json":
            return json.dumps(self.to_json(), indent=2)
        return {"text": self.to_text, "markdown": self.to_markdown, "latex": self.to_latex}[fmt]()


@dataclass(frozen=True, slots=True)
class StageVerdict:
    """One stage of a worked line (between two ``=``): what it is, whether it is right, why."""

    number: int
    kind: str  # 'output', 'sum', 'indices', 'products', 'value'
    text: str
    ok: bool
    message: str = ""

    def to_json(self) -> dict:
        return {"number": self.number, "kind": self.kind, "text": self.text, "ok": self.ok,
                "message": self.message}


@dataclass(frozen=True, slots=True)
class LineVerdict:
    """The verdict on one worked line: its stages and the first wrong one."""

    ok: bool
    text: str
    index: Any
    correct: Expr | None
    stages: tuple[StageVerdict, ...] = ()
    mistakes: tuple[Mistake, ...] = ()

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(m.kind for m in self.mistakes)

    @property
    def first_wrong(self) -> StageVerdict | None:
        """The first stage that is wrong, or None."""
        return next((s for s in self.stages if not s.ok), None)

    def to_json(self) -> dict:
        return {"ok": self.ok, "text": self.text, "index": _jsonable(self.index),
                "correct": _jsonable(self.correct), "stages": [s.to_json() for s in self.stages],
                "mistakes": [m.to_json() for m in self.mistakes]}

    def to_text(self) -> str:
        head = f"{'right' if self.ok else 'wrong'}: {self.text}"
        lines = [head]
        for s in self.stages:
            lines.append(f"  stage {s.number} ({s.kind}): {'ok' if s.ok else 'WRONG'}"
                         + (f": {s.message}" if s.message else ""))
        if self.mistakes:
            lines.append("mistakes:")
            lines.extend(f"  - {m.kind}: {m.explanation}" for m in self.mistakes)
        return "\n".join(lines)

    def to_markdown(self) -> str:
        lines = [f"**{'Right' if self.ok else 'Wrong'}**: `{self.text}`", ""]
        lines += [f"{s.number}. {s.kind}: {'ok' if s.ok else '**wrong**'}"
                  + (f" ({s.message})" if s.message else "") for s in self.stages]
        lines += [f"- `{m.kind}`: {m.explanation}" for m in self.mistakes]
        return "\n".join(lines) + "\n"

    def render(self, fmt: str = "text") -> str:
        if fmt == "json":
            return json.dumps(self.to_json(), indent=2)
        if fmt == "markdown":
            return self.to_markdown()
        if fmt == "latex":
            from symconv.render.escape import latex_text as escape_text

            return escape_text(self.to_text()).replace("\n", "\\par\n")
        return self.to_text()


def _index_text(index: Any) -> str:
    return ", ".join(map(str, index)) if isinstance(index, tuple) else str(index)


def _jsonable(value: Any) -> Any:
    """Exact values as strings ('13/8'), ints as ints, containers recursively."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if hasattr(value, "is_Integer") and value.is_Integer:
        return int(value)
    return str(value)
