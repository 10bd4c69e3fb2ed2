"""What every derivation renderer shares: dispatch by step class, and the notation of the definitions.

A renderer is one class per format with a method per step class, ``render_<ClassName>``, found
along the step's MRO; a step class no renderer knows falls back to ``render_object``. Renderers
never compute: every index and value they print is carried by the steps; the helpers here only
choose symbols (which index letters, which factor is conjugated).

Examples
--------
>>> from symconv.derive import explain
>>> notation(explain([1, 2], [1, 1], op="corr").step(DefinitionStep)).factors
(('x', 'n+m', False), ('h', 'm', True))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from symconv.steps import DefinitionStep, Derivation, RangeStep, Reason

__all__ = ["Bound", "Notation", "Renderer", "notation", "offset", "range_bounds"]


@dataclass(frozen=True, slots=True)
class Notation:
    """The symbols of a definition: output index, summation indices, the two factors as
    (which operand: 'x' or 'h', index expression, conjugated), and whether indices wrap mod N."""

    output: str
    summation: str
    factors: tuple[tuple[str, str, bool], tuple[str, str, bool]]
    modulo: bool


_AXES_OUT = {1: ("n",), 2: ("i", "j")}
_AXES_SUM = {1: ("m",), 2: ("k", "l")}


def notation(definition: DefinitionStep) -> Notation:
    """The symbols for a definition step, in 1-D (n, m) or 2-D (i, j; k, l); N-D uses n1, m1, ..."""
    ndim = definition.ndim
    outs = _AXES_OUT.get(ndim) or tuple(f"n{a + 1}" for a in range(ndim))
    sums = _AXES_SUM.get(ndim) or tuple(f"m{a + 1}" for a in range(ndim))
    conj = True     # the definition conjugates this factor; lines show it when values are complex
    reason = definition.reason

    def each(pattern: str) -> str:
        return ",".join(pattern.format(n=n, m=m) for n, m in zip(outs, sums))

    if reason is Reason.DEFINITION_CORRELATION:
        factors = (("x", each("{n}+{m}"), False), ("h", each("{m}"), conj))
    elif reason is Reason.DEFINITION_CORRELATION_WIKIPEDIA:
        factors = (("x", each("{m}"), conj), ("h", each("{m}+{n}"), False))
    else:
        factors = (("x", each("{m}"), False), ("h", each("{n}-{m}"), False))
    return Notation(",".join(outs), ",".join(sums), factors, reason is Reason.DEFINITION_CIRCULAR)


def offset(name: str, k: int) -> str:
    """``name`` plus a signed integer, as written: ``n - 2``, ``n + 1``, ``n``.

    Examples
    --------
    >>> offset("n", -2), offset("n", 1), offset("n", 0)
    ('n - 2', 'n + 1', 'n')
    """
    if k == 0:
        return name
    return f"{name} {'-' if k < 0 else '+'} {abs(k)}"


@dataclass(frozen=True, slots=True)
class Bound:
    """One end of the result's range as the rule derives it: ``s_x + s_h = 0 + 0 = 0`` is
    ``Bound(("s", "x"), "+", ("s", "h"), 0, 0, 0)`` (first/last index ``s``/``e`` of an operand)."""

    left: tuple[str, str]
    sign: str
    right: tuple[str, str]
    a: int
    b: int
    value: int

    def numbers(self) -> str:
        """``0 + 0``, ``-1 - (-2)``: the arithmetic with its operands, negatives in parentheses."""
        return f"{self.a} {self.sign} {f'({self.b})' if self.b < 0 else self.b}"


def range_bounds(step: RangeStep) -> list[tuple[Bound, Bound]]:
    """Per axis, the first and last output index of a (non-circular) range step, as derived.

    Examples
    --------
    >>> from symconv.steps import RangeStep, Reason
    >>> low, high = range_bounds(RangeStep((0,), (3,), (-1,), (1,), -1, 4, Reason.DEFINITION_CORRELATION))[0]
    >>> low.numbers(), low.value, high.numbers(), high.value
    ('0 - 1', -1, '3 - (-1)', 4)
    """
    out = []
    for sx, ex, sh, eh, s, e in zip(step.starts_x, step.ends_x, step.starts_h, step.ends_h,
                                    _axes(step.start), _axes(step.end)):
        if step.reason is Reason.DEFINITION_CONVOLUTION:
            out.append((Bound(("s", "x"), "+", ("s", "h"), sx, sh, s), Bound(("e", "x"), "+", ("e", "h"), ex, eh, e)))
        elif step.reason is Reason.DEFINITION_CORRELATION:
            out.append((Bound(("s", "x"), "-", ("e", "h"), sx, eh, s), Bound(("e", "x"), "-", ("s", "h"), ex, sh, e)))
        else:
            out.append((Bound(("s", "h"), "-", ("e", "x"), sh, ex, s), Bound(("e", "h"), "-", ("s", "x"), eh, sx, e)))
    return out


def _axes(index: Any) -> tuple[int, ...]:
    return index if isinstance(index, tuple) else (index,)


class Renderer:
    """Base of the renderers: ``render()`` joins the rendered steps of a derivation."""

    def __init__(self, derivation: Derivation) -> None:
        self.derivation = derivation
        self.names = derivation.names
        self.layout = derivation.layout
        self.definition: DefinitionStep = derivation.step(DefinitionStep)
        self.notation = notation(self.definition)
        self.notes: list[str] = []

    def render(self) -> str:
        parts = [self.render_step(step) for step in self.derivation.steps]
        return self.join([p for p in parts if p])

    def join(self, parts: list[str]) -> str:
        return "\n".join(parts) + "\n"

    def render_step(self, step: Any) -> str:
        """Dispatch to ``render_<Class>`` along the step's MRO (``render_object`` at the end)."""
        for cls in type(step).__mro__:
            method = getattr(self, f"render_{cls.__name__}", None)
            if method is not None:
                return method(step)
        raise TypeError(f"no renderer for {type(step).__name__}")  # pragma: no cover (object is in every MRO)

    def render_object(self, step: Any) -> str:
        """Generic fallback: the step's class and rule."""
        reason = getattr(step, "reason", None)
        return f"{type(step).__name__}: {reason.value if reason is not None else ''}".rstrip(": ")

    # ------------------------------------------------------------------ shared choices
    def operand_name(self, operand: str) -> str:
        """The user's name of 'x', 'h' or 'y' (unescaped)."""
        return getattr(self.names, operand)

    def role_name(self, role: str) -> str:
        return self.names.x if role == "data" else self.names.h

    def shown_positions(self, count: int, limit: int | None) -> list[int | None]:
        """Positions to show out of ``count``; None marks the gap where items are left out."""
        kept = self.layout.shown(count, limit)
        if kept is None:
            return list(range(count))
        head, tail = kept
        return [*head, None, *tail]
