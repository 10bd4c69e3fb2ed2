"""Worked lines checked stage by stage; whole solutions line by line; symconv's own output passes."""

from __future__ import annotations

import pytest

import symconv
from symconv import check_line, check_solution
from symconv.errors import InputError
from symconv.render.latex import render_latex

X, H = "1 0.5 1 1", "1 0.5 0.25"


def test_issue_line_c1():
    v = check_line(r"c[1] = \sum_m a[m]b[-m] = 0 * 0.25 + 1 * 0.5 + 0.5 * 1 = 1", X, H)
    assert not v.ok
    assert v.first_wrong.number == 1 and v.first_wrong.kind == "sum"
    assert v.first_wrong.message == "the sum writes b[-m]; for c[1] the definition has b[1 - m]"
    assert [s.ok for s in v.stages] == [True, False, True, True]


def test_issue_line_c5_product_where_sum():
    v = check_line(r"c[5] = \sum_m a[m]b[-m] = 1 * 0 + 0.5 * 0 + 1 * 0 + 1 * 0.25 + 0 * 0.5 * 0 * 1 = 0.25", X, H)
    assert v.kinds == ("wrong_sum", "product_not_sum")
    assert v.stages[2].message == ("'0 * 1/2 * 0 * 1' multiplies where the definition adds: the "
                                   "products 0 * 1/2 and 0 * 1 must be added")
    assert v.stages[-1].ok  # 0.25 is the right value


def test_right_lines():
    assert check_line(r"c[3] = \sum_{m} a[m] b[3-m] = 0.5 * 0.25 + 1 * 0.5 + 1 * 1 = 1.625", X, H).ok
    assert check_line(r"y[3] = x[1]h[2] + x[2]h[1] + x[3]h[0] = \tfrac{1}{2}\cdot\tfrac{1}{4} + "
                      r"1\cdot\tfrac{1}{2} + 1\cdot 1 = \tfrac{13}{8}", X, H).ok


def test_left_out_product_and_arithmetic_and_value():
    v = check_line(r"c[3] = a[2]b[1] + a[3]b[0] = 1 * 0.5 + 1 * 1 = 1.5", X, H)
    assert v.first_wrong.kind == "indices"
    assert v.first_wrong.message == "leaves out a[1]b[2] = 1/8"
    v = check_line(r"c[3] = a[1]b[2] + a[2]b[1] + a[3]b[0] = 0.5 * 0.25 + 1 * 0.5 + 1 * 1 = 1.5", X, H)
    assert v.kinds == ("arithmetic",) and v.first_wrong.number == 3
    v = check_line(r"c[3] = 1.5", X, H)
    assert v.kinds == ("wrong_value",)
    assert v.first_wrong.message == "the value is 3/2; c[3] = 13/8"


def test_wrong_pair():
    v = check_line(r"c[3] = a[1]b[1] + a[2]b[1] + a[3]b[0] = 1", X, H)
    assert v.first_wrong.kind == "indices"
    assert v.first_wrong.message == "a[1]b[1] does not belong to c[3]"


def test_correlation_line():
    # canonical: r[l] = sum_m x[l+m] h[m]
    assert check_line(r"r[0] = \sum_m x[m] h[m] = 1 \cdot 1 + 0.5 \cdot 0.5 + 1 \cdot 0.25 = 1.5",
                      X, H, op="correlate").ok
    v = check_line(r"r[1] = \sum_m x[m] h[1-m] = 0.75", X, H, op="correlate")
    assert v.first_wrong.kind == "sum"


def test_line_errors():
    with pytest.raises(InputError, match="^line: a worked line starts with the output, e.g. c\\[3\\] = ...$"):
        check_line("1 + 2 = 3", X, H)
    with pytest.raises(InputError, match=r"^line, column 16: expected .}. to close .\\frac\{1\}\{.$"):
        check_line(r"c[1] = \frac{1}{2", X, H)


@pytest.mark.parametrize("style", ["compact", "table"])
def test_symconvs_own_solution_passes(style):
    x, h = [1, "1/2", 1, 1], [1, "1/2", "1/4"]
    tex = render_latex(symconv.explain(x, h, style=style, elide=False))
    report = check_solution(tex, x, h)
    assert len(report) >= 6
    assert all(v.ok for _, v in report), [v.to_text() for _, v in report if not v.ok]


def test_solution_with_a_wrong_line_and_an_unreadable_one():
    text = "\\begin{align*}\n&y[0] = x[0]h[0] = 1\\cdot 1 = 1 \\\\\n&y[1] = x[0]h[1] = 0.5 \\\\\n&y[2] = \\frac{1}{ \n\\end{align*}"
    report = check_solution(text, X, H)
    assert [k for k, _ in report] == [2, 3, 4]
    assert report[0][1].ok and not report[1][1].ok
    assert isinstance(report[2][1], InputError)


# --------------------------------------------------------------------------- 2-D and circular lines
IMAGE = [[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]]
KERNEL = [[1, 0, 1], [0, 1, 0], [1, 0, 1]]


def test_symconvs_own_2d_solution_of_the_image_passes():
    """The 5x5 reference image, correlated in valid mode: every output line of explain() passes."""
    derivation = symconv.explain(IMAGE, KERNEL, op="corr", mode="valid", elide=False)
    for source in (render_latex(derivation), derivation.text()):
        report = check_solution(source, IMAGE, KERNEL, op="correlate")
        assert all(v.ok for _, v in report), [v.to_text() for _, v in report if not v.ok]
        terms = [v for _, v in report if v.correct is not None]
        assert [v.index for v in terms] == [(i, j) for i in range(3) for j in range(3)]
        assert [v.correct for v in terms] == [4, 3, 4, 2, 4, 3, 2, 3, 4]
        definitions = [v for _, v in report if v.correct is None]  # y[i,j] = ... \sum_{k,l}, LaTeX only
        assert [str(v.index) for v in definitions] == (["(i, j)", "(i, j)"] if source.startswith("\\") else [])


def test_symconvs_own_2d_convolution_passes():
    kernel = [[1, 2], [3, "1/2"]]
    derivation = symconv.explain(IMAGE, kernel, op="conv", elide=False)
    report = check_solution(render_latex(derivation), IMAGE, kernel)
    assert len(report) == 2 + 36 and all(v.ok for _, v in report)  # the definition, the range, 36 terms
    assert [v.text for _, v in report[:2]] == [
        r"y[i,j] = (x * h)[i,j] = \sum_{k,l} x[k,l]\,h[i-k,j-l]",
        r"y[i,j] = \sum_{k=\max(0,\,i - 1)}^{\min(4,\,i)} \sum_{l=\max(0,\,j - 1)}^{\min(4,\,j)} x[k,l]\,h[i-k,j-l]"]


def test_2d_lines_checked_by_hand():
    # y[1,1] of the image: window rows 1..3, columns 1..3; corners and centre of the kernel
    line = ("y[1,1] = x[1,1]h[0,0] + x[1,3]h[0,2] + x[2,2]h[1,1] + x[3,1]h[2,0] + x[3,3]h[2,2] "
            "= 1*1 + 1*1 + 1*1 + 0*1 + 1*1 = 4")
    assert check_line(line, IMAGE, KERNEL, op="correlate").ok
    v = check_line("y[1,1] = x[1,1]h[0,0] + x[1,3]h[0,2] + x[2,2]h[1,1] = 3", IMAGE, KERNEL, op="correlate")
    assert not v.ok and v.kinds == ("term_left_out", "wrong_value")
    assert v.stages[1].message == "leaves out x[3, 3]h[2, 2] = 1"
    v = check_line("y[1,1] = x[1,1]h[0,0] + x[1,2]h[0,2] = 2", IMAGE, KERNEL, op="correlate")
    assert v.first_wrong.message == "x[1, 2]h[0, 2] does not belong to y[1, 1]"
    with pytest.raises(InputError, match=r"^line: the output y\[1\] has 1 index, the data 2$"):
        check_line("y[1] = 4", IMAGE, KERNEL, op="correlate")


@pytest.mark.parametrize("style", ["compact", "table"])
def test_symconvs_own_circular_solution_passes(style):
    x, h = [1, 2, 3, 4, 5], [1, 1, 2]  # x longer than N: x~[0] = 1 + 5
    derivation = symconv.explain(x, h, op="circ", N=4, style=style, elide=False)
    report = check_solution(render_latex(derivation), x, h, op="circular", N=4)
    # hand: x~ = [6, 2, 3, 4], h~ = [1, 1, 2, 0]; y[0] = 6*1 + 3*2 + 4*1, y[2] = 6*2 + 2*1 + 3*1
    assert [v.correct for _, v in report] == [None, 16, 16, 17, 11]
    assert report[0][1].text == r"y[n] = \sum_{m=0}^{3} x[m]\,h[(n-m) \bmod N]"  # tildes read
    assert all(v.ok for _, v in report)


def test_circular_lines():
    v = check_line("y[0] = x[0]h[0] + x[2]h[2] = 1 + 6 = 7", "1 2 3 4", "1 1 2", op="circular", N=4)
    assert v.kinds == ("term_left_out", "wrong_value")
    assert v.stages[1].message == "leaves out x[3]h[1] = 4"
    assert check_line(r"y[0] = \tilde{x}[0]\tilde{h}[0] + \tilde{x}[2]\tilde{h}[2] + \tilde{x}[3]\tilde{h}[1]"
                      r" = 1\cdot 1 + 3\cdot 2 + 4\cdot 1 = 11", "1 2 3 4", "1 1 2", op="circular", N=4).ok
    with pytest.raises(InputError, match="^N: circular convolution needs the period N$"):
        check_line("y[0] = 1", "1 2", "1", op="circular")
