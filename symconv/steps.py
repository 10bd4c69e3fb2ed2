"""Derivations as data: the steps of a worked solution, each holding indices and exact values.

A step never holds LaTeX or any other text: it holds the indices, the exact SymPy values and
a :class:`Reason` naming the rule it applies, and its ``verify()`` re-checks that rule with
exact arithmetic. :func:`symconv.derive.derive` builds the steps of a solution and verifies
every one; the renderers in :mod:`symconv.render` only format them.

Indices are ints in 1-D and tuples of ints (one per axis) in N-D, as in :class:`Signal`.

Examples
--------
>>> from sympy import Rational
>>> step = TermStep(n=3, pairs=((1, 2), (2, 1), (3, 0)),
...                 factors=((Rational(1, 2), Rational(1, 4)), (1, Rational(1, 2)), (1, 1)),
...                 value=Rational(13, 8), reason=Reason.DEFINITION_CONVOLUTION)
>>> step.verify()
>>> step.products
(1/8, 1/2, 1)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Union

from sympy import Add, Integer, Rational, S, conjugate, expand
from sympy.core.expr import Expr

from symconv.errors import SelfCheckError

if TYPE_CHECKING:
    from symconv.signal import Signal

__all__ = [
    "ConjugateStep",
    "DefinitionStep",
    "Derivation",
    "ElisionStep",
    "FlipStep",
    "Index",
    "Layout",
    "Names",
    "RangeStep",
    "Reason",
    "ResultStep",
    "SignalStep",
    "SlideStep",
    "Step",
    "TableRow",
    "TableStep",
    "TermStep",
    "WindowStep",
    "WrapStep",
]

Index = Union[int, tuple[int, ...]]


class Reason(str, Enum):
    """The rule a step applies (its value is the rule in words)."""

    #: (x * h)[n] = sum_m x[m] h[n - m]
    DEFINITION_CONVOLUTION = "convolution: y[n] = sum_m x[m] h[n-m]"
    #: (x ⋆ h)[n] = sum_m x[n + m] conj(h[m]): the kernel slides over the data, unflipped
    DEFINITION_CORRELATION = "correlation: y[n] = sum_m x[n+m] conj(h[m])"
    #: Wikipedia's order: sum_m conj(x[m]) h[m + n]
    DEFINITION_CORRELATION_WIKIPEDIA = "correlation (Wikipedia's order): y[n] = sum_m conj(x[m]) h[m+n]"
    #: y[n] = sum_{m=0}^{N-1} x[m] h[(n - m) mod N]
    DEFINITION_CIRCULAR = "circular convolution: y[n] = sum_{m=0}^{N-1} x[m] h[(n-m) mod N]"
    #: an input as given, with its index range
    GIVEN = "given"
    #: conj(h[m]): correlation conjugates one operand
    CONJUGATE = "conjugate"
    #: h[m] -> h[-m]: time reversal, a sequence from s to e runs from -e to -s
    FLIP_KERNEL = "flip: h[-m]"
    #: h[-m] -> h[n - m]: the flipped kernel moved right by n
    SHIFT_KERNEL = "shift: h[n-m]"
    #: correlation: conj(h[m - n]) under x[m], the kernel moved right by n without flipping
    SLIDE_KERNEL = "slide: conj(h[m-n])"
    #: Wikipedia's order slides conj(x) over h: conj(x[m - n]) under h[m]
    SLIDE_DATA = "slide: conj(x[m-n])"
    #: circular convolution: the wrapped kernel h~[(n - m) mod N] under x~[m], m = 0..N-1
    SHIFT_KERNEL_CIRCULAR = "shift modulo N: h[(n-m) mod N]"
    #: circular convolution: samples moved to their index modulo N and added
    WRAP_PERIOD = "wrap modulo N"
    #: the support of the full result follows from the supports of the operands
    SUPPORT_OF_RESULT = "support of the result"
    #: same/valid keep a window of the full result (symconv.conventions)
    KEEP_WINDOW = "mode window"
    #: terms computed and verified but not shown
    ELIDED = "elided"
    #: the whole result
    RESULT = "result"


_DEFINITIONS = {
    ("convolve", None): Reason.DEFINITION_CONVOLUTION,
    ("correlate", "canonical"): Reason.DEFINITION_CORRELATION,
    ("correlate", "wikipedia"): Reason.DEFINITION_CORRELATION_WIKIPEDIA,
    ("circular", None): Reason.DEFINITION_CIRCULAR,
}


def _axes(index: Index) -> tuple[int, ...]:
    return index if isinstance(index, tuple) else (index,)


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfCheckError(message)


def _equal(a: Expr, b: Expr) -> bool:
    a, b = S(a), S(b)
    if a == b:
        return True
    return expand(a - b) == 0


def _signals_equal(a: Signal, b: Signal) -> bool:
    return a.starts == b.starts and a.shape == b.shape and all(
        _equal(u, v) for u, v in zip(a.to_numpy().ravel(), b.to_numpy().ravel()))


def _signal_indices(signal: Signal) -> list[Index]:
    import itertools

    ranges = (signal.indices,) if signal.ndim == 1 else signal.indices
    items = itertools.product(*ranges)
    return [i[0] for i in items] if signal.ndim == 1 else list(items)


def sum_of_products(factors: tuple[tuple[Expr, Expr], ...]) -> Expr:
    """The exact sum of the products ``a * b``; rationals are added as integers (fast).

    Examples
    --------
    >>> from sympy import Rational, Symbol
    >>> sum_of_products(((Rational(1, 2), Rational(1, 4)), (1, 1)))
    9/8
    >>> sum_of_products(((Symbol("a"), 2), (1, 3)))
    2*a + 3
    """
    by_denominator: dict[int, int] = {}
    for a, b in factors:
        pa, qa = _ratio(a)
        pb, qb = _ratio(b)
        if qa == 0 or qb == 0:
            return expand(Add(*(S(p) * S(q) for p, q in factors)))
        q = qa * qb
        by_denominator[q] = by_denominator.get(q, 0) + pa * pb
    total = sum((Fraction(p, q) for q, p in by_denominator.items()), Fraction(0))
    return Rational(total.numerator, total.denominator)


def _ratio(value: Any) -> tuple[int, int]:
    """(p, q) of a rational value, (0, 0) for anything else."""
    if isinstance(value, Rational):
        return value.p, value.q
    if isinstance(value, int):
        return value, 1
    return 0, 0


# --------------------------------------------------------------------------- steps
@dataclass(frozen=True, slots=True)
class DefinitionStep:
    """The definition used: the operation, its convention and the number of axes.

    ``conjugates`` says whether conjugation changes any value (some value is complex);
    ``period`` is N per axis for circular convolution.
    """

    op: str
    order: str | None
    ndim: int
    conjugates: bool
    period: tuple[int, ...] | None
    reason: Reason

    def verify(self) -> None:
        expected = _DEFINITIONS.get((self.op, self.order))
        _check(expected is self.reason, f"definition: {self.op}/{self.order} is not {self.reason.name}")
        _check((self.period is not None) == (self.op == "circular"), "definition: period only in circular")


@dataclass(frozen=True, slots=True)
class SignalStep:
    """An input (``role`` "data" or "kernel") with its index range."""

    role: str
    signal: Signal
    reason: Reason = Reason.GIVEN

    def verify(self) -> None:
        _check(self.role in ("data", "kernel"), f"signal: unknown role {self.role!r}")


@dataclass(frozen=True, slots=True)
class ConjugateStep:
    """``conj(s[m])`` of an operand (``role``); ``real`` when conjugation changes nothing."""

    role: str
    signal: Signal
    conjugated: Signal
    real: bool
    reason: Reason = Reason.CONJUGATE

    def verify(self) -> None:
        _check(_signals_equal(self.conjugated, self.signal.conj()), f"conjugate of the {self.role} is wrong")
        _check(self.real == _signals_equal(self.signal, self.conjugated),
               f"conjugate of the {self.role}: 'real' flag is wrong")


@dataclass(frozen=True, slots=True)
class FlipStep:
    """``h[m] -> h[-m]``: the kernel reversed in time (from s..e to -e..-s)."""

    kernel: Signal
    reversed: Signal
    reason: Reason = Reason.FLIP_KERNEL

    def verify(self) -> None:
        ends = _axes(self.kernel.end)
        _check(self.reversed.starts == tuple(-e for e in ends), "flip: the reversed kernel starts at the wrong index")
        for index in _signal_indices(self.kernel):
            mirrored = tuple(-i for i in _axes(index))
            mirrored = mirrored[0] if self.kernel.ndim == 1 else mirrored
            _check(_equal(self.reversed[mirrored], self.kernel[index]), f"flip: h[{index}] is misplaced")


@dataclass(frozen=True, slots=True)
class SlideStep:
    """The moving operand placed for output ``n``: ``placed[m]`` is the factor under ``fixed[m]``.

    Convolution: ``placed[m] = h[n - m]`` (:attr:`Reason.SHIFT_KERNEL`); canonical correlation:
    ``conj(h[m - n])`` (:attr:`Reason.SLIDE_KERNEL`); Wikipedia's order: the fixed operand is
    h and ``placed[m] = conj(x[m - n])`` (:attr:`Reason.SLIDE_DATA`); circular convolution:
    ``placed[m] = h~[(n - m) mod N]`` under ``x~[m]``, both wrapped to ``0 .. N-1``
    (:attr:`Reason.SHIFT_KERNEL_CIRCULAR`). ``moving`` is the operand that moves, as given
    (wrapped, for circular convolution). Figures draw this step.
    """

    n: Index
    fixed: Signal
    moving: Signal
    placed: Signal
    reason: Reason

    def verify(self) -> None:
        n = _axes(self.n)
        for index in _signal_indices(self.placed):
            m = _axes(index)
            if self.reason is Reason.SHIFT_KERNEL:
                source, conj = tuple(a - b for a, b in zip(n, m)), False
            elif self.reason is Reason.SHIFT_KERNEL_CIRCULAR:
                source, conj = tuple((a - b) % p for a, b, p in zip(n, m, self.moving.shape)), False
            elif self.reason in (Reason.SLIDE_KERNEL, Reason.SLIDE_DATA):
                source, conj = tuple(b - a for a, b in zip(n, m)), True
            else:
                raise SelfCheckError(f"slide: unknown rule {self.reason.name}")
            source = source[0] if len(source) == 1 else source
            expected = self.moving[source]
            _check(_equal(self.placed[index], conjugate(expected) if conj else expected),
                   f"slide for n={self.n}: the value at m={index} is wrong")


@dataclass(frozen=True, slots=True)
class WrapStep:
    """Circular convolution: an operand wrapped to ``0 .. N-1`` (samples added modulo N)."""

    role: str
    signal: Signal
    wrapped: Signal
    period: tuple[int, ...]
    reason: Reason = Reason.WRAP_PERIOD

    def verify(self) -> None:
        _check(self.wrapped.starts == (0,) * len(self.period) and self.wrapped.shape == self.period,
               f"wrap of the {self.role}: not on 0..N-1")
        sums: dict[tuple[int, ...], Any] = {}
        for index in _signal_indices(self.signal):
            key = tuple(i % p for i, p in zip(_axes(index), self.period))
            sums[key] = sums.get(key, 0) + self.signal[index]
        for index in _signal_indices(self.wrapped):
            _check(_equal(self.wrapped[index], sums.get(_axes(index), 0)),
                   f"wrap of the {self.role}: value at {index} is wrong")


@dataclass(frozen=True, slots=True)
class RangeStep:
    """Where the full result can be nonzero, derived from the operands' first and last indices.

    Convolution: ``start_x + start_h .. end_x + end_h``; correlation: ``start_x - end_h ..
    end_x - start_h`` (Wikipedia's order: ``start_h - end_x .. end_h - start_x``); circular:
    ``0 .. N-1``.
    """

    starts_x: tuple[int, ...]
    ends_x: tuple[int, ...]
    starts_h: tuple[int, ...]
    ends_h: tuple[int, ...]
    start: Index
    end: Index
    reason: Reason
    period: tuple[int, ...] | None = None

    def verify(self) -> None:
        axes = zip(self.starts_x, self.ends_x, self.starts_h, self.ends_h)
        if self.reason is Reason.DEFINITION_CONVOLUTION:
            from symconv.conventions import full_starts

            starts = full_starts(self.starts_x, self.starts_h)
            expected = [(s, ex + eh) for s, ex, eh in zip(starts, self.ends_x, self.ends_h)]
        elif self.reason is Reason.DEFINITION_CORRELATION:
            expected = [(sx - eh, ex - sh) for sx, ex, sh, eh in axes]
        elif self.reason is Reason.DEFINITION_CORRELATION_WIKIPEDIA:
            expected = [(sh - ex, eh - sx) for sx, ex, sh, eh in axes]
        elif self.reason is Reason.DEFINITION_CIRCULAR:
            expected = [(0, p - 1) for p in self.period or ()]
        else:
            raise SelfCheckError(f"range: unknown rule {self.reason.name}")
        _check(tuple(e[0] for e in expected) == _axes(self.start) and
               tuple(e[1] for e in expected) == _axes(self.end), "range of the result is wrong")


@dataclass(frozen=True, slots=True)
class WindowStep:
    """A mode's window: ``start .. end`` of the full result ``full_start .. full_end`` is kept.

    ``offsets`` and ``lengths`` are what :func:`symconv.conventions.windows` reports (positions in
    the full result); Wikipedia's order mirrors the window (``mirrored``). ``inside`` names the
    operand that valid mode keeps wholly inside the other (:func:`symconv.conventions.valid_inside`).
    """

    mode: str
    same_convention: str
    full_start: Index
    full_end: Index
    offsets: tuple[int, ...]
    lengths: tuple[int, ...]
    start: Index
    end: Index
    mirrored: bool = False
    inside: str = "kernel"
    reason: Reason = Reason.KEEP_WINDOW

    def verify(self) -> None:
        for fs, fe, o, length, s, e in zip(_axes(self.full_start), _axes(self.full_end), self.offsets,
                                           self.lengths, _axes(self.start), _axes(self.end)):
            _check(e - s + 1 == length, "window: length does not match its range")
            _check((fe - e if self.mirrored else s - fs) == o, "window: offset does not match its start")
            _check(fs <= s and e <= fe, "window: outside the full result")


@dataclass(frozen=True, slots=True)
class TermStep:
    """Output sample ``n`` written as its defining sum, with exact values.

    ``pairs[k]`` are the indices ``(i, j)`` of the k-th product ``x[i] h[j]``; ``factors[k]`` its
    two exact factors, already conjugated where the definition conjugates (``conjugated``: 0 for
    the first factor, 1 for the second, None); ``value`` the exact sum. ``reason`` is the definition,
    whose index relation every pair satisfies (convolution ``i + j = n``, correlation
    ``i - j = n``, Wikipedia's order ``j - i = n``, circular ``i + j = n (mod N)``).
    ``grid`` (N-D): the pairs fill this rectangle in row-major order, the first index ``i``
    counting up by one along each axis, so the factors can be written as two matrices (the
    window of the data and the kernel as it lies under it); None where they do not.
    """

    n: Index
    pairs: tuple[tuple[Index, Index], ...]
    factors: tuple[tuple[Expr, Expr], ...]
    value: Expr
    reason: Reason = Reason.DEFINITION_CONVOLUTION
    conjugated: int | None = None
    period: tuple[int, ...] | None = None
    grid: tuple[int, ...] | None = None

    @property
    def products(self) -> tuple[Expr, ...]:
        """The exact products, in order, expanded (``(1 + i)(1 - i)`` is ``2``)."""
        return tuple(expand(S(a) * S(b)) for a, b in self.factors)

    def verify(self) -> None:
        _check(len(self.pairs) == len(self.factors), f"term n={self.n}: {len(self.pairs)} index pairs "
                                                     f"but {len(self.factors)} products")
        relation = _RELATIONS.get(self.reason)
        _check(relation is not None, f"term n={self.n}: unknown rule {self.reason.name}")
        if isinstance(self.n, int) and self.period is None:
            bad = _first_bad_pair_1d(self.reason, self.n, self.pairs)
        else:
            n = _axes(self.n)
            period = self.period or (0,) * len(n)
            bad = next(((i, j) for i, j in self.pairs if not relation(_axes(i), _axes(j), n, period)), None)
        _check(bad is None, f"term n={self.n}: pair {bad} does not satisfy {self.reason.value}")
        if self.grid is not None:
            _check(_fills_grid(self.pairs, self.grid), f"term n={self.n}: the pairs do not fill the grid {self.grid}")
        total = sum_of_products(self.factors) if self.factors else Integer(0)
        if not _equal(total, self.value):
            raise SelfCheckError(f"term n={self.n}: factors give {total}, step says {self.value}")


def _fills_grid(pairs: tuple, grid: tuple[int, ...]) -> bool:
    """The first indices of ``pairs`` run over a ``grid``-shaped block in row-major order."""
    import itertools
    import math

    if not pairs or math.prod(grid) != len(pairs):
        return False
    origin = _axes(pairs[0][0])
    return len(origin) == len(grid) and all(
        _axes(i) == tuple(o + u for o, u in zip(origin, offset))
        for (i, _), offset in zip(pairs, itertools.product(*(range(g) for g in grid))))


_RELATIONS = {
    Reason.DEFINITION_CONVOLUTION: lambda i, j, n, p: all(a + b == c for a, b, c in zip(i, j, n)),
    Reason.DEFINITION_CORRELATION: lambda i, j, n, p: all(a - b == c for a, b, c in zip(i, j, n)),
    Reason.DEFINITION_CORRELATION_WIKIPEDIA: lambda i, j, n, p: all(b - a == c for a, b, c in zip(i, j, n)),
    Reason.DEFINITION_CIRCULAR: lambda i, j, n, p: all((a + b - c) % q == 0 and 0 <= a < q and 0 <= b < q
                                                      for a, b, c, q in zip(i, j, n, p)),
}


def _first_bad_pair_1d(reason: Reason, n: int, pairs: tuple) -> tuple | None:
    if reason is Reason.DEFINITION_CONVOLUTION:
        return next(((i, j) for i, j in pairs if i + j != n), None)
    if reason is Reason.DEFINITION_CORRELATION:
        return next(((i, j) for i, j in pairs if i - j != n), None)
    if reason is Reason.DEFINITION_CORRELATION_WIKIPEDIA:
        return next(((i, j) for i, j in pairs if j - i != n), None)
    return pairs[0] if pairs else None


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of the sliding table: the moving operand's values under the data's columns."""

    n: int
    cells: tuple[Expr | None, ...]
    value: Expr


@dataclass(frozen=True, slots=True)
class TableStep:
    """The sliding table (1-D): ``fixed`` values in columns ``columns``; each row holds the moving
    operand for one output (None where it has no sample) and the output value."""

    columns: tuple[int, ...]
    fixed: tuple[Expr, ...]
    rows: tuple[TableRow, ...]
    reason: Reason

    def verify(self) -> None:
        for row in self.rows:
            _check(len(row.cells) == len(self.columns), f"table row n={row.n}: wrong width")
            pairs = tuple((a, b) for a, b in zip(self.fixed, row.cells) if b is not None)
            total = sum_of_products(pairs) if pairs else Integer(0)
            _check(_equal(total, row.value), f"table row n={row.n}: the products give {total}, not {row.value}")


@dataclass(frozen=True, slots=True)
class ElisionStep:
    """Terms computed and verified but left out of the rendered solution."""

    first: Index
    last: Index
    count: int
    reason: Reason = Reason.ELIDED

    def verify(self) -> None:
        _check(self.count > 0, "elision of no terms")


@dataclass(frozen=True, slots=True)
class ResultStep:
    """The whole result, with its index range (the mode's window)."""

    signal: Signal
    mode: str
    reason: Reason = Reason.RESULT

    def verify(self) -> None:
        _check(self.signal.ndim >= 1, "result: no axes")


Step = Union[DefinitionStep, SignalStep, ConjugateStep, FlipStep, SlideStep, WrapStep, RangeStep,
             WindowStep, TermStep, TableStep, ElisionStep, ResultStep]


# --------------------------------------------------------------------------- derivation
@dataclass(frozen=True, slots=True)
class Names:
    """The names printed for data, kernel, result and the indices (user text: always escaped)."""

    x: str = "x"
    h: str = "h"
    y: str = "y"


@dataclass(frozen=True, slots=True)
class Layout:
    """How a derivation is shown.

    ``style`` "compact" (one line per output, only overlapping products; in 2-D as matrices,
    window ⊙ kernel), "products" (every product written out, also in 2-D) or "table" (the
    sliding table, and lines that multiply every column of the data). ``max_terms``: at most
    this many output lines, the middle ones left out (None: all); ``max_products``: at most
    this many products written out per line (None: all).
    """

    style: str = "compact"
    max_terms: int | None = 16
    max_products: int | None = 10
    title: str | None = None

    def shown(self, count: int, limit: int | None) -> tuple[range, range] | None:
        """Positions kept at the head and tail of ``count`` items under ``limit``, or None for all.

        Examples
        --------
        >>> Layout().shown(100, 12)
        (range(0, 8), range(96, 100))
        >>> Layout().shown(5, 12) is None
        True
        """
        if limit is None or count <= limit:
            return None
        tail = max(1, limit // 3)
        return range(0, limit - tail), range(count - tail, count)


@dataclass(frozen=True, slots=True, eq=False)
class Derivation:
    """A verified worked solution: operands, result and steps, with renderers attached.

    Build one with :func:`symconv.explain`; every step was verified and every term's value
    equals the engine's result, so renderers only format.
    """

    op: str
    x: Signal
    h: Signal
    result: Signal
    steps: tuple[Any, ...]
    terms: tuple[TermStep, ...]
    names: Names = field(default_factory=Names)
    layout: Layout = field(default_factory=Layout)
    mode: str = "full"
    order: str | None = None
    period: tuple[int, ...] | None = None

    def verify(self) -> None:
        """Verify every step and that the terms give the result, index by index."""
        for step in self.steps:
            if not isinstance(step, TermStep):
                step.verify()
        for term in self.terms:
            term.verify()
        indices = [term.n for term in self.terms]
        _check(indices == _signal_indices(self.result), "the terms do not cover the result's indices")
        for term in self.terms:
            _check(_equal(term.value, self.result[term.n]), f"term n={term.n} differs from the engine's result")

    def step(self, kind: type) -> Any:
        """The first step of a class, or None."""
        return next((s for s in self.steps if isinstance(s, kind)), None)

    # ------------------------------------------------------------------ renderers
    def latex(self) -> str:
        """A LaTeX fragment (amsmath) for the user's own document."""
        from symconv.render.latex import render_latex

        return render_latex(self)

    def document(self) -> str:
        """A complete LaTeX document with figures (TikZ/pgfplots) that compiles with pdflatex."""
        from symconv.render.document import render_document

        return render_document(self)

    def markdown(self) -> str:
        """Markdown with ``$...$`` math (GitHub, Jupyter)."""
        from symconv.render.markdown import render_markdown

        return render_markdown(self)

    def text(self) -> str:
        """Plain text, one line per step."""
        from symconv.render.text import render_text

        return render_text(self)

    def to_json(self) -> str:
        """The steps as JSON, exact values as strings."""
        from symconv.render.json import render_json

        return render_json(self)

    def write_pdf(self, path: str) -> None:
        """Compile :meth:`document` with pdflatex and write the PDF to ``path`` atomically."""
        from symconv.render.pdf import write_pdf

        write_pdf(self.document(), path)

    def _repr_latex_(self) -> str:
        from symconv.render.latex import render_latex

        return render_latex(self, standalone_math=True)

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"<Derivation {self.op} mode={self.mode}: {len(self.terms)} terms, result {self.result!r}>"
