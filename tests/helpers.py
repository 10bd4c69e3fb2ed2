"""Helpers shared by test files (not tests themselves)."""

from __future__ import annotations

import pytest

from symconv.check import latex_in
from symconv.cli import main
from symconv.errors import UnsupportedError


def run_cli(argv, capsys):
    """main(argv) -> (exit code, stdout, stderr); usage errors exit from argparse itself."""
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = exit_.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _latex2sympy2_loads() -> bool:
    try:
        latex_in._load_l2s2()
    except UnsupportedError:
        return False
    return True


#: for tests of LaTeX that only latex2sympy2 reads (\sqrt, \sin, ...): it is not installed on
#: Python 3.13, where such LaTeX is refused in one line (test_latex_in.py pins the message)
needs_latex2sympy2 = pytest.mark.skipif(not _latex2sympy2_loads(), reason="latex2sympy2 cannot be imported")
