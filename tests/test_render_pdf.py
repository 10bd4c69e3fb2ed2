"""pdflatex: missing, TeX errors and atomic writes, each a one-line InputError."""

from __future__ import annotations

import shutil

import pytest

from symconv.errors import InputError
from symconv.render import pdf
from symconv.render.pdf import INSTALL_HINT, pdf_bytes, write_pdf

MINIMAL = "\\documentclass{article}\\begin{document}Hi\\end{document}\n"


def test_missing_pdflatex_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(InputError) as error:
        write_pdf(MINIMAL, tmp_path / "out.pdf")
    assert str(error.value) == ("pdf: pdflatex is not installed; install TeX Live (apt-get install "
                                "texlive-latex-base texlive-latex-recommended texlive-pictures) or write "
                                "LaTeX instead (-o file.tex)")
    assert INSTALL_HINT in str(error.value)
    assert list(tmp_path.iterdir()) == []


tex = pytest.mark.tex
no_tex = pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")


@tex
@no_tex
def test_tex_error_is_one_line_and_leaves_no_file(tmp_path):
    target = tmp_path / "out.pdf"
    with pytest.raises(InputError) as error:
        write_pdf("\\documentclass{article}\\begin{document}\\nosuchmacro\\end{document}\n", target)
    assert str(error.value) == "pdflatex: Undefined control sequence. (line 1: ass{article}\\begin{document}\\nosuchmacro)"
    assert "\n" not in str(error.value)
    assert list(tmp_path.iterdir()) == []


@tex
@no_tex
def test_write_pdf_replaces_the_target_atomically(tmp_path):
    target = tmp_path / "out.pdf"
    target.write_text("old")
    write_pdf(MINIMAL, target)
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


@tex
@no_tex
def test_shell_escape_is_off(tmp_path):
    document = ("\\documentclass{article}\\begin{document}\\immediate\\write18{touch "
                f"{tmp_path}/pwned}}x\\end{{document}}\n")
    assert pdf_bytes(document).startswith(b"%PDF")
    assert not (tmp_path / "pwned").exists()


def test_time_limit_message(monkeypatch):
    import subprocess

    def slow(*args, **kwargs):
        raise subprocess.TimeoutExpired(args[0], kwargs["timeout"])

    monkeypatch.setattr(pdf.shutil, "which", lambda name: "/usr/bin/pdflatex")
    monkeypatch.setattr(pdf.subprocess, "run", slow)
    with pytest.raises(InputError) as error:
        pdf_bytes(MINIMAL, time_limit=5)
    assert str(error.value) == "pdflatex: did not finish within 5 s"
