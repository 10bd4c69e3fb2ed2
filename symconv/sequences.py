"""The elementary sequences of DSP as SymPy objects: unit step, unit impulse, pulses, finite data.

SymPy's ``Heaviside(0)`` is 1/2, while DSP needs ``u[0] = 1``: :class:`UnitStep` is the
discrete step, equal to ``Heaviside(n, 1)`` (which symconv accepts as the same thing) and
printed ``u[n]``. :func:`delta` is SymPy's ``KroneckerDelta``, so sums over it evaluate.
:class:`FiniteSequence` wraps a finite 1-D :class:`~symconv.signal.Signal` as a SymPy
``Basic``, so that it can be an argument of :class:`~symconv.symbolic.Convolution`.

Examples
--------
>>> from sympy import Symbol, latex
>>> n = Symbol("n", integer=True)
>>> unit_step(0), unit_step(-1), latex(unit_step(n - 2))
(1, 0, 'u[n - 2]')
>>> [rect(k, 3) for k in range(-1, 5)]
[0, 1, 1, 1, 0, 0]
>>> delta(n - 1).subs(n, 1)
1
>>> x = FiniteSequence([1, "1/2", "1/4"], start=-1)
>>> x, x[0], x[5]
(FiniteSequence([1, 1/2, 1/4], start=-1), 1/2, 0)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sympy import (Add, Basic, Expr, Function, Heaviside, Integer, KroneckerDelta, Piecewise,
                   S, Tuple, sympify)
from sympy.core.symbol import Symbol

from symconv.errors import InputError

__all__ = ["FiniteSequence", "UnitStep", "delta", "rect", "unit_step"]


class CodePrintable:
    """Mixin: SymPy's code printers and ``lambdify`` print the object as :meth:`_code_form`.

    A SymPy printer first asks the object for a method named after the printer's ``printmethod``
    (``_pythoncode``, ``_numpycode``, ``_ccode``, ...); each of those names here prints the code
    form, an expression the printers know (SymPy's code printers likewise rewrite ``Heaviside``
    into ``Piecewise`` for languages that lack it).
    """

    __slots__ = ()

    def _code_form(self) -> Expr:  # pragma: no cover - overridden
        raise NotImplementedError

    def _print_code_form(self, printer: Any, **kwargs: Any) -> str:
        return printer._print(self._code_form(), **kwargs)

    # the printmethod names of SymPy's code printers (sympy.printing: c, cxx, fortran, glsl,
    # jscode, julia, lambdarepr, maple, mathematica, numpy, octave, pycode, pytorch, rcode, rust,
    # tensorflow)
    _ccode = _cxxcode = _fcode = _glsl = _javascript = _julia = _lambdacode = _numexprcode = \
        _maple = _mcode = _numpycode = _cupycode = _jaxcode = _octave = _pythoncode = _cmathcode = \
        _mpmathcode = _torchcode = _rcode = _rust_code = _tensorflowcode = _print_code_form


class UnitStep(CodePrintable, Function):
    """The discrete unit step: ``u[n] = 1`` for ``n >= 0`` (``u[0] = 1``), else 0.

    Equal to ``Heaviside(n, 1)`` on the integers; ``rewrite(Heaviside)`` and
    ``rewrite(Piecewise)`` give those forms. ``lambdify`` and SymPy's code printers (``pycode``,
    ``ccode``, ...) print its Piecewise form, which every one of them knows (as they print
    ``Heaviside`` in languages that lack it).

    Examples
    --------
    >>> from sympy import Heaviside, Piecewise, Symbol
    >>> n = Symbol("n", integer=True)
    >>> UnitStep(n).rewrite(Heaviside)
    Heaviside(n, 1)
    >>> UnitStep(n).rewrite(Piecewise)
    Piecewise((1, n >= 0), (0, True))
    >>> import numpy
    >>> from sympy import lambdify, pycode
    >>> pycode(UnitStep(n - 2))
    '((1) if (n >= 2) else (0))'
    >>> lambdify(n, UnitStep(n), "numpy")(numpy.arange(-2, 3))
    array([0., 0., 1., 1., 1.])
    """

    nargs = 1
    is_integer = True
    is_nonnegative = True

    @classmethod
    def eval(cls, arg: Expr) -> Expr | None:
        if arg.is_extended_nonnegative:
            return S.One
        if arg.is_extended_negative:
            return S.Zero
        return None

    def _eval_rewrite_as_Heaviside(self, arg: Expr, **hints: Any) -> Expr:
        return Heaviside(arg, 1)

    def _code_form(self) -> Expr:
        return self._eval_rewrite_as_Piecewise(self.args[0])

    def _eval_rewrite_as_Piecewise(self, arg: Expr, **hints: Any) -> Expr:
        return Piecewise((S.One, arg >= 0), (S.Zero, True))

    def _latex(self, printer: Any, exp: Any = None) -> str:
        text = f"u[{printer._print(self.args[0])}]"
        return f"{text}^{{{exp}}}" if exp else text

    def _pretty(self, printer: Any) -> Any:
        from sympy.printing.pretty.stringpict import prettyForm, stringPict
        inner = printer._print(self.args[0])
        return prettyForm(*stringPict.next(prettyForm("u["), inner, prettyForm("]")))


def unit_step(n: Any) -> Expr:
    """The discrete unit step ``u[n]`` with ``u[0] = 1``.

    Parameters
    ----------
    n : SymPy expression or int
        The index; ``Heaviside(n, 1)`` means the same sequence.

    Examples
    --------
    >>> from sympy import Symbol
    >>> n = Symbol("n", integer=True)
    >>> unit_step(n) - unit_step(n - 4)
    UnitStep(n) - UnitStep(n - 4)
    """
    return UnitStep(sympify(n, strict=True) if not isinstance(n, Basic) else n)


def delta(n: Any) -> Expr:
    """The unit impulse ``δ[n]`` (1 at ``n = 0``, else 0), as ``KroneckerDelta(n, 0)``.

    Examples
    --------
    >>> from sympy import Symbol
    >>> n = Symbol("n", integer=True)
    >>> delta(n - 2), delta(0), delta(3)
    (KroneckerDelta(0, n - 2), 1, 0)
    """
    return KroneckerDelta(sympify(n, strict=True) if not isinstance(n, Basic) else n, 0)


def rect(n: Any, N: Any) -> Expr:
    """The length-``N`` pulse ``u[n] - u[n - N]``: 1 for ``0 <= n < N``, else 0.

    Parameters
    ----------
    n : SymPy expression or int
    N : positive int, or a SymPy symbol declared ``integer=True, positive=True``

    Raises
    ------
    InputError
        ``N`` is not known to be a positive integer.

    Examples
    --------
    >>> from sympy import Symbol
    >>> n, N = Symbol("n", integer=True), Symbol("N", integer=True, positive=True)
    >>> rect(n, N)
    UnitStep(n) - UnitStep(-N + n)
    >>> rect(n, 0)
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: rect: N = 0 is not a positive integer; give N >= 1 or a Symbol declared integer=True, positive=True
    """
    N = N if isinstance(N, Basic) else sympify(N, strict=True)
    if not (N.is_integer and N.is_positive):
        raise InputError("rect", f"N = {N} is not a positive integer; give N >= 1 or a Symbol "
                                 "declared integer=True, positive=True")
    n = n if isinstance(n, Basic) else sympify(n, strict=True)
    return UnitStep(n) - UnitStep(n - N)


class FiniteSequence(Basic):
    """A finite 1-D sequence as a SymPy object: exact values and the index of the first one.

    ``args`` are a ``Tuple`` of values and an ``Integer`` start, so the object follows SymPy's
    rules (hashable, ``func(*args) == obj``). Indexing gives the value at an index (zero
    outside the support); :meth:`as_expr_in` writes it as a sum of shifted impulses.

    Parameters
    ----------
    values : sequence-like, Signal or Tuple
        Exact values (read by :func:`symconv.exact.to_exact`) or a 1-D Signal.
    start : int, optional
        Index of the first value (default 0, or the Signal's start).

    Examples
    --------
    >>> from sympy import Symbol
    >>> k = Symbol("k", integer=True)
    >>> x = FiniteSequence([1, 2, 3], start=-1)
    >>> x.as_expr_in(k)
    KroneckerDelta(-1, k) + 2*KroneckerDelta(0, k) + 3*KroneckerDelta(1, k)
    >>> x.to_signal()
    Signal([1, 2, 3], start=-1)
    """

    def __new__(cls, values: Any, start: Any = None) -> FiniteSequence:
        from symconv.exact import to_exact
        if isinstance(values, Tuple) and isinstance(start, Integer):
            return Basic.__new__(cls, values, start)
        signal = _as_signal_1d(values, start)
        items = Tuple(*(to_exact(v, where=f"sequence, item {i}")
                        for i, v in enumerate(signal.values)))
        return Basic.__new__(cls, items, Integer(signal.start))

    @property
    def values(self) -> tuple[Expr, ...]:
        """The values, first to last."""
        return tuple(self.args[0])

    @property
    def start(self) -> int:
        """Index of the first value."""
        return int(self.args[1])

    @property
    def end(self) -> int:
        """Index of the last value."""
        return self.start + len(self.args[0]) - 1

    def __len__(self) -> int:
        return len(self.args[0])

    def __iter__(self) -> Iterator[Expr]:
        """The values, first to last (finite: lambdify and ``list()`` walk the support only)."""
        return iter(self.args[0])

    def __getitem__(self, index: Any) -> Expr:
        index = sympify(index, strict=True)  # never parses text
        if index.is_Integer:
            k = int(index) - self.start
            return self.args[0][k] if 0 <= k < len(self.args[0]) else S.Zero
        return self.as_expr_in(index)

    def as_expr_in(self, k: Expr) -> Expr:
        """The sequence at index ``k``: ``sum_i v_i δ[k - (start + i)]``."""
        return Add(*(v * KroneckerDelta(self.start + i, k) for i, v in enumerate(self.args[0])))

    def to_signal(self) -> Any:
        """The same data as a :class:`~symconv.signal.Signal`."""
        from symconv.signal import Signal
        return Signal(list(self.args[0]), start=self.start)

    def _sympystr(self, printer: Any) -> str:
        items = ", ".join(printer._print(v) for v in self.args[0])
        return f"FiniteSequence([{items}], start={self.start})"

    def _latex(self, printer: Any) -> str:
        parts = []
        for i, v in enumerate(self.args[0]):
            text = printer._print(v)
            parts.append(r"\underset{\uparrow}{%s}" % text if self.start + i == 0 else text)
        body = r"\left\{" + ", ".join(parts) + r"\right\}"
        if not self.start <= 0 <= self.end:
            body += "_{%d}" % self.start
        return body


def _as_signal_1d(values: Any, start: Any) -> Any:
    from symconv.signal import Signal
    signal = values if isinstance(values, Signal) and start is None else Signal(
        values.values if isinstance(values, Signal) else values,
        start if start is not None else (values.start if isinstance(values, Signal) else 0))
    if signal.ndim != 1:
        raise InputError("sequence", f"a {signal.ndim}-D signal is not a sequence in n; "
                                     "use symconv.convolve for N-D signals")
    return signal


def _is_index_symbol(n: Any) -> bool:
    return isinstance(n, Symbol) and bool(n.is_integer)
