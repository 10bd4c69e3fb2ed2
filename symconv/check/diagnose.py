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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations
from itertools import product as cartesian
from typing import Any

import sympy
from sympy import Abs, Expr, Integer, Rational, S, expand, floor

from symconv.budget import check_budget
from symconv.check.compare import closed_value, compare_closed, equal, match_symbols
from symconv.check.fingerprint import Fingerprint
from symconv.check.verdict import Mistake, TermVerdict, Verdict
from symconv.conventions import Mode, SameConvention, choice
from symconv.errors import InputError, UnsupportedError
from symconv.operations import circular_convolve, convolve, correlate, wrap
from symconv.signal import Signal, as_signal

__all__ = ["check", "compute", "read_claim"]

_OPS = {"convolve": "convolve", "conv": "convolve", "correlate": "correlate", "corr": "correlate",
        "circular": "circular", "circ": "circular"}
_SYMBOL = {"convolve": "*", "correlate": "⋆", "circular": "⊛"}

MAX_TERM_PRODUCTS = 20_000
"""Symbolic data: wrong terms are searched for a single cause (a product left out or extra, a
sign) until this many products have been compared; the verdict notes the terms not searched."""


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
        where = _index_text(correct.start)
        notes.append(f"the claim gives no start index; it is read as starting at "
                     f"{_index_name(q.op, correct.ndim)} = {where if correct.ndim == 1 else f'({where})'}, "
                     "like the correct result")
    return _Checker(claim, correct, xs, hs, q, given, decimals, significant, tuple(notes),
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


def _index_name(op: str, ndim: int) -> str:
    """``n`` (convolution), ``l`` (correlation lags), ``(i, j)`` in 2-D: the heading of the index."""
    if ndim > 1:
        return "(" + ", ".join("ijkpqr"[:ndim]) + ")"
    return "l" if op == "correlate" else "n"


def _names(names: Sequence[str]) -> tuple[str, str, str]:
    items = tuple(names)
    if len(items) != 3:
        raise InputError("names", f"give 3 names (data, kernel, result), not {len(items)}")
    return items  # type: ignore[return-value]


def _symbols(s: Signal) -> set:
    """The symbols of a signal's values (the question's, which a claim's are matched to)."""
    return set().union(*(getattr(v, "free_symbols", set()) for v in _flat(s)))


def _is_closed_form(value: Any) -> bool:
    return isinstance(value, Expr) and bool(value.free_symbols)


class _Checker:
    """One comparison of a finite claim with the finite correct result."""

    def __init__(self, claim: Signal, correct: Signal, x: Signal, h: Signal, q: _Question,
                 given: bool, decimals: int | None, significant: int | None,
                 notes: tuple[str, ...], written: bool | None = None) -> None:
        self.claim, self.correct, self.x, self.h, self.q = claim, correct, x, h, q
        self.given, self.decimals, self.significant = given, decimals, significant
        self.written = written  # the claim is written with decimals (None: not known)
        self.notes = list(notes)
        self.a, self.b, self.c = q.names
        self.examined = 0  # products compared by term_cause (bounded for symbolic data)

    @cached_property
    def symbolic(self) -> bool:
        """Whether the question's data or kernel has symbols."""
        return any(getattr(v, "free_symbols", None) for v in _flat(self.x) + _flat(self.h))

    @cached_property
    def fingerprint(self) -> Fingerprint | None:
        """Fingerprints of plain polynomial values (symbolic data only), else None."""
        if not self.symbolic:
            return None
        symbols = set().union(*(getattr(v, "free_symbols", set()) for s in (self.x, self.h, self.claim)
                                for v in _flat(s)))
        return Fingerprint(symbols) if Fingerprint.usable(symbols) else None

    def _same(self, a: Any, b: Any) -> bool:
        """``equal(a, b)``, answered at once when the fingerprints of a and b differ."""
        f = self.fingerprint
        if f is not None and a is not None and b is not None:
            ka, kb = f(a), f(b)
            if ka is not None and kb is not None and ka != kb:
                return False
        return equal(a, b)

    # ------------------------------------------------------------------ terms
    def terms(self) -> list[TermVerdict]:
        claim, correct = self.claim, self.correct
        # the indices of either signal (not their bounding box: a claim at n = 10**9 is two boxes)
        indices = set().union(*(cartesian(*(range(s, s + n) for s, n in zip(signal.starts, signal.shape)))
                                for signal in (claim, correct)))
        out = []
        for index in sorted(indices):
            inside_claim = _inside(index, claim)
            inside_correct = _inside(index, correct)
            key = index[0] if claim.ndim == 1 else index
            right = correct[index] if inside_correct else S.Zero
            if inside_claim:
                value = claim[index]
                if inside_correct or self.q.mode == "full":
                    ok = self._same(value, right) or self._rounded_ok(value, right)
                else:
                    ok = False  # outside the window the question asks for
                out.append(TermVerdict(key, value, right, ok))
            elif inside_correct:
                out.append(TermVerdict(key, None, right, self.q.mode == "full" and right == 0))
        return out

    def _rounded_ok(self, value: Expr, right: Expr) -> bool:
        """Whether ``value`` is ``right`` rounded as the question asks (see `_right_to_decimals`)."""
        if self.decimals is not None and _right_to_decimals(value, right, self.decimals):
            return True
        return self.significant is not None and _right_to_significant(value, right, self.significant)

    # ------------------------------------------------------------------ run
    def run(self) -> Verdict:
        terms = self.terms()
        ok = all(t.ok for t in terms)
        mistakes: list[Mistake] = []
        if not ok:
            mistakes = self.whole_mistakes() or self.term_mistakes(terms)
        elif self.decimals is not None or self.significant is not None:
            rounded = [t for t in terms if t.claimed is not None and not self._same(t.claimed, t.correct)]
            if rounded:
                self.notes.append(f"{len(rounded)} term(s) rounded as the question asks")
        return Verdict(ok, self.q.describe(self.x, self.h), tuple(terms), tuple(mistakes),
                       tuple(self.notes), self.index_name())

    def index_name(self) -> str:
        """The terms' index: ``n``, ``l`` for correlation lags, ``(i, j)`` in 2-D."""
        return _index_name(self.q.op, self.correct.ndim)

    # ------------------------------------------------------------------ whole-answer mistakes
    def alternatives(self) -> list[tuple[str, str, dict, Callable[[Signal, Signal], Signal]]]:
        """(kind, what it is, evidence, fn) for every mistake computed whole: ``fn(x, h)``.

        ``fn`` computes the alternative exactly from data and kernel; :meth:`whole_mistakes`
        calls it on integers first (the symbols replaced by a point) for symbolic data.
        """
        x, h, q = self.x, self.h, self.q
        a, b = self.a, self.b
        mode, conv = q.mode, q.same_convention
        out: list[tuple[str, str, dict, Callable[[Signal, Signal], Signal]]] = []

        def add(kind: str, what: str, evidence: dict, fn: Callable[[Signal, Signal], Signal]) -> None:
            out.append((kind, what, evidence, fn))

        if q.op == "convolve":
            add("unflipped_kernel", f"the correlation of {a} and {b} (the kernel {b} not flipped)",
                {"computed": "correlate"},
                lambda x, h: correlate(x, h, mode=mode, same_convention=conv))
            add("swapped_arguments", f"{b} * {a} (arguments swapped)", {"computed": "convolve(h, x)"},
                lambda x, h: convolve(h, x, mode=mode, same_convention=conv))
            modes = [(m, c) for m in ("full", "valid", "same")
                     for c in (("scipy", "numpy", "matlab") if m == "same" else ("scipy",))]
            for m, c in modes:
                if (m, c) != (mode, conv if mode == "same" else "scipy"):
                    add("wrong_mode", _mode_text(m, c), {"mode": m, "same_convention": c},
                        lambda x, h, m=m, c=c: convolve(x, h, mode=m, same_convention=c))
        elif q.op == "correlate":
            order = q.order
            add("unflipped_kernel", f"the convolution of {a} and {b} (the kernel flipped where "
                "correlation slides it unflipped)", {"computed": "convolve"},
                lambda x, h: convolve(x, h, mode=mode, same_convention=conv))
            other = "wikipedia" if order == "canonical" else "canonical"
            add("swapped_arguments", f"the correlation in the other order ({other}: "
                f"r_{b}{a} for r_{a}{b})", {"order": other},
                lambda x, h: correlate(x, h, mode=mode, same_convention=conv, order=other))
            if _has_complex(h) or _has_complex(x):
                add("conjugation_missing", "the correlation without the complex conjugate",
                    {"computed": "convolve(x, reverse(h))"},
                    lambda x, h: _correlate_unconjugated(x, h, mode, conv, order))
            modes = [(m, c) for m in ("full", "valid", "same")
                     for c in (("scipy", "numpy", "matlab") if m == "same" else ("scipy",))]
            for m, c in modes:
                if (m, c) != (mode, conv if mode == "same" else "scipy"):
                    add("wrong_mode", _mode_text(m, c), {"mode": m, "same_convention": c},
                        lambda x, h, m=m, c=c: correlate(x, h, mode=m, same_convention=c, order=order))
        else:
            add("wrong_mode", "the linear (full) convolution, not the circular one",
                {"mode": "linear"}, lambda x, h: convolve(x, h))
            add("unflipped_kernel", "the circular correlation (the kernel not flipped)",
                {"computed": "circular correlation"},
                lambda x, h: circular_convolve(x, h.flip(), q.N))
        for axes in _partial_axes(x.ndim):  # the kernel flipped along some axes only
            listed = f"axis {axes[0]}" if len(axes) == 1 else "axes " + ", ".join(map(str, axes))
            if q.op == "correlate":
                what = f"the correlation with {b} flipped along {listed} (correlation flips no axis)"
                fn = (lambda x, h, axes=axes: correlate(x, h.reverse(axes), mode=mode, same_convention=conv,
                                                        order=q.order))
            else:
                what = f"the {'circular ' if q.op == 'circular' else ''}convolution with {b} not flipped along {listed}"
                fn = (lambda x, h, axes=axes: circular_convolve(x, h.reverse(axes), q.N)
                      if q.op == "circular" else convolve(x, h.reverse(axes), mode=mode, same_convention=conv))
            add("partial_flip", what, {"axes": list(axes)}, fn)
        return out

    def whole_mistakes(self) -> list[Mistake]:
        claim, correct = self.claim, self.correct
        found: list[Mistake] = []
        shifts: list[tuple[Any, Signal]] = []
        quick = self._quick_alternative()
        for kind, what, evidence, fn in self.alternatives():
            if any(m.kind == kind for m in found) or not quick(fn):
                continue  # this kind is named already, or the claim's fingerprints differ
            try:
                alt = fn(self.x, self.h)
            except (InputError, UnsupportedError):
                continue  # e.g. valid mode with a kernel longer than the data
            if alt == correct:
                continue  # the same numbers as the right answer
            match = self._matches(alt)
            if match is None:
                continue
            found.append(Mistake(kind, f"The claim is {what}: "
                                 f"{_index_range(alt)}, {_short(alt)}.",
                                 {**evidence, "start": _json_start(alt.start)}))
            if match != 0:
                shifts.append((match, alt))
        shift = self._matches(correct)
        if found:
            if shifts and len(shifts) == len(found):
                found.append(self._shift(*shifts[0]))
            elif shift is not None and shift != 0:  # e.g. symmetric x, h: both readings hold
                found.append(self._shift(shift, correct))
            return found
        if shift is not None and shift != 0:
            return [self._shift(shift, correct)]
        if claim.shape == correct.shape and all(
                self._same(u, -v) for u, v in zip(_flat(claim), _flat(correct))):
            return [Mistake("sign_error", "Every term has the opposite sign.", {})]
        truncated = self._truncated()
        if truncated:
            return truncated
        return []

    def _quick_alternative(self) -> Callable[[Callable[[Signal, Signal], Signal]], bool]:
        """A test ``quick(fn)``: False when ``fn(x, h)`` certainly differs from the claim.

        For symbolic data (plain polynomials) ``fn`` is run on the data with every symbol
        replaced by an integer (a fast exact integer convolution) and compared with the claim's
        fingerprints; only an alternative that passes is computed symbolically and compared
        exactly. Otherwise every alternative passes.
        """
        f = self.fingerprint
        if f is None:
            return lambda fn: True
        claim_keys = f.keys(self.claim)
        if None in claim_keys or None in f.keys(self.x) or None in f.keys(self.h):
            return lambda fn: True
        x, h = f.substitute(self.x), f.substitute(self.h)

        def quick(fn: Callable[[Signal, Signal], Signal]) -> bool:
            try:
                alt = fn(x, h)
            except (InputError, UnsupportedError):
                return False  # the exact computation fails the same way
            return alt.shape == self.claim.shape and f.keys(alt) == claim_keys

        return quick

    def _matches(self, alt: Signal) -> Any:
        """0 if the claim equals ``alt``; the shift k if only the start differs; else None."""
        claim = self.claim
        if claim.shape != alt.shape:
            return None
        if not all(self._same(u, v) for u, v in zip(_flat(claim), _flat(alt))):
            return None
        if claim.starts == alt.starts:
            return 0
        if not self.given:
            return 0  # the claim did not say where it starts: the values decide
        k = tuple(c - s for c, s in zip(claim.starts, alt.starts))
        return k[0] if claim.ndim == 1 else k

    def _shift(self, k: Any, alt: Signal) -> Mistake:
        text = (f"The values are right but their indices are off by {k}: the claim starts at "
                f"n = {_index_text(self.claim.start)}, the result at n = {_index_text(alt.start)}.")
        return Mistake("origin_shift", text, {"k": _json_start(k),
                                              "claimed_start": _json_start(self.claim.start),
                                              "correct_start": _json_start(alt.start)})

    def _truncated(self) -> list[Mistake]:
        claim, correct = self.claim, self.correct
        if claim.ndim != 1 or len(claim.values) >= len(correct.values):
            return []
        values, right = claim.values, correct.values
        offsets = ([claim.start - correct.start] if self.given else range(len(right) - len(values) + 1))
        for off in offsets:
            if 0 <= off <= len(right) - len(values) and all(
                    self._same(v, r) for v, r in zip(values, right[off:off + len(values)])):
                first = correct.start + off
                last = first + len(values) - 1
                missing = [n for n in correct.indices if not first <= n <= last]
                return [Mistake("truncated",
                                f"The claim is only part of the result: the terms "
                                f"n = {first}..{last} are right, the terms "
                                f"{_list_text(missing)} are missing.",
                                {"first": first, "last": last, "missing": missing})]
        return []

    # ------------------------------------------------------------------ term mistakes
    def term_mistakes(self, terms: list[TermVerdict]) -> list[Mistake]:
        wrong = [t for t in terms if not t.ok]
        out: list[Mistake] = []
        paired = [t for t in wrong if t.claimed is not None and _inside(_tuple(t.index), self.correct)]
        size_problem = self.claim.shape != self.correct.shape
        if len(paired) == 1 and not size_problem:
            t = paired[0]
            out.append(Mistake("single_wrong_term",
                               f"Only {self.c}[{_index_text(t.index)}] is wrong: the claim says "
                               f"{t.claimed}, the right value is {t.correct}.",
                               {"index": t.index, "claimed": t.claimed, "correct": t.correct}))
        rounding = []
        searched = 0
        for t in paired:
            if self.symbolic and self.examined >= MAX_TERM_PRODUCTS:
                break
            searched += 1
            m = self.term_cause(t)
            if m is not None and m.kind == "decimal_rounding":
                rounding.append((t, m))
            elif m is not None:
                out.append(m)
        if rounding:
            if len(rounding) == 1:
                out.append(rounding[0][1])
            else:
                out.append(self._roundings(rounding))
        if searched < len(paired):
            self.notes.append(f"{len(paired) - searched} of the {len(paired)} wrong terms were not "
                              "searched for a single cause (a product left out or extra, a sign): "
                              f"for symbolic data at most {MAX_TERM_PRODUCTS} products are compared")
        if size_problem:
            out.append(Mistake("inconsistent_size",
                               f"The claim has shape {_shape_text(self.claim)}, the result "
                               f"{_shape_text(self.correct)} ({_index_range(self.correct)}).",
                               {"claimed_shape": list(self.claim.shape),
                                "correct_shape": list(self.correct.shape)}))
        return out

    def _roundings(self, rounding: list[tuple[TermVerdict, Mistake]]) -> Mistake:
        """One ``decimal_rounding`` for several rounded terms, e.g. '2 terms are rounded to 1
        decimal (0 and 3) where 2 were asked; the exact values have more digits.'"""
        units = [m.evidence["unit"] for _, m in rounding]
        unit = max(set(units), key=units.count)
        ks = sorted({m.evidence["digits"] for _, m in rounding if m.evidence["unit"] == unit})
        digits = _list_text(ks) + " " + (unit[:-1] if ks == [1] else unit)
        indices = [t.index for t, _ in rounding]
        evidence = {"digits": ks[0], "unit": unit, "indices": indices}
        text = f"{len(rounding)} terms are rounded to {digits} ({_list_text(indices)})"
        if "asked" in rounding[0][1].evidence:
            evidence["asked"] = rounding[0][1].evidence["asked"]
            asked = ("decimals", self.decimals) if self.decimals is not None else (
                "significant digits", self.significant)
            text += _asked_text(asked, unit)
        return Mistake("decimal_rounding", text + "; the exact values have more digits.", evidence)

    def term_cause(self, t: TermVerdict) -> Mistake | None:
        """Why one term is wrong: a product left out, rounding, a sign, a product extra.

        A product left out that explains the value exactly comes first. Rounding is named only
        when the question asked for it (``decimals``, ``significant``) or the claim is written
        with decimals (an integer such as 8 for 65/8 is no rounding then), and, as a last resort
        when nothing else explains it, for an integer ending in zeros (1600 for 1623: 2
        significant digits).
        """
        claimed, right = t.claimed, t.correct
        name = f"{self.c}[{_index_text(t.index)}]"
        if claimed is None:
            return None
        products = self.products(_tuple(t.index))
        self.examined += len(products)
        used = [(label, v) for label, v in products if v != 0]
        gap = right - claimed  # built once: for symbolic terms a sum of hundreds of products
        for label, v in used:
            if self._same(gap, v):
                return Mistake("term_left_out",
                               f"{name} lacks the product {label} = {v}: the sum has "
                               f"{len(used)} products, the claim adds {len(used) - 1} of them.",
                               {"index": t.index, "product": label, "value": v})
        if self.decimals is not None or self.significant is not None or self._written(claimed):
            rounded = self.rounding(t, name)
            if rounded is not None:
                return rounded
        if claimed != 0 and self._same(claimed, -right):
            return Mistake("sign_error", f"{name} has the wrong sign: {claimed} for {right}.",
                           {"index": t.index})
        for label, v in used:
            if self._same(gap, 2 * v):
                return Mistake("sign_error", f"{name} subtracts the product {label} = {v} "
                               "where the definition adds it.",
                               {"index": t.index, "product": label, "value": v})
        extra = self.extra_product(t, name, gap)
        if extra is not None:
            return extra
        if claimed.is_Integer and claimed != 0 and claimed % 10 == 0:
            return self.rounding(t, name, units=("significant digits",))
        return None

    def _written(self, claimed: Expr) -> bool:
        """Whether a term counts as written with decimals: the claim says so, or (not known)
        its value is a terminating decimal that is not an integer (163/100)."""
        if self.written is not None:
            return self.written
        places = _decimal_places(claimed)
        return places is not None and places > 0

    def rounding(self, t: TermVerdict, name: str,
                 units: tuple[str, ...] = ("decimals", "significant digits")) -> Mistake | None:
        """``decimal_rounding`` when the claim is the right value correctly rounded to some k
        (the unit the question asked for first), saying what was asked when k differs."""
        asked = ("decimals", self.decimals) if self.decimals is not None else (
            ("significant digits", self.significant) if self.significant is not None else None)
        if asked is not None and asked[0] in units:
            units = (asked[0],) + tuple(u for u in units if u != asked[0])
        for unit in units:
            k = _rounded_to(t.claimed, t.correct, unit)
            if k is None:
                continue
            evidence = {"index": t.index, "digits": k, "unit": unit}
            text = f"{name} = {t.claimed} is {t.correct} rounded to {_unit_text(k, unit)}"
            if asked is not None:
                evidence["asked"] = asked[1]
                text += _asked_text(asked, unit)
            return Mistake("decimal_rounding", text + ".", evidence)
        return None

    def extra_product(self, t: TermVerdict, name: str, gap: Expr) -> Mistake | None:
        """``extra_term``: the claim adds a product x[i]h[j] of another output."""
        others = self.other_products(_tuple(t.index))
        self.examined += len(others)
        for label, v in others:
            if v != 0 and self._same(-gap, v):
                return Mistake("extra_term", f"{name} adds the product {label} = {v}, which "
                               f"belongs to another term.",
                               {"index": t.index, "product": label, "value": v})
        return None

    def products(self, n: tuple[int, ...]) -> list[tuple[str, Expr]]:
        """The products of the defining sum of output ``n``: (label, value)."""
        x, h, q, a, b = self.x, self.h, self.q, self.a, self.b
        out = []
        if q.op == "correlate" and q.order == "canonical":
            for m in cartesian(*(range(s, s + L) for s, L in zip(h.starts, h.shape))):
                i = tuple(nn + mm for nn, mm in zip(n, m))
                out.append((f"{a}[{_index_text(_pack(i))}]{b}[{_index_text(_pack(m))}]",
                            x[i] * sympy.conjugate(h[m])))
            return out
        if q.op == "correlate":
            for m in cartesian(*(range(s, s + L) for s, L in zip(x.starts, x.shape))):
                j = tuple(nn + mm for nn, mm in zip(n, m))
                out.append((f"{a}[{_index_text(_pack(m))}]{b}[{_index_text(_pack(j))}]",
                            sympy.conjugate(x[m]) * h[j]))
            return out
        wrapped = self.wrapped_kernel if q.op == "circular" else None
        for m in cartesian(*(range(s, s + L) for s, L in zip(x.starts, x.shape))):
            j = tuple(nn - mm for nn, mm in zip(n, m))
            if wrapped is not None:
                value = wrapped[_pack(tuple(jj % p for jj, p in zip(j, wrapped.shape)))]
                out.append((f"{a}[{_index_text(_pack(m))}]{b}[{_mod_text(j, q.N)}]", x[m] * value))
            else:
                out.append((f"{a}[{_index_text(_pack(m))}]{b}[{_index_text(_pack(j))}]",
                            x[m] * h[j]))
        return out

    @cached_property
    def wrapped_kernel(self) -> Signal:
        """The kernel of a circular convolution wrapped onto one period per axis (``h~``)."""
        return wrap(self.h, self.q.N)

    def other_products(self, n: tuple[int, ...]) -> list[tuple[str, Expr]]:
        """Products x[i]h[j] that belong to other outputs (1-D convolution and correlation)."""
        x, h, q = self.x, self.h, self.q
        if x.ndim != 1 or q.op == "circular" or len(x.values) * len(h.values) > 4096:
            return []
        own = {label for label, _ in self.products(n)}
        out = []
        for i in x.indices:
            for j in h.indices:
                v = x[i] * (sympy.conjugate(h[j]) if q.op == "correlate" else h[j])
                label = f"{self.a}[{i}]{self.b}[{j}]"
                if label not in own:
                    out.append((label, v))
        return out


def _partial_axes(ndim: int) -> list[tuple[int, ...]]:
    """Every proper, nonempty set of axes (none in 1-D): where a kernel may be left unflipped."""
    return [axes for k in range(1, ndim) for axes in combinations(range(ndim), k)]


def _correlate_unconjugated(x: Signal, h: Signal, mode: str, conv: str, order: str) -> Signal:
    if order == "canonical":
        return convolve(x, h.reverse(), mode=mode, same_convention=conv)
    return convolve(h, x.reverse(), mode=mode, same_convention=conv)


# ----------------------------------------------------------------------------- closed forms


def _check_closed_vs_finite(claim: Expr, correct: Signal, q: _Question, x: Signal,
                            h: Signal) -> Verdict:
    """A closed-form claim for a finite question: the result written as impulses."""
    if correct.ndim != 1:
        raise InputError("claimed answer", "a closed form answers a 1-D question only")
    n = _index_symbol(claim)
    impulses = sympy.Add(*(v * sympy.KroneckerDelta(n, k) for k, v in zip(correct.indices, correct.values)))
    return _closed_verdict(claim, impulses, n, q, q.describe(x, h), correct.start, correct.end,
                           f"{q.names[2]} = {_short(correct)} on {_index_range(correct)}")


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


# ----------------------------------------------------------------------------- helpers


def _decimal_places(value: Expr) -> int | None:
    """Decimal places of a terminating decimal (``163/100`` -> 2, ``2/5`` -> 1, ``3`` -> 0), else
    None (``1/3``, symbols).

    Examples
    --------
    >>> _decimal_places(Rational(163, 100)), _decimal_places(Rational(1, 3))
    (2, None)
    """
    if not value.is_Rational:
        return None
    q = int(value.q)
    twos = (q & -q).bit_length() - 1
    q >>= twos
    fives = 0
    while q % 5 == 0:
        q //= 5
        fives += 1
    return max(twos, fives) if q == 1 else None


def _right_to_decimals(claimed: Expr, exact: Expr, k: int) -> bool:
    """Whether ``claimed`` is ``exact`` correctly rounded to ``k`` decimals.

    The rule: ``claimed`` is a multiple of ``10**-k`` (``claimed * 10**k`` is an integer) and
    lies within half of it from the exact value, ``|claimed - exact| <= 10**-k / 2``. How the
    claim was written does not matter (``0.40`` and ``0.4`` are both 19/48 = 0.3958... to 2
    decimals). A tie (the exact value halfway between two multiples, 1.625 to 2 decimals)
    accepts either neighbour: textbooks round half up, Python and NumPy round half to even,
    and both are correct roundings. An exact value that has at most k decimals is right only as
    itself.

    Examples
    --------
    >>> _right_to_decimals(Rational(2, 5), Rational(19, 48), 2)  # 0.40 for 0.3958...
    True
    >>> _right_to_decimals(Rational(2, 5), Rational(9, 25), 2)  # 0.4 for 0.36
    False
    >>> [_right_to_decimals(Rational(c, 100), Rational(13, 8), 2) for c in (162, 163)]  # a tie
    [True, True]
    """
    if not (claimed.is_Rational and exact.is_Rational):
        return False
    scaled = claimed * 10**k
    return bool(scaled.is_Integer and 2 * Abs(scaled - exact * 10**k) <= 1)


def _place(exact: Expr, k: int) -> Rational:
    """``10**(d - k + 1)`` where ``10**d <= |exact| < 10**(d + 1)``: the place of the k-th
    significant digit of a nonzero rational.

    Examples
    --------
    >>> _place(Rational(1623), 2), _place(Rational(49999, 100000), 3)
    (100, 1/1000)
    """
    a = Abs(exact)
    d = len(str(a.p)) - len(str(a.q))  # within one of the true exponent
    if a < Rational(10) ** d:
        d -= 1
    elif a >= Rational(10) ** (d + 1):
        d += 1
    return Rational(10) ** (d - k + 1)


def _right_to_significant(claimed: Expr, exact: Expr, k: int) -> bool:
    """Whether ``claimed`` is ``exact`` correctly rounded to ``k`` significant digits: a
    multiple of the place of the exact value's k-th significant digit, within half of it (ties
    either way, as for decimals; 9.996 to 3 digits is 10.0, a multiple of 0.01).

    Examples
    --------
    >>> _right_to_significant(Rational(1, 2), Rational(49999, 100000), 3)  # 0.500
    True
    >>> _right_to_significant(Rational(1600), Rational(1623), 2), _right_to_significant(Rational(1600), Rational(1623), 3)
    (True, False)
    """
    if not (claimed.is_Rational and exact.is_Rational):
        return False
    if exact == 0:
        return claimed == 0
    place = _place(exact, k)
    scaled = claimed / place
    return bool(scaled.is_Integer and 2 * Abs(claimed - exact) <= place)


def _rounded_to(claimed: Expr, exact: Expr, unit: str) -> int | None:
    """The most ``unit`` (``'decimals'`` or ``'significant digits'``) to which ``claimed`` is a
    correct rounding of ``exact`` (the k it is right to form a range; the largest is named), or
    None. An exact claim is no rounding.

    Examples
    --------
    >>> _rounded_to(Rational(2, 5), Rational(19, 48), "decimals")  # right to 1 and 2 decimals
    2
    >>> _rounded_to(Rational(1600), Rational(1623), "significant digits")
    2
    """
    from symconv.text import MAX_DIGITS

    if not (claimed.is_Rational and exact.is_Rational) or claimed == exact:
        return None
    if unit == "decimals":
        k = _decimal_places(claimed)
        if k is None or not _right_to_decimals(claimed, exact, k):
            return None
        while k < MAX_DIGITS and _right_to_decimals(claimed, exact, k + 1):
            k += 1
        return k
    if exact == 0:
        return None
    found = None
    for k in range(1, MAX_DIGITS + 1):
        if _right_to_significant(claimed, exact, k):
            found = k
        elif found is not None or 2 * Abs(claimed - exact) > _place(exact, k):
            break  # the tolerance only shrinks as k grows
    return found


def _mod_text(j: tuple[int, ...], N: Any) -> str:
    """A circular kernel index: ``-1 mod 4`` in 1-D, ``(0, -1) mod 2`` or ``(0, -1) mod (2, 3)``."""
    if len(j) == 1:
        return f"{j[0]} mod {N[0] if isinstance(N, (tuple, list)) else N}"
    period = f"({', '.join(map(str, N))})" if isinstance(N, (tuple, list)) else str(N)
    return f"({', '.join(map(str, j))}) mod {period}"


def _asked_text(asked: tuple[str, int], unit: str) -> str:
    """`` where 2 were asked`` (same unit), `` where 3 significant digits were asked``."""
    what, k = asked
    verb = "was" if k == 1 else "were"
    return f" where {k} {verb} asked" if what == unit else f" where {_unit_text(k, what)} {verb} asked"


_DECIMAL = re.compile(r"\d\.\d|(?<!\d)\.\d")
_DOTS = re.compile(r"\.\.+")


def written_with_decimals(claimed: Any) -> bool | None:
    """Whether a claim is written with decimals: text with a decimal point (``"1.63"``, not the
    range ``"n=-1..4: ..."``), a float, a float array; False for text and numbers without;
    None when it cannot be told (a Signal, SymPy values: their terms decide one by one).

    Examples
    --------
    >>> written_with_decimals("1 8.0 1"), written_with_decimals("n=-1..1: 1, 8, 1"), written_with_decimals([1, 0.5])
    (True, False, True)
    >>> written_with_decimals([1, Rational(1, 2)]) is None
    True
    """
    import numpy as np

    if isinstance(claimed, str):
        return bool(_DECIMAL.search(_DOTS.sub(" ", claimed)))
    if isinstance(claimed, bool):
        return False
    if isinstance(claimed, (float, complex, np.floating, np.complexfloating, sympy.Float)):
        return True
    if isinstance(claimed, (int, np.integer, sympy.Integer)):
        return False
    if isinstance(claimed, np.ndarray):
        if claimed.dtype.kind in "fc":
            return True
        if claimed.dtype.kind in "iub":
            return False
        claimed = claimed.tolist()
    if isinstance(claimed, (list, tuple)):
        found = [written_with_decimals(item) for item in claimed]
        if True in found:
            return True
        return None if None in found else False
    return None


def _unit_text(k: int, unit: str) -> str:
    """``2 decimals``, ``1 decimal``, ``1 significant digit``."""
    return f"{k} {unit[:-1] if k == 1 else unit}"


def _has_complex(s: Signal) -> bool:
    return any(v.has(sympy.I) or (v.is_real is False) for v in _flat(s))


def _flat(s: Signal) -> list:
    return list(s.to_numpy().ravel())


def _inside(index: tuple[int, ...], s: Signal) -> bool:
    return all(st <= i < st + L for i, st, L in zip(index, s.starts, s.shape))


def _tuple(index: Any) -> tuple[int, ...]:
    return index if isinstance(index, tuple) else (index,)


def _pack(index: tuple[int, ...]) -> Any:
    return index[0] if len(index) == 1 else index


def _index_text(index: Any) -> str:
    return ", ".join(map(str, index)) if isinstance(index, tuple) else str(index)


def _json_start(start: Any) -> Any:
    return list(start) if isinstance(start, tuple) else start


def _index_range(s: Signal) -> str:
    if s.ndim == 1:
        return f"n = {s.start}..{s.end}"
    return "indices " + " x ".join(f"{a}..{b}" for a, b in zip(s.starts, s.end))


def _shape_text(s: Signal) -> str:
    return str(s.shape[0]) + " terms" if s.ndim == 1 else " x ".join(map(str, s.shape))


def _short(s: Signal) -> str:
    values = _flat(s)
    text = ", ".join(map(str, values[:8]))
    return "[" + text + (", ..." if len(values) > 8 else "") + "]"


def _list_text(items: list) -> str:
    items = [str(i) for i in items]
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def _mode_text(mode: str, convention: str) -> str:
    if mode != "same":
        return f"the '{mode}' window"
    return {"scipy": "the 'same' window as SciPy computes it",
            "numpy": "the 'same' window as NumPy computes it (numpy.convolve, size max(M, N))",
            "matlab": "the 'same' window as MATLAB computes it (conv(..., 'same'))"}[convention]
