"""Steps verify their own rule: correct steps pass, and each kind of wrong step is caught."""

from __future__ import annotations

import pytest
from sympy import I, Rational, Symbol

from symconv.errors import SelfCheckError
from symconv.signal import Signal
from symconv.steps import (
    ConjugateStep,
    DefinitionStep,
    FlipStep,
    Layout,
    RangeStep,
    Reason,
    SlideStep,
    TableRow,
    TableStep,
    TermStep,
    WindowStep,
    WrapStep,
    sum_of_products,
)

HALF, QUARTER = Rational(1, 2), Rational(1, 4)


def test_term_step_of_the_reference_example_verifies():
    step = TermStep(3, ((1, 2), (2, 1), (3, 0)), ((HALF, QUARTER), (1, HALF), (1, 1)), Rational(13, 8))
    step.verify()
    assert step.products == (Rational(1, 8), HALF, 1)


def test_term_step_with_a_wrong_value_names_the_term_and_both_values():
    step = TermStep(3, ((1, 2), (2, 1), (3, 0)), ((HALF, QUARTER), (1, HALF), (1, 1)), Rational(3, 2))
    with pytest.raises(SelfCheckError) as error:
        step.verify()
    assert str(error.value) == "term n=3: factors give 13/8, step says 3/2"


def test_term_step_rejects_the_index_b_minus_m_instead_of_n_minus_m():
    # the mistake found in a published solution: b[-m] for every n
    step = TermStep(3, ((1, -1), (2, -2)), ((HALF, 0), (1, 0)), 0)
    with pytest.raises(SelfCheckError) as error:
        step.verify()
    assert str(error.value) == ("term n=3: pair (1, -1) does not satisfy "
                                "convolution: y[n] = sum_m x[m] h[n-m]")


@pytest.mark.parametrize("reason, pair", [
    (Reason.DEFINITION_CORRELATION, (4, 1)),            # x[n+m] h[m]: 4 - 1 = 3
    (Reason.DEFINITION_CORRELATION_WIKIPEDIA, (1, 4)),  # x[m] h[m+n]: 4 - 1 = 3
])
def test_term_step_index_relations_of_correlation(reason, pair):
    TermStep(3, (pair,), ((2, 5),), 10, reason).verify()
    with pytest.raises(SelfCheckError):
        TermStep(3, (pair[::-1],), ((2, 5),), 10, reason).verify()


def test_circular_term_step_wraps_modulo_n():
    TermStep(0, ((0, 0), (2, 2), (3, 1)), ((6, 1), (3, 1), (4, 1)), 13,
             Reason.DEFINITION_CIRCULAR, period=(4,)).verify()
    with pytest.raises(SelfCheckError):
        TermStep(0, ((1, 1),), ((1, 1),), 1, Reason.DEFINITION_CIRCULAR, period=(4,)).verify()


def test_term_step_in_two_dimensions_and_with_symbols():
    a, b = Symbol("a"), Symbol("b")
    TermStep((1, 1), (((0, 0), (1, 1)), ((1, 1), (0, 0))), ((a, 2), (b, -1)), 2 * a - b).verify()


def test_sum_of_products_is_exact_for_rationals_complex_and_symbols():
    assert sum_of_products(((HALF, QUARTER), (1, 1))) == Rational(9, 8)
    assert sum_of_products(((1 + I, 1 - I),)) == 2
    assert sum_of_products(((Symbol("a"), 2),)) == 2 * Symbol("a")


def test_flip_step_checks_positions():
    h = Signal([1, 2, 3], start=0)
    FlipStep(h, h.reverse()).verify()
    with pytest.raises(SelfCheckError, match="starts at the wrong index"):
        FlipStep(h, Signal([3, 2, 1], start=0)).verify()
    with pytest.raises(SelfCheckError, match="misplaced"):
        FlipStep(h, Signal([1, 2, 3], start=-2)).verify()


def test_slide_step_places_h_n_minus_m():
    x, h = Signal([1, 2, 3, 4]), Signal([1, HALF, QUARTER])
    SlideStep(3, x, h, Signal([QUARTER, HALF, 1], start=1), Reason.SHIFT_KERNEL).verify()
    with pytest.raises(SelfCheckError, match="n=3: the value at m=1 is wrong"):
        SlideStep(3, x, h, Signal([1, HALF, QUARTER], start=1), Reason.SHIFT_KERNEL).verify()


def test_slide_step_of_correlation_conjugates():
    h = Signal(["i", 1])
    SlideStep(1, Signal([1, 1, 1]), h, Signal(["-i", 1], start=1), Reason.SLIDE_KERNEL).verify()
    with pytest.raises(SelfCheckError):
        SlideStep(1, Signal([1, 1, 1]), h, Signal(["i", 1], start=1), Reason.SLIDE_KERNEL).verify()


def test_conjugate_step():
    h = Signal(["1+2i", 3])
    ConjugateStep("kernel", h, h.conj(), real=False).verify()
    with pytest.raises(SelfCheckError, match="'real' flag"):
        ConjugateStep("kernel", h, h.conj(), real=True).verify()


def test_wrap_step_adds_samples_with_equal_index_mod_n():
    WrapStep("data", Signal([1, 2, 3, 4, 5]), Signal([6, 2, 3, 4]), (4,)).verify()
    with pytest.raises(SelfCheckError, match="value at 0 is wrong"):
        WrapStep("data", Signal([1, 2, 3, 4, 5]), Signal([1, 2, 3, 4]), (4,)).verify()


def test_range_step_for_each_definition():
    RangeStep((0,), (3,), (0,), (2,), 0, 5, Reason.DEFINITION_CONVOLUTION).verify()
    RangeStep((0,), (3,), (-1,), (1,), -1, 4, Reason.DEFINITION_CORRELATION).verify()
    RangeStep((0,), (3,), (-1,), (1,), -4, 1, Reason.DEFINITION_CORRELATION_WIKIPEDIA).verify()
    with pytest.raises(SelfCheckError, match="range of the result is wrong"):
        RangeStep((0,), (3,), (0,), (2,), 0, 6, Reason.DEFINITION_CONVOLUTION).verify()


def test_window_step():
    WindowStep("valid", "scipy", 0, 5, (2,), (2,), 2, 3).verify()
    with pytest.raises(SelfCheckError, match="offset"):
        WindowStep("valid", "scipy", 0, 5, (2,), (2,), 1, 2).verify()


def test_table_step_rows_add_up():
    TableStep((0, 1), (1, 2), (TableRow(0, (3, None), 3), TableRow(1, (4, 3), 10)),
              Reason.DEFINITION_CONVOLUTION).verify()
    with pytest.raises(SelfCheckError, match="table row n=1"):
        TableStep((0, 1), (1, 2), (TableRow(1, (4, 3), 11),), Reason.DEFINITION_CONVOLUTION).verify()


def test_definition_step_matches_its_rule():
    DefinitionStep("convolve", None, 1, False, None, Reason.DEFINITION_CONVOLUTION).verify()
    with pytest.raises(SelfCheckError):
        DefinitionStep("correlate", "canonical", 1, False, None, Reason.DEFINITION_CONVOLUTION).verify()


def test_layout_keeps_head_and_tail():
    assert Layout().shown(1000, 16) == (range(0, 11), range(995, 1000))
    assert Layout().shown(16, 16) is None
    assert Layout().shown(5, None) is None
