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
