"""Gaussian-integer convolution from real and imaginary integer parts.

``(a + bi) * (c + di) = (a*c - b*d) + (a*d + b*c) i`` holds for convolutions as for numbers,
so a complex convolution is a few real ones, done by any exact integer path (machine
words, python-flint, Kronecker packing). Karatsuba's grouping needs three real products:
``k1 = (a + b) * c``, ``k2 = a * (d - c)``, ``k3 = b * (c + d)`` give ``real = k1 - k3`` and
``imag = k1 + k2``; the plain four-product form keeps the operands smaller, which can keep
a machine path within its bound. Gaussian rationals arrive as integer parts over one
common denominator, so they use this module too.

Examples
--------
>>> import numpy as np
>>> from symconv.engine.kronecker import convolve_kronecker
>>> re, im = convolve_gaussian(np.array([1, 2]), np.array([0, 1]),    # x = [1, 2 + i]
...                            np.array([3]), np.array([-1]),         # h = [3 - i]
...                            convolve_kronecker)
>>> re, im                                                            # [3 - i, 7 + i]
(array([3, 7]), array([-1,  1]))
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from symconv.intarrays import add_exact, subtract_exact

__all__ = ["IntegerConvolve", "convolve_gaussian"]

IntegerConvolve = Callable[[np.ndarray, np.ndarray], "np.ndarray | None"]
"""An exact full convolution of integer arrays; ``None`` when it cannot promise exactness."""


def convolve_gaussian(
    x_re: np.ndarray,
    x_im: np.ndarray | None,
    h_re: np.ndarray,
    h_im: np.ndarray | None,
    convolve: IntegerConvolve,
    *,
    products: int = 3,
) -> tuple[np.ndarray, np.ndarray | None] | None:
    """Full convolution of complex integer arrays given as real and imaginary parts.

    Parameters
    ----------
    x_re, x_im, h_re, h_im : numpy.ndarray or None
        Integer arrays of one shape per operand; an imaginary part of ``None`` means zero
        (then fewer real products are needed).
    convolve : callable
        Exact integer convolution ``convolve(x, h)``, returning ``None`` when it cannot
        promise exactness (as the machine-word paths do).
    products : {3, 4}, optional
        Real products when both operands are complex: Karatsuba's 3 (default) or the
        plain 4, whose operands are smaller.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray or None) or None
        Real and imaginary parts of the full convolution (the imaginary part ``None`` when
        both operands are real), or ``None`` if ``convolve`` declined any of its products.

    Examples
    --------
    >>> import numpy as np
    >>> from symconv.engine.machine import convolve_machine
    >>> one_plus_i = (np.array([1]), np.array([1]))
    >>> convolve_gaussian(*one_plus_i, *one_plus_i, convolve_machine, products=4)   # (1+i)**2
    (array([0]), array([2]))
    """
    if products not in (3, 4):
        raise ValueError(f"products must be 3 or 4, not {products!r}")
    if x_im is None and h_im is None:
        real = convolve(x_re, h_re)
        return None if real is None else (real, None)
    if x_im is None or h_im is None:
        imag_source = (x_re, h_im) if x_im is None else (x_im, h_re)
        parts = (convolve(x_re, h_re), convolve(*imag_source))
        return None if parts[0] is None or parts[1] is None else parts
    if products == 4:
        ac, bd, ad, bc = (convolve(x_re, h_re), convolve(x_im, h_im),
                          convolve(x_re, h_im), convolve(x_im, h_re))
        if ac is None or bd is None or ad is None or bc is None:
            return None
        return subtract_exact(ac, bd), add_exact(ad, bc)
    k1 = convolve(add_exact(x_re, x_im), h_re)
    k2 = convolve(x_re, subtract_exact(h_im, h_re))
    k3 = convolve(x_im, add_exact(h_re, h_im))
    if k1 is None or k2 is None or k3 is None:
        return None
    return subtract_exact(k1, k3), add_exact(k1, k2)
