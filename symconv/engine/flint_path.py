"""Exact integer convolution by python-flint's ``fmpz_poly`` product, in any dimension.

A 1-D convolution is a polynomial product; FLINT multiplies integer polynomials of any
size and coefficient width in quasi-linear time, so this is the path for long signals and
for big integers (rationals arrive here as integer numerators over one denominator). N-D
operands are laid out on 1-D first by :func:`~symconv.engine.kronecker.flatten_operands`.
``flint`` is imported on first use only; :func:`flint_available` tells whether it can be.

Examples
--------
>>> import numpy as np
>>> convolve_flint(np.array([1, 2, 3]), np.array([0, 1, 0]))
array([0, 1, 2, 3, 0])
"""

from __future__ import annotations

import functools
import math

import numpy as np

from symconv.engine.kronecker import flatten_operands
from symconv.intarrays import INT64_MAX, fit_int64, magnitude_bound

__all__ = ["convolve_flint", "flint_available"]


@functools.cache
def flint_available() -> bool:
    """Whether python-flint can be imported (checked once per process).

    Examples
    --------
    >>> isinstance(flint_available(), bool)
    True
    """
    try:
        import flint  # noqa: F401
    except ImportError:
        return False
    return True


def convolve_flint(x: np.ndarray, h: np.ndarray, *, bound: int | None = None,
                   objects: bool = False) -> np.ndarray:
    """Exact full convolution of integer arrays through ``flint.fmpz_poly`` multiplication.

    Parameters
    ----------
    x, h : numpy.ndarray
        Integer arrays (``int64`` or ``object`` of Python ints), same number of axes.
    bound : int, optional
        :func:`~symconv.intarrays.magnitude_bound` if already known; it only decides
        the output dtype.
    objects : bool, optional
        Return an ``object`` array of Python ints even when ``int64`` would hold the result
        (saves a round trip when Python ints are wanted anyway).

    Returns
    -------
    numpy.ndarray
        The full convolution: ``int64`` when the bound fits a machine word, else an
        ``object`` array of Python ints.

    Raises
    ------
    ImportError
        python-flint is not installed (see :func:`flint_available`).

    Examples
    --------
    >>> import numpy as np
    >>> convolve_flint(np.array([[1, 1], [1, 1]]), np.array([[1, -1], [-1, 1]]))
    array([[ 1,  0, -1],
           [ 0,  0,  0],
           [-1,  0,  1]])
    >>> y = convolve_flint(np.array([3**50], dtype=object), np.array([1, 3**50], dtype=object))
    >>> y.dtype, list(y) == [3**50, 3**100]
    (dtype('O'), True)
    """
    import flint

    if objects:
        bound = INT64_MAX + 1
    elif bound is None:
        bound = magnitude_bound(x, h)
    x_flat, h_flat, shape = flatten_operands(x, h)
    product = flint.fmpz_poly(x_flat.tolist()) * flint.fmpz_poly(h_flat.tolist())
    values = [int(c) for c in product.coeffs()]
    values.extend([0] * (math.prod(shape) - len(values)))  # FLINT drops high zero terms
    return fit_int64(values, bound).reshape(shape)
