"""Fast integer convolution kernels against the defining sum, computed with Python ints.

Every kernel (float64 and int64 machine words, python-flint, Kronecker packing, Gaussian
parts) is property-tested against an independent N-D direct sum, including inputs exactly
at the edge of each exactness bound (``2**53``, ``2**63 - 1``, the width of a packed slot).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from symconv.engine.flint_path import convolve_flint, flint_available
from symconv.engine.gaussian import convolve_gaussian
from symconv.engine.kronecker import convolve_kronecker, flatten_operands, slot_bytes
from symconv.engine.machine import (
    FLOAT64_EXACT_MAX,
    convolve_float64,
    convolve_int64,
    convolve_machine,
)
from symconv.intarrays import (
    INT64_MAX,
    add_exact,
    as_int_array,
    full_shape,
    magnitude_bound,
    max_abs,
    subtract_exact,
)

EXACT_KERNELS = [convolve_kronecker, convolve_flint]


def reference(x, h):
    """``y[n] = sum_m x[m] h[n - m]`` over N-D indices, with Python ints only."""
    x, h = np.asarray(x, dtype=object), np.asarray(h, dtype=object)
    y = np.zeros(full_shape(x.shape, h.shape), dtype=object)
    for m in itertools.product(*map(range, x.shape)):
        for k in itertools.product(*map(range, h.shape)):
            n = tuple(a + b for a, b in zip(m, k))
            y[n] = y[n] + int(x[m]) * int(h[k])
    return y


def same_ints(result, expected):
    """Same shape and the same integers, each a Python int or an int64."""
    assert result.dtype in (np.int64, object)
    assert result.shape == expected.shape
    assert [int(v) for v in result.flat] == [int(v) for v in expected.flat]
    return True


def int_arrays(magnitude, max_dims=3, max_side=4):
    """Pairs of integer arrays with the same number of axes, entries in [-magnitude, magnitude]."""
    values = st.integers(-magnitude, magnitude)

    @st.composite
    def pairs(draw):
        ndim = draw(st.integers(1, max_dims))
        shapes = [tuple(draw(st.integers(1, max_side)) for _ in range(ndim)) for _ in range(2)]
        arrays = []
        for shape in shapes:
            flat = draw(st.lists(values, min_size=int(np.prod(shape)), max_size=int(np.prod(shape))))
            arrays.append(as_int_array(np.array(flat, dtype=object).reshape(shape)))
        return arrays

    return pairs()


# ---------------------------------------------------------------- integer arrays and bounds


def test_as_int_array_keeps_machine_ints_and_promotes_the_rest():
    assert as_int_array(np.array([1, 2], dtype=np.uint8)).dtype == np.int64
    assert as_int_array(np.array([True, False])).tolist() == [1, 0]
    assert as_int_array([INT64_MAX, -INT64_MAX]).dtype == np.int64
    low = as_int_array(np.array([-(2**63)], dtype=np.int64))
    assert low.dtype == object and low[0] == -(2**63)
    high = as_int_array(np.array([2**64 - 1], dtype=np.uint64))
    assert high.dtype == object and high[0] == 2**64 - 1
    assert as_int_array([[2**70], [1]]).shape == (2, 1)


@pytest.mark.parametrize("dtype", ["i1", "i2", ">i4", "<i8", "u1", ">u8", "bool"])
@given(data=st.data())
def test_max_abs_matches_python_for_every_integer_dtype(dtype, data):
    info = np.iinfo(np.int64 if dtype == "bool" else np.dtype(dtype))
    low, high = (0, 1) if dtype == "bool" else (int(info.min), int(info.max))
    edges = st.sampled_from([low, high, low + 1, 0, 1])
    values = data.draw(st.lists(st.integers(low, high) | edges, min_size=1, max_size=20))
    array = np.array(values, dtype=dtype)
    assert max_abs(array) == max(abs(int(v)) for v in array.tolist())
    assert max_abs(np.array(values, dtype=object)) == max(abs(v) for v in values)


@pytest.mark.parametrize("bad", [[1.5], [0.5, 1], np.array([1.0])])
def test_as_int_array_refuses_non_integers(bad):
    with pytest.raises(TypeError):
        as_int_array(bad)


@given(int_arrays(2**70))
def test_magnitude_bound_bounds_every_output(pair):
    x, h = pair
    expected = reference(x, h)
    bound = magnitude_bound(x, h)
    assert all(abs(v) <= bound for v in expected.flat)
    largest = max(abs(int(v)) for v in x.flat) * max(abs(int(v)) for v in h.flat)
    assert bound <= largest * min(x.size, h.size)


@given(int_arrays(2**64, max_dims=2))
def test_add_and_subtract_never_wrap(pair):
    x, h = pair
    h = as_int_array(np.resize(h, x.shape))
    assert same_ints(add_exact(x, h), x.astype(object) + h.astype(object))
    assert same_ints(subtract_exact(x, h), x.astype(object) - h.astype(object))


# ---------------------------------------------------------------- machine words


@given(int_arrays(2**30))
def test_machine_paths_are_exact_inside_their_bounds_and_decline_outside(pair):
    x, h = pair
    bound = magnitude_bound(x, h)
    expected = reference(x, h)
    for kernel, limit in ((convolve_float64, FLOAT64_EXACT_MAX), (convolve_int64, INT64_MAX)):
        result = kernel(x, h)
        if bound <= limit:
            assert result.dtype == np.int64 and same_ints(result, expected)
        else:
            assert result is None
    machine = convolve_machine(x, h)
    assert machine is None if bound > INT64_MAX else same_ints(machine, expected)


def test_float64_at_its_edge_two_to_the_53():
    x = as_int_array([2**26, 2**26])
    y = convolve_float64(x, x)
    assert y.tolist() == [2**52, 2**53, 2**52]
    one_more = as_int_array([2**26, 2**26 + 1])
    assert magnitude_bound(x, one_more) > FLOAT64_EXACT_MAX
    assert convolve_float64(x, one_more) is None
    assert convolve_int64(x, one_more).tolist() == [2**52, 2**53 + 2**26, 2**52 + 2**26]


def test_float64_declines_where_numpy_float_rounds():
    x, h = as_int_array([2**53 + 1]), as_int_array([1])
    assert np.convolve(x.astype(float), h.astype(float))[0] == 2**53  # numpy rounds silently
    assert convolve_float64(x, h) is None
    assert convolve_machine(x, h).tolist() == [2**53 + 1]


def int64_edge_factors():
    a, b = 7 * 73 * 127 * 337, 92737 * 649657
    assert 7 * a * b == INT64_MAX
    return a, b


@pytest.mark.parametrize("sign", [1, -1])
def test_int64_at_its_edge_two_to_the_63_minus_1(sign):
    a, b = int64_edge_factors()
    x, h = as_int_array([sign * a] * 7), as_int_array([b] * 7)
    assert magnitude_bound(x, h) == INT64_MAX
    y = convolve_int64(x, h)
    assert y[6] == sign * INT64_MAX and same_ints(y, reference(x, h))
    assert same_ints(convolve_machine(x, h), reference(x, h))


def test_int64_declines_one_past_its_edge():
    a, b = int64_edge_factors()
    x, h = as_int_array([a] * 7), as_int_array([b] * 6 + [b + 1])
    assert magnitude_bound(x, h) == INT64_MAX + a
    assert convolve_int64(x, h) is None and convolve_machine(x, h) is None
    wrapped = np.convolve(x, h)[6]  # what NumPy's int64 would silently give
    assert int(wrapped) != INT64_MAX + a


def test_machine_2d_matches_the_reference_image():
    image = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]])
    kernel = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])
    full = convolve_machine(image, kernel)
    assert full[2:5, 2:5].tolist() == [[4, 3, 4], [2, 4, 3], [2, 3, 4]]  # symmetric kernel
    assert same_ints(full, reference(image, kernel))


def test_zero_operand_gives_zeros_whatever_the_other_holds():
    x, h = as_int_array([2**100, -(2**90)]), as_int_array([0, 0, 0])
    assert magnitude_bound(x, h) == 0
    for kernel in (convolve_float64, convolve_int64, *EXACT_KERNELS):
        assert kernel(x, h).tolist() == [0, 0, 0, 0]


# ---------------------------------------------------------------- big-integer paths


@pytest.mark.parametrize("kernel", EXACT_KERNELS)
@given(pair=int_arrays(2**200))
def test_exact_kernels_match_the_direct_sum_on_big_integers(kernel, pair):
    x, h = pair
    assert same_ints(kernel(x, h), reference(x, h))


@pytest.mark.parametrize("kernel", EXACT_KERNELS)
@given(pair=int_arrays(300))
def test_exact_kernels_match_the_direct_sum_on_small_integers(kernel, pair):
    x, h = pair
    result = kernel(x, h)
    assert result.dtype == np.int64 and same_ints(result, reference(x, h))


EDGES = [0, 1, 127, 128, 255, 256, 2**15 - 1, 2**15, 2**31 - 1, 2**53, 2**62, 2**63 - 1, 2**63, 2**64]


@pytest.mark.parametrize("kernel", EXACT_KERNELS)
@settings(max_examples=200)
@given(
    x=st.lists(st.sampled_from(EDGES).flatmap(lambda v: st.sampled_from([v, -v])), min_size=1, max_size=5),
    h=st.lists(st.sampled_from([1, -1, 2, 3]), min_size=1, max_size=5),
)
def test_exact_kernels_at_slot_and_word_edges(kernel, x, h):
    x, h = as_int_array(x), as_int_array(h)
    expected = reference(x, h)
    result = kernel(x, h)
    assert same_ints(result, expected)
    assert result.dtype == (np.int64 if magnitude_bound(x, h) <= INT64_MAX else object)


@pytest.mark.parametrize("bound, width", [(0, 1), (127, 1), (128, 2), (2**63 - 1, 8), (2**63, 9)])
def test_slot_width_holds_signed_values_up_to_the_bound(bound, width):
    assert slot_bytes(bound) == width
    assert -(2 ** (8 * width - 1)) < -bound and bound < 2 ** (8 * width - 1)


def test_kronecker_slot_exactly_full():
    # bound 127 packs into one byte per slot; every digit of the product is at +-127.
    x, h = as_int_array([127, -127, 127]), as_int_array([1])
    assert slot_bytes(magnitude_bound(x, h)) == 1
    assert convolve_kronecker(x, h).tolist() == [127, -127, 127]


def test_flatten_operands_places_samples_at_output_strides():
    x, h = np.arange(6).reshape(2, 3), np.ones((2, 2), dtype=np.int64)
    x_flat, h_flat, shape = flatten_operands(x, h)
    assert shape == (3, 4)
    assert x_flat.tolist() == [0, 1, 2, 0, 3, 4, 5]
    assert h_flat.tolist() == [1, 1, 0, 0, 1, 1]
    assert len(x_flat) + len(h_flat) - 1 == 12


def test_flint_is_available_here():
    assert flint_available()


def test_long_signals_agree_across_paths():
    rng = np.random.default_rng(8)
    x, h = rng.integers(-(10**6), 10**6, 3000), rng.integers(-(10**6), 10**6, 2000)
    flint = convolve_flint(x, h)
    assert np.array_equal(flint, convolve_kronecker(x, h))
    assert np.array_equal(flint, convolve_machine(x, h))
    assert int(flint[1234]) == sum(int(x[m]) * int(h[1234 - m]) for m in range(1235))


# ---------------------------------------------------------------- Gaussian integers


def complex_reference(x_re, x_im, h_re, h_im):
    real = reference(x_re, h_re) - reference(x_im, h_im)
    imag = reference(x_re, h_im) + reference(x_im, h_re)
    return real, imag


@pytest.mark.parametrize("products", [3, 4])
@pytest.mark.parametrize("kernel", [convolve_machine, *EXACT_KERNELS])
@given(parts=st.tuples(int_arrays(2**40, max_dims=2), int_arrays(2**40, max_dims=2)))
def test_gaussian_matches_the_complex_direct_sum(products, kernel, parts):
    (x_re, h_re), (x_im, h_im) = parts
    x_im = as_int_array(np.resize(x_im, x_re.shape).astype(object))
    h_im = as_int_array(np.resize(h_im, h_re.shape).astype(object))
    if x_re.ndim != x_im.ndim:
        return
    result = convolve_gaussian(x_re, x_im, h_re, h_im, kernel, products=products)
    if result is None:
        assert kernel is convolve_machine
        return
    expected = complex_reference(x_re, x_im, h_re, h_im)
    assert same_ints(result[0], expected[0]) and same_ints(result[1], expected[1])


def test_gaussian_with_real_operands_needs_fewer_products():
    calls = []

    def counting(x, h):
        calls.append((x.tolist(), h.tolist()))
        return convolve_kronecker(x, h)

    x_re, x_im, h = as_int_array([1, 2]), as_int_array([3, 4]), as_int_array([5, -1])
    real, imag = convolve_gaussian(x_re, x_im, h, None, counting)
    assert (real.tolist(), imag.tolist()) == ([5, 9, -2], [15, 17, -4])
    assert len(calls) == 2
    real, imag = convolve_gaussian(h, None, h, None, counting)
    assert (real.tolist(), imag) == ([25, -10, 1], None) and len(calls) == 3


def test_gaussian_declines_when_its_kernel_declines():
    big = as_int_array([2**40])
    assert convolve_gaussian(big, big, big, big, convolve_machine) is None
    assert convolve_gaussian(big, big, big, big, convolve_flint)[1].tolist() == [2**81]
    with pytest.raises(ValueError):
        convolve_gaussian(big, big, big, big, convolve_flint, products=2)


# ---------------------------------------------------------------- engine methods and dispatch

from fractions import Fraction  # noqa: E402

import symconv  # noqa: E402
from symconv.engine import METHODS, choose_method  # noqa: E402
from symconv.engine.direct import convolve_direct  # noqa: E402
from symconv.engine.fast import FAST_METHODS, Profile, decide, profile  # noqa: E402
from symconv.exact import to_exact, to_exact_samples  # noqa: E402
from symconv.samples import RationalSamples  # noqa: E402


def as_fractions(samples):
    """Exact values of rational samples as (real, imag) Fraction pairs, flat."""
    q = samples.denominator
    imag = samples.imag if samples.imag is not None else np.zeros(samples.shape, dtype=object)
    return [(Fraction(int(a), q), Fraction(int(b), q)) for a, b in zip(samples.real.flat, imag.flat)]


gaussian_values = st.tuples(st.fractions(max_denominator=50), st.fractions(max_denominator=50))


@st.composite
def rational_pairs(draw, complex_values):
    ndim = draw(st.integers(1, 2))
    pair = []
    for _ in range(2):
        shape = tuple(draw(st.integers(1, 4)) for _ in range(ndim))
        size = int(np.prod(shape))
        values = draw(st.lists(gaussian_values, min_size=size, max_size=size))
        if not complex_values:
            values = [(re, Fraction(0)) for re, _ in values]
        pair.append(RationalSamples.from_fractions(values, shape))
    return pair


@pytest.mark.parametrize("name", sorted(FAST_METHODS))
@given(pair=st.booleans().flatmap(rational_pairs))
def test_every_fast_method_equals_direct(name, pair):
    x, h = pair
    expected = convolve_direct(x, h)
    try:
        result = FAST_METHODS[name](x, h)
    except symconv.InputError:
        assert name == "machine"
        return
    assert isinstance(result, RationalSamples) and result.shape == expected.shape
    assert result.real.dtype == object and all(type(v) is int for v in result.real.flat)
    assert (result.imag is None) == (x.imag is None and h.imag is None)
    assert as_fractions(result) == as_fractions(expected)


@given(data=st.data(), terms=st.integers(1, 4), complex_values=st.booleans())
def test_machine_method_is_exact_at_the_float64_edge_of_the_bound_it_is_told(data, terms, complex_values):
    # max|x| * max|h| * terms lands on 2**53 or just past it: the float64 and int64 sides.
    largest_x = data.draw(st.sampled_from([2**26, 2**26 + 1, 3 * 2**24]))
    largest_h = (2**53 // terms) // largest_x + data.draw(st.integers(-1, 1))
    parts = st.integers(-largest_x, largest_x)
    x_values = data.draw(st.lists(st.tuples(parts, parts if complex_values else st.just(0)),
                                  min_size=terms, max_size=terms))
    x_values[0] = (largest_x, x_values[0][1])
    h_values = [(largest_h, -largest_h if complex_values else 0)] * terms
    x, h = (RationalSamples.from_fractions([tuple(map(Fraction, p)) for p in values], (terms,))
            for values in (x_values, h_values))
    assert as_fractions(FAST_METHODS["machine"](x, h)) == as_fractions(convolve_direct(x, h))


def test_convolve_records_the_method_that_ran():
    x, h = [1, "1/2", 1, 1], [1, "1/2", "1/4"]
    assert symconv.convolve(x, h).method == "machine"
    for name in ("direct", "machine", "flint", "kronecker"):
        y = symconv.convolve(x, h, method=name, mode="same")
        assert (y.method, y.values, y.start) == (name, [1, to_exact("3/2"), to_exact("13/8"), to_exact("3/4")], 1)
    assert symconv.convolve(["a", 1], [1, 2]).method == "direct"
    assert symconv.convolve([2**70, 1], [3]).method == "flint"


def test_correlate_and_circular_convolve_use_the_fast_paths_too():
    image = [[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]]
    kernel = [[1, 0, 1], [0, 1, 0], [1, 0, 1]]
    for name in sorted(FAST_METHODS):
        y = symconv.correlate(image, kernel, mode="valid", method=name)
        assert (y.values, y.method) == ([[4, 3, 4], [2, 4, 3], [2, 3, 4]], name)
        assert symconv.circular_convolve([1, 2, 3], ["i", 1], 3, method=name).values == [
            to_exact("3 + i"), to_exact("1 + 2i"), to_exact("2 + 3i")]  # full [i, 1+2i, 2+3i, 3]


def test_forced_machine_beyond_its_bound_is_refused():
    with pytest.raises(symconv.InputError) as error:
        symconv.convolve([2**40, 1], [2**30], method="machine")
    assert str(error.value) == ("method: 'machine' would not be exact here: sums of products may need "
                                "71 bits, more than int64's 63; use 'auto' or 'flint'")


def test_forced_number_method_on_symbols_is_refused():
    with pytest.raises(symconv.InputError) as error:
        symconv.convolve(["a", 1], [1], method="flint")
    assert str(error.value) == ("method: 'flint' computes with numbers only, and these values hold "
                                "symbols; use 'auto' or 'direct'")


def test_unknown_method_lists_the_fast_ones():
    assert sorted(METHODS) == ["direct", "fft", "flint", "kronecker", "machine"]
    with pytest.raises(symconv.InputError) as error:
        symconv.convolve([1], [1], method="fast")
    assert str(error.value) == "method: 'fast' is not one of: auto, direct, fft, flint, kronecker, machine"


@pytest.mark.parametrize(
    "x, h, flint, expected",
    [
        (Profile("integer", (100,), 255), Profile("integer", (100,), 255), True, "machine"),
        (Profile("integer", (1000,), 255), Profile("integer", (1000,), 255), True, "fft"),
        (Profile("rational", (3,), 1), Profile("symbolic", (3,), 0), True, "direct"),
        (Profile("symbolic", (3,), 0), Profile("integer", (3,), 1), False, "direct"),
        (Profile("integer", (10**4,), 1000), Profile("integer", (10**4,), 1000), True, "fft"),
        (Profile("integer", (10**4,), 2**40), Profile("integer", (10**4,), 2**40), True, "flint"),
        (Profile("integer", (10**4,), 2**40), Profile("integer", (10**4,), 2**40), False, "kronecker"),
        (Profile("integer", (10**5,), 1000), Profile("integer", (11,), 1000), True, "machine"),
        (Profile("gaussian", (512, 512), 255), Profile("rational", (11, 11), 1000), True, "fft"),
        (Profile("rational", (512, 512), 255), Profile("rational", (31, 31), 1000), True, "fft"),
        (Profile("gaussian", (10**4,), 1000), Profile("gaussian", (10**4,), 1000), True, "fft"),
        # the int64 edge: max|x| * max|h| * terms
        (Profile("integer", (7,), 7 * 73 * 127 * 337), Profile("integer", (7,), 92737 * 649657), True, "machine"),
        (Profile("integer", (7,), 7 * 73 * 127 * 337), Profile("integer", (7,), 92737 * 649657 + 1), True, "flint"),
    ],
)
def test_decide_is_a_pure_rule_of_kinds_and_sizes(x, h, flint, expected):
    assert decide(x, h, flint=flint) == expected


def test_choose_method_profiles_the_samples():
    x = to_exact_samples([["1/2", "3+i"], [-5, 0]])
    assert profile(x) == Profile("gaussian", (2, 2), 10)
    assert choose_method(x, x) == "machine"
    assert choose_method(to_exact_samples(["x"]), x) == "direct"


def test_large_results_stay_integers_until_values_are_asked(monkeypatch):
    built = []
    original = RationalSamples.to_objects
    monkeypatch.setattr(RationalSamples, "to_objects", lambda self: built.append(self) or original(self))
    rng = np.random.default_rng(3)
    x = [Fraction(int(p), int(q)) for p, q in zip(rng.integers(-1000, 1000, 3000), rng.integers(1, 1000, 3000))]
    y = symconv.convolve(x, x[:2000], mode="same")
    assert y.method == "flint" and y.shape == (3000,) and built == []
    full = symconv.convolve(x, x[:2000])
    assert full[1500] == to_exact(sum(x[m] * x[1500 - m] for m in range(1500 - 1999, 1501) if m >= 0))
    assert len(built) == 1


def test_bulk_conversion_of_ints_and_fractions_equals_item_by_item():
    items = [Fraction(1, 2), 3, Fraction(-5, 6), 0, Fraction(7, 4)]
    samples = to_exact_samples(items)
    assert samples.denominator == 12 and samples.real.tolist() == [6, 36, -10, 0, 21]
    assert samples.to_objects().tolist() == [to_exact(v) for v in items]
    assert to_exact_samples([[1, 2], [3, 4]]).real.tolist() == [[1, 2], [3, 4]]
    assert to_exact_samples([1, 2.5]).denominator == 2  # other kinds take the item-by-item path
