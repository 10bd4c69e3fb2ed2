"""conv_output_size: PyTorch's sizes, published relationships, and the derivation text."""

from __future__ import annotations

import pytest
from sympy import Rational

from symconv import conv_output_size
from symconv.cnn.sizes import input_index


# --------------------------------------------------------------------------- CS231n
def test_cs231n_alexnet_first_layer():
    """227x227 input, 11x11 filters, stride 4, no padding: (227 - 11)/4 + 1 = 55."""
    size = conv_output_size(227, 11, stride=4)
    assert int(size) == 55 and size.fits


def test_cs231n_7x7_input_3x3_filter():
    """Stride 1 gives 5, stride 2 gives 3, stride 3 does not fit: (7 - 3)/3 + 1 = 7/3."""
    assert int(conv_output_size(7, 3)) == 5
    assert int(conv_output_size(7, 3, stride=2)) == 3
    size = conv_output_size(7, 3, stride=3)
    assert not size.fits and size.exact == Rational(7, 3) and int(size) == 2
    assert size.unreached == (6,)


def test_cs231n_same_size_with_padding():
    """32x32 input, 5x5 filters, stride 1, pad 2 keeps 32."""
    assert int(conv_output_size(32, 5, padding=2)) == 32
    assert int(conv_output_size(32, 5, padding="same")) == 32


# --------------------------------------------------------------------------- Dumoulin & Visin
@pytest.mark.parametrize("i, k", [(4, 3), (5, 4), (7, 1), (9, 9)])
def test_dumoulin_visin_relationship_1_no_padding_unit_stride(i, k):
    assert int(conv_output_size(i, k)) == (i - k) + 1


@pytest.mark.parametrize("i, k, p", [(5, 4, 2), (6, 3, 1), (3, 5, 2)])
def test_dumoulin_visin_relationship_2_zero_padding(i, k, p):
    assert int(conv_output_size(i, k, padding=p)) == (i - k) + 2 * p + 1


@pytest.mark.parametrize("i, k", [(5, 3), (8, 5), (4, 1)])
def test_dumoulin_visin_relationships_3_and_4_half_and_full_padding(i, k):
    assert int(conv_output_size(i, k, padding=k // 2)) == i
    assert int(conv_output_size(i, k, padding=k - 1)) == i + (k - 1)


@pytest.mark.parametrize("i, k, s, p", [(5, 3, 2, 0), (5, 3, 2, 1), (6, 3, 2, 1), (9, 4, 3, 1)])
def test_dumoulin_visin_relationships_5_and_6_strides(i, k, s, p):
    assert int(conv_output_size(i, k, stride=s, padding=p)) == (i + 2 * p - k) // s + 1


def test_dumoulin_visin_figures():
    """Figures 2.1-2.7 and 5.1 of the guide: input, kernel, stride, padding -> output."""
    assert int(conv_output_size(4, 3)) == 2
    assert int(conv_output_size(5, 4, padding=2)) == 6
    assert int(conv_output_size(5, 3, padding=1)) == 5
    assert int(conv_output_size(5, 3, padding=2)) == 7
    assert int(conv_output_size(5, 3, stride=2)) == 2
    assert int(conv_output_size(5, 3, stride=2, padding=1)) == 3
    assert int(conv_output_size(6, 3, stride=2, padding=1)) == 3
    assert int(conv_output_size(7, 3, dilation=2)) == 3


@pytest.mark.parametrize("i, k, s, p", [(5, 3, 2, 0), (5, 3, 2, 1), (6, 3, 2, 1), (7, 4, 3, 2)])
def test_dumoulin_visin_relationship_14_transposed_inverts_the_size(i, k, s, p):
    """o' = s(i' - 1) + a + k - 2p with a = (i + 2p - k) mod s recovers the input size i."""
    o = int(conv_output_size(i, k, stride=s, padding=p))
    a = (i + 2 * p - k) % s
    back = conv_output_size(o, k, stride=s, padding=p, transposed=True, output_padding=a)
    assert int(back) == s * (o - 1) + a + k - 2 * p == i


@pytest.mark.parametrize("i, k, d", [(7, 3, 2), (10, 2, 4), (9, 3, 3)])
def test_dumoulin_visin_relationship_15_dilation(i, k, d):
    assert int(conv_output_size(i, k, dilation=d)) == i - k - (k - 1) * (d - 1) + 1


# --------------------------------------------------------------------------- the derivation
def test_stride_that_does_not_fit_is_explained():
    size = conv_output_size(32, 5, stride=2)
    assert int(size) == 14 and size.exact == Rational(29, 2) and not size.fits
    assert str(size).splitlines() == [
        "o = floor((i + 2p - d(k - 1) - 1)/s) + 1",
        "  = floor((32 + 2*0 - 1*(5 - 1) - 1)/2) + 1",
        "  = floor(27/2) + 1",
        "  = 13 + 1",
        "  = 14",
        "the stride does not fit: (i + 2p - d(k - 1) - 1)/s + 1 = 27/2 + 1 = 29/2 = 14.5 is not an integer, "
        "so the size is rounded down",
        "the last window reads input indices 26..30: input index 31 is never reached (1 row/column ignored)",
    ]


def test_stride_that_fits_is_exact():
    size = conv_output_size(33, 5, stride=2)
    assert int(size) == 15 and size.fits and size.unreached == ()
    assert str(size).splitlines()[-1] == "the stride fits: (i + 2p - d(k - 1) - 1)/s + 1 = 14 + 1 = 15 exactly"


def test_several_ignored_rows_and_a_repeating_fraction():
    size = conv_output_size(12, 3, stride=4)
    assert size.exact == Rational(13, 4) and size.unreached == (3, 7, 11)
    assert str(size).splitlines()[-2:] == [
        "the last window reads input indices 8..10: input index 11 is never reached (1 row/column ignored)",
        "the windows (stride 4, dilation 1, kernel span 3) skip input indices 3, 7 (2 in all): "
        "no output reads them"]
    size = conv_output_size(12, 2, stride=3)
    assert size.exact == Rational(13, 3)
    assert "= 13/3 is not an integer" in str(size)
    size = conv_output_size(10, 2, stride=4)
    assert size.unreached == (2, 3, 6, 7) and "(2 rows/columns ignored)" not in str(size)
    size = conv_output_size(11, 2, stride=4)
    assert size.unreached == (2, 3, 6, 7, 10) and "input index 10 is never reached" in str(size)
    size = conv_output_size(13, 3, stride=4)
    assert "input indices 11, 12 are never reached (2 rows/columns ignored)" in str(size)


def test_dilation_that_skips_inputs_is_reported():
    size = conv_output_size(10, 3, stride=2, dilation=3)
    assert size.unreached == (1, 4, 7, 9)
    assert str(size).splitlines()[-1] == ("the windows (stride 2, dilation 3, kernel span 7) skip input "
                                          "indices 1, 4, 7 (3 in all): no output reads them")


def test_only_padding_left_out():
    size = conv_output_size(4, 3, stride=2, padding=1)
    assert not size.fits and size.unreached == ()
    assert str(size).splitlines()[-1] == ("the last window reads input indices 1..3: only padding is left out, "
                                          "every input index is read")


def test_per_side_padding_and_per_axis_sizes():
    size = conv_output_size(5, 3, padding=(1, 0))
    assert int(size) == 4
    assert str(size).splitlines()[:2] == ["o = floor((i + p_before + p_after - d(k - 1) - 1)/s) + 1",
                                          "  = floor((5 + 1 + 0 - 1*(3 - 1) - 1)/1) + 1"]
    sizes = conv_output_size((8, 8), (3, 5), stride=(3, 4), padding=(0, 1))
    assert [int(s) for s in sizes] == [2, 2]


def test_transposed_derivation():
    size = conv_output_size(3, 3, stride=2, padding=1, transposed=True, output_padding=1)
    assert int(size) == 6 and size.fits
    assert str(size).splitlines() == ["o = (i - 1)s - 2p + d(k - 1) + output_padding + 1",
                                      "  = (3 - 1)*2 - 2*1 + 1*(3 - 1) + 1 + 1", "  = 6"]


def test_size_is_usable_as_an_int():
    assert list(range(conv_output_size(5, 3))) == [0, 1, 2]


def test_the_index_formula():
    assert [input_index(o, 1, stride=2, dilation=3, before=1) for o in range(3)] == [2, 4, 6]
