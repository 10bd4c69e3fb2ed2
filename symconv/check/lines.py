r"""Check worked lines of a solution stage by stage, and whole solutions line by line.

A worked line is a chain ``c[5] = \sum_m a[m] b[5-m] = a[3]b[2] = 1 \cdot 0.25 = 0.25``. Each
stage between two ``=`` is classified and checked exactly against the definition:

- ``sum``: the defining sum as written, in any dimension and for circular convolution
  (``b[-m]`` where ``b[5-m]`` is meant is wrong; see :mod:`symconv.check.sums`), and its limits;
- ``notation``: ``(x * h)[n]``, the operation named by its symbol, operands and index;
- ``indices``: products of indexed values (every pair must add up to n, none may be missing);
- ``products``: products of numbers (each must be ``x[m] h[n-m]`` for some m, every nonzero
  product must be there, and a product written where the definition adds is flagged);
- ``value`` (and any other stage): its value must equal the previous stage's (arithmetic);
- the final value must be the right ``c[n]``.

A line written for every output index (``y[n] = \sum_m x[m] h[n-m]``, ``y[i,j] = ...``) is
checked in its sum and notation stages, for every n.

Examples
--------
>>> v = check_line(r"c[1] = \sum_m a[m]b[-m] = 0 * 0.25 + 1 * 0.5 + 0.5 * 1 = 1",
...                "1 0.5 1 1", "1 0.5 0.25")
>>> v.ok, v.first_wrong.kind
(False, 'sum')
>>> print(v.first_wrong.message)
the sum writes b[-m]; for c[1] the definition has b[1 - m]
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import sympy
from sympy import Expr

from symconv.check.compare import equal
from symconv.check.answer import compute, op_name
from symconv.check.latex_in import Node, evaluate, parse_chain
from symconv.check.sums import SumQuestion, check_notation
from symconv.check.sums import check_sum as check_sum_stage
from symconv.check.verdict import LineVerdict, Mistake, StageVerdict
from symconv.conventions import overlap
from symconv.errors import InputError
from symconv.operations import wrap
from symconv.signal import Signal, as_signal
from symconv.text import refuse_undefined

__all__ = ["check_line", "check_solution"]


def check_line(text: str, x: Any, h: Any, *, op: str = "convolve", order: str = "canonical",
               N: Any = None, names: Any = None, where: str = "line") -> LineVerdict:
    r"""Check one worked line ``c[n] = ... = value`` of a convolution (or correlation).

    Parameters
    ----------
    text : str
        The line, in LaTeX or plain text (``*`` and ``\cdot`` both multiply; ``**`` is a
        power, ``conj(...)`` a conjugate). In its numbers ``i``, ``j`` and ``I`` are the
        imaginary unit unless the data name a symbol so; a product of several factors is read
        as data times kernel at any split (``2 b\cdot c``, ``2*b*c``); a data symbol such as
        ``x_0`` is that symbol, written ``x_0`` or ``x_{0}``.
    x, h : sequence-like, str or Signal
        The data and kernel, 1-D or N-D (``y[1,2] = x[1,2]h[0,0] + ...``); the line's first
        indexed name after the output is x, the second h (``a``/``b``, ``x``/``h``, ...).
    op : {'convolve', 'correlate', 'circular'}
    order : {'canonical', 'wikipedia'}
    N : int or tuple of int, optional
        The period of a circular convolution (one per axis, or one for all):
        ``y[n] = sum_m x[m] h[(n - m) mod N]``. In a circular line's terms the names are the
        data and kernel wrapped onto ``0..N-1``; a name written with a tilde (``\tilde{x}``,
        ``x~``) is the periodic extension. In a sum, a plain name whose index is not taken mod N
        is the operand as given, so the limits cover its support (``\sum_{m=0}^{4} x[m] h[(n-m)
        \bmod 3]`` for data on 0..4), and a tilde name or an index taken mod N is the wrapped one.
    names : sequence of str, optional
        The names of data, kernel (and output), as given to ``explain``: ``("x1", "h1", "y1")``,
        ``("alpha", "beta", "gamma")`` (written ``alpha[m]``, ``\alpha[m]`` or
        ``\mathit{alpha}[m]``). A name given here is that sequence, even ``u`` (otherwise the unit
        step), ``delta`` (the impulse) or ``e``. Without names, the line's first indexed name after
        the output is the data, the second the kernel.

    Returns
    -------
    LineVerdict
        Each stage with ok and a message; ``first_wrong`` names the first wrong stage.

    Examples
    --------
    >>> check_line(r"y[3] = x[1]h[2] + x[2]h[1] + x[3]h[0] = \tfrac{1}{2}\cdot\tfrac{1}{4}"
    ...            r" + 1\cdot\tfrac{1}{2} + 1\cdot 1 = \tfrac{13}{8}", "1 0.5 1 1", "1 0.5 0.25").ok
    True
    >>> check_line("y[0,1] = x[0,1]h[0,0] + x[0,2]h[0,1] = 2*1 + 3*10 = 32", [[1, 2, 3]], [[1, 10]],
    ...            op="correlate").ok
    True
    >>> check_line("y[0] = x[0]h[0] + x[1]h[2] + x[2]h[1] = 1 + 6 + 6 = 13", "1 2 3", "1 2 3",
    ...            op="circular", N=3).ok
    True
    >>> check_line(r"y[n] = \sum_{m=0}^{N-1} x[m] h[(n-m) \bmod N]", "1 2 3", "1 2 3", op="circular", N=3).ok
    True
    >>> check_line("r[1] = u[0]v[1] + u[1]v[0] = 1*4 + 2*3 = 10", "1 2", "3 4", names="u,v,r").ok
    True
    """
    op = op_name(op)
    refuse_undefined(text, where)
    text = textbook_head(text)
    xs, hs = as_signal(x, "data"), as_signal(h, "kernel")
    periodic = frozenset(map(_tilde_name, _TILDE.findall(text) + _PLAIN_TILDE.findall(text)))
    text = _TILDE.sub(r"\1", text)  # x~, h~: the periodic extensions of circular convolution
    text = elementwise_sums(text)  # \sum(A \odot B) of two matrices: the sum of their products
    periods, given = None, None
    if op == "circular":
        if N is None:
            raise InputError("N", "circular convolution needs the period N")
        periods = tuple(int(p) for p in N) if isinstance(N, (tuple, list)) else (int(N),) * xs.ndim
        given = (xs, hs)
        xs, hs = wrap(xs, periods), wrap(hs, periods)
    symbols = {sym for s in (xs, hs) for v in s.to_numpy().flat for sym in getattr(v, "free_symbols", ())}
    given_names = _names(names)
    stages = parse_chain(text, where=where, symbols=sorted(sym.name for sym in symbols), names=given_names)
    if len(stages) < 2:
        raise InputError(where, "a worked line needs 'c[n] = ...'")
    head = stages[0]
    if head.kind != "index":
        raise InputError(where, "a worked line starts with the output, e.g. c[3] = ...")
    index = tuple(evaluate(a, where=where) for a in head.args)
    symbolic = not all(i.is_Integer for i in index)
    if symbolic and not (all(isinstance(i, sympy.Symbol) for i in index) and len(set(index)) == len(index)):
        raise InputError(where, f"the output index {_show(index)} is not an integer")
    if len(index) != xs.ndim:
        raise InputError(where, f"the output {head.name}[{_show(index)}] has {len(index)} "
                                f"{'index' if len(index) == 1 else 'indices'}, the data {xs.ndim}")
    full = compute(xs, hs, op=op, order=order, N=N)
    names = (given_names[0], given_names[1]) if given_names else _operand_names(stages[1:], head.name)
    if symbolic:
        letters = tuple(sympy.Symbol(i.name, integer=True) for i in index)
        outputs = (tuple(itertools.product(*(range(p) for p in periods))) if periods else
                   tuple(itertools.product(*(full.indices if full.ndim > 1 else (full.indices,)))))
        question = SumQuestion(xs, hs, op, order, letters, names, head.name, outputs, periods, periodic,
                               given)
        return _symbolic_line(text, stages, question, where)
    n = _key(index)
    line = _Line(text, n, xs, hs, op, order, names, head.name, full[n], where, periods, periodic,
                 given)
    return line.run(stages)


_EXAMPLE = {1: "3", 2: "1, 2"}

# r_xy(1) =, r_{xy}[1] =, R_{xy}(l) =, y(1) =: the output as textbooks write it
_BOOK_HEAD = re.compile(r"\s*(?P<name>[A-Za-z])(?:_\{?[A-Za-z]+\}?)?\s*(?P<open>[\[(])(?P<index>[^\[\]()=]*)[\])]\s*=")


def textbook_head(text: str) -> str:
    r"""A worked line whose output is written as textbooks write it, ``r_xy(1) =``, ``r_{xy}[1] =``,
    ``R_{xy}(l) =`` or ``y(1) =``, with the output written ``r[1] =`` as symconv reads it.

    Examples
    --------
    >>> textbook_head("r_xy(1) = 4"), textbook_head(r"R_{xy}(l) = \sum_m x[l+m] y[m]")
    ('r[1] = 4', 'R[l] = \\sum_m x[l+m] y[m]')
    >>> textbook_head("c[3] = 1")
    'c[3] = 1'
    """
    head = _BOOK_HEAD.match(text)
    if head is None:
        return text
    return f"{head['name']}[{head['index'].strip()}] ={text[head.end():]}"


def _symbolic_line(text: str, stages: tuple[Node, ...], q: SumQuestion, where: str) -> LineVerdict:
    """A line written for every n: its sum and notation stages, checked for every n."""
    spans = _stage_texts(text, len(stages))
    out = [StageVerdict(0, "output", spans[0], True)]
    mistakes = []
    for k, node in enumerate(stages[1:], start=1):
        if node.kind == "sum":
            kind, (message, mistake) = "sum", check_sum_stage(node, q, where=where)
        elif node.kind == "operation":
            kind, (message, mistake) = "notation", check_notation(node, q, where=where)
        else:
            raise InputError(f"{where}, column {node.col}",
                             f"{q.label()} is written for every {', '.join(map(str, q.n))}; only its sum can "
                             f"be checked (write {q.output}[{_EXAMPLE.get(q.ndim, '1, 2, 3')}] = ... to check "
                             "a term)")
        out.append(StageVerdict(k, kind, spans[k], mistake is None, message))
        if mistake is not None:
            mistakes.append(mistake)
    index = q.n[0] if len(q.n) == 1 else q.n
    return LineVerdict(not mistakes, text, index, None, tuple(out), tuple(mistakes))


_TILDE = re.compile(r"\\tilde\s*\{\s*([A-Za-z]|\\[A-Za-z]+|\\(?:mathit|mathrm|text)\s*\{[^{}]*\})\s*\}")
_PLAIN_TILDE = re.compile(r"(?<![A-Za-z0-9_\\])([A-Za-z][A-Za-z0-9_]*)~")


def _tilde_name(written: str) -> str:
    r"""The name under a tilde: ``x``, ``\alpha`` -> alpha, ``\mathit{x\_1}`` -> x_1."""
    inner = re.sub(r"^\\(?:mathit|mathrm|text)\s*\{(.*)\}$", r"\1", written.strip())
    return inner.replace("\\_", "_").lstrip("\\")
_ELEMENTWISE = re.compile(r"\\sum\s*\\left\(\s*\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}\s*\\odot\s*"
                          r"\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}\s*\\right\)", re.S)


def elementwise_sums(text: str) -> str:
    r"""``\sum\left(A \odot B\right)`` of two ``bmatrix`` of one shape -> ``(a)\cdot(b) + ...``, the
    sum of their elementwise products (the matrix form of a 2-D term); other text is unchanged.

    Examples
    --------
    >>> elementwise_sums(r"y[0,0] = \sum\left(\begin{bmatrix} 1 & 2 \end{bmatrix} \odot "
    ...                  r"\begin{bmatrix} 3 & -4 \end{bmatrix}\right) = -5")
    'y[0,0] = (1)\\cdot(3) + (2)\\cdot(-4) = -5'
    """
    def cells(body: str) -> list[list[str]]:
        return [[c.strip() for c in row.split("&")] for row in re.split(r"\\\\", body.strip()) if row.strip()]

    def products(match: re.Match) -> str:
        a, b = cells(match[1]), cells(match[2])
        if [len(r) for r in a] != [len(r) for r in b]:
            return match[0]  # shapes differ: left for the reader to report
        return " + ".join(f"({p})\\cdot({q})" for ra, rb in zip(a, b) for p, q in zip(ra, rb))

    return _ELEMENTWISE.sub(products, text)


def _stage_texts(text: str, count: int) -> list[str]:
    r"""The text of each stage: the line split at every ``=`` outside brackets (a stage may
    start with ``\left(``, which its formula's column does not show).

    Examples
    --------
    >>> _stage_texts(r"y[0] = x[0]h[0] = \left(a + 1\right)\cdot 2 = 2 a + 2", 4)
    ['y[0]', 'x[0]h[0]', '\\left(a + 1\\right)\\cdot 2', '2 a + 2']
    """
    parts, depth, start = [], 0, 0
    for k, c in enumerate(text):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "=" and depth == 0:
            parts.append(text[start:k].strip())
            start = k + 1
    parts.append(text[start:].strip())
    if len(parts) != count:  # not as the parser split it: each stage is named by its column
        return [f"stage {k}" for k in range(count)]
    return parts


def _key(index: Any) -> Any:
    """An index as a dict key: an int in 1-D, a tuple of ints in N-D."""
    items = tuple(int(i) for i in (index if isinstance(index, tuple) else (index,)))
    return items[0] if len(items) == 1 else items


def _product_factors(term: Node) -> list[list[Node]]:
    """The factors of a product term, a division kept with its dividend: '1*1/2' is 1 and 1/2."""
    return _product_groups(term)[0]


def _product_groups(term: Node) -> tuple[list[list[Node]], list[str]]:
    """The factors of a product term (a division kept with its dividend: '1*1/2' is 1 and 1/2;
    '2i' one number) and the operator before each factor after the first (``'juxt'`` when the
    factors are side by side, as in '2 b')."""
    groups = [[term.factors()[0]]]
    ops: list[str] = []
    for op, factor in zip(term.ops if term.kind == "mul" else (), term.factors()[1:]):
        if op == "/":
            groups[-1].append(factor)
        elif op == "juxt" and factor.kind in ("name", "const") and (factor.name or factor.text) in _UNITS:
            groups[-1][0] = Node("mul", groups[-1][0].col, (groups[-1][0], factor), ("juxt",))  # 2i: one number
        else:
            groups.append([factor])
            ops.append(op)
    return groups, ops


_UNITS = ("i", "j", "I")


def _evaluate_factor(group: list[Node], where: str, unit: dict | None = None) -> Expr:
    value = evaluate(group[0], where=where)
    for divisor in group[1:]:
        value = value / evaluate(divisor, where=where)
    return value.xreplace(unit or {})


def _show(index: Any) -> str:
    return ", ".join(map(str, index)) if isinstance(index, tuple) else str(index)


def _names(names: Any) -> tuple[str, ...]:
    """Names given as 'x1,h1,y1' or a sequence: data, kernel and optionally the output."""
    if names is None:
        return ()
    items = tuple(n.strip() for n in (names.split(",") if isinstance(names, str) else names))
    if len(items) not in (2, 3) or not all(items) or len(set(items)) != len(items):
        raise InputError("names", f"expected 2 or 3 different names (data, kernel, output), got "
                                  f"{','.join(items)!r}")
    return items


def _operand_names(stages: tuple[Node, ...], output: str) -> tuple[str, str]:
    found: list[str] = []

    def walk(node: Any) -> None:
        if not isinstance(node, Node):
            return
        if node.kind == "index" and node.name != output and node.name not in found:
            found.append(node.name)
        for a in node.args:
            walk(a)

    for s in stages:
        walk(s)
    for pair in _NAME_PAIRS:  # h[m] x[n-m]: x is the data wherever it is written
        if set(pair) <= set(found[:2]):
            return pair
    found += [n for n in ("x", "h") if n not in found]
    return found[0], found[1]


_NAME_PAIRS = (("x", "h"), ("a", "b"), ("f", "g"), ("x", "w"))


class _Line:
    def __init__(self, text: str, n: Any, x: Signal, h: Signal, op: str, order: str,
                 names: tuple[str, str], output: str, correct: Expr, where: str,
                 periods: tuple[int, ...] | None = None, periodic: frozenset[str] = frozenset(),
                 given: tuple[Signal, Signal] | None = None) -> None:
        self.text, self.n, self.x, self.h, self.op, self.order = text, n, x, h, op, order
        self.periods, self.periodic, self.given = periods, periodic, given
        self.a, self.b = names
        self.output, self.correct, self.where = output, correct, where
        # in the numbers of a line, i, j and I (SymPy's and the plain-text renderer's 2*I) are
        # the imaginary unit, unless the data name a symbol so; a name is the data's symbol of
        # that name whatever its assumptions
        used = {sym for s in (x, h) for v in s.to_numpy().flat for sym in v.free_symbols}
        names = {sym.name for sym in used}
        self.unit: dict[Any, Expr] = {sympy.Symbol(c, real=True): sympy.I for c in _UNITS if c not in names}
        self.unit.update({sympy.Symbol(sym.name, real=True): sym for sym in used
                          if sym != sympy.Symbol(sym.name, real=True)})

    def wrapped(self, index: Any) -> Any:
        """A circular line's index taken modulo N per axis (the names are periodic there)."""
        items = index if isinstance(index, tuple) else (index,)
        return _key(tuple(int(i) % p for i, p in zip(items, self.periods)))

    def value_of(self, name: str, index: Any, node: Node) -> Expr:
        items = index if isinstance(index, tuple) else (index,)
        if not all(i.is_Integer for i in items):
            raise InputError(f"{self.where}, column {node.col}",
                             f"{name}[{_show(index)}] has no value (its index is not a number)")
        if len(items) != self.x.ndim:
            raise InputError(f"{self.where}, column {node.col}",
                             f"{name}[{_show(index)}] has {len(items)} index(es); the data has "
                             f"{self.x.ndim} axes")
        key = self.wrapped(index) if self.op == "circular" else _key(index)
        if name == self.a:
            return self.x[key]
        if name == self.b:
            return self.h[key]
        raise InputError(f"{self.where}, column {node.col}", f"'{name}' is neither "
                         f"{self.a} nor {self.b}")

    # the pairs (m, j) of the definition, and the value of each product
    def pairs(self) -> list[tuple[Any, Any, Expr]]:
        x, h = self.x, self.h
        n = self.n if isinstance(self.n, tuple) else (self.n,)

        def around(s: Signal) -> Any:  # every index of s, and 2 more on each side
            return itertools.product(*(range(a - 2, a + L + 2) for a, L in zip(s.starts, s.shape)))

        def add(u: tuple, v: tuple) -> tuple:
            return tuple(p + q for p, q in zip(u, v))

        def sub(u: tuple, v: tuple) -> tuple:
            return tuple(p - q for p, q in zip(u, v))

        out = []
        if self.op == "circular":
            for m in itertools.product(*(range(p) for p in self.periods)):
                j = tuple((i - k) % p for i, k, p in zip(n, m, self.periods))
                out.append((_key(m), _key(j), x[m] * h[j]))
            return out
        # every pair whose data index or kernel index lies near its support (a sliding table
        # writes the zero products beside the data or the kernel)
        if self.op == "convolve":
            pairs = [(m, sub(n, m)) for m in around(x)] + [(sub(n, j), j) for j in around(h)]
        elif self.order == "canonical":
            pairs = [(add(n, m), m) for m in around(h)] + [(i, sub(i, n)) for i in around(x)]
        else:
            pairs = [(m, add(m, n)) for m in around(x)] + [(sub(j, n), j) for j in around(h)]
        pairs = list(dict.fromkeys(pairs))
        for i, j in pairs:
            i, j = _key(i), _key(j)
            if self.op == "convolve":
                value = x[i] * h[j]
            elif self.order == "canonical":
                value = x[i] * sympy.conjugate(h[j])
            else:
                value = sympy.conjugate(x[i]) * h[j]
            out.append((i, j, value))
        return out

    def factors(self, i: Any, j: Any) -> tuple[Expr, Expr]:
        """The two factors of the definition's product x[i]h[j] (conjugated where it conjugates)."""
        x, h = self.x[i], self.h[j]
        if self.op == "correlate":
            return (x, sympy.conjugate(h)) if self.order == "canonical" else (sympy.conjugate(x), h)
        return x, h

    def belongs(self, i: Any, j: Any) -> bool:
        """Whether x[i]h[j] is a product of the definition's sum (zero products far outside the
        supports too, as a sliding table writes them)."""
        n = self.n if isinstance(self.n, tuple) else (self.n,)
        i = i if isinstance(i, tuple) else (i,)
        j = j if isinstance(j, tuple) else (j,)
        if self.op == "circular":
            return False  # every pair of 0..N-1 is listed
        # x[p]h[q] is a term of output k when some m's term multiplies exactly x[p] and h[q]:
        # the overlap of the one-sample supports p..p and q..q
        return all(len(overlap(self.op, k, p, p, q, q, order=self.order)) > 0 for p, q, k in zip(i, j, n))

    def _rule(self) -> str:
        a, b, n = self.a, self.b, _show(self.n)
        if self.op == "circular":
            period = ", ".join(map(str, self.periods))
            if isinstance(self.n, tuple):
                return f"{a}[m]{b}[(({n}) - m) mod ({period})]"
            return f"{a}[m]{b}[({n} - m) mod {period}]"
        if self.op == "convolve":
            return f"{a}[m]{b}[{n} - m]" if not isinstance(self.n, tuple) else f"{a}[m]{b}[({n}) - m]"
        if self.order == "canonical":
            return f"{a}[{n} + m]{b}[m]" if not isinstance(self.n, tuple) else f"{a}[({n}) + m]{b}[m]"
        return f"{a}[m]{b}[m + {n}]" if not isinstance(self.n, tuple) else f"{a}[m]{b}[m + ({n})]"

    def label(self, i: Any, j: Any) -> str:
        return f"{self.a}[{_show(i)}]{self.b}[{_show(j)}]"

    def run(self, stages: tuple[Node, ...]) -> LineVerdict:
        self.spans = {id(st): span for st, span in zip(stages, _stage_texts(self.text, len(stages)))}
        out = [StageVerdict(0, "output", self._text(stages[0]), True)]
        mistakes: list[Mistake] = []
        previous: Expr | None = None
        products_seen = False
        for k, node in enumerate(stages[1:], start=1):
            kind = self.kind_of(node)
            message, mistake = "", None
            value: Expr | None = None
            if kind == "sum":
                message, mistake = self.check_sum(node)
            elif kind == "notation":
                message, mistake = check_notation(node, self.question(), where=self.where)
            elif kind == "indices":
                value = evaluate(node, where=self.where, indexed=self.value_of).xreplace(self.unit)
                message, mistake = self.check_indices(node)
            else:
                value = evaluate(node, where=self.where, indexed=self.value_of).xreplace(self.unit)
                if kind == "products":
                    message, mistake = self.check_products(node)
                    if mistake is not None and products_seen and previous is not None:
                        # after the products, '2 b' or '- a c + 1/2' is their value written out:
                        # it must equal them (arithmetic), it is no second list of products
                        kind, message, mistake = "value", "", None
                    products_seen = True
                if mistake is None and previous is not None and not equal(value, previous):
                    message = (f"{self._text(node)} is {value}, but the stage before is "
                               f"{previous}")
                    mistake = Mistake("arithmetic", message, {"stage": k, "value": value,
                                                              "previous": previous})
            if mistake is None and k == len(stages) - 1 and value is not None and not equal(value, self.correct):
                message = f"the value is {value}; {self.output}[{_show(self.n)}] = {self.correct}"
                mistake = Mistake("wrong_value", message, {"claimed": value, "correct": self.correct})
            if value is not None:
                previous = value
            out.append(StageVerdict(k, kind, self._text(node), mistake is None, message))
            if mistake is not None:
                mistakes.append(mistake)
        # a product written where the definition adds, anywhere in the line
        return LineVerdict(not mistakes, self.text, self.n, self.correct, tuple(out),
                           tuple(mistakes))

    def _text(self, node: Node) -> str:
        return self.spans.get(id(node), f"stage at column {node.col}")

    def kind_of(self, node: Node) -> str:
        if node.kind == "sum":
            return "sum"
        if node.kind == "operation":
            return "notation"
        terms = node.terms()
        if all(any(f.kind == "index" or (f.kind == "conj" and f.args[0].kind == "index") for f in t.factors())
               for _, t in terms):
            return "indices"
        if all(t.kind == "mul" or t.kind == "num" or t.kind == "frac" for _, t in terms) and any(
                len(_product_factors(t)) > 1 for _, t in terms):
            return "products"
        return "value"

    # ------------------------------------------------------------------ stages
    def question(self) -> SumQuestion:
        n = self.n if isinstance(self.n, tuple) else (self.n,)
        return SumQuestion(self.x, self.h, self.op, self.order, tuple(int(i) for i in n), (self.a, self.b),
                           self.output, (), self.periods, self.periodic, self.given)

    def check_sum(self, node: Node) -> tuple[str, Mistake | None]:
        return check_sum_stage(node, self.question(), where=self.where)

    @staticmethod
    def _is_pair(fa: Expr, fb: Expr, values: list[tuple[Expr, Expr, Expr]]) -> bool:
        """Whether fa * fb (in either order) is a product x[m] h[n - m] of the definition."""
        return any((equal(x, fa) and equal(h, fb)) or (equal(x, fb) and equal(h, fa)) for _, x, h in values)

    def _product_not_sum(self, factors: tuple[Node, ...]) -> tuple[str, Mistake]:
        text = " * ".join(str(evaluate(f, where=self.where)) for f in factors)
        pairs_text = " and ".join(
            f"{evaluate(factors[i], where=self.where)} * {evaluate(factors[i + 1], where=self.where)}"
            for i in range(0, len(factors), 2))
        msg = f"'{text}' multiplies where the definition adds: the products {pairs_text} must be added"
        return msg, Mistake("product_not_sum", msg, {"factors": len(factors)})

    def _splits(self, groups: list[list[Node]], ops: list[str]) -> list[tuple[Expr, Expr]]:
        """Every way to read a product of factors as two values (data times kernel), the
        splits at an explicit ``\\cdot``, ``\\times`` or ``*`` first, then those between factors
        written side by side (``2 b`` is one value in ``2 b\\cdot c``; plain text writes
        ``2*b*c``)."""
        values = [_evaluate_factor(g, self.where, self.unit) for g in groups]
        cuts = sorted(range(1, len(values)), key=lambda s: ops[s - 1] == "juxt")
        return [(sympy.Mul(*values[:s]), sympy.Mul(*values[s:])) for s in cuts]

    def check_indices(self, node: Node) -> tuple[str, Mistake | None]:
        pairs = {(i, j): v for i, j, v in self.pairs()}
        seen = set()
        for _, term in node.terms():
            indexed = [f.args[0] if f.kind == "conj" else f for f in term.factors()]
            idx = {f.name: tuple(evaluate(a, where=self.where) for a in f.args) for f in indexed
                   if f.kind == "index"}
            if set(idx) != {self.a, self.b}:
                msg = f"a term does not multiply {self.a}[.] by {self.b}[.]"
                return msg, Mistake("wrong_products", msg, {})
            if self.op == "circular":
                idx = {k: tuple(sympy.Integer(int(v) % p) for v, p in zip(i, self.periods))
                       for k, i in idx.items()}
            key = (_key(idx[self.a]), _key(idx[self.b]))
            if key not in pairs and not self.belongs(*key):
                msg = (f"{self.label(*key)} does not belong to {self.output}[{_show(self.n)}]")
                return msg, Mistake("extra_term", msg, {"product": self.label(*key)})
            seen.add(key)
        missing = [k for k, v in pairs.items() if v != 0 and k not in seen]
        if missing:
            msg = "leaves out " + ", ".join(f"{self.label(*k)} = {pairs[k]}" for k in missing)
            return msg, Mistake("term_left_out", msg, {"products": [self.label(*k) for k in missing]})
        return "", None

    def check_products(self, node: Node) -> tuple[str, Mistake | None]:
        outcome = self._compare_products(node)
        if len(outcome) == 2:
            return outcome  # type: ignore[return-value]
        problems, missing, pairs = outcome  # type: ignore[misc]
        if problems:
            other = self._other_operation()
            if other is not None and other._explains_products(node):
                what = "correlation" if other.op == "correlate" else "convolution"
                msg = (f"the products are those of the {what} ({other._rule()}): the kernel "
                       f"{'not flipped' if other.op == 'correlate' else 'flipped where correlation slides it unflipped'}")
                return msg, Mistake("unflipped_kernel", msg, {"computed": other.op})
            msg = problems[0]
            return msg, Mistake("wrong_products", msg, {})
        if missing:
            msg = "leaves out " + ", ".join(f"{self.label(pairs[k][0], pairs[k][1])} = {pairs[k][2]}"
                                            for k in missing)
            return msg, Mistake("term_left_out", msg,
                                {"products": [self.label(pairs[k][0], pairs[k][1]) for k in missing]})
        return "", None

    def _other_operation(self) -> _Line | None:
        """The same line read as the other operation (correlation for convolution, or reverse):
        the hypothesis of an unflipped (or flipped) kernel, computed exactly."""
        if self.op == "circular":
            return None
        op = "correlate" if self.op == "convolve" else "convolve"
        return _Line(self.text, self.n, self.x, self.h, op, "canonical", (self.a, self.b),
                     self.output, self.correct, self.where)

    def _explains_products(self, node: Node) -> bool:
        """Whether the written products are exactly this line's (none wrong, none left out)."""
        outcome = self._compare_products(node)
        return len(outcome) == 3 and not outcome[0] and not outcome[1]

    def _compare_products(self, node: Node) -> tuple:
        """(problems, missing, pairs), or (message, mistake) for products multiplied together."""
        pairs = self.pairs()
        values = [(pairs[k][2], *self.factors(pairs[k][0], pairs[k][1])) for k in range(len(pairs))]
        by_factors: dict[tuple[Expr, Expr], list[int]] = {}
        for k, (_, fx, fh) in enumerate(values):
            by_factors.setdefault((fx, fh), []).append(k)
            if fx != fh:
                by_factors.setdefault((fh, fx), []).append(k)
        written = []  # (the first reading fa, fb; the pairs any reading of the term can be)
        for sign, term in node.terms():
            groups, ops = _product_groups(term)
            if len(groups) < 2:
                continue
            factors = term.factors()
            several = len(factors) > 2 and len(factors) % 2 == 0 and all(op not in ("/", "juxt") for op in term.ops)
            if several and all(self._is_pair(evaluate(factors[i], where=self.where).xreplace(self.unit),
                                             evaluate(factors[i + 1], where=self.where).xreplace(self.unit), values)
                               for i in range(0, len(factors), 2)):
                return self._product_not_sum(factors)  # 0 * 1/2 * 0 * 1: two products multiplied
            readings = self._splits(groups, ops)  # '2 b\cdot c' is 2b times c; '2*b*1' 2*b times 1
            if sign == "-":
                readings = [(-fa, fb) for fa, fb in readings]
            candidates = sorted({k for fa, fb in readings for k in by_factors.get((fa, fb), ())})
            if not candidates and not all(f.is_Rational for reading in readings for f in reading):
                candidates = [k for k in range(len(values)) if any(  # equal, written otherwise
                    (equal(values[k][1], fa) and equal(values[k][2], fb))
                    or (equal(values[k][1], fb) and equal(values[k][2], fa)) for fa, fb in readings)]
            if not candidates and several:
                return self._product_not_sum(factors)
            written.append((readings[0], candidates))
        match = _match([c for _, c in written])
        problems = [f"{fa} * {fb} is not a product of {self.output}[{_show(self.n)}]'s sum ({self._rule()})"
                    for t, ((fa, fb), _) in enumerate(written) if t not in match]
        used = set(match.values())
        missing = [k for k in range(len(pairs)) if k not in used and pairs[k][2] != 0]
        return problems, missing, pairs


def _match(candidates: list[list[int]]) -> dict[int, int]:
    """A largest matching of written terms to the definition's products (each product used
    once): ``{term: product}``. A term such as '2*b*0' may be read as 2b times 0 or 2 times 0,
    so the first reading must not take a product another term needs (augmenting paths).

    Examples
    --------
    >>> _match([[0, 1], [0]])
    {1: 0, 0: 1}
    """
    owner: dict[int, int] = {}  # product -> term
    held: dict[int, int] = {}  # term -> product
    for t, mine in enumerate(candidates):
        free = next((k for k in mine if k not in owner), None)
        if free is not None:  # the common case: no other term wants it
            owner[free], held[t] = t, free
            continue
        reached: dict[int, int] = {}  # product -> the term that reached it
        queue, end = [t], None
        while queue and end is None:
            u = queue.pop(0)
            for k in candidates[u]:
                if k in reached:
                    continue
                reached[k] = u
                if k not in owner:
                    end = k
                    break
                queue.append(owner[k])
        while end is not None:  # shift every product along the path by one term
            u = reached[end]
            previous = held.get(u)
            owner[end], held[u] = u, end
            end = None if u == t else previous
    return {t: k for k, t in owner.items()}


_LINE_SPLIT = re.compile(r"\\\\|\n")
_STRIP = re.compile(r"\\(?:begin|end)\{(?:align\*?|aligned|equation\*?|gather\*?)\}|\\\[|\\\]|&|\$|\\qquad|\\quad|\\text\{[^}]*\}")
_HEAD = r"^\s*(?:\\(?:mathit|mathrm|operatorname|text)\s*\{[^{}]*\}|\\?[A-Za-z]\w*)\s*"  # y, \gamma, \mathit{y1}
_OUTPUT_LINE = re.compile(_HEAD + r"\[\s*-?\d+(?:\s*,\s*-?\d+)*\s*\]\s*=")
_DEFINITION_LINE = re.compile(_HEAD + r"\[\s*[A-Za-z](?:\s*,\s*[A-Za-z])*\s*\]\s*=.*\\sum_")
_CONTINUATION = re.compile(r"^\s*[-+=]")
_REMARK = re.compile(r"\s*\((?:[A-Za-z]{2,}\s+)+[A-Za-z]{2,}\)\s*$")  # (no overlapping samples) in plain text


def check_solution(text: str, x: Any, h: Any, *, op: str = "convolve", order: str = "canonical",
                   N: Any = None, names: Any = None) -> list[tuple[int, LineVerdict | InputError]]:
    r"""Check every worked line ``c[n] = ...`` of a solution (a .tex file or plain text).

    Lines are split at new lines and ``\\``; alignment marks, ``$`` and math delimiters are
    dropped; lines that do not start with an output ``name[integer] =`` (``y[1,2] =`` in 2-D)
    are skipped, except that a line starting with ``+``, ``-`` or ``=`` continues the worked
    line before it (as in a long ``align*`` chain), and that a definition written for every
    index with a sum (``y[n] = \sum_m x[m] h[n-m]``, ``y[i,j] = (x * h)[i,j] = \sum_{k,l} ...``)
    is checked too. ``names`` are the names given to ``explain`` (see `check_line`).

    Returns
    -------
    list of (line number, LineVerdict or InputError)
        An unreadable line is reported, and the others are still checked.

    Examples
    --------
    >>> report = check_solution("y[0] = x[0]h[0] = 1 \\cdot 1 = 1\n\\\\ y[1] = 3", "1 1", "1 1")
    >>> [(k, v.ok) for k, v in report]
    [(1, True), (2, False)]
    """
    lines: list[list] = []  # [first line number, text]
    for number, raw in enumerate(text.split("\n"), start=1):
        for piece in _LINE_SPLIT.split(elementwise_sums(raw)):
            line = _REMARK.sub("", _STRIP.sub(" ", piece)).strip().rstrip(",.")
            if _OUTPUT_LINE.match(line) or _DEFINITION_LINE.match(line):
                lines.append([number, line])
            elif lines and lines[-1][1] is not None and line and _CONTINUATION.match(line):
                lines[-1][1] += " " + line
            elif line:
                lines.append([number, None])  # prose ends a worked line
    out: list[tuple[int, LineVerdict | InputError]] = []
    for number, line in lines:
        if line is None:
            continue
        try:
            out.append((number, check_line(line, x, h, op=op, order=order, N=N, names=names,
                                           where=f"line {number}")))
        except InputError as error:
            out.append((number, error))
    return out
