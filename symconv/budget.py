r"""Measure an expression before SymPy expands, simplifies or evaluates it, and refuse it when too big.

A claim such as ``(a+b)**10000`` reads in a millisecond but expands to 10,001 terms with
3,000-digit coefficients; ``\sin(10^{9999})`` and ``n^{n^{n}}`` are short too, and any
numerical or symbolic comparison of them runs for minutes. :func:`measure` reads the
expression tree once, without building anything, and :func:`check_budget` refuses what is over
the limits below with one line that says what was too big:

==================  =====================================================================
limit               what it bounds
==================  =====================================================================
``MAX_DEGREE``      degree of a sum raised to a power: ``(n+1)**10000`` has degree 10000
``MAX_TERMS``       number of terms after expansion: ``(a+b+c+d)**100`` has 176,851
``MAX_GROWTH``      bits a power with a name in its exponent gains per step of the name:
                    ``2**(1000*n)`` gains 1000, ``1000**n`` 10 (bits of the base times
                    the largest number in the exponent)
``MAX_ARGUMENT``    numbers inside a function's argument: ``sin(10**9999)``, ``u[n - 10**6]``
nested powers       a power with a name in its exponent inside another such exponent:
                    ``n**(n**n)``, ``2**(2**n)``
``MAX_NODES``       parts of the expression tree
==================  =====================================================================

The measure is an upper bound computed from the tree: ``Add`` adds terms, ``Mul`` multiplies
them, an integer power ``b**k`` of a base with ``t`` terms has at most ``C(t + k - 1, k)``
terms; a function or a power with a name in its exponent counts as one term of degree one,
and its arguments are measured in turn.

Examples
--------
>>> from sympy import symbols, sin, Integer
>>> a, b, n = symbols("a b n")
>>> measure((a + b)**3)
Size(degree=3, terms=4, growth=0, argument=0, tower=0, nodes=5)
>>> check_budget((a + b)**10000, "claimed answer")
Traceback (most recent call last):
...
symconv.errors.InputError: claimed answer: '(a + b)**10000' has degree 10000 when expanded; at most 1000 is accepted
>>> check_budget(sin(Integer(10)**9999), "claimed answer")
Traceback (most recent call last):
...
symconv.errors.InputError: claimed answer: the argument of sin holds a number of 10000 digits; numbers inside a function's argument may be at most 1000 in size
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from sympy import Add, Basic, Mul, Pow, Rational

from symconv.errors import InputError

__all__ = ["MAX_ARGUMENT", "MAX_DEGREE", "MAX_GROWTH", "MAX_NODES", "MAX_SYMBOLIC_PRODUCTS", "MAX_TERMS", "Size",
           "check_budget", "check_products", "measure"]

MAX_DEGREE = 1000
"""Largest total degree of an expression once expanded."""

MAX_TERMS = 10_000
"""Most terms an expression may have once expanded."""

MAX_GROWTH = 100
"""Most bits a power with a name in its exponent may gain per step of the name: ``2**(100*n)``
at n = 1000 (a breakpoint may lie there, see MAX_ARGUMENT) has 100,000 bits."""

MAX_ARGUMENT = 1000
"""Largest number (numerator or denominator) inside the argument of a function or an index."""

MAX_NODES = 100_000
"""Most parts (nodes of the expression tree) of one expression."""

MAX_SYMBOLIC_PRODUCTS = 400_000
"""Most products of symbolic samples one convolution multiplies (SymPy builds each one: two
600-sample symbolic sequences take many seconds, two of 10,000 would take hours)."""

_CAP = 10**18  # counts saturate here: a bound this large is over every limit anyway


@dataclass(frozen=True, slots=True)
class Size:
    """What an expression would cost, as :func:`measure` bounds it.

    ``degree`` is the largest degree of a sum raised to a power (which expansion multiplies
    out: ``(a + b)**3`` has degree 3, ``a**3`` none); ``terms`` an upper bound on the terms of
    the expanded expression (the largest over the whole expression and every function argument
    and exponent in it, capped at 10**18);
    ``growth`` the most bits a power with a name in its exponent gains per step of that name
    (bits of its base, 1 for a base that is no number, times the largest number in its
    exponent), ``argument`` the
    largest inside a function's argument (numerator or denominator, 0 when there is none);
    ``tower`` how deeply powers with a name in their exponent nest; ``nodes`` the parts of the
    tree.
    """

    degree: int
    terms: int
    growth: int
    argument: int
    tower: int
    nodes: int


@dataclass(slots=True)
class _Worst:
    """The largest of each measure met so far, and the subexpression where it was met."""

    degree: tuple[int, Any] = (0, None)
    terms: tuple[int, Any] = (0, None)
    growth: tuple[int, Any] = (0, None)
    argument: tuple[int, Any] = (0, None)
    tower: tuple[int, Any] = (0, None)
    nodes: int = 0

    def note(self, name: str, value: int, where: Any) -> None:
        if value > getattr(self, name)[0]:
            setattr(self, name, (value, where))


def measure(expr: Any) -> Size:
    """The size of ``expr`` as an upper bound, read from its tree without expanding anything.

    Parameters
    ----------
    expr : SymPy expression (anything else measures as one number)

    Returns
    -------
    Size

    Examples
    --------
    >>> from sympy import symbols, UnevaluatedExpr
    >>> a, b, c, n = symbols("a b c n")
    >>> measure((a + b + c)**2 * (a + 1)).terms     # 6 * 2
    12
    >>> s = measure(2**(1000000*n))
    >>> s.growth, s.tower
    (1000000, 1)
    >>> measure(n**(n**n)).tower
    2
    """
    return _walk(expr)[1]


def check_budget(expr: Any, where: str) -> Any:
    r"""``expr`` itself when it is within every limit of this module; else an InputError.

    Call it where a claim or an input has been read, before SymPy expands, simplifies or
    evaluates it. The message says which limit, and what in the expression is over it.

    Parameters
    ----------
    expr : SymPy expression, or a tuple or list of them (nested: a matrix)
    where : str
        Where the expression came from (``"claimed answer"``), the head of the message.

    Raises
    ------
    InputError
        The expression is over a limit.

    Examples
    --------
    >>> from sympy import symbols
    >>> n = symbols("n")
    >>> check_budget((n + 1)**2, "claimed answer")
    (n + 1)**2
    >>> check_budget(n**(n**n), "claimed answer")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: claimed answer: 'n**(n**n)' has a power with n in its exponent inside another one's exponent; at most one level (such as 2**n) is accepted
    >>> check_budget(2**(10**6*n), "claimed answer")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: claimed answer: '2**(1000000*n)' gains 1000000 bits per step of n; at most 100 are accepted
    """
    if isinstance(expr, (tuple, list)):  # a sequence or matrix of values: each one
        for item in expr:
            check_budget(item, where)
        return expr
    worst = _walk(expr)[0]
    if worst.nodes > MAX_NODES:
        raise InputError(where, f"has more than {MAX_NODES} parts; at most {MAX_NODES} are accepted")
    tower, power = worst.tower
    if tower > 1:
        raise InputError(where, f"{_show(power)} has a power with {_names(power)} in its exponent inside another one's "
                                "exponent; at most one level (such as 2**n) is accepted")
    growth, power = worst.growth
    if growth > MAX_GROWTH:
        raise InputError(where, f"{_show(power)} gains {_count(growth)} bits per step of {_names(power)}; at "
                                f"most {MAX_GROWTH} are accepted")
    size, function = worst.argument
    if size > MAX_ARGUMENT:
        raise InputError(where, f"the argument of {_name(function)} holds {_number(size)}; numbers inside a "
                                f"function's argument may be at most {MAX_ARGUMENT} in size")
    degree, part = worst.degree
    if degree > MAX_DEGREE:
        raise InputError(where, f"{_show(part)} has degree {_count(degree)} when expanded; at most "
                                f"{MAX_DEGREE} is accepted")
    terms, part = worst.terms
    if terms > MAX_TERMS:
        raise InputError(where, f"{_show(part)} has {_count(terms)} terms when expanded; at most "
                                f"{MAX_TERMS} are accepted")
    return expr


def check_products(left: int, right: int) -> None:
    """Refuse a symbolic convolution of ``left`` by ``right`` samples over MAX_SYMBOLIC_PRODUCTS.

    Examples
    --------
    >>> check_products(10_000, 10_000)
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: symbolic data: 10000 by 10000 samples give 100000000 products of symbols; at most 400000 are multiplied (numbers have no such limit)
    """
    if left * right > MAX_SYMBOLIC_PRODUCTS:
        raise InputError("symbolic data", f"{left} by {right} samples give {left * right} products of symbols; "
                                          f"at most {MAX_SYMBOLIC_PRODUCTS} are multiplied (numbers have no such "
                                          "limit)")


# ----------------------------------------------------------------------------- the walk


def _walk(expr: Any) -> tuple[_Worst, Size]:
    """One pass over the tree (iterative: a deep expression does not reach Python's recursion
    limit): the degree, terms and tower of each node from its children's."""
    worst = _Worst()
    if not isinstance(expr, Basic):
        return worst, Size(0, 1, 0, 0, 0, 1)
    done: dict[int, tuple[int, int, int]] = {}  # id(node) -> (degree, terms, tower)
    stack: list[tuple[Basic, bool, Any]] = [(expr, False, None)]  # node, children done, function it is inside
    while stack:
        node, ready, owner = stack.pop()
        if not ready:
            worst.nodes += 1
            if worst.nodes > MAX_NODES:
                break
            stack.append((node, True, owner))
            inner = owner if isinstance(node, (Add, Mul, Pow)) else node
            stack.extend((arg, False, inner) for arg in node.args)
            continue
        done[id(node)] = _node(node, [done[id(arg)] for arg in node.args], worst, owner)
    top = done.get(id(expr), (_CAP, _CAP, 0))
    worst.note("terms", top[1], expr)
    return worst, Size(worst.degree[0], worst.terms[0], worst.growth[0], worst.argument[0],
                       worst.tower[0], worst.nodes)


def _node(node: Basic, children: list[tuple[int, int, int]], worst: _Worst, owner: Any
          ) -> tuple[int, int, int]:
    """(degree, terms, tower) of one node whose children are measured; ``owner`` is the
    function (or index) whose argument holds the node, if any."""
    if isinstance(node, Rational):
        if owner is not None:
            worst.note("argument", max(abs(node.p), node.q), owner)
        return 0, 1, 0
    tower = max((c[2] for c in children), default=0)
    if isinstance(node, Add):
        return max(c[0] for c in children), min(_CAP, sum(c[1] for c in children)), tower
    if isinstance(node, Mul):
        terms = 1
        for c in children:
            terms = min(_CAP, terms * c[1])
        return min(_CAP, sum(c[0] for c in children)), terms, tower
    if isinstance(node, Pow):
        return _power(node, children, worst)
    for c, arg in zip(children, node.args):  # a function, an index, a symbol: one term; its arguments inside
        worst.note("terms", c[1], arg)
    return 1, 1, tower


def _power(node: Pow, children: list[tuple[int, int, int]], worst: _Worst) -> tuple[int, int, int]:
    (base_degree, base_terms, base_tower), (exp_degree, exp_terms, exp_tower) = children
    exponent = node.exp
    if exponent.free_symbols:
        numbers = [max(abs(r.p), r.q) for r in exponent.atoms(Rational)]
        bits = [max(abs(r.p).bit_length(), r.q.bit_length()) - 1 for r in node.base.atoms(Rational)]
        base_bits = max(bits, default=1) if node.base.is_number else 1  # about log2 of the base
        worst.note("growth", max(numbers, default=1) * max(base_bits, 1), node)
        worst.note("terms", exp_terms, exponent)
        tower = max(base_tower, exp_tower + 1)
        worst.note("tower", tower, node)
        constant = exponent.as_coeff_Add()[0]
        k = math.ceil(abs(constant)) if isinstance(constant, Rational) else 0
        return (*_expanded(node, base_degree, base_terms, k, 1, worst), tower)
    if isinstance(exponent, Rational):
        k = math.ceil(abs(exponent)) if exponent.q == 1 else math.floor(abs(exponent))
        return (*_expanded(node, base_degree, base_terms, k, 0 if exponent.q == 1 else 1, worst), base_tower)
    return max(base_degree, 1), base_terms, max(base_tower, exp_tower)  # a number such as 2**sqrt(2)


def _expanded(node: Pow, degree: int, terms: int, k: int, extra: int, worst: _Worst) -> tuple[int, int]:
    """Degree and terms of ``base**k`` (times a factor of degree ``extra``), for a base of
    ``degree`` with ``terms`` terms: at most C(terms + k - 1, k) monomials. A sum raised to
    a power k > 1 is multiplied out by expansion: its degree is noted."""
    total = min(_CAP, degree * k + extra)
    if terms <= 1 or k <= 1:
        return total, max(1, terms if k == 1 else 1)
    worst.note("degree", total, node)
    if k > 10**6 or terms > 10**6:
        return total, _CAP
    count = 1
    for j in range(1, min(k, terms - 1) + 1):  # C(terms + k - 1, min(k, terms - 1)), stopped at the cap
        count = count * (max(k, terms - 1) + j) // j
        if count >= _CAP:
            return total, _CAP
    return total, count


# ----------------------------------------------------------------------------- messages


def _show(expr: Any, limit: int = 40) -> str:
    """A short quotation of a small expression; a description of a large one."""
    if isinstance(expr, Basic) and sum(1 for _ in _preorder(expr, 60)) < 60 and all(
            max(abs(r.p), r.q).bit_length() < 100 for r in expr.atoms(Rational)):
        text = str(expr)
        return f"'{text}'" if len(text) <= limit else f"'{text[:limit - 3]}...'"
    return "the expression" if not isinstance(expr, Basic) else f"a {type(expr).__name__} of many parts"


def _preorder(expr: Basic, limit: int):  # type: ignore[no-untyped-def]
    stack = [expr]
    while stack and limit:
        node = stack.pop()
        limit -= 1
        yield node
        stack.extend(node.args)


def _names(power: Any) -> str:
    """The names in a power's exponent: ``n``, or ``m, n``."""
    return ", ".join(sorted(str(s) for s in power.exp.free_symbols)) if isinstance(power, Pow) else "a name"


def _name(function: Any) -> str:
    return getattr(getattr(function, "func", None), "__name__", "a function")


def _number(size: int) -> str:
    """``the number 1000000``, or ``a number of 10000 digits`` when long."""
    digits = _digits(size)
    return f"the number {size}" if digits <= 12 else f"a number of {digits} digits"


def _count(count: int) -> str:
    """A count for a message: ``176851``, or ``more than 10**18`` when longer."""
    return "more than 10**18" if count >= _CAP else str(count)


def _digits(value: int) -> int:
    """Decimal digits of a positive int, without printing it."""
    k = int(value.bit_length() * 0.30102999566398120)
    return k + 1 if value >= 10**k else k
