r"""The sum stage of a worked line, checked against the definition in any dimension.

A worked line may write its output as a sum, ``y[1,2] = \sum_{k,l} x[k,l] h[1-k,2-l]``. The
sum is read as ``sum over v of a[f(v)] b[g(v)]`` (``v`` the summation indices, ``a`` the data,
``b`` the kernel) and is the definition of ``y[n]`` when

- ``f`` is affine in ``v`` with a unimodular matrix (as v runs over the integers, the data's
  index takes every value once), one summation index per axis;
- ``b``'s index is the one the definition pairs with ``a``'s: with ``u = f(v)``,
  ``g = n - u`` (convolution), ``u - n`` (correlation, canonical order), ``u + n`` (Wikipedia's
  order) or ``(n - u) mod N`` on ``0..N-1`` (circular; a name written with a tilde is the
  periodic extension and needs no ``mod``);
- written limits keep every nonzero product (and a circular sum counts each product once);
- complex data are conjugated where the definition conjugates them.

The written and the expected index are compared as affine maps (``g = C u + c``), so a wrong
sum is named precisely: the kernel not flipped (``C = I`` in a convolution: the correlation), not
flipped along some axes only (``partial_flip``), its axes swapped, the other correlation order,
``mod N`` forgotten, or a product the limits leave out. A line written for every ``n``
(``y[n] = \sum_m x[m] h[n-m]``, ``y[i,j] = \sum_{k=\max(0,i-1)}^{\min(2,i)} ...``) is checked
symbolically, and its limits for every output index.

Examples
--------
>>> from symconv.check.lines import check_line
>>> v = check_line(r"y[1,2] = \sum_{k}\sum_{l} x[k,l] h[1-k,l-2]", [[1, 2], [3, 4]], [[1, 1], [1, 2]])
>>> v.kinds
('partial_flip',)
>>> print(v.first_wrong.message)
the sum writes h[1 - k, l - 2]; for y[1, 2] the definition has h[1 - k, 2 - l] (h is not flipped along axis 1)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import sympy
from sympy import Expr, Integer, Matrix, Symbol

from symconv.check.latex_in import Node, evaluate
from symconv.check.verdict import Mistake
from symconv.conventions import overlap, term_indices
from symconv.signal import Signal

__all__ = ["MAX_SUM_CHECKS", "SumQuestion", "check_notation", "check_sum"]

MAX_SUM_CHECKS = 200_000
"""Most products a sum stage enumerates (over every output index of a line written for every
n); beyond, the first output indices are checked and the stage's message says how many."""


@dataclass(frozen=True)
class SumQuestion:
    """What a sum stage must be: the definition of ``output[n]``.

    Attributes
    ----------
    x, h : Signal
        Data and kernel (for circular convolution: wrapped onto ``0..N-1``).
    op : {'convolve', 'correlate', 'circular'}
    order : {'canonical', 'wikipedia'}
    n : tuple
        The output index, one entry per axis: integers, or Symbols for a line written for
        every n (``y[i,j] = ...``).
    names : (str, str)
        The line's names of data and kernel (``a``, ``b``).
    output : str
        The line's name of the output.
    outputs : tuple of tuples
        The output indices a symbolic line is checked at (the full result's, or 0..N-1).
    periods : tuple of int, optional
        N per axis (circular).
    periodic : frozenset of str
        Names written with a tilde: periodic extensions (their indices need no ``mod N``).
    given : (Signal, Signal), optional
        Circular: data and kernel as given, before wrapping. A plain name whose index is not
        taken mod N is this operand (its support bounds the sum: ``x[m]`` with data on 0..4
        runs over m = 0..4 even when N = 3); a name with a tilde or an index taken mod N is the
        wrapped operand, periodic.
    """

    x: Signal
    h: Signal
    op: str
    order: str
    n: tuple
    names: tuple[str, str]
    output: str
    outputs: tuple[tuple[int, ...], ...] = ()
    periods: tuple[int, ...] | None = None
    periodic: frozenset[str] = field(default_factory=frozenset)
    given: tuple[Signal, Signal] | None = None

    @property
    def symbolic(self) -> bool:
        return not all(isinstance(i, (int, Integer)) for i in self.n)

    @property
    def ndim(self) -> int:
        return len(self.n)

    def label(self) -> str:
        """``y[1, 2]``: the output as the messages name it."""
        return f"{self.output}[{', '.join(map(str, self.n))}]"


class _Wrong(Exception):
    """A wrong sum: the stage's message and its mistake."""

    def __init__(self, kind: str, message: str, evidence: dict | None = None) -> None:
        super().__init__(message)
        self.mistake = Mistake(kind, message, evidence or {})


@dataclass
class _Factor:
    """One indexed factor of the body: its name, index per axis (affine part), conjugate."""

    name: str
    index: tuple[Expr, ...]  # as written, Mod kept
    affine: tuple[Expr, ...] = ()  # the index with a top-level mod removed
    moduli: tuple[Any, ...] = ()  # the modulus written on each axis, or None
    conj: bool = False
    coefficients: Matrix | None = None  # d x k integer matrix (None: not affine)
    constant: Matrix | None = None


@dataclass
class _Sum:
    variables: tuple[Symbol, ...]
    limits: tuple[tuple[Expr | None, Expr | None], ...]
    a: _Factor
    b: _Factor


# --------------------------------------------------------------------------- entry points


def check_sum(node: Node, q: SumQuestion, *, where: str = "line") -> tuple[str, Mistake | None]:
    r"""Check a ``\sum`` stage against the definition of ``q.output[q.n]``.

    Returns
    -------
    (str, Mistake or None)
        The stage's message ('' when right) and the mistake, if any.

    Examples
    --------
    >>> from symconv.check.latex_in import parse_latex
    >>> q = SumQuestion(Signal([1, 2, 3]), Signal([1, 1]), "convolve", "canonical", (2,), ("x", "h"), "y")
    >>> check_sum(parse_latex(r"\sum_{m=1}^{2} x[m] h[2-m]"), q)
    ('', None)
    >>> check_sum(parse_latex(r"\sum_{m=2}^{2} x[m] h[2-m]"), q)[0]
    'the limits m = 2..2 leave out x[1]h[1] = 2'
    """
    try:
        written = _read(node, q, where)
        _check_structure(written, q)
        _check_conjugates(written, q)
        note = _check_circular(written, q) if q.op == "circular" else _check_limits(written, q)
    except _Wrong as wrong:
        return wrong.mistake.explanation, wrong.mistake
    return note, None


def check_notation(node: Node, q: SumQuestion, *, where: str = "line") -> tuple[str, Mistake | None]:
    r"""Check a notation stage ``(x * h)[n]``: the operation, its operands and its index.

    Examples
    --------
    >>> from symconv.check.latex_in import parse_latex
    >>> q = SumQuestion(Signal([1, 2]), Signal([1, 1]), "correlate", "canonical", (1,), ("x", "h"), "y")
    >>> check_notation(parse_latex(r"(h \star x)[1]"), q)[0]
    'the line writes (h \\star x)[1]; the question is (x \\star h)[1]'
    """
    a, b = q.names
    first, second = node.name.split(",")
    symbol = node.text
    index = tuple(_integer_symbols(evaluate(i, where=where)) for i in node.args)
    n = tuple(sympy.sympify(i, strict=True) for i in q.n)  # ints or SymPy indices; never text
    want = {"convolve": ("*", "\\ast"), "correlate": ("\\star", "\\otimes"),
            "circular": ("\\circledast", "\\otimes", "\\circledcirc")}[q.op]
    written = f"({first} {symbol} {second})[{', '.join(map(str, index))}]"
    expected = f"({a} {want[0]} {b})[{', '.join(map(str, n))}]"
    message = f"the line writes {written}; the question is {expected}"
    if symbol not in want:
        other = {"convolve": "correlate", "correlate": "convolve"}.get(q.op)
        kind = "unflipped_kernel" if other and symbol in {"convolve": ("*", "\\ast"),
                                                          "correlate": ("\\star",)}[other] else "wrong_sum"
        return message, Mistake(kind, message, {"written": written, "expected": expected})
    if {first, second} != {a, b}:
        return message, Mistake("wrong_sum", message, {"written": written, "expected": expected})
    if (first, second) != (a, b) and q.op == "correlate":
        return message, Mistake("swapped_arguments", message, {"written": written, "expected": expected})
    if len(index) != len(n) or any(sympy.expand(i - j) != 0 for i, j in zip(index, n)):
        return message, Mistake("wrong_index", message, {"written": written, "expected": expected})
    return "", None


# --------------------------------------------------------------------------- reading


def _integer_symbols(e: Expr) -> Expr:
    """Letters as integer symbols (the reader makes them real): indices are integers."""
    return e.xreplace({s: Symbol(s.name, integer=True) for s in e.free_symbols if isinstance(s, Symbol)})


def _read(node: Node, q: SumQuestion, where: str) -> _Sum:
    names: list[str] = []
    bounds: list[tuple[Node | None, Node | None]] = []
    body = node
    while body.kind in ("sum", "group"):
        if body.kind == "sum":
            if body.name in names:
                raise _Wrong("wrong_sum", f"the sum runs over {body.name} twice")
            names.append(body.name)
            bounds.append((body.args[1], body.args[2]))
        body = body.args[0]
    variables = tuple(Symbol(v, integer=True) for v in names)
    outputs = [i for i in q.n if isinstance(i, Symbol)]
    clash = [v for v in variables if v in outputs]
    if clash:
        raise _Wrong("wrong_sum", f"the sum runs over {clash[0]}, the output's own index")

    def value(nd: Node, axis: int | None = None) -> Expr:
        e = _integer_symbols(evaluate(nd, where=where))
        if q.periods is not None and Symbol("N", integer=True) not in variables + tuple(outputs):
            period = q.periods[axis] if axis is not None else (
                q.periods[0] if len(set(q.periods)) == 1 else None)
            if period is not None:
                e = e.xreplace({Symbol("N", integer=True): Integer(period)})
        return e

    limits = []
    for k, (lo, hi) in enumerate(bounds):
        axis = k if q.periods is not None and len(bounds) == len(q.periods) else None
        limits.append((None if lo is None else value(lo, axis), None if hi is None else value(hi, axis)))

    a, b = q.names
    factors: dict[str, list[_Factor]] = {}
    sign = 1
    extra: list[Node] = []
    ops = body.ops if body.kind == "mul" else ()
    if "/" in ops:
        raise _Wrong("wrong_sum", f"the sum divides; the definition multiplies {a}[.] by {b}[.]")
    for f in body.factors():
        conj = False
        while f.kind in ("neg", "group", "conj"):
            if f.kind == "neg":
                sign = -sign
            elif f.kind == "conj":
                conj = not conj
            f = f.args[0]
        if f.kind == "index":
            index = tuple(_kept_mod(i, value(i, d), lambda nd, d=d: value(nd, d)) for d, i in enumerate(f.args))
            factors.setdefault(f.name, []).append(_Factor(f.name, index, conj=conj))
        else:
            extra.append(f)
    if len(factors.get(a, ())) != 1 or len(factors.get(b, ())) != 1 or set(factors) - {a, b}:
        msg = f"the sum must multiply {a}[.] and {b}[.]"
        raise _Wrong("wrong_sum", msg)
    if extra:
        values = [evaluate(e, where=where) for e in extra]
        factor = sympy.Mul(*values)
        if factor != 1:
            raise _Wrong("wrong_sum", f"the sum multiplies {a}[.]{b}[.] by {factor}; the definition "
                                      "has no other factor")
    if sign < 0:
        raise _Wrong("sign_error", f"the sum writes -{a}[.]{b}[.]; the definition adds the products")
    return _Sum(variables, tuple(limits), factors[a][0], factors[b][0])


def _kept_mod(node: Node, e: Expr, value: Any) -> Expr:
    """A written ``mod`` kept when SymPy drops it (``(-m) mod 1`` is 0): the index still reads the
    wrapped operand."""
    while node.kind == "group":
        node = node.args[0]
    if node.kind != "mod" or isinstance(e, sympy.Mod):
        return e
    return sympy.Mod(value(node.args[0]), value(node.args[1]), evaluate=False)


# --------------------------------------------------------------------------- printing


def _show(e: Expr, outputs: tuple[Symbol, ...] = (), variables: tuple[Symbol, ...] = ()) -> str:
    """An index for a message: ``1 - m``, ``m - 1``, ``n - m``, ``(1 - m) mod 3``.

    The output's letters come first, then the summation indices, then the constant (``n - m``,
    ``k + 1``), except that a leading minus sign is avoided when a term is positive (``1 - m``).

    Examples
    --------
    >>> n, m = Symbol("n", integer=True), Symbol("m", integer=True)
    >>> [_show(e, (n,), (m,)) for e in (n - m, 1 - m, m - 1, -m, m - n, sympy.Mod(n - m, 3))]
    ['n - m', '1 - m', 'm - 1', '-m', 'm - n', '(n - m) mod 3']
    """
    if isinstance(e, sympy.Mod):
        inner_expr = e.args[0]
        if e.args[1].is_Integer:  # SymPy writes (-l) mod 3 as (2 l) mod 3: show the small coefficient
            inner_expr = sympy.Add(*(_residue_term(t, int(e.args[1])) for t in sympy.Add.make_args(e.args[0])))
        inner = _show(inner_expr, outputs, variables)
        return f"{inner if inner_expr.is_Atom and not inner.startswith('-') else f'({inner})'} mod {e.args[1]}"
    e = sympy.expand(e)
    rest = e
    head: list[tuple[Expr, str]] = []
    tail: list[tuple[Expr, str]] = []
    others = sorted((s for s in e.free_symbols if s not in outputs + variables), key=lambda s: s.name)
    for group, symbols in ((head, outputs), (tail, variables), (tail, tuple(others))):
        for sym in symbols:
            c = rest.coeff(sym)
            if c.is_Number and c != 0:
                group.append((c, sym.name))
                rest = sympy.expand(rest - c * sym)
    if rest.free_symbols or not rest.is_Number:
        return str(e).replace("Max(", "max(").replace("Min(", "min(")
    terms = head + tail + ([(rest, "")] if rest != 0 else [])
    if not terms:
        return "0"
    if terms[0][0] < 0:  # start with a positive term when there is one: m - 1, not -1 + m
        first = next((k for k, t in enumerate(terms) if t[0] > 0), 0)
        terms.insert(0, terms.pop(first))
    out = ""
    for k, (c, name) in enumerate(terms):
        size = abs(c)
        body = str(size) if not name else (name if size == 1 else f"{size}*{name}")
        out += ("-" if c < 0 else "") + body if k == 0 else (" - " if c < 0 else " + ") + body
    return out


def _residue(c: int, period: int) -> int:
    """The residue of c modulo period nearest to zero: 2 -> -1 modulo 3."""
    r = c % period
    return r - period if r > period // 2 else r


def _residue_term(term: Expr, period: int) -> Expr:
    c, rest = term.as_coeff_Mul()
    if not c.is_Integer or rest == 1 or 2 * abs(int(c)) <= period or _residue(int(c), period) == 0:
        return term  # a small coefficient stays as written: (-m) mod 2, and (-m) mod 1
    return _residue(int(c), period) * rest


def _bound_text(e: Expr) -> str:
    return str(e).replace("Max(", "max(").replace("Min(", "min(")


def _plural(k: int, word: str) -> str:
    return f"{k} {word}" if k == 1 else f"{k} {'indices' if word == 'index' else word + 's'}"


class _Text:
    """Index texts of one sum: the output's letters and the summation indices in order."""

    def __init__(self, q: SumQuestion, s: _Sum) -> None:
        self.outputs = tuple(i for i in q.n if isinstance(i, Symbol))
        self.variables = s.variables

    def index(self, index: tuple[Expr, ...]) -> str:
        return ", ".join(_show(e, self.outputs, self.variables) for e in index)

    def factor(self, f: _Factor) -> str:
        return f"{f.name}[{self.index(f.index)}]"


# --------------------------------------------------------------------------- structure


def _affine(e: Expr, variables: tuple[Symbol, ...]) -> tuple[list[int], Expr] | None:
    """``e = coefficients . variables + constant`` with integer coefficients, or None."""
    coefficients = []
    for v in variables:
        c = sympy.expand(sympy.diff(e, v))
        if not c.is_Integer:
            return None
        coefficients.append(int(c))
    rest = sympy.expand(e - sum(c * v for c, v in zip(coefficients, variables)))
    if rest.has(*variables):
        return None
    return coefficients, rest


def _prepare(f: _Factor, variables: tuple[Symbol, ...]) -> None:
    """Split off a top-level mod per axis, and read the rest as an affine map of the variables."""
    affine, moduli = [], []
    for e in f.index:
        if isinstance(e, sympy.Mod):
            affine.append(e.args[0])
            moduli.append(e.args[1])
        else:
            affine.append(e)
            moduli.append(None)
    f.affine, f.moduli = tuple(affine), tuple(moduli)
    rows, constants = [], []
    for e in affine:
        parts = _affine(e, variables)
        if parts is None:
            return
        rows.append(parts[0])
        constants.append(parts[1])
    f.coefficients, f.constant = Matrix(rows), Matrix(constants)


def _wanted(q: SumQuestion, n: tuple) -> tuple[int, list[Expr]]:
    """The definition as ``w = sign * u + c``: kernel index w from data index u, at output n."""
    sign = 1 if q.op == "correlate" else -1
    indices = [sympy.sympify(i, strict=True) for i in n]  # ints or SymPy indices; never text
    shift = [-i if q.op == "correlate" and q.order == "canonical" else i for i in indices]
    return sign, shift


def _same(difference: Expr, period: int | None) -> bool:
    difference = sympy.expand(difference)
    if period is None:
        return difference == 0
    return bool((difference / period).is_integer)


def _check_structure(s: _Sum, q: SumQuestion) -> None:
    a, b = q.names
    text = _Text(q, s)
    D = q.ndim
    for f in (s.a, s.b):
        if len(f.index) != D:
            raise _Wrong("wrong_sum", f"the sum writes {text.factor(f)} with "
                                      f"{_plural(len(f.index), 'index')}; {q.label()} has {D}")
    k = len(s.variables)
    if k != D:
        names = ", ".join(v.name for v in s.variables)
        raise _Wrong("wrong_sum", f"the sum runs over {names} ({_plural(k, 'index')}); {q.label()} needs one "
                                  f"summation index per axis ({D})")
    _prepare(s.a, s.variables)
    _prepare(s.b, s.variables)
    A = s.a.coefficients
    if A is None or A.det() not in (1, -1):
        names = ", ".join(v.name for v in s.variables)
        raise _Wrong("wrong_sum", f"the sum writes {text.factor(s.a)}: as {names} "
                                  f"{'runs' if k == 1 else 'run'} over the integers, its index does not "
                                  "take every value once")
    periods = q.periods if q.op == "circular" else (None,) * D
    sign, shift = _wanted(q, q.n)
    expected = [sign * u + c for u, c in zip(s.a.affine, shift)]
    if q.op == "circular" and b not in q.periodic:
        expected = [sympy.Mod(e, p, evaluate=False) if not (e.is_Integer and 0 <= e < p) else e
                    for e, p in zip(expected, periods)]
    written, wanted = text.factor(s.b), f"{b}[{text.index(tuple(expected))}]"
    message = f"the sum writes {written}; for {q.label()} the definition has {wanted}"
    evidence = {"written": written, "expected": wanted}

    def wrong(kind: str, reason: str = "", **more: Any) -> _Wrong:
        return _Wrong(kind, message + (f" ({reason})" if reason else ""), {**evidence, **more})

    if q.op != "circular" and any(m is not None for f in (s.a, s.b) for m in f.moduli):
        raise wrong("wrong_sum", "a linear sum has no mod", cause="mod")
    if s.b.coefficients is None:
        raise wrong("wrong_sum")
    C = s.b.coefficients * A.inv()
    c = s.b.constant - C * s.a.constant
    if q.op == "circular":  # only residues modulo N count (SymPy writes (-l) mod 3 as (2 l) mod 3)
        C = Matrix(D, D, lambda r, k: _residue(int(C[r, k]), periods[r]))
    right_c = all(_same(ci - si, p) for ci, si, p in zip(c, shift, periods))

    def equal(value: Expr, want: int, row: int) -> bool:  # modulo N in a circular sum
        return _same(value - want, periods[row])

    right_C = all(equal(C[r, k], sign if r == k else 0, r) for r in range(D) for k in range(D))
    if right_C and right_c:
        for f in (s.a, s.b):
            for m, p in zip(f.moduli, periods):
                if m is not None and m != p:
                    raise wrong("wrong_sum", f"the period is {p}", cause="period")
        return
    entries = list(C)
    permutation = all(e in (-1, 0, 1) for e in entries) and all(
        sum(1 for e in C.row(r) if e != 0) == 1 and sum(1 for e in C.col(r) if e != 0) == 1 for r in range(D))
    if permutation and C.is_diagonal():
        axes = [d for d in range(D) if not equal(C[d, d], sign, d)]
        listed = f"axis {axes[0]}" if len(axes) == 1 else "axes " + ", ".join(map(str, axes))
        if len(axes) == D:
            reason = {"convolve": f"{b} is not flipped: this is a correlation",
                      "circular": f"{b} is not flipped: this is a circular correlation",
                      "correlate": f"{b} is flipped: this is a convolution"}[q.op]
            raise wrong("unflipped_kernel", reason, cause="flip", axes=axes)
        if axes:
            reason = (f"{b} is flipped along {listed}; correlation flips no axis" if q.op == "correlate"
                      else f"{b} is not flipped along {listed}")
            raise wrong("partial_flip", reason, cause="flip", axes=axes)
        if q.op == "correlate" and any(i != 0 for i in q.n) and all(
                _same(ci + si, None) for ci, si in zip(c, shift)):
            other = "Wikipedia's order" if q.order == "canonical" else "the canonical order"
            asked = "the canonical order" if q.order == "canonical" else "Wikipedia's order"
            v = s.variables
            standard = ((tuple(i + k for i, k in zip(q.n, v)), v) if q.order == "canonical" else
                        (v, tuple(k + i for k, i in zip(v, q.n))))
            product = f"{text.factor(s.a)} {text.factor(s.b)}"
            wanted_product = f"{a}[{text.index(standard[0])}] {b}[{text.index(standard[1])}]"
            raise _Wrong("swapped_arguments", f"the sum writes {product}: this is {other}; {asked} has "
                                              f"{wanted_product}", {"written": product, "expected": wanted_product,
                                                                    "cause": "order"})
        raise wrong("wrong_sum", cause="shift")
    if permutation:
        raise wrong("wrong_sum", f"the axes of {b} are {'swapped' if D == 2 else 'permuted'}", cause="axes")
    raise wrong("wrong_sum")


def _is_real(signal: Signal) -> bool:
    return all(v.is_real for v in signal.to_numpy().flat)


def _check_conjugates(s: _Sum, q: SumQuestion) -> None:
    if q.op == "correlate":
        need = (False, True) if q.order == "canonical" else (True, False)
    else:
        need = (False, False)
    text = _Text(q, s)
    for f, signal, needed in ((s.a, q.x, need[0]), (s.b, q.h, need[1])):
        if f.conj == needed or _is_real(signal):
            continue
        if needed:
            msg = (f"the sum does not conjugate {f.name}; for complex {f.name} the definition has "
                   f"conj({text.factor(f)})")
            raise _Wrong("conjugation_missing", msg, {"name": f.name})
        raise _Wrong("wrong_sum", f"the sum conjugates {f.name}; the definition does not", {"name": f.name})


# --------------------------------------------------------------------------- limits


class _Limits:
    """The written limits, evaluated at an output index and the outer summation indices."""

    def __init__(self, q: SumQuestion, s: _Sum) -> None:
        self.q, self.s = q, s
        self.outputs = tuple(i for i in q.n if isinstance(i, Symbol))
        self.given = any(lo is not None or hi is not None for lo, hi in s.limits)
        self.independent = not any(e is not None and e.has(*s.variables) for pair in s.limits for e in pair)
        self._box_n: tuple | None = None
        self._box: list = []

    def bounds(self, k: int, n: tuple, outer: tuple) -> tuple[Any, Any]:
        out = []
        sub = {**dict(zip(self.outputs, map(Integer, n))), **dict(zip(self.s.variables, map(Integer, outer)))}
        for e in self.s.limits[k]:
            if e is None:
                out.append(None)
                continue
            value = e.xreplace(sub)
            if value in (sympy.oo, -sympy.oo):
                out.append(None)
            elif value.is_Integer:
                out.append(int(value))
            else:
                where = "" if not self.q.symbolic else f" for {self.q.output}[{', '.join(map(str, n))}]"
                shown = "" if _bound_text(value) == _bound_text(e) else f": {_bound_text(value)}"
                raise _Wrong("wrong_sum", f"the limit {_bound_text(e)} of {self.s.variables[k]} is not an "
                                          f"integer{where}{shown}")
        return out[0], out[1]

    def inside(self, v: tuple[int, ...], n: tuple) -> bool:
        if self.independent:  # one box per output index
            if self._box_n != n:
                self._box_n, self._box = n, [self.bounds(k, n, ()) for k in range(len(v))]
            return all((lo is None or value >= lo) and (hi is None or value <= hi)
                       for value, (lo, hi) in zip(v, self._box))
        for k, value in enumerate(v):
            lo, hi = self.bounds(k, n, v[:k])
            if (lo is not None and value < lo) or (hi is not None and value > hi):
                return False
        return True

    def text(self, n: tuple) -> str:
        """``m = 0..2``, ``m >= 0``; symbolic lines keep the written expressions."""
        parts = []
        for k, (lo, hi) in enumerate(self.s.limits):
            if self.q.symbolic or not self.independent:
                shown = [None if e is None else _bound_text(e) for e in (lo, hi)]
            else:
                shown = [None if e is None else str(e.xreplace(dict(zip(self.outputs, map(Integer, n)))))
                         for e in (lo, hi)]
            var = self.s.variables[k].name
            if shown[0] is not None and shown[1] is not None:
                parts.append(f"{var} = {shown[0]}..{shown[1]}")
            elif shown[0] is not None:
                parts.append(f"{var} >= {shown[0]}")
            elif shown[1] is not None:
                parts.append(f"{var} <= {shown[1]}")
        return "the limits " + ", ".join(parts) if parts else "the sum"


def _outputs(q: SumQuestion, per_output: int) -> tuple[list[tuple], str]:
    """The output indices to check, and a note when a symbolic line has too many of them."""
    if not q.symbolic:
        return [tuple(int(i) for i in q.n)], ""
    ns = list(q.outputs)
    most = max(1, MAX_SUM_CHECKS // max(1, per_output))
    if len(ns) <= most:
        return ns, ""
    return ns[:most], f"limits checked for the first {most} of {len(ns)} output indices"


def _product(q: SumQuestion, u: tuple, w: tuple) -> Expr:
    x, h = q.x[u], q.h[w]
    if q.op == "correlate":
        return x * sympy.conjugate(h) if q.order == "canonical" else sympy.conjugate(x) * h
    return x * h


def _label(q: SumQuestion, u: tuple, w: tuple) -> str:
    a, b = q.names
    return f"{a}[{', '.join(map(str, u))}]{b}[{', '.join(map(str, w))}]"


def _left_out(q: SumQuestion, limits: _Limits, n: tuple, u: tuple, w: tuple, value: Expr) -> _Wrong:
    label = _label(q, u, w)
    of = f" of {q.output}[{', '.join(map(str, n))}]" if q.symbolic else ""
    return _Wrong("term_left_out", f"{limits.text(n)} leave{'s' if not limits.given else ''} out "
                                   f"{label} = {value}{of}", {"products": [label], "n": list(n)})


def _check_limits(s: _Sum, q: SumQuestion) -> str:
    limits = _Limits(q, s)
    if not limits.given:
        return ""
    x, h = q.x, q.h
    Ainv = s.a.coefficients.inv()
    outputs = limits.outputs
    ns, note = _outputs(q, int(sympy.prod(h.shape)))
    signed_permutation = all(sum(1 for e in Ainv.row(r) if e != 0) == 1 for r in range(q.ndim))
    for n in ns:
        sub = dict(zip(outputs, map(Integer, n)))
        a0 = [int(e.xreplace(sub)) for e in s.a.constant]
        terms = []  # per axis: (data index, kernel index) of every term of the overlap, data index rising
        for d in range(q.ndim):
            sx, ex = x.starts[d], x.starts[d] + x.shape[d] - 1
            sh, eh = h.starts[d], h.starts[d] + h.shape[d] - 1
            c = int(n[d])
            terms.append([term_indices(q.op, c, m, order=q.order)
                          for m in overlap(q.op, c, sx, ex, sh, eh, order=q.order)])
        if any(not t for t in terms):
            continue
        ranges = [[u for u, _ in t] for t in terms]
        if limits.independent and signed_permutation:  # compare boxes: every v of the overlap inside?
            box = [limits.bounds(k, n, ()) for k in range(q.ndim)]
            inside = True
            for k in range(q.ndim):
                d = next(j for j in range(q.ndim) if Ainv[k, j] != 0)
                ends = [int(Ainv[k, d]) * (r - a0[d]) for r in (ranges[d][0], ranges[d][-1])]
                lo, hi = box[k]
                inside &= (lo is None or min(ends) >= lo) and (hi is None or max(ends) <= hi)
            if inside:
                continue
        for combo in itertools.product(*terms):
            u, w = tuple(t[0] for t in combo), tuple(t[1] for t in combo)
            value = _product(q, u, w)
            if value == 0:
                continue
            v = tuple(int(sum(Ainv[k, d] * (u[d] - a0[d]) for d in range(q.ndim))) for k in range(q.ndim))
            if not limits.inside(v, n):
                raise _left_out(q, limits, n, u, w, value)
    return note


# --------------------------------------------------------------------------- circular


def _values(f: _Factor, n: tuple, outputs: tuple[Symbol, ...]) -> tuple[list[list[int]], list[int], list]:
    """Integer rows, constants at n, and moduli of a factor's index."""
    sub = dict(zip(outputs, map(Integer, n)))
    rows = [[int(c) for c in f.coefficients.row(d)] for d in range(f.coefficients.rows)]
    constants = [int(e.xreplace(sub)) for e in f.constant]
    return rows, constants, [None if m is None else int(m) for m in f.moduli]


def _at(rows: list[list[int]], constants: list[int], moduli: list, v: tuple[int, ...]) -> tuple[int, ...]:
    out = []
    for row, c, m in zip(rows, constants, moduli):
        value = sum(r * vi for r, vi in zip(row, v)) + c
        out.append(value if m is None else value % m)
    return tuple(out)


def _plain(f: _Factor, q: SumQuestion) -> bool:
    """Whether a circular sum's factor is the operand as given: no tilde, no index taken mod N."""
    return f.name not in q.periodic and all(m is None for m in f.moduli)


def _box(signal: Signal, periods: tuple[int, ...]) -> list[range]:
    """The indices a plain factor may take, per axis: its operand's support and 0..N-1."""
    return [range(min(0, s), max(p, s + L)) for s, L, p in zip(signal.starts, signal.shape, periods)]


def _preimage(f: _Factor, q: SumQuestion, n: tuple, outputs: tuple[Symbol, ...],
              box: list[range]) -> Iterator[tuple] | None:
    """The summation indices at which a plain factor's index lies in its box, or None when the
    factor does not bound the sum (a periodic name, an index taken mod N, a non-unimodular map)."""
    if not _plain(f, q) or f.coefficients.det() not in (1, -1):
        return None
    inverse = f.coefficients.inv()
    constants = [int(e.xreplace(dict(zip(outputs, map(Integer, n))))) for e in f.constant]
    D = q.ndim

    def points() -> Iterator[tuple]:
        for u in itertools.product(*box):
            yield tuple(int(sum(inverse[k, d] * (u[d] - constants[d]) for d in range(D))) for k in range(D))

    return points()


def _enumerate(limits: _Limits, n: tuple) -> tuple[list[tuple] | None, bool]:
    """Every summation index inside finite limits, at most MAX_SUM_CHECKS of them, and whether
    the list is complete ((None, True) when a limit is missing or infinite)."""
    out: list[tuple] = []
    if limits.independent:
        box = [limits.bounds(k, n, ()) for k in range(len(limits.s.variables))]
        if any(lo is None or hi is None for lo, hi in box):
            return None, True
        out = list(itertools.islice(itertools.product(*(range(lo, hi + 1) for lo, hi in box)), MAX_SUM_CHECKS + 1))
        return out[:MAX_SUM_CHECKS], len(out) <= MAX_SUM_CHECKS

    def walk(prefix: tuple) -> bool:
        k = len(prefix)
        if k == len(limits.s.variables):
            out.append(prefix)
            return len(out) <= MAX_SUM_CHECKS
        lo, hi = limits.bounds(k, n, prefix)
        if lo is None or hi is None:
            raise _Unbounded
        return all(walk(prefix + (v,)) for v in range(lo, hi + 1))

    try:
        complete = walk(())
    except _Unbounded:
        return None, True
    return out[:MAX_SUM_CHECKS], complete


class _Unbounded(Exception):
    pass


def _mod_missing(f: _Factor, index: tuple, v: tuple, n: tuple, s: _Sum, q: SumQuestion) -> _Wrong:
    """``mod N`` forgotten: the written index, the index taken mod N, and where it leaves 0..N-1."""
    text = _Text(q, s)
    expected = tuple(e if m is not None or 0 <= i < p else sympy.Mod(a, p, evaluate=False)
                     for e, a, m, i, p in zip(f.index, f.affine, f.moduli, index, q.periods))
    at = ", ".join(f"{var} = {value}" for var, value in zip(s.variables, v))
    of = f" of {q.output}[{', '.join(map(str, n))}]" if q.symbolic else ""
    if len(index) == 1:
        where = f"the index is {index[0]}, outside 0..{q.periods[0] - 1}"
    else:
        ranges = " by ".join(f"0..{p - 1}" for p in q.periods)
        where = f"the index is ({', '.join(map(str, index))}), outside {ranges}"
    written, wanted = text.factor(f), f"{f.name}[{text.index(expected)}]"
    return _Wrong("wrong_sum", f"the sum writes {written}; for {q.label()} the definition has {wanted} (at {at}"
                               f"{of} {where})",
                  {"cause": "mod_missing", "written": written, "expected": wanted})


def _check_circular(s: _Sum, q: SumQuestion) -> str:
    """Every nonzero product of the operands as written counted once: a plain name is the operand
    as given (support beyond 0..N-1 included), a tilde name or an index taken mod N the wrapped
    operand (each residue modulo N once)."""
    a, b = q.names
    limits = _Limits(q, s)
    outputs = limits.outputs
    periods = q.periods
    zeros = (0,) * q.ndim
    given = q.given or (q.x, q.h)
    plain = (_plain(s.a, q), _plain(s.b, q))
    boxes = [_box(g, periods) for g in given]
    wrapped = [q.x.window(zeros, periods).to_numpy(), q.h.window(zeros, periods).to_numpy()]
    ns, note = _outputs(q, int(sympy.prod(periods)))

    def inside(index: tuple, k: int, name: str) -> bool:
        if plain[k]:
            return all(i in r for i, r in zip(index, boxes[k]))
        return name in q.periodic or all(0 <= i < p for i, p in zip(index, periods))

    def key(index: tuple, k: int) -> tuple:
        return index if plain[k] else tuple(i % p for i, p in zip(index, periods))

    for n in ns:
        candidates: Any = None
        complete = True
        for f, k in ((s.a, 0), (s.b, 1)):
            candidates = _preimage(f, q, n, outputs, boxes[k])
            if candidates is not None:
                break
        if candidates is None:
            candidates, complete = _enumerate(limits, n)
        if candidates is None:
            names = ", ".join(v.name for v in s.variables)
            raise _Wrong("wrong_sum", f"the sum runs over every {names} and its products repeat with period N; "
                                      f"a circular sum runs over one period, {names} = 0..N-1", {"cause": "range"})
        va, vb = _values(s.a, n, outputs), _values(s.b, n, outputs)
        hits: dict[tuple, list[tuple]] = {}
        for v in candidates:
            if limits.given and not limits.inside(v, n):
                continue
            u, w = _at(*va, v), _at(*vb, v)
            in_a, in_b = inside(u, 0, a), inside(w, 1, b)
            if not (in_a or in_b):
                continue
            for f, index, ok in ((s.a, u, in_a), (s.b, w, in_b)):
                if not ok:
                    raise _mod_missing(f, index, v, n, s, q)
            hits.setdefault((key(u, 0), key(w, 1)), []).append(v)
        for (u, w), fx, fh in (_products(q, n, plain, given, wrapped) if complete else ()):
            found = hits.get((u, w), ())
            if len(found) == 1 or (not found and (fx == 0 or fh == 0)):
                continue
            if not found:
                raise _left_out(q, limits, n, u, w, fx * fh)
            _count_twice(q, s, n, u, w, fx * fh, found)
        if not complete:  # a partial list names no product left out; a product counted twice is one
            for (u, w), found in hits.items():
                if len(found) > 1:
                    _count_twice(q, s, n, u, w, _value(given, wrapped, plain, u, w), found)
            of = f" of {q.output}[{', '.join(map(str, n))}]" if q.symbolic else ""
            note = f"limits not checked beyond the first {MAX_SUM_CHECKS} products{of}"
            break
    return note


def _count_twice(q: SumQuestion, s: _Sum, n: tuple, u: tuple, w: tuple, value: Expr, found: list) -> None:
    label = _label(q, u, w)
    at = " and ".join(", ".join(f"{var} = {i}" for var, i in zip(s.variables, v)) for v in found)
    times = "twice" if len(found) == 2 else f"{len(found)} times"
    raise _Wrong("extra_term", f"the sum counts {label} = {value} {times} ({at}); one period has "
                               f"each product once", {"products": [label], "n": list(n)})


def _value(given: tuple[Signal, Signal], wrapped: list, plain: tuple[bool, bool], u: tuple, w: tuple) -> Expr:
    """x[u] h[w], each read as given (plain) or wrapped."""
    out = []
    for k, index in enumerate((u, w)):
        if plain[k]:
            out.append(given[k][index if len(index) > 1 else index[0]])
        else:
            out.append(wrapped[k][index])
    return out[0] * out[1]


def _products(q: SumQuestion, n: tuple, plain: tuple[bool, bool], given: tuple[Signal, Signal],
              wrapped: list) -> Iterator[tuple[tuple[tuple, tuple], Expr, Expr]]:
    """The definition's products of y[n] in the factors' own indices, with their two factors: a
    plain factor runs over its operand's support, a periodic one over 0..N-1; their indices add up
    to n modulo N."""
    periods = q.periods

    def indices(k: int) -> Iterator[tuple]:
        if plain[k]:
            g = given[k]
            return itertools.product(*(range(st, st + L) for st, L in zip(g.starts, g.shape)))
        return itertools.product(*(range(p) for p in periods))

    arrays = [g.to_numpy() for g in given]

    def at(k: int, index: tuple) -> Expr:
        if plain[k]:
            return arrays[k][tuple(i - st for i, st in zip(index, given[k].starts))]
        return wrapped[k][index]

    g = given[1]
    for u in indices(0):
        x = at(0, u)
        residues = [(i - j) % p for i, j, p in zip(n, u, periods)]
        if plain[1]:
            ws = itertools.product(*(range(st + (r - st) % p, st + L, p)
                                     for r, st, L, p in zip(residues, g.starts, g.shape, periods)))
        else:
            ws = iter([tuple(residues)])
        for w in ws:
            yield (u, w), x, at(1, w)
