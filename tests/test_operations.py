"""symconv.operations: convolve, correlate, flip and circular_convolve, against hand derivations."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sympy import I, Matrix, Rational, Symbol, expand

from symconv import Signal, circular_convolve, convolve, correlate, explain, flip, wrap
from symconv.engine import METHODS
from symconv.errors import InputError

a, b, c = (Symbol(name, real=True) for name in "abc")


# ----------------------------------------------------------------------------- reference examples
def test_reference_convolution(fractions_1d):
    y = convolve(fractions_1d.x, fractions_1d.h)
    assert y.values == fractions_1d.expected
    assert y.start == fractions_1d.start == 0
    assert y.indices == range(0, 6)


@pytest.mark.parametrize("x, h", [
    ("1 0.5 1 1", "1 0.5 0.25"),
    ([1, 0.5, 1, 1], [1, 0.5, 0.25]),
    ([1, Fraction(1, 2), 1, 1], [1, Fraction(1, 2), Fraction(1, 4)]),
    (np.array([1, 0.5, 1, 1]), np.array([1, 0.5, 0.25])),
    (Matrix([[1, Rational(1, 2), 1, 1]]), Matrix([[1, Rational(1, 2), Rational(1, 4)]])),
])
def test_reference_convolution_from_every_input_kind(x, h, fractions_1d):
    y = convolve(x, h)
    assert np.array(y.values, dtype=object).ravel().tolist() == fractions_1d.expected


def test_reference_term_13_8_by_hand(fractions_1d):
    # c[3] = a[0]b[3] + a[1]b[2] + a[2]b[1] + a[3]b[0] = 0 + 1/2 * 1/4 + 1 * 1/2 + 1 * 1
    x, h = fractions_1d.x, fractions_1d.h
    term = Rational(1, 2) * Rational(1, 4) + 1 * Rational(1, 2) + 1 * 1
    assert term == Rational(13, 8) == convolve(x, h)[3]


def test_reference_image(image_5x5):
    y = correlate(image_5x5.x, image_5x5.h, mode="valid")
    assert y.values == image_5x5.expected
    assert y.start == image_5x5.start


def test_reference_image_by_the_definition(image_5x5):
    x, h = np.array(image_5x5.x), np.array(image_5x5.h)
    by_hand = [[int((x[i:i + 3, j:j + 3] * h).sum()) for j in range(3)] for i in range(3)]
    assert by_hand == image_5x5.expected


def test_reference_image_full_correlation_window(image_5x5):
    full = correlate(image_5x5.x, image_5x5.h)
    assert full.start == (-2, -2) and full.shape == (7, 7)
    assert full.window((0, 0), (3, 3)).values == image_5x5.expected


# ----------------------------------------------------------------------------- convolution
def test_small_integer_convolution_by_hand():
    # (1 + 2z + 3z^2)(1 + z) = 1 + 3z + 5z^2 + 3z^3
    assert convolve([1, 2, 3], [1, 1]) == Signal([1, 3, 5, 3])


def test_starts_add():
    y = convolve(Signal([1, 1], start=-1), "1 >2 1")
    assert y == Signal([1, 3, 3, 1], start=-2)
    assert convolve(Signal([1], start=5), Signal([1], start=-7)).start == -2


@pytest.mark.parametrize("mode, convention, values, start", [
    ("full", "scipy", [1, 3, 6, 9, 7, 4], 0),
    ("valid", "scipy", [6, 9], 2),
    ("same", "scipy", [3, 6, 9, 7], 1),
    ("same", "matlab", [3, 6, 9, 7], 1),
    ("same", "numpy", [3, 6, 9, 7], 1),
])
def test_modes_with_odd_kernel(mode, convention, values, start):
    y = convolve([1, 2, 3, 4], [1, 1, 1], mode=mode, same_convention=convention)
    assert y == Signal(values, start=start)


@pytest.mark.parametrize("convention, values, start", [
    ("scipy", [1, 3, 5, 7], 0),     # full is [1, 3, 5, 7, 4]
    ("matlab", [3, 5, 7, 4], 1),
    ("numpy", [1, 3, 5, 7], 0),
])
def test_same_with_even_kernel(convention, values, start):
    y = convolve([1, 2, 3, 4], [1, 1], mode="same", same_convention=convention)
    assert y == Signal(values, start=start)


def test_same_keeps_true_indices_with_shifted_inputs():
    y = convolve(Signal([1, 2, 3, 4], start=10), Signal([1, 1, 1], start=-1), mode="same")
    assert y.start == 10  # a centred kernel (start -1) keeps the data's indices
    assert y.values == [3, 6, 9, 7]


def test_valid_with_equal_lengths_is_one_sample():
    assert convolve([1, 2, 3], [1, 1, 1], mode="valid") == Signal([6], start=2)


def test_symbolic_convolution():
    y = convolve([a, b], [1, c])
    assert y.values == [a, a * c + b, b * c]


def test_gaussian_convolution():
    y = convolve(["1+i", 2], ["i", "1/2"])
    expected = [(1 + I) * I, (1 + I) / 2 + 2 * I, 1]
    assert [expand(u - v) for u, v in zip(y.values, expected)] == [0, 0, 0]


def test_two_dimensional_convolution_by_hand():
    x = [[1, 2], [3, 4]]
    h = [[1, 1], [1, 1]]
    assert convolve(x, h).values == [[1, 3, 2], [4, 10, 6], [3, 7, 4]]
    assert convolve(x, h, mode="valid") == Signal([[10]], start=(1, 1))


def test_three_dimensional_convolution_by_definition():
    x = np.arange(1, 9).reshape(2, 2, 2)
    h = np.array([[[1, -1]]])
    y = convolve(x, h)
    assert y.shape == (2, 2, 3)
    assert y.to_numpy().tolist() == [[[1, 1, -2], [3, 1, -4]], [[5, 1, -6], [7, 1, -8]]]


def test_method_is_recorded():
    y = convolve([1, 2], [3])
    assert y.method in METHODS
    assert convolve([1, 2], [3], method="direct").method == "direct"
    assert convolve([1, 2, 3], [1, 1], mode="valid", method="direct").method == "direct"


@pytest.mark.parametrize("method", sorted(METHODS))
def test_every_method_gives_the_reference(method, fractions_1d):
    try:
        y = convolve(fractions_1d.x, fractions_1d.h, method=method)
    except InputError:
        pytest.skip(f"{method} does not take rationals")  # a path may refuse, never be wrong
    assert y.values == fractions_1d.expected


def test_never_a_float_in_results():
    from sympy import Float

    y = convolve([0.1, 0.2, "a"], [0.5, 1e-3])
    assert not any(v.has(Float) for v in y.values)
    assert y.values[0] == Rational(1, 20)


# ----------------------------------------------------------------------------- correlation
def test_correlation_canonical_order_by_hand():
    # r[l] = sum_m x[l+m] h[m] with h = [0, 1, 1/2] at m = 0..2, x = [1, 2, 3] at 0..2
    r = correlate([1, 2, 3], [0, 1, "1/2"])
    assert r == Signal([Rational(1, 2), 2, Rational(7, 2), 3, 0], start=-2)
    for lag in range(-2, 3):
        assert r[lag] == sum(Signal([1, 2, 3])[lag + m] * Signal([0, 1, "1/2"])[m] for m in range(3))


def test_correlation_conjugates_the_kernel():
    r = correlate([1, 2], ["i", 1])
    # r[l] = x[l] conj(i) + x[l+1] * 1:  l=-1: x[0]=1;  l=0: -i*1 + 2;  l=1: -2i
    assert r == Signal([1, "2 - i", "-2i"], start=-1)


def test_wikipedia_order_is_the_swapped_canonical():
    r = correlate([1, 2], ["i", 1], order="wikipedia")
    assert r == Signal(["2i", "2 + i", 1], start=-1)
    assert r == correlate(["i", 1], [1, 2])


def test_wikipedia_order_mirrors_windows():
    x, h = [1, 2, 3, 4, 5], [1, 0, -1]
    canonical = correlate(x, h, mode="valid")
    wikipedia = correlate(x, h, mode="valid", order="wikipedia")
    assert wikipedia == canonical.flip()


def test_correlation_is_convolution_with_the_flip():
    x, h = Signal([1, "1/2", "a"], start=-1), Signal(["1+i", 2], start=3)
    for mode in ("full", "same", "valid"):
        assert correlate(x, h, mode=mode) == convolve(x, flip(h), mode=mode)


def test_correlation_of_a_centred_kernel_keeps_indices():
    h = Signal([1, 2, 1], start=-1)
    r = correlate([0, 0, 1, 0, 0], h)
    assert r.start == -1 and r[2] == 2 and r[1] == 1 and r[3] == 1


def test_correlate_records_method():
    assert correlate([1, 2], [1], order="wikipedia").method in METHODS


# ----------------------------------------------------------------------------- flip
def test_flip():
    assert flip([1, 2, 3]) == Signal([3, 2, 1], start=-2)
    assert flip(Signal([1, "i"], start=2)) == Signal(["-i", 1], start=-3)
    assert flip("1 >2 3") == Signal([3, 2, 1], start=-1)
    assert flip([[1, 2], [3, 4]]) == Signal([[4, 3], [2, 1]], start=(-1, -1))


# ----------------------------------------------------------------------------- circular
def test_circular_by_hand():
    # y[n] = sum_m x[m] h[(n-m) mod 3]: y[0] = 1 + 3, y[1] = 2 + 1, y[2] = 3 + 2
    assert circular_convolve([1, 2, 3], [1, 1], 3) == Signal([4, 3, 5])


def test_circular_aliasing_when_N_is_short():
    assert circular_convolve([1, 2, 3, 4], [1], 2) == Signal([4, 6])
    assert circular_convolve([1, 2, 3, 4], [1], 1) == Signal([10])


def test_circular_with_long_period_is_zero_padded_linear():
    x, h = [1, 2, 3], ["1/2", 1]
    linear = convolve(x, h)
    assert circular_convolve(x, h, 6) == linear.window(0, 6)


def test_circular_places_samples_at_true_indices():
    # x[-1] = 1, x[0] = 2: index -1 wraps to N-1
    assert circular_convolve(Signal([1, 2], start=-1), [1], 3) == Signal([2, 0, 1])


def test_circular_two_dimensional():
    y = circular_convolve([[1, 2], [3, 4]], [[1, 1]], (2, 2))
    assert y == Signal([[3, 3], [7, 7]])
    assert circular_convolve([[1, 2], [3, 4]], [[1, 1]], 2) == y
    assert circular_convolve([[1, 2], [3, 4]], [[1]], (1, 2)) == Signal([[4, 6]])


def test_circular_accepts_numpy_integer_period():
    assert circular_convolve([1, 2], [1], np.int64(3)) == Signal([1, 2, 0])


def test_circular_symbolic():
    y = circular_convolve([a, b], [1, c], 2)
    assert [expand(v) for v in y.values] == [a + b * c, a * c + b]


# ----------------------------------------------------------------------------- misuse
def test_dimensions_must_match():
    with pytest.raises(InputError):
        convolve([1, 2], [[1]])


def test_issue_14_valid_kernel_longer_than_the_data():
    # numpy.correlate([1, 1], [1, 2, 3, 4, 5, 6], "valid") == [11, 9, 7, 5, 3]; by hand, lag l sums
    # x[l + m] h[m]: l = -4 pairs x[0], x[1] with h[4], h[5] (5 + 6), l = 0 with h[0], h[1] (1 + 2)
    assert correlate([1, 1], [1, 2, 3, 4, 5, 6], mode="valid") == Signal([11, 9, 7, 5, 3], start=-4)
    assert correlate([1, 1], [1, 2, 3, 4, 5, 6], mode="valid", order="wikipedia") == Signal([3, 5, 7, 9, 11], start=0)
    assert convolve([1, 2], [1, 2, 3], mode="valid") == Signal([4, 7], start=1)  # 2*1 + 1*2, 2*2 + 1*3
    with pytest.raises(InputError):
        convolve([[1, 2]], [[1], [2]], mode="valid")  # longer on axis 0, shorter on axis 1


def test_issue_14_worked_solution_reports_the_valid_window():
    derivation = explain([1, 1], [1, 2, 3, 4, 5, 6], op="correlate", mode="valid")
    lines = derivation.text().splitlines()
    assert ("Mode valid, the data inside the longer kernel: of the full result (-5..1) keep -4..0 "
            "(offset 1, length 5).") in lines
    assert lines[-1] == "Result y: n = -4..0: 11, 9, 7, 5, 3"
    assert ("(only where the data lies wholly inside the longer kernel, as NumPy and SciPy do): of the "
            "full result, $n = -5, \\dots, 1$, keep $n = -4, \\dots, 0$") in derivation.latex()


def test_unknown_method():
    with pytest.raises(InputError):
        convolve([1], [1], method="magic")


@given(values=st.lists(st.integers(-9, 9), min_size=1, max_size=12), start=st.integers(-20, 20),
       period=st.integers(1, 7))
def test_wrap_adds_the_samples_equal_modulo_n(values, start, period):
    expected = [sum(v for k, v in enumerate(values) if (start + k) % period == i) for i in range(period)]
    assert wrap(Signal(values, start=start), period) == Signal(expected, start=0)


def test_wrap_in_two_dimensions_and_bad_periods():
    assert wrap([[1, 2, 3], [4, 5, 6]], (1, 2)) == Signal([[1 + 3 + 4 + 6, 2 + 5]], start=(0, 0))
    with pytest.raises(InputError, match="^N: 0 is not a positive integer$"):
        wrap([1, 2], 0)
