"""Inputs + the engine's result -> a verified :class:`~symconv.steps.Derivation` (a worked solution).

:func:`explain` is the main job of symconv: it computes the result with the engine
(:mod:`symconv.operations`), writes every output sample as its defining sum with the summation
limits derived from the supports, adds the flip, the mode's window and the figures' data as
steps, verifies each step, checks every term against the engine's value, and returns the
:class:`Derivation`, which renders itself as LaTeX, a LaTeX document, PDF, Markdown, text and JSON.

Examples
--------
>>> d = explain([1, "1/2", 1, 1], [1, "1/2", "1/4"])
>>> print(d.terms[3].pairs, d.terms[3].value)
((1, 2), (2, 1), (3, 0)) 13/8
>>> print(d.text().splitlines()[-1])
Result y: n = 0..5: 1, 1, 3/2, 13/8, 3/4, 1/4
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from enum import Enum
from typing import Any

import numpy as np
from sympy import S

from symconv.conventions import (CorrelationOrder, Mode, SameConvention, choice, full_starts, overlap,
                                 term_indices, valid_inside, windows)
from symconv.errors import InputError
from symconv.operations import circular_convolve, convolve, correlate, wrap
from symconv.signal import Signal, as_signal
from symconv.steps import (
    ConjugateStep,
    DefinitionStep,
    Derivation,
    ElisionStep,
    FlipStep,
    Index,
    Layout,
    Names,
    RangeStep,
    Reason,
    ResultStep,
    SignalStep,
    SlideStep,
    TableRow,
    TableStep,
    TermStep,
    WindowStep,
    WrapStep,
)
from symconv.timelimit import with_time_limit

__all__ = ["MAX_PRODUCTS", "MAX_TABLE_COLUMNS", "Operation", "derive", "explain", "read_names"]

#: The sliding table is drawn for at most this many columns.
MAX_TABLE_COLUMNS = 24

MAX_PRODUCTS = 300_000
"""Most products a worked solution derives and verifies (every term is computed, also those an
elided solution leaves out): data 1000 x kernel 300. Larger ones are refused at once."""


class Operation(str, Enum):
    """What is explained: ``convolve`` (also "conv"), ``correlate`` ("corr"), ``circular`` ("circ")."""

    CONVOLVE = "convolve"
    CORRELATE = "correlate"
    CIRCULAR = "circular"


_OPERATION_ALIASES = {"conv": "convolve", "corr": "correlate", "circ": "circular", "xcorr": "correlate"}


@with_time_limit("worked solution")
def explain(x: Any, h: Any, *, op: str = "convolve", mode: str = "full", order: str = "canonical",
            same_convention: str = "scipy", N: int | tuple[int, ...] | None = None,
            style: str = "compact", elide: bool | int = True, at: Any = None,
            names: Sequence[str] | None = None, title: str | None = None,
            **layer_options: Any) -> Derivation:
    """A worked solution of ``x * h`` (or a correlation): every output sample derived and verified.

    Parameters
    ----------
    x, h : sequence-like, str or Signal
        Data and kernel, 1-D or 2-D (see :class:`symconv.Signal` for what is accepted).
    op : {'convolve', 'correlate', 'circular', 'layer'}
        Also 'conv', 'corr', 'circ'. ``circular`` needs the period ``N``. ``layer`` explains a
        CNN layer (:func:`symconv.explain_layer`): x is (C_in, *spatial), h the weights
        (C_out, C_in/groups, *kernel), and ``layer_options`` are the layer's ``bias``,
        ``stride``, ``padding``, ``dilation``, ``groups`` and ``padding_mode``.
    mode : {'full', 'same', 'valid'}
        Which part of the full result is derived; the window is shown with its indices.
    order : {'canonical', 'wikipedia'}
        Correlation order: ``sum_m x[n+m] conj(h[m])`` or ``sum_m conj(x[m]) h[m+n]``.
    same_convention : {'scipy', 'numpy', 'matlab'}
        Whose ``same`` window.
    N : int or tuple of int
        Period of circular convolution (per axis).
    style : {'compact', 'products', 'table'}
        ``compact``: one line per output with only the overlapping products; in 2-D written as
        a textbook does, the window of the data under the kernel as a small matrix, ``⊙`` the
        kernel as a matrix, ``=`` the sum of the elementwise products ``=`` the value (kernels
        up to 7 x 7; plain text keeps one line of products). ``products``: every product written out, ``y[1,1] = x[1,1]h[0,0] + ...``
        (the long form; in 1-D the same as compact). ``table``: the sliding table (the moving
        kernel written under the zero-padded data, row by row) and lines that multiply every
        column of the data (1-D, at most 24 columns).
    elide : bool or int
        Long solutions leave out the middle output lines (and the middle products of long
        lines) with "..." and a note; every term is still computed and verified. True: at most
        16 lines and 10 products per line; an int: at most that many lines; False: show all.
    at : int, tuple, or a list of them
        The output(s) drawn with the kernel slid into place (default: the middle output in 1-D,
        the first and the middle one in 2-D).
    names : three strings
        Names of data, kernel and result (escaped before they reach LaTeX); default x, h, y
        (x, w, y for a layer).
    title : str
        Title of the document.
    time_limit : float, optional
        Seconds the derivation may take (``None`` or 0: no limit); over it, an InputError
        (:mod:`symconv.timelimit`).

    Returns
    -------
    Derivation
        Verified; render it with ``.latex()``, ``.document()``, ``.markdown()``, ``.text()``,
        ``.to_json()`` or ``.write_pdf(path)``.

    Raises
    ------
    InputError
        Bad values, an unknown option, ``N`` missing for circular convolution, a table too wide.

    Examples
    --------
    >>> d = explain([1, "1/2", 1, 1], [1, "1/2", "1/4"], names=("a", "b", "c"), style="table")
    >>> print(d.latex().split("\\n")[0])
    \\textbf{Convolution} of $a$ and $b$:
    >>> [t for t in d.text().splitlines() if t.startswith("c[3]")]
    ['c[3] = a[0]b[3] + a[1]b[2] + a[2]b[1] + a[3]b[0] = 1*0 + 1/2*1/4 + 1*1/2 + 1*1 = 13/8']
    """
    if isinstance(op, str) and op.lower() == "layer":
        from symconv.cnn import explain_layer

        return explain_layer(x, h, at=at, names=tuple(names or ("x", "w", "y")), title=title, **layer_options)
    if layer_options:
        raise InputError("explain", f"layer options ({', '.join(sorted(layer_options))}) need op layer")
    return derive(x, h, op=op, mode=mode, order=order, same_convention=same_convention, N=N,
                  layout=_layout(style, elide, title), at=at, names=read_names(names or ("x", "h", "y")))


def derive(x: Any, h: Any, *, op: str = "convolve", mode: str = "full", order: str = "canonical",
           same_convention: str = "scipy", N: Any = None, layout: Layout | None = None,
           at: Any = None, names: Names | None = None) -> Derivation:
    """The verified :class:`Derivation` (see :func:`explain` for the parameters)."""
    layout = layout or Layout()
    names = names or Names()
    operation = _operation(op)
    mode = choice(mode, Mode, "mode").value
    same_convention = choice(same_convention, SameConvention, "same convention").value
    x, h = as_signal(x, "data"), as_signal(h, "kernel")
    _within_budget(x, h)
    if x.ndim != h.ndim:
        raise InputError("kernel", f"is {h.ndim}-D but the data is {x.ndim}-D; give both with the "
                                   "same number of axes")
    if x.ndim > 2:
        raise InputError("explain", f"worked solutions are written for 1-D and 2-D operands; this one is "
                                    f"{x.ndim}-D (convolve and correlate compute N-D)")
    if layout.style == "table" and x.ndim != 1:
        raise InputError("style", "the sliding table is drawn for 1-D signals; use style compact (matrices) "
                                  "or style products for 2-D")
    builder = _Builder(operation, x, h, mode, same_convention,
                       choice(order, CorrelationOrder, "order").value, N, layout, names)
    derivation = builder.build(at)
    derivation.verify()
    return derivation


# --------------------------------------------------------------------------- options
def _operation(op: Any) -> Operation:
    if isinstance(op, str) and op.lower() in _OPERATION_ALIASES:
        op = _OPERATION_ALIASES[op.lower()]
    return choice(op, Operation, "op")


def _layout(style: str, elide: bool | int, title: str | None) -> Layout:
    if style not in ("compact", "products", "table"):
        raise InputError("style", f"{style!r} is not one of: compact, products, table")
    if isinstance(elide, bool):
        return Layout(style, 16, 10, title) if elide else Layout(style, None, None, title)
    if not isinstance(elide, (int, np.integer)) or elide < 2:
        raise InputError("elide", f"{elide!r} is not a number of lines (2 or more), True or False")
    return Layout(style, int(elide), 10, title)


def read_names(names: Sequence[str] | Names) -> Names:
    """Three different non-empty names: data, kernel and result (``explain``'s and ``check``'s).

    Examples
    --------
    >>> read_names(["a", " b", "c"])
    Names(x='a', h='b', y='c')
    """
    if isinstance(names, Names):
        return names
    if not isinstance(names, (str, Sequence)):
        raise InputError("names", f"{names!r} is not three names; give three non-empty names: data, kernel, result")
    names = tuple(names)
    if len(names) != 3 or not all(isinstance(n, str) and n.strip() for n in names):
        raise InputError("names", "give three non-empty names: data, kernel, result")
    if len(set(names)) != 3:
        raise InputError("names", f"{list(names)} repeats a name; data, kernel and result need their own")
    return Names(*(n.strip() for n in names))


def _within_budget(x: Signal, h: Signal) -> None:
    """Refuse a derivation of more than MAX_PRODUCTS products (at most len x * len h) before any."""
    sizes = math.prod(x.shape), math.prod(h.shape)
    if sizes[0] * sizes[1] > MAX_PRODUCTS:
        raise InputError("explain", f"data of {sizes[0]} and a kernel of {sizes[1]} samples give up to "
                                    f"{sizes[0] * sizes[1]} products to derive; at most {MAX_PRODUCTS} are "
                                    "derived (symconv conv gives the result of any size)")


def _pack(index: tuple[int, ...]) -> Index:
    return index[0] if len(index) == 1 else index


def _ends(signal: Signal) -> tuple[int, ...]:
    return tuple(s + n - 1 for s, n in zip(signal.starts, signal.shape))


def _all_indices(starts: tuple[int, ...], ends: tuple[int, ...]) -> list[tuple[int, ...]]:
    return list(itertools.product(*(range(s, e + 1) for s, e in zip(starts, ends))))


def _grid(pairs: list) -> tuple[int, ...] | None:
    """The shape of the block the pairs' first indices fill in row-major order, or None."""
    if not pairs:
        return None
    lows = pairs[0][0]
    shape = tuple(i - low + 1 for i, low in zip(pairs[-1][0], lows))
    expected = itertools.product(*(range(low, low + g) for low, g in zip(lows, shape)))
    if all(g > 0 for g in shape) and [i for i, _ in pairs] == list(expected):
        return shape
    return None


# --------------------------------------------------------------------------- builder
class _Builder:
    """Collects the steps of one derivation (the inputs are exact Signals)."""

    def __init__(self, operation: Operation, x: Signal, h: Signal, mode: str, same_convention: str,
                 order: str, N: Any, layout: Layout, names: Names) -> None:
        self.operation, self.x, self.h = operation, x, h
        self.mode, self.same_convention, self.layout, self.names = mode, same_convention, layout, names
        self.order = order if operation is Operation.CORRELATE else None
        self.period: tuple[int, ...] | None = None
        if operation is Operation.CIRCULAR:
            if N is None:
                raise InputError("N", "circular convolution needs the period N")
            if mode != "full":
                raise InputError("mode", f"circular convolution keeps all N samples; mode {mode!r} does "
                                         "not apply (use mode full)")
            self.result = circular_convolve(x, h, N)
            self.period = self.result.shape
        elif operation is Operation.CORRELATE:
            self.result = correlate(x, h, mode=mode, order=order, same_convention=same_convention)
        else:
            self.result = convolve(x, h, mode=mode, same_convention=same_convention)
        self.reason = {
            Operation.CONVOLVE: Reason.DEFINITION_CONVOLUTION,
            Operation.CIRCULAR: Reason.DEFINITION_CIRCULAR,
        }.get(operation) or (Reason.DEFINITION_CORRELATION if order == "canonical"
                             else Reason.DEFINITION_CORRELATION_WIKIPEDIA)

    # ---------------------------------------------------------------- operands
    def _operands(self) -> tuple[Signal, Signal, int | None]:
        """The two factors' signals as they enter the products (conjugated where the definition
        says), and which factor is conjugated."""
        if self.reason is Reason.DEFINITION_CORRELATION:
            return self.x, self.h.conj(), 1
        if self.reason is Reason.DEFINITION_CORRELATION_WIKIPEDIA:
            return self.x.conj(), self.h, 0
        if self.reason is Reason.DEFINITION_CIRCULAR:
            return wrap(self.x, self.period), wrap(self.h, self.period), None
        return self.x, self.h, None

    # ---------------------------------------------------------------- steps
    def build(self, at: Any) -> Derivation:
        x, h, ndim = self.x, self.h, self.x.ndim
        conj_x, conj_h, conjugated = self._operands()
        conjugates = conjugated is not None and not (
            (conj_x == x) if conjugated == 0 else (conj_h == h))
        steps: list[Any] = [
            DefinitionStep(self.operation.value, self.order, ndim, conjugates, self.period, self.reason),
            SignalStep("data", x),
            SignalStep("kernel", h),
        ]
        if self.reason is Reason.DEFINITION_CIRCULAR:
            steps += [WrapStep("data", x, conj_x, self.period), WrapStep("kernel", h, conj_h, self.period)]
        elif self.reason is Reason.DEFINITION_CORRELATION:
            steps.append(ConjugateStep("kernel", h, conj_h, not conjugates))
        elif self.reason is Reason.DEFINITION_CORRELATION_WIKIPEDIA:
            steps.append(ConjugateStep("data", x, conj_x, not conjugates))
        else:
            steps.append(FlipStep(h, h.reverse()))
        full_start, full_end = self._full_range()
        steps.append(RangeStep(x.starts, _ends(x), h.starts, _ends(h), _pack(full_start), _pack(full_end),
                               self.reason, self.period))
        steps += [self._slide(n, conj_x, conj_h) for n in self._chosen(at)]
        if self.mode != "full":
            steps.append(self._window(full_start, full_end))
        terms = tuple(self._terms(conj_x, conj_h, conjugated))
        if self.layout.style == "table":
            steps.append(self._table(conj_x, conj_h))
        steps += self._shown(terms)
        steps.append(ResultStep(self.result, self.mode))
        return Derivation(self.operation.value, x, h, self.result, tuple(steps), terms, self.names,
                          self.layout, self.mode, self.order, self.period)

    def _full_range(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        x, h = self.x, self.h
        if self.reason is Reason.DEFINITION_CIRCULAR:
            return (0,) * x.ndim, tuple(p - 1 for p in self.period)
        if self.reason is Reason.DEFINITION_CONVOLUTION:
            start = full_starts(x.starts, h.starts)
            return start, tuple(a + b for a, b in zip(_ends(x), _ends(h)))
        fixed, moving = (x, h) if self.reason is Reason.DEFINITION_CORRELATION else (h, x)
        start = full_starts(fixed.starts, tuple(-e for e in _ends(moving)))
        return start, tuple(e - s for e, s in zip(_ends(fixed), moving.starts))

    def _window(self, full_start: tuple[int, ...], full_end: tuple[int, ...]) -> WindowStep:
        kept = windows(self.mode, self.x.shape, self.h.shape, same_convention=self.same_convention,
                       correlation=self.reason is not Reason.DEFINITION_CONVOLUTION)
        return WindowStep(self.mode, self.same_convention, _pack(full_start), _pack(full_end),
                          tuple(w.offset for w in kept), tuple(w.length for w in kept),
                          self.result.start, self.result.end,
                          mirrored=self.reason is Reason.DEFINITION_CORRELATION_WIKIPEDIA,
                          inside=valid_inside(self.x.shape, self.h.shape) if self.mode == "valid" else "kernel")

    def _chosen(self, at: Any) -> list[Index]:
        result = self.result
        if at is None:
            middle = tuple(s + (n - 1) // 2 if result.ndim > 1 else s + n // 2
                           for s, n in zip(result.starts, result.shape))
            chosen = [middle] if result.ndim == 1 else list(dict.fromkeys([result.starts, middle]))
        else:
            items = at if isinstance(at, list) else [at]
            chosen = []
            for item in items:
                index = tuple(item) if isinstance(item, (tuple, list)) else (item,) * result.ndim
                if len(index) != result.ndim or not all(isinstance(i, (int, np.integer)) for i in index):
                    raise InputError("at", f"{item!r} is not an output index of a {result.ndim}-D result")
                chosen.append(tuple(int(i) for i in index))
        for index in chosen:
            if not all(s <= i <= e for i, s, e in zip(index, result.starts, _ends(result))):
                ranges = ", ".join(f"{s}..{e}" for s, e in zip(result.starts, _ends(result)))
                raise InputError("at", f"{_pack(index)} is outside the result's indices {ranges}")
        return [_pack(index) for index in chosen]

    def _slide(self, n: Index, factor_x: Signal, factor_h: Signal) -> SlideStep:
        """The moving operand placed for output n; ``factor_x``, ``factor_h`` are the operands as they
        enter the products (:meth:`_operands`), which circular convolution slides (wrapped)."""
        x, h = self.x, self.h
        shift = n
        if self.reason is Reason.DEFINITION_CIRCULAR:  # the operands wrapped to 0..N-1
            output = n if isinstance(n, tuple) else (n,)
            placed = np.empty(self.period, dtype=object)
            for m in np.ndindex(self.period):
                placed[m] = factor_h[_pack(tuple((c - i) % p for c, i, p in zip(output, m, self.period)))]
            return SlideStep(n, factor_x, factor_h, Signal(placed, start=0), Reason.SHIFT_KERNEL_CIRCULAR)
        if self.reason is Reason.DEFINITION_CONVOLUTION:
            return SlideStep(n, x, h, h.reverse().shift(shift), Reason.SHIFT_KERNEL)
        if self.reason is Reason.DEFINITION_CORRELATION:
            return SlideStep(n, x, h, h.conj().shift(shift), Reason.SLIDE_KERNEL)
        return SlideStep(n, h, x, x.conj().shift(shift), Reason.SLIDE_DATA)

    # ---------------------------------------------------------------- terms
    def _terms(self, a: Signal, b: Signal, conjugated: int | None) -> list[TermStep]:
        """One TermStep per kept output, built from index arithmetic and the value arrays."""
        result = self.result
        av, bv = a.to_numpy(), b.to_numpy()
        values = result.to_numpy()
        table = self.layout.style == "table"
        reason, period = self.reason, self.period
        terms = []
        if result.ndim == 1 and reason is not Reason.DEFINITION_CIRCULAR:
            (sa,), (sb,) = a.starts, b.starts
            ea, eb = sa + a.shape[0] - 1, sb + b.shape[0] - 1
            for position, n in enumerate(result.indices):
                pairs = self._pairs_1d(n, sa, ea, sb, eb, table)
                factors = tuple((av[i - sa] if sa <= i <= ea else S.Zero,
                                 bv[j - sb] if sb <= j <= eb else S.Zero) for i, j in pairs)
                terms.append(TermStep(n, pairs, factors, values[position], reason, conjugated))
            return terms
        for position in np.ndindex(result.shape):
            n = tuple(s + p for s, p in zip(result.starts, position))
            pairs = self._pairs_nd(n, a, b, table)
            factors = tuple((a[_pack(i)], b[_pack(j)]) for i, j in pairs)
            terms.append(TermStep(_pack(n), tuple((_pack(i), _pack(j)) for i, j in pairs), factors,
                                  values[position], reason, conjugated, period, _grid(pairs)))
        return terms

    def _pairs_1d(self, n: int, sa: int, ea: int, sb: int, eb: int, table: bool) -> tuple[tuple[int, int], ...]:
        """The (data index, kernel index) of each term of output n; a table lists every position
        of the fixed operand (the data; the kernel in Wikipedia's order), wherever the other lies."""
        op, order = self._definition()
        bounds: tuple[int | None, ...] = (sa, ea, sb, eb)
        if table:
            fixed_is_kernel = self.reason is Reason.DEFINITION_CORRELATION_WIKIPEDIA
            bounds = (None, None, sb, eb) if fixed_is_kernel else (sa, ea, None, None)
        return tuple(term_indices(op, n, m, order=order) for m in overlap(op, n, *bounds, order=order))

    def _pairs_nd(self, n: tuple[int, ...], a: Signal, b: Signal, table: bool) -> list:
        reason = self.reason
        if reason is Reason.DEFINITION_CIRCULAR:
            covered_a, covered_b = self._covered(self.x), self._covered(self.h)
            pairs = []
            for m in itertools.product(*(range(p) for p in self.period)):
                j = tuple((c - i) % p for c, i, p in zip(n, m, self.period))
                if table or (m in covered_a and j in covered_b):
                    pairs.append((m, j))
            return pairs
        op, order = self._definition()
        ranges = []
        for axis, c in enumerate(n):
            sa, sb = a.starts[axis], b.starts[axis]
            ea, eb = sa + a.shape[axis] - 1, sb + b.shape[axis] - 1
            ranges.append([term_indices(op, c, m, order=order)
                           for m in overlap(op, c, sa, ea, sb, eb, order=order)])
        return [(tuple(p[0] for p in combo), tuple(p[1] for p in combo)) for combo in itertools.product(*ranges)]

    def _definition(self) -> tuple[str, str]:
        """The operation and correlation order as :func:`~symconv.conventions.overlap` takes them."""
        return self.operation.value, self.order or CorrelationOrder.CANONICAL.value

    def _covered(self, signal: Signal) -> set[tuple[int, ...]]:
        return {tuple(i % p for i, p in zip(index, self.period))
                for index in _all_indices(signal.starts, _ends(signal))}

    def _table(self, a: Signal, b: Signal) -> TableStep:
        """Columns: the data's support padded by the kernel's length on both sides (1-D)."""
        reason = self.reason
        if reason is Reason.DEFINITION_CIRCULAR:
            columns = tuple(range(self.period[0]))
            fixed_signal = a
        else:
            fixed_signal = b if reason is Reason.DEFINITION_CORRELATION_WIKIPEDIA else a
            moving_length = (a if fixed_signal is b else b).shape[0]
            columns = tuple(range(fixed_signal.start - moving_length + 1, fixed_signal.end + moving_length))
        if len(columns) > MAX_TABLE_COLUMNS:
            raise InputError("style", f"the sliding table would have {len(columns)} columns; it is drawn "
                                      f"for at most {MAX_TABLE_COLUMNS} (use style compact)")
        rows = []
        for n, value in zip(self.result.indices, self.result.values):
            cells = []
            for m in columns:
                if reason is Reason.DEFINITION_CONVOLUTION:
                    inside, cell = b.start <= n - m <= b.end, b[n - m]
                elif reason is Reason.DEFINITION_CORRELATION:
                    inside, cell = b.start <= m - n <= b.end, b[m - n]
                elif reason is Reason.DEFINITION_CORRELATION_WIKIPEDIA:
                    inside, cell = a.start <= m - n <= a.end, a[m - n]
                else:
                    inside, cell = True, b[(n - m) % self.period[0]]
                cells.append(cell if inside else None)
            rows.append(TableRow(n, tuple(cells), value))
        fixed = tuple(fixed_signal[m] for m in columns)
        return TableStep(columns, fixed, tuple(rows), reason)

    def _shown(self, terms: tuple[TermStep, ...]) -> list[Any]:
        kept = self.layout.shown(len(terms), self.layout.max_terms)
        if kept is None:
            return list(terms)
        head, tail = kept
        hidden = terms[head.stop:tail.start]
        return ([terms[i] for i in head] + [ElisionStep(hidden[0].n, hidden[-1].n, len(hidden))]
                + [terms[i] for i in tail])
