"""Exact values and whole signals as plain text, LaTeX and JSON-ready strings.

The formatting every renderer shares: ``13/8`` in text, ``\\tfrac{13}{8}`` in LaTeX (braced,
so that symconv's own checker reads it back), Gaussian rationals as ``a + bi``, symbols as
SymPy's ``latex()`` writes them.

Examples
--------
>>> from sympy import Rational, I, Symbol
>>> latex_value(Rational(-1, 2)), latex_value(Rational(1, 2) + I / 3), latex_value(Symbol("alpha"))
('-\\\\tfrac{1}{2}', '\\\\tfrac{1}{2} + \\\\tfrac{1}{3}i', '\\\\alpha')
>>> text_signal(Signal([1, "1/2"], start=-1))
'n = -1..0: 1, 1/2'
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from sympy import Expr, I, Rational, latex

from symconv.samples import RationalSamples
from symconv.signal import Signal

__all__ = ["latex_factor", "latex_signal", "latex_value", "signal_json", "text_factor", "text_listing", "text_signal",
           "text_table", "text_value", "text_values"]


def text_value(value: Expr) -> str:
    """A value as plain text: ``13/8``, ``1 + 2*I``, ``2*a``."""
    return str(value)


def latex_value(value: Expr) -> str:
    """A value as LaTeX: integers plain, fractions ``\\tfrac{p}{q}``, Gaussian rationals ``a + bi``."""
    if value.is_Rational:
        return _latex_rational(value)
    real, imag = value.as_real_imag() if value.is_number else (None, None)
    if real is not None and real.is_Rational and imag.is_Rational:
        imag_text = "i" if abs(imag) == 1 else _latex_rational(abs(imag)) + "i"
        if real == 0:
            return ("-" if imag < 0 else "") + imag_text
        return f"{_latex_rational(real)} {'-' if imag < 0 else '+'} {imag_text}"
    return latex(value)


def _needs_parentheses(value: Expr) -> bool:
    """A factor of a product needs parentheses: negative, a sum, or complex with two parts."""
    if value.is_Rational:
        return bool(value < 0)
    if value.is_Add:
        return True
    if value.is_number:
        real, imag = value.as_real_imag()
        if real != 0 and imag != 0:
            return True
    return bool(value.could_extract_minus_sign())


def text_factor(value: Expr) -> str:
    """A value as a factor in a product of plain text: ``(-1/2)``, ``(1 + 2*I)``, ``3/4``.

    Examples
    --------
    >>> text_factor(Rational(-1, 2)), text_factor(1 + 2 * I), text_factor(Rational(3, 4))
    ('(-1/2)', '(1 + 2*I)', '3/4')
    """
    text = text_value(value)
    return f"({text})" if _needs_parentheses(value) else text


def latex_factor(value: Expr) -> str:
    """A value as a factor in a LaTeX product, parenthesised when negative, a sum, or complex.

    Examples
    --------
    >>> latex_factor(Rational(-1, 2)), latex_factor(1 + 2 * I), latex_factor(Rational(3, 4))
    ('\\\\left(-\\\\tfrac{1}{2}\\\\right)', '\\\\left(1 + 2i\\\\right)', '\\\\tfrac{3}{4}')
    """
    text = latex_value(value)
    return f"\\left({text}\\right)" if _needs_parentheses(value) else text


def _latex_rational(value: Rational) -> str:
    if value.q == 1:
        return str(value.p)
    sign = "-" if value < 0 else ""
    return f"{sign}\\tfrac{{{abs(value.p)}}}{{{value.q}}}"


def _axis_name(ndim: int, axis: int, index_name: str) -> str:
    return index_name if ndim == 1 else "ijklmn"[axis]


def text_values(signal: Signal) -> list:
    """The values as nested lists of :func:`text_value` strings.

    Real rational samples are written straight from their integer numerators (``p/q`` in
    lowest terms, as SymPy prints them) without building a SymPy number per value, so that
    10^5 results print in a fraction of a second.

    Examples
    --------
    >>> text_values(Signal([[1, "-2/4"], ["0.25", "a"]]))
    [['1', '-1/2'], ['1/4', 'a']]
    """
    samples = signal.samples
    if isinstance(samples, RationalSamples) and samples.imag is None:
        q = samples.denominator
        strings = np.empty(samples.shape, dtype=object)
        flat = strings.reshape(-1)
        for position, p in enumerate(samples.real.reshape(-1).tolist()):
            g = math.gcd(p, q)
            flat[position] = str(p // g) if g == q else f"{p // g}/{q // g}"
        return strings.tolist()
    return _nested_text(signal.values)


def text_signal(signal: Signal, *, index_name: str = "n") -> str:
    """One line: the index range and the values, e.g. ``n = 0..5: 1, 1, 3/2, 13/8, 3/4, 1/4``.

    In 2-D the line names the row and column ranges and the rows are separated by ``;``.
    """
    return _signal_line(signal, text_values(signal), index_name)


def text_table(signal: Signal, *, name: str = "y") -> str:
    """Every value with its index: ``y[3] = 13/8`` lines in 1-D, a labelled grid in 2-D."""
    return _table(signal, text_values(signal), name)


def text_listing(signal: Signal, *, name: str = "y", index_name: str = "n") -> str:
    """:func:`text_signal` over :func:`text_table` (the command line's text output), each value
    written once.

    Examples
    --------
    >>> print(text_listing(Signal([1, "1/2"], start=-1)))
    n = -1..0: 1, 1/2
    y[-1] = 1
    y[0] = 1/2
    """
    strings = text_values(signal)
    return _signal_line(signal, strings, index_name) + "\n" + _table(signal, strings, name)


def _signal_line(signal: Signal, strings: list, index_name: str) -> str:
    ranges = ", ".join(f"{_axis_name(signal.ndim, a, index_name)} = {r.start}..{r.stop - 1}"
                       for a, r in enumerate(_ranges(signal)))
    if signal.ndim == 1:
        return f"{ranges}: " + ", ".join(strings)
    return f"{ranges}: " + "; ".join(" ".join(map(_bracketed, row)) for row in strings)


def _bracketed(value: str | list) -> str:
    """A value's text, or a nested list of them as ``[1, 2]`` (3-D signals and more)."""
    return value if isinstance(value, str) else "[" + ", ".join(map(_bracketed, value)) + "]"


def _table(signal: Signal, strings: list, name: str) -> str:
    if signal.ndim == 1:
        return "\n".join(f"{name}[{n}] = {v}" for n, v in zip(signal.indices, strings))
    if signal.ndim != 2:
        flat = np.array(strings, dtype=object).reshape(-1)
        return "\n".join(f"{name}{list(index)} = {text}"
                         for index, text in zip(itertools.product(*_ranges(signal)), flat))
    rows, columns = signal.indices
    cells = strings
    width = max(len(c) for c in [*(str(j) for j in columns), *(c for row in cells for c in row)])
    label = max(len(f"i={i}") for i in rows)
    corner = "i\\j"
    header = f"{corner:>{label}} | " + " ".join(f"{j:>{width}}" for j in columns)
    lines = [header, "-" * len(header)]
    lines += [f"{'i=' + str(i):>{label}} | " + " ".join(f"{c:>{width}}" for c in row)
              for i, row in zip(rows, cells)]
    return "\n".join(lines)


def latex_signal(signal: Signal, *, name: str = "y", index_name: str = "n") -> str:
    """The signal as a LaTeX equation with its support stated, e.g.
    ``y[n] = \\{1, \\tfrac{1}{2}\\},\\quad n = -1, \\dots, 0`` (2-D: a ``bmatrix``)."""
    if signal.ndim == 1:
        values = ", ".join(latex_value(v) for v in signal.values)
        return (f"{name}[{index_name}] = \\left\\{{ {values} \\right\\}},\\quad "
                f"{index_name} = {signal.start}, \\dots, {signal.end}")
    if signal.ndim != 2:
        raise ValueError("LaTeX of a signal is written for 1-D and 2-D signals")
    body = " \\\\ ".join(" & ".join(latex_value(v) for v in row) for row in signal.values)
    (i0, j0), (i1, j1) = signal.start, signal.end
    return (f"{name}[i, j] = \\begin{{bmatrix}} {body} \\end{{bmatrix}},\\quad "
            f"i = {i0}, \\dots, {i1},\\ j = {j0}, \\dots, {j1}")


def signal_json(signal: Signal) -> dict:
    """A JSON-ready description: start, shape, index range and exact values as strings."""
    return {
        "start": signal.start,
        "shape": list(signal.shape),
        "end": signal.end,
        "values": text_values(signal),
        "method": signal.method,
    }


def _nested_text(values: list) -> list:
    return [_nested_text(v) if isinstance(v, list) else text_value(v) for v in values]


def _ranges(signal: Signal) -> tuple[range, ...]:
    return (signal.indices,) if signal.ndim == 1 else signal.indices

