"""The engine's fast exact methods (Samples in, Samples out) and the pure rule that picks one.

Rational and Gaussian-rational samples are integer numerators over one denominator, so a
convolution of them is integer convolutions of the numerator arrays (real and imaginary
parts combined by :mod:`symconv.engine.gaussian`) over the product of the denominators.
Three integer kernels do that work:

========== ============================================ ==========================================
method     kernel                                       exact when
========== ============================================ ==========================================
machine    float64 or int64 direct sum                  every partial sum fits the word (checked)
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
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

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

SECONDS_PER_MULTIPLY_ADD = {1: 3e-10, "N": 2e-9}
"""Cost of one multiply-add of the machine direct sum, measured on a 2-core development
machine: ``numpy.convolve`` in 1-D (float64; int64 takes about three times as long), shifted
slices in N-D. Only the ratio to the next constant matters: it puts the 1-D crossover near
n = m = 5000 and the 2-D one near 15x15 kernels on 512x512 images."""

SECONDS_PER_FLINT_SAMPLE = 7e-7
"""Cost per full-output sample of the FLINT path with word-size values (same machine):
converting in and out (lists, ``fmpz``, object arrays) dominates the product itself."""


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

    Symbolic values go to ``direct``. Numbers go to ``machine`` when the worst-case sum
    ``max|x| * max|h| * terms`` fits an int64 and the direct sum (``size x * size h``
    multiply-adds) is estimated faster than FLINT (per output sample), with the measured
    costs above; otherwise to ``flint``, or ``kronecker`` when python-flint is not installed.

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
    >>> small = Profile("integer", (1000,), 255)
    >>> decide(small, small, flint=True), decide(small, Profile("symbolic", (3,), 0), flint=True)
    ('machine', 'direct')
    >>> big = Profile("integer", (10,), 2**40)
    >>> decide(big, big, flint=True), decide(big, big, flint=False)
    ('flint', 'kronecker')
    """
    if x.kind == "symbolic" or h.kind == "symbolic":
        return "direct"
    worst = x.max_abs * h.max_abs * term_count(x.shape, h.shape)
    if worst <= INT64_MAX:
        per_product = SECONDS_PER_MULTIPLY_ADD[1 if len(x.shape) == 1 else "N"]
        if len(x.shape) == 1 and worst > FLOAT64_EXACT_MAX:
            per_product *= 3
        machine = per_product * math.prod(x.shape) * math.prod(h.shape)
        packed = SECONDS_PER_FLINT_SAMPLE * math.prod(full_shape(x.shape, h.shape))
        if machine <= packed:
            return "machine"
    return "flint" if flint else "kronecker"


def choose_fast_method(x: Samples, h: Samples) -> str:
    """:func:`decide` for these samples and this installation (flint is imported only if chosen)."""
    name = decide(profile(x), profile(h), flint=True)
    return "kronecker" if name == "flint" and not flint_available() else name


def _python_ints(array: np.ndarray) -> np.ndarray:
    """The storage RationalSamples promises: an object array of Python ints."""
    return array if array.dtype == object else array.astype(object)


KernelFor = Callable[[RationalSamples, RationalSamples], IntegerConvolve]
"""The integer kernel a method uses for two operands (it may read their cached facts)."""


def _machine_kernel(x: RationalSamples, h: RationalSamples) -> IntegerConvolve:
    """:func:`convolve_machine`, told the bound ``max|x| * max|h| * terms`` when it fits float64.

    The operands know their largest numerators already, so this costs no pass over the
    arrays; a tighter bound could not pick a faster format. With the plain four real
    products of complex data, every product's operands are parts of x and h, so the bound
    holds for each of them.
    """
    bound = x.max_abs() * h.max_abs() * term_count(x.shape, h.shape)
    return functools.partial(convolve_machine, bound=bound) if bound <= FLOAT64_EXACT_MAX else convolve_machine


def _rational_method(name: str, kernel_for: KernelFor, products: int) -> Callable[[Samples, Samples], Samples]:
    def method(x: Samples, h: Samples) -> Samples:
        if not (isinstance(x, RationalSamples) and isinstance(h, RationalSamples)):
            raise InputError("method", f"{name!r} computes with numbers only, and these values hold "
                                       "symbols; use 'auto' or 'direct'")
        if name == "flint" and not flint_available():
            raise InputError("method", "'flint' needs python-flint, which is not installed; "
                                       "use 'auto' or 'kronecker'")
        x_re, x_im = x.words or (x.real, x.imag)
        h_re, h_im = h.words or (h.real, h.imag)
        parts = convolve_gaussian(x_re, x_im, h_re, h_im, kernel_for(x, h), products=products)
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
    "flint": _rational_method("flint", lambda x, h: functools.partial(convolve_flint, objects=True), 3),
    "kronecker": _rational_method("kronecker", lambda x, h: convolve_kronecker, 3),
    "machine": _rational_method("machine", _machine_kernel, 4),
}
"""Fast methods by name, for :mod:`symconv.engine.dispatch` to register."""
