"""symconv.conventions: modes, orders and every index-window formula, derived by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from symconv.conventions import (AxisWindow, CorrelationOrder, Mode, SameConvention, choice, full_length,
                                 full_starts, overlap, term_indices, valid_inside, window, windows)
from symconv.errors import InputError


def test_enum_values_are_the_vocabulary():
    assert [m.value for m in Mode] == ["full", "same", "valid"]
    assert [c.value for c in SameConvention] == ["scipy", "numpy", "matlab"]
    assert [o.value for o in CorrelationOrder] == ["canonical", "wikipedia"]
    assert Mode.VALID == "valid"  # a str enum: comparable to the user's string


@pytest.mark.parametrize("value, expected", [
    ("full", Mode.FULL), ("FULL", Mode.FULL), ("Valid", Mode.VALID), (Mode.SAME, Mode.SAME),
])
def test_choice_accepts_names_and_members(value, expected):
    assert choice(value, Mode, "mode") is expected


def test_choice_suggests_the_closest():
    with pytest.raises(InputError) as caught:
        choice("sme", Mode, "mode")
    assert str(caught.value) == "mode: 'sme' is not one of: full, same, valid; did you mean 'same'?"


def test_full_length_and_starts():
    assert full_length(4, 3) == 6
    assert full_length(1, 1) == 1
    assert full_starts((0,), (0,)) == (0,)
    assert full_starts((-1, 2), (-3, 5)) == (-4, 7)


# Hand derivation: x has L_x samples, h has L_h; the full result has positions 0..L_x+L_h-2.
# valid keeps positions where h lies wholly inside x: L_h-1 .. L_x-1; where x lies wholly inside a
# longer h: L_x-1 .. L_h-1.
# scipy same keeps L_x positions centred: first (L_h-1)//2.  MATLAB: first floor(L_h/2).
@pytest.mark.parametrize("mode, lx, lh, convention, offset, length", [
    ("full", 4, 3, "scipy", 0, 6),
    ("full", 1, 5, "scipy", 0, 5),
    ("valid", 5, 3, "scipy", 2, 3),
    ("valid", 4, 4, "scipy", 3, 1),
    ("valid", 7, 1, "scipy", 0, 7),
    ("valid", 2, 6, "scipy", 1, 5),    # kernel longer: where the data lies inside it (NumPy, SciPy)
    ("valid", 1, 4, "scipy", 0, 4),
    ("same", 4, 3, "scipy", 1, 4),
    ("same", 4, 3, "matlab", 1, 4),    # odd kernel: the conventions agree
    ("same", 4, 2, "scipy", 0, 4),     # even kernel: they differ by one
    ("same", 4, 2, "matlab", 1, 4),
    ("same", 6, 4, "scipy", 1, 6),
    ("same", 6, 4, "matlab", 2, 6),
    ("same", 2, 5, "scipy", 2, 2),     # kernel longer than data: still the size of x
    ("same", 2, 5, "matlab", 2, 2),
    ("same", 4, 3, "numpy", 1, 4),     # numpy: size max(M, N), centred on the shorter
    ("same", 3, 5, "numpy", 1, 5),
    ("same", 4, 2, "numpy", 0, 4),
    ("same", 2, 4, "numpy", 0, 4),
    ("same", 1, 1, "scipy", 0, 1),
])
def test_window_table(mode, lx, lh, convention, offset, length):
    assert window(mode, lx, lh, same_convention=convention) == AxisWindow(offset, length)


def test_windows_stay_inside_full():
    for lx in range(1, 8):
        for lh in range(1, 8):
            full = full_length(lx, lh)
            for convention in SameConvention:
                w = window("same", lx, lh, same_convention=convention)
                assert 0 <= w.offset and w.offset + w.length <= full
            w = window("valid", lx, lh)
            assert w.offset + w.length <= full and w.length == abs(lx - lh) + 1


def test_windows_per_axis():
    assert windows("valid", (5, 5), (3, 3)) == (AxisWindow(2, 3), AxisWindow(2, 3))
    assert windows("same", (4, 6), (2, 4), same_convention="matlab") == (AxisWindow(1, 4), AxisWindow(2, 6))
    assert windows("full", (2, 3), (1, 1)) == (AxisWindow(0, 2), AxisWindow(0, 3))


def test_valid_names_the_offending_axis():
    with pytest.raises(InputError) as caught:
        windows("valid", (5, 2), (3, 3))
    assert str(caught.value) == ("valid mode, axis 1: kernel length 3 is longer than data length 2 but "
                                 "shorter on axis 0 (3 < 5), so neither operand fits inside the other; "
                                 "valid needs one at least as long as the other on every axis")


def test_issue_14_valid_with_the_kernel_longer_on_every_axis():
    # numpy.correlate([1, 1], [1, 2, 3, 4, 5, 6], "valid") is [11, 9, 7, 5, 3] at lags -4..0: the
    # full correlation has lags -5..1, so positions 1..5 are kept
    assert windows("valid", (2,), (6,)) == (AxisWindow(1, 5),)
    assert windows("valid", (2, 3), (4, 3)) == (AxisWindow(1, 3), AxisWindow(2, 1))  # equal axes fit both
    assert valid_inside((2, 3), (4, 3)) == "data" and valid_inside((4, 3), (2, 3)) == "kernel"
    with pytest.raises(InputError):
        valid_inside((2, 4), (4, 2))


def test_unknown_same_convention():
    with pytest.raises(InputError) as caught:
        window("same", 3, 2, same_convention="octave")
    assert caught.value.where == "same convention"


def test_same_convention_ignored_outside_same_mode():
    assert window("full", 3, 2, same_convention="matlab") == AxisWindow(0, 4)


# ------------------------------------------------------------------ overlap, term_indices
DEFINITIONS = [("convolve", "canonical"), ("correlate", "canonical"), ("correlate", "wikipedia")]


def _brute_overlap(op, order, n, sx, ex, sh, eh):
    """Every m whose term's factors lie inside both supports, straight from the definitions."""
    out = []
    for m in range(-60, 61):
        i, j = {"convolve": (m, n - m), "canonical": (n + m, m),
                "wikipedia": (m, m + n)}["convolve" if op == "convolve" else order]
        if sx <= i <= ex and sh <= j <= eh:
            out.append(m)
    return out


@given(st.sampled_from(DEFINITIONS), st.integers(-20, 20), st.integers(-8, 8), st.integers(1, 6),
       st.integers(-8, 8), st.integers(1, 6))
def test_overlap_is_exactly_the_terms_inside_both_supports(definition, n, sx, lx, sh, lh):
    op, order = definition
    ex, eh = sx + lx - 1, sh + lh - 1
    got = overlap(op, n, sx, ex, sh, eh, order=order)
    assert list(got) == _brute_overlap(op, order, n, sx, ex, sh, eh)
    for m in got:
        i, j = term_indices(op, n, m, order=order)
        assert sx <= i <= ex and sh <= j <= eh


@pytest.mark.parametrize("op, order, expected", [
    ("convolve", "canonical", [(1, 2), (2, 1), (3, 0)]),       # x[m] h[3 - m]
    ("correlate", "canonical", [(3, 0)]),                       # x[3 + m] conj(h[m])
    ("correlate", "wikipedia", [(0, 3)]),                       # conj(x[m]) h[m + 3]
])
def test_term_indices_along_the_overlap(op, order, expected):
    # data on 0..3, kernel on 0..3 for the correlations' single term, 0..2 otherwise
    eh = 2 if op == "convolve" else 3
    assert [term_indices(op, 3, m, order=order) for m in overlap(op, 3, 0, 3, 0, eh, order=order)] == expected


def test_overlap_open_side_lists_the_fixed_operand():
    assert overlap("convolve", 7, 0, 3, None, None) == range(0, 4)
    assert overlap("correlate", 2, 0, 3, None, None) == range(-2, 2)
    assert overlap("correlate", 2, None, None, 0, 2, order="wikipedia") == range(-2, 1)


def test_overlap_refuses_circular_and_unknown_orders():
    with pytest.raises(InputError) as caught:
        overlap("circular", 0, 0, 1, 0, 1)
    assert str(caught.value) == "op: 'circular' is not one of: convolve, correlate"
    with pytest.raises(InputError) as caught:
        overlap("correlate", 0, 0, 1, 0, 1, order="wiki")
    assert caught.value.where == "order"
