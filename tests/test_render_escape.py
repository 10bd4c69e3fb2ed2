"""User text reaches LaTeX only as text."""

from __future__ import annotations

import shutil

import pytest

from symconv.derive import explain
from symconv.render.escape import latex_name, latex_text
from symconv.render.pdf import pdf_bytes


@pytest.mark.parametrize("text, escaped", [
    (r"$\input{x}$", r"\$\textbackslash{}input\{x\}\$"),
    ("a_b", r"a\_b"),
    ("50%", r"50\%"),
    ("#1 & 2", r"\#1 \& 2"),
    ("^~", r"\textasciicircum{}\textasciitilde{}"),
    ("é\n", "? "),
])
def test_latex_text(text, escaped):
    assert latex_text(text) == escaped


@pytest.mark.parametrize("name, tex", [
    ("x", "x"), ("x_0", r"\mathit{x\_0}"), ("image", r"\mathit{image}"),
    (r"\input{/etc/passwd}", r"\text{\textbackslash{}input\{/etc/passwd\}}"),
])
def test_latex_name(name, tex):
    assert latex_name(name) == tex


@pytest.mark.tex
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_hostile_names_and_title_compile_as_text(tmp_path):
    names = (r"$\input{/etc/passwd}$", r"\write18{touch pwned}", "50%_#&~^")
    d = explain([1, "1/2"], [1, -1], names=names, title=r"}\end{document}\immediate\write18{id}")
    assert pdf_bytes(d.document()).startswith(b"%PDF")
