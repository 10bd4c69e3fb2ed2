"""Proofs as data: a chain of equalities, each justified by a Reason that knows its check.

A :class:`Proof` holds :class:`Link` objects ``lhs = rhs`` with a :class:`Reason`;
:meth:`Proof.verify` checks every link with SymPy (and that each link starts where the previous
one ended) and raises :class:`~symconv.errors.SelfCheckError` naming the first link that fails.
Sums are compared after renaming their bound variables canonically and moving constant factors
inside, so ``sum_m x[m] h[n - m]`` and ``sum_k h[n - k] x[k]`` written with other names are equal
only when they really are.

Examples
--------
>>> from sympy import IndexedBase, Sum, Symbol, oo
>>> from symconv.symbolic import Convolution
>>> x, h = IndexedBase("x"), IndexedBase("h")
>>> n, m = Symbol("n", integer=True), Symbol("m", integer=True)
>>> proof = Proof("definition", [Link(Convolution(x, h, n), Sum(x[m] * h[n - m], (m, -oo, oo)),
...                                   Reason.DEFINITION_CONVOLUTION)])
>>> proof.verify() is proof
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable

from sympy import (Add, Basic, Dummy, Expr, Indexed, IndexedBase, Lambda, Mul, S, Sum, conjugate,
                   expand, oo, simplify)

from symconv.errors import SelfCheckError

__all__ = ["Link", "Proof", "Prose", "Reason"]

Prose = Any
"""Text for the renderers: a string, a SymPy object (math), a ``(latex, text)`` pair of written
math, or a tuple of these pieces, read in order (``("window ", ("n = 0, \\dots, 2", "n = 0..2"))``)."""


class Reason(Enum):
    """Why one side of a link equals the other; the value is the text printed beside it."""

    DEFINITION_CONVOLUTION = "definition of convolution"
    DEFINITION_CORRELATION = "definition of correlation"
    CHANGE_INDEX = "change of summation index"
    DEFINE_FLIP = "definition of the flip"
    SUBSTITUTE = "substitution of a definition"
    INTERCHANGE_SUMS = "interchange of the sums (absolute convergence)"
    CONJUGATE_SUM = "conjugate of a sum is the sum of the conjugates"
    SIFTING = "sifting property of the impulse"
    ALGEBRA = "algebra"
    FINITE_EXPANSION = "finite expansion"
    WINDOW = "window of the mode"
    DFT = "DFT of the circular convolution"
    Z_TRANSFORM = "z-transform of the closed form"
    DEFINITION_Z_TRANSFORM = "definition of the z-transform"
    FACTOR = "a factor free of the summation index moves through the sum"


@dataclass(frozen=True)
class Link:
    """One equality ``lhs = rhs`` (optionally ``lhs = via = rhs``) and its justification.

    ``substitution`` is ``(old, new, old_in_new)`` for CHANGE_INDEX (``m = k - n``);
    ``definitions`` maps an IndexedBase to a Lambda for DEFINE_FLIP/SUBSTITUTE; ``check`` is a
    callable returning ``None`` or what is wrong, for reasons checked by computation; ``detail``
    (after the reason) and ``label`` (above the line) are :data:`Prose` for the renderers.
    """

    lhs: Basic
    rhs: Basic
    reason: Reason
    detail: Prose = ""
    substitution: tuple = ()
    definitions: tuple = ()
    check: Callable[[], str | None] | None = None
    via: Basic | None = None
    label: Prose = ""
    window: tuple[int, int] = (-6, 6)


@dataclass(frozen=True)
class Proof:
    """A titled chain of links (or independent equations when ``chain`` is False) and parts."""

    title: Prose
    links: list[Link] | tuple[Link, ...]
    parts: tuple[Proof, ...] = ()
    givens: tuple[Link, ...] = ()
    chain: bool = True
    notes: tuple[Prose, ...] = field(default=())

    def verify(self) -> Proof:
        """Check every link; raise SelfCheckError naming the first that fails."""
        from symconv.proofs.render import prose_text
        self._verify(prose_text(self.title))
        return self

    def _verify(self, path: str) -> None:
        for i, link in enumerate(self.givens, 1):
            problem = check_link(link)
            if problem:
                raise SelfCheckError(f"{path}: given {i} ({link.reason.name}) fails: {problem}")
        for i, link in enumerate(self.links, 1):
            if self.chain and i > 1 and not same(self.links[i - 2].rhs, link.lhs):
                raise SelfCheckError(f"{path}: link {i} ({link.reason.name}) does not start where "
                                     f"link {i - 1} ended")
            problem = check_link(link)
            if problem:
                raise SelfCheckError(f"{path}: link {i} ({link.reason.name}) fails: {problem}")
        for part in self.parts:
            from symconv.proofs.render import prose_text
            part._verify(f"{path} / {prose_text(part.title)}")

    @property
    def lhs(self) -> Basic:
        return self.links[0].lhs

    @property
    def rhs(self) -> Basic:
        return self.links[-1].rhs


# --------------------------------------------------------------------------- checks
def check_link(link: Link) -> str | None:
    """``None`` if the link holds, else a short description of what does not."""
    pairs = [(link.lhs, link.via), (link.via, link.rhs)] if link.via is not None else [(link.lhs, link.rhs)]
    for lhs, rhs in pairs:
        problem = _check(link, lhs, rhs)
        if problem:
            return problem
    return None


def _check(link: Link, lhs: Basic, rhs: Basic) -> str | None:
    reason = link.reason
    if link.check is not None:
        return link.check()
    if reason in (Reason.DEFINITION_CONVOLUTION, Reason.DEFINITION_CORRELATION):
        ok = same(_rewrite(lhs), _rewrite(rhs))
    elif reason is Reason.CHANGE_INDEX:
        ok = same(_change_index(lhs, *link.substitution), rhs)
    elif reason in (Reason.DEFINE_FLIP, Reason.SUBSTITUTE):
        ok = same(_apply(lhs, link.definitions), _apply(rhs, link.definitions))
    elif reason is Reason.INTERCHANGE_SUMS:
        ok = _interchanged(lhs, rhs)
    elif reason in (Reason.CONJUGATE_SUM, Reason.ALGEBRA):
        ok = same(lhs, rhs)
    elif reason is Reason.SIFTING:
        ok = same(_rewrite(lhs).doit(), _rewrite(rhs).doit())
    elif reason is Reason.FINITE_EXPANSION:
        ok = _finite_equal(lhs, rhs, link.window)
    else:
        return f"no check for {reason.name}"
    return None if ok else f"{_short(lhs)} is not {_short(rhs)}"


def _short(expr: Any) -> str:
    text = str(expr)
    return text if len(text) <= 160 else text[:157] + "..."


def _interchanged(lhs: Basic, rhs: Basic) -> bool:
    """Equal up to the order of independent summations (limits that do not involve each other)."""
    import itertools
    a, b = canonical(lhs), canonical(rhs)
    if not (isinstance(a, Sum) and isinstance(b, Sum)):
        return a == b
    variables = set(b.variables)
    if any(lim.free_symbols & variables for _, *ends in b.limits for lim in ends):
        return False
    return any(canonical(Sum(b.function, *order)) == a for order in itertools.permutations(b.limits))


def _rewrite(expr: Basic) -> Basic:
    return expr.rewrite(Sum) if isinstance(expr, Basic) else expr


def _change_index(expr: Basic, old: Expr, new: Expr, old_in_new: Expr) -> Basic:
    """Replace the sum over ``old`` by a sum over ``new`` with ``old = old_in_new``."""
    alpha = expand(old_in_new).coeff(new)
    beta = expand(old_in_new - alpha * new)

    def change(s: Sum) -> Sum:
        limits = []
        for var, lo, hi in s.limits:
            if var != old:
                limits.append((var, lo, hi))
                continue
            a, b = (lo - beta) / alpha, (hi - beta) / alpha
            limits.append((new, *( (a, b) if alpha > 0 else (b, a))))
        return Sum(s.function.subs(old, old_in_new), *limits)
    return expr.replace(lambda e: isinstance(e, Sum) and old in e.variables, change)


def _apply(expr: Basic, definitions: tuple) -> Basic:
    for base, rule in definitions:
        expr = expr.replace(lambda e: isinstance(e, Indexed) and e.base == base,
                            lambda e: rule(*e.indices))
    return expr


_CANONICAL = [Dummy(f"j{i}", integer=True) for i in range(12)]


def canonical(expr: Basic) -> Basic:
    """Rename bound variables by depth, push conjugates and constant factors into sums."""
    expr = _rewrite_objects(expr)
    return _canonical(expand(expr) if isinstance(expr, Expr) else expr, 0)


def _rewrite_objects(expr: Basic) -> Basic:
    from symconv.symbolic import Convolution, Correlation
    if isinstance(expr, Basic) and expr.has(Convolution, Correlation):
        return expr.rewrite(Sum)
    return expr


def _canonical(expr: Basic, depth: int) -> Basic:
    if not isinstance(expr, Basic) or expr.is_Atom:
        return expr
    if isinstance(expr, Sum):
        var_map, limits = {}, []
        for i, (var, lo, hi) in enumerate(reversed(expr.limits)):   # outermost sum first
            new = _CANONICAL[depth + i]
            var_map[var] = new
            limits.insert(0, (new, _canonical(lo.xreplace(var_map), depth),
                              _canonical(hi.xreplace(var_map), depth)))
        body = _canonical(expand(expr.function.xreplace(var_map)), depth + len(limits))
        if isinstance(body, Sum):   # nested sums as one multiple sum, innermost limit first
            return Sum(body.function, *body.limits, *limits)
        return Sum(body, *limits)
    if isinstance(expr, conjugate) and isinstance(expr.args[0], Sum):
        inner = expr.args[0]
        return _canonical(Sum(conjugate(inner.function), *inner.limits), depth)
    args = [_canonical(a, depth) for a in expr.args]
    rebuilt = expr.func(*args) if args else expr
    if isinstance(rebuilt, Mul):
        sums = [a for a in rebuilt.args if isinstance(a, Sum)]
        if len(sums) == 1:
            rest = Mul(*(a for a in rebuilt.args if a is not sums[0]))
            inner = sums[0]
            return _canonical(Sum(expand(rest * inner.function), *inner.limits), depth)
    if isinstance(rebuilt, Expr) and rebuilt.has(Sum):
        return _merge_sums(rebuilt)
    return rebuilt


def _merge_sums(expr: Expr) -> Expr:
    """Add sums over identical limits into one sum (both sides get the same treatment)."""
    if not isinstance(expr, Add):
        return expr
    groups: dict = {}
    rest = []
    for term in expr.args:
        if isinstance(term, Sum):
            groups.setdefault(term.limits, []).append(term.function)
        else:
            rest.append(term)
    return Add(*rest, *(Sum(expand(Add(*fs)), *lim) for lim, fs in groups.items()))


def same(a: Basic, b: Basic) -> bool:
    """Whether two sides are equal after canonical renaming (and simplification for values)."""
    if a == b:
        return True
    ca, cb = canonical(a), canonical(b)
    if ca == cb:
        return True
    if isinstance(ca, Expr) and isinstance(cb, Expr):
        difference = expand(ca - cb)
        if difference == 0:
            return True
        if not difference.has(Sum):
            return simplify(difference) == 0
    return False


def _finite_equal(lhs: Basic, rhs: Basic, window: tuple[int, int]) -> bool:
    """Both sides evaluated from their definitions, compared on a window of their index."""
    left, right = _evaluate(lhs), _evaluate(rhs)
    free = [s for s in (left.free_symbols | right.free_symbols) if s.is_integer and s.name in ("n", "l")]
    if not free:
        return expand(left - right) == 0 or simplify(left - right) == 0
    n = free[0]
    return all(expand(left.subs(n, k) - right.subs(n, k)) == 0 for k in range(window[0], window[1] + 1))


def _evaluate(expr: Basic) -> Expr:
    """Evaluate by the definition: rewrite objects as sums and let SymPy add them up."""
    from symconv.symbolic import Convolution, Correlation
    if isinstance(expr, Basic) and expr.has(Convolution, Correlation):
        return expand(expr.rewrite(Sum).doit())
    from symconv.sequences import FiniteSequence
    if isinstance(expr, FiniteSequence):
        return expr
    return expr.doit() if isinstance(expr, Basic) else S(expr)
