"""The direct exact sum ``(x * h)[n] = sum_m x[m] h[n - m]``: the reference every path must equal.

Rational samples are multiplied as Python integers (one shifted multiply-add per sample of the
smaller operand, vectorised over object arrays); symbolic samples build each output with one
``Add`` of its products, the fastest way to build a SymPy sum.

Examples
--------
>>> from symconv.exact import to_exact_samples
>>> full = convolve_direct(to_exact_samples([1, "1/2", 1, 1]), to_exact_samples([1, "1/2", "1/4"]))
>>> full.to_objects().tolist()
[1, 1, 3/2, 13/8, 3/4, 1/4]
"""

from __future__ import annotations

import itertools

import numpy as np
from sympy import Add, Mul

from symconv.budget import check_products
from symconv.samples import ExprSamples, RationalSamples, Samples

__all__ = ["convolve_direct", "convolve_gaussian", "convolve_integers"]


def convolve_direct(x: Samples, h: Samples) -> Samples:
    """The full N-D convolution of two sample arrays, exactly."""
    if isinstance(x, RationalSamples) and isinstance(h, RationalSamples):
        return convolve_gaussian(x, h, convolve_integers)
    check_products(x.to_objects().size, h.to_objects().size)
    return ExprSamples(_convolve_objects(x.to_objects(), h.to_objects()))


def convolve_gaussian(x: RationalSamples, h: RationalSamples, convolve_ints) -> RationalSamples:
    """Combine real integer convolutions into a Gaussian-rational one.

    ``convolve_ints(a, b)`` is any exact full convolution of integer object arrays; the
    denominator of the result is the product of the operands' denominators.
    """
    denominator = x.denominator * h.denominator
    real = convolve_ints(x.real, h.real)
    if x.imag is None and h.imag is None:
        return RationalSamples(real, None, denominator)
    imag = None
    if x.imag is not None:
        imag = convolve_ints(x.imag, h.real)
    if h.imag is not None:
        cross = convolve_ints(x.real, h.imag)
        imag = cross if imag is None else imag + cross
        if x.imag is not None:
            real = real - convolve_ints(x.imag, h.imag)
    return RationalSamples(real, imag, denominator)


def convolve_integers(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Full N-D convolution of two object arrays of Python ints, by shifted multiply-adds.

    Examples
    --------
    >>> convolve_integers(np.array([1, 2], dtype=object), np.array([3, 4, 5], dtype=object)).tolist()
    [3, 10, 13, 10]
    """
    if a.size < b.size:
        a, b = b, a
    out = np.zeros(tuple(p + q - 1 for p, q in zip(a.shape, b.shape)), dtype=object)
    for index in itertools.product(*(range(n) for n in b.shape)):
        coefficient = b[index]
        if coefficient:
            target = tuple(slice(i, i + n) for i, n in zip(index, a.shape))
            out[target] += a * coefficient
    return out


def _convolve_objects(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Full N-D convolution of SymPy values, each output one ``Add`` of its products."""
    shape = tuple(p + q - 1 for p, q in zip(a.shape, b.shape))
    terms: dict[tuple[int, ...], list] = {index: [] for index in np.ndindex(shape)}
    nonzero_b = [(index, value) for index, value in np.ndenumerate(b) if value != 0]
    for index_a, value_a in np.ndenumerate(a):
        if value_a == 0:
            continue
        for index_b, value_b in nonzero_b:
            terms[tuple(i + j for i, j in zip(index_a, index_b))].append(Mul(value_a, value_b))
    out = np.empty(shape, dtype=object)
    for index, products in terms.items():
        out[index] = Add(*products)
    return out
