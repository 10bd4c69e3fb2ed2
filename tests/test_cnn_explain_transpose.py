"""Worked solutions of transposed convolution layers: values exact (= conv_transpose_layer = PyTorch),
text verbatim, documents compile, CLI exit codes and one-line errors."""

from __future__ import annotations

import random
import shutil

import numpy as np
import pytest
from sympy import symbols

from symconv import InputError, conv_transpose_layer, explain_transpose_layer
from symconv.cli import main
from symconv.cnn.explain import LayerTermStep, SizeStep
from symconv.cnn.explain_transpose import (ReversedKernelStep, ScatterStep, SpreadFieldStep, SpreadInputStep,
                                           TransposedTermStep)

try:
    import torch
except ImportError:  # pragma: no cover - torch is an optional test extra
    torch = None

needs_tex = pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")


def steps(d, kind):
    return [s for s in d.steps if isinstance(s, kind)]


def reference(x, w, *, stride, padding, output_padding, dilation, groups, bias=None):
    """conv_transpose by hand: every input sample scatters a scaled copy of the kernel (NumPy, 1-D and 2-D)."""
    x, w = np.array(x, dtype=object), np.array(w, dtype=object)
    nd = x.ndim - 1
    s, p, op, d = ((v,) * nd if isinstance(v, int) else v for v in (stride, padding, output_padding, dilation))
    kernel = w.shape[2:]
    out = tuple((i - 1) * s_ - 2 * p_ + d_ * (k - 1) + o + 1 for i, k, s_, p_, d_, o in
                zip(x.shape[1:], kernel, s, p, d, op))
    c_in, per_out = x.shape[0], w.shape[1]
    y = np.zeros((per_out * groups, *out), dtype=object)
    for c in range(c_in):
        group = c // (c_in // groups)
        for n in np.ndindex(*x.shape[1:]):
            for j in range(per_out):
                for t in np.ndindex(*kernel):
                    o = tuple(a * b + e * f - g for a, b, e, f, g in zip(n, s, t, d, p))
                    if all(0 <= a < b for a, b in zip(o, out)):
                        y[(group * per_out + j, *o)] += x[(c, *n)] * w[(c, j, *t)]
    if bias is not None:
        for c, b in enumerate(bias):
            y[c] += b
    return y


def test_the_worked_example_in_text():
    d = explain_transpose_layer([[1, 2, 3]], [[[1, 10, 100]]], stride=2, padding=1, output_padding=1)
    lines = d.text().splitlines()
    assert lines[0] == ("Transposed convolution layer (PyTorch's conv_transpose1d): every input sample adds a "
                        "scaled copy of the kernel to the output")
    assert lines[1] == ("y[c, 2n + t - 1] += x[c_in, n] w[c_in, c, t] for every c_in, n, t (outputs outside the "
                        "output are dropped)")
    assert lines[4:7] == ["  o = (i - 1)s - 2p + d(k - 1) + output_padding + 1",
                          "    = (3 - 1)*2 - 2*1 + 1*(3 - 1) + 1 + 1", "    = 6"]
    assert lines[7] == ("As a convolution: spread the input by the stride (x↑[2n] = x[n]), pad it, and slide the "
                        "reversed kernel over it. 1 zero between neighbours; padded by d(k - 1) - p = "
                        "1*(3 - 1) - 1 = 1: 1 in front and 1 + 1 = 2 behind (output padding 1).")
    assert lines[9] == "n = -1..6: 0, 1, 0, 2, 0, 3, 0, 0"
    assert lines[10].startswith("Why the kernel is reversed: a transposed convolution is the adjoint (the transpose) "
                                "of the convolution with the same weight.")
    assert lines[11] == "Kernel w[0, 0] = 1, 10, 100, reversed: 100, 10, 1"
    assert "Window of y[0, 1] on x↑: indices 0, 1, 2; input positions covered: 0, 1" in lines
    assert ("y[0, 1] = x↑[0, 0]*w[0, 0, 2] + x↑[0, 1]*w[0, 0, 1] + x↑[0, 2]*w[0, 0, 0] = 1*100 + 0*10 + 2*1 = 102"
            in lines)
    assert lines[-6:] == [
        "In plain words: each input sample scatters a scaled copy of the kernel into the output, the copies 2 apart "
        "(the stride). For one sample, x[0, 1] = 2 adds 2*w[0, c, t] to y[c, 2*1 + t - 1]:",
        "  y[0, 1] += x[0, 1]*w[0, 0, 0] = 2*1 = 2",
        "  y[0, 2] += x[0, 1]*w[0, 0, 1] = 2*10 = 20",
        "  y[0, 3] += x[0, 1]*w[0, 0, 2] = 2*100 = 200",
        "Adding the scaled copies of all 3 input samples gives every output above (checked).",
        "Result y: shape (1, 6), values [[10, 102, 20, 203, 30, 300]]"]


def test_the_steps_hold_the_numbers():
    d = explain_transpose_layer([[1, 2, 3]], [[[1, 10, 100]]], stride=2, padding=1, output_padding=1, scatter=0)
    spread = steps(d, SpreadInputStep)[0]
    assert (spread.before, spread.after, spread.spread.start) == ((1,), (2,), -1)
    assert steps(d, ReversedKernelStep)[0].reversed.values == [100, 10, 1]
    assert int(steps(d, SizeStep)[0].sizes[0]) == 6
    scatter = steps(d, ScatterStep)[0]
    assert [(c.position, c.inside, c.product) for c in scatter.copies] == [((-1,), False, 1), ((0,), True, 10),
                                                                          ((1,), True, 100)]
    assert scatter.total.values == d.result.values
    field = steps(d, SpreadFieldStep)[0]
    assert field.indices == ((-1,), (0,), (1,)) and field.samples == ((0,),)


def test_negative_padding_crops_the_spread_input():
    d = explain_transpose_layer([[1, 2, 3, 4]], [[[1, 10, 5]]], stride=2, padding=3)
    assert "padded by d(k - 1) - p = 1*(3 - 1) - 3 = -1: a negative padding: 1 sample cut from the front and 1 " \
           "from the back." in d.text()
    assert steps(d, SpreadInputStep)[0].spread.values == [0, 2, 0, 3, 0]
    assert d.result.values == conv_transpose_layer([[1, 2, 3, 4]], [[[1, 10, 5]]], stride=2, padding=3).values


def _random_case(rng: random.Random, nd: int) -> dict:
    groups = rng.choice([1, 2])
    c_in, per_out = groups * rng.randint(1, 2), rng.randint(1, 2)
    kernel = tuple(rng.randint(1, 3) for _ in range(nd))
    stride = tuple(rng.randint(1, 3) for _ in range(nd))
    dilation = tuple(rng.randint(1, 2) for _ in range(nd))
    padding = tuple(rng.randint(0, d * (k - 1) + 1) for d, k in zip(dilation, kernel))
    output_padding = tuple(rng.randint(0, max(s, d) - 1) for s, d in zip(stride, dilation))
    spatial = tuple(rng.randint(2, 4) for _ in range(nd))
    x = np.array([rng.randint(-3, 3) for _ in range(c_in * int(np.prod(spatial)))]).reshape(c_in, *spatial)
    w = np.array([rng.randint(-3, 3) for _ in range(c_in * per_out * int(np.prod(kernel)))]).reshape(
        c_in, per_out, *kernel)
    bias = [rng.randint(-2, 2) for _ in range(per_out * groups)] if rng.random() < 0.5 else None
    return dict(x=x.tolist(), w=w.tolist(), stride=stride, padding=padding, output_padding=output_padding,
                dilation=dilation, groups=groups, bias=bias)


@pytest.mark.parametrize("nd", [1, 2])
def test_every_derived_output_equals_the_layer_the_scatter_and_pytorch(nd):
    rng = random.Random(7 + nd)
    checked = 0
    while checked < 25:
        case = _random_case(rng, nd)
        parameters = {k: v for k, v in case.items() if k not in ("x", "w")}
        try:
            result = conv_transpose_layer(case["x"], case["w"], **parameters)
        except InputError:
            continue  # the padding left no output
        everything = [(c, p) for c in range(result.shape[0]) for p in np.ndindex(*result.shape[1:])]
        d = explain_transpose_layer(case["x"], case["w"], at=[(c, tuple(int(i) for i in p)) for c, p in everything],
                                    **parameters)
        expected = reference(case["x"], case["w"], **parameters)
        terms = steps(d, TransposedTermStep)
        assert len(terms) == len(everything)
        for term in terms:
            index = (term.out_channel, *term.position)
            assert term.value == expected[index] == result[index]
        assert steps(d, ScatterStep)[0].total.values == result.values
        if torch is not None:
            function = torch.nn.functional.conv_transpose1d if nd == 1 else torch.nn.functional.conv_transpose2d
            bias = None if case["bias"] is None else torch.tensor(case["bias"], dtype=torch.float64)
            out = function(torch.tensor([case["x"]], dtype=torch.float64), torch.tensor(case["w"], dtype=torch.float64),
                           bias, **{k: v for k, v in parameters.items() if k != "bias"})[0]
            assert np.array_equal(out.numpy().astype(np.int64), np.array(result.values, dtype=np.int64))
        checked += 1


def test_symbolic_weights_give_polynomials():
    d = explain_transpose_layer([[1, 2]], [[["a", "b", "c"]]], stride=2, at=[(2,)])
    a, b, c = symbols("a b c", real=True)
    term = steps(d, LayerTermStep)[0]
    assert term.value == c + 2 * a
    assert ("y[0, 2] = x↑[0, 0]*w[0, 0, 2] + x↑[0, 1]*w[0, 0, 1] + x↑[0, 2]*w[0, 0, 0] = 1*c + 0*b + 2*a "
            "= 2*a + c") in d.text().splitlines()


def test_markdown_and_latex_fragment():
    d = explain_transpose_layer([[1, 2]], [[[1, "1/2"]]], stride=2, bias=[3])
    markdown = d.markdown()
    assert markdown.startswith("**Transposed convolution layer** (PyTorch's `conv_transpose1d`)")
    assert "$$ x^{\\uparrow}[0, n] = \\{ 0, 1, 0, 2, 0 \\},\\quad n = -1, \\dots, 3 $$" in markdown
    latex = d.latex()
    assert "$(i - 1)s - 2p + d(k - 1) + \\mathrm{output\\_padding} + 1 = (2 - 1)\\cdot 2 - 2\\cdot 0 + " \
           "1\\cdot (2 - 1) + 0 + 1 = 4$" in latex
    assert "\\textbf{Why the kernel is reversed.}" in latex
    assert "y[0, 2] &\\mathrel{+}= x[0, 1]\\,w[0, 0, 0] = 2\\cdot 1 = 2" in latex
    assert latex.endswith("Adding the scaled copies of all 2 input samples, and the bias, gives every output above "
                          "(checked).\n\n\\textbf{Result.} Every output is derived above.\n"
                          "\\[ y[0, n] = \\left\\{ 4, \\tfrac{7}{2}, 5, 4 \\right\\},\\quad n = 0, \\dots, 3 \\]\n")


def test_document_figures_show_the_reversed_kernel_and_the_scattered_copy():
    tex = explain_transpose_layer([[1, 2, 3]], [[[1, 10, 100]]], stride=2, padding=1).document()
    under = [line for line in tex.splitlines() if "at (" in line and ",-1.4)" in line]
    assert under[:3] == ["\\node[font=\\scriptsize, blue!70!black] at (0.5,-1.4) {$\\times 100$};",
                         "\\node[font=\\scriptsize, blue!70!black] at (1.5,-1.4) {$\\times 10$};",
                         "\\node[font=\\scriptsize, blue!70!black] at (2.5,-1.4) {$\\times 1$};"]
    assert [line.rsplit(" ", 1)[1] for line in under[3:]] == ["{$+2$};", "{$+20$};", "{$+200$};"]
    assert "dotted cells the zeros inserted by the stride, dashed cells the padding." in tex


def test_bad_requests():
    with pytest.raises(InputError, match=r"^input: explain one input at a time: give \(C_in, \*spatial\) without "
                                         r"a batch axis$"):
        explain_transpose_layer([[[1, 2, 3]]], [[[1, 1]]])
    with pytest.raises(InputError, match=r"^at: 9 is not an output position; outputs run over 0\.\.3$"):
        explain_transpose_layer([[1, 2, 3]], [[[1, 1]]], at=9)
    with pytest.raises(InputError, match=r"^scatter: 3 is not an input index; the input runs over 0\.\.2$"):
        explain_transpose_layer([[1, 2, 3]], [[[1, 1]]], scatter=3)
    with pytest.raises(InputError, match=r"^output_padding: 2 must be smaller than stride 2 or dilation 1$"):
        explain_transpose_layer([[1, 2, 3]], [[[1, 1]]], stride=2, output_padding=2)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_explains_a_transposed_layer(capsys, tmp_path):
    code, out, err = run(capsys, "layer", "1 2 3", "1 10 100", "--transposed", "--stride", "2", "--padding", "1",
                         "--output-padding", "1", "--explain")
    assert code == 0 and err == ""
    assert ("y[0, 3] = x↑[0, 2]*w[0, 0, 2] + x↑[0, 3]*w[0, 0, 1] + x↑[0, 4]*w[0, 0, 0] = 2*100 + 0*10 + 3*1 "
            "= 203") in out.splitlines()
    target = tmp_path / "t.md"
    code, out, _ = run(capsys, "layer", "1 2; 3 4", "1 0; 0 1", "--transposed", "--stride", "2", "--explain",
                       "-o", str(target))
    assert code == 0 and out == "" and target.read_text().startswith("**Transposed convolution layer**")
    code, out, _ = run(capsys, "layer", "1 2", "1 1", "--transposed", "--explain", "--format", "latex")
    assert code == 0 and out.startswith("\\documentclass") and "Worked solution: Transposed convolution layer" in out


@pytest.mark.parametrize("argv, message", [
    (("layer", "1 2 3", "1 10", "--transposed", "--explain", "--flip"),
     "symconv: error: --flip: reads an ordinary layer as a true convolution; a transposed layer's explanation "
     "already shows its kernel reversed"),
    (("layer", "1 2 3", "1 10", "--transposed", "--padding-mode", "reflect"),
     "symconv: error: --padding-mode: 'reflect': a transposed layer pads with zeros only (as PyTorch's)"),
    (("layer", "1 2 3", "1 10", "--transposed", "--explain", "--padding", "3"),
     "symconv: error: --padding, spatial axis 0: 3 leaves the transposed output with size -2; it must be positive"),
    (("layer", "1 2 3", "1 10", "--transposed", "--explain", "-o", "layer.html"),  # refused before writing
     "symconv: error: output: 'layer.html' does not end in .txt, .md, .tex, .json or .pdf (what symconv layer "
     "writes); rename it or give --format"),
])
def test_cli_errors_are_one_line_with_exit_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err == message + "\n"


@pytest.mark.tex
@needs_tex
def test_documents_compile():
    from symconv.render.pdf import pdf_bytes

    cases = [
        explain_transpose_layer([[1, 2, 3]], [[[1, 10, 100]]], stride=2, padding=1, output_padding=1),
        explain_transpose_layer([[[1, 2], [3, 4]], [[0, 1], [1, "1/2"]]],
                                [[[["a", "b"], [1, 0]]], [[[1, 1], [0, 2]]]], bias=["-1/3", 1], stride=2,
                                padding=1, output_padding=1, groups=2, at=[(0, (1, 1)), (1, (0, 2))],
                                names=("x_in", "w", "y")),
        explain_transpose_layer([[1, 2, 3, 4]], [[[1, 10, 5]]], stride=2, padding=3, dilation=2, output_padding=1),
    ]
    for d in cases:
        assert pdf_bytes(d.document()).startswith(b"%PDF")


@pytest.mark.tex
@needs_tex
def test_cli_writes_a_pdf(capsys, tmp_path):
    target = tmp_path / "transposed.pdf"
    code, out, err = run(capsys, "layer", "1 2 3", "1 10 100", "--transposed", "--stride", "2", "--explain",
                         "-o", str(target))
    assert code == 0 and out == "" and err == ""
    assert target.read_bytes().startswith(b"%PDF")
