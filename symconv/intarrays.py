"""Integer sample arrays as the fast paths see them: dtype, magnitudes and exactness bounds.

Every fast convolution path (machine words, python-flint, Kronecker packing, Gaussian parts)
works on N-D NumPy arrays of integers: ``int64`` when every value fits a machine word, else
``object`` arrays of Python ints. This module owns the facts they share: turning an array
into one of those two forms, the largest magnitude, and the bound on every output sample
(and every partial sum of one) that decides whether a machine word can hold the result.

Examples
--------
>>> import numpy as np
>>> x = np.array([1, -2, 3]); h = np.array([4, 5])
>>> magnitude_bound(x, h)          # max|x| * sum|h| = 3 * 9 beats 3 * 5 * 2 terms
27
>>> full_shape(x.shape, h.shape)
(4,)
"""

from __future__ import annotations

import math

import numpy as np

__all__ = [
    "INT64_MAX",
    "add_exact",
    "as_int_array",
    "fit_int64",
    "full_shape",
    "magnitude_bound",
    "max_abs",
    "subtract_exact",
    "term_count",
]

INT64_MAX = 2**63 - 1
"""Largest magnitude an ``int64`` holds on both signs (``-INT64_MAX`` too)."""


def as_int_array(values: object) -> np.ndarray:
    """Return ``values`` as an integer array: ``int64`` if possible, else ``object`` of ints.

    Parameters
    ----------
    values : array-like
        Integers: a NumPy integer or bool array, or anything whose items are Python ints
        (or define ``__index__``, as NumPy and SymPy integers do).

    Returns
    -------
    numpy.ndarray
        ``int64`` when every value lies in ``[-INT64_MAX, INT64_MAX]``, else an ``object``
        array whose items are Python ints. ``-2**63`` is kept as an object so that its
        magnitude stays representable.

    Raises
    ------
    TypeError
        An item is not an integer (for instance a float or a Fraction).

    Examples
    --------
    >>> as_int_array([1, 2, 3]).dtype
    dtype('int64')
    >>> a = as_int_array([2**70, -1])
    >>> a.dtype, a[0]
    (dtype('O'), 1180591620717411303424)
    """
    # NumPy would guess float64 or uint64 for lists such as [0, 2**63]: read them as objects.
    array = values if isinstance(values, np.ndarray) else np.array(values, dtype=object)
    if array.dtype.kind == "b":
        return array.astype(np.int64)
    if array.dtype.kind in "iu":
        if array.dtype.kind == "u" and array.dtype.itemsize == 8 and array.size:
            if int(array.max()) > INT64_MAX:
                return _to_object_ints(array)
        if array.dtype == np.int64 and array.size and int(array.min()) == -(2**63):
            return _to_object_ints(array)
        return array.astype(np.int64, copy=False)
    if array.dtype.kind != "O":
        raise TypeError(f"expected integers, got an array of dtype {array.dtype}")
    ints = _to_object_ints(array)
    if ints.size == 0 or max_abs(ints) <= INT64_MAX:
        return ints.astype(np.int64)
    return ints


def _to_object_ints(array: np.ndarray) -> np.ndarray:
    """Copy ``array`` into an object array of Python ints (``operator.index`` of each item)."""
    out = np.empty(array.shape, dtype=object)
    flat = out.reshape(-1)
    for i, item in enumerate(array.flat):
        try:
            flat[i] = int(item.__index__())
        except AttributeError:
            raise TypeError(f"expected integers, got {item!r}") from None
    return out


def max_abs(array: np.ndarray) -> int:
    """Largest ``|value|`` in an integer array, as a Python int (0 for an empty array).

    Examples
    --------
    >>> import numpy as np
    >>> max_abs(np.array([3, -7, 5])), max_abs(np.array([-2**63, 1])) == 2**63
    (7, True)
    """
    if array.size == 0:
        return 0
    if array.dtype.kind == "i":
        # abs wraps only the most negative value onto itself; as unsigned it reads right.
        magnitudes = np.abs(array)
        return int(magnitudes.view(magnitudes.dtype.str.replace("i", "u")).max())
    if array.dtype.kind in "ub":
        return int(array.max())
    return max(abs(int(v)) for v in array.flat)


def _abs_sum(array: np.ndarray, largest: int) -> int:
    """``sum |value|`` as a Python int, without int64 overflow."""
    if array.dtype.kind in "iu" and largest * array.size <= INT64_MAX:
        return int(np.abs(array).sum())
    return sum(abs(int(v)) for v in array.flat)


def full_shape(x_shape: tuple[int, ...], h_shape: tuple[int, ...]) -> tuple[int, ...]:
    """Shape of the full linear convolution: ``len x + len h - 1`` on each axis.

    Examples
    --------
    >>> full_shape((5, 5), (3, 2))
    (7, 6)
    """
    if len(x_shape) != len(h_shape):
        raise ValueError(f"operands have {len(x_shape)} and {len(h_shape)} axes")
    if 0 in x_shape or 0 in h_shape:
        raise ValueError("an operand is empty")
    return tuple(a + b - 1 for a, b in zip(x_shape, h_shape))


def term_count(x_shape: tuple[int, ...], h_shape: tuple[int, ...]) -> int:
    """Most products that add up to one output sample: ``prod(min(len x, len h))`` per axis.

    Examples
    --------
    >>> term_count((100,), (3,)), term_count((5, 5), (3, 7))
    (3, 15)
    """
    return math.prod(min(a, b) for a, b in zip(x_shape, h_shape))


def magnitude_bound(x: np.ndarray, h: np.ndarray) -> int:
    """Bound on ``|partial sum|`` of every output sample of the convolution ``x * h``.

    Each output ``sum_m x[m] h[n - m]`` adds at most :func:`term_count` products, each at
    most ``max|x| * max|h|``; it is also at most ``sum|x| * max|h|`` and ``max|x| * sum|h|``.
    The smallest of the three bounds every subset of the products too, so every partial sum
    that any summation order forms: a machine path whose number format holds this bound
    exactly computes the convolution exactly.

    Parameters
    ----------
    x, h : numpy.ndarray
        Integer arrays (see :func:`as_int_array`) with the same number of axes.

    Returns
    -------
    int

    Examples
    --------
    >>> import numpy as np
    >>> magnitude_bound(np.array([2**26, 2**26]), np.array([2**26, 2**26])) == 2**53
    True
    >>> magnitude_bound(np.array([1, 0, 0, 0]), np.array([9, 9, 9]))   # sparse x: 1 * 9
    9
    """
    largest_x, largest_h = max_abs(x), max_abs(h)
    bound = largest_x * largest_h * term_count(x.shape, h.shape)
    if bound == 0:
        return 0
    if largest_x * largest_h > INT64_MAX:
        return bound  # no machine word holds it anyway; skip the O(n) sums of Python ints
    return min(
        bound,
        _abs_sum(x, largest_x) * largest_h,
        largest_x * _abs_sum(h, largest_h),
    )


def fit_int64(values: list[int] | np.ndarray, bound: int) -> np.ndarray:
    """Array of exact integers: ``int64`` when ``bound <= INT64_MAX`` else ``object``.

    ``bound`` is a known bound on ``|value|`` (for a convolution, :func:`magnitude_bound`).

    Examples
    --------
    >>> fit_int64([1, -2], 2).dtype, fit_int64([2**64], 2**64).dtype
    (dtype('int64'), dtype('O'))
    """
    if bound <= INT64_MAX:
        return np.asarray(values, dtype=np.int64)
    out = np.empty(len(values), dtype=object)
    out[:] = values if isinstance(values, list) else list(values)
    return out


def add_exact(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a + b`` of integer arrays without wrapping: ``int64`` if it surely fits, else objects.

    Examples
    --------
    >>> import numpy as np
    >>> add_exact(np.array([2**62]), np.array([2**62]))
    array([9223372036854775808], dtype=object)
    """
    if a.dtype == b.dtype == np.int64 and max_abs(a) + max_abs(b) <= INT64_MAX:
        return a + b
    return as_int_array(a.astype(object) + b.astype(object))


def subtract_exact(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a - b`` of integer arrays without wrapping (see :func:`add_exact`).

    Examples
    --------
    >>> import numpy as np
    >>> subtract_exact(np.array([5, 1]), np.array([2, 7]))
    array([ 3, -6])
    """
    if a.dtype == b.dtype == np.int64 and max_abs(a) + max_abs(b) <= INT64_MAX:
        return a - b
    return as_int_array(a.astype(object) - b.astype(object))
