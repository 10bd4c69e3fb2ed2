"""Every convention and index formula of symconv, in one place.

Anything that asks "where does this window start?" or "which order is this correlation?"
asks this module: the engine, the worked solutions, the checker and the CNN layers alike.

Definitions:

- convolution ``(x * h)[n] = sum_m x[m] h[n - m]``: the full result starts at
  ``start_x + start_h`` and has ``L_x + L_h - 1`` samples per axis;
- correlation, canonical order ``(x ⋆ h)[l] = sum_m x[l + m] conj(h[m])``
  (``numpy.correlate(x, h)``), equal to ``x * flip(h)``;
- correlation, Wikipedia's order ``sum_m conj(x[m]) h[m + l]``: the flip of the canonical one.

Which summation indices ``m`` an output ``n`` sums over (both factors inside their supports) is
:func:`overlap`, and which samples of ``x`` and ``h`` the term ``m`` multiplies is
:func:`term_indices`; both per axis, for these three definitions (circular convolution wraps its
indices and is not one of them).

A mode keeps a window of the full result, given per axis as an :class:`AxisWindow` of
positions in the full result (``offset`` and ``length``). ``valid`` keeps the positions where the
shorter operand lies wholly inside the longer, as NumPy and SciPy do: the kernel inside the data,
or, with a kernel longer than the data on every axis, the data inside the kernel
(``numpy.correlate([1, 1], [1, 2, 3, 4, 5, 6], "valid")`` is ``[11, 9, 7, 5, 3]`` at lags
-4..0); a kernel longer on some axes and shorter on others has no valid output and is an error.

==========================  ===================  ===========================
mode                        offset               length
==========================  ===================  ===========================
full                        0                    L_x + L_h - 1
valid                       L_h - 1              L_x - L_h + 1
valid, L_h > L_x            L_x - 1              L_h - L_x + 1
same, scipy (default)       (L_h - 1) // 2       L_x
same, matlab                L_h // 2             L_x
same, numpy                 (min(L) - 1) // 2    max(L_x, L_h)
same, numpy, correlation,   L_x - 1 - that       max(L_x, L_h)
L_h > L_x (mirrored)
==========================  ===================  ===========================

Examples
--------
>>> window("same", 4, 3)
AxisWindow(offset=1, length=4)
>>> window("same", 4, 2, same_convention="matlab"), window("same", 4, 2)
(AxisWindow(offset=1, length=4), AxisWindow(offset=0, length=4))
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import Enum

from symconv.errors import InputError

__all__ = [
    "AxisWindow",
    "CorrelationOrder",
    "Mode",
    "SameConvention",
    "choice",
    "full_length",
    "full_starts",
    "overlap",
    "term_indices",
    "valid_inside",
    "window",
    "windows",
]


class Mode(str, Enum):
    """Which part of the full result is kept."""

    FULL = "full"
    SAME = "same"
    VALID = "valid"


class SameConvention(str, Enum):
    """Whose ``same`` window: SciPy's (size of x, centred), NumPy's (size max), MATLAB's."""

    SCIPY = "scipy"
    NUMPY = "numpy"
    MATLAB = "matlab"


class CorrelationOrder(str, Enum):
    """``canonical``: sum_m x[l+m] conj(h[m]); ``wikipedia``: sum_m conj(x[m]) h[m+l]."""

    CANONICAL = "canonical"
    WIKIPEDIA = "wikipedia"


@dataclass(frozen=True, slots=True)
class AxisWindow:
    """A window of the full result along one axis, as positions ``offset .. offset+length-1``."""

    offset: int
    length: int


def choice(value: object, options: type[Enum], name: str) -> Enum:
    """The enum member named by ``value``, or an InputError suggesting the closest name.

    Examples
    --------
    >>> choice("valid", Mode, "mode")
    <Mode.VALID: 'valid'>
    >>> choice("vaild", Mode, "mode")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: mode: 'vaild' is not one of: full, same, valid; did you mean 'valid'?
    """
    if isinstance(value, options):
        return value
    try:
        return options(value)
    except ValueError:
        pass
    names = [member.value for member in options]
    if not isinstance(value, str):
        raise InputError(name, f"{value!r} is not a string; give one of: {', '.join(names)}")
    if value.lower() in names:
        return options(value.lower())
    problem = f"{value!r} is not one of: {', '.join(names)}"
    close = difflib.get_close_matches(str(value).lower(), names, n=1, cutoff=0.5)
    if close:
        problem += f"; did you mean '{close[0]}'?"
    raise InputError(name, problem)


def full_length(length_x: int, length_h: int) -> int:
    """Samples of the full convolution along one axis: ``L_x + L_h - 1``."""
    return length_x + length_h - 1


def full_starts(starts_x: tuple[int, ...], starts_h: tuple[int, ...]) -> tuple[int, ...]:
    """First index of the full convolution per axis: the sum of the starts.

    Examples
    --------
    >>> full_starts((0, -1), (-1, -1))
    (-1, -2)
    """
    return tuple(a + b for a, b in zip(starts_x, starts_h))


def window(mode: str | Mode, length_x: int, length_h: int, *,
           same_convention: str | SameConvention = SameConvention.SCIPY,
           correlation: bool = False) -> AxisWindow:
    """The window a mode keeps from the full convolution along one axis.

    ``valid`` keeps the positions where the shorter operand lies wholly inside the longer
    (:func:`windows` checks that it is the same operand on every axis).
    ``correlation=True`` asks for the window of a correlation (the convolution with the
    flipped kernel): it differs only for NumPy's ``same`` with a kernel longer than the data,
    where ``numpy.correlate`` mirrors the window that ``numpy.convolve`` keeps.

    Examples
    --------
    >>> window("valid", 5, 3)
    AxisWindow(offset=2, length=3)
    >>> window("valid", 2, 6)
    AxisWindow(offset=1, length=5)
    """
    mode = choice(mode, Mode, "mode")
    convention = choice(same_convention, SameConvention, "same convention")
    if mode is Mode.FULL:
        return AxisWindow(0, full_length(length_x, length_h))
    if mode is Mode.VALID:
        return AxisWindow(min(length_x, length_h) - 1, abs(length_x - length_h) + 1)
    if convention is SameConvention.SCIPY:
        return AxisWindow((length_h - 1) // 2, length_x)
    if convention is SameConvention.MATLAB:
        return AxisWindow(length_h // 2, length_x)
    offset = (min(length_x, length_h) - 1) // 2
    if correlation and length_h > length_x:
        offset = length_x - 1 - offset
    return AxisWindow(offset, max(length_x, length_h))


def windows(mode: str | Mode, shape_x: tuple[int, ...], shape_h: tuple[int, ...], *,
            same_convention: str | SameConvention = SameConvention.SCIPY,
            correlation: bool = False) -> tuple[AxisWindow, ...]:
    """:func:`window` for every axis.

    Raises
    ------
    InputError
        Valid mode with a kernel longer than the data on some axes and shorter on others: neither
        operand lies wholly inside the other, so no output is valid.

    Examples
    --------
    >>> windows("valid", (5, 5), (3, 3))
    (AxisWindow(offset=2, length=3), AxisWindow(offset=2, length=3))
    >>> windows("valid", (2, 2), (3, 4))
    (AxisWindow(offset=1, length=2), AxisWindow(offset=1, length=3))
    >>> windows("valid", (5, 2), (3, 3))
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: valid mode, axis 1: kernel length 3 is longer than data length 2 but shorter on axis 0 (3 < 5), so neither operand fits inside the other; valid needs one at least as long as the other on every axis
    """
    mode = choice(mode, Mode, "mode")
    same_convention = choice(same_convention, SameConvention, "same convention")
    if mode is Mode.VALID:
        _check_valid(shape_x, shape_h)
    return tuple(window(mode, lx, lh, same_convention=same_convention, correlation=correlation)
                 for lx, lh in zip(shape_x, shape_h))


def valid_inside(shape_x: tuple[int, ...], shape_h: tuple[int, ...]) -> str:
    """Which operand lies wholly inside the other in valid mode: ``"kernel"``, or ``"data"`` when
    the kernel is longer than the data (on every axis where they differ).

    Raises
    ------
    InputError
        The kernel is longer on some axes and shorter on others (as :func:`windows`).

    Examples
    --------
    >>> valid_inside((5, 5), (3, 3)), valid_inside((2,), (6,)), valid_inside((3,), (3,))
    ('kernel', 'data', 'kernel')
    """
    _check_valid(shape_x, shape_h)
    return "data" if any(lh > lx for lx, lh in zip(shape_x, shape_h)) else "kernel"


def _check_valid(shape_x: tuple[int, ...], shape_h: tuple[int, ...]) -> None:
    """Refuse shapes where neither operand lies wholly inside the other."""
    longer = [axis for axis, (lx, lh) in enumerate(zip(shape_x, shape_h)) if lh > lx]
    shorter = [axis for axis, (lx, lh) in enumerate(zip(shape_x, shape_h)) if lh < lx]
    if longer and shorter:
        axis, other = longer[0], shorter[0]
        raise InputError(f"valid mode, axis {axis}",
                         f"kernel length {shape_h[axis]} is longer than data length {shape_x[axis]} "
                         f"but shorter on axis {other} ({shape_h[other]} < {shape_x[other]}), so neither "
                         "operand fits inside the other; valid needs one at least as long as the other "
                         "on every axis")


_OPERATIONS = ("convolve", "correlate")


def _definition(op: str, order: str | CorrelationOrder) -> str:
    """'convolve', 'canonical' or 'wikipedia': which defining sum ``op`` and ``order`` name."""
    if op not in _OPERATIONS:
        raise InputError("op", f"{op!r} is not one of: {', '.join(_OPERATIONS)}")
    if op == "convolve":
        return "convolve"
    return choice(order, CorrelationOrder, "order").value


def term_indices(op: str, n: int, m: int, *,
                 order: str | CorrelationOrder = CorrelationOrder.CANONICAL) -> tuple[int, int]:
    """The indices of ``x`` and ``h`` that the term ``m`` of output ``n`` multiplies, along one axis.

    ==========================  ==========================  ===========
    definition                  term m                      indices
    ==========================  ==========================  ===========
    convolution                 ``x[m] h[n - m]``           (m, n - m)
    correlation, canonical      ``x[n + m] conj(h[m])``     (n + m, m)
    correlation, wikipedia      ``conj(x[m]) h[m + n]``     (m, m + n)
    ==========================  ==========================  ===========

    Parameters
    ----------
    op : {'convolve', 'correlate'}
    n, m : int
        Output index and summation index.
    order : {'canonical', 'wikipedia'}, optional
        Correlation order; ignored for convolution.

    Returns
    -------
    (int, int)
        The index of ``x`` and the index of ``h``.

    Examples
    --------
    >>> term_indices("convolve", 3, 1)
    (1, 2)
    >>> term_indices("correlate", 3, 1), term_indices("correlate", 3, 1, order="wikipedia")
    ((4, 1), (1, 4))
    """
    definition = _definition(op, order)
    if definition == "convolve":
        return m, n - m
    if definition == "canonical":
        return n + m, m
    return m, m + n


def overlap(op: str, n: int, start_x: int | None, end_x: int | None, start_h: int | None,
            end_h: int | None, *, order: str | CorrelationOrder = CorrelationOrder.CANONICAL) -> range:
    """The summation indices ``m`` that contribute to output ``n``, along one axis.

    ``m`` contributes when both indices of its term (:func:`term_indices`) lie inside their
    operands' supports ``start_x .. end_x`` and ``start_h .. end_h`` (ends included):

    ==========================  =========================================================
    definition                  m runs over
    ==========================  =========================================================
    convolution                 ``max(start_x, n - end_h) .. min(end_x, n - start_h)``
    correlation, canonical      ``max(start_h, start_x - n) .. min(end_h, end_x - n)``
    correlation, wikipedia      ``max(start_x, start_h - n) .. min(end_x, end_h - n)``
    ==========================  =========================================================

    A bound given as None leaves that side of an operand's support open (a sliding table lists
    every position of the fixed operand, wherever the moving one lies); at least one bound of
    each side of the result must be given.

    Parameters
    ----------
    op : {'convolve', 'correlate'}
    n : int
        Output index.
    start_x, end_x, start_h, end_h : int or None
        First and last index of the data's and the kernel's supports.
    order : {'canonical', 'wikipedia'}, optional
        Correlation order; ignored for convolution.

    Returns
    -------
    range
        The contributing ``m`` in increasing order; empty when the supports do not overlap.

    Raises
    ------
    InputError
        ``op`` is not 'convolve' or 'correlate', or ``order`` is not a correlation order.

    Examples
    --------
    The reference example, ``a`` on 0..3 and ``b`` on 0..2: ``c[3] = a[1]b[2] + a[2]b[1] + a[3]b[0]``.

    >>> overlap("convolve", 3, 0, 3, 0, 2)
    range(1, 4)
    >>> [term_indices("correlate", 1, m) for m in overlap("correlate", 1, 0, 3, 0, 2)]
    [(1, 0), (2, 1), (3, 2)]
    >>> overlap("correlate", 1, 0, 3, 0, 2, order="wikipedia")
    range(0, 2)
    >>> overlap("convolve", 9, 0, 3, 0, 2)
    range(7, 4)
    >>> overlap("convolve", 5, 0, 3, None, None)
    range(0, 4)
    """
    definition = _definition(op, order)
    if definition == "convolve":
        lows = (start_x, None if end_h is None else n - end_h)
        highs = (end_x, None if start_h is None else n - start_h)
    elif definition == "canonical":
        lows = (start_h, None if start_x is None else start_x - n)
        highs = (end_h, None if end_x is None else end_x - n)
    else:
        lows = (start_x, None if start_h is None else start_h - n)
        highs = (end_x, None if end_h is None else end_h - n)
    return range(max(b for b in lows if b is not None), min(b for b in highs if b is not None) + 1)
