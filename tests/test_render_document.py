"""The full document: preamble from a basic TeX Live, figures drawn from the steps."""

from __future__ import annotations

import re
import shutil

import pytest

from symconv.derive import explain
from symconv.render.document import plot_number
from symconv.render.pdf import pdf_bytes



def test_document_uses_only_basic_packages(fractions_1d):
    tex = explain(fractions_1d.x, fractions_1d.h).document()
    packages = set(re.findall(r"\\usepackage(?:\[[^\]]*\])?\{([^}]*)\}", tex))
    allowed = {"fontenc", "geometry", "amsmath,amssymb,mathtools", "booktabs", "tikz", "pgfplots", "lmodern"}
    assert packages <= allowed
    assert "\\IfFileExists{lmodern.sty}{\\usepackage{lmodern}}{}" in tex  # scalable T1 fonts when installed
    assert "\\write18" not in tex and "\\input" not in tex


def test_document_draws_x_h_flip_slide_and_result(fractions_1d):
    tex = explain(fractions_1d.x, fractions_1d.h).document()
    assert tex.count("\\begin{axis}") == 7        # x, h; h[m], h[-m]; x[m], h[3-m]; y
    assert "coordinates {(0,1) (1,0.5) (2,1) (3,1)}" in tex
    assert "\\node[font=\\scriptsize, anchor=south, text=black] at (axis cs:1,0.5) {$\\tfrac{1}{2}$};" in tex
    assert "ylabel={$h[3-m]$}" in tex
    assert "coordinates {(1,0.25) (2,0.5) (3,1)}" in tex


def test_2d_document_draws_the_window_and_the_output_grid(image_5x5):
    tex = explain(image_5x5.x, image_5x5.h, op="corr", mode="valid").document()
    assert tex.count("\\begin{tikzpicture}") == 2            # outputs (0,0) and (1,1)
    assert "\\draw[blue!70!black, very thick] (1,-1) rectangle (4,-4);" in tex
    assert "$y[i,j]$" in tex


def test_symbolic_values_are_not_plotted():
    tex = explain("a b", "1 1").document()
    assert "\\begin{axis}" not in tex and "are not plotted" in tex


def test_plot_number():
    from sympy import I, Rational
    assert plot_number(Rational(-13, 8)) == "-1.625" and plot_number(I) is None


@pytest.mark.parametrize("kwargs", [
    {"x": "1 -2 3 0.5", "h": "n=-1: 1 i 2", "op": "corr"},
    {"x": "1 -2 3 0.5", "h": "1 i 2", "op": "corr", "order": "wikipedia", "style": "table"},
    {"x": "1 2 3 4 5", "h": "1 1 1", "op": "circ", "N": 4, "style": "table"},
    {"x": "a b c", "h": "1 -1", "mode": "same"},
    {"x": list(range(200)), "h": [1, -2, 1]},
    {"x": [[1, 2, 0], [3, 4, 1]], "h": [[1, -1], [2, 0]], "at": [(0, 0), (2, 3)]},
    {"x": [[1, 2], [3, 4]], "h": [[1, 1], [0, 1]], "op": "circ", "N": (2, 2)},
])
@pytest.mark.tex
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_documents_compile(kwargs):
    assert pdf_bytes(explain(**kwargs).document()).startswith(b"%PDF")


def test_the_section_title_names_the_operation_once():
    tex = explain("1 2 3", "1 1", op="circ", N=3).document()
    assert "\\section*{Worked solution: Circular convolution of $x$ and $h$ (period $N = 3$)}" in tex
    assert "\\textbf{Definition}:" in tex and "\\textbf{Circular convolution}" not in tex


def test_circular_convolution_draws_the_wrapped_operands_on_0_to_N_minus_1():
    tex = explain("1 2 3 4 5", "1 1 2", op="circ", N=4).document()
    assert "ylabel={$\\tilde{x}[m]$}" in tex and "ylabel={$\\tilde{h}[m]$}" in tex
    # x~ = [1 + 5, 2, 3, 4] and h~ = [1, 1, 2, 0] on m = 0..3, drawn over 0..N-1
    assert "coordinates {(0,6) (1,2) (2,3) (3,4)};" in tex
    assert "coordinates {(0,1) (1,1) (2,2) (3,0)};" in tex
    assert tex.count("xmin=-0.7, xmax=3.7") >= 3   # x~, h~ and the result y on 0..N-1
    assert "\\tilde{x}[m]" not in explain("1 2 3", "1 1").document()


def test_a_stem_that_points_down_has_its_value_below_it():
    tex = explain("1 2", "1 -2").document()
    assert "\\node[font=\\scriptsize, anchor=north, text=black] at (axis cs:1,-2) {$-2$};" in tex
    assert "enlarge y limits={value=0.3}" in tex and "clip=false" in tex


def test_issue_21_huge_indices_and_values_are_not_plotted(tmp_path, capsys):
    """Indices never pass through float: a 400-digit start gives a document without plots."""
    from helpers import run_cli

    from symconv import Signal

    start = 10**400
    document = explain(Signal([1, 2, 3], start=start), [1, 1]).document()
    assert "\\begin{axis}" not in document and f"y[{start + 1}]" in document
    assert "so the sequences are not" in document
    document = explain(["1e400", 2, 3], [1, 1]).document()
    assert "\\begin{axis}" not in document
    target = tmp_path / "s.tex"
    assert run_cli(["explain", "1 2 3", "1 1", "--start-x", str(start), "-o", str(target)], capsys)[0] == 0
    assert f"{start}" in target.read_text()


def test_issue_21_long_sequences_are_not_plotted():
    """pdflatex ran out of memory on 10^5 stems ('TeX failed without an error message')."""
    document = explain([1] * 3000, [1, 1]).document()
    assert "\\begin{axis}" not in document and "too long" in document
