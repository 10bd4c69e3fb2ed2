"""The z-transform of the closed-form sequence classes, with the region of convergence.

``X(z) = sum_n x[n] z**(-n)`` for sums of ``c n**p r**n u[n - k]``, ``c n**p r**n u[k - n]``,
``c n**p r**n`` and ``c δ[n - k]``, read by :func:`symconv.closed_forms.decompose`. A factor
``n**p`` is ``(-z d/dz)**p``.

The region of convergence is the sequence's, not the terms': for ``n -> oo`` the sequence is
``sum C n**p r**n`` with ``C`` the sum of the coefficients of the right-sided terms in
``n**p r**n``, so ``|z| > max |r|`` over the ``C != 0`` (``u[n] - u[n - 4]`` has no tail);
for ``n -> -oo`` likewise ``|z| < min |r|`` over the left-sided terms. What is left is finite:
``z = 0`` belongs to the ROC exactly when ``x[n] = 0`` for every ``n > 0``, and ``z = oo``
exactly when ``x[n] = 0`` for every ``n < 0``. So a finite sequence converges for every
``z != 0`` (support reaching ``n > 0``), for every finite ``z`` (support in ``n <= 0``); a
right-sided ``a**n u[n]`` for ``|z| > |a|``, a left-sided ``-a**n u[-n - 1]`` for ``|z| < |a|``,
a two-sided sum on the ring between. An empty ring is an :class:`~symconv.errors.InputError`. Closed forms of a convolution whose coefficients depend on
a case (``a != b``) are Piecewise; their transform is the Piecewise of the transforms.

The convolution theorem ``Z{x * h} = X(z) H(z)`` on the intersection of the ROCs is shown by
:func:`convolution_theorem` (and as a proof by ``symconv.prove("z_transform")``).

Examples
--------
>>> from sympy import Rational, Symbol
>>> from symconv.sequences import unit_step
>>> n, z = Symbol("n", integer=True), Symbol("z")
>>> a = Symbol("a")
>>> X = ztransform(a**n * unit_step(n), n, z)
>>> X.transform, X.roc
(z/(-a + z), Abs(z) > Abs(a))
>>> ztransform(-a**n * unit_step(-n - 1), n, z).transform
z/(-a + z)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sympy import (Abs, Add, And, Expr, Integer, Max, Min, Piecewise, Pow, S, Symbol, cancel, diff,
                   expand, oo, piecewise_fold, simplify, true)

from symconv.closed_forms import Term, decompose
from symconv.errors import InputError

__all__ = ["ZTransform", "convolution_theorem", "roc_condition", "ztransform"]


@dataclass(frozen=True)
class ZTransform:
    """A z-transform and its region of convergence ``inner < |z| < outer``."""

    sequence: Expr
    transform: Expr
    z: Symbol
    inner: Expr
    outer: Expr
    zero: bool = False
    infinity: bool = False

    @property
    def roc(self) -> Any:
        """The region of convergence as a SymPy condition on ``z``.

        It is ``inner < |z| < outer``, with ``z = 0`` added when :attr:`zero` (``x[n] = 0`` for
        every ``n > 0``); :attr:`infinity` says whether ``z = oo`` belongs to it too
        (``x[n] = 0`` for every ``n < 0``).

        Examples
        --------
        >>> from sympy import Symbol
        >>> from symconv.sequences import unit_step
        >>> n, z = Symbol("n", integer=True), Symbol("z")
        >>> ztransform(unit_step(n) - unit_step(n - 4), n, z).roc
        Abs(z) > 0
        >>> ztransform(unit_step(-n - 1) - unit_step(-n - 4), n, z).roc
        True
        """
        return roc_condition(self.z, self.inner, self.outer, self.zero)


def roc_condition(z: Symbol, inner: Expr, outer: Expr, zero: bool) -> Any:
    """``inner < |z| < outer``, and ``z = 0`` too when ``zero`` (then ``inner`` is 0).

    Examples
    --------
    >>> from sympy import Symbol, oo
    >>> z = Symbol("z")
    >>> roc_condition(z, 0, 3, False), roc_condition(z, 0, 3, True)
    ((Abs(z) > 0) & (Abs(z) < 3), Abs(z) < 3)
    """
    parts = []
    if inner != 0 or not zero:
        parts.append(Abs(z) > inner)
    if outer != oo:
        parts.append(Abs(z) < outer)
    return And(*parts) if parts else true

    def _repr_latex_(self) -> str:
        from sympy import latex
        return f"${latex(self.transform)},\\quad {latex(self.roc)}$"


def ztransform(expr: Any, n: Symbol, z: Symbol) -> ZTransform:
    """The z-transform of a sequence in ``n`` and its region of convergence.

    Parameters
    ----------
    expr : SymPy expression
        A sum of ``c n**p r**n`` times one-sided steps, impulses, windows (decimals are exact),
        or a Piecewise of such sums under conditions free of ``n``.
    n : Symbol
        The index (``integer=True``).
    z : Symbol

    Raises
    ------
    InputError
        The sequence has no region of convergence.
    UnsupportedError
        The sequence is not of the forms above.

    Examples
    --------
    >>> from sympy import Rational, Symbol
    >>> from symconv.sequences import delta, unit_step
    >>> n, z = Symbol("n", integer=True), Symbol("z")
    >>> X = ztransform(0.5**n * unit_step(n) + delta(n - 2), n, z)
    >>> X.transform, X.roc
    (z/(z - 1/2) + z**(-2), Abs(z) > 1/2)
    >>> ztransform(2**n * unit_step(n) + 3**n * unit_step(-n - 1), n, z).roc
    (Abs(z) > 2) & (Abs(z) < 3)
    >>> ztransform(unit_step(n) - unit_step(n - 4), n, z).transform
    (z + 1)*(z**2 + 1)/z**3
    """
    from symconv.exact import to_exact
    expr = to_exact(expr, where="sequence")
    if _outer_piecewise(expr, n) is not None:
        expr = piecewise_fold(expr)
        return _piecewise_transform(expr, n, z)
    terms = []
    for term in decompose(expr, n, "sequence"):
        if term.kind == "both":      # r**n = r**n u[n] + r**n u[-n - 1]
            terms += [replace(term, kind="right", k=S.Zero), replace(term, kind="left", k=S.NegativeOne)]
        else:
            terms.append(term)
    right, left = _tails(terms, "right"), _tails(terms, "left")
    for key in set(right) & set(left):
        r, p = key
        raise InputError("z-transform", f"{(n**p * r**n)} is two-sided: its z-transform "
                                        "converges for no z")
    inner = Max(S.Zero, *(Abs(r) for r, _ in right))
    outer = Min(oo, *(Abs(r) for r, _ in left))
    empty = (inner >= outer)
    if empty is S.true or empty is True:
        raise InputError("z-transform", f"{expr} has no region of convergence: it needs "
                                        f"{inner} < |z| < {outer}")
    zero = inner == 0 and not _reaches(terms, 1)
    infinity = outer == oo and not _reaches(terms, -1)
    return ZTransform(expr, _tidy(Add(*(_term_transform(t, z) for t in terms))), z, inner, outer,
                      zero, infinity)


def _term_transform(term: Term, z: Symbol) -> Expr:
    """The transform of one term on its own ring: a geometric series, ``n**p`` as ``(-z d/dz)**p``."""
    if term.kind == "delta":
        return term.coef * z**(-term.k)
    r, k = term.ratio, term.k
    if term.kind == "right":
        base = r**k * z**(1 - k) / (z - r)
    else:
        base = r**(k + 1) * z**(-k) / (r - z)
    for _ in range(term.power):
        base = -z * diff(base, z)
    return term.coef * base


def _tails(terms: list[Term], kind: str) -> dict:
    """``{(r, p): C}``: the sequence far out on the ``kind`` side is ``sum C n**p r**n``, C != 0."""
    sums: dict = {}
    for t in terms:
        if t.kind == kind:
            sums[(t.ratio, t.power)] = sums.get((t.ratio, t.power), S.Zero) + t.coef
    return {key: c for key, c in sums.items() if not _is_zero(c)}


def _is_zero(value: Expr) -> bool:
    return expand(value) == 0 or simplify(value) == 0


def _reaches(terms: list[Term], side: int) -> bool:
    """Whether ``x[n]`` may be nonzero for some ``n >= 1`` (side 1) or ``n <= -1`` (side -1),
    given that the terms' tails on that side cancel. A symbolic breakpoint counts as reaching
    unless every term is known to end at ``n <= 0``."""
    if side < 0:
        terms = [_reflect(t) for t in terms]
    if all(t.kind != "right" and (t.k <= 0) is S.true for t in terms):
        return False
    if any(not t.k.is_Integer for t in terms):
        return True
    points = {1}
    for t in terms:
        start = t.k if t.kind == "right" else t.k + 1
        points |= {p for p in (start, t.k, t.k + 1) if p > 1}
    cuts = sorted(points)
    for lo, hi in zip(cuts, cuts[1:]):          # x is constant in form on lo <= n < hi
        active = [t for t in terms if (t.kind == "right" and t.k <= lo) or (t.kind == "left" and t.k >= hi - 1)
                  or (t.kind == "delta" and t.k == lo)]
        order = sum(t.power + 1 for t in active)
        if hi - lo > order:   # a nonzero sum of `order` terms n**p r**n has no `order` zeros in a row
            if _tails(active, "right") or _tails(active, "left") or _tails(active, "delta"):
                return True
            continue
        for i in range(int(lo), int(hi)):
            value = Add(*(t.coef * (1 if t.kind == "delta" else t.ratio**i * Integer(i)**t.power) for t in active))
            if not _is_zero(value):
                return True
    return False


def _reflect(term: Term) -> Term:
    """The term of ``x[-n]``: sides swap, ``r -> 1/r``, ``n**p -> (-1)**p n**p``."""
    if term.kind == "delta":
        return replace(term, k=-term.k)
    return Term(term.coef * (-1)**term.power, 1 / term.ratio, term.power,
                "left" if term.kind == "right" else "right", -term.k)


def _tidy(transform: Expr) -> Expr:
    from sympy import factor, powsimp
    transform = powsimp(transform)
    candidates = [transform, cancel(transform), factor(cancel(transform))]
    if any(p.exp.free_symbols for p in transform.atoms(Pow)):
        candidates.append(simplify(transform))
    return min(candidates, key=lambda e: (e.count_ops(), len(str(e))))


def _outer_piecewise(expr: Expr, n: Symbol) -> Piecewise | None:
    """The Piecewise factor of ``expr`` whose conditions are free of n, if there is one."""
    for factor in expr.atoms(Piecewise):
        if not any(c.has(n) for _, c in factor.args):
            return factor
    return None


def _piecewise_transform(expr: Expr, n: Symbol, z: Symbol) -> ZTransform:
    piece = expr if isinstance(expr, Piecewise) else _outer_piecewise(expr, n)
    if any(c.has(n) for _, c in piece.args):
        from symconv.errors import UnsupportedError
        raise UnsupportedError("z-transform: a Piecewise in n; write it with unit steps")
    branches, previous = [], []
    for value, condition in piece.args:
        here = _case_values(condition, previous)
        branches.append(ztransform(expr.xreplace({piece: value}).subs(here), n, z))
        previous.append(condition)
    inner = Max(*(b.inner for b in branches))
    outer = Min(*(b.outer for b in branches))
    transform = Piecewise(*((b.transform, c) for b, (_, c) in zip(branches, piece.args)))
    return ZTransform(expr, transform, z, inner, outer, all(b.zero for b in branches),
                      all(b.infinity for b in branches))


def convolution_theorem(x: Any, h: Any, n: Symbol, z: Symbol) -> tuple[ZTransform, ZTransform, ZTransform]:
    """``X(z)``, ``H(z)`` and ``Y(z)`` of ``y = x * h`` (closed form), checked: ``Y = X H``.

    Raises
    ------
    SelfCheckError
        ``Y(z)`` differs from ``X(z) H(z)`` (a bug).

    Examples
    --------
    >>> from sympy import Rational, Symbol
    >>> from symconv.sequences import unit_step
    >>> n, z = Symbol("n", integer=True), Symbol("z")
    >>> X, H, Y = convolution_theorem(Rational(1, 2)**n * unit_step(n), unit_step(n), n, z)
    >>> Y.sequence
    (2 - 1/2**n)*UnitStep(n)
    >>> Y.transform, Y.roc
    (-z/(z - 1/2) + 2*z/(z - 1), Abs(z) > 1)
    """
    from symconv.closed_forms import convolution_closed_form
    from symconv.errors import SelfCheckError
    X, H = ztransform(x, n, z), ztransform(h, n, z)
    Y = ztransform(convolution_closed_form(x, h, n), n, z)
    if not transforms_equal(Y.transform, X.transform * H.transform):
        raise SelfCheckError(f"z-transform: Y(z) = {Y.transform} but X(z)H(z) = "
                             f"{X.transform * H.transform}")
    return X, H, Y


def transforms_equal(a: Expr, b: Expr) -> bool:
    """Whether two transforms agree, case by case when either is a Piecewise of ``a != b`` kind.

    Examples
    --------
    >>> from sympy import Symbol
    >>> z = Symbol("z")
    >>> transforms_equal(1 / (1 - 1 / z), z / (z - 1))
    True
    """
    if isinstance(b, Piecewise) and not isinstance(a, Piecewise):
        a, b = b, a
    if isinstance(a, Piecewise):
        previous: list = []
        for value, condition in a.args:
            here = _case_values(condition, previous)
            if not transforms_equal(value.subs(here), b.subs(here)):
                return False
            previous.append(condition)
        return True
    return simplify(cancel(a - b)) == 0


def _case_values(condition: Any, previous: list) -> dict:
    """Values that make a ``True`` branch after ``Ne(a, b)`` branches concrete: ``{b: a}``."""
    from sympy import Eq, Ne
    if condition is true or condition is True:
        for before in previous:
            if isinstance(before, Ne):
                lhs, rhs = before.args
                if isinstance(rhs, Symbol):
                    return {rhs: lhs}
                if isinstance(lhs, Symbol):
                    return {lhs: rhs}
    if isinstance(condition, Eq):
        lhs, rhs = condition.args
        if isinstance(rhs, Symbol):
            return {rhs: lhs}
    return {}
