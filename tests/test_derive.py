"""explain()/derive(): worked solutions built from the engine's result, verified term by term."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import I, Rational, Symbol

import symconv
from symconv.derive import explain
from symconv.errors import InputError, SelfCheckError
from symconv.operations import circular_convolve, convolve, correlate
from symconv.signal import Signal
from symconv.steps import (
    ConjugateStep,
    DefinitionStep,
    ElisionStep,
    FlipStep,
    RangeStep,
    Reason,
    SlideStep,
    TableStep,
    TermStep,
    WindowStep,
    WrapStep,
)


def test_reference_example_terms(fractions_1d):
    d = explain(fractions_1d.x, fractions_1d.h)
    assert d.result == Signal(fractions_1d.expected, start=0)
    assert [t.value for t in d.terms] == fractions_1d.expected
    c3 = d.terms[3]
    assert (c3.n, c3.pairs) == (3, ((1, 2), (2, 1), (3, 0)))
    assert c3.factors == ((Rational(1, 2), Rational(1, 4)), (1, Rational(1, 2)), (1, 1))
    flip = d.step(FlipStep)
    assert flip.reversed == Signal([Rational(1, 4), Rational(1, 2), 1], start=-2)
    assert (d.step(RangeStep).start, d.step(RangeStep).end) == (0, 5)
    assert d.step(SlideStep).n == 3


def test_reference_example_table_style_multiplies_every_data_column(fractions_1d):
    d = explain(fractions_1d.x, fractions_1d.h, style="table")
    assert d.terms[3].pairs == ((0, 3), (1, 2), (2, 1), (3, 0))
    assert d.terms[3].factors[0] == (1, 0)
    table = d.step(TableStep)
    assert table.columns == tuple(range(-2, 6))
    assert table.rows[3].cells == (None, None, None, Rational(1, 4), Rational(1, 2), 1, None, None)


def test_image_example_cnn_style(image_5x5):
    d = explain(image_5x5.x, image_5x5.h, op="corr", mode="valid")
    assert d.result.values == image_5x5.expected and d.result.start == (0, 0)
    assert len(d.terms) == 9 and all(len(t.pairs) == 9 for t in d.terms)
    assert d.terms[0].pairs[1] == ((0, 1), (0, 1))      # x[i+k, j+l] h[k, l]
    assert [s.n for s in d.steps if isinstance(s, SlideStep)] == [(0, 0), (1, 1)]
    window = d.step(WindowStep)
    assert (window.full_start, window.full_end, window.start, window.end) == ((-2, -2), (4, 4), (0, 0), (2, 2))


@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("op, order", [("convolve", "canonical"), ("correlate", "canonical"),
                                       ("correlate", "wikipedia")])
@pytest.mark.parametrize("style", ["compact", "products", "table"])
def test_every_operation_mode_and_style_agrees_with_the_engine(mode, op, order, style):
    x, h = Signal([1, "2+i", -3, "1/2", 4], start=-2), Signal(["i", 2, -1], start=1)
    d = explain(x, h, op=op, mode=mode, order=order, style=style)
    expected = (convolve(x, h, mode=mode) if op == "convolve"
                else correlate(x, h, mode=mode, order=order))
    assert d.result == expected
    assert [t.n for t in d.terms] == list(expected.indices)


def test_correlation_shows_the_conjugate_of_a_complex_kernel():
    d = explain([1, 2], ["i", 1], op="corr")
    assert d.step(DefinitionStep).conjugates
    conj = d.step(ConjugateStep)
    assert conj.role == "kernel" and conj.conjugated.values == [-I, 1] and not conj.real
    assert d.terms[0].conjugated == 1


def test_wikipedia_order_conjugates_the_data():
    d = explain(["i", 1], [1, 2], op="corr", order="wikipedia")
    assert d.step(ConjugateStep).role == "data"
    assert d.result == correlate(["i", 1], [1, 2], order="wikipedia")


def test_circular_convolution_wraps_both_operands():
    d = explain([1, 2, 3, 4, 5], [1, 1, 1], op="circ", N=4)
    assert d.result == circular_convolve([1, 2, 3, 4, 5], [1, 1, 1], 4)
    wraps = [s for s in d.steps if isinstance(s, WrapStep)]
    assert wraps[0].wrapped.values == [6, 2, 3, 4]
    assert d.terms[0].pairs == ((0, 0), (2, 2), (3, 1))


def test_circular_convolution_in_two_dimensions():
    x, h = [[1, 2], [3, 4]], [[1, 1], [0, 1]]
    d = explain(x, h, op="circ", N=(2, 2))
    assert d.result == circular_convolve(x, h, (2, 2))


def test_symbolic_entries_and_negative_starts():
    d = explain("n=-2: a b c", "1 -1")
    a, b, c = (Symbol(name, real=True) for name in "abc")
    assert [t.value for t in d.terms] == [a, b - a, c - b, -c]
    assert d.terms[0].n == -2


def test_user_names_are_kept():
    d = explain([1, 2], [3], names=["image", "kernel", "out"])
    assert (d.names.x, d.names.h, d.names.y) == ("image", "kernel", "out")


def test_long_inputs_elide_middle_lines_but_keep_every_term():
    x = list(range(1, 1001))
    d = explain(x, [1, -1])
    assert len(d.terms) == 1001
    elided = d.step(ElisionStep)
    assert (elided.first, elided.last, elided.count) == (11, 995, 985)
    assert sum(isinstance(s, TermStep) for s in d.steps) == 16
    assert sum(isinstance(s, TermStep) for s in explain(x, [1, -1], elide=False).steps) == 1001
    assert sum(isinstance(s, TermStep) for s in explain(x, [1, -1], elide=6).steps) == 6


def test_a_thousand_term_explain_builds_from_the_engine_values():
    rng = np.random.default_rng(4)
    x = [Rational(int(p), int(q)) for p, q in zip(rng.integers(-9, 10, 500), rng.integers(1, 10, 500))]
    d = explain(x, list(rng.integers(-9, 10, 501)))
    assert len(d.terms) == 1000
    assert d.terms[499].value == d.result[499]


def test_at_chooses_the_slid_output():
    d = explain([1, 2, 3], [1, 1], at=[0, 3])
    assert [s.n for s in d.steps if isinstance(s, SlideStep)] == [0, 3]


@pytest.mark.parametrize("kwargs, message", [
    ({"op": "convolution"}, "op: 'convolution' is not one of: convolve, correlate, circular; did you mean 'convolve'?"),
    ({"op": "circ"}, "N: circular convolution needs the period N"),
    ({"op": "circ", "N": 3, "mode": "valid"},
     "mode: circular convolution keeps all N samples; mode 'valid' does not apply (use mode full)"),
    ({"style": "sliding"}, "style: 'sliding' is not one of: compact, products, table"),
    ({"elide": 1}, "elide: 1 is not a number of lines (2 or more), True or False"),
    ({"at": 9}, "at: 9 is outside the result's indices 0..3"),
    ({"names": ("x", "x", "y")}, "names: ['x', 'x', 'y'] repeats a name; data, kernel and result need their own"),
    ({"names": ("x", "h")}, "names: give three non-empty names: data, kernel, result"),
    ({"mode": "vaild"}, "mode: 'vaild' is not one of: full, same, valid; did you mean 'valid'?"),
])
def test_errors(kwargs, message):
    with pytest.raises(InputError) as error:
        explain([1, 2, 3], [1, 1], **kwargs)
    assert str(error.value) == message


def test_table_errors():
    with pytest.raises(InputError) as error:
        explain([[1, 2], [3, 4]], [[1]], style="table")
    assert str(error.value) == ("style: the sliding table is drawn for 1-D signals; use style compact (matrices) "
                                "or style products for 2-D")
    with pytest.raises(InputError) as error:
        explain(list(range(30)), [1, 1], style="table")
    assert str(error.value) == ("style: the sliding table would have 32 columns; it is drawn for at most 24 "
                                "(use style compact)")


def test_explain_is_public():
    assert symconv.explain is explain and "explain" in symconv.__all__ and "Derivation" in symconv.__all__


_values = st.lists(st.integers(-5, 5), min_size=1, max_size=6)


@settings(max_examples=40, deadline=None)
@given(x=_values, h=_values, sx=st.integers(-3, 3), sh=st.integers(-3, 3),
       op=st.sampled_from(["convolve", "correlate", "wikipedia"]), mode=st.sampled_from(["full", "same", "valid"]))
def test_random_derivations_verify_and_match_the_engine(x, h, sx, sh, op, mode):
    if mode == "valid" and len(h) > len(x):
        return
    X, H = Signal(x, start=sx), Signal(h, start=sh)
    order = "wikipedia" if op == "wikipedia" else "canonical"
    d = explain(X, H, op="convolve" if op == "convolve" else "correlate", mode=mode, order=order)
    expected = convolve(X, H, mode=mode) if op == "convolve" else correlate(X, H, mode=mode, order=order)
    assert d.result == expected
    for term in d.terms:   # compact lines hold exactly the overlapping products
        assert all(X.start <= i <= X.end and H.start <= j <= H.end for i, j in term.pairs)


@settings(max_examples=15, deadline=None)
@given(x=st.lists(st.lists(st.integers(-3, 3), min_size=3, max_size=3), min_size=2, max_size=3),
       h=st.lists(st.lists(st.integers(-3, 3), min_size=2, max_size=2), min_size=1, max_size=2),
       op=st.sampled_from(["convolve", "correlate"]))
def test_random_2d_derivations_verify(x, h, op):
    d = explain(x, h, op=op)
    assert d.result == (convolve(x, h) if op == "convolve" else correlate(x, h))


def test_explain_op_layer_is_the_layer_explanation():
    from symconv.cnn import explain_layer

    x, w = [[1, 2, 3, 4]], [[[1, 0, 1]]]
    via_explain = explain(x, w, op="layer", stride=2, padding=1)
    assert via_explain.text() == explain_layer(x, w, stride=2, padding=1).text()


def test_layer_options_need_op_layer():
    with pytest.raises(InputError) as raised:
        explain([1, 2], [1], stride=2)
    assert str(raised.value) == "explain: layer options (stride) need op layer"


def test_2d_terms_carry_their_grid(image_5x5):
    d = explain(image_5x5.x, image_5x5.h, op="corr")
    corner, middle = d.terms[0], d.terms[len(d.terms) // 2]
    assert corner.n == (-2, -2) and corner.grid == (1, 1) and corner.pairs == (((0, 0), (2, 2)),)
    assert middle.grid == (3, 3) and middle.pairs[0] == ((1, 1), (0, 0)) and middle.pairs[-1] == ((3, 3), (2, 2))
    assert all(t.grid is None for t in explain([1, 2], [1, 1]).terms)
    bad = TermStep(middle.n, middle.pairs, middle.factors, middle.value, middle.reason, middle.conjugated,
                   grid=(9, 1))
    with pytest.raises(SelfCheckError, match=r"the pairs do not fill the grid \(9, 1\)"):
        bad.verify()


# ----------------------------------------------------------------- circular slide


def test_circular_slide_places_the_wrapped_kernel_by_hand():
    # h~ = [1, 1, 2, 0]; for n = 1: h~[(1 - m) mod 4] = h~[1], h~[0], h~[3], h~[2] = 1, 1, 0, 2
    d = explain("1 2 3 4", "1 1 2", op="circ", N=4, at=1)
    slide = d.step(SlideStep)
    assert (slide.n, slide.reason) == (1, Reason.SHIFT_KERNEL_CIRCULAR)
    assert (slide.fixed.values, slide.placed.values, slide.placed.start) == ([1, 2, 3, 4], [1, 1, 0, 2], 0)
    assert "Slide, n = 1: h~[(1-m) mod N] under x~[m], m = 0..3: 1, 1, 0, 2" in d.text().splitlines()
    assert r"\tilde{h}[(1-m) \bmod N] = " in d.latex()


@settings(max_examples=40, deadline=None)
@given(x=st.lists(st.integers(-5, 5), min_size=1, max_size=7), h=st.lists(st.integers(-5, 5), min_size=1, max_size=7),
       period=st.integers(1, 6), data=st.data())
def test_circular_slide_products_add_up_to_the_output(x, h, period, data):
    n = data.draw(st.integers(0, period - 1))
    slide = explain(x, h, op="circ", N=period, at=n).step(SlideStep)
    expected = sum(x[m] * h[k] for m in range(len(x)) for k in range(len(h)) if (m + k) % period == n)
    assert sum(a * b for a, b in zip(slide.fixed.values, slide.placed.values)) == expected


def test_circular_slide_in_two_dimensions():
    d = explain([[1, 2], [3, 4]], [[1, 0], [0, 5]], op="circ", N=(2, 2), at=(0, 1))
    slide = d.step(SlideStep)
    # placed[k, l] = h[(0 - k) mod 2, (1 - l) mod 2]
    assert slide.placed.values == [[0, 1], [5, 0]]
    assert d.result[0, 1] == sum(a * b for row_a, row_b in zip(slide.fixed.values, slide.placed.values)
                                 for a, b in zip(row_a, row_b))


def test_a_misplaced_circular_slide_is_caught():
    slide = explain("1 2 3 4", "1 1 2", op="circ", N=4, at=1).step(SlideStep)
    wrong = SlideStep(slide.n, slide.fixed, slide.moving, Signal([1, 1, 2, 0]), slide.reason)
    with pytest.raises(SelfCheckError):
        wrong.verify()


def test_three_dimensional_operands_get_a_one_line_error():
    with pytest.raises(InputError) as error:
        explain([[[1, 2], [3, 4]]], [[[1]]])
    assert str(error.value) == ("explain: worked solutions are written for 1-D and 2-D operands; this one is 3-D "
                                "(convolve and correlate compute N-D)")
