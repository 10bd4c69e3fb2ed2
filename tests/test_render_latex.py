"""The LaTeX fragment: term lines in the issue's form, and every line reads back to its value.

Each term line is read back by symconv's own checker (symconv.check.latex_in): every stage of
``y[n] = <indexed products> = <numeric products> = <value>`` must evaluate to the value the
engine computed, with the indexed names looked up in the operands.
"""

from __future__ import annotations

import re

import pytest
from sympy import I, conjugate, expand

from symconv.derive import explain
from symconv.signal import Signal
from symconv.steps import WrapStep

latex_in = pytest.importorskip("symconv.check.latex_in")
elementwise_sums = pytest.importorskip("symconv.check.lines").elementwise_sums

REFERENCE_LINE = (r"c[3] = a[0]b[3] + a[1]b[2] + a[2]b[1] + a[3]b[0] = 1\cdot 0 + \tfrac{1}{2}\cdot\tfrac{1}{4}"
                  r" + 1\cdot\tfrac{1}{2} + 1\cdot 1 = \tfrac{13}{8}")


def term_lines(latex: str, y: str) -> list[str]:
    """The term lines of an align block, continuation rows joined, markup of the layout removed."""
    block = latex.split("\\begin{align*}", 1)[1].split("\\end{align*}", 1)[0] if "align*" in latex else \
        latex.split("\\begin{aligned}", 1)[1].split("\\end{aligned}", 1)[0]
    lines: list[str] = []
    for row in block.strip().split("\\\\\n"):
        row = row.strip().removesuffix("\\\\").strip()
        if row.startswith(f"&{y}["):
            lines.append(row[1:])
        elif row.startswith("&\\qquad") and lines and "vdots" not in row:
            lines[-1] += " " + row[1:].replace("\\qquad", "").replace("\\quad", "").strip()
    return lines


def _encode_indices(line: str) -> str:
    """``x[1,2]`` -> ``x[1*1000+2]`` (the reader indexes with one expression); ``\\overline{h[k]}`` ->
    ``hconj[k]``."""
    line = re.sub(r"\\overline\{([A-Za-z]+)\[([^\]]*)\]\}", lambda m: f"{m[1].upper()}[{m[2]}]", line)
    line = re.sub(r"\\tilde\{([A-Za-z]+)\}", lambda m: {"x": "W", "h": "V"}[m[1]], line)
    return re.sub(r"\[(-?\d+),(-?\d+)\]", lambda m: f"[{m[1]}*1000+{m[2]}]", line)


def read_back(line: str, signals: dict[str, Signal]) -> list:
    """The value of every stage of a term line."""
    def lookup(name: str, index, node):
        k = int(index)
        conj = name in ("X", "H")
        signal = signals[name.lower() if conj else name]
        if signal.ndim == 2:
            row = round(k / 1000)
            key = (row, k - 1000 * row)
        else:
            key = k
        value = signal[key]
        return conjugate(value) if conj else value

    line = elementwise_sums(line)
    stages = latex_in.parse_chain(_encode_indices(line))
    values = [latex_in.evaluate(stage, indexed=lookup) for stage in stages]
    return [expand(v.subs({s: I for s in v.free_symbols if s.name == "i"})) for v in values]


def assert_lines_read_back(d, expect_all: bool = True) -> None:
    signals = {d.names.x: d.x, d.names.h: d.h, d.names.y: d.result}
    wraps = [s for s in d.steps if isinstance(s, WrapStep)]
    if wraps:
        signals.update(W=wraps[0].wrapped, V=wraps[1].wrapped)
    lines = term_lines(d.latex(), d.names.y)
    if expect_all:
        assert len(lines) == len(d.terms)
    for line in lines:
        if "\\dots" in line:
            continue
        values = read_back(line, signals)
        one_product = re.search(r"\\begin\{bmatrix\} [^&\\]* \\end\{bmatrix\} \\odot", line)
        assert len(values) == (3 if one_product else 4), line  # 1x1 matrices: the product is the value
        assert all(expand(v - values[0]) == 0 for v in values), (line, values)


def test_the_issue_line_appears_verbatim_in_table_style(fractions_1d):
    d = explain(fractions_1d.x, fractions_1d.h, names=("a", "b", "c"), style="table")
    assert REFERENCE_LINE in term_lines(d.latex(), "c")


def test_compact_style_keeps_only_overlapping_products(fractions_1d):
    d = explain(fractions_1d.x, fractions_1d.h, names=("a", "b", "c"))
    assert (r"c[3] = a[1]b[2] + a[2]b[1] + a[3]b[0] = \tfrac{1}{2}\cdot\tfrac{1}{4} + 1\cdot\tfrac{1}{2}"
            r" + 1\cdot 1 = \tfrac{13}{8}") in term_lines(d.latex(), "c")


def test_flip_range_and_summation_limits_are_written(fractions_1d):
    tex = explain(fractions_1d.x, fractions_1d.h).latex()
    assert r"h[m] \to h[-m] \to h[n-m]" in tex
    assert r"h[-m] = \left\{ \tfrac{1}{4}, \tfrac{1}{2}, 1 \right\},\quad m = -2, \dots, 0" in tex
    assert r"y[n] = \sum_{m=\max(0,\,n - 2)}^{\min(3,\,n)} x[m]\,h[n-m]" in tex
    assert r"\underset{\uparrow}{1}" in tex


@pytest.mark.parametrize("style", ["compact", "table"])
def test_reference_lines_read_back(fractions_1d, style):
    assert_lines_read_back(explain(fractions_1d.x, fractions_1d.h, names=("a", "b", "c"), style=style))


def test_image_lines_read_back(image_5x5):
    assert_lines_read_back(explain(image_5x5.x, image_5x5.h, op="corr", mode="valid"))


@pytest.mark.parametrize("op, order", [("convolve", "canonical"), ("correlate", "canonical"),
                                       ("correlate", "wikipedia"), ("circular", "canonical")])
@pytest.mark.parametrize("style", ["compact", "table"])
def test_complex_negative_start_lines_read_back(op, order, style):
    x, h = Signal(["1+2i", "-1/2", 3, "-i"], start=-1), Signal([2, "1/3", "-1+i"], start=-2)
    d = explain(x, h, op=op, order=order, style=style, N=3 if op == "circular" else None)
    assert_lines_read_back(d)


def test_symbolic_lines_read_back():
    assert_lines_read_back(explain("a b -c", "1 2*a", mode="same"))


def test_negative_and_complex_factors_are_parenthesised():
    tex = explain(["-1/2"], ["1+2i"]).latex()
    assert r"\left(-\tfrac{1}{2}\right)\cdot\left(1 + 2i\right)" in tex


def test_conjugation_is_shown_for_complex_correlation():
    tex = explain([1, 2], ["i", 1], op="corr").latex()
    assert r"x[0]\overline{h[0]}" in tex
    assert r"\overline{h}[n] = \left\{ \underset{\uparrow}{-i}, 1 \right\}" in tex


def test_real_correlation_says_conjugation_changes_nothing():
    assert r"$h$ is real, so $\overline{h[m]} = h[m]$." in explain([1, 2], [1, 1], op="corr").latex()


def test_long_input_elides_lines_and_products_with_a_note():
    d = explain(list(range(1, 41)), list(range(1, 21)))
    tex = d.latex()
    assert r"&\qquad\vdots" in tex
    assert "are left out; every term was computed and verified" in tex
    assert "Lines with more than 10 products show the first and last ones." in tex
    assert_lines_read_back(d, expect_all=False)


def test_elide_false_keeps_every_line():
    d = explain(list(range(1, 41)), [1, 2, 3], elide=False)
    assert len(term_lines(d.latex(), "y")) == 42


def test_mode_window_is_stated_with_indices():
    tex = explain([1, 2, 3, 4, 5], [1, 1, 1], mode="valid").latex()
    assert r"of the full result, $n = 0, \dots, 6$, keep $n = 2, \dots, 4$ (offset 2, length 3)" in tex


def test_user_names_are_escaped():
    d = explain([1, 2], [1], names=(r"$\input{/etc/passwd}$", "k_1", "50%#&"))
    tex = d.latex()
    assert r"\input{" not in tex.replace(r"\textbackslash{}input\{", "")
    assert r"\text{\$\textbackslash{}input\{/etc/passwd\}\$}" in tex
    assert r"\mathit{k\_1}" in tex and r"\text{50\%\#\&}" in tex


def test_jupyter_repr_is_math_only(fractions_1d):
    math = explain(fractions_1d.x, fractions_1d.h)._repr_latex_()
    assert math.startswith("$$\\begin{aligned}") and math.endswith("\\end{aligned}$$")
    assert "\\textbf" not in math


def test_range_explains_each_number(fractions_1d, image_5x5):
    tex = explain(fractions_1d.x, fractions_1d.h).latex()
    assert ("so $y[n]$ can be nonzero only for $n$ from $s_{x} + s_{h} = 0 + 0 = 0$ to "
            "$e_{x} + e_{h} = 3 + 2 = 5$ ($s$ and $e$: the first and last index of a sequence).") in tex
    tex = explain(image_5x5.x, image_5x5.h, op="corr", mode="valid").latex()
    assert ("$i$ from $s_{x} - e_{h} = 0 - 2 = -2$ to $e_{x} - s_{h} = 4 - 0 = 4$ and "
            "$j$ from $s_{x} - e_{h} = 0 - 2 = -2$ to $e_{x} - s_{h} = 4 - 0 = 4$") in tex
    assert "0 - 2 \\le i" not in tex
    tex = explain(Signal([1, 2, 3], start=-1), Signal([1, 1], start=-2), op="corr", order="wikipedia").latex()
    assert "$n$ from $s_{h} - e_{x} = -2 - 1 = -3$ to $e_{h} - s_{x} = -1 - (-1) = 0$" in tex


def test_2d_terms_are_window_odot_kernel_matrices(image_5x5):
    d = explain(image_5x5.x, image_5x5.h, op="corr", mode="valid")
    line = term_lines(d.latex(), "y")[4]
    assert line == (r"y[1,1] = \sum\left( \begin{bmatrix} 1 & 1 & 1 \\ 0 & 1 & 1 \\ 0 & 1 & 1 \end{bmatrix} \odot "
                    r"\begin{bmatrix} 1 & 0 & 1 \\ 0 & 1 & 0 \\ 1 & 0 & 1 \end{bmatrix} \right) = "
                    r"1 + 0 + 1 + 0 + 1 + 0 + 0 + 0 + 1 = 4")
    assert ("Each $y[i,j]$ is the sum of the elementwise products ($\\odot$) of two matrices: the window "
            "$x[i+k,j+l]$ of $x$ under the kernel and the kernel $h[k,l]$") in d.latex()
    assert_lines_read_back(d)


def test_the_checker_reads_the_matrix_form_and_finds_a_wrong_window(image_5x5):
    from symconv import check_line

    line = term_lines(explain(image_5x5.x, image_5x5.h, op="corr", mode="valid").latex(), "y")[4]
    verdict = check_line(line, image_5x5.x, image_5x5.h, op="correlate")
    assert verdict.ok and [s.kind for s in verdict.stages][:2] == ["output", "products"]
    wrong = line.replace(r"0 & 1 & 1 \end", r"1 & 1 & 1 \end", 1)
    assert check_line(wrong, image_5x5.x, image_5x5.h, op="correlate").kinds[0] == "wrong_products"


@pytest.mark.parametrize("op, order", [("convolve", "canonical"), ("correlate", "canonical"),
                                       ("correlate", "wikipedia")])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
def test_2d_matrix_form_reads_back_and_matches_the_step_data(op, order, mode):
    x = Signal([[1, "1/2", 0, "-2"], ["i", 3, 1, 0], [2, 0, "1+i", 1]], start=(-1, 0))
    h = Signal([[1, 2], ["-1/3", "i"]], start=(0, -1))
    d = explain(x, h, op=op, order=order, mode=mode, elide=False)
    assert_lines_read_back(d)
    lines = term_lines(d.latex(), "y")
    for term, line in zip(d.terms, lines):
        assert "\\odot" in line and term.grid is not None
        rows, columns = term.grid
        assert rows * columns == len(term.pairs) and line.count("&") == 2 * rows * (columns - 1)


def test_a_one_product_matrix_line_states_its_value_once():
    d = explain("1 2; 3 4", "[[3]]")
    assert term_lines(d.latex(), "y")[1] == (r"y[0,1] = \sum\left( \begin{bmatrix} 2 \end{bmatrix} \odot "
                                            r"\begin{bmatrix} 3 \end{bmatrix} \right) = 6")
    assert_lines_read_back(d)


def test_products_style_keeps_the_long_2d_form(image_5x5):
    d = explain(image_5x5.x, image_5x5.h, op="corr", mode="valid", style="products")
    tex = d.latex()
    assert "\\odot" not in tex and "&y[0,0] = x[0,0]h[0,0] + x[0,1]h[0,1]" in tex
    assert_lines_read_back(d)
