"""symconv against numpy.convolve / numpy.correlate and scipy.signal, on small integer cases.

NumPy and SciPy report no indices; symconv does. Where both start at n = 0, a window of the
full result at offset k starts at index k (convolution) or at k - (L_h - 1) (correlation, whose
full result starts at lag -(L_h - 1)). Each comparison checks the values AND that start.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symconv import Signal, convolve, correlate
from symconv.errors import InputError

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


# ----------------------------------------------------------------------------- every mode, Hypothesis
# Issue 14, item 4: NumPy's and SciPy's answer in every mode, the kernel longer than the data
# included (valid mode then keeps the lags where the data lies wholly inside the kernel). Where
# each window starts is derived here from the definitions, never asked of symconv.conventions.
small = st.integers(-9, 9)
HYPOTHESIS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def arrays(draw, ndim, complex_=None, max_length=7):
    shape = tuple(draw(st.integers(1, max_length)) for _ in range(ndim))
    size = int(np.prod(shape))
    values = np.array(draw(st.lists(small, min_size=size, max_size=size)), dtype=np.int64).reshape(shape)
    if complex_ if complex_ is not None else draw(st.booleans()):
        imag = np.array(draw(st.lists(small, min_size=size, max_size=size)), dtype=np.int64)
        values = values + 1j * imag.reshape(shape)
    return values


def valid_indices(shape_x, shape_h, correlation):
    """Per axis, the output indices (operands starting at 0) where the shorter operand lies wholly
    inside the longer, found by trying every index: convolution pairs x[m] with h[n - m],
    correlation x[l + m] with h[m]."""
    ranges = []
    for lx, lh in zip(shape_x, shape_h):
        def partners(n):  # the x indices the kernel's samples meet, and the h indices the data's meet
            if correlation:
                return [n + m for m in range(lh)], [k - n for k in range(lx)]
            return [n - m for m in range(lh)], [n - k for k in range(lx)]
        inside = [n for n in range(-lx - lh, lx + lh)
                  if all(0 <= i < lx for i in partners(n)[0]) or all(0 <= j < lh for j in partners(n)[1])]
        ranges.append(inside)
    return ranges


def mixed(shape_x, shape_h):
    return any(lh > lx for lx, lh in zip(shape_x, shape_h)) and any(lh < lx for lx, lh in zip(shape_x, shape_h))


@HYPOTHESIS
@given(arrays(1), arrays(1), st.sampled_from(["full", "same", "valid"]))
def test_issue_14_numpy_every_mode_both_orders(x, h, mode):
    lx, lh = len(x), len(h)
    conv = convolve(x, h, mode=mode, same_convention="numpy")
    corr = correlate(x, h, mode=mode, same_convention="numpy")
    expected_conv, expected_corr = np.convolve(x, h, mode), np.correlate(x, h, mode)
    if mode == "full":
        conv_start, corr_start = 0, -(lh - 1)
    elif mode == "valid":
        conv_start, corr_start = (valid_indices((lx,), (lh,), c)[0][0] for c in (False, True))
        assert len(expected_conv) == len(valid_indices((lx,), (lh,), False)[0])
    else:  # numpy's same: max(lx, lh) samples, centred on the shorter; correlate mirrors it
        offset = (min(lx, lh) - 1) // 2
        conv_start = offset
        corr_start = (offset if lh <= lx else lx - 1 - offset) - (lh - 1)
    assert_same(conv, expected_conv, conv_start)
    assert_same(corr, expected_corr, corr_start)
    # Wikipedia's order sum_m conj(x[m]) h[m + l]: the mirror image of the canonical result,
    # and numpy.correlate(h, x) wherever the window is symmetric (full, valid)
    wikipedia = correlate(x, h, mode=mode, order="wikipedia", same_convention="numpy")
    assert_same(wikipedia, np.conj(expected_corr[::-1]), -(corr_start + len(expected_corr) - 1))
    if mode != "same":
        assert np.array_equal(as_numbers(wikipedia), np.correlate(h, x, mode).astype(complex))


@HYPOTHESIS
@given(arrays(1), arrays(1), st.sampled_from(["full", "same", "valid"]))
def test_issue_14_scipy_1d_every_mode_both_orders(x, h, mode):
    lx, lh = len(x), len(h)
    conv = convolve(x, h, mode=mode)
    corr = correlate(x, h, mode=mode)
    expected_conv = scipy_signal.convolve(x, h, mode, method="direct")
    expected_corr = scipy_signal.correlate(x, h, mode, method="direct")
    if mode == "full":
        conv_start, corr_start = 0, -(lh - 1)
    elif mode == "valid":
        conv_start, corr_start = (valid_indices((lx,), (lh,), c)[0][0] for c in (False, True))
    else:  # scipy's same: the size of x, centred on the full result
        conv_start, corr_start = (lh - 1) // 2, (lh - 1) // 2 - (lh - 1)
    assert_same(conv, expected_conv, conv_start)
    assert_same(corr, expected_corr, corr_start)
    assert_same(convolve(x, h, mode=mode), scipy_signal.convolve(x, h, mode, method="fft").round(), conv_start)
    wikipedia = correlate(x, h, mode=mode, order="wikipedia")
    assert_same(wikipedia, np.conj(expected_corr[::-1]), -(corr_start + len(expected_corr) - 1))


@HYPOTHESIS
@given(arrays(2, max_length=4), arrays(2, max_length=4), st.sampled_from(["full", "same", "valid"]))
def test_issue_14_scipy_2d_every_mode_both_orders(x, h, mode):
    if mode == "valid" and mixed(x.shape, h.shape):
        with pytest.raises(InputError):
            correlate(x, h, mode=mode)
        with pytest.raises(ValueError):  # SciPy refuses these shapes too
            scipy_signal.correlate2d(x, h, mode)
        return
    full_corr_start = tuple(-(n - 1) for n in h.shape)
    if mode == "full":
        conv_start, corr_start, corr2d_start = (0, 0), full_corr_start, full_corr_start
    elif mode == "valid":
        conv_start = tuple(axis[0] for axis in valid_indices(x.shape, h.shape, False))
        corr_start = corr2d_start = tuple(axis[0] for axis in valid_indices(x.shape, h.shape, True))
    else:  # scipy.signal: centred on (L_h - 1) // 2; correlate2d centres even kernels like MATLAB
        conv_start = tuple((n - 1) // 2 for n in h.shape)
        corr_start = tuple((n - 1) // 2 - (n - 1) for n in h.shape)
        corr2d_start = tuple(n // 2 - (n - 1) for n in h.shape)
    assert_same(convolve(x, h, mode=mode), scipy_signal.convolve2d(x, h, mode), conv_start)
    assert_same(convolve(x, h, mode=mode), scipy_signal.convolve(x, h, mode, method="direct"), conv_start)
    corr = correlate(x, h, mode=mode)
    expected_corr = scipy_signal.correlate(x, h, mode, method="direct")
    assert_same(corr, expected_corr, corr_start)
    same_convention = "matlab" if mode == "same" else "scipy"
    corr2d = scipy_signal.correlate2d(x, h, mode)
    if mode == "valid" and any(lh > lx for lx, lh in zip(x.shape, h.shape)):
        # correlate2d swaps such operands and conjugates the data instead of the kernel (SciPy
        # 1.17: in2.conj() after the swap), so for complex values it returns the conjugate of
        # numpy.correlate's and scipy.signal.correlate's answer; symconv gives theirs
        corr2d = corr2d if np.isrealobj(x) and np.isrealobj(h) else np.conj(corr2d)
    assert_same(correlate(x, h, mode=mode, same_convention=same_convention), corr2d, corr2d_start)
    wikipedia = correlate(x, h, mode=mode, order="wikipedia")
    assert_same(wikipedia, np.conj(expected_corr[::-1, ::-1]),
                tuple(-(s + n - 1) for s, n in zip(corr_start, expected_corr.shape)))


def test_issue_14_valid_kernel_longer_than_data():
    assert correlate([1, 1], [1, 2, 3, 4, 5, 6], mode="valid") == Signal([11, 9, 7, 5, 3], start=-4)
    assert np.correlate([1, 1], [1, 2, 3, 4, 5, 6], "valid").tolist() == [11, 9, 7, 5, 3]
    assert convolve([1, 1], [1, 2, 3, 4, 5, 6], mode="valid") == Signal([3, 5, 7, 9, 11], start=1)
