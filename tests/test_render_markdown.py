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
