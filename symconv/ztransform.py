"""The z-transform of the closed-form sequence classes, with the region of convergence.

``X(z) = sum_n x[n] z**(-n)`` for sums of ``c n**p r**n u[n - k]`` (ROC ``|z| > |r|``),
``c n**p r**n u[k - n]`` (ROC ``|z| < |r|``) and ``c δ[n - k]`` (every ``z``), read by
:func:`symconv.closed_forms.decompose`. A factor ``n**p`` is ``(-z d/dz)**p``. The ROC of a sum
is the intersection of the terms' rings; an empty ring or a two-sided ``r**n`` is an
:class:`~symconv.errors.InputError`. Closed forms of a convolution whose coefficients depend on
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

from dataclasses import dataclass
from typing import Any

from sympy import (Abs, And, Expr, Max, Min, Piecewise, Pow, S, Symbol, cancel, diff, oo,
                   piecewise_fold, simplify, true)

from symconv.errors import InputError

__all__ = ["ZTransform", "convolution_theorem", "ztransform"]


@dataclass(frozen=True)
class ZTransform:
    """A z-transform and its region of convergence ``inner < |z| < outer``."""

    sequence: Expr
    transform: Expr
    z: Symbol
    inner: Expr
    outer: Expr

    @property
    def roc(self) -> Any:
        """The region of convergence as a SymPy condition on ``Abs(z)``."""
        parts = []
        if self.inner != 0:
            parts.append(Abs(self.z) > self.inner)
        if self.outer != oo:
            parts.append(Abs(self.z) < self.outer)
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
    """
    from symconv.closed_forms import decompose
    from symconv.exact import to_exact
    expr = to_exact(expr, where="sequence")
    if _outer_piecewise(expr, n) is not None:
        expr = piecewise_fold(expr)
        return _piecewise_transform(expr, n, z)
    inner, outer = S.Zero, oo
    total = S.Zero
    for term in decompose(expr, n, "sequence"):
        if term.kind == "both":
            raise InputError("z-transform", f"{term.expr(n)} is two-sided: its z-transform "
                                            "converges for no z")
        if term.kind == "delta":
            total += term.coef * z**(-term.k)
            continue
        r, k = term.ratio, term.k
        if term.kind == "right":
            base = r**k * z**(1 - k) / (z - r)
            inner = Max(inner, Abs(r))
        else:
            base = r**(k + 1) * z**(-k) / (r - z)
            outer = Min(outer, Abs(r))
        for _ in range(term.power):
            base = -z * diff(base, z)
        total += term.coef * base
    empty = (inner >= outer)
    if empty is S.true or empty is True:
        raise InputError("z-transform", f"{expr} has no region of convergence: it needs "
                                        f"{inner} < |z| < {outer}")
    return ZTransform(expr, _tidy(total), z, inner, outer)


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
    return ZTransform(expr, transform, z, inner, outer)


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
