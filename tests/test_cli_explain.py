"""``symconv explain``: formats, output files by suffix, one-line errors."""

from __future__ import annotations

import json
import shutil

import pytest

from symconv.cli import main

REFERENCE = ["explain", "1 0.5 1 1", "1 0.5 0.25"]


def test_text_by_default(capsys):
    assert main(REFERENCE) == 0
    out = capsys.readouterr().out
    assert "y[3] = x[1]h[2] + x[2]h[1] + x[3]h[0] = 1/2*1/4 + 1*1/2 + 1*1 = 13/8" in out
    assert out.rstrip().endswith("Result y: n = 0..5: 1, 1, 3/2, 13/8, 3/4, 1/4")


def test_names_and_table_style(capsys):
    assert main([*REFERENCE, "--names", "a,b,c", "--style", "table", "--format", "fragment"]) == 0
    assert ("&c[3] = a[0]b[3] + a[1]b[2] + a[2]b[1] + a[3]b[0] = 1\\cdot 0 + \\tfrac{1}{2}\\cdot\\tfrac{1}{4}"
            " + 1\\cdot\\tfrac{1}{2} + 1\\cdot 1 = \\tfrac{13}{8}") in capsys.readouterr().out


@pytest.mark.parametrize("style, shown", [("compact", "\\odot"), ("products", "&y[0,0] = x[0,0]h[0,0] + x[0,1]h[0,1]")])
def test_2d_style_matrices_or_products(capsys, style, shown):
    assert main(["explain", "1 2 3; 4 5 6", "1 0; 0 1", "--op", "corr", "--mode", "valid", "--style", style,
                 "--format", "fragment"]) == 0
    assert shown in capsys.readouterr().out


@pytest.mark.parametrize("fmt, start", [("markdown", "## Convolution"), ("latex", "\\documentclass"),
                                        ("json", "{")])
def test_formats(capsys, fmt, start):
    assert main([*REFERENCE, "--format", fmt]) == 0
    assert capsys.readouterr().out.startswith(start)


@pytest.mark.parametrize("suffix, start", [(".tex", "\\documentclass"), (".md", "## "), (".txt", "Convolution"),
                                           (".json", "{")])
def test_output_file_by_suffix(tmp_path, suffix, start):
    target = tmp_path / f"solution{suffix}"
    assert main([*REFERENCE, "-o", str(target)]) == 0
    assert target.read_text().startswith(start)


def test_image_file_correlation_valid(tmp_path, capsys):
    image = tmp_path / "image.txt"
    image.write_text("1 1 1 0 0\n0 1 1 1 0\n0 0 1 1 1\n0 0 1 1 0\n0 1 1 0 0\n")
    assert main(["explain", f"@{image}", "1 0 1; 0 1 0; 1 0 1", "--op", "corr", "--mode", "valid",
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["result"]["values"] == [["4", "3", "4"], ["2", "4", "3"], ["2", "3", "4"]]


def test_all_keeps_every_line(capsys):
    assert main(["explain", " ".join(map(str, range(60))), "1 1", "--all"]) == 0
    assert "left out" not in capsys.readouterr().out
    assert main(["explain", " ".join(map(str, range(60))), "1 1"]) == 0
    assert "left out" in capsys.readouterr().out


def test_circular_and_at(capsys):
    assert main(["explain", "1 2 3 4 5", "1 1 1", "--op", "circ", "-N", "4"]) == 0
    assert "y[0] = x~[0]h~[0]" in capsys.readouterr().out
    assert main([*REFERENCE, "--at", "1"]) == 0
    assert "Slide, n = 1:" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    ([*REFERENCE, "-o", "solution.doc"], "output: 'solution.doc' does not end in .txt, .md, .tex, .json or .pdf (what "
                                         "symconv explain writes); rename it or give --format"),
    ([*REFERENCE, "--op", "conf"], "--op: 'conf' is not one of: conv, corr, circ; did you mean 'conv'?"),
    ([*REFERENCE, "--at", "x"], "--at: 'x' is not an output index such as 3 or 1,1"),
    (["explain", "1 0,5", "1"], None),
])
def test_errors_are_one_line(capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("symconv: error: ")
    if message is not None:
        assert err.startswith(f"symconv: error: {message}")


def test_pdf_without_pdflatex_is_one_line_and_writes_nothing(monkeypatch, tmp_path, capsys):
    from symconv.render import pdf
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    target = tmp_path / "solution.pdf"
    assert main([*REFERENCE, "-o", str(target)]) == 2
    assert capsys.readouterr().err == ("symconv: error: pdf: pdflatex is not installed; install TeX Live "
                                       "(apt-get install texlive-latex-base texlive-latex-recommended "
                                       "texlive-pictures) or write LaTeX instead (-o file.tex)\n")
    assert not target.exists()


@pytest.mark.tex
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_pdf(tmp_path):
    target = tmp_path / "solution.pdf"
    assert main([*REFERENCE, "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["solution.pdf"]
