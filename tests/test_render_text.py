"""The plain-text worked solution."""

from __future__ import annotations

from symconv.derive import explain
from symconv.render.base import Renderer
from symconv.signal import Signal
from symconv.steps import Reason


def test_issue_line_in_text_form(fractions_1d):
    text = explain(fractions_1d.x, fractions_1d.h, names=("a", "b", "c"), style="table").text()
    assert "c[3] = a[0]b[3] + a[1]b[2] + a[2]b[1] + a[3]b[0] = 1*0 + 1/2*1/4 + 1*1/2 + 1*1 = 13/8" in text
    assert "Sliding table:" in text


def test_correlation_text_shows_conjugates_and_window():
    text = explain([1, "2+i", 3, 4], "1 >2 i", op="corr", mode="same").text()
    assert "Conjugate: conj(h): n = -1..1: 1, 2, -I" in text
    assert "y[0] = x[0]conj(h[0]) + x[1]conj(h[1]) = 1*2 + (2 + I)*(-I) = 3 - 2*I" in text
    assert "Mode same, scipy convention: of the full result (-1..4) keep 0..3 (offset 1, length 4)." in text


def test_circular_text_names_the_wrapped_operands():
    text = explain([1, 2, 3, 4, 5], [1, 1, 1], op="circ", N=4).text()
    assert "x~ = x wrapped modulo N (samples at equal index mod N added): n = 0..3: 6, 2, 3, 4" in text
    assert "y[0] = x~[0]h~[0] + x~[2]h~[2] + x~[3]h~[1] = 6*1 + 3*1 + 4*1 = 13" in text


def test_elided_text_says_what_is_left_out():
    text = explain(list(range(100)), [1, 1]).text()
    assert ("... (85 lines, y[11] to y[95], left out: all computed and verified; use --all or "
            "elide=False to show them)") in text
    assert "n = 0..99: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ..., 95, 96, 97, 98, 99" in text


def test_2d_text_has_grids(image_5x5):
    text = explain(image_5x5.x, image_5x5.h, op="corr", mode="valid").text()
    assert "Slide, (i,j) = (1,1): the kernel lies over rows 1..3 and columns 1..3 of x" in text
    assert text.rstrip().endswith("i=2 | 2 3 4")


def test_unknown_steps_fall_back_to_a_generic_line(fractions_1d):
    class NewStep:
        reason = Reason.RESULT

    class Child(NewStep):
        pass

    renderer = Renderer(explain(fractions_1d.x, fractions_1d.h))
    assert renderer.render_step(Child()) == "Child: result"


def test_range_explains_each_number():
    text = explain(Signal([1, 2], start=-1), Signal([1, 1, 1], start=-2)).text()
    assert ("so y[n] can be nonzero only for n from s_x + s_h = -1 + (-2) = -3 to e_x + e_h = 0 + 0 = 0 "
            "(s, e: the first and last index of a sequence);") in text
