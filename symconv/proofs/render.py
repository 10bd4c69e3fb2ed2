"""Proofs as LaTeX (``align*`` with ``\\text{...}`` reasons), a LaTeX document, Markdown and text.

Renderers only format: every value shown is already in the verified :class:`Proof`.

Examples
--------
>>> from symconv.proofs import prove
>>> print(render_text(prove("shift")).splitlines()[1])
  Convolution(x[n - s], h, n)
"""

from __future__ import annotations

from typing import Any

from sympy import Basic, Lambda
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter

from symconv.proofs.proof import Link, Proof

__all__ = ["render_document", "render_latex", "render_markdown", "render_text"]


class _ProofLatexPrinter(LatexPrinter):
    """SymPy's LaTeX with DSP brackets: ``x[n - m]`` and ``\\overline{h[m]}``."""

    def _print_Indexed(self, expr: Any) -> str:
        indices = ", ".join(self._print(i) for i in expr.indices)
        return f"{self._print(expr.base.label)}[{indices}]"

    def _print_Dummy(self, expr: Any) -> str:
        return self._print_Symbol(expr)


def _tex(expr: Any) -> str:
    if isinstance(expr, str):
        return expr
    return _ProofLatexPrinter({"mul_symbol": None}).doprint(expr)


def _reason_tex(link: Link) -> str:
    text = r"\text{%s}" % link.reason.value
    if link.detail:
        text += r"\text{: } " + link.detail
    return text


def render_latex(proof: Proof, *, level: int = 0) -> str:
    """The proof as a LaTeX fragment (needs amsmath and amssymb).

    Examples
    --------
    >>> from symconv.proofs import prove
    >>> print(render_latex(prove("impulse")))  # doctest: +NORMALIZE_WHITESPACE
    \\paragraph{impulse}
    \\begin{align*}
    (x * \\delta)[n] &= \\sum_{m=-\\infty}^{\\infty} \\delta_{0, - m + n} x[m] && \\text{definition of convolution} \\\\
    &= x[n] && \\text{sifting property of the impulse}
    \\end{align*}
    """
    lines = [r"\paragraph{%s}" % _escape(proof.title)]
    for note in proof.notes:
        lines.append(_escape(note) + r"\par")
    if proof.givens:
        lines.append(r"\noindent where")
        lines.append(r"\begin{align*}")
        lines.append(" \\\\\n".join(f"{_tex(g.lhs)} &= {_tex(g.rhs)} && {_reason_tex(g)}"
                                    for g in proof.givens))
        lines.append(r"\end{align*}")
    if proof.links:
        rows = []
        for i, link in enumerate(proof.links):
            label = rf"&\quad {link.label} \\" + "\n" if link.label else ""
            middle = f" = {_tex(link.via)}" if link.via is not None else ""
            if i == 0 or not proof.chain:
                rows.append(f"{label}{_tex(link.lhs)}{middle} &= {_tex(link.rhs)} && {_reason_tex(link)}")
            else:
                rows.append(f"{label}{middle and '&' + middle[3:] + ' '}&= {_tex(link.rhs)} && {_reason_tex(link)}"
                            if middle else f"{label}&= {_tex(link.rhs)} && {_reason_tex(link)}")
        lines.append(r"\begin{align*}")
        lines.append(" \\\\\n".join(rows))
        lines.append(r"\end{align*}")
    for part in proof.parts:
        lines.append(render_latex(part, level=level + 1))
    return "\n".join(lines)


def _escape(text: str) -> str:
    from symconv.render.escape import latex_text
    return latex_text(text)


def render_document(proof: Proof) -> str:
    """A complete LaTeX document that compiles with pdflatex."""
    return "\n".join([
        r"\documentclass[11pt]{article}",
        r"\usepackage[T1]{fontenc}",
        r"\IfFileExists{lmodern.sty}{\usepackage{lmodern}}{}",
        r"\usepackage[margin=2cm]{geometry}",
        r"\usepackage{amsmath,amssymb}",
        r"\allowdisplaybreaks",
        r"\begin{document}",
        r"\section*{Proof: %s}" % _escape(proof.title),
        r"Every step below was checked by SymPy (symconv).",
        render_latex(proof),
        r"\end{document}",
        "",
    ])


def render_markdown(proof: Proof, *, level: int = 2) -> str:
    """The proof as Markdown with ``$$``-displayed LaTeX, one line per link."""
    lines = ["#" * level + " " + proof.title, ""]
    for note in proof.notes:
        lines += [note, ""]
    for g in proof.givens:
        lines += [f"where $ {_tex(g.lhs)} = {_tex(g.rhs)} $ ({g.reason.value})", ""]
    for i, link in enumerate(proof.links, 1):
        middle = f" = {_tex(link.via)}" if link.via is not None else ""
        label = f"{link.label},\\quad " if link.label else ""
        lines += [f"{i}. {link.reason.value}" + (f" (${link.detail}$)" if link.detail else "") + ":",
                  "", f"   $$ {label}{_tex(link.lhs)}{middle} = {_tex(link.rhs)} $$", ""]
    for part in proof.parts:
        lines.append(render_markdown(part, level=level + 1))
    return "\n".join(lines)


def render_text(proof: Proof, *, indent: str = "") -> str:
    """The proof as plain text: ``lhs`` then ``  = rhs    [reason]`` lines."""
    printer = _TextPrinter()
    lines = [indent + proof.title]
    for g in proof.givens:
        lines.append(f"{indent}  where {printer.doprint(g.lhs)} = {printer.doprint(g.rhs)}  [{g.reason.value}]")
    for i, link in enumerate(proof.links):
        if i == 0 or not proof.chain:
            lines.append(f"{indent}  {printer.doprint(link.lhs)}" + (f"  [{_plain(link.label)}]" if link.label else ""))
        if link.via is not None:
            lines.append(f"{indent}    = {printer.doprint(link.via)}")
        reason = link.reason.value + (f": {_plain(link.detail)}" if link.detail else "")
        lines.append(f"{indent}    = {printer.doprint(link.rhs)}    [{reason}]")
    for part in proof.parts:
        lines.append(render_text(part, indent=indent + "  "))
    return "\n".join(lines)


def _plain(tex: str) -> str:
    for a, b in ((r"h^{\flat}", "h♭"), (r"\overline{h[-j]}", "conj(h[-j])"), (r"\text{", ""),
                 ("}", ""), ("{", ""), (r"\star", "⋆"), (r"\ ", " "), ("\\", "")):
        tex = tex.replace(a, b)
    return tex


class _TextPrinter(StrPrinter):
    def _print_Lambda(self, expr: Lambda) -> str:
        return super()._print_Lambda(expr)
