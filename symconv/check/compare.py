r"""The exact comparison core of answer checking: values, symbols by name, closed forms.

Every verdict of :mod:`symconv.check` rests on the comparisons made here:

- :func:`equal` decides whether two exact values are the same number (expanded, then
  simplified only when the difference is not a plain polynomial).
- :func:`match_symbols` gives a claim's symbols the question's symbols of the same name, so
  that the ``a`` a caller made with ``Symbol("a")`` and the ``a`` read from text (a real symbol)
  are one symbol, whatever their assumptions.
- :func:`compare_closed` decides whether two closed forms in ``n`` agree for **every** integer
  n, and gives a true counterexample when they do not.

How closed forms are compared
-----------------------------
The integers are split at every breakpoint of every unit step, impulse, ``|.|`` and ``n``-condition
of either side: each breakpoint is an interval of its own, and between two breakpoints (and
on both infinite tails) every step and impulse is constant. On such an interval the difference
is an *exponential polynomial* ``E(n) = sum_i p_i(n) r_i**n`` (``p_i`` polynomials, ``r_i``
nonzero ratios, possibly symbols). ``E`` satisfies the linear recurrence whose characteristic
polynomial is ``prod_i (z - r_i)**(deg p_i + 1)``, of order ``d = sum_i (deg p_i + 1)`` and
with a nonzero constant term; so if ``E`` vanishes at ``d`` consecutive integers it vanishes
at every integer, forwards and backwards (the bound is tight: ``(n - 1)(n - 2)`` has
``d = 3`` and two consecutive zeros). An interval with at most ``d`` integers is checked
point by point; a longer one (a tail included) at ``d`` consecutive points at its finite end.
Symbolic ratios and coefficients are compared as exact expressions, which holds for generic
values of the symbols; a result that depends on a condition (``Piecewise``, e.g. ``a != b``)
is compared case by case, see :func:`compare_closed`.

Examples
--------
>>> from sympy import Symbol, KroneckerDelta
>>> from symconv.sequences import unit_step
>>> n = Symbol("n", integer=True)
>>> compare_closed(KroneckerDelta(n, 0) + KroneckerDelta(n, 10), KroneckerDelta(n, 0), n).witness
10
>>> compare_closed((n + 1) * unit_step(n), unit_step(n) * (n + 1) + 0 * n, n).equal
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import sympy
from sympy import Abs, Expr, Heaviside, KroneckerDelta, Piecewise, Rational, S, expand

from symconv.errors import UnsupportedError

__all__ = ["ClosedComparison", "closed_value", "compare_closed", "decimal_places", "equal", "match_symbols",
           "order_bound", "right_to_decimals", "right_to_significant", "rounded_to",
           "written_with_decimals"]


# ----------------------------------------------------------------------------- values


def equal(a: Any, b: Any) -> bool:
    """Whether two exact values are the same number (None is equal to nothing).

    Examples
    --------
    >>> from sympy import Symbol, Rational
    >>> a = Symbol("a")
    >>> equal((a + 1)**2, a**2 + 2*a + 1), equal(Rational(1, 2), Rational(1, 3)), equal(None, 0)
    (True, False, False)
    """
    if a is None or b is None:
        return False
    if a == b:
        return True  # the same expression (cheap even for sums of hundreds of products)
    d = expand(a - b)
    if d == 0:
        return True
    if _plain_polynomial(d):
        return False  # expanded, a polynomial with rational (or Gaussian) coefficients is 0 only as 0
    return bool(sympy.simplify(d) == 0)


_PLAIN = (sympy.Add, sympy.Mul, sympy.Symbol, sympy.Rational, sympy.core.numbers.ImaginaryUnit)


def _plain_polynomial(d: Any) -> bool:
    """True when ``d`` is built from symbols (and their conjugates), rationals and ``I`` by +, *
    and positive integer powers.

    ``expand`` writes such an expression in a canonical form, so a nonzero result of ``expand``
    is a nonzero polynomial: no ``simplify`` is needed (it dominated checks of symbolic data).
    """
    for node in sympy.preorder_traversal(d):
        if isinstance(node, sympy.Pow):
            if not (node.exp.is_Integer and node.exp > 0):
                return False
        elif isinstance(node, sympy.conjugate):
            if not isinstance(node.args[0], sympy.Symbol):
                return False
        elif not isinstance(node, _PLAIN):
            return False
    return True


def match_symbols(value: Any, symbols: Any) -> Any:
    """``value`` with each symbol replaced by the symbol of the same name in ``symbols``.

    A claim read from text has real symbols; a caller's ``Symbol("a")`` has none of those
    assumptions: matched by name they are one symbol. ``value`` may be an expression, a
    Signal or anything else (returned unchanged).

    Examples
    --------
    >>> from sympy import Symbol
    >>> a_real, a = Symbol("a", real=True), Symbol("a")
    >>> match_symbols(a_real + 1, {a}) - (a + 1)
    0
    """
    from symconv.signal import Signal

    by_name = {s.name: s for s in symbols if isinstance(s, sympy.Symbol)}

    def swap_of(free: set) -> dict:
        return {s: by_name[s.name] for s in free
                if isinstance(s, sympy.Symbol) and s.name in by_name and by_name[s.name] != s}

    if isinstance(value, Signal):
        array = value.to_numpy()
        swap = swap_of(set().union(*(getattr(v, "free_symbols", set()) for v in array.ravel())))
        if not swap:
            return value
        mapped = [v.xreplace(swap) if isinstance(v, sympy.Basic) else v for v in array.ravel()]
        return Signal(sympy.Array(mapped, array.shape).tolist() if value.ndim > 1 else mapped,
                      start=value.start)
    if not isinstance(value, sympy.Basic):
        return value
    swap = swap_of(value.free_symbols)
    return value.xreplace(swap) if swap else value


# ----------------------------------------------------------------------------- rounding

def decimal_places(value: Expr) -> int | None:
    """Decimal places of a terminating decimal (``163/100`` -> 2, ``2/5`` -> 1, ``3`` -> 0), else
    None (``1/3``, symbols).

    Examples
    --------
    >>> decimal_places(Rational(163, 100)), decimal_places(Rational(1, 3))
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


def right_to_decimals(claimed: Expr, exact: Expr, k: int) -> bool:
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
    >>> right_to_decimals(Rational(2, 5), Rational(19, 48), 2)  # 0.40 for 0.3958...
    True
    >>> right_to_decimals(Rational(2, 5), Rational(9, 25), 2)  # 0.4 for 0.36
    False
    >>> [right_to_decimals(Rational(c, 100), Rational(13, 8), 2) for c in (162, 163)]  # a tie
    [True, True]
    """
    if not (claimed.is_Rational and exact.is_Rational):
        parts = _parts(claimed, exact)
        return parts is not None and all(right_to_decimals(c, e, k) for c, e in parts)
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


def right_to_significant(claimed: Expr, exact: Expr, k: int) -> bool:
    """Whether ``claimed`` is ``exact`` correctly rounded to ``k`` significant digits: a
    multiple of the place of the exact value's k-th significant digit, within half of it (ties
    either way, as for decimals; 9.996 to 3 digits is 10.0, a multiple of 0.01).

    Examples
    --------
    >>> right_to_significant(Rational(1, 2), Rational(49999, 100000), 3)  # 0.500
    True
    >>> right_to_significant(Rational(1600), Rational(1623), 2), right_to_significant(Rational(1600), Rational(1623), 3)
    (True, False)
    """
    if not (claimed.is_Rational and exact.is_Rational):
        parts = _parts(claimed, exact)
        return parts is not None and all(c == e or right_to_significant(c, e, k) for c, e in parts)
    if exact == 0:
        return claimed == 0
    place = _place(exact, k)
    scaled = claimed / place
    return bool(scaled.is_Integer and 2 * Abs(claimed - exact) <= place)


def rounded_to(claimed: Expr, exact: Expr, unit: str) -> int | None:
    """The most ``unit`` (``'decimals'`` or ``'significant digits'``) to which ``claimed`` is a
    correct rounding of ``exact`` (the k it is right to form a range; the largest is named), or
    None. An exact claim is no rounding.

    Examples
    --------
    >>> rounded_to(Rational(2, 5), Rational(19, 48), "decimals")  # right to 1 and 2 decimals
    2
    >>> rounded_to(Rational(1600), Rational(1623), "significant digits")
    2

    A complex value is rounded part by part (11.0 + 15.8i for 11 + 63/4 i: 1 decimal); a part
    that is exact does not limit k.

    >>> from sympy import I
    >>> rounded_to(11 + Rational(158, 10) * I, 11 + Rational(63, 4) * I, "decimals")
    1
    """
    from symconv.text import MAX_DIGITS

    if claimed == exact:
        return None
    if not (claimed.is_Rational and exact.is_Rational):
        parts = _parts(claimed, exact)
        if parts is None:
            return None
        ks = [rounded_to(c, e, unit) for c, e in parts if c != e]
        return None if None in ks else min(ks)  # type: ignore[type-var]
    if unit == "decimals":
        k = decimal_places(claimed)
        if k is None or not right_to_decimals(claimed, exact, k):
            return None
        while k < MAX_DIGITS and right_to_decimals(claimed, exact, k + 1):
            k += 1
        return k
    if exact == 0:
        return None
    found = None
    for k in range(1, MAX_DIGITS + 1):
        if right_to_significant(claimed, exact, k):
            found = k
        elif found is not None or 2 * Abs(claimed - exact) > _place(exact, k):
            break  # the tolerance only shrinks as k grows
    return found



_DECIMAL = re.compile(r"\d\.\d|(?<!\d)\.\d")
_DOTS = re.compile(r"\.\.+")


def _parts(claimed: Expr, exact: Expr) -> list[tuple[Expr, Expr]] | None:
    """The real and imaginary parts of two Gaussian rationals, or None (symbols)."""
    if not (isinstance(claimed, Expr) and isinstance(exact, Expr)):
        return None
    parts = [(sympy.re(claimed), sympy.re(exact)), (sympy.im(claimed), sympy.im(exact))]
    return parts if all(c.is_Rational and e.is_Rational for c, e in parts) else None


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


# ----------------------------------------------------------------------------- closed forms


@dataclass(frozen=True)
class ClosedComparison:
    """The outcome of :func:`compare_closed`.

    Attributes
    ----------
    equal : bool
        The closed forms agree at every integer n (in the generic case of their symbols).
    witness : int or None
        A counterexample n (when not equal): the claim and the result differ there.
    claimed, correct : Expr or None
        Their values at ``witness``.
    breakpoints : tuple of int
        Where steps, impulses and conditions change, on both sides.
    notes : tuple of str
        Special cases of the symbols (``a = b``) where the claim is not the result.
    """

    equal: bool
    witness: int | None = None
    claimed: Expr | None = None
    correct: Expr | None = None
    breakpoints: tuple[int, ...] = ()
    notes: tuple[str, ...] = field(default=())


def compare_closed(claim: Expr, correct: Expr, n: sympy.Symbol) -> ClosedComparison:
    """Decide exactly whether ``claim`` and ``correct`` agree for every integer ``n``.

    Both are expressions in ``n`` built from unit steps (``UnitStep``, ``Heaviside``),
    impulses (``KroneckerDelta``), ``|.|`` and exponential polynomials; the other symbols are
    matched by name. A ``Piecewise`` whose conditions are on the other symbols (``a != b``,
    a convergence condition) is compared case by case: the claim must agree in the generic
    case (every ``!=`` holds, every convergence condition assumed); a special case
    (``a = b``) where it does not is named in ``notes``.

    Raises
    ------
    UnsupportedError
        A breakpoint is not a number (``u[n - k]`` with a symbol k), or an interval's
        difference is no exponential polynomial and no checked point tells them apart.

    Examples
    --------
    >>> from sympy import Symbol, Rational
    >>> from symconv.sequences import unit_step as u
    >>> n, a, b = Symbol("n", integer=True), Symbol("a"), Symbol("b")
    >>> r = compare_closed(KroneckerDelta(n, 0) + u(-n - 5), KroneckerDelta(n, 0), n)
    >>> r.equal, r.witness, r.claimed, r.correct
    (False, -5, 1, 0)
    >>> from symconv.closed_forms import convolution_closed_form
    >>> y = convolution_closed_form(a**n * u(n), b**n * u(n), n)
    >>> r = compare_closed((b**(n + 1) - a**(n + 1)) / (b - a) * u(n), y, n)
    >>> r.equal, r.notes
    (True, ('the claim holds for a != b; when a = b the result is b**n*(n + 1)*UnitStep(n), and the claim is undefined there (0/0)',))
    """
    claim = match_symbols(claim, correct.free_symbols | {n})
    c, r = _choose(claim, {}), _choose(correct, {})
    if c is None or r is None:
        raise UnsupportedError("closed forms: the result is a divergent sum in the generic case")
    result = _compare_plain(c, r, n)
    if not result.equal:
        return result
    notes = []
    for subs, text, differs_text in _special_cases(claim, correct):
        c, r = _choose(claim, subs), _choose(correct, subs)
        if c is None or r is None:
            continue
        if c.has(S.NaN, sympy.zoo):
            notes.append(f"the claim holds for {differs_text}; when {text} the result is {r}, "
                         "and the claim is undefined there (0/0)")
            continue
        outcome = _compare_plain(c, r, n)
        if not outcome.equal:
            notes.append(f"the claim holds for {differs_text}; when {text} the result is {r}, "
                         f"and the claim differs (at n = {outcome.witness} it gives "
                         f"{outcome.claimed}, the result is {outcome.correct})")
    return ClosedComparison(True, breakpoints=result.breakpoints, notes=tuple(notes))


def _special_cases(claim: Expr, correct: Expr) -> list[tuple[dict, str, str]]:
    """The special cases ``(subs, 'a = b', 'a != b')`` of the equations in the Piecewise
    conditions of either side."""
    special = []
    seen = set()
    for pw in (claim.atoms(Piecewise) | correct.atoms(Piecewise)):
        for _, cond in pw.args:
            for rel in _relations(cond):
                if isinstance(rel, (sympy.Eq, sympy.Ne)) and rel not in seen:
                    seen.add(rel)
                    lhs, rhs = rel.args
                    free = sorted((lhs - rhs).free_symbols, key=lambda s: s.name)
                    if not free:
                        continue
                    target = free[0]
                    solutions = sympy.solve(sympy.Eq(lhs, rhs), target)
                    if len(solutions) != 1:
                        continue
                    subs = {target: solutions[0]}
                    special.append((subs, f"{lhs} = {rhs}", f"{lhs} != {rhs}"))
    return special


def _relations(cond: Any) -> list:
    if isinstance(cond, (sympy.And, sympy.Or)):
        return [r for a in cond.args for r in _relations(a)]
    return [cond]


def _choose(expr: Expr, subs: dict) -> Expr | None:
    """``expr`` in one case: ``subs`` applied, each Piecewise replaced by its branch there
    (``!=`` holds and convergence conditions are assumed in the generic case); None when the
    branch is a divergent (unevaluated) sum."""
    expr = expr.xreplace(subs) if subs else expr
    pieces = sorted(expr.atoms(Piecewise), key=lambda p: -sympy.count_ops(p))
    if not pieces:
        return expr

    def branch(*args: Any) -> Expr:
        for value, cond in args:
            if _holds(cond, subs):
                return value
        return args[-1][0]

    chosen = expr.replace(Piecewise, branch)
    if chosen.has(sympy.Sum):
        return None
    return chosen


def _holds(cond: Any, subs: dict) -> bool:
    if cond is S.true or cond is True:
        return True
    if cond is S.false or cond is False:
        return False
    if isinstance(cond, sympy.And):
        return all(_holds(c, subs) for c in cond.args)
    if isinstance(cond, sympy.Or):
        return any(_holds(c, subs) for c in cond.args)
    if isinstance(cond, sympy.Eq):
        return bool(subs) and equal(cond.lhs, cond.rhs)
    if isinstance(cond, sympy.Ne):
        return not (bool(subs) and equal(cond.lhs, cond.rhs))
    return True  # a convergence condition (|a| < 1): assumed, as the result assumes it


def _compare_plain(claim: Expr, correct: Expr, n: sympy.Symbol) -> ClosedComparison:
    """Compare two Piecewise-free closed forms at every integer (module docstring)."""
    claim, correct = _steps(claim), _steps(correct)
    diff = claim - correct
    points = sorted(set(_breakpoints(diff, n)))
    checked: set[int] = set()

    def differs(k: int) -> ClosedComparison | None:
        if k in checked:
            return None
        checked.add(k)
        c, r = _at(claim, n, k), _at(correct, n, k)
        if equal(c, r):
            return None
        return ClosedComparison(False, k, c, r, tuple(points))

    for k in points:
        found = differs(k)
        if found is not None:
            return found
    bounds = [None] + points + [None]
    for lo, hi in zip(bounds, bounds[1:]):
        first = None if lo is None else lo + 1
        last = None if hi is None else hi - 1
        if first is not None and last is not None and first > last:
            continue
        rep = first if first is not None else (last if last is not None else 0)
        on_gap = _on_gap(diff, n, rep)
        try:
            d = order_bound(on_gap, n)
        except UnsupportedError:
            d = None
        size = None if first is None or last is None else last - first + 1
        count = size if d is None or (size is not None and size <= d) else d
        count = 32 if count is None else count
        if first is None and last is None:
            sample = range(count)
        elif first is not None:
            sample = range(first, first + count) if last is None else range(first, min(last, first + count - 1) + 1)
        else:
            sample = range(last, last - count, -1)
        for k in sample:
            found = differs(k)
            if found is not None:
                return found
        if d is None and (size is None or size > count):
            raise UnsupportedError(f"closed forms: cannot decide exactly whether they agree "
                                   f"for every n (the difference {on_gap} is no exponential "
                                   "polynomial)")
    return ClosedComparison(True, breakpoints=tuple(points))


def order_bound(expr: Expr, n: sympy.Symbol) -> int:
    """``d = sum_i (deg p_i + 1)`` for ``expr = sum_i p_i(n) r_i**n``: vanishing at d
    consecutive integers makes ``expr`` zero at every integer (module docstring).

    Raises
    ------
    UnsupportedError
        ``expr`` is no exponential polynomial in ``n`` (``1/(n + 1)``, ``floor(n/2)``).

    Examples
    --------
    >>> from sympy import Symbol, Rational
    >>> n, a = Symbol("n", integer=True), Symbol("a")
    >>> order_bound((n + 1) * a**n + 3 * Rational(1, 2)**(n + 2) - n**2, n)
    6
    """
    expr = expand(expr, power_exp=True, mul=True)
    degrees: dict[Expr, int] = {}
    for term in sympy.Add.make_args(expr):
        if not term.has(n):
            degrees[S.One] = max(degrees.get(S.One, 0), 0)
            continue
        ratio, degree = S.One, 0
        for factor in sympy.Mul.make_args(term):
            if not factor.has(n):
                continue
            base, exponent = factor.as_base_exp()
            if base == n and exponent.is_Integer and exponent > 0:
                degree += int(exponent)
            elif not base.has(n) and exponent.is_polynomial(n) and sympy.degree(exponent, n) == 1:
                alpha = sympy.Poly(exponent, n).LC()
                if base == 0:
                    raise UnsupportedError(f"closed forms: cannot read {factor} as r**n")
                ratio = ratio * base**alpha
            else:
                raise UnsupportedError(f"closed forms: cannot read {factor} as a term of an "
                                       "exponential polynomial")
        key = sympy.powsimp(ratio)
        degrees[key] = max(degrees.get(key, 0), degree)
    return sum(d + 1 for d in degrees.values())


def _steps(expr: Expr) -> Expr:
    """Heaviside(a, h0) as the unit step it stands for (``Heaviside(a)`` is read as u[a])."""
    from symconv.sequences import UnitStep

    def step(arg: Expr, h0: Any = S.One) -> Expr:
        return UnitStep(arg - 1) if h0 == 0 else UnitStep(arg)

    return expr.replace(Heaviside, step) if expr.has(Heaviside) else expr


def _linear(arg: Expr, n: sympy.Symbol) -> tuple[Expr, Expr]:
    """``arg = alpha*n + beta`` with rational alpha, beta, or UnsupportedError."""
    alpha = sympy.diff(arg, n)
    beta = expand(arg - alpha * n)
    if not (alpha.is_Rational and beta.is_Rational):
        raise UnsupportedError(f"closed forms: the breakpoint of {arg} is not a number; give "
                               "steps and impulses at numeric indices")
    return alpha, beta


def _breakpoints(expr: Expr, n: sympy.Symbol) -> list[int]:
    """The integers next to each point where a step, impulse, |.| or n-condition changes."""
    from symconv.sequences import UnitStep

    args = []
    for f in expr.atoms(UnitStep, KroneckerDelta, Abs):
        args += [f.args[0] - f.args[1]] if isinstance(f, KroneckerDelta) else [f.args[0]]
    for pw in expr.atoms(Piecewise):
        for _, cond in pw.args:
            for rel in _relations(cond):
                if isinstance(rel, sympy.core.relational.Relational):
                    args.append(rel.lhs - rel.rhs)
    out = []
    for arg in args:
        if not arg.has(n):
            continue
        alpha, beta = _linear(arg, n)
        if alpha == 0:
            continue
        root = -beta / alpha
        out += [int(sympy.floor(root)), int(sympy.ceiling(root))]
    return out


def _on_gap(expr: Expr, n: sympy.Symbol, rep: int) -> Expr:
    """``expr`` between two breakpoints: steps, impulses, |.| and n-conditions fixed at their
    value at ``rep`` (they are constant there)."""
    from symconv.sequences import UnitStep

    def value(arg: Expr) -> Expr:
        return arg.subs(n, rep)

    out = expr.replace(UnitStep, lambda a: S.One if value(a) >= 0 else S.Zero)
    out = out.replace(KroneckerDelta, lambda a, b: S.One if value(a - b) == 0 else S.Zero)
    out = out.replace(Abs, lambda a: a if not a.has(n) or value(a) >= 0 else -a
                      ) if out.has(Abs) else out
    return out


def closed_value(expr: Expr, n: sympy.Symbol, k: int) -> Expr:
    """A closed form's value at ``n = k`` in the generic case of its other symbols.

    Examples
    --------
    >>> from sympy import Symbol, Piecewise, Ne
    >>> from symconv.sequences import unit_step
    >>> n, a = Symbol("n", integer=True), Symbol("a")
    >>> closed_value(Piecewise((a**n, Ne(a, 1)), (n, True)) * unit_step(n), n, 2)
    a**2
    """
    chosen = _choose(_steps(expr), {})
    return _at(chosen if chosen is not None else expr, n, k)


def _at(expr: Expr, n: sympy.Symbol, k: int) -> Expr:
    """``expr`` at ``n = k``, its steps and impulses decided."""
    from symconv.sequences import UnitStep

    value = expr.xreplace({n: sympy.Integer(k)})
    if value.has(UnitStep, Piecewise, KroneckerDelta):
        value = value.doit()
    return value
