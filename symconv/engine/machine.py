"""Machine-word direct convolution of integer arrays, exact only inside a checked bound.

A float64 holds every integer up to ``2**53`` exactly and an int64 every integer up to
``2**63 - 1``; a direct (not FFT) convolution only ever forms products and partial sums of
products, so it is exact whenever :func:`~symconv.intarrays.magnitude_bound` fits the
format. These paths check that bound first and return ``None`` when it does not hold, so
the caller falls back to an exact big-integer path. NumPy's int64 wraps silently and FFT
methods round silently: neither is used without this check.

1-D uses ``numpy.convolve``; N-D adds one scaled, shifted copy of the larger operand per
nonzero sample of the smaller one (as fast as ``scipy.signal.convolve2d`` for small
kernels, and no SciPy needed).

Examples
--------
>>> import numpy as np
>>> convolve_machine(np.array([1, 2, 3]), np.array([1, -1]))
array([ 1,  1,  1, -3])
>>> convolve_float64(np.array([2**27]), np.array([2**27])) is None   # 2**54 > 2**53
True
>>> convolve_int64(np.array([2**27]), np.array([2**27]))
array([18014398509481984])
"""

from __future__ import annotations

import numpy as np

from symconv.intarrays import INT64_MAX, full_shape, magnitude_bound

__all__ = [
    "FLOAT64_EXACT_MAX",
    "convolve_float64",
    "convolve_int64",
    "convolve_machine",
]

FLOAT64_EXACT_MAX = 2**53
"""Largest magnitude below which every integer is a float64 (``2**53`` itself is one)."""


def convolve_float64(x: np.ndarray, h: np.ndarray, *, bound: int | None = None) -> np.ndarray | None:
    """Full convolution in float64 arithmetic, exact because ``bound <= 2**53`` is checked.

    Parameters
    ----------
    x, h : numpy.ndarray
        Integer arrays (``int64`` or ``object`` of ints) with the same number of axes.
    bound : int, optional
        A bound on every partial sum of every output sample, if the caller has one
        (default: :func:`~symconv.intarrays.magnitude_bound`); 0 means an operand is zero.

    Returns
    -------
    numpy.ndarray or None
        The full convolution as ``int64``, or ``None`` when the bound exceeds ``2**53``.

    Examples
    --------
    >>> import numpy as np
    >>> convolve_float64(np.array([[1, 2], [3, 4]]), np.array([[0, 1], [1, 0]]))
    array([[0, 1, 2],
           [1, 5, 4],
           [3, 4, 0]])
    """
    if bound is None:
        bound = magnitude_bound(x, h)
    if bound > FLOAT64_EXACT_MAX:
        return None
    return _direct(x, h, np.float64, bound).astype(np.int64)


def convolve_int64(x: np.ndarray, h: np.ndarray, *, bound: int | None = None) -> np.ndarray | None:
    """Full convolution in int64 arithmetic, exact because ``bound <= 2**63 - 1`` is checked.

    Parameters and return value as :func:`convolve_float64`, with the int64 limit.

    Examples
    --------
    >>> import numpy as np
    >>> convolve_int64(np.array([2**62, 1]), np.array([1, 1]))
    array([4611686018427387904, 4611686018427387905,                   1])
    >>> convolve_int64(np.array([2**62, 2**62]), np.array([1, 1])) is None
    True
    """
    if bound is None:
        bound = magnitude_bound(x, h)
    if bound > INT64_MAX:
        return None
    return _direct(x, h, np.int64, bound)


def convolve_machine(x: np.ndarray, h: np.ndarray, *, bound: int | None = None) -> np.ndarray | None:
    """Full convolution on the fastest machine format whose bound holds, else ``None``.

    float64 (faster in 1-D) when the bound is at most ``2**53``, int64 when it is at most
    ``2**63 - 1``.

    Examples
    --------
    >>> import numpy as np
    >>> convolve_machine(np.array([3**38]), np.array([3]))    # needs int64: 3**39 > 2**53
    array([4052555153018976267])
    >>> convolve_machine(np.array([2**40]), np.array([2**40])) is None
    True
    """
    if bound is None:
        bound = magnitude_bound(x, h)
    if bound <= FLOAT64_EXACT_MAX:
        return convolve_float64(x, h, bound=bound)
    return convolve_int64(x, h, bound=bound)


def _direct(x: np.ndarray, h: np.ndarray, dtype: type, bound: int) -> np.ndarray:
    """Direct full convolution in ``dtype``; exact only under the caller's bound check."""
    if bound == 0:  # an operand is all zeros; the other may not even fit the dtype
        return np.zeros(full_shape(x.shape, h.shape), dtype=dtype)
    a = x.astype(dtype)
    b = h.astype(dtype)
    if a.ndim == 1:
        return np.convolve(a, b)
    shape = full_shape(x.shape, h.shape)
    if b.size > a.size:
        a, b = b, a
    out = np.zeros(shape, dtype=dtype)
    scratch = np.empty_like(a)
    for index in zip(*np.nonzero(b)):
        window = out[tuple(slice(i, i + n) for i, n in zip(index, a.shape))]
        np.multiply(a, b[index], out=scratch)
        window += scratch
    return out
