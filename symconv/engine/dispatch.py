"""Which exact method computes a convolution: a pure function of value kinds and sizes.

Every method takes two :class:`~symconv.samples.Samples` and returns the full convolution as
Samples; all of them must equal ``direct`` (property-tested). ``method="auto"`` asks
:func:`choose_method`; naming a method forces it.

Examples
--------
>>> from symconv.exact import to_exact_samples
>>> choose_method(to_exact_samples(["a", 1]), to_exact_samples([1, 2]))
'direct'
"""

from __future__ import annotations

from collections.abc import Callable

from symconv.engine.direct import convolve_direct
from symconv.engine.fast import FAST_METHODS, choose_fast_method
from symconv.errors import InputError
from symconv.samples import Samples

__all__ = ["METHODS", "choose_method", "full_convolution"]

Method = Callable[[Samples, Samples], Samples]

METHODS: dict[str, Method] = {"direct": convolve_direct, **FAST_METHODS}


def choose_method(x: Samples, h: Samples) -> str:
    """The fastest method that is exact for these samples (the rule: :func:`symconv.engine.fast.decide`)."""
    return choose_fast_method(x, h)


def full_convolution(x: Samples, h: Samples, method: str = "auto") -> tuple[Samples, str]:
    """The full convolution of x and h, and the name of the method that computed it."""
    name = choose_method(x, h) if method == "auto" else method
    if name not in METHODS:
        names = ", ".join(["auto", *METHODS])
        raise InputError("method", f"{name!r} is not one of: {names}")
    return METHODS[name](x, h), name
