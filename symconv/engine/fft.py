"""Exact integer convolution by a float64 FFT, accepted only under a proven error bound.

A convolution of integers computed by FFT in floating point is off by rounding errors; if
every output's error is below 1/2, rounding each output to the nearest integer gives the
exact result. This module bounds that error *a priori*, from the operands' sizes and largest
magnitudes only, and uses the FFT only where the bound is below 1/2; larger values are
split into limbs (digits of ``b`` bits) small enough for the bound, each pair of limbs
convolved by FFT, and the pieces recombined exactly with integer shifts.

The bound
---------
Percival (C. Percival, "Rapid multiplication modulo the sum and difference of highly
composite numbers", Math. Comp. 72 (2003) 387-395, Theorem 5.1) proves for the product
``z = IFFT(FFT(x) FFT(y))`` computed with a radix-2 FFT of ``k`` levels in floating point
with unit roundoff ``u`` and twiddle factors within ``beta`` of the true roots of unity::

    max_n |z'[n] - z[n]| < ||x||_2 ||y||_2 ((1+u)^(3k) (1+sqrt(5) u)^(3k+1) (1+beta)^(3k) - 1)

(the ``sqrt(5) u`` of a complex multiplication is Brent, Percival and Zimmermann, "Error
bounds on complex floating-point multiplication", Math. Comp. 76 (2007) 1469-1481). The
theorem is for radix-2 complex transforms; NumPy's FFT is pocketfft (FFTPACK's algorithms),
and this module carries the bound over to it as follows, with ``u = 2**-53``. The first and
last points are facts of the code; the charges for radix 3 and 5, the real transforms and
``beta`` are this module's reading of pocketfft, argued here, not a published theorem:

- lengths are 5-smooth (:func:`fast_length`), so pocketfft runs only its radix-2, 3, 4 and 5
  passes (and radix 8 for complex data; no Bluestein, no generic radix).
- a radix-4 (radix-8) pass is two (three) radix-2 levels whose inner twiddles are exact
  (``+-1``, ``+-i``) or multiplied in as a level's twiddle would be (``(1 +- i)/sqrt 2``).
  A radix-3 (radix-5) pass applies to each value at most 4 (6) rounded additions and
  constant multiplications; its normwise error, at most ``sqrt(r) gamma_d`` for depth
  ``d``, plus the twiddle multiplication, stays within the budget of 3 (4) radix-2 levels
  (:data:`LEVELS`). An N-D transform has the levels of all its axes (it is the composition
  of the 1-D transforms along them, each unitary up to a factor ``sqrt(N)``).
- the real transforms (``rfft``/``irfft``) run FFTPACK's real passes: the same butterflies
  on the non-redundant half of the data, so the count holds for them too.
- pocketfft computes twiddles by angle reduction and accurate addition theorems (Tasche and
  Zeuner), to about one ulp; ``beta = 2u`` (:data:`TWIDDLE_ERROR`) is assumed to cover that.
- the inverse scales by ``1/N``, which adds two roundings: ``(1+u)^2``.

The property tests (tests/test_engine_fft.py) convolve worst-case inputs (every sample at
the largest magnitude the bound accepts) and compare with the exact sum.

With ``s = 3k u + (3k+1) sqrt(5) u + 3k beta + 2u`` the factor is at most ``s / (1 - s)``
(``prod (1+a_i) - 1 <= exp(s) - 1 <= s / (1 - s)``), and ``||x||_2 <= max|x| sqrt(size x)``
(``sqrt(2 size x)`` for complex data). Everything is compared in exact rationals
(:func:`fft_is_exact`), so the decision itself makes no rounding error. Below the bound no
output exceeds ``2**53`` and every input is a float64 exactly.

Examples
--------
>>> import numpy as np
>>> convolve_fft(np.array([1, 2, 3]), None, np.array([1, -1]), None)
(array([ 1,  1,  1, -3]), None)
>>> real, imag = convolve_fft(np.array([2**60], dtype=object), None, np.array([1, 1]), np.array([0, 1]))
>>> real.tolist() == [2**60, 2**60], imag.tolist() == [0, 2**60]
(True, True)
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import numpy as np

from symconv.intarrays import INT64_MAX, full_shape, max_abs, term_count

__all__ = [
    "LEVELS",
    "TWIDDLE_ERROR",
    "UNIT_ROUNDOFF",
    "convolve_fft",
    "fast_length",
    "fft_is_exact",
    "fft_levels",
    "limb_bits",
    "limb_plan",
    "squared_error_bound",
]

UNIT_ROUNDOFF = Fraction(1, 2**53)
"""``u``: float64 rounds to nearest with relative error at most ``2**-53``."""

TWIDDLE_ERROR = 2 * UNIT_ROUNDOFF
"""``beta``: how far pocketfft's computed roots of unity may be from the true ones."""

SQRT5_ABOVE = Fraction(2237, 1000)
"""A rational just above ``sqrt(5) = 2.23607...``."""

LEVELS = {2: 1, 3: 3, 4: 2, 5: 4}
"""Radix-2 levels of Percival's bound charged for one pocketfft pass of each radix."""


@functools.lru_cache(maxsize=1024)
def fast_length(n: int) -> int:
    """The smallest 5-smooth number ``2**a * 3**b * 5**c >= n``: a length pocketfft does fast.

    Examples
    --------
    >>> fast_length(19999), fast_length(522), fast_length(1)
    (20000, 540, 1)
    """
    best = 1 << max(0, (n - 1).bit_length())
    five = 1
    while five < 2 * n:
        three = five
        while three < 2 * n:
            candidate = three << max(0, (-(-n // three) - 1).bit_length())
            best = min(best, candidate)
            three *= 3
        five *= 5
    return best


def fft_levels(length: int) -> int:
    """Radix-2 levels charged for a pocketfft transform of a 5-smooth ``length``.

    pocketfft takes factors of 8 (complex data) or 4 first, then 2, 3 and 5 (:data:`LEVELS`
    per pass); however it groups the factors 2, each counts one level.

    Examples
    --------
    >>> fft_levels(1024), fft_levels(20000), fft_levels(540)
    (10, 21, 15)
    """
    levels = 0
    for radix in (4, 2, 3, 5):
        while length % radix == 0:
            length //= radix
            levels += LEVELS[radix]
    if length != 1:
        raise ValueError(f"{length} is not 5-smooth")
    return levels


def _factor(levels: int) -> Fraction:
    """Upper bound on Percival's ``(1+u)^(3k) (1+sqrt5 u)^(3k+1) (1+beta)^(3k) (1+u)^2 - 1``."""
    u, k = UNIT_ROUNDOFF, levels
    s = 3 * k * u + (3 * k + 1) * SQRT5_ABOVE * u + 3 * k * TWIDDLE_ERROR + 2 * u
    return s / (1 - s)


def squared_error_bound(x_shape: tuple[int, ...], h_shape: tuple[int, ...], x_max: int, h_max: int,
                        complex_values: bool) -> Fraction:
    """The square of the bound on every output's error of the FFT convolution (exact).

    Parameters
    ----------
    x_shape, h_shape : tuple of int
        The operands' shapes (same number of axes).
    x_max, h_max : int
        Bounds on each operand's ``|real part|`` and ``|imaginary part|``.
    complex_values : bool
        Whether an operand is complex (then norms count both parts).

    Returns
    -------
    fractions.Fraction
        ``(||x||_2 ||h||_2 factor)**2`` with the norms bounded by ``max * sqrt(parts * size)``.

    Examples
    --------
    >>> float(squared_error_bound((10**4,), (10**4,), 1000, 1000, False)) < 1e-6
    True
    """
    levels = sum(fft_levels(fast_length(n)) for n in full_shape(x_shape, h_shape))
    parts = 2 if complex_values else 1
    norms = Fraction(x_max * x_max * parts * math.prod(x_shape)) * (h_max * h_max * parts * math.prod(h_shape))
    return norms * _factor(levels) ** 2


@functools.lru_cache(maxsize=1024)
def fft_is_exact(x_shape: tuple[int, ...], h_shape: tuple[int, ...], x_max: int, h_max: int,
                 complex_values: bool) -> bool:
    """Whether the float64 FFT convolution rounds to the exact result: the bound is below 1/2.

    Examples
    --------
    >>> fft_is_exact((10**5,), (10**5,), 1000, 1000, False)
    True
    >>> fft_is_exact((10**5,), (10**5,), 2**30, 2**30, False)
    False
    """
    return squared_error_bound(x_shape, h_shape, x_max, h_max, complex_values) < Fraction(1, 4)


def limb_bits(x_shape: tuple[int, ...], h_shape: tuple[int, ...], complex_values: bool) -> int:
    """The widest limb ``b`` (values ``|v| < 2**b`` on both sides) the bound still accepts.

    Raises
    ------
    ValueError
        Not even one-bit limbs are accepted (sizes far beyond what symconv reads).

    Examples
    --------
    >>> limb_bits((1000,), (1000,), False)
    17
    """
    bits = 53
    while bits and not fft_is_exact(x_shape, h_shape, 2**bits - 1, 2**bits - 1, complex_values):
        bits -= 1
    if bits == 0:
        raise ValueError(f"no float64 FFT of shapes {x_shape} and {h_shape} has a bound below 1/2")
    return bits


def limb_plan(x_shape: tuple[int, ...], h_shape: tuple[int, ...], x_max: int, h_max: int,
              complex_values: bool) -> int:
    """Bits per limb for operands like these: whole values when the bound accepts them.

    An operand whose largest value has ``bits`` bits or fewer is one limb.

    Examples
    --------
    >>> limb_plan((1000,), (1000,), 1000, 1000, False), limb_plan((1000,), (1000,), 2**40, 3, False)
    (10, 17)
    """
    if fft_is_exact(x_shape, h_shape, x_max, h_max, complex_values):
        return max(x_max, h_max).bit_length()
    return limb_bits(x_shape, h_shape, complex_values)


def convolve_fft(x_re: np.ndarray, x_im: np.ndarray | None, h_re: np.ndarray, h_im: np.ndarray | None, *,
                 x_max: int | None = None, h_max: int | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """Exact full convolution of (Gaussian) integer arrays by float64 FFT, in limbs if needed.

    Parameters
    ----------
    x_re, x_im, h_re, h_im : numpy.ndarray or None
        Integer arrays (``int64`` or ``object`` of Python ints), one shape per operand; an
        imaginary part of ``None`` means zero.
    x_max, h_max : int, optional
        The largest ``|part|`` of each operand, if already known.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray or None)
        Real and imaginary parts (``None`` when both operands are real): ``int64`` when
        ``max|x| * max|h| * terms`` fits a word, else ``object`` arrays of Python ints.

    Examples
    --------
    >>> import numpy as np
    >>> convolve_fft(np.array([[1, 2], [3, 4]]), None, np.array([[0, 1], [1, 0]]), None)[0]
    array([[0, 1, 2],
           [1, 5, 4],
           [3, 4, 0]])
    """
    complex_values = x_im is not None or h_im is not None
    x_parts, h_parts = [x_re, x_im], [h_re, h_im]
    if x_max is None:
        x_max = max(max_abs(a) for a in x_parts if a is not None)
    if h_max is None:
        h_max = max(max_abs(a) for a in h_parts if a is not None)
    shape = full_shape(x_re.shape, h_re.shape)
    if x_max == 0 or h_max == 0:
        zero = np.zeros(shape, dtype=np.int64)
        return zero, (zero.copy() if complex_values else None)
    bits = limb_plan(x_re.shape, h_re.shape, x_max, h_max, complex_values)
    x_limbs = _limbs(x_parts, x_max, bits, complex_values)
    h_limbs = _limbs(h_parts, h_max, bits, complex_values)
    lengths = tuple(fast_length(n) for n in shape)
    x_spectra = [_forward(limb, lengths) for limb in x_limbs]
    h_spectra = [_forward(limb, lengths) for limb in h_limbs]
    crop = tuple(slice(0, n) for n in shape)
    fits = x_max * h_max * term_count(x_re.shape, h_re.shape) <= INT64_MAX
    real = imag = None
    for i, x_spectrum in enumerate(x_spectra):
        for j, h_spectrum in enumerate(h_spectra):
            piece = _inverse(x_spectrum * h_spectrum, lengths, complex_values)[crop]
            shift = bits * (i + j)
            if complex_values:
                real = _accumulate(real, _rounded(piece.real, fits), shift)
                imag = _accumulate(imag, _rounded(piece.imag, fits), shift)
            else:
                real = _accumulate(real, _rounded(piece, fits), shift)
    return real, imag


def _limbs(parts: list[np.ndarray | None], largest: int, bits: int, complex_values: bool) -> list[np.ndarray]:
    """Limbs ``d_i`` of the values: ``|d_i| < 2**bits`` and ``value = sum_i d_i 2**(bits i)``.

    float64 arrays, or complex128 (real and imaginary digits) when ``complex_values``.
    """
    count = max(1, -(-largest.bit_length() // bits))
    real, imag = parts
    if count == 1:
        pieces = [(real, imag)]
    else:
        pieces = list(zip(_digits(real, bits, count), _digits(imag, bits, count) if imag is not None
                          else [None] * count))
    limbs = []
    for re, im in pieces:
        if not complex_values:
            limbs.append(re.astype(np.float64))
            continue
        limb = np.zeros(re.shape, dtype=np.complex128)
        limb.real = re.astype(np.float64)
        if im is not None:
            limb.imag = im.astype(np.float64)
        limbs.append(limb)
    return limbs


def _digits(values: np.ndarray, bits: int, count: int) -> list[np.ndarray]:
    """Signed digits of ``values`` in base ``2**bits`` (each with the sign of its value)."""
    signs = np.sign(values)
    magnitudes = np.abs(values)
    mask = (1 << bits) - 1
    return [signs * ((magnitudes >> (bits * i)) & mask) for i in range(count)]


ROUNDING_SHIFT = 1.5 * 2.0**52
"""Adding this to a float64 ``|y| < 2**51`` rounds it to an integer (the spacing there is 1)."""


def _forward(values: np.ndarray, lengths: tuple[int, ...]) -> np.ndarray:
    """The DFT of ``values`` zero-padded to ``lengths`` (real-input transform for real data)."""
    if values.dtype == np.complex128:
        return np.fft.fftn(values, s=lengths, axes=tuple(range(len(lengths))))
    if len(lengths) == 1:
        return np.fft.rfft(values, lengths[0])
    return np.fft.rfftn(values, s=lengths, axes=tuple(range(len(lengths))))


def _inverse(spectrum: np.ndarray, lengths: tuple[int, ...], complex_values: bool) -> np.ndarray:
    """The inverse of :func:`_forward`."""
    if complex_values:
        return np.fft.ifftn(spectrum, s=lengths, axes=tuple(range(len(lengths))))
    if len(lengths) == 1:
        return np.fft.irfft(spectrum, lengths[0])
    return np.fft.irfftn(spectrum, s=lengths, axes=tuple(range(len(lengths))))


def _rounded(values: np.ndarray, fits: bool) -> np.ndarray:
    """Outputs rounded to the nearest integer, in place: int64, or Python ints if not ``fits``.

    Under the bound ``|y| < ||x|| ||h|| + 1/2 < 2**51``, so adding :data:`ROUNDING_SHIFT`
    leaves ``y`` rounded to an integer in ``[2**52, 2**53)``, where the float's bits minus
    the shift's bits are that integer (cheaper than ``rint`` and a conversion).
    """
    values += ROUNDING_SHIFT
    rounded = values.view(np.int64)
    rounded -= np.float64(ROUNDING_SHIFT).view(np.int64)
    return rounded if fits else rounded.astype(object)


def _accumulate(total: np.ndarray | None, piece: np.ndarray, shift: int) -> np.ndarray:
    """``total + piece * 2**shift``, exact (int64 when the result fits, objects otherwise)."""
    if shift:
        piece = piece * (1 << shift) if piece.dtype == object else piece << shift
    return piece if total is None else total + piece
