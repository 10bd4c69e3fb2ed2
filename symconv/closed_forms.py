"""Closed forms of convolutions of one-sided (and two-sided) exponential sequences, self-checked.

A sequence is read as a sum of terms ``c r**n u[n - k]`` (right-sided), ``c r**n u[k - n]``
(left-sided, e.g. the anti-causal ``a**n u[-n - 1]``), ``c r**n`` (two-sided), each possibly
times ``n**p`` (the ramp ``n u[n]``, ``n a**n u[n]``), and ``c δ[n - k]``; windows such as ``u[n] - u[n - N]``, ``a**|n|`` and finite data are written in
those terms. The convolution is bilinear, so each pair of terms gets its closed form from the
geometric series (``r1 == r2`` gives the ``(n + 1) a**n`` kind; infinite sums need
``|r1| < |r2|``, else the sum diverges and an :class:`~symconv.errors.InputError` says so).

Every closed form is checked before it is returned: on a window of ``n`` around every
breakpoint, and for a few sample values of the other symbols, it must equal the direct sum
``sum_m x[m] h[n - m]`` computed term by term (finite sums added up, infinite tails summed by
SymPy); a disagreement raises :class:`~symconv.errors.SelfCheckError`.

Decimal ratios are exact: ``0.8**n`` is read as ``(4/5)**n`` by :func:`symconv.exact.to_exact`.

Examples
--------
>>> from sympy import Rational, Symbol
>>> from symconv.sequences import unit_step
>>> n = Symbol("n", integer=True)
>>> a, b = Symbol("a"), Symbol("b")
>>> convolution_closed_form(unit_step(n), unit_step(n), n)
(n + 1)*UnitStep(n)
>>> convolution_closed_form(0.8**n * unit_step(n), unit_step(n), n)
(5 - 4*(4/5)**n)*UnitStep(n)
>>> y = convolution_closed_form(a**n * unit_step(n), b**n * unit_step(n), n)
>>> y
Piecewise(((-a**(n + 1) + b**(n + 1))/(-a + b), Ne(a, b)), (a**n*(n + 1), True))*UnitStep(n)
>>> convolution_closed_form(a**n * unit_step(n), a**n * unit_step(n), n)
a**n*(n + 1)*UnitStep(n)
>>> convolution_closed_form(n * unit_step(n), unit_step(n), n)
(n**2/2 + n/2)*UnitStep(n)
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import Any, Callable

from sympy import (Abs, Add, Dummy, E, Eq, Expr, Heaviside, Integer, KroneckerDelta, Max, Min,
                   Mul, Ne, Piecewise, Pow, Rational, S, StrictLessThan, Sum, binomial, ceiling,
                   diff, exp, expand, floor, oo, powsimp, summation)
from sympy.core.symbol import Symbol

from symconv.errors import InputError, SelfCheckError, UnsupportedError
from symconv.sequences import UnitStep

__all__ = ["as_piecewise", "convolution_closed_form", "correlation_closed_form", "decompose"]


@dataclass(frozen=True)
class Term:
    """One term of a sequence: ``coef * ratio**n * n**power`` on its support.

    ``kind`` is ``"right"`` (``n >= k``), ``"left"`` (``n <= k``), ``"both"`` (every n) or
    ``"delta"`` (only ``n == k``, where the term is ``coef``).
    """

    coef: Expr
    ratio: Expr
    power: int
    kind: str
    k: Expr

    def expr(self, n: Expr) -> Expr:
        """The term as a SymPy expression in ``n``."""
        if self.kind == "delta":
            return self.coef * KroneckerDelta(n, self.k)
        body = self.coef * self.ratio**n * n**self.power
        if self.kind == "right":
            return body * UnitStep(n - self.k)
        if self.kind == "left":
            return body * UnitStep(self.k - n)
        return body

    def support(self) -> tuple[Expr, Expr]:
        """First and last index where the term may be nonzero (``-oo``/``oo`` if unbounded)."""
        return {"right": (self.k, oo), "left": (-oo, self.k), "both": (-oo, oo),
                "delta": (self.k, self.k)}[self.kind]

    def subs(self, values: dict) -> Term:
        """The term with symbols replaced (sample values in the self-check)."""
        k = self.k.subs(values) if isinstance(self.k, Expr) else self.k
        return replace(self, coef=self.coef.subs(values), ratio=self.ratio.subs(values), k=k)


# --------------------------------------------------------------------------- reading sequences
def decompose(expr: Any, n: Symbol, where: str = "sequence") -> list[Term]:
    """Write a sequence in ``n`` as a list of :class:`Term` (see the module docstring).

    Raises
    ------
    InputError
        The sequence uses ``Heaviside(n)``, whose value at 0 is 1/2 (write ``unit_step(n)`` or
        ``Heaviside(n, 1)``).
    UnsupportedError
        A factor is not of the forms above (the caller may fall back to the defining Sum).

    Examples
    --------
    >>> from sympy import Symbol, Heaviside
    >>> n = Symbol("n", integer=True)
    >>> [(t.coef, t.ratio, t.kind, t.k) for t in decompose(3 * 2**n * Heaviside(-n - 1, 1), n)]
    [(3, 2, 'left', -1)]
    """
    from symconv.exact import to_exact
    expr = to_exact(expr, where=where)
    expr = _normalize_steps(expr, n, where)
    expr = _split_abs(expr, n, where)
    terms = []
    for item in Add.make_args(expand(expr)):
        terms.extend(_read_term(item, n, where))
    return [t for t in terms if t.coef != 0]


def _normalize_steps(expr: Expr, n: Symbol, where: str) -> Expr:
    """Heaviside(a, 1) -> u[a]; Heaviside(a, 0) -> u[a - 1]; Heaviside(a) is refused."""
    def step(h: Heaviside) -> Expr:
        arg, h0 = h.args[0], (h.args[1] if len(h.args) > 1 else S.Half)
        if h0 == 1:
            return UnitStep(arg)
        if h0 == 0:
            return UnitStep(arg - 1)
        raise InputError(where, f"Heaviside({arg}) is {h0} at {arg} = 0, but a unit step is 1 there; "
                                f"write unit_step({arg}) or Heaviside({arg}, 1)")
    return expr.replace(lambda e: isinstance(e, Heaviside) and e.has(n), step)


def _split_abs(expr: Expr, n: Symbol, where: str) -> Expr:
    """``f(|n - c|)`` -> ``f(n - c) u[n - c] + f(c - n) u[c - n - 1]``."""
    while True:
        found = [a for a in expr.atoms(Abs) if a.has(n)]
        if not found:
            return expr
        arg = found[0].args[0]
        if diff(arg, n) not in (1, -1):
            raise UnsupportedError(f"{where}: cannot read {found[0]} as a sequence term")
        expr = (expr.xreplace({found[0]: arg}) * UnitStep(arg)
                + expr.xreplace({found[0]: -arg}) * UnitStep(-arg - 1))


def _linear(e: Expr, n: Symbol, where: str, what: Expr) -> tuple[Expr, Expr]:
    """``e = alpha*n + beta`` with alpha an integer constant, or UnsupportedError."""
    alpha = diff(e, n)
    beta = expand(e - alpha * n)
    if alpha.has(n) or beta.has(n) or not alpha.is_integer:
        raise UnsupportedError(f"{where}: cannot read {what} as a sequence term")
    return alpha, beta


def _read_term(item: Expr, n: Symbol, where: str) -> list[Term]:
    coef, ratio, power = S.One, S.One, 0
    lo, hi = -oo, oo
    points: list[Expr] = []
    for factor in Mul.make_args(item):
        base, e = factor.as_base_exp()
        if not factor.has(n):
            coef *= factor
        elif factor == n or (base == n and e.is_Integer and e > 0):
            power += int(e)
        elif isinstance(factor, exp) or (isinstance(factor, Pow) and not base.has(n)):
            alpha, beta = _linear(e, n, where, factor)
            ratio *= base**alpha
            coef *= base**beta
        elif isinstance(base, UnitStep) and e.is_Integer and e > 0:
            alpha, beta = _linear(base.args[0], n, where, factor)
            if alpha.is_positive:
                lo = _bound(Max, lo, ceiling(-beta / alpha), where, factor)
            else:
                hi = _bound(Min, hi, floor(beta / -alpha), where, factor)
        elif isinstance(factor, KroneckerDelta):
            alpha, beta = _linear(factor.args[0] - factor.args[1], n, where, factor)
            point = -beta / alpha
            if point.is_integer is False:
                return []
            points.append(point)
        else:
            raise UnsupportedError(f"{where}: cannot read the factor {factor} as part of "
                                   "c*r**n*u[n - k], c*r**n*u[k - n] or c*δ[n - k]")
    if points:
        return [_point_term(coef, ratio, power, lo, hi, points, where, item)]
    if ratio == 0:
        raise UnsupportedError(f"{where}: cannot read {item} (ratio 0) as a sequence term")
    base = Term(coef, ratio, power, "both", S.Zero)
    if lo != -oo and hi != oo:
        order = _decide(lo <= hi + 1)
        if order is None:
            raise UnsupportedError(f"{where}: cannot tell whether {lo} <= {hi} + 1 in {item}")
        if not order:
            return []
        return [replace(base, kind="right", k=lo), replace(base, coef=-coef, kind="right", k=hi + 1)]
    if lo != -oo:
        return [replace(base, kind="right", k=lo)]
    if hi != oo:
        return [replace(base, kind="left", k=hi)]
    return [base]


def _point_term(coef: Expr, ratio: Expr, power: int, lo: Expr, hi: Expr, points: list[Expr],
                where: str, item: Expr) -> Term:
    point = points[0]
    for other in points[1:]:
        same = _decide(Eq(other, point))
        if same is None:
            raise UnsupportedError(f"{where}: cannot tell whether the impulses in {item} coincide")
        if not same:
            return Term(S.Zero, S.One, 0, "delta", point)
    inside = (S.One if lo == -oo else UnitStep(point - lo)) * (S.One if hi == oo else UnitStep(hi - point))
    return Term(coef * ratio**point * point**power * inside, S.One, 0, "delta", point)


def _bound(pick: Any, old: Expr, new: Expr, where: str, factor: Expr) -> Expr:
    value = pick(old, new)
    if isinstance(value, (Max, Min)):
        raise UnsupportedError(f"{where}: cannot order the steps in {factor}")
    return value


def _decide(condition: Any) -> bool | None:
    if condition is S.true or condition is True:
        return True
    if condition is S.false or condition is False:
        return False
    return None


# --------------------------------------------------------------------------- pair formulas
def _pair(t1: Term, t2: Term, n: Symbol, where: str) -> Expr:
    """Closed form of ``sum_m t1[m] t2[n - m]``."""
    if t1.kind == "delta":
        return t1.coef * t2.expr(n - t1.k)
    if t2.kind == "delta":
        return t2.coef * t1.expr(n - t2.k)
    order = {"right": 0, "left": 1, "both": 2}
    if order[t1.kind] > order[t2.kind]:
        t1, t2 = t2, t1
    if t1.power or t2.power:
        return _pair_with_powers(t1, t2, n, where)
    c, r1, r2, k1, k2 = t1.coef * t2.coef, t1.ratio, t2.ratio, t1.k, t2.k
    kinds = (t1.kind, t2.kind)
    if kinds == ("right", "right"):
        general = (r1**k1 * r2**(n - k1 + 1) - r1**(n - k2 + 1) * r2**k2) / (r2 - r1)
        return c * _equal_or_not(r1, r2, general, r1**n * (n - k1 - k2 + 1)) * UnitStep(n - k1 - k2)
    if kinds == ("left", "left"):
        general = (r1**(n - k2) * r2**(k2 + 1) - r1**(k1 + 1) * r2**(n - k1)) / (r2 - r1)
        return c * _equal_or_not(r1, r2, general, r1**n * (k1 + k2 - n + 1)) * UnitStep(k1 + k2 - n)
    if kinds == ("right", "left"):
        closed = (r1**k1 * r2**(n - k1 + 1) * UnitStep(k1 + k2 - n)
                  + r1**(n - k2) * r2**(k2 + 1) * UnitStep(n - k1 - k2 - 1)) / (r2 - r1)
        return _converging(c * closed, r1, r2, t1, t2, n, where)
    if kinds == ("right", "both"):   # t1 right(k1), t2 two-sided: sum_{m >= k1} r1^m r2^(n-m)
        closed = r1**k1 * r2**(n - k1 + 1) / (r2 - r1)
        return _converging(c * closed, r1, r2, t1, t2, n, where)
    if kinds == ("left", "both"):    # sum_{m <= k1} r1^m r2^(n-m)
        closed = r1**(k1 + 1) * r2**(n - k1) / (r1 - r2)
        return _converging(c * closed, r2, r1, t1, t2, n, where)
    raise InputError(where, f"the sum over m of {t1.expr(n)} times {t2.expr(n)} at n - m "
                            "diverges for every n: both are two-sided")


def _pair_with_powers(t1: Term, t2: Term, n: Symbol, where: str) -> Expr:
    """``sum_m t1[m] t2[n - m]`` when a term carries ``n**p``: sums of ``m**q a**m`` over the overlap.

    With ``a = r1/r2``, ``t1[m] t2[n - m] = c r2**n a**m m**p1 (n - m)**p2``, and the binomial
    expansion of ``(n - m)**p2`` leaves sums of ``m**q a**m`` (:func:`_power_sum`) over the
    overlap of the supports, which the kinds give as for the plain terms in :func:`_pair`.
    """
    c, r1, r2, k1, k2 = t1.coef * t2.coef, t1.ratio, t2.ratio, t1.k, t2.k
    a = r1 / r2

    def overlap(lo: Expr, hi: Expr) -> Expr:
        total = c * r2**n * Add(*(binomial(t2.power, j) * (-1)**j * n**(t2.power - j)
                                  * _power_sum(t1.power + j, a, lo, hi) for j in range(t2.power + 1)))
        return powsimp(total.rewrite(Pow))  # SymPy may sum to exp(n*log(3)): back to 3**n

    kinds = (t1.kind, t2.kind)
    if kinds == ("right", "right"):
        return overlap(k1, n - k2) * UnitStep(n - k1 - k2)
    if kinds == ("left", "left"):
        return overlap(n - k2, k1) * UnitStep(k1 + k2 - n)
    if kinds == ("right", "left"):
        closed = overlap(k1, oo) * UnitStep(k1 + k2 - n) + overlap(n - k2, oo) * UnitStep(n - k1 - k2 - 1)
        return _converging(closed, r1, r2, t1, t2, n, where)
    if kinds == ("right", "both"):
        return _converging(overlap(k1, oo), r1, r2, t1, t2, n, where)
    if kinds == ("left", "both"):
        return _converging(overlap(-oo, k1), r2, r1, t1, t2, n, where)
    raise InputError(where, f"the sum over m of {t1.expr(n)} times {t2.expr(n)} at n - m "
                            "diverges for every n: both are two-sided")


def _power_sum(q: int, a: Expr, lo: Expr, hi: Expr) -> Expr:
    """``sum_{m=lo}^{hi} m**q a**m`` in closed form; an infinite end assumes the series converges.

    Finite ranges are summed by SymPy (``a = 1`` gives Faulhaber's polynomials); an infinite
    tail ``m >= lo`` is ``a**lo sum_i C(q, i) lo**(q-i) G_i(a)`` with
    ``G_i(a) = sum_{j>=0} j**i a**j = (a d/da)**i 1/(1 - a)``, and ``m <= hi`` is that tail of
    ``1/a`` mirrored.

    Examples
    --------
    >>> from sympy import Rational, Symbol
    >>> n = Symbol("n", integer=True)
    >>> _power_sum(1, Rational(1, 2), 1, oo), _power_sum(1, 1, 0, n).factor()
    (2, n*(n + 1)/2)
    """
    if lo == -oo:
        return (-1)**q * _power_sum(q, 1 / a, -hi, oo)
    if hi != oo:
        m = Dummy("m", integer=True)
        return summation(m**q * a**m, (m, lo, hi))
    z = Dummy("z")
    series = 1 / (1 - z)
    moments = [series]
    for _ in range(q):
        moments.append(z * diff(moments[-1], z))
    return a**lo * Add(*(binomial(q, i) * lo**(q - i) * moments[i].subs(z, a) for i in range(q + 1)))


def _equal_or_not(r1: Expr, r2: Expr, general: Expr, equal: Expr) -> Expr:
    same = _decide(Eq(r1, r2))
    if same is True:
        return equal
    if same is False:
        return general
    case = {r2: r1} if isinstance(r2, Symbol) else {r1: r2} if isinstance(r1, Symbol) else {}
    return Piecewise((general, Ne(r1, r2)), (equal.subs(case), True))


def _converging(closed: Expr, small: Expr, big: Expr, t1: Term, t2: Term, n: Symbol,
                where: str) -> Expr:
    """``closed`` where the geometric series converges (``|small| < |big|``)."""
    condition = StrictLessThan(Abs(small), Abs(big))
    ok = _decide(condition)
    if ok is True:
        return closed
    if ok is False:
        raise InputError(where, f"the sum over m diverges: {t1.expr(n)} with {t2.expr(n)} needs "
                                f"|{small}| < |{big}|")
    m = Dummy("m", integer=True)
    return Piecewise((closed, condition), (Sum(t1.expr(m) * t2.expr(n - m), (m, -oo, oo)), True))


# --------------------------------------------------------------------------- public functions
def convolution_closed_form(x: Any, h: Any, n: Symbol, *, form: str = "steps") -> Expr:
    """The closed form of ``(x * h)[n] = sum_m x[m] h[n - m]``, verified by direct sums.

    Parameters
    ----------
    x, h : SymPy expressions in n
        Sums of ``c*r**n*u[n - k]``, ``c*r**n*u[k - n]``, ``c*r**n`` (each possibly times
        ``n**p``), ``c*δ[n - k]`` and
        windows, ``Heaviside(.., 1)`` and ``|n|`` exponents included; decimals are exact.
    n : Symbol
        The index, declared ``integer=True``.
    form : {'steps', 'piecewise'}
        Unit steps times coefficients, or a Piecewise over ranges of n.

    Raises
    ------
    InputError
        ``n`` is not an integer Symbol, or the defining sum diverges.
    UnsupportedError
        A sequence is not of the forms above.
    SelfCheckError
        The closed form disagrees with the direct sum (a bug).

    Examples
    --------
    >>> from sympy import Rational, Symbol
    >>> from symconv.sequences import rect, unit_step
    >>> n, N = Symbol("n", integer=True), Symbol("N", integer=True, positive=True)
    >>> half = Rational(1, 2)
    >>> convolution_closed_form(half**n * unit_step(n), rect(n, N), n, form="piecewise")
    Piecewise((0, n < 0), (2 - 1/2**n, N > n), (2**(N - n) - 1/2**n, True))
    >>> convolution_closed_form(2**n * unit_step(-n - 1), half**n * unit_step(n), n)
    4*2**n*UnitStep(-n - 1)/3 + UnitStep(n)/(3*2**n)
    """
    if not (isinstance(n, Symbol) and n.is_integer):
        raise InputError("index", f"{n} is not an integer symbol; declare it with "
                                  f"Symbol('{n}', integer=True)")
    from symconv.exact import to_exact
    choice = _form(form)
    x, h = to_exact(x, where="x"), to_exact(h, where="h")
    _check_not_constant(x, n, "x")
    _check_not_constant(h, n, "h")
    tx, th = decompose(x, n, "x"), decompose(h, n, "h")
    result = _tidy(Add(*(_pair(a, b, n, "convolution") for a in tx for b in th)), n)
    _self_check(result, tx, th, n, (x, h))
    if choice == "piecewise":
        result = as_piecewise(result, n)
        _self_check(result, tx, th, n, (x, h))
    return result


def correlation_closed_form(x: Any, h: Any, n: Symbol, *, form: str = "steps") -> Expr:
    """The closed form of ``(x ⋆ h)[n] = sum_m x[n + m] conj(h[m])`` (canonical order).

    Computed as the convolution of x with ``h♭[m] = conj(h[-m])`` and verified the same way.

    Examples
    --------
    >>> from sympy import Rational, Symbol
    >>> from symconv.sequences import unit_step
    >>> n = Symbol("n", integer=True)
    >>> a = Rational(1, 2)
    >>> correlation_closed_form(a**n * unit_step(n), a**n * unit_step(n), n)
    4*2**n*UnitStep(-n)/3 + 4*UnitStep(n - 1)/(3*2**n)
    """
    from sympy import conjugate
    from symconv.exact import to_exact
    flipped = conjugate(to_exact(h, where="h")).xreplace({n: -n})
    return convolution_closed_form(x, flipped, n, form=form)


def _form(form: str) -> str:
    if form not in ("steps", "piecewise"):
        raise InputError("form", f"{form!r} is not one of: steps, piecewise")
    return form


def _check_not_constant(expr: Any, n: Symbol, where: str) -> None:
    if isinstance(expr, Expr) and not expr.has(n) and expr.free_symbols:
        raise InputError(where, f"{expr} is not a function of {n}; write the sequence in terms "
                                f"of the index {n}")


def _tidy(expr: Expr, n: Symbol) -> Expr:
    """Group the terms by their unit step; expand numeric coefficients."""
    groups: dict[Expr, list[Expr]] = {}
    for item in Add.make_args(expr):
        steps = [f for f in Mul.make_args(item) if isinstance(f, UnitStep)]
        key = Mul(*steps)
        groups.setdefault(key, []).append(item / key if steps else item)
    total = []
    for key, coefficients in groups.items():
        coefficient = Add(*coefficients)
        if coefficient.free_symbols <= {n} and not coefficient.has(Piecewise):
            coefficient = expand(coefficient)
        total.append(coefficient * key)
    return Add(*total)


def as_piecewise(expr: Expr, n: Symbol) -> Expr:
    """Replace the unit steps of ``expr`` by a Piecewise over ranges of ``n``.

    Raises
    ------
    UnsupportedError
        The breakpoints cannot be ordered (declare symbols ``positive=True`` where they are).

    Examples
    --------
    >>> from sympy import Symbol
    >>> from symconv.sequences import unit_step
    >>> n = Symbol("n", integer=True)
    >>> as_piecewise(unit_step(n) - unit_step(n - 3), n)
    Piecewise((0, n < 0), (1, n < 3), (0, True))
    """
    steps = [s for s in expr.atoms(UnitStep) if s.has(n)]
    thresholds: list[Expr] = []
    for s in steps:
        alpha, beta = _linear(s.args[0], n, "sequence", s)
        if alpha not in (1, -1):
            raise UnsupportedError(f"sequence: cannot place the breakpoint of {s}")
        threshold = -beta if alpha == 1 else beta + 1
        if not any(_decide(Eq(threshold, t)) for t in thresholds):
            thresholds.append(threshold)
    try:
        thresholds.sort(key=_OrderKey)
    except _Unordered as err:
        raise UnsupportedError(f"sequence: cannot order the breakpoints {err}") from None
    pieces = []
    for i in range(len(thresholds) + 1):
        lo = thresholds[i - 1] if i else None
        values = {}
        for s in steps:
            alpha, beta = _linear(s.args[0], n, "sequence", s)
            if alpha == 1:
                values[s] = S.Zero if lo is None or _decide(lo < -beta) else S.One
            else:
                values[s] = S.One if lo is None or _decide(lo <= beta) else S.Zero
        value = _simplify_piece(expr.xreplace(values))
        condition = n < thresholds[i] if i < len(thresholds) else S.true
        if pieces and pieces[-1][0] == value:
            pieces[-1] = (value, condition)
        else:
            pieces.append((value, condition))
    return Piecewise(*pieces)


def _simplify_piece(value: Expr) -> Expr:
    from sympy import powsimp, simplify
    if value.has(Piecewise):
        return value
    return powsimp(expand(simplify(value)))


class _Unordered(Exception):
    pass


class _OrderKey:
    """Sort key that compares SymPy thresholds, or raises if their order is unknown."""

    def __init__(self, value: Expr) -> None:
        self.value = value

    def __lt__(self, other: _OrderKey) -> bool:
        decided = _decide(self.value < other.value)
        if decided is None:
            raise _Unordered(f"{self.value} and {other.value}")
        return decided


# --------------------------------------------------------------------------- self-check
_RATIONAL_SAMPLES = (
    (Rational(1, 2),) * 8,
    (Rational(1, 2), Rational(-1, 3), Rational(2, 5), Rational(3, 7), Rational(-5, 9), Rational(4, 11),
     Rational(6, 13), Rational(-7, 15)),
    (Integer(3), Rational(1, 3), Integer(-2), Rational(5, 2), Rational(-1, 4), Integer(4),
     Rational(2, 3), Integer(-5)),
)
_INTEGER_SAMPLES = ((2,) * 8, (3, 4, 5, 6, 2, 7, 8, 9), (1, 5, 2, 7, 3, 4, 6, 8))


def _samples(symbols: list[Symbol]) -> list[dict]:
    if not symbols:
        return [{}]
    result = []
    for rationals, integers in zip(_RATIONAL_SAMPLES, _INTEGER_SAMPLES):
        sample = {}
        for i, s in enumerate(symbols):
            if s.is_integer:
                value = Integer(integers[i % len(integers)])
            else:
                value = rationals[i % len(rationals)]
            if s.is_nonnegative or s.is_positive:
                value = abs(value)
            sample[s] = value
        result.append(sample)
    return result


def _self_check(claim: Expr, tx: list[Term], th: list[Term], n: Symbol, originals: tuple) -> None:
    """Compare the claim with the direct sum on a window of n, for sample parameter values."""
    symbols = set(claim.free_symbols)
    for t in tx + th:
        symbols |= t.coef.free_symbols | t.ratio.free_symbols | getattr(t.k, "free_symbols", set())
    for original in originals:
        symbols |= getattr(original, "free_symbols", set())
    symbols.discard(n)
    for sample in _samples(sorted(symbols, key=str)):
        sx, sh = [t.subs(sample) for t in tx], [t.subs(sample) for t in th]
        window = _window(sx + sh)
        for original, terms in zip(originals, (sx, sh)):
            if not isinstance(original, Expr):
                continue
            for n0 in window:
                given = original.subs(sample).subs(n, n0)
                total = Add(*(_value(t, n0) for t in terms))
                if not _same(given, total):
                    raise SelfCheckError(f"closed forms: the terms of {original} give {total} at "
                                         f"n = {n0} for {sample}, the sequence is {given}")
        instance = claim.subs(sample)
        for n0 in window:
            value = instance.subs(n, n0)
            if value.has(Sum):
                continue
            direct = _direct(sx, sh, n0)
            if direct is None or not _same(value, direct):
                raise SelfCheckError(f"closed forms: the closed form gives {value} at n = {n0} "
                                     f"for {sample}, the direct sum gives {direct}")


def _window(terms: list[Term]) -> range:
    points = [int(t.k) for t in terms if t.kind != "both" and t.k.is_Integer]
    if not points:
        return range(-4, 5)
    lo, hi = min(points), max(points)
    return range(2 * lo - 3, 2 * hi + 4)


def _value(t: Term, m: int) -> Expr:
    lo, hi = t.support()
    if (lo != -oo and m < lo) or (hi != oo and m > hi):
        return S.Zero
    if t.kind == "delta":
        return t.coef
    return t.coef * t.ratio**m * Integer(m)**t.power


def _direct(sx: list[Term], sh: list[Term], n0: int) -> Expr | None:
    """``sum_m x[m] h[n0 - m]`` term by term: finite ranges added up, infinite tails summed."""
    total = S.Zero
    for a, b in itertools.product(sx, sh):
        lo_a, hi_a = a.support()
        lo_b, hi_b = b.support()
        lo = Max(lo_a, n0 - hi_b)
        hi = Min(hi_a, n0 - lo_b)
        if lo.is_finite and hi.is_finite:
            total += Add(*(_value(a, m) * _value(b, n0 - m) for m in range(int(lo), int(hi) + 1)))
            continue
        if lo.is_finite and hi.is_finite is False or lo.is_finite is False:
            m = Dummy("m", integer=True)
            summand = a.coef * a.ratio**m * m**a.power * b.coef * b.ratio**(n0 - m) * (n0 - m)**b.power
            tail = summation(summand, (m, lo, hi))
            if tail.has(Sum) or not tail.is_finite:
                return None
            total += tail
    return total


def _same(a: Expr, b: Expr) -> bool:
    difference = expand(a - b)
    return difference == 0 or difference.equals(0) is True
