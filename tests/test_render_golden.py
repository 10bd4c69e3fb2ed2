"""Golden worked solutions: tests/golden/<case>.in (explain's arguments, JSON) beside the
expected <case>.tex (document), <case>.md and <case>.txt, reviewed as plain text.

Set SYMCONV_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change, then review
the diff. Tests marked ``tex`` compile each golden document with pdflatex.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from symconv.derive import explain
from symconv.render.pdf import pdf_bytes

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.in"))
FORMATS = {".tex": "document", ".md": "markdown", ".txt": "text"}


def derivation(case: str):
    return explain(**json.loads((GOLDEN / f"{case}.in").read_text()))


@pytest.mark.parametrize("suffix", sorted(FORMATS))
@pytest.mark.parametrize("case", CASES)
def test_golden(case, suffix):
    text = getattr(derivation(case), FORMATS[suffix])()
    path = GOLDEN / f"{case}{suffix}"
    if os.environ.get("SYMCONV_UPDATE_GOLDEN"):
        path.write_text(text)
    assert text == path.read_text()


def test_the_cases_are_the_reference_examples():
    assert {"reference_1d", "reference_1d_table", "image_5x5"} <= set(CASES)
    assert "\\tfrac{13}{8}" in (GOLDEN / "reference_1d.tex").read_text()


@pytest.mark.tex
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
@pytest.mark.parametrize("case", CASES)
def test_golden_documents_compile(case):
    pdf = pdf_bytes((GOLDEN / f"{case}.tex").read_text())
    assert pdf.startswith(b"%PDF")
