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
    ("é\n", "é "),
    # Latin-1 and Latin Extended letters pass through (the documents load [T1]{fontenc}); was '?'
    ("Lösung für Übung 3 — Faltung", "Lösung für Übung 3 — Faltung"),
    ("Łódź, Ærø, «ő» – 5 €", "Łódź, Ærø, «ő» – 5 €"),
    # letters math can write become math; other letters name their code point; symbols stay replaced
    ("α✓→漢\u200b", r"\ensuremath{\alpha}??[U+6F22]?"),
    ("ℓ 𝑥 а", r"\ensuremath{\ell} \ensuremath{\mathit{x}} [U+0430]"),
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


@pytest.mark.tex
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_latin_title_and_names_compile(tmp_path):
    # was: --title 'Lösung für Übung 3 — Faltung' printed as 'L?sung f?r ?bung 3 ? Faltung'
    title = "Lösung für Übung 3 — Faltung"
    d = explain([1, "1/2"], [1, -1], names=("ö", "Straße", "Œuvre ✓"), title=title)
    document = d.document()
    assert "Lösung für Übung 3 — Faltung" in document and r"\text{Œuvre ?}" in document
    assert r"\usepackage[T1]{fontenc}" in document
    pdf = pdf_bytes(document)
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        import subprocess
        (tmp_path / "out.pdf").write_bytes(pdf)
        subprocess.run(["pdftotext", str(tmp_path / "out.pdf")], check=True)
        assert title in (tmp_path / "out.txt").read_text(encoding="utf-8")


@pytest.mark.tex
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_every_passed_character_compiles():
    from symconv.render.escape import TYPESET
    d = explain([1], [1], title="".join(sorted(TYPESET)))
    assert pdf_bytes(d.document()).startswith(b"%PDF")


def test_greek_names_are_tex_letters():
    from symconv.render.escape import latex_name
    assert [latex_name(n) for n in ("α", "Δ", "αβ", "x_α", "Ω1", "Δx", "ά")] == [
        r"\alpha", r"\Delta", r"\mathit{\alpha{}\beta}", r"\mathit{x\_\alpha}", r"\mathit{\Omega{}1}",
        r"\mathit{\Delta{}x}", r"\text{[U+03AC]}"]
    d = explain([1, 2], [1, 1], names=("α", "β", "γ"))
    assert r"\gamma[n] = (\alpha * \beta)[n]" in d.document()


@pytest.mark.tex
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_names_mixing_greek_and_latin_letters_compile():
    d = explain([1, 2], [1, 1], names=("Δx", "αb", "Ω1"))
    assert pdf_bytes(d.document()).startswith(b"%PDF")


def test_issue_15_letters_outside_the_fonts():
    from symconv.errors import InputError
    from symconv.render.escape import declare_letters, latex_name, math_letter
    assert [math_letter(c) for c in "ℓ𝑥𝐱ℝ𝔤α"] == [r"\ell", r"\mathit{x}", r"\mathbf{x}", r"\mathbb{R}",
                                                  r"\mathfrak{g}", r"\alpha"]
    assert [latex_name(c) for c in ("ℓ", "𝑥", "ℓ1")] == [r"\ell", r"\mathit{x}", r"\mathit{\ell{}1}"]
    document = declare_letters("\\documentclass{article}\n\\begin{document}$ℓ + 𝑥$\\end{document}")
    assert document.splitlines()[1:3] == [r"\DeclareUnicodeCharacter{2113}{\ensuremath{\ell}}",
                                          r"\DeclareUnicodeCharacter{1D465}{\ensuremath{\mathit{x}}}"]
    with pytest.raises(InputError) as err:
        declare_letters("\\begin{document}$а$\\end{document}")
    assert str(err.value) == ("LaTeX: 'а' (CYRILLIC SMALL LETTER A, U+0430) is not in the fonts symconv "
                              "typesets with; write a Latin or Greek letter, or ask for text output")


def test_issue_15_cyrillic_is_refused_for_latex_in_one_line(tmp_path, capsys):
    from symconv.cli import main
    target = tmp_path / "a.tex"
    assert main(["explain", "а 1", "1 1", "-o", str(target)]) == 2
    assert capsys.readouterr().err == ("symconv: error: LaTeX: 'а' (CYRILLIC SMALL LETTER A, U+0430) is not in the "
                                       "fonts symconv typesets with; write a Latin or Greek letter, or ask for "
                                       "text output\n")
    assert not target.exists()
    assert main(["explain", "а 1", "1 1"]) == 0                 # text output prints it as it is
    assert "а" in capsys.readouterr().out


@pytest.mark.tex
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="needs pdflatex")
@pytest.mark.parametrize("values", ["ℓ 1", "𝑥 2", "1 ℓ 𝑥"])
def test_issue_15_letters_math_can_write_are_typeset(tmp_path, values):
    from symconv.cli import main
    target = tmp_path / "e.pdf"
    assert main(["explain", values, "1 1", "-o", str(target), "--quiet"]) == 0
    assert target.read_bytes().startswith(b"%PDF")
