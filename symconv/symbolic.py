"""Unevaluated convolution and correlation as SymPy expressions.

:class:`Convolution` ``(x * h)[n] = sum_m x[m] h[n - m]`` and :class:`Correlation`
``(x ⋆ h)[n] = sum_m x[n + m] conj(h[m])`` (symconv's canonical order; ``order="wikipedia"``
gives ``sum_m conj(x[m]) h[m + n]``) follow SymPy's rules: every argument is a ``Basic``,
``obj.func(*obj.args) == obj``, equality and hashing are SymPy's. Nothing is evaluated until
``doit()``: two finite sequences give a ``Piecewise`` (or a value at a numeric index), one finite
operand gives a finite sum of shifted copies of the other, two sequences given as expressions in
``n`` give a verified closed form from :mod:`symconv.closed_forms` (or the defining ``Sum``
when no closed form is known), and anything else gives the defining ``Sum``.

Operands may be an ``IndexedBase`` (``x[n]``), an undefined function, a ``Lambda``, an
expression in ``n`` such as ``a**n*unit_step(n)``, or a finite :class:`~symconv.signal.Signal`
or list (wrapped in a :class:`~symconv.sequences.FiniteSequence`).

Examples
--------
>>> from sympy import IndexedBase, Sum, Symbol, latex
>>> x, h = IndexedBase("x"), IndexedBase("h")
>>> n = Symbol("n", integer=True)
>>> c = Convolution(x, h, n)
>>> print(latex(c))
(x * h)[n]
>>> c.rewrite(Sum)
Sum(h[-_m + n]*x[_m], (_m, -oo, oo))
>>> Convolution([1, "1/2", 1, 1], [1, "1/2", "1/4"], n).subs(n, 3).doit()
13/8
"""

from __future__ import annotations

from typing import Any

from mpmath.libmp import prec_to_dps
from sympy import (Add, Basic, Dummy, Eq, Expr, IndexedBase, Integer, KroneckerDelta, Lambda,
                   Piecewise, S, Sum, conjugate, oo)
from sympy.core.function import AppliedUndef, UndefinedFunction
from sympy.core.symbol import Str, Symbol

from symconv.errors import InputError, UnsupportedError
from symconv.sequences import CodePrintable, FiniteSequence

__all__ = ["Convolution", "Correlation"]

#: The bound variable of operands given as expressions in n (one for all, so that two
#: operands built from the same expression are equal).
_K = Dummy("k", integer=True)

_ORDERS = ("canonical", "wikipedia")


class _SequenceOperation(CodePrintable, Expr):
    """Shared machinery of Convolution and Correlation: operands, index, printing.

    Numerically (``evalf``, ``N``, ``lambdify``, SymPy's code printers) the object is its value
    ``doit()``: a Piecewise over a finite support, a closed form with ``u[n]`` printed as
    ``Heaviside(n, 1)``, or the defining ``Sum``.
    """

    is_commutative = True
    _symbol_latex = "*"
    _symbol_pretty = ("*", "*")

    @property
    def x(self) -> Basic:
        """The first operand (data)."""
        return self.args[0]

    @property
    def h(self) -> Basic:
        """The second operand (kernel)."""
        return self.args[1]

    @property
    def n(self) -> Expr:
        """The output index."""
        return self.args[2]

    @property
    def free_symbols(self) -> set:
        return set().union(*(a.free_symbols for a in self.args if not isinstance(a, Str)))

    def _operator_latex(self, printer: Any) -> str:
        return self._symbol_latex

    def _latex(self, printer: Any) -> str:
        x = _latex_operand(self.x, self.n, printer)
        h = _latex_operand(self.h, self.n, printer)
        return f"({x} {self._operator_latex(printer)} {h})[{printer._print(self.n)}]"

    def _pretty(self, printer: Any) -> Any:
        from sympy.printing.pretty.stringpict import prettyForm, stringPict
        symbol = self._symbol_pretty[0 if printer._use_unicode else 1]
        parts = [prettyForm("("), _pretty_operand(self.x, self.n, printer), prettyForm(f" {symbol} "),
                 _pretty_operand(self.h, self.n, printer), prettyForm(")["), printer._print(self.n),
                 prettyForm("]")]
        return prettyForm(*stringPict.next(*parts))

    def _sympystr(self, printer: Any) -> str:
        items = [_str_operand(self.x, self.n, printer), _str_operand(self.h, self.n, printer),
                 printer._print(self.n)]
        items += self._extra_str()
        return f"{type(self).__name__}({', '.join(items)})"

    def _extra_str(self) -> list[str]:
        return []

    def doit(self, **hints: Any) -> Expr:
        args = self.args
        if hints.get("deep", True):
            args = tuple(a.doit(**hints) if not isinstance(a, Str) else a for a in args)
        return self.func(*args)._evaluate()

    def _code_form(self) -> Expr:
        return self.doit()

    def _eval_evalf(self, prec: int) -> Expr | None:
        value = self.doit()
        return None if isinstance(value, _SequenceOperation) else value.evalf(prec_to_dps(prec))

    def _eval_rewrite(self, rule: Any, args: tuple, **hints: Any) -> Expr | None:
        if rule is Sum:
            return self.func(*args)._defining_sum()
        return None

    def _evaluate(self) -> Expr:  # pragma: no cover - overridden
        raise NotImplementedError

    def _defining_sum(self) -> Expr:  # pragma: no cover - overridden
        raise NotImplementedError


class Convolution(_SequenceOperation):
    """The convolution ``(x * h)[n] = sum_m x[m] h[n - m]``, unevaluated until ``doit()``.

    Parameters
    ----------
    x, h : IndexedBase, undefined function, Lambda, expression in n, Signal, list or FiniteSequence
        The sequences; a list or Signal is finite (a plain list starts at 0).
    n : integer Symbol or integer
        The output index; an expression operand is read as a function of this symbol.

    Raises
    ------
    InputError
        ``n`` is not an integer symbol, or an operand is not a sequence in ``n``.

    Examples
    --------
    >>> from sympy import Symbol, pprint
    >>> from symconv.sequences import unit_step
    >>> n = Symbol("n", integer=True)
    >>> c = Convolution(unit_step(n), unit_step(n), n)
    >>> c.doit()
    (n + 1)*UnitStep(n)
    >>> c
    Convolution(UnitStep(n), UnitStep(n), n)
    >>> pprint(c, use_unicode=True)
    (u[n] * u[n])[n]
    """

    def __new__(cls, x: Any, h: Any, n: Any) -> Convolution:
        n = _index(n)
        return Expr.__new__(cls, _operand(x, n, "x"), _operand(h, n, "h"), n)

    def _defining_sum(self) -> Expr:
        x, h, n = self.args
        m = Dummy("m", integer=True)
        if isinstance(x, FiniteSequence):
            limits = (m, x.start, x.end)
        elif isinstance(h, FiniteSequence):
            limits = (m, n - h.end, n - h.start)
        else:
            limits = (m, -oo, oo)
        return Sum(_at(x, m) * _at(h, n - m), limits)

    def _evaluate(self) -> Expr:
        x, h, n = self.args
        if isinstance(x, FiniteSequence) and isinstance(h, FiniteSequence):
            from symconv.operations import convolve
            return _finite_result(convolve(x.to_signal(), h.to_signal()), n)
        if isinstance(x, FiniteSequence):
            return Add(*(v * _at(h, n - k) for k, v in _items(x)))
        if isinstance(h, FiniteSequence):
            return Add(*(v * _at(x, n - k) for k, v in _items(h)))
        if isinstance(x, Lambda) and isinstance(h, Lambda):
            return _closed_or_sum(self, lambda k: _at(x, k), lambda k: _at(h, k))
        return self._defining_sum()


class Correlation(_SequenceOperation):
    """The cross-correlation ``(x ⋆ h)[n]``, unevaluated until ``doit()``.

    Canonical order (default, as ``numpy.correlate(x, h)``): ``sum_m x[n + m] conj(h[m])``;
    ``order="wikipedia"``: ``sum_m conj(x[m]) h[m + n]``, which equals the canonical
    correlation of ``h`` with ``x``.

    Parameters
    ----------
    x, h : as for :class:`Convolution`
    n : integer Symbol or integer
        The lag.
    order : {'canonical', 'wikipedia'} or Str, optional

    Examples
    --------
    >>> from sympy import IndexedBase, Sum, Symbol, latex
    >>> x, h = IndexedBase("x"), IndexedBase("h")
    >>> n = Symbol("n", integer=True)
    >>> r = Correlation(x, h, n)
    >>> print(latex(r))
    (x \\star h)[n]
    >>> r.rewrite(Sum)
    Sum(conjugate(h[_m])*x[_m + n], (_m, -oo, oo))
    >>> Correlation([1, 2, 3], [0, 1, "1/2"], n).doit()
    Piecewise((1/2, Eq(n, -2)), (2, Eq(n, -1)), (7/2, Eq(n, 0)), (3, Eq(n, 1)), (0, True))
    """

    _symbol_latex = r"\star"
    _symbol_pretty = ("⋆", "(star)")

    def __new__(cls, x: Any, h: Any, n: Any, order: Any = "canonical") -> Correlation:
        n = _index(n)
        text = order.name if isinstance(order, Str) else order
        if not isinstance(text, str) or text.lower() not in _ORDERS:
            from symconv.conventions import CorrelationOrder, choice
            text = choice(text, CorrelationOrder, "correlation order").value
        return Expr.__new__(cls, _operand(x, n, "x"), _operand(h, n, "h"), n, Str(text.lower()))

    @property
    def order(self) -> str:
        """``'canonical'`` or ``'wikipedia'``."""
        return self.args[3].name

    def _operator_latex(self, printer: Any) -> str:
        return r"\star" if self.order == "canonical" else r"\star_{\mathrm{W}}"

    def _extra_str(self) -> list[str]:
        return [] if self.order == "canonical" else [f"order='{self.order}'"]

    def _canonical(self) -> Correlation:
        """The same correlation in the canonical order."""
        if self.order == "canonical":
            return self
        return Correlation(self.h, self.x, self.n)

    def _defining_sum(self) -> Expr:
        x, h, n = self.args[:3]
        m = Dummy("m", integer=True)
        if self.order == "canonical":
            if isinstance(h, FiniteSequence):
                limits = (m, h.start, h.end)
            elif isinstance(x, FiniteSequence):
                limits = (m, x.start - n, x.end - n)
            else:
                limits = (m, -oo, oo)
            return Sum(_at(x, n + m) * conjugate(_at(h, m)), limits)
        if isinstance(x, FiniteSequence):
            limits = (m, x.start, x.end)
        elif isinstance(h, FiniteSequence):
            limits = (m, h.start - n, h.end - n)
        else:
            limits = (m, -oo, oo)
        return Sum(conjugate(_at(x, m)) * _at(h, m + n), limits)

    def _evaluate(self) -> Expr:
        if self.order != "canonical":
            return self._canonical()._evaluate()
        x, h, n = self.args[:3]
        if isinstance(x, FiniteSequence) and isinstance(h, FiniteSequence):
            from symconv.operations import correlate
            return _finite_result(correlate(x.to_signal(), h.to_signal()), n)
        if isinstance(h, FiniteSequence):
            return Add(*(conjugate(v) * _at(x, n + k) for k, v in _items(h)))
        if isinstance(x, FiniteSequence):
            return Add(*(v * conjugate(_at(h, k - n)) for k, v in _items(x)))
        if isinstance(x, Lambda) and isinstance(h, Lambda):
            return _closed_or_sum(self, lambda k: _at(x, k), lambda k: conjugate(_at(h, -k)))
        return self._defining_sum()


# --------------------------------------------------------------------------- operands
def _index(n: Any) -> Expr:
    """The output index, checked: an integer or an expression known to be an integer."""
    if isinstance(n, bool):
        raise InputError("index", f"{n!r} is not an integer")
    if isinstance(n, int):
        return Integer(n)
    if not isinstance(n, Expr):
        raise InputError("index", f"{n!r} is not an integer or an integer Symbol")
    if n.is_integer:
        return n
    if isinstance(n, Symbol):
        raise InputError("index", f"{n} is not an integer symbol; declare it with "
                                  f"Symbol('{n}', integer=True)")
    raise InputError("index", f"{n} is not an integer")


def _operand(value: Any, n: Expr, where: str) -> Basic:
    """An operand as a Basic: FiniteSequence, IndexedBase or Lambda in the shared variable."""
    if isinstance(value, (FiniteSequence, IndexedBase)):
        return value
    if isinstance(value, UndefinedFunction):
        return Lambda(_K, value(_K))
    if isinstance(value, Lambda):
        if len(value.variables) != 1:
            raise InputError(where, f"{value} takes {len(value.variables)} arguments; a sequence "
                                    "takes one index")
        return Lambda(_K, value.expr.xreplace({value.variables[0]: _K}))
    if isinstance(value, Expr):
        from symconv.exact import to_exact
        value = to_exact(value, where=where)
        if isinstance(n, Symbol) and value.has(n):
            return Lambda(_K, value.xreplace({n: _K}))
        if not isinstance(n, Symbol):
            raise InputError(where, f"{value} needs a symbolic index to be read as a sequence; "
                                    "give the index as an integer Symbol and substitute later")
        raise InputError(where, f"{value} is not a function of {n}; write the sequence in terms "
                                f"of the index {n}")
    if isinstance(value, (Basic, str)):
        raise InputError(where, f"{value!r} is not a sequence; give an IndexedBase, a function, "
                                "an expression in the index, or a list of values")
    return FiniteSequence(value)


def _at(operand: Basic, k: Expr) -> Expr:
    """The operand's value at index ``k``."""
    if isinstance(operand, IndexedBase):
        return operand[k]
    if isinstance(operand, FiniteSequence):
        return operand[k]
    return operand(k)


def _items(sequence: FiniteSequence) -> list[tuple[int, Expr]]:
    return [(sequence.start + i, v) for i, v in enumerate(sequence.values) if v != 0]


def _finite_result(signal: Any, n: Expr) -> Expr:
    """A finite 1-D Signal at index ``n``: a value, or a Piecewise over the support."""
    if n.is_Integer:
        return signal[int(n)]
    pieces = [(v, Eq(n, k)) for k, v in zip(signal.indices, signal.values) if v != 0]
    return Piecewise(*pieces, (S.Zero, True))


def _closed_or_sum(operation: _SequenceOperation, x: Any, h: Any) -> Expr:
    """The verified closed form of ``sum_m x(m) h(n - m)``, else the defining Sum."""
    from symconv.closed_forms import convolution_closed_form
    n = operation.n
    symbol = n if isinstance(n, Symbol) else Dummy("n", integer=True)
    try:
        result = convolution_closed_form(x(symbol), h(symbol), symbol)
    except UnsupportedError:
        return operation._defining_sum()
    return result if symbol is n else result.subs(symbol, n)


# --------------------------------------------------------------------------- printing
def _display(operand: Basic, n: Expr) -> Basic:
    """What to print for an operand: a name, the expression in n, or the finite data."""
    if isinstance(operand, IndexedBase):
        return operand.label
    if isinstance(operand, Lambda):
        body = operand.expr
        if isinstance(body, AppliedUndef) and body.args == (operand.variables[0],):
            return Symbol(body.func.__name__)
        if body == KroneckerDelta(operand.variables[0], 0):
            return Symbol("delta")
        index = n if isinstance(n, Symbol) else Symbol("n", integer=True)
        return body.xreplace({operand.variables[0]: index})
    return operand


def _needs_parentheses(shown: Basic) -> bool:
    return not (shown.is_Atom or isinstance(shown, (FiniteSequence, AppliedUndef))
                or type(shown).__name__ == "UnitStep")


def _latex_operand(operand: Basic, n: Expr, printer: Any) -> str:
    shown = _display(operand, n)
    text = printer._print(shown)
    return rf"\left({text}\right)" if _needs_parentheses(shown) else text


def _pretty_operand(operand: Basic, n: Expr, printer: Any) -> Any:
    shown = _display(operand, n)
    form = printer._print(shown)
    if _needs_parentheses(shown):
        from sympy.printing.pretty.stringpict import prettyForm
        form = prettyForm(*form.parens())
    return form


def _str_operand(operand: Basic, n: Expr, printer: Any) -> str:
    if isinstance(operand, Lambda) and not isinstance(n, Symbol):
        return printer._print(operand)
    return printer._print(_display(operand, n))
