"""The engine's fast exact methods (Samples in, Samples out) and the pure rule that picks one.

Rational and Gaussian-rational samples are integer numerators over one denominator, so a
convolution of them is integer convolutions of the numerator arrays (real and imaginary
parts combined by :mod:`symconv.engine.gaussian`) over the product of the denominators.
Four integer kernels do that work:

========== ============================================ ==========================================
method     kernel                                       exact when
========== ============================================ ==========================================
machine    float64 or int64 direct sum                  every partial sum fits the word (checked)
fft        float64 FFT, rounded (complex FFT for        always: values beyond the proven error
           Gaussian data; :mod:`~symconv.engine.fft`)   bound are split into limbs
flint      python-flint ``fmpz_poly`` product           always (any size of integers)
kronecker  one product of packed Python ints            always; the path without python-flint
========== ============================================ ==========================================

:func:`decide` is the choice as a pure function of each operand's kind, shape and largest
numerator; :func:`choose_fast_method` feeds it the samples. Symbolic samples go to ``direct``
(one ``Add`` per output, the fastest SymPy way). No SymPy object is built here: results stay
integer arrays until someone asks for values.

Examples
--------
>>> from symconv.exact import to_exact_samples
>>> x, h = to_exact_samples([1, "1/2", 1, 1]), to_exact_samples([1, "1/2", "1/4"])
>>> choose_fast_method(x, h)
'machine'
>>> full = FAST_METHODS["flint"](x, h)
>>> full.real.tolist(), full.denominator
([8, 8, 12, 13, 6, 2], 8)
>>> decide(Profile("rational", (10**5,), 10**400), Profile("rational", (10**5,), 10**400), flint=True)
'flint'
>>> decide(Profile("integer", (10**5,), 1000), Profile("integer", (10**5,), 1000), flint=True)
'fft'
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from symconv.engine.fft import convolve_fft, fast_length, fft_is_exact
from symconv.engine.flint_path import convolve_flint, flint_available
from symconv.engine.gaussian import IntegerConvolve, convolve_gaussian
from symconv.engine.kronecker import convolve_kronecker
from symconv.engine.machine import FLOAT64_EXACT_MAX, convolve_machine
from symconv.errors import InputError
from symconv.intarrays import INT64_MAX, full_shape, magnitude_bound, term_count
from symconv.samples import RationalSamples, Samples

__all__ = [
    "FAST_METHODS",
    "Profile",
    "choose_fast_method",
    "decide",
    "profile",
]

SECONDS_PER_MULTIPLY_ADD = {1: 1.2e-10, "N": 2e-9}
"""Cost of one multiply-add of the machine direct sum, measured on a 2-core development
machine: ``numpy.convolve`` in 1-D (float64; int64 takes about three times as long), shifted
slices in N-D. Only the ratios to the next constants matter: against the FFT they put the
1-D crossover near n = m = 500 (and a 10^5-sample signal with a kernel of 60), the 2-D one
near 5x5 kernels on 512x512 images."""

SECONDS_PER_FLINT_SAMPLE = 7e-7
"""Cost per full-output sample of the FLINT path with word-size values (same machine):
converting in and out (lists, ``fmpz``, object arrays) dominates the product itself."""

SECONDS_PER_FFT_POINT = 2e-9
"""Cost of the FFT path per point of the padded transform and per ``log2`` of its size (two
real forward transforms and one inverse; complex data costs twice as much), same machine:
measured at 10^5 points (10^4 points cost half as much per point: caches)."""

SECONDS_FFT_START = 3e-5
"""Fixed cost of the FFT path (plans, bound, conversions) on small inputs."""


@dataclass(frozen=True, slots=True)
class Profile:
    """What the choice of method looks at: value kind, shape, largest ``|numerator|``.

    ``kind`` is ``"integer"``, ``"rational"``, ``"gaussian"`` or ``"symbolic"``;
    ``max_abs`` is over real and imaginary numerators (0 for symbolic samples).
    """

    kind: str
    shape: tuple[int, ...]
    max_abs: int


def profile(samples: Samples) -> Profile:
    """The :class:`Profile` of a sample array (one pass over the numerators).

    Examples
    --------
    >>> from symconv.exact import to_exact_samples
    >>> profile(to_exact_samples([["1/2", 3], [-5, 0]]))
    Profile(kind='rational', shape=(2, 2), max_abs=10)
    """
    if not isinstance(samples, RationalSamples):
        return Profile("symbolic", samples.shape, 0)
    return Profile(samples.kind, samples.shape, samples.max_abs())


def decide(x: Profile, h: Profile, *, flint: bool) -> str:
    """The fastest exact method for operands like ``x`` and ``h``: a pure function.

    Symbolic values go to ``direct``. Numbers go to the cheapest, by the measured costs
    above, of: ``machine`` if the worst-case sum ``max|x| * max|h| * terms`` fits an int64
    (``size x * size h`` multiply-adds); ``fft`` if its proven error bound is below 1/2 for
    these sizes and magnitudes (:func:`~symconv.engine.fft.fft_is_exact`; ``N log2 N`` for
    the padded size ``N``); ``flint`` (per output sample), or ``kronecker`` when
    python-flint is not installed. Ties go to the first in that order.

    Parameters
    ----------
    x, h : Profile
        The operands' kinds, shapes and largest numerators.
    flint : bool
        Whether python-flint can be imported.

    Returns
    -------
    str
        A key of :data:`FAST_METHODS`, or ``"direct"``.

    Examples
    --------
    >>> small = Profile("integer", (100,), 255)
    >>> decide(small, small, flint=True), decide(small, Profile("symbolic", (3,), 0), flint=True)
    ('machine', 'direct')
    >>> big = Profile("integer", (10,), 2**40)
    >>> decide(big, big, flint=True), decide(big, big, flint=False)
    ('flint', 'kronecker')
    >>> image, kernel = Profile("integer", (512, 512), 255), Profile("rational", (11, 11), 1000)
    >>> decide(image, kernel, flint=True)
    'fft'
    """
    if x.kind == "symbolic" or h.kind == "symbolic":
        return "direct"
    complex_values = "gaussian" in (x.kind, h.kind)
    costs = {}
    worst = x.max_abs * h.max_abs * term_count(x.shape, h.shape)
    if worst <= INT64_MAX:
        per_product = SECONDS_PER_MULTIPLY_ADD[1 if len(x.shape) == 1 else "N"]
        if len(x.shape) == 1 and worst > FLOAT64_EXACT_MAX:
            per_product *= 3
        costs["machine"] = per_product * math.prod(x.shape) * math.prod(h.shape)
    if fft_is_exact(x.shape, h.shape, x.max_abs, h.max_abs, complex_values):
        points = math.prod(fast_length(n) for n in full_shape(x.shape, h.shape))
        costs["fft"] = SECONDS_FFT_START + SECONDS_PER_FFT_POINT * (2 if complex_values else 1) * points * max(
            1.0, math.log2(points))
    costs["flint" if flint else "kronecker"] = SECONDS_PER_FLINT_SAMPLE * math.prod(full_shape(x.shape, h.shape))
    return min(costs, key=costs.__getitem__)


def choose_fast_method(x: Samples, h: Samples) -> str:
    """:func:`decide` for these samples and this installation (flint is imported only if chosen)."""
    name = decide(profile(x), profile(h), flint=True)
    return "kronecker" if name == "flint" and not flint_available() else name


def _python_ints(array: np.ndarray) -> np.ndarray:
    """The storage RationalSamples promises: an object array of Python ints."""
    return array if array.dtype == object else array.astype(object)


KernelFor = Callable[[RationalSamples, RationalSamples], IntegerConvolve]
"""The integer kernel a method uses for two operands (it may read their cached facts)."""

Parts = tuple[np.ndarray, "np.ndarray | None"]
PartsConvolve = Callable[[np.ndarray, "np.ndarray | None", np.ndarray, "np.ndarray | None"], "Parts | None"]
"""An exact convolution of complex integer arrays given as (real, imaginary or None) parts."""


def _machine_kernel(x: RationalSamples, h: RationalSamples) -> IntegerConvolve:
    """:func:`convolve_machine`, told the bound ``max|x| * max|h| * terms`` when it fits float64.

    The operands know their largest numerators already, so this costs no pass over the
    arrays; a tighter bound could not pick a faster format. With the plain four real
    products of complex data, every product's operands are parts of x and h, so the bound
    holds for each of them.
    """
    bound = x.max_abs() * h.max_abs() * term_count(x.shape, h.shape)
    return functools.partial(convolve_machine, bound=bound) if bound <= FLOAT64_EXACT_MAX else convolve_machine


def _by_parts(kernel_for: KernelFor, products: int) -> Callable[[RationalSamples, RationalSamples], PartsConvolve]:
    """Complex convolutions as ``products`` real ones by the integer kernel ``kernel_for`` gives."""
    def parts_for(x: RationalSamples, h: RationalSamples) -> PartsConvolve:
        return functools.partial(convolve_gaussian, convolve=kernel_for(x, h), products=products)
    return parts_for


def _fft_parts(x: RationalSamples, h: RationalSamples) -> PartsConvolve:
    """:func:`convolve_fft`, told the operands' largest numerators (known already)."""
    return functools.partial(convolve_fft, x_max=x.max_abs(), h_max=h.max_abs())


def _rational_method(name: str, parts_for: Callable[[RationalSamples, RationalSamples], PartsConvolve],
                     ) -> Callable[[Samples, Samples], Samples]:
    def method(x: Samples, h: Samples) -> Samples:
        if not (isinstance(x, RationalSamples) and isinstance(h, RationalSamples)):
            raise InputError("method", f"{name!r} computes with numbers only, and these values hold "
                                       "symbols; use 'auto' or 'direct'")
        if name == "flint" and not flint_available():
            raise InputError("method", "'flint' needs python-flint, which is not installed; "
                                       "use 'auto' or 'kronecker'")
        x_re, x_im = x.words or (x.real, x.imag)
        h_re, h_im = h.words or (h.real, h.imag)
        parts = parts_for(x, h)(x_re, x_im, h_re, h_im)
        if parts is None:
            bound = max(magnitude_bound(a, b) for a in (x_re, x_im) if a is not None
                        for b in (h_re, h_im) if b is not None)
            raise InputError("method", f"'machine' would not be exact here: sums of products may need "
                                       f"{bound.bit_length()} bits, more than int64's 63; use 'auto' or 'flint'")
        real, imag = parts
        denominator = x.denominator * h.denominator
        if real.dtype == np.int64 and (imag is None or imag.dtype == np.int64):
            return RationalSamples.from_words(real, imag, denominator)  # bounded: no -2**63
        return RationalSamples(_python_ints(real), None if imag is None else _python_ints(imag), denominator)

    method.__name__ = f"convolve_{name}"
    method.__doc__ = f"Full convolution of rational samples by the {name!r} integer kernel."
    return method


FAST_METHODS: dict[str, Callable[[Samples, Samples], Samples]] = {
    "fft": _rational_method("fft", _fft_parts),
    "flint": _rational_method("flint", _by_parts(lambda x, h: functools.partial(convolve_flint, objects=True), 3)),
    "kronecker": _rational_method("kronecker", _by_parts(lambda x, h: convolve_kronecker, 3)),
    "machine": _rational_method("machine", _by_parts(_machine_kernel, 4)),
}
"""Fast methods by name, for :mod:`symconv.engine.dispatch` to register."""
