"""LaTeX -> PDF with pdflatex: the only module of symconv that starts TeX.

pdflatex runs in a fresh temporary directory with ``-no-shell-escape``,
``-interaction=nonstopmode``, ``-halt-on-error`` and a time limit; kpathsea's paranoid file
access (``openin_any=p``, ``openout_any=p``) keeps it inside that directory. The PDF reaches its
target through a temporary file beside it and ``os.replace``, so a failure never leaves a file.

Errors are one line (:class:`InputError`): pdflatex missing (with how to install it, or to ask for
``.tex`` instead), a TeX error (with TeX's own message and line), or the time limit.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from symconv.atomic import write_atomically
from symconv.errors import InputError

__all__ = ["INSTALL_HINT", "TIME_LIMIT", "pdf_bytes", "write_pdf"]

#: seconds pdflatex may run
TIME_LIMIT = 120

INSTALL_HINT = ("pdflatex is not installed; install TeX Live (apt-get install texlive-latex-base "
                "texlive-latex-recommended texlive-pictures) or write LaTeX instead (-o file.tex)")


def _pdflatex() -> str:
    path = shutil.which("pdflatex")
    if path is None:
        raise InputError("pdf", INSTALL_HINT)
    return path


def pdf_bytes(tex: str, *, time_limit: float = TIME_LIMIT) -> bytes:
    """Compile a complete LaTeX document and return the PDF.

    Raises
    ------
    InputError
        pdflatex is missing, TeX reports an error, or it runs longer than ``time_limit`` seconds.
    """
    program = _pdflatex()
    with tempfile.TemporaryDirectory(prefix="symconv-tex-") as work:
        source = Path(work, "solution.tex")
        source.write_text(tex, encoding="utf-8")
        env = dict(os.environ, openin_any="p", openout_any="p", shell_escape="f")
        command = [program, "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error",
                   "-file-line-error", "solution.tex"]
        try:
            completed = subprocess.run(command, cwd=work, env=env, stdin=subprocess.DEVNULL,
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=time_limit)
        except subprocess.TimeoutExpired:
            raise InputError("pdflatex", f"did not finish within {time_limit:g} s") from None
        pdf = Path(work, "solution.pdf")
        if completed.returncode != 0 or not pdf.exists():
            log = Path(work, "solution.log")
            text = log.read_text(errors="replace") if log.exists() else completed.stdout.decode(errors="replace")
            raise InputError("pdflatex", tex_error(text))
        return pdf.read_bytes()


def tex_error(log: str) -> str:
    """TeX's first error in a log, as one line: ``! Undefined control sequence (line 12: \\foo)``.

    Examples
    --------
    >>> tex_error("./solution.tex:12: Undefined control sequence.\\nl.12 \\\\foo\\n")
    'Undefined control sequence. (line 12: \\\\foo)'
    >>> tex_error("nothing useful")
    'TeX failed without an error message'
    """
    match = re.search(r"^(?:\S*?:(\d+): |! )(.+)$", log, re.MULTILINE)
    if match is None:
        return "TeX failed without an error message"
    message = match.group(2).strip()
    line = match.group(1)
    context = re.search(r"^l\.(\d+) ?(.*)$", log[match.end():], re.MULTILINE)
    if context is not None:
        line = line or context.group(1)
        snippet = context.group(2).strip()[-40:]
        return f"{message} (line {line}{': ' + snippet if snippet else ''})"
    return f"{message} (line {line})" if line else message


def write_pdf(tex: str, path: str | os.PathLike, *, time_limit: float = TIME_LIMIT) -> None:
    """Compile ``tex`` and write the PDF to ``path`` atomically (nothing is written on failure)."""
    write_atomically(path, pdf_bytes(tex, time_limit=time_limit))
