"""symconv.signal: exact values plus a start per axis."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import I, ImmutableDenseNDimArray, Integer, Matrix, Rational, Symbol

from symconv import Signal, convolve
from symconv.errors import InputError
from symconv.samples import ExprSamples, RationalSamples
from symconv.signal import as_signal

a = Symbol("a", real=True)


def test_reference_signal_reads_and_prints(fractions_1d):
    x = Signal([1, "1/2", 1, 1])
    assert x.values == fractions_1d.x
    assert repr(x) == "Signal([1, 1/2, 1, 1], start=0)"
    assert x.start == 0 and x.starts == (0,)
    assert x.shape == (4,) and x.ndim == 1
    assert x.stop == 4 and x.end == 3 and x.indices == range(0, 4)


def test_values_are_sympy_values():
    x = Signal([1, 0.5, Fraction(1, 3), "a", 2j])
    assert x.values == [Integer(1), Rational(1, 2), Rational(1, 3), a, 2 * I]
    assert all(hasattr(v, "free_symbols") for v in x.values)


def test_two_dimensional(image_5x5):
    s = Signal(image_5x5.x, start=(-2, -2))
    assert s.ndim == 2 and s.shape == (5, 5)
    assert s.start == (-2, -2) and s.starts == (-2, -2)
    assert s.stop == (3, 3) and s.end == (2, 2)
    assert s.indices == (range(-2, 3), range(-2, 3))
    assert s.values == image_5x5.x
    assert s[-2, -2] == 1 and s[-2, 2] == 0 and s[0, 0] == 1 and s[3, 0] == 0


def test_int_start_applies_to_every_axis():
    assert Signal([[1, 2], [3, 4]], start=-1).start == (-1, -1)
    assert Signal([[1, 2], [3, 4]], start=[1, 2]).start == (1, 2)
    assert Signal([1, 2], start=np.int64(-3)).start == -3
    assert Signal([1, 2], start=Integer(2)).start == 2
    assert type(Signal([1, 2], start=np.int64(-3)).start) is int


def test_indexing_is_zero_outside_the_support():
    x = Signal([1, 2, 3], start=-1)
    assert [x[n] for n in range(-3, 4)] == [0, 0, 1, 2, 3, 0, 0]
    assert x[10] == 0 and x[-10] == 0


def test_text_marks_start():
    assert Signal("1 >2 3").start == -1
    assert Signal("n=-2: 1 2").start == -2
    assert Signal("1 2; >3 4").start == (-1, 0)


def test_start_given_with_text_without_mark():
    assert Signal("1 2 3", start=5).start == 5


def test_signal_from_signal_keeps_start_unless_given():
    x = Signal([1, 2], start=3)
    assert Signal(x).start == 3
    assert Signal(x, start=-1).start == -1
    assert Signal(x, start=-1).values == [1, 2]


@pytest.mark.parametrize("values", [
    np.array([1, 2, 3]), Matrix([[1, 2, 3]]), (1, 2, 3), [1.0, 2.0, 3.0], ["1", "2", "3"],
])
def test_inputs_of_every_kind(values):
    s = Signal(values)
    flat = np.array(s.values, dtype=object).ravel().tolist()
    assert flat == [1, 2, 3]


def test_equality_is_exact_and_kind_blind():
    assert Signal([1, 2]) == Signal(["1", 2.0])
    assert Signal(["1/2"]) == Signal([Fraction(2, 4)])
    assert Signal([1, 2]) == Signal([Integer(1), a - a + 2])
    assert Signal(["1+i"]) == Signal([1 + 1j])
    assert Signal([1, 2]) != Signal([1, 2], start=1)
    assert Signal([1, 2]) != Signal([1, 2, 0])
    assert Signal([1, 2]) != Signal([1, 3])
    assert Signal(["1/2"]) != Signal(["1/3"])
    assert Signal(["1+i"]) != Signal(["1-i"])
    assert Signal([[1, 2]]) != Signal([1, 2])
    assert (Signal([1]) == [1]) is False


def test_not_hashable():
    with pytest.raises(TypeError):
        hash(Signal([1]))


def test_repr():
    assert repr(Signal([[1, "1/2"]], start=(1, -1))) == "Signal([[1, 1/2]], start=(1, -1))"
    assert repr(Signal(["1+2i", "a"], start=-3)) == "Signal([1 + 2*I, a], start=-3)"


def test_flip_reverses_conjugates_and_mirrors_the_support():
    h = Signal(["1+2i", 3, "a"], start=2)   # support 2..4
    f = h.flip()
    assert f.start == -4 and f.end == -2
    for m in range(-6, 7):
        assert f[m] == h[-m].conjugate()
    assert f.flip() == h


def test_flip_two_dimensional():
    h = Signal([[1, 2, 3], [4, 5, 6]], start=(0, -1))
    f = h.flip()
    assert f.start == (-1, -1)
    assert f.values == [[6, 5, 4], [3, 2, 1]]
    for i in range(-3, 3):
        for j in range(-3, 3):
            assert f[i, j] == h[-i, -j]


def test_reverse_does_not_conjugate():
    assert Signal(["i", 1], start=0).reverse() == Signal([1, "i"], start=-1)


def test_conj():
    assert Signal(["1+2i", "a", 3]).conj() == Signal(["1-2i", "a", 3])


def test_shift_is_a_delay():
    x = Signal([1, 2, 3], start=-1)
    y = x.shift(4)
    assert y.start == 3 and y.values == x.values
    assert all(y[n] == x[n - 4] for n in range(-5, 10))
    assert Signal([[1]], start=(0, 0)).shift((1, -2)).start == (1, -2)


def test_window_pads_and_cuts():
    x = Signal([1, 2, 3])
    assert x.window(-1, 5) == Signal([0, 1, 2, 3, 0], start=-1)
    assert x.window(1, 1) == Signal([2], start=1)
    assert x.window(5, 2) == Signal([0, 0], start=5)
    m = Signal([[1, 2], [3, 4]])
    assert m.window((0, 1), (3, 1)).values == [[2], [4], [0]]
    assert m.window((0, 1), (3, 1)).start == (0, 1)


def test_window_keeps_rational_and_gaussian_storage():
    w = Signal(["1/2", "i"]).window(-1, 4)
    assert w.values == [0, Rational(1, 2), I, 0]
    assert isinstance(w.samples, RationalSamples)


def test_trim():
    assert Signal([0, 1, 0, 2, 0], start=-2).trim() == Signal([1, 0, 2], start=-1)
    assert Signal([0, 0]).trim() == Signal([0], start=0)
    assert Signal([[0, 0], [0, 5]]).trim() == Signal([[5]], start=(1, 1))


def test_conversions():
    s = Signal([[1, "1/2"], [0, "a"]])
    array = s.to_numpy()
    assert array.dtype == object and array.shape == (2, 2)
    assert array[0, 1] == Rational(1, 2)
    assert s.to_matrix() == Matrix([[1, Rational(1, 2)], [0, a]])
    assert Signal([1, 2]).to_matrix() == Matrix([[1, 2]])
    assert s.to_array() == ImmutableDenseNDimArray([[1, Rational(1, 2)], [0, a]])
    assert Signal(np.arange(8).reshape(2, 2, 2)).to_array().shape == (2, 2, 2)


def test_storage_kinds():
    assert isinstance(Signal([1, "1/2", "1+i"]).samples, RationalSamples)
    assert isinstance(Signal([1, "a"]).samples, ExprSamples)


def test_as_signal_passes_signals_through_and_names_errors():
    x = Signal([1])
    assert as_signal(x, "data") is x
    assert as_signal("1 >2", "kernel").start == -1
    with pytest.raises(InputError) as caught:
        as_signal([], "kernel")
    assert caught.value.where == "kernel"


def test_three_dimensional_signal():
    s = Signal(np.arange(8).reshape(2, 2, 2), start=(0, 1, -1))
    assert s.ndim == 3 and s.start == (0, 1, -1)
    assert s[1, 2, 0] == 7 and s[0, 0, 0] == 0
    assert s.flip()[-1, -2, 0] == 7


@pytest.mark.parametrize("axes", [(0,), (1,), (0, 1), ()])
def test_reverse_along_some_axes_matches_numpy_flip_and_mirrors_those_starts(axes):
    values = [[1, 2, 3], [4, 5, 6]]
    s = Signal(values, start=(-1, 2)).reverse(axes)
    assert s.values == np.flip(np.array(values), axis=axes).tolist()
    assert s.start == tuple(-end if a in axes else start for a, (start, end) in enumerate([(-1, 0), (2, 4)]))
    for i, j in np.ndindex(2, 3):
        original = (i - 1, j + 2)
        mirrored = tuple(-k if a in axes else k for a, k in enumerate(original))
        assert s[mirrored] == values[i][j]


# ----------------------------------------------------------------------------- Python protocols (issue 14, item 6)
starts_ = st.integers(-6, 6)
exact_values = st.lists(st.one_of(st.integers(-50, 50), st.fractions(max_denominator=9)), min_size=1, max_size=8)


def test_issue_14_list_of_a_signal_ends():
    x = Signal([1, "1/2", 1, 1], start=-2)
    assert len(x) == 4
    assert list(x) == [1, Rational(1, 2), 1, 1]  # the support only (was an endless iteration)
    assert sum(x) == Rational(7, 2) and Rational(1, 2) in x and 5 not in x


def test_len_and_iter_in_two_dimensions():
    s = Signal([[1, 2], [3, 4], [5, 6]], start=(-1, 4))
    assert len(s) == 3 and len(np.asarray(s)) == 3
    assert list(s) == [Signal([1, 2], start=4), Signal([3, 4], start=4), Signal([5, 6], start=4)]
    assert [list(row) for row in s] == [[1, 2], [3, 4], [5, 6]]


@given(exact_values, starts_, starts_, st.integers(1, 6))
def test_slices_are_by_index_n(values, start, low, length):
    x = Signal(values, start=start)
    piece = x[low:low + length]
    assert piece.start == low and len(piece) == length
    assert list(piece) == [x[n] for n in range(low, low + length)]  # zero outside the support
    assert x[:] == x and x[start:] == x and x[:start + len(values)] == x
    if low < start + len(values):
        assert x[low:] == x[low:start + len(values)]  # an open end stops at the support's end
    else:
        with pytest.raises(InputError):
            x[low:]  # no index left


def test_slices_in_two_dimensions_keep_or_drop_axes():
    s = Signal([[1, 2, 3], [4, 5, 6]], start=(0, -1))
    assert s[1, :] == Signal([4, 5, 6], start=-1)
    assert s[:, 0] == Signal([2, 5], start=0)
    assert s[0:2, -1:1] == Signal([[1, 2], [4, 5]], start=(0, -1))
    assert s[5, :] == Signal([0, 0, 0], start=-1)
    assert s[1, 1] == 6 and s[np.int64(1), Integer(1)] == 6


@pytest.mark.parametrize("index, message", [
    (slice(0, 2, 2), "index: slice step 2 is not supported; a slice takes consecutive indices (step 1)"),
    (slice(3, 1), "index: slice 3:1 holds no index; a Signal has at least one sample"),
    (1.5, "index: 1.5 is not an integer or a slice of integers"),
    (slice("a", None), "index: 'a' is not an integer or a slice of integers"),
])
def test_bad_indices(index, message):
    with pytest.raises(InputError) as caught:
        Signal([1, 2])[index]
    assert str(caught.value) == message


def test_issue_14_to_numpy_is_a_copy():
    result = convolve([1, "1/2", 1, 1], [1, "1/2", "1/4"])
    array = result.to_numpy()
    array[0] = 99
    np.asarray(result)[1] = 99
    assert result.values == [1, 1, Rational(3, 2), Rational(13, 8), Rational(3, 4), Rational(1, 4)]
    assert result == Signal([1, 1, "3/2", "13/8", "3/4", "1/4"])


def test_array_protocol():
    x = Signal([1, "1/3", "2+i"])
    array = np.asarray(x)
    assert array.dtype == object and array.tolist() == [1, Rational(1, 3), 2 + I]
    assert np.asarray(Signal([1, "1/2"]), dtype=float).tolist() == [1.0, 0.5]
    assert np.array(Signal([[1, 2], [3, 4]])).shape == (2, 2)
    with pytest.raises(InputError) as caught:
        np.asarray(x, copy=False)
    assert str(caught.value) == ("copy: a Signal's array is always a new one (its values are immutable); "
                                 "use copy=None or copy=True")


@settings(max_examples=50)
@given(st.lists(st.fractions(max_denominator=10**6, min_value=-10**6, max_value=10**6), min_size=1, max_size=6))
def test_to_numpy_dtypes_round_to_nearest(values):
    x = Signal(values)
    assert x.to_numpy(dtype=float).tolist() == [float(v) for v in values]  # Fraction rounds correctly
    assert x.to_numpy(dtype=np.complex128).tolist() == [complex(float(v)) for v in values]
    integers = Signal([v.numerator for v in values])
    assert integers.to_numpy(dtype=np.int64).tolist() == [v.numerator for v in values]
    assert integers.to_numpy(dtype=np.int64).dtype == np.int64


def test_to_numpy_complex_values():
    assert Signal(["1/2+i", 3]).to_numpy(dtype=complex).tolist() == [0.5 + 1j, 3 + 0j]


@pytest.mark.parametrize("values, dtype, message", [
    ([1, "1/2"], int, "to_numpy: 1/2 at n = 1 is not an integer, which dtype int64 needs; "
                      "dtype=object keeps the exact values"),
    (["a"], float, "to_numpy: a at n = 0 is not a real number, which dtype float64 needs; "
                   "dtype=object keeps the exact values"),
    (["1+i"], float, "to_numpy: 1 + I at n = 0 is not a real number, which dtype float64 needs; "
                     "dtype=object keeps the exact values"),
    (["a"], complex, "to_numpy: a at n = 0 is not a number, which dtype complex128 needs; "
                     "dtype=object keeps the exact values"),
    ([10**30], "int64", "to_numpy: 1000000000000000000000000000000 at n = 0 does not fit int64; "
                        "dtype=object keeps the exact values"),
    ([-1], "uint8", "to_numpy: -1 at n = 0 does not fit uint8; dtype=object keeps the exact values"),
    (["10**400"], float, "to_numpy: " + str(10**400) + " at n = 0 does not fit float64; "
                         "dtype=object keeps the exact values"),
    ([1], "U3", "dtype: <U3 is not supported; give object (the exact values) or an integer, float or "
                "complex dtype"),
    ([1], "nope", "dtype: 'nope' is not a NumPy dtype"),
])
def test_to_numpy_refusals(values, dtype, message):
    with pytest.raises(InputError) as caught:
        Signal(values).to_numpy(dtype=dtype)
    assert str(caught.value) == message


def test_to_numpy_names_the_index_in_two_dimensions():
    with pytest.raises(InputError) as caught:
        Signal([[1, 2], [3, "1/2"]], start=(-1, 3)).to_numpy(dtype=int)
    assert str(caught.value) == ("to_numpy: 1/2 at n = (0, 4) is not an integer, which dtype int64 needs; "
                                 "dtype=object keeps the exact values")
