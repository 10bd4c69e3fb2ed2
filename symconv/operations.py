"""Convolution, correlation, flip and circular convolution of exact signals, in 1-D and N-D.

The public operations: inputs of any accepted kind become :class:`Signal`, the engine computes
the full convolution exactly, and :mod:`symconv.conventions` says which window a mode keeps.
Every result carries the true index of its first sample.

Examples
--------
>>> convolve([1, "1/2", 1, 1], [1, "1/2", "1/4"])
Signal([1, 1, 3/2, 13/8, 3/4, 1/4], start=0)
>>> correlate([1, 2, 3], [0, 1, "1/2"])
Signal([1/2, 2, 7/2, 3, 0], start=-2)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from symconv.conventions import CorrelationOrder, Mode, SameConvention, choice, full_starts, windows
from symconv.engine import full_convolution
from symconv.errors import InputError
from symconv.signal import Signal, as_signal

__all__ = ["MAX_CIRCULAR_SAMPLES", "circular_convolve", "convolve", "correlate", "flip", "wrap"]

MAX_CIRCULAR_SAMPLES = 1_000_000  # a period beyond this is a typo, not a signal (memory, time)


def convolve(x: Any, h: Any, *, mode: str = "full", same_convention: str = "scipy",
              method: str = "auto") -> Signal:
    """Convolve two finite sequences exactly: ``(x * h)[n] = sum_m x[m] h[n - m]``.

    Parameters
    ----------
    x, h : sequence-like, str or Signal
        Numbers, numeric strings or SymPy expressions; a plain list starts at n = 0. 2-D (and
        N-D) inputs are convolved along every axis; x and h need the same number of axes.
    mode : {'full', 'same', 'valid'}
        Window of the full result (see :mod:`symconv.conventions`); ``start`` says where it begins.
    same_convention : {'scipy', 'numpy', 'matlab'}
        Whose ``same`` window: size of x centred as SciPy does, size max(M, N) as NumPy, or
        MATLAB's central part (differs from SciPy for even kernels).
    method : str
        ``"auto"`` picks the fastest exact method; a name from ``symconv.engine.METHODS`` forces it.

    Returns
    -------
    Signal

    Raises
    ------
    InputError
        A value is not a number, the mode is unknown, the axes differ, or in valid mode ``h`` is
        longer than ``x`` on some axes and shorter on others (a kernel longer on every axis gives
        NumPy's and SciPy's valid window: where the data lies wholly inside the kernel).

    Examples
    --------
    >>> convolve([1, 2, 3], [1, 1], mode="valid")
    Signal([3, 5], start=1)
    >>> convolve([1, 1], [1, 2, 3], mode="valid")
    Signal([3, 5], start=1)
    >>> convolve(Signal([1, 1], start=-1), "1 >2 1")
    Signal([1, 3, 3, 1], start=-2)
    """
    x, h = _operands(x, h)
    return _convolve_signals(x, h, mode, same_convention, method)


def correlate(x: Any, h: Any, *, mode: str = "full", order: str = "canonical",
              same_convention: str = "scipy", method: str = "auto") -> Signal:
    """Cross-correlate exactly; the result is indexed by the lag ``l``.

    ``order="canonical"`` (default): ``(x ⋆ h)[l] = sum_m x[l + m] conj(h[m])``: the kernel h
    slides over the data x, as ``numpy.correlate(x, h)``, Proakis' r_xh(l) and a CNN layer do.
    It equals ``convolve(x, flip(h))``, window for window.
    ``order="wikipedia"``: ``sum_m conj(x[m]) h[m + l]`` = ``correlate(h, x)``, the flip of the
    canonical result (so ``same`` and ``valid`` windows are mirrored).

    Examples
    --------
    >>> image = [[1,1,1,0,0],[0,1,1,1,0],[0,0,1,1,1],[0,0,1,1,0],[0,1,1,0,0]]
    >>> correlate(image, [[1,0,1],[0,1,0],[1,0,1]], mode="valid")
    Signal([[4, 3, 4], [2, 4, 3], [2, 3, 4]], start=(0, 0))
    >>> correlate([1, 2], ["i", 1], order="wikipedia")
    Signal([2*I, 2 + I, 1], start=-1)
    """
    order = choice(order, CorrelationOrder, "order")
    x, h = _operands(x, h)
    canonical = _convolve_signals(x, h.flip(), mode, same_convention, method, correlation=True)
    if order is CorrelationOrder.CANONICAL:
        return canonical
    result = canonical.flip()
    result.method = canonical.method
    return result


def flip(h: Any) -> Signal:
    """``h♭[m] = conj(h[-m])``: a signal from s to e becomes one from -e to -s.

    The flip identity: ``correlate(x, h) == convolve(x, flip(h))``.

    Examples
    --------
    >>> flip(Signal([1, 2, 3], start=0))
    Signal([3, 2, 1], start=-2)
    """
    return as_signal(h, "kernel").flip()


def circular_convolve(x: Any, h: Any, N: int | tuple[int, ...], *, method: str = "auto") -> Signal:
    """N-point circular convolution ``y[n] = sum_m x[m] h[(n - m) mod N]``, n = 0 .. N-1.

    Samples are placed at their true indices and wrapped modulo N, so inputs longer than N
    alias in time. ``N`` is an int or one per axis.

    Examples
    --------
    >>> circular_convolve([1, 2, 3], [1, 1], 3)
    Signal([4, 3, 5], start=0)
    >>> circular_convolve([1, 2, 3, 4], [1], 2)
    Signal([4, 6], start=0)
    """
    x, h = _operands(x, h)
    periods = _periods(N, x.ndim)
    return _wrapped(_convolve_signals(x, h, Mode.FULL, SameConvention.SCIPY, method), periods)


def wrap(x: Any, N: int | tuple[int, ...]) -> Signal:
    """``x~[i] = sum_k x[i + kN]`` on ``i = 0 .. N-1``: every sample moved to its index modulo N and
    the samples that land together added (per axis in N-D). Circular convolution is the linear
    convolution of the wrapped operands, wrapped.

    Examples
    --------
    >>> wrap([1, 2, 3, 4, 5], 3)
    Signal([5, 7, 3], start=0)
    >>> wrap(Signal([1, 2], start=-1), 4)
    Signal([2, 0, 0, 1], start=0)
    """
    x = as_signal(x, "data")
    return _wrapped(x, _periods(N, x.ndim))


def _wrapped(signal: Signal, periods: tuple[int, ...]) -> Signal:
    starts = signal.starts

    def place(array: np.ndarray, zero: object) -> np.ndarray:
        out = np.full(periods, zero, dtype=object)
        positions = np.ix_(*((np.arange(n) + s % p) % p for n, s, p in zip(array.shape, starts, periods)))
        np.add.at(out, positions, array)
        return out

    return Signal.from_samples(signal.samples.map(place), (0,) * signal.ndim, signal.method)


def _operands(x: Any, h: Any) -> tuple[Signal, Signal]:
    x, h = as_signal(x, "data"), as_signal(h, "kernel")
    if x.ndim != h.ndim:
        raise InputError("kernel", f"is {h.ndim}-D but the data is {x.ndim}-D; give both with the "
                                   "same number of axes")
    return x, h


def _convolve_signals(x: Signal, h: Signal, mode: str, same_convention: str, method: str, *,
                      correlation: bool = False) -> Signal:
    kept = windows(mode, x.shape, h.shape, same_convention=same_convention, correlation=correlation)
    samples, used = full_convolution(x.samples, h.samples, method)
    start = full_starts(x.starts, h.starts)
    full = Signal.from_samples(samples, start, used)
    if all(w.offset == 0 and w.length == n for w, n in zip(kept, samples.shape)):
        return full
    result = full.window(tuple(s + w.offset for s, w in zip(start, kept)), tuple(w.length for w in kept))
    result.method = used
    return result


def _periods(N: Any, ndim: int) -> tuple[int, ...]:
    periods = tuple(N) if isinstance(N, (tuple, list)) else (N,) * ndim
    if len(periods) != ndim:
        raise InputError("N", f"{len(periods)} periods given for {ndim}-D data")
    for period in periods:
        if isinstance(period, bool) or not isinstance(period, (int, np.integer)) or period <= 0:
            raise InputError("N", f"{period!r} is not a positive integer")
    samples = int(np.prod([int(p) for p in periods], dtype=object))
    if samples > MAX_CIRCULAR_SAMPLES:
        raise InputError("N", f"period {', '.join(str(int(p)) for p in periods)} gives {samples} output "
                              f"samples; at most {MAX_CIRCULAR_SAMPLES} are accepted")
    return tuple(int(p) for p in periods)
