"""Hypothesis properties of the foundation: algebra, the flip identity, windows and starts.

Values are random integers, rationals, Gaussian rationals (and symbols where it is cheap); starts
are random, negative ones included. Every expected value is computed here by the defining sum
over the supports, never by symconv.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sympy import I, Integer, Rational, Symbol, conjugate, expand

from symconv import Signal, circular_convolve, convolve, correlate, flip
from symconv.conventions import SameConvention, windows
from symconv.engine import METHODS
from symconv.errors import InputError

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])

integers = st.integers(-20, 20).map(Integer)
rationals = st.builds(Rational, st.integers(-12, 12), st.integers(1, 9))
gaussians = st.builds(lambda re, im: re + I * im, rationals, rationals)
big_integers = st.integers(-(2**70), 2**70).map(Integer)
symbols = st.sampled_from([Symbol("a", real=True), Symbol("b", real=True), 2 * Symbol("a", real=True) + 1])
numbers = st.one_of(integers, rationals, gaussians)


@st.composite
def signals(draw, ndim=1, values=numbers, max_length=5):
    shape = tuple(draw(st.integers(1, max_length)) for _ in range(ndim))
    flat = draw(st.lists(values, min_size=math.prod(shape), max_size=math.prod(shape)))
    starts = tuple(draw(st.integers(-5, 5)) for _ in range(ndim))
    array = np.empty(len(flat), dtype=object)
    array[:] = flat
    return Signal(array.reshape(shape).tolist(), start=starts)


def one_or_two_d(values=numbers, max_length=5):
    return st.integers(1, 2).flatmap(lambda ndim: st.tuples(
        *(signals(ndim, values, max_length if ndim == 1 else 3) for _ in range(3))))


def support(signal: Signal) -> list[tuple[int, ...]]:
    ranges = (signal.indices,) if signal.ndim == 1 else signal.indices
    return list(itertools.product(*ranges))


def at(signal: Signal, index: tuple[int, ...]):
    return signal[index if signal.ndim > 1 else index[0]]


def defining_convolution(x: Signal, h: Signal) -> dict:
    """(x * h)[n] = sum_m x[m] h[n - m], accumulated over the supports."""
    out: dict = {}
    for m in support(x):
        for k in support(h):
            n = tuple(i + j for i, j in zip(m, k))
            out[n] = out.get(n, 0) + at(x, m) * at(h, k)
    return out


def defining_correlation(x: Signal, h: Signal) -> dict:
    """(x ⋆ h)[l] = sum_m x[l + m] conj(h[m]): a pair (x at k, h at m) lands on lag k - m."""
    out: dict = {}
    for k in support(x):
        for m in support(h):
            lag = tuple(i - j for i, j in zip(k, m))
            out[lag] = out.get(lag, 0) + at(x, k) * conjugate(at(h, m))
    return out


def mixed(x: Signal, h: Signal) -> bool:
    """The kernel is longer than the data on some axis and shorter on another."""
    return (any(lh > lx for lx, lh in zip(x.shape, h.shape))
            and any(lh < lx for lx, lh in zip(x.shape, h.shape)))


def equal(u, v) -> bool:
    return expand(u - v) == 0


def matches(result: Signal, expected: dict) -> None:
    """result equals expected on its support, and expected is zero outside it."""
    inside = set(support(result))
    for index in inside:
        assert equal(at(result, index), expected.get(index, 0)), index
    for index, value in expected.items():
        if index not in inside:
            assert equal(value, 0), index


# ----------------------------------------------------------------------------- definitions
@SETTINGS
@given(one_or_two_d())
def test_convolution_is_the_defining_sum(signals3):
    x, h, _ = signals3
    matches(convolve(x, h), defining_convolution(x, h))


@SETTINGS
@given(one_or_two_d())
def test_correlation_is_the_defining_sum(signals3):
    x, h, _ = signals3
    matches(correlate(x, h), defining_correlation(x, h))


@SETTINGS
@given(one_or_two_d())
def test_start_is_the_sum_of_starts_and_length_adds(signals3):
    x, h, _ = signals3
    y = convolve(x, h)
    assert y.starts == tuple(a + b for a, b in zip(x.starts, h.starts))
    assert y.shape == tuple(a + b - 1 for a, b in zip(x.shape, h.shape))
    assert isinstance(y.start, int) == (x.ndim == 1)


# ----------------------------------------------------------------------------- algebra
@SETTINGS
@given(one_or_two_d())
def test_commutative(signals3):
    x, h, _ = signals3
    assert convolve(x, h) == convolve(h, x)


@FEW
@given(one_or_two_d(st.one_of(numbers, symbols), max_length=4))
def test_commutative_with_symbols(signals3):
    x, h, _ = signals3
    assert convolve(x, h) == convolve(h, x)


@SETTINGS
@given(one_or_two_d(max_length=4))
def test_associative(signals3):
    x, h, g = signals3
    assert convolve(convolve(x, h), g) == convolve(x, convolve(h, g))


@SETTINGS
@given(signals(1), signals(1), st.integers(-7, 7))
def test_shift_commutes_with_convolution(x, h, k):
    assert convolve(x.shift(k), h) == convolve(x, h).shift(k)
    assert convolve(x, h.shift(k)) == convolve(x, h).shift(k)


# ----------------------------------------------------------------------------- flip identity
@SETTINGS
@given(one_or_two_d(), st.sampled_from(["full", "same", "valid"]), st.sampled_from(list(SameConvention)))
def test_correlate_is_convolve_with_flip(signals3, mode, convention):
    x, h, _ = signals3
    try:
        expected = convolve(x, flip(h), mode=mode, same_convention=convention)
    except InputError:
        assert mode == "valid" and mixed(x, h)  # neither lies inside the other (test_errors)
        with pytest.raises(InputError):
            correlate(x, h, mode=mode)
        return
    result = correlate(x, h, mode=mode, same_convention=convention)
    numpy_mirrors = (mode == "same" and convention is SameConvention.NUMPY
                     and any(lh > lx for lx, lh in zip(x.shape, h.shape)))
    if not numpy_mirrors:
        assert result == expected
        return
    # numpy.correlate mirrors its 'same' window when the kernel is longer: same values of the
    # full correlation, the window reflected inside it (conventions.window(correlation=True))
    full = convolve(x, flip(h))
    assert result.shape == expected.shape
    assert result == full.window(result.starts, result.shape)
    reflected = tuple(2 * fs + fn - n - s if lh > lx else s for fs, fn, n, s, lx, lh in
                      zip(full.starts, full.shape, expected.shape, expected.starts, x.shape, h.shape))
    assert result.starts == reflected


@FEW
@given(one_or_two_d(st.one_of(numbers, symbols), max_length=4))
def test_flip_identity_with_symbols(signals3):
    x, h, _ = signals3
    assert correlate(x, h) == convolve(x, flip(h))


@SETTINGS
@given(st.integers(1, 2).flatmap(lambda ndim: signals(ndim)))
def test_flip_is_conjugate_reversal_and_an_involution(h):
    f = flip(h)
    assert f.starts == tuple(-e for e in ((h.end,) if h.ndim == 1 else h.end))
    for index in support(f):
        assert at(f, index) == conjugate(at(h, tuple(-i for i in index)))
    assert flip(f) == h


@SETTINGS
@given(one_or_two_d())
def test_wikipedia_order_is_canonical_correlate_swapped(signals3):
    x, h, _ = signals3
    wikipedia = correlate(x, h, order="wikipedia")
    assert wikipedia == correlate(h, x)
    # and its definition: sum_m conj(x[m]) h[m + l]
    expected: dict = {}
    for m in support(x):
        for k in support(h):
            lag = tuple(j - i for i, j in zip(m, k))
            expected[lag] = expected.get(lag, 0) + conjugate(at(x, m)) * at(h, k)
    matches(wikipedia, expected)


# ----------------------------------------------------------------------------- windows
@SETTINGS
@given(one_or_two_d(), st.sampled_from(list(SameConvention)))
def test_same_and_valid_are_slices_of_full_at_reported_indices(signals3, convention):
    x, h, _ = signals3
    full = convolve(x, h)
    for mode in ("same", "valid"):
        try:
            kept = windows(mode, x.shape, h.shape, same_convention=convention)
        except InputError:
            assert mode == "valid" and mixed(x, h)
            continue
        result = convolve(x, h, mode=mode, same_convention=convention)
        assert result.starts == tuple(s + w.offset for s, w in zip(full.starts, kept))
        assert result.shape == tuple(w.length for w in kept)
        for index in support(result):
            assert at(result, index) == at(full, index)


@SETTINGS
@given(one_or_two_d())
def test_valid_is_where_the_shorter_lies_inside_the_longer(signals3):
    x, h, _ = signals3
    if mixed(x, h):
        return
    result = convolve(x, h, mode="valid")
    # n is valid when every n - k (k in h's support) is in x's support: s_x + e_h <= n <= e_x + s_h;
    # with h longer (issue 14), when every n - m (m in x's support) is in h's: s_h + e_x <= n <= e_h + s_x
    ends_x = (x.end,) if x.ndim == 1 else x.end
    ends_h = (h.end,) if h.ndim == 1 else h.end
    kernel_longer = any(lh > lx for lx, lh in zip(x.shape, h.shape))
    expected = tuple(range(sh + ex, eh + sx + 1) if kernel_longer else range(sx + eh, ex + sh + 1)
                     for sx, ex, sh, eh in zip(x.starts, ends_x, h.starts, ends_h))
    assert ((result.indices,) if x.ndim == 1 else result.indices) == expected


@SETTINGS
@given(one_or_two_d())
def test_same_has_the_data_size(signals3):
    x, h, _ = signals3
    for convention in ("scipy", "matlab"):
        assert convolve(x, h, mode="same", same_convention=convention).shape == x.shape
    assert convolve(x, h, mode="same", same_convention="numpy").shape == tuple(
        max(a, b) for a, b in zip(x.shape, h.shape))


# ----------------------------------------------------------------------------- circular
@SETTINGS
@given(st.integers(1, 2).flatmap(lambda ndim: st.tuples(signals(ndim), signals(ndim),
                                                         st.tuples(*[st.integers(1, 7)] * ndim))))
def test_circular_is_the_direct_modular_sum(case):
    x, h, periods = case
    y = circular_convolve(x, h, periods)
    assert y.starts == (0,) * x.ndim and y.shape == periods
    expected: dict = {}
    for m in support(x):
        for k in support(h):
            n = tuple((i + j) % p for i, j, p in zip(m, k, periods))
            expected[n] = expected.get(n, 0) + at(x, m) * at(h, k)
    matches(y, expected)


# ----------------------------------------------------------------------------- engine paths
@SETTINGS
@given(one_or_two_d(st.one_of(numbers, big_integers)))
def test_every_method_equals_direct(signals3):
    x, h, _ = signals3
    direct = convolve(x, h, method="direct")
    for method in METHODS:
        try:
            result = convolve(x, h, method=method)
        except InputError:
            continue  # a forced method may refuse (machine words too small), never be wrong
        assert result == direct, method
