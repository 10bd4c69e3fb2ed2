"""symconv.signal: exact values plus a start per axis."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from sympy import I, ImmutableDenseNDimArray, Integer, Matrix, Rational, Symbol

from symconv import Signal
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
