"""Markdown: Jupyter's _repr_markdown_ and GitHub-style math."""

from __future__ import annotations

from symconv.derive import explain


def test_markdown_has_math_displays_and_the_term_lines(fractions_1d):
    d = explain(fractions_1d.x, fractions_1d.h, names=("a", "b", "c"), style="table")
    md = d.markdown()
    assert md.startswith("## Convolution of $a$ and $b$")
    assert "$$\n\\begin{aligned}" in md and "\\textbf" not in md and "\\[" not in md
    assert ("&c[3] = a[0]b[3] + a[1]b[2] + a[2]b[1] + a[3]b[0] = 1\\cdot 0 + \\tfrac{1}{2}\\cdot\\tfrac{1}{4}"
            " + 1\\cdot\\tfrac{1}{2} + 1\\cdot 1 = \\tfrac{13}{8}") in md
    assert "| $b[3-m]$ |  |  |  | $\\tfrac{1}{4}$ | $\\tfrac{1}{2}$ | $1$ |  |  | $\\tfrac{13}{8}$ |" in md
    assert d._repr_markdown_() == md


def test_markdown_title_is_escaped():
    md = explain([1], [1], title="# *bold* $x$").markdown()
    assert md.startswith("## \\# \\*bold\\* \\$x\\$")


def test_the_operation_is_named_once_in_the_heading(fractions_1d):
    md = explain(fractions_1d.x, fractions_1d.h).markdown()
    assert md.startswith("## Convolution of $x$ and $h$\n\n**Definition**:\n\n$$ y[n] = (x * h)[n]")
    assert md.count("Convolution") == 1
    circular = explain("1 2 3", "1 1", op="circ", N=3).markdown()
    assert circular.startswith("## Circular convolution of $x$ and $h$ (period $N = 3$)\n\n**Definition**:")
    assert circular.count("period $N = 3$") == 1
    wikipedia = explain("1 2", "1 1", op="corr", order="wikipedia").markdown()
    assert wikipedia.startswith("## Cross-correlation of $x$ and $h$ (Wikipedia's order)\n\n**Definition**:")


def test_a_title_keeps_the_operation_in_the_definition():
    md = explain([1, 2], [1, 1], title="Exercise 3").markdown()
    assert md.startswith("## Exercise 3\n\n**Convolution** of $x$ and $h$:")
