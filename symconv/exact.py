"""The one door for numbers: every value entering symconv passes :func:`to_exact`.

=======================================  ==============================================
input                                    exact value
=======================================  ==============================================
``int``, NumPy integer, ``bool``         SymPy ``Integer``
``fractions.Fraction``                   ``Rational``
``float``, NumPy float                   the rational of its shortest repr: 0.1 -> 1/10
``complex``, NumPy complex               real and imaginary part by the float rule
``decimal.Decimal``                      its exact decimal value
``str``                                  :func:`symconv.text.read_value` (our grammar)
SymPy number, Symbol, expression         itself; a ``Float`` inside becomes the rational
                                         of its printed decimal
=======================================  ==============================================

nan, infinities, ``None`` and other objects are refused with an :class:`InputError`.
:func:`to_exact_samples` applies the same rule to a whole (nested) array and keeps rational
data as integers over one denominator, so that large inputs never build SymPy objects.

Examples
--------
>>> to_exact(0.1) == to_exact("0.1") == Rational(1, 10)
True
>>> to_exact(1.5 + 0.25j)
3/2 + I/4
"""

from __future__ import annotations

import math
import sys
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
from sympy import Basic, DiracDelta, Float, I, Integer, MatrixBase, NDimArray, Rational, nan, oo, zoo
from sympy.core.expr import Expr

from symconv.budget import check_budget
from symconv.errors import InputError
from symconv.samples import ExprSamples, RationalSamples, Samples
from symconv.text import read_plain_number, read_value

__all__ = ["DIRAC_DELTA", "to_exact", "to_exact_samples"]

MAX_SAMPLES = 10_000_000
#: why SymPy's DiracDelta is refused, and what to write instead
DIRAC_DELTA = ("DiracDelta is the continuous-time impulse; for the unit impulse δ[n] use "
               "KroneckerDelta(n, 0) or symconv.delta(n)")

if 0 < sys.get_int_max_str_digits() < 10**9:
    # exact results may be longer than Python's default 4300 digits (a convolution of 3000-digit
    # values, 10^5000): symconv prints them; the size of its input is bounded by its own limits
    sys.set_int_max_str_digits(0)


def to_exact(value: Any, where: str = "value") -> Expr:
    """Convert one value to an exact SymPy value (see the module docstring for the rules).

    Parameters
    ----------
    value : int, Fraction, float, complex, Decimal, str, NumPy scalar or SymPy expression
    where : str
        Where the value came from, used in error messages.

    Raises
    ------
    InputError
        The value is not a number, is nan or infinite, is text outside the grammar, or is an
        expression over a limit of :mod:`symconv.budget` (``(a+b)**10000``).

    Examples
    --------
    >>> to_exact("13/8"), to_exact(Fraction(3, 4)), to_exact(2)
    (13/8, 3/4, 2)
    >>> to_exact(float("nan"), where="data, item 2")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: data, item 2: nan is not a finite number
    """
    pair = _rational_pair(value, where)
    if pair is not None:
        return Rational(*pair)
    if isinstance(value, str):
        return check_budget(read_value(value, where), where)
    if isinstance(value, (complex, np.complexfloating)):
        return _real_part(value.real, where) + I * _real_part(value.imag, where)
    if isinstance(value, Basic):
        return check_budget(_sympy_value(value, where), where)
    raise InputError(where, f"{_describe(value)} is not a number")


def to_exact_samples(values: Any, where: str = "data") -> Samples:
    """Convert an array-like of values to exact samples.

    Rational and Gaussian-rational data become :class:`RationalSamples` (integer numerators
    over one denominator) without building SymPy objects; anything symbolic becomes
    :class:`ExprSamples`.

    Parameters
    ----------
    values : nested lists or tuples, NumPy array, SymPy Matrix or Array
    where : str
        Name of the input, for error messages (``"data"``, ``"kernel"``).

    Examples
    --------
    >>> to_exact_samples([1, "1/2", 0.25])
    RationalSamples(shape=(3,), denominator=4)
    >>> to_exact_samples([[1, 2], [3]], where="kernel")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: kernel, row 2: has 1 value where row 1 has 2; rows must be equally long
    """
    if isinstance(values, np.ndarray) and values.dtype.kind in "biu" and values.ndim > 0:
        _check_count(values.size, where)
        return RationalSamples.from_integers(values)
    if isinstance(values, np.ndarray) and values.dtype.kind in "fc" and values.ndim > 0:
        _check_count(values.size, where)
        bulk = _bulk_integral_floats(values, values.shape, values.dtype.kind == "c")
        if bulk is not None:
            return bulk
    items, shape = _flatten(values, where)
    _check_count(len(items), where)
    bulk = _bulk_rational(items, shape)
    if bulk is not None:
        return bulk
    return _item_by_item(items, shape, where)


def _check_count(count: int, where: str) -> None:
    if count == 0:
        raise InputError(where, "empty sequence; give at least one value")
    if count > MAX_SAMPLES:
        raise InputError(where, f"has {count} values; at most {MAX_SAMPLES} are accepted")


def _bulk_rational(items: list, shape: tuple[int, ...]) -> RationalSamples | None:
    """Samples of plain ``int`` and ``Fraction`` items in one pass, or None for other items.

    The common bulk case (issue 8): same result as the item-by-item path, without building
    a Fraction per item; anything else (floats, strings, SymPy, subclasses) returns None.
    """
    kinds = set(map(type, items))
    if kinds <= {int, float, complex} and kinds & {float, complex}:
        return _bulk_integral_floats(items, shape, complex in kinds)
    if not kinds <= {int, Fraction}:
        return None
    numerators = np.empty(len(items), dtype=object)
    if kinds == {int}:
        numerators[:] = items
        return RationalSamples(numerators.reshape(shape), None, 1)
    denominator = math.lcm(*{item.denominator for item in items})
    scale = {d: denominator // d for d in {item.denominator for item in items}}
    numerators[:] = [item.numerator * scale[item.denominator] for item in items]
    return RationalSamples(numerators.reshape(shape), None, denominator)


def _item_by_item(items: list, shape: tuple[int, ...], where: str) -> Samples:
    """Samples of any items, read in order so that the first bad item is the one reported.

    Plain-number strings (``"-3"``, ``"0.25"``, ``"1e-3"``, ``"2/4"``, ``"1+2i"``) are read by
    :func:`symconv.text.read_plain_number` into integers, without a SymPy or Fraction object
    each (issue 8: text operands of 10^4..10^5 values); everything else goes through
    :func:`to_exact`. Gaussian-rational data become :class:`RationalSamples` over the least
    common denominator, as :meth:`RationalSamples.from_fractions` makes them.
    """
    numbers = []  # (real, imag, denominator) per item
    for index, item in enumerate(items):
        number = read_plain_number(item) if isinstance(item, str) else None
        if number is None:
            pair = _gaussian_pair(item, _item_where(where, index, shape))
            if pair is None:
                return _expr_samples(items, shape, where)
            real, imag = pair
            denominator = math.lcm(real.denominator, imag.denominator)
            number = (real.numerator * (denominator // real.denominator),
                      imag.numerator * (denominator // imag.denominator), denominator)
        numbers.append(number)
    denominators = {q for _, _, q in numbers}
    denominator = math.lcm(*denominators)
    scale = {q: denominator // q for q in denominators}
    real_part = np.empty(len(items), dtype=object)
    real_part[:] = [p * scale[q] for p, _, q in numbers]
    if not any(v for _, v, _ in numbers):
        return RationalSamples(real_part.reshape(shape), None, denominator)
    imag_part = np.empty(len(items), dtype=object)
    imag_part[:] = [v * scale[q] for _, v, q in numbers]
    return RationalSamples(real_part.reshape(shape), imag_part.reshape(shape), denominator)


def _expr_samples(items: list, shape: tuple[int, ...], where: str) -> ExprSamples:
    """Samples of items of which some are symbolic: a SymPy value each, in order."""
    values = []
    for index, item in enumerate(items):
        number = read_plain_number(item) if isinstance(item, str) else None
        if number is None:
            values.append(to_exact(item, _item_where(where, index, shape)))
        else:
            real, imag, denominator = number
            values.append(Rational(real, denominator) + I * Rational(imag, denominator) if imag
                          else Integer(real) if denominator == 1 else Rational(real, denominator))
    objects = np.empty(len(items), dtype=object)
    objects[:] = values
    return ExprSamples(objects.reshape(shape))


def _bulk_integral_floats(items: list | np.ndarray, shape: tuple[int, ...], is_complex: bool,
                          ) -> RationalSamples | None:
    """Samples of floats and complex numbers whose parts are all integers below 2**53, else None.

    Such a float's shortest repr is the integer itself, so this agrees with the float rule; any
    other value (a fraction, nan, a larger number) returns None for the item-by-item path.
    """
    array = np.array(items, dtype=complex).reshape(shape)
    parts = (array.real, array.imag) if is_complex else (array.real,)
    if not all(np.isfinite(p).all() and (p == np.trunc(p)).all() and (np.abs(p) < 2.0**53).all() for p in parts):
        return None
    words = tuple(p.astype(np.int64) for p in parts)
    return RationalSamples.from_words(words[0], words[1] if is_complex else None, 1)


def _item_where(where: str, index: int, shape: tuple[int, ...]) -> str:
    if len(shape) == 1:
        return f"{where}, item {index + 1}"
    position = np.unravel_index(index, shape)
    if len(shape) == 2:
        return f"{where}, row {position[0] + 1}, column {position[1] + 1}"
    return f"{where}, item {tuple(int(p) for p in position)}"


def _flatten(values: Any, where: str) -> tuple[list, tuple[int, ...]]:
    if isinstance(values, np.ndarray):
        if values.ndim == 0:
            raise InputError(where, "a single number is not a sequence; give a list of values")
        return list(values.ravel()), values.shape
    if isinstance(values, (MatrixBase, NDimArray)):
        return _flatten(values.tolist(), where)
    if not isinstance(values, (list, tuple)):
        raise InputError(where, f"{_describe(values)} is not a sequence of values")
    if not values:
        raise InputError(where, "empty sequence; give at least one value")
    if all(not isinstance(item, (list, tuple, np.ndarray)) for item in values):
        return list(values), (len(values),)
    rows = [_flatten(row, f"{where}, row {i + 1}") for i, row in enumerate(values)]
    first_shape = rows[0][1]
    for i, (_, row_shape) in enumerate(rows):
        if row_shape != first_shape:
            raise InputError(f"{where}, row {i + 1}",
                             f"has {_count(row_shape[0], 'value')} where row 1 has {first_shape[0]}; "
                             "rows must be equally long")
    return [item for row, _ in rows for item in row], (len(rows), *first_shape)


def _rational_pair(value: Any, where: str) -> tuple[int, int] | None:
    """(numerator, denominator) of a real rational value, or None if it is not one."""
    if isinstance(value, (bool, np.bool_)):
        return int(value), 1
    if isinstance(value, (int, np.integer)):
        return int(value), 1
    if isinstance(value, Fraction):
        return value.numerator, value.denominator
    if isinstance(value, (float, np.floating)):
        fraction = _float_fraction(value, where)
        return fraction.numerator, fraction.denominator
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InputError(where, f"{value} is not a finite number")
        return _decimal_text_pair(str(value), where)
    if isinstance(value, Rational):
        return int(value.p), int(value.q)
    return None


def _decimal_text_pair(text: str, where: str) -> tuple[int, int]:
    """(numerator, denominator) of a decimal written as text (a ``Decimal``'s or a SymPy ``Float``'s
    str, e.g. ``'1E+999999999'``), read by the grammar's rules: its digit and exponent limits are
    checked before ``10**exponent`` is built."""
    number = read_plain_number(text)
    if number is None:
        exact = read_value(text, where)  # refuses past the limits, with the grammar's message
        return int(exact.p), int(exact.q)
    return number[0], number[2]


def _gaussian_pair(value: Any, where: str) -> tuple[Fraction, Fraction] | None:
    """(real, imaginary) fractions of a Gaussian-rational value, or None if it is symbolic."""
    pair = _rational_pair(value, where)
    if pair is not None:
        return Fraction(*pair), Fraction(0)
    if isinstance(value, (complex, np.complexfloating)):
        return _float_fraction(value.real, where), _float_fraction(value.imag, where)
    exact = to_exact(value, where)
    real, imag = exact.as_real_imag() if exact.is_number else (None, None)
    if real is not None and real.is_Rational and imag.is_Rational:
        return Fraction(int(real.p), int(real.q)), Fraction(int(imag.p), int(imag.q))
    return None


def _float_fraction(value: float, where: str) -> Fraction:
    if not math.isfinite(value):
        raise InputError(where, f"{value} is not a finite number")
    # NumPy's str is the shortest repr in the value's own precision: float32(0.1) -> '0.1'
    return Fraction(str(value) if isinstance(value, np.floating) else repr(float(value)))


def _real_part(value: float, where: str) -> Rational:
    fraction = _float_fraction(value, where)
    return Rational(fraction.numerator, fraction.denominator)


def _sympy_value(value: Basic, where: str) -> Expr:
    if not isinstance(value, Expr) or isinstance(value, (MatrixBase, NDimArray)):
        raise InputError(where, f"{_describe(value)} is not a number or expression")
    if value.has(Float):
        value = value.xreplace({f: _float_value(f, where) for f in value.atoms(Float)})
    if value.has(nan, oo, -oo, zoo) or value.is_number and value.is_infinite:
        raise InputError(where, f"{value} is not a finite number")
    if value.has(DiracDelta):
        raise InputError(where, DIRAC_DELTA)
    return value


def _float_value(value: Float, where: str) -> Expr:
    """A SymPy Float as the rational of its printed decimal, within the grammar's limits."""
    if not value.is_finite:
        raise InputError(where, f"{value} is not a finite number")
    return Rational(*_decimal_text_pair(str(value), where))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."

