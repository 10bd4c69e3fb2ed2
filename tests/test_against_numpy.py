"""symconv against numpy.convolve / numpy.correlate and scipy.signal, on small integer cases.

NumPy and SciPy report no indices; symconv does. Where both start at n = 0, a window of the
full result at offset k starts at index k (convolution) or at k - (L_h - 1) (correlation, whose
full result starts at lag -(L_h - 1)). Each comparison checks the values AND that start.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from symconv import Signal, convolve, correlate

scipy_signal = pytest.importorskip("scipy.signal")

RNG_SEED = 20240601
LENGTHS_1D = [(1, 1), (5, 1), (5, 2), (5, 3), (6, 4), (7, 7), (4, 6), (2, 5), (3, 4)]
SHAPES_2D = [((5, 5), (3, 3)), ((5, 6), (2, 2)), ((4, 7), (3, 2)), ((6, 5), (4, 4)), ((3, 3), (1, 2)),
             ((4, 4), (4, 4))]


def integers(rng, shape, complex_=False):
    values = rng.integers(-9, 10, size=shape)
    if complex_:
        values = values + 1j * rng.integers(-9, 10, size=shape)
    return values


def cases_1d(complex_=False):
    rng = np.random.default_rng(RNG_SEED)
    return [(integers(rng, lx, complex_), integers(rng, lh, complex_)) for lx, lh in LENGTHS_1D]


def cases_2d():
    rng = np.random.default_rng(RNG_SEED + 1)
    return [(integers(rng, sx), integers(rng, sh)) for sx, sh in SHAPES_2D]


def as_numbers(signal: Signal) -> np.ndarray:
    """symconv's exact values as a NumPy array of Python complex numbers (exact for small integers)."""
    return np.array([complex(v) for v in signal.to_numpy().ravel()]).reshape(signal.shape)


def assert_same(signal: Signal, expected: np.ndarray, start) -> None:
    assert signal.shape == expected.shape
    assert np.array_equal(as_numbers(signal), expected.astype(complex))
    assert signal.start == start


def ids(cases):
    return [f"{np.shape(x)}x{np.shape(h)}" for x, h in cases]


# ----------------------------------------------------------------------------- NumPy, 1-D
@pytest.mark.parametrize("x, h", cases_1d(), ids=ids(cases_1d()))
def test_numpy_convolve_full_same_valid(x, h):
    lx, lh = len(x), len(h)
    assert_same(convolve(x, h), np.convolve(x, h, "full"), 0)
    assert_same(convolve(x, h, mode="same", same_convention="numpy"), np.convolve(x, h, "same"),
                (min(lx, lh) - 1) // 2)
    if lh <= lx:
        assert_same(convolve(x, h, mode="valid"), np.convolve(x, h, "valid"), lh - 1)


@pytest.mark.parametrize("x, h", cases_1d(), ids=ids(cases_1d()))
def test_numpy_correlate_full_and_valid(x, h):
    lx, lh = len(x), len(h)
    assert_same(correlate(x, h), np.correlate(x, h, "full"), -(lh - 1))
    if lh <= lx:
        assert_same(correlate(x, h, mode="valid"), np.correlate(x, h, "valid"), 0)


@pytest.mark.parametrize("x, h", cases_1d(), ids=ids(cases_1d()))
def test_numpy_correlate_same(x, h):
    lx, lh = len(x), len(h)
    # NumPy swaps the operands when the kernel is longer and reverses the result, which mirrors
    # the window numpy.convolve would keep: offset (min - 1) // 2 becomes lx - 1 - that.
    offset = (min(lx, lh) - 1) // 2 if lh <= lx else lx - 1 - (lx - 1) // 2
    r = correlate(x, h, mode="same", same_convention="numpy")
    assert_same(r, np.correlate(x, h, "same"), offset - (lh - 1))


def test_numpy_correlate_same_longer_kernel_even_data():
    x, h = np.array([1, 2]), np.array([1, 0, 0, 0, 0])
    assert np.array_equal(as_numbers(correlate(x, h, mode="same", same_convention="numpy")),
                          np.correlate(x, h, "same").astype(complex))


@pytest.mark.parametrize("x, h", cases_1d(complex_=True), ids=ids(cases_1d(complex_=True)))
def test_numpy_complex_convolve_and_correlate_conjugate(x, h):
    lh = len(h)
    assert_same(convolve(x, h), np.convolve(x, h), 0)
    assert_same(correlate(x, h), np.correlate(x, h, "full"), -(lh - 1))
    # numpy.correlate conjugates its second argument, and so does symconv's canonical order
    assert_same(correlate(x, h), np.convolve(x, np.conj(h[::-1])), -(lh - 1))
    # Wikipedia's order sum_m conj(x[m]) h[m + l] is numpy.correlate(h, x)
    assert_same(correlate(x, h, order="wikipedia"), np.correlate(h, x, "full"), -(len(x) - 1))


def test_numpy_integer_overflow_is_not_ours():
    x = np.array([2**62, 2**62], dtype=np.int64)
    exact = convolve(x, x)
    assert exact.values == [2**124, 2**125, 2**124]  # NumPy's int64 would wrap


# ----------------------------------------------------------------------------- SciPy, 1-D
@pytest.mark.parametrize("x, h", cases_1d(), ids=ids(cases_1d()))
def test_scipy_convolve_and_correlate_1d(x, h):
    lx, lh = len(x), len(h)
    assert_same(convolve(x, h, mode="same"), scipy_signal.convolve(x, h, "same", method="direct"),
                (lh - 1) // 2)
    assert_same(correlate(x, h, mode="same"), scipy_signal.correlate(x, h, "same", method="direct"),
                (lh - 1) // 2 - (lh - 1))
    assert_same(correlate(x, h), scipy_signal.correlate(x, h, "full", method="direct"), -(lh - 1))
    if lh <= lx:
        assert_same(convolve(x, h, mode="valid"), scipy_signal.convolve(x, h, "valid", method="direct"),
                    lh - 1)
        assert_same(correlate(x, h, mode="valid"), scipy_signal.correlate(x, h, "valid", method="direct"), 0)


# ----------------------------------------------------------------------------- SciPy, 2-D
@pytest.mark.parametrize("x, h", cases_2d(), ids=ids(cases_2d()))
def test_scipy_2d_full_same_valid(x, h):
    (rx, cx), (rh, ch) = x.shape, h.shape
    assert_same(convolve(x, h), scipy_signal.convolve2d(x, h, "full"), (0, 0))
    assert_same(convolve(x, h), scipy_signal.convolve(x, h, "full", method="direct"), (0, 0))
    assert_same(correlate(x, h), scipy_signal.correlate2d(x, h, "full"), (-(rh - 1), -(ch - 1)))
    same_start = ((rh - 1) // 2, (ch - 1) // 2)
    assert_same(convolve(x, h, mode="same"), scipy_signal.convolve2d(x, h, "same"), same_start)
    assert_same(convolve(x, h, mode="same"), scipy_signal.convolve(x, h, "same", method="direct"), same_start)
    assert_same(correlate(x, h, mode="same"), scipy_signal.correlate(x, h, "same", method="direct"),
                (same_start[0] - (rh - 1), same_start[1] - (ch - 1)))
    if rh <= rx and ch <= cx:
        assert_same(convolve(x, h, mode="valid"), scipy_signal.convolve2d(x, h, "valid"), (rh - 1, ch - 1))
        assert_same(correlate(x, h, mode="valid"), scipy_signal.correlate2d(x, h, "valid"), (0, 0))


@pytest.mark.parametrize("x, h", cases_2d(), ids=ids(cases_2d()))
def test_scipy_correlate2d_same_centres_like_matlab(x, h):
    # scipy.signal.correlate2d centres 'same' on the unflipped kernel: for even kernels it is
    # one lag later than scipy.signal.correlate, i.e. symconv's matlab convention.
    ours = correlate(x, h, mode="same", same_convention="matlab")
    assert np.array_equal(as_numbers(ours), scipy_signal.correlate2d(x, h, "same").astype(complex))


def test_reference_image_against_scipy(image_5x5):
    expected = scipy_signal.correlate2d(np.array(image_5x5.x), np.array(image_5x5.h), "valid")
    assert expected.tolist() == image_5x5.expected
    assert correlate(image_5x5.x, image_5x5.h, mode="valid").values == expected.tolist()


def test_reference_fractions_against_numpy(fractions_1d):
    expected = np.convolve([float(v) for v in fractions_1d.x], [float(v) for v in fractions_1d.h])
    ours = convolve(fractions_1d.x, fractions_1d.h).values
    assert [float(v) for v in ours] == expected.tolist()  # dyadic values: floats are exact here


# ----------------------------------------------------------------------------- MATLAB's same
def matlab_same(full: np.ndarray, data_shape: tuple[int, ...], kernel_shape: tuple[int, ...]) -> np.ndarray:
    """conv(x, h, 'same') as MATLAB documents it: the central part of the full result, the size
    of x, starting at floor(size(h) / 2) (0-based) on every axis. Written here independently."""
    index = tuple(slice(k // 2, k // 2 + n) for n, k in zip(data_shape, kernel_shape))
    return full[index]


@pytest.mark.parametrize("x, h", cases_1d(), ids=ids(cases_1d()))
def test_matlab_same_1d(x, h):
    full = np.convolve(x, h)
    assert_same(convolve(x, h, mode="same", same_convention="matlab"),
                matlab_same(full, x.shape, h.shape), len(h) // 2)


@pytest.mark.parametrize("x, h", cases_2d(), ids=ids(cases_2d()))
def test_matlab_same_2d(x, h):
    full = scipy_signal.convolve2d(x, h)
    assert_same(convolve(x, h, mode="same", same_convention="matlab"),
                matlab_same(full, x.shape, h.shape), (h.shape[0] // 2, h.shape[1] // 2))


def test_matlab_and_scipy_same_differ_only_for_even_kernels():
    x = np.arange(1, 8)
    for lh in range(1, 7):
        h = np.arange(1, lh + 1)
        scipy_same = convolve(x, h, mode="same")
        matlab = convolve(x, h, mode="same", same_convention="matlab")
        assert (scipy_same == matlab) is (lh % 2 == 1)


# ----------------------------------------------------------------------------- every case at once
def test_many_random_integer_cases_against_numpy():
    rng = np.random.default_rng(RNG_SEED + 2)
    for lx, lh in itertools.product(range(1, 7), range(1, 7)):
        x, h = integers(rng, lx), integers(rng, lh)
        assert [int(v) for v in convolve(x, h).values] == np.convolve(x, h).tolist()
        assert [int(v) for v in correlate(x, h).values] == np.correlate(x, h, "full").tolist()


@pytest.mark.parametrize("x, h", cases_2d(), ids=ids(cases_2d()))
def test_scipy_correlate2d_same_is_the_matlab_window(x, h):
    # scipy.signal.correlate2d centres even kernels one sample later than scipy.signal.correlate
    signal = pytest.importorskip("scipy.signal")
    expected = signal.correlate2d(x, h, "same")
    result = correlate(x, h, mode="same", same_convention="matlab")
    assert np.array_equal(as_numbers(result), expected.astype(complex))
