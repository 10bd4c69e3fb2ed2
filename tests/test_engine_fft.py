"""The exact FFT path against the defining sum, at and around the edge of its error bound.

The bound (Percival's, symconv/engine/fft.py) is computed from shapes and largest values
only, so the edge is a value ``M`` where it is just below 1/2 and ``M + 1`` where it is not:
inputs of magnitude ``M`` are convolved in one limb, ``M + 1`` in several, and both must be
exact; ``decide`` must switch exactly there.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symconv
from symconv.engine.fast import Profile, decide
from symconv.engine.fft import (
    LEVELS,
    SQRT5_ABOVE,
    TWIDDLE_ERROR,
    UNIT_ROUNDOFF,
    convolve_fft,
    fast_length,
    fft_is_exact,
    fft_levels,
    limb_bits,
    limb_plan,
    squared_error_bound,
)


def reference(x, h):
    """``y[n] = sum_m x[m] h[n - m]`` over N-D indices, with Python ints (or complex of ints)."""
    shape = tuple(a + b - 1 for a, b in zip(x.shape, h.shape))
    out = np.zeros(shape, dtype=object)
    for index_h in itertools.product(*(range(n) for n in h.shape)):
        window = tuple(slice(i, i + n) for i, n in zip(index_h, x.shape))
        out[window] += x.astype(object) * h[index_h]
    return out


def gaussian_reference(x_re, x_im, h_re, h_im):
    real = reference(x_re, h_re) - reference(x_im, h_im)
    return real, reference(x_re, h_im) + reference(x_im, h_re)


def edge(x_shape, h_shape, complex_values):
    """The largest M with the bound below 1/2 for max|x| = max|h| = M (bisection on the exact test)."""
    low, high = 1, 2**53
    assert fft_is_exact(x_shape, h_shape, low, low, complex_values)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if fft_is_exact(x_shape, h_shape, middle, middle, complex_values) else (low, middle)
    return low


def five_smooth(n):
    for p in (2, 3, 5):
        while n % p == 0:
            n //= p
    return n == 1


shapes = st.integers(1, 3).flatmap(lambda ndim: st.tuples(
    st.lists(st.integers(1, 9), min_size=ndim, max_size=ndim).map(tuple),
    st.lists(st.integers(1, 9), min_size=ndim, max_size=ndim).map(tuple)))


def int_array(draw, shape, largest, hit=True):
    """An int array of ``shape`` with values in [-largest, largest], one of them +-largest if ``hit``."""
    values = draw(st.lists(st.integers(-largest, largest), min_size=math.prod(shape), max_size=math.prod(shape)))
    if hit:
        values[draw(st.integers(0, len(values) - 1))] = draw(st.sampled_from([largest, -largest]))
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array.reshape(shape)


# ----------------------------------------------------------------------------- sizes and levels


@given(st.integers(1, 5000))
def test_fast_length_is_the_next_five_smooth_number(n):
    length = fast_length(n)
    assert length >= n and five_smooth(length)
    assert not any(five_smooth(m) for m in range(n, length))


@given(st.integers(0, 12), st.integers(0, 6), st.integers(0, 5))
def test_levels_charge_each_pass_of_pocketfft(a, b, c):
    assert fft_levels(2**a * 3**b * 5**c) == a * LEVELS[2] + b * LEVELS[3] + c * LEVELS[5]
    assert LEVELS[4] == 2 * LEVELS[2]


def test_levels_refuse_a_length_pocketfft_would_not_do_with_passes_of_2_to_5():
    with pytest.raises(ValueError, match="^7 is not 5-smooth$"):
        fft_levels(14)


@pytest.mark.parametrize("levels", [0, 1, 10, 21, 40, 60])
def test_bound_factor_is_above_percivals_product(levels):
    # The exact (1+u)^(3k) (1+sqrt5 u)^(3k+1) (1+beta)^(3k) (1+u)^2 - 1, sqrt 5 rounded up.
    u, k = UNIT_ROUNDOFF, levels
    product = (1 + u) ** (3 * k + 2) * (1 + SQRT5_ABOVE * u) ** (3 * k + 1) * (1 + TWIDDLE_ERROR) ** (3 * k) - 1
    assert SQRT5_ABOVE**2 > 5
    n = 2**levels  # a length of `levels` radix-2 levels; x = [1], ||h|| = sqrt(n)
    assert fft_levels(fast_length(n)) == levels
    bound = squared_error_bound((1,), (n,), 1, 1, False)
    assert n * product**2 <= bound < n * (product * Fraction(1001, 1000)) ** 2


# ----------------------------------------------------------------------------- exact results


@given(data=st.data(), pair=shapes, bits=st.sampled_from([1, 8, 20, 40, 70]))
def test_convolve_fft_equals_the_direct_sum(data, pair, bits):
    x = int_array(data.draw, pair[0], 2**bits - 1)
    h = int_array(data.draw, pair[1], data.draw(st.sampled_from([1, 1000, 2**bits - 1])))
    real, imag = convolve_fft(x, None, h, None)
    assert imag is None and real.tolist() == reference(x, h).tolist()


@given(data=st.data(), pair=shapes, bits=st.sampled_from([1, 10, 30, 60]), complex_h=st.booleans())
def test_convolve_fft_of_gaussian_integers_equals_the_direct_sum(data, pair, bits, complex_h):
    largest = 2**bits - 1
    x_re, x_im = int_array(data.draw, pair[0], largest), int_array(data.draw, pair[0], largest)
    h_re = int_array(data.draw, pair[1], largest)
    h_im = int_array(data.draw, pair[1], largest) if complex_h else None
    real, imag = convolve_fft(x_re, x_im, h_re, h_im)
    expected = gaussian_reference(x_re, x_im, h_re, h_im if complex_h else np.zeros(pair[1], dtype=object))
    assert (real.tolist(), imag.tolist()) == (expected[0].tolist(), expected[1].tolist())


@settings(max_examples=60)
@given(data=st.data(), pair=shapes, complex_values=st.booleans())
def test_issue_19_exact_just_inside_and_just_outside_the_bound(data, pair, complex_values):
    x_shape, h_shape = pair
    largest = edge(x_shape, h_shape, complex_values)
    inside, outside = largest, largest + 1
    assert fft_is_exact(x_shape, h_shape, inside, inside, complex_values)
    assert not fft_is_exact(x_shape, h_shape, outside, outside, complex_values)
    # inside: one limb; outside: the values are split
    assert limb_plan(x_shape, h_shape, inside, inside, complex_values) == inside.bit_length()
    assert limb_plan(x_shape, h_shape, outside, outside, complex_values) < outside.bit_length()
    for value in (inside, outside):
        # worst case: every sample at full magnitude (signs drawn), so every output is large
        signs = st.sampled_from([value, -value])
        size_x, size_h = math.prod(x_shape), math.prod(h_shape)
        x_re = np.array(data.draw(st.lists(signs, min_size=size_x, max_size=size_x)), dtype=object).reshape(x_shape)
        h_re = np.array(data.draw(st.lists(signs, min_size=size_h, max_size=size_h)), dtype=object).reshape(h_shape)
        if complex_values:
            x_im, h_im = -x_re, np.full(h_shape, value, dtype=object)
            expected = gaussian_reference(x_re, x_im, h_re, h_im)
            real, imag = convolve_fft(x_re, x_im, h_re, h_im)
            assert (real.tolist(), imag.tolist()) == (expected[0].tolist(), expected[1].tolist())
        else:
            assert convolve_fft(x_re, None, h_re, None)[0].tolist() == reference(x_re, h_re).tolist()


@pytest.mark.parametrize("complex_values", [False, True])
@pytest.mark.parametrize("shapes_pair", [((2000,), (2000,)), ((40, 40), (7, 7))])
def test_issue_19_the_bound_is_what_decides(shapes_pair, complex_values):
    x_shape, h_shape = shapes_pair
    largest = edge(x_shape, h_shape, complex_values)
    kind = "gaussian" if complex_values else "integer"
    assert decide(Profile(kind, x_shape, largest), Profile(kind, h_shape, largest), flint=True) == "fft"
    assert decide(Profile(kind, x_shape, largest + 1), Profile(kind, h_shape, largest + 1), flint=True) != "fft"
    # and the bound is the documented formula: ||x|| ||h|| factor, norms from max * sqrt(size)
    parts = 2 if complex_values else 1
    sizes = parts**2 * math.prod(x_shape) * math.prod(h_shape)
    factor = squared_error_bound(x_shape, h_shape, 1, 1, complex_values) / sizes
    assert squared_error_bound(x_shape, h_shape, largest, largest, complex_values) == largest**4 * sizes * factor


def test_limb_bits_refuses_sizes_no_limb_can_serve():
    with pytest.raises(ValueError, match=r"^no float64 FFT of shapes \(1000000000000000000,\) and "
                                         r"\(1000000000000000000,\) has a bound below 1/2$"):
        limb_bits((10**18,), (10**18,), False)


def test_zero_operands_give_zeros():
    real, imag = convolve_fft(np.array([0, 0]), None, np.array([5]), np.array([1]))
    assert real.tolist() == [0, 0] and imag.tolist() == [0, 0]


# ----------------------------------------------------------------------------- through convolve


def test_issue_19_large_integer_signals_take_the_fft_path():
    rng = np.random.default_rng(19)
    x, h = rng.integers(-1000, 1001, 3000), rng.integers(-1000, 1001, 2000)
    y = symconv.convolve(x, h)
    assert y.method == "fft"
    assert y.samples.real.tolist() == np.convolve(x, h).tolist()  # int64 direct sum: |y| < 2**63


def test_issue_19_images_with_rational_kernels_take_the_fft_path():
    rng = np.random.default_rng(190)
    image = rng.integers(0, 256, (60, 50))
    kernel = [[Fraction(int(p), 1000) for p in row] for row in rng.integers(-1000, 1001, (9, 9))]
    y = symconv.convolve(image, kernel, mode="same")
    assert y.method == "fft"
    direct = symconv.convolve(image, kernel, mode="same", method="direct")
    assert (y.values, y.start) == (direct.values, direct.start)


def test_issue_19_forced_fft_is_exact_beyond_the_bound():
    x, h = [2**70 + 1, -(3**40)], [5**30, 1, "1/2"]
    y = symconv.convolve(x, h, method="fft")
    assert (y.method, y.values) == ("fft", symconv.convolve(x, h, method="direct").values)
    z = symconv.convolve(["1+2i", "3/7"], ["i", 2**60], method="fft")
    assert z.values == symconv.convolve(["1+2i", "3/7"], ["i", 2**60], method="direct").values


def test_issue_19_complex_arrays_read_in_bulk_and_take_the_fft_path():
    rng = np.random.default_rng(1919)
    x = rng.integers(-1000, 1001, 2000) + 1j * rng.integers(-1000, 1001, 2000)
    h = rng.integers(-1000, 1001, 1500) + 1j * rng.integers(-1000, 1001, 1500)
    y = symconv.convolve(x, h)
    expected = np.convolve(x, h)  # float64 direct sums: every partial sum is an integer below 2**53
    assert y.method == "fft"
    assert y.samples.real.tolist() == expected.real.astype(np.int64).tolist()
    assert y.samples.imag.tolist() == expected.imag.astype(np.int64).tolist()
    assert symconv.convolve(np.array([0.5, 1.0]), [1]).values == [Fraction(1, 2), 1]  # not integers: one by one
