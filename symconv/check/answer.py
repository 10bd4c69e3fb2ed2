r"""Check a claimed answer against the exact result, term by term, and name the mistakes.

:func:`check` is the entry point: it reads the claim (:func:`symconv.check.diagnose.read_claim`),
computes the exact result (:func:`compute`), compares the two with the exact core
(:mod:`symconv.check.compare`; closed forms at every n) and explains a wrong answer with the
registry of computed mistake hypotheses (:mod:`symconv.check.hypotheses`, whose ``REGISTRY``
lists every kind). A CNN layer's output goes to :func:`symconv.check.layer.check_layer`.

Examples
--------
>>> v = check("1 1 1.5 1.63 0.75 0.25", "1 0.5 1 1", "1 0.5 0.25")
>>> v.ok, v.kinds
(False, ('single_wrong_term', 'decimal_rounding'))
>>> check("1 1 1.5 1.63 0.75 0.25", "1 0.5 1 1", "1 0.5 0.25", decimals=2).ok
True
>>> check([1, 1, 1.5, 1.625, 0.75, 0.25], [1, 0.5, 1, 1], [1, 0.5, 0.25]).ok
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sympy
from sympy import Expr

from symconv.check.compare import (closed_value, compare_closed, equal, match_symbols,
                                   written_with_decimals)
from symconv.check.diagnose import read_claim
from symconv.check.layer import check_layer
from symconv.check.hypotheses import (Checker, flat, index_name, index_range, index_text,
                                      short_text)
from symconv.check.verdict import Mistake, TermVerdict, Verdict
from symconv.conventions import Mode, SameConvention, choice
from symconv.errors import InputError, UnsupportedError
from symconv.operations import circular_convolve, convolve, correlate
from symconv.signal import Signal, as_signal
from symconv.timelimit import with_time_limit

__all__ = ["check", "compute", "op_name"]

_OPS = {"convolve": "convolve", "conv": "convolve", "correlate": "correlate", "corr": "correlate",
        "circular": "circular", "circ": "circular"}
_SYMBOL = {"convolve": "*", "correlate": "⋆", "circular": "⊛"}

# ----------------------------------------------------------------------------- the question


@dataclass(frozen=True)
class _Question:
    op: str
    mode: str
    same_convention: str
    order: str
    N: Any
    names: tuple[str, str, str]

    def describe(self, x: Signal, h: Signal) -> str:
        a, b, c = self.names
        text = f"{c} = {a} {_SYMBOL[self.op]} {b}"
        if self.op == "circular":
            return text + f" ({self.N}-point circular)"
        extra = self.mode + (f", {self.same_convention} convention" if self.mode == "same" else "")
        if self.op == "correlate" and self.order != "canonical":
            extra += f", {self.order} order"
        return f"{text} ({extra})"


def compute(x: Any, h: Any, *, op: str = "convolve", mode: str = "full",
            same_convention: str = "scipy", order: str = "canonical", N: Any = None) -> Signal:
    """The exact result the question asks for (the reference every claim is compared with).

    Examples
    --------
    >>> compute([1, 2, 3], [0, 1, "1/2"], op="correlate")
    Signal([1/2, 2, 7/2, 3, 0], start=-2)
    """
    op = op_name(op)
    if op == "convolve":
        return convolve(x, h, mode=mode, same_convention=same_convention)
    if op == "correlate":
        return correlate(x, h, mode=mode, same_convention=same_convention, order=order)
    if N is None:
        raise InputError("N", "circular convolution needs the period N")
    return circular_convolve(x, h, N)


def op_name(op: str) -> str:
    """The operation's name: ``conv`` is ``convolve``, ``corr`` ``correlate``, ``circ`` ``circular``."""
    if not isinstance(op, str) or op not in _OPS:
        raise InputError("op", f"{op!r} is not one of: convolve, correlate, circular")
    return _OPS[op]


# ----------------------------------------------------------------------------- check


@with_time_limit("verdict")
def check(claimed: Any, x: Any, h: Any, *, op: str = "convolve", mode: str = "full",
          same_convention: str = "scipy", order: str = "canonical", N: Any = None,
          start: Any = None, decimals: int | None = None, significant: int | None = None,
          names: Sequence[str] | None = None, bias: Any = None, stride: Any = 1, padding: Any = 0,
          dilation: Any = 1, groups: Any = 1, padding_mode: str = "zeros",
          claim_format: str = "auto") -> Verdict:
    r"""Check a claimed result of a convolution or correlation, term by term, exactly.

    Parameters
    ----------
    claimed : list, Signal, NumPy array, SymPy Matrix or expression, or str (text or LaTeX)
        The answer to check. Without a start of its own (a plain list) it is read as starting
        where the correct result starts, and a note says so.
    claim_format : {'auto', 'text', 'latex', 'closed'}
        How a text claim is read (see :func:`symconv.check.read_claim`'s ``format``).
    x, h : sequence-like, str or Signal
        The data and the kernel of the question (SymPy expressions in ``n`` for one-sided
        infinite sequences, with a closed-form claim).
    op : {'convolve', 'correlate', 'circular', 'layer'}
        ``'layer'``: ``x`` is a CNN layer's input, ``h`` its weight, and the claim its output
        (see :func:`symconv.check.layer.check_layer`).
    mode, same_convention, order, N
        As in :func:`symconv.convolve`, :func:`symconv.correlate`,
        :func:`symconv.circular_convolve`.
    start : int or tuple, optional
        The claim's first index, when the claim itself does not say.
    decimals, significant : int, optional
        The question asked for rounding to this many decimals (significant digits): terms
        rounded so are right.
    names : (str, str, str)
        Names of data, kernel and result in the explanations, e.g. ``("a", "b", "c")``
        (default ``x, h, y``; ``x, w, y`` for a layer).
    bias, stride, padding, dilation, groups, padding_mode
        The layer's parameters (``op='layer'`` only), as for :func:`symconv.conv_layer`.
    time_limit : float, optional
        Seconds the check may take (``None`` or 0: no limit); over it, an InputError
        (:mod:`symconv.timelimit`).

    Returns
    -------
    Verdict

    Examples
    --------
    >>> v = check([1, 1, 1.5, 1.5, 0.75, 0.25], "1 0.5 1 1", "1 0.5 0.25", names="abc")
    >>> v.kinds
    ('single_wrong_term', 'term_left_out')
    >>> print(v.mistakes[1].explanation)
    c[3] lacks the product a[1]b[2] = 1/8: the sum has 3 products, the claim adds 2 of them.
    >>> check([[1, 3, 6, 3]], [[1, 2, 3]], [[[1, 1]]], op="layer", padding=1).kinds
    ('single_wrong_term',)
    """
    layer = dict(bias=bias, stride=stride, padding=padding, dilation=dilation, groups=groups,
                 padding_mode=padding_mode)
    _digits(decimals, "decimals", 0, "decimals")
    _digits(significant, "significant", 1, "significant digits")
    if op == "layer":
        return check_layer(claimed, x, h, **layer, decimals=decimals, significant=significant,
                           names=("x", "w", "y") if names is None else names)
    defaults = dict(bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros")
    for key, value in layer.items():
        if value != defaults[key]:
            raise InputError(key, "applies to a layer only; give op layer to check a layer's output")
    if not isinstance(op, str) or op not in _OPS:
        raise InputError("op", f"{op!r} is not one of: convolve, correlate, circular, layer")
    names = ("x", "h", "y") if names is None else names
    q = _Question(op_name(op), choice(mode, Mode, "mode").value,
                  choice(same_convention, SameConvention, "same convention").value,
                  order, N, _names(names))
    if _is_closed_form(x) or _is_closed_form(h):
        return _check_closed(claimed, x, h, q, claim_format)
    xs, hs = as_signal(x, "data"), as_signal(h, "kernel")
    correct = compute(xs, hs, op=q.op, mode=q.mode, same_convention=q.same_convention,
                      order=q.order, N=q.N)
    claim, given = read_claim(claimed, start=start, format=claim_format)
    claim = match_symbols(claim, _symbols(xs) | _symbols(hs))
    if isinstance(claim, Expr):
        return _check_closed_vs_finite(claim, correct, q, xs, hs)
    if claim.ndim == 2 and correct.ndim == 1 and 1 in claim.shape:  # a row or column vector
        claim = Signal([v for row in claim.values for v in row],
                       start=claim.starts[claim.shape.index(max(claim.shape))] if given else None)
    if claim.ndim != correct.ndim:
        raise InputError("claimed answer", f"is {claim.ndim}-D but the result is {correct.ndim}-D")
    notes = []
    if not given:
        claim = Signal(claim.values, start=correct.start)
        where = index_text(correct.start)
        notes.append(f"the claim gives no start index; it is read as starting at "
                     f"{index_name(q.op, correct.ndim)} = {where if correct.ndim == 1 else f'({where})'}, "
                     "like the correct result")
    return Checker(claim, correct, xs, hs, q, given, decimals, significant, tuple(notes),
                   written_with_decimals(claimed)).run()


def _digits(value: Any, where: str, low: int, unit: str) -> None:
    """``decimals`` and ``significant``: a whole number from ``low`` to MAX_DIGITS, or None."""
    from symconv.text import MAX_DIGITS

    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(where, f"{value!r} is not a whole number; give how many {unit} the question "
                                f"asks for, {low} to {MAX_DIGITS}")
    if not low <= value <= MAX_DIGITS:
        raise InputError(where, f"{value} is outside {low}..{MAX_DIGITS}; give how many {unit} the "
                                "question asks for")


def _names(names: Sequence[str]) -> tuple[str, str, str]:
    """The names as explain takes them (three, different, not empty)."""
    from symconv.derive import read_names

    read = read_names(names)
    return read.x, read.h, read.y


def _symbols(s: Signal) -> set:
    """The symbols of a signal's values (the question's, which a claim's are matched to)."""
    return set().union(*(getattr(v, "free_symbols", set()) for v in flat(s)))


def _is_closed_form(value: Any) -> bool:
    return isinstance(value, Expr) and bool(value.free_symbols)


# ----------------------------------------------------------------------------- closed forms


def _check_closed_vs_finite(claim: Expr, correct: Signal, q: _Question, x: Signal,
                            h: Signal) -> Verdict:
    """A closed-form claim for a finite question: the result written as impulses."""
    if correct.ndim != 1:
        raise InputError("claimed answer", "a closed form answers a 1-D question only")
    n = _index_symbol(claim)
    impulses = sympy.Add(*(v * sympy.KroneckerDelta(n, k) for k, v in zip(correct.indices, correct.values)))
    return _closed_verdict(claim, impulses, n, q, q.describe(x, h), correct.start, correct.end,
                           f"{q.names[2]} = {short_text(correct)} on {index_range(correct)}")


def _check_closed(claimed: Any, x: Any, h: Any, q: _Question, claim_format: str = "auto") -> Verdict:
    from symconv.closed_forms import convolution_closed_form, correlation_closed_form

    if q.op == "circular" or q.mode != "full":
        raise UnsupportedError("closed forms are checked for full convolution and correlation only")
    n = sympy.Symbol("n", integer=True)
    xs, hs = _closed_operand(x, "data", n), _closed_operand(h, "kernel", n)
    if q.op == "convolve":
        correct = convolution_closed_form(xs, hs, n)
    else:
        correct = correlation_closed_form(xs, hs, n)
    claim, _ = read_claim(claimed, closed_form=True, format=claim_format)
    if isinstance(claim, Signal):
        raise InputError("claimed answer", "the sequences are infinite; give a closed form in n")
    claim = match_symbols(_to_integer_n(claim), xs.free_symbols | hs.free_symbols)
    question = f"{q.names[2]} = {q.names[0]} {_SYMBOL[q.op]} {q.names[1]} (closed form)"
    return _closed_verdict(claim, correct, n, q, question, None, None, f"{q.names[2]}[n] = {correct}")


def _closed_verdict(claim: Expr, correct: Expr, n: sympy.Symbol, q: _Question, question: str,
                    first: int | None, last: int | None, shown_as: str) -> Verdict:
    """Compare a closed-form claim with the result at every integer n (compare_closed), and
    list the terms around the breakpoints (``first..last``: a finite result's support)."""
    claim = match_symbols(claim, correct.free_symbols | {n})
    result = compare_closed(claim, correct, n)
    points = list(result.breakpoints) + ([first, last] if first is not None else [])
    lo, hi = min(points, default=0), max(points, default=0)
    if hi - lo <= 40:
        shown = set(range(lo - 3, hi + 4))
    else:
        shown = {k + d for k in points for d in (-1, 0, 1)}
    if result.witness is not None:
        shown.add(result.witness)
    terms = []
    for k in sorted(shown):
        value, right = closed_value(claim, n, k), closed_value(correct, n, k)
        terms.append(TermVerdict(k, value, right, equal(value, right)))
    mistakes = []
    if not result.equal:
        mistakes.append(Mistake("closed_form_mismatch",
                                f"The closed forms differ: at n = {result.witness} the claim gives "
                                f"{result.claimed}, the result is {result.correct} "
                                f"({shown_as}).",
                                {"n": result.witness, "claimed": result.claimed,
                                 "correct": result.correct, "closed_form": correct}))
        notes: tuple[str, ...] = ()
    else:
        notes = (f"{shown_as}; equal at every integer n (compared exactly on each "
                 "interval between the breakpoints of the steps and impulses, both tails "
                 "included)",) + result.notes
    return Verdict(not mistakes, question, tuple(terms), tuple(mistakes), notes)


def _closed_operand(value: Any, where: str, n: sympy.Symbol) -> Expr:
    """An operand of a closed-form question in ``n``: an expression, or finite data (a list,
    text or Signal) written as its impulses ``sum_k v_k delta[n - k]``."""
    if _is_closed_form(value):
        return _to_integer_n(value)
    data = as_signal(value, where)
    if data.ndim != 1:
        raise InputError(where, "a closed-form question is 1-D; give a sequence or an expression in n")
    return sympy.Add(*(v * sympy.KroneckerDelta(n, k) for k, v in zip(data.indices, data.values)))


def _to_integer_n(expr: Any) -> Expr:
    from symconv.exact import to_exact

    expr = to_exact(expr, where="sequence") if not isinstance(expr, Expr) else expr
    subs = {s: sympy.Symbol("n", integer=True) for s in expr.free_symbols if s.name == "n"}
    return expr.xreplace(subs)


def _index_symbol(expr: Expr) -> sympy.Symbol:
    names = [s for s in expr.free_symbols if isinstance(s, sympy.Symbol)]
    if len(names) == 1:
        return names[0]
    for s in names:
        if s.name == "n":
            return s
    raise InputError("claimed answer", f"a closed form must depend on n only; it has "
                                       f"{', '.join(sorted(s.name for s in names))}")
