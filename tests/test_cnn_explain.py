"""Worked solutions of CNN layers: steps verified, text exact, documents compile."""

from __future__ import annotations

import shutil

import pytest
from sympy import symbols

from symconv import InputError, SelfCheckError, explain_flip_equivalence, explain_layer
from symconv.cnn.explain import LayerTermStep, ReceptiveFieldStep


def test_text_of_a_strided_padded_layer():
    d = explain_layer([[1, 2, 3, 4]], [[[1, 10]]], stride=2, padding=1)
    lines = d.text().splitlines()
    assert lines[0] == "CNN layer (PyTorch's conv1d): a cross-correlation, the kernel is not flipped"
    assert lines[1] == "y[c, n] = sum over c_in, t of x[c_in, 2n + t - 1] w[c, c_in, t]"
    assert "n = -1..4: 0, 1, 2, 3, 4, 0" in lines
    assert "Receptive field of y[0, 1]: input indices 1, 2" in lines
    assert "y[0, 1] = x[0, 1]*w[0, 0, 0] + x[0, 2]*w[0, 0, 1] = 2*1 + 3*10 = 32" in lines
    assert lines[-1] == "Result y: shape (1, 3), values [[10, 32, 4]]"


def test_dilation_shows_the_spread_receptive_field_and_the_taps():
    d = explain_layer([[1, 2, 3, 4, 5]], [[[1, 10]]], stride=2, padding=1, dilation=2)
    text = d.text()
    assert "Receptive field of y[0, 1]: input indices 1, 3" in text
    assert "y[0, 1] = x[0, 1]*w[0, 0, 0] + x[0, 3]*w[0, 0, 1] = 2*1 + 4*10 = 42" in text
    assert "skip input indices 0, 2, 4 (3 in all)" in text


def test_channels_summed_and_bias_added():
    x = [[[1, 2, 0], [0, 1, 3], [2, 2, 1]], [[1, 1, 1], [0, 0, 0], [1, 0, 1]]]
    w = [[[[1, 0], [2, -1]], [[1, 1], [0, 1]]]]
    d = explain_layer(x, w, bias=[5], padding=1, stride=2, at=[(1, 1)])
    term = next(s for s in d.steps if isinstance(s, LayerTermStep))
    assert [t.value for t in term.channels] == [4, 1] and term.bias == 5 and term.value == 10
    assert "  channels summed: 4 + 1 + 5 = 10" in d.text().splitlines()
    field = next(s for s in d.steps if isinstance(s, ReceptiveFieldStep))
    assert field.indices == ((1, 1), (1, 2), (2, 1), (2, 2))


def test_flip_equivalence_explained():
    d = explain_flip_equivalence([[1, 2, 3]], [[["a", "b"]]])
    lines = d.text().splitlines()
    assert lines[3].startswith("Why the flip does not matter: A CNN layer slides the kernel without flipping it")
    assert "  as a convolution: y[0, 1] = x[0, 1]*w♭[0, 0, 0] + x[0, 2]*w♭[0, 0, -1] = 2*a + 3*b" in lines
    a, b = symbols("a b", real=True)
    assert d.flip.values == [[[b, a]]]


def test_markdown_and_latex_fragment():
    d = explain_layer([[1, 2, 3]], [[[1, "1/2"]]])
    assert d.markdown().startswith("**CNN layer** (PyTorch's `conv1d`)")
    assert "&= 1\\cdot 1 + 2\\cdot \\tfrac{1}{2} \\\\" in d.latex()


def test_every_step_is_verified():
    d = explain_layer([[1, 2, 3]], [[[1, 1]]])
    term = next(s for s in d.steps if isinstance(s, LayerTermStep))
    broken = LayerTermStep(term.out_channel, term.position, term.channel_indices, term.channels, None, 99, term.taps)
    with pytest.raises(SelfCheckError, match="output \\(0,\\): channels and bias give 3, not 99"):
        broken.verify()


def test_bad_requests():
    with pytest.raises(InputError, match=r"^input: explain one input at a time: give \(C_in, \*spatial\) without "
                                         r"a batch axis$"):
        explain_layer([[[1, 2, 3]]], [[[1, 1]]])
    with pytest.raises(InputError, match=r"^at: 5 is not an output position; outputs run over 0\.\.1$"):
        explain_layer([[1, 2, 3]], [[[1, 1]]], at=5)


@pytest.mark.tex
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_documents_compile():
    from symconv.render.pdf import pdf_bytes

    x = [[[1, 2, 0, 1], [0, 1, 3, 2], [2, 2, 1, 0]], [[1, 1, 1, 0], [0, 0, 0, 1], [1, 0, 1, 1]]]
    w = [[[["a", "b"], ["c", "d"]], [[1, 1], [0, 1]]]]
    for d in (explain_flip_equivalence(x, w, bias=["1/2"], padding=1, stride=2, at=[(1, 1)], names=("x_in", "w", "y")),
              explain_layer([[1, 2, 3, 4, 5]], [[[1, "-1/2"]]], stride=2, padding=1, dilation=2)):
        assert pdf_bytes(d.document()).startswith(b"%PDF")


def test_a_partial_worked_solution_says_how_many_outputs_it_derives():
    d = explain_layer([[[1, 2, 3], [4, 5, 6], [7, 8, 9]]], [[[[1, 2], [3, 4]]]], padding=1)
    assert d.text().splitlines()[-1].endswith(
        ". Derived above: 8 of the 16 outputs; the others follow in the same way (choose which with --at, or at= "
        "in Python).")
    latex = d.latex()
    assert r"\textbf{Result.} Derived above: 8 of the 16 outputs" in latex
    assert (r"\[ y[0, i, j] = \begin{bmatrix} 4 & 11 & 18 & 9 \\ 18 & 37 & 47 & 21 \\ 36 & 67 & 77 & 33 \\ "
            r"14 & 23 & 26 & 9 \end{bmatrix},\quad i = 0, \dots, 3,\ j = 0, \dots, 3 \]") in latex
    assert "(choose which with `--at`, or `at=` in Python)" in d.markdown()


def test_a_complete_worked_solution_shows_every_channel_of_the_result():
    d = explain_layer([[1, 2, 3]], [[[1, 1]], [[2, -1]]])
    assert "Derived above" not in d.text()
    assert (r"\textbf{Result.} Every output is derived above." + "\n"
            + r"\[ y[0, n] = \left\{ 3, 5 \right\},\quad n = 0, \dots, 1 \]" + "\n"
            + r"\[ y[1, n] = \left\{ 0, 1 \right\},\quad n = 0, \dots, 1 \]") in d.latex()


def test_a_grouped_layer_states_which_input_channels_each_output_reads():
    x = [[1, 2, 3], [4, 5, 6], [1, 1, 1], [2, 2, 2]]
    w = [[[1, 1], [1, 0]], [[2, -1], [0, 1]], [[1, 1], [1, 1]], [[0, 0], [1, 1]]]
    d = explain_layer(x, w, groups=2, at=[(3, (0,))])
    text = d.text().splitlines()
    assert text[1:3] == ["y[c, n] = sum over c', t of x[c_in, n + t] w[c, c', t]",
                         "  with c_in = 2*g + c', the input channels of output channel c's group g = floor(c/2) "
                         "(c' = 0..1)"]
    # output channel 3 is in group 1 and reads input channels 2 and 3: 0*1 + 0*1 + 1*2 + 1*2 = 4
    term = next(s for s in d.steps if isinstance(s, LayerTermStep))
    assert (term.channel_indices, term.value) == ((2, 3), 4)
    assert (r"Here $c_\mathrm{in} = 2g + c'$ runs over the input channels of output channel $c$'s group "
            r"$g = \lfloor c/2 \rfloor$ ($c' = 0, \dots, 1$).") in d.latex()


def test_an_output_asked_for_twice_is_derived_once():
    d = explain_layer([[1, 2, 3], [4, 5, 6]], [[[1, 1], [0, 1]], [[1, 0], [0, 0]]], at=[(1, (0,)), (1, (0,))])
    assert [(s.out_channel, s.position) for s in d.steps if isinstance(s, LayerTermStep)] == [(1, (0,))]
    assert "Derived above: 1 of the 4 outputs" in d.text()
