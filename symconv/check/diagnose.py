r"""Check a claimed answer against the exact result, term by term, and name the mistakes.

Every diagnosis is found by computing the alternative exactly with symconv's own operations
(the correlation for an unflipped kernel, the other modes and other libraries' ``same``
windows, the swapped arguments, the flip without conjugation, ...) and comparing it with the
claim, never by guessing from the shape. The vocabulary of ``Mistake.kind``:

=======================  ==============================================================
kind                     the claim ...
=======================  ==============================================================
unflipped_kernel         is the correlation where a convolution was asked (or reverse)
swapped_arguments        is r_hx for r_xh, or h * x with a mode that is not symmetric
conjugation_missing      is a correlation of complex data without the conjugate
origin_shift             has the right values on an index range off by k
wrong_mode               is another mode or another library's 'same' window
truncated                is only part of the result
single_wrong_term        has exactly one wrong term (which, and its right value)
term_left_out            lacks exactly one product in a term (which, e.g. a[1]b[2])
extra_term               has one product too many in a term
partial_flip             (N-D) has the kernel flipped along some axes only (which)
decimal_rounding         is right to k decimals or k significant digits
sign_error               has the opposite sign (everywhere, or one product subtracted)
inconsistent_size        has the wrong number of terms or the wrong matrix shape
closed_form_mismatch     (a closed form) differs at the counterexample n it names
=======================  ==============================================================

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

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sympy
from sympy import Expr

from symconv.budget import check_budget
from symconv.check.compare import (closed_value, compare_closed, equal, match_symbols,
                                   written_with_decimals)
from symconv.check.hypotheses import (Checker, flat, index_name, index_range, index_text,
                                      short_text)
from symconv.check.verdict import Mistake, TermVerdict, Verdict
from symconv.conventions import Mode, SameConvention, choice
from symconv.errors import InputError, UnsupportedError
from symconv.operations import circular_convolve, convolve, correlate
from symconv.signal import Signal, as_signal

__all__ = ["check", "compute", "read_claim"]

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
    op = _op(op)
    if op == "convolve":
        return convolve(x, h, mode=mode, same_convention=same_convention)
    if op == "correlate":
        return correlate(x, h, mode=mode, same_convention=same_convention, order=order)
    if N is None:
        raise InputError("N", "circular convolution needs the period N")
    return circular_convolve(x, h, N)


def _op(op: str) -> str:
    if op not in _OPS:
        raise InputError("op", f"{op!r} is not one of: convolve, correlate, circular")
    return _OPS[op]


# ----------------------------------------------------------------------------- the claim


def read_claim(claimed: Any, *, start: Any = None, where: str = "claimed answer",
               closed_form: bool = False) -> tuple[Signal | Expr, bool]:
    r"""The claim as a Signal (or a closed-form expression), and whether it gives its start.

    Accepted: a Signal; a list, tuple or NumPy array; a SymPy Matrix; a SymPy expression in
    ``n`` (a closed form); text in symconv's grammar, read exactly like X and H (``"1 1 1.5"``,
    ``"a^2 3"``, ``"n=-1..4: ..."``, ``"1 >2 3"``); LaTeX (``[1, \tfrac{1}{2}]``, ``\{...\}``,
    ``bmatrix``, a closed form such as ``(n+1) 0.5^n u[n]``).

    Which reader: text with a backslash, a brace or ``&`` is LaTeX (``\delta[n]`` included);
    text using the unit step ``u[...]`` is a closed form in n, read as LaTeX; any other
    text is a sequence (or matrix) in symconv's grammar, so ``"n+1"`` is one sample whose value
    is n + 1; text that grammar cannot split into samples but reads as one formula (``"1 + 2*a"``,
    spaces around an operator) is one sample too. With ``closed_form=True`` (the question's sequences are closed forms) such text is
    read as one expression in n instead.

    Examples
    --------
    >>> read_claim("n=-1..1: 1, 2, 1")
    (Signal([1, 2, 1], start=-1), True)
    >>> read_claim(r"[1, \tfrac{1}{2}]")
    (Signal([1, 1/2], start=0), False)
    >>> read_claim("n+1")
    (Signal([n + 1], start=0), False)
    >>> read_claim("1 + 2*a")
    (Signal([2*a + 1], start=0), False)
    >>> read_claim("(n+1) 0.5^n u[n]")[0]
    (n + 1)*UnitStep(n)/2**n
    """
    if isinstance(claimed, Signal):
        return (claimed if start is None else Signal(claimed.values, start=start)), True
    if isinstance(claimed, sympy.MatrixBase):
        claimed = claimed.tolist()
    if isinstance(claimed, Expr) and not isinstance(claimed, sympy.Number):
        if claimed.free_symbols:
            return check_budget(claimed, where), False
    if isinstance(claimed, str):
        return _read_text_claim(claimed, start, where, closed_form)
    if isinstance(claimed, (int, float, sympy.Number)):
        claimed = [claimed]
    signal = as_signal(claimed, where)
    if start is not None:
        return Signal(signal.values, start=start), True
    return signal, False


_LATEX_MARKS = re.compile(r"[\\{}&]")
_STEP = re.compile(r"(?<![A-Za-z_])u\s*\[")


def _read_text_claim(text: str, start: Any, where: str, closed_form: bool = False
                     ) -> tuple[Signal | Expr, bool]:
    """Text: LaTeX, a closed form (unit step), else symconv's grammar (see read_claim)."""
    from symconv.check.latex_in import read_latex
    from symconv.parse import parse_signal
    from symconv.text import read_value

    plain = not _LATEX_MARKS.search(text) and not _STEP.search(text)
    first_error: InputError | None = None
    if plain and closed_form:
        try:
            return check_budget(read_value(text, where), where), False
        except InputError as error:
            first_error = error
    elif plain:
        try:
            samples, marked = parse_signal(text, where)
        except InputError as error:
            first_error = error
            try:  # '1 + 2*a': spaces around an operator, one sample read by the same grammar
                value = check_budget(read_value(text, where), where)
            except InputError:
                pass
            else:
                signal = Signal([value], start=0 if start is None else _starts(start, 1)[0])
                return signal, start is not None
        else:
            ndim = len(samples.shape)
            if start is not None:
                if marked is not None:
                    raise InputError(where, "the start is given twice (in the text and as "
                                            "start); give one")
                return Signal.from_samples(samples, _starts(start, ndim)), True
            if marked is not None:
                return Signal.from_samples(samples, marked), True
            return Signal.from_samples(samples, (0,) * ndim), False
    try:
        value = read_latex(text, where=where)
    except InputError:
        if first_error is not None:
            raise first_error from None
        raise
    _refuse_samples(value.value, where)
    check_budget(value.value, where)
    if value.kind == "expression" and not plain:
        return value.value, False
    if value.kind in ("number", "expression"):  # plain '1 + 2*a': one sample, no closed form
        values: Any = [value.value]
    elif value.kind == "sequence":
        values = list(value.value)
    else:
        values = [list(row) for row in value.value]
    signal = as_signal(values, where)
    if start is not None:
        return Signal(signal.values, start=start), True
    return signal, False


def _refuse_samples(value: Any, where: str) -> None:
    """A claim such as ``x[3]`` names a sample of a sequence; it is no value to compare."""
    items = value if isinstance(value, tuple) else (value,)
    for item in items:
        if isinstance(item, tuple):
            _refuse_samples(item, where)
        elif isinstance(item, Expr) and item.has(sympy.Indexed):
            sample = sorted(map(str, item.atoms(sympy.Indexed)))[0]
            raise InputError(where, f"'{sample}' is a sample of a sequence, not a value; write "
                                    "the claimed values themselves (numbers, or a closed form in n)")


def _starts(start: Any, ndim: int) -> tuple[int, ...]:
    return tuple(start) if isinstance(start, (tuple, list)) else (int(start),) * ndim


# ----------------------------------------------------------------------------- check


def check(claimed: Any, x: Any, h: Any, *, op: str = "convolve", mode: str = "full",
          same_convention: str = "scipy", order: str = "canonical", N: Any = None,
          start: Any = None, decimals: int | None = None, significant: int | None = None,
          names: Sequence[str] | None = None, bias: Any = None, stride: Any = 1, padding: Any = 0,
          dilation: Any = 1, groups: Any = 1, padding_mode: str = "zeros") -> Verdict:
    r"""Check a claimed result of a convolution or correlation, term by term, exactly.

    Parameters
    ----------
    claimed : list, Signal, NumPy array, SymPy Matrix or expression, or str (text or LaTeX)
        The answer to check. Without a start of its own (a plain list) it is read as starting
        where the correct result starts, and a note says so.
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
        from symconv.check.layer import check_layer

        return check_layer(claimed, x, h, **layer, decimals=decimals, significant=significant,
                           names=("x", "w", "y") if names is None else names)
    defaults = dict(bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros")
    for key, value in layer.items():
        if value != defaults[key]:
            raise InputError(key, "applies to a layer only; give op layer to check a layer's output")
    if op not in _OPS:
        raise InputError("op", f"{op!r} is not one of: convolve, correlate, circular, layer")
    names = ("x", "h", "y") if names is None else names
    q = _Question(_op(op), choice(mode, Mode, "mode").value,
                  choice(same_convention, SameConvention, "same convention").value,
                  order, N, _names(names))
    if _is_closed_form(x) or _is_closed_form(h):
        return _check_closed(claimed, x, h, q)
    xs, hs = as_signal(x, "data"), as_signal(h, "kernel")
    correct = compute(xs, hs, op=q.op, mode=q.mode, same_convention=q.same_convention,
                      order=q.order, N=q.N)
    claim, given = read_claim(claimed, start=start)
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
    items = tuple(names)
    if len(items) != 3:
        raise InputError("names", f"give 3 names (data, kernel, result), not {len(items)}")
    return items  # type: ignore[return-value]


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


def _check_closed(claimed: Any, x: Any, h: Any, q: _Question) -> Verdict:
    from symconv.closed_forms import convolution_closed_form, correlation_closed_form

    if q.op == "circular" or q.mode != "full":
        raise UnsupportedError("closed forms are checked for full convolution and correlation only")
    n = sympy.Symbol("n", integer=True)
    xs, hs = _to_integer_n(x), _to_integer_n(h)
    if q.op == "convolve":
        correct = convolution_closed_form(xs, hs, n)
    else:
        correct = correlation_closed_form(xs, hs, n)
    claim, _ = read_claim(claimed, closed_form=True)
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


