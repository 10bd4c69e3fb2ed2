"""Proofs as LaTeX (``align*`` with reasons beside each line), a LaTeX document, Markdown and text.

Renderers only format: every value shown is already in the verified :class:`Proof`. Every
expression goes through one printer per format (:class:`ProofLatexPrinter`,
:class:`ProofTextPrinter`), which write what a mathematician writes: ``x[n + m]`` for an indexed
term, ``\\overline{h[m]}`` (text ``h̄[m]``) for a conjugate, ``h^{\\flat}`` (text ``h♭``),
``\\sum_m``, ``\\delta[n - m]``, ``\\tfrac{1}{2}``, a finite sequence with its ``n = 0`` sample
marked by an arrow, ``|z| > 1``. Prose (titles, notes, labels, reasons) is a tuple of pieces:
text, SymPy objects, and ``(latex, text)`` pairs of hand-written math (:data:`Prose`).

Examples
--------
>>> from symconv.proofs import prove
>>> print(render_text(prove("shift")).splitlines()[1])
  (x[· - s] * h)[n]
"""

from __future__ import annotations

import re
from typing import Any

from sympy import Basic, Lambda, oo
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter

from symconv.proofs.proof import Link, Proof, Prose

__all__ = ["ProofLatexPrinter", "ProofTextPrinter", "render_document", "render_latex", "render_markdown",
           "render_text"]


class ProofLatexPrinter(LatexPrinter):
    """SymPy's LaTeX with the notation of symconv's documents: ``x[n - m]``, ``\\tfrac{1}{2}``,
    ``\\delta[n]``, terms in the order the proof wrote them.

    Examples
    --------
    >>> from sympy import IndexedBase, Rational, Symbol, conjugate
    >>> h, m = IndexedBase("h"), Symbol("m", integer=True)
    >>> ProofLatexPrinter().doprint(Rational(-1, 2) + conjugate(h[m]))
    '\\\\overline{h[m]} - \\\\tfrac{1}{2}'
    """

    def __init__(self, settings: dict | None = None) -> None:
        super().__init__({"mul_symbol": None, "order": "none", **(settings or {})})

    def _print_Indexed(self, expr: Any) -> str:
        indices = ", ".join(self._print(i) for i in expr.indices)
        return f"{self._print(expr.base.label)}[{indices}]"

    def _print_Dummy(self, expr: Any) -> str:
        return self._print_Symbol(expr)

    def _as_ordered_terms(self, expr: Any, order: Any = None) -> list:
        return _positive_first(super()._as_ordered_terms(expr, order="lex"))

    def _print_Rational(self, expr: Any) -> str:
        from symconv.render.values import latex_value
        return latex_value(expr)

    def _print_KroneckerDelta(self, expr: Any, exp: Any = None) -> str:
        return rf"\delta[{self._print(_difference(expr))}]"

    def _print_And(self, expr: Any) -> str:
        return r",\ ".join(self._print(a) for a in _ordered_conditions(expr))

    def _print_Abs(self, expr: Any, exp: Any = None) -> str:
        return rf"\lvert {self._print(expr.args[0])} \rvert"

    def _print_Sum(self, expr: Any) -> str:
        heads = "".join(rf"\sum_{{{self._print(v)}={self._print(lo)}}}^{{{self._print(hi)}}} "
                        for v, lo, hi in reversed(expr.limits))
        body = self._print(expr.function)
        return heads + (rf"\left({body}\right)" if expr.function.is_Add else body)


class ProofTextPrinter(StrPrinter):
    """Plain text in the same notation: ``x[n + m]·h̄[m]``, ``Σ_m``, ``h♭``, ``{1, 1/2↑, 1}``,
    ``z^2``, ``|z| > 1``, ``[4, 3; 2, 4]``.

    Examples
    --------
    >>> from sympy import IndexedBase, Sum, Symbol, conjugate, oo
    >>> x, h = IndexedBase("x"), IndexedBase("h")
    >>> n, m = Symbol("n", integer=True), Symbol("m", integer=True)
    >>> text(Sum(x[n + m] * conjugate(h[m]), (m, -oo, oo)))
    'Σ_m x[m + n]·h̄[m]'
    """

    printmethod = "_proof_text"   # not the objects' own _sympystr: their reprs are for code

    def __init__(self, settings: dict | None = None) -> None:
        super().__init__({"order": "none", **(settings or {})})

    def _as_ordered_terms(self, expr: Any, order: Any = None) -> list:
        return _positive_first(super()._as_ordered_terms(expr, order="lex"))

    def _print_ImaginaryUnit(self, expr: Any) -> str:
        return "i"

    def _print_Max(self, expr: Any) -> str:
        return f"max({', '.join(self._print(a) for a in expr.args)})"

    def _print_Min(self, expr: Any) -> str:
        return f"min({', '.join(self._print(a) for a in expr.args)})"

    def _print_Pi(self, expr: Any) -> str:
        return "π"

    def _print_exp(self, expr: Any) -> str:
        return f"e^({self._print(expr.args[0])})"

    def _print_Indexed(self, expr: Any) -> str:
        return f"{self._print(expr.base.label)}[{', '.join(self._print(i) for i in expr.indices)}]"

    def _print_Dummy(self, expr: Any) -> str:
        return expr.name

    def _print_IndexedBase(self, expr: Any) -> str:
        return self._print(expr.label)

    def _print_conjugate(self, expr: Any) -> str:
        inner = expr.args[0]
        if getattr(inner, "is_Indexed", False):
            return self._print(inner.base.label) + "\u0304" + self._print(inner)[len(self._print(inner.base.label)):]
        return "".join(c + "\u0305" for c in self._print(inner))

    def _print_Sum(self, expr: Any) -> str:
        heads = []
        for var, lo, hi in reversed(expr.limits):
            heads.append(f"Σ_{self._print(var)}" if (lo, hi) == (-oo, oo)
                         else f"Σ_{{{self._print(var)}={self._print(lo)}}}^{{{self._print(hi)}}}")
        body = self._print(expr.function)
        return " ".join(heads) + " " + (f"({body})" if expr.function.is_Add else body)

    def _print_KroneckerDelta(self, expr: Any) -> str:
        return f"δ[{self._print(_difference(expr))}]"

    def _print_Infinity(self, expr: Any) -> str:
        return "∞"

    def _print_NegativeInfinity(self, expr: Any) -> str:
        return "-∞"

    def _print_Abs(self, expr: Any) -> str:
        return f"|{self._print(expr.args[0])}|"

    def _print_And(self, expr: Any) -> str:
        return ", ".join(self._print(a) for a in _ordered_conditions(expr))

    def _print_Unequality(self, expr: Any) -> str:
        return f"{self._print(expr.lhs)} ≠ {self._print(expr.rhs)}"

    def _print_Equality(self, expr: Any) -> str:
        return f"{self._print(expr.lhs)} = {self._print(expr.rhs)}"

    def _print_Piecewise(self, expr: Any) -> str:
        parts = [f"{self._print(v)} if {self._print(c)}" if c is not True and c != True  # noqa: E712
                 else f"{self._print(v)} otherwise" for v, c in expr.args]
        return "{" + "; ".join(parts) + "}"

    def _print_UnitStep(self, expr: Any) -> str:
        return f"u[{self._print(expr.args[0])}]"

    def _print_MatrixBase(self, expr: Any) -> str:
        return "[" + "; ".join(", ".join(self._print(v) for v in expr.row(i)) for i in range(expr.rows)) + "]"

    _print_ImmutableDenseMatrix = _print_MutableDenseMatrix = _print_MatrixBase

    def _print_FiniteSequence(self, expr: Any) -> str:
        items = [self._print(v) + ("↑" if expr.start + i == 0 else "") for i, v in enumerate(expr.values)]
        body = "{" + ", ".join(items) + "}"
        return body if expr.start <= 0 <= expr.end else f"{body} from n = {expr.start}"

    def _print_Convolution(self, expr: Any) -> str:
        return self._operation(expr, "*")

    def _print_Correlation(self, expr: Any) -> str:
        return self._operation(expr, "⋆")

    def _operation(self, expr: Any, symbol: str) -> str:
        return f"({self._operand(expr.x)} {symbol} {self._operand(expr.h)})[{self._print(expr.n)}]"

    def _operand(self, operand: Any) -> str:
        if isinstance(operand, Lambda):
            (var,), body = operand.variables, operand.expr
            written, suffix = self._print(body), f"[{self._print(var)}]"
            if written.endswith(suffix) and written.count(self._print(var)) == 1:
                return written[:-len(suffix)]          # (x * h)[k] -> (x * h), δ[j] -> δ
            return written.replace(self._print(var), "·")
        if hasattr(operand, "label") and not hasattr(operand, "values"):
            return self._print(operand.label)
        return self._print(operand)

    def doprint(self, expr: Any) -> str:
        out = super().doprint(expr)
        out = out.replace("**", "^")
        return re.sub(r"(?<=\S)\*(?=\S)", "·", out)


def _positive_first(terms: list) -> list:
    """``n - k`` rather than ``-k + n``: the first term without a minus sign leads."""
    for i, term in enumerate(terms):
        if not term.could_extract_minus_sign():
            return [term, *terms[:i], *terms[i + 1:]]
    return terms


def _difference(delta: Any) -> Any:
    """The argument of ``δ[...]``: ``n - 1`` for ``KroneckerDelta(1, n)``."""
    a, b = delta.args
    if b == 0 or a == 0:
        return a if b == 0 else b
    return b - a if not a.free_symbols else a - b


def _ordered_conditions(expr: Any) -> list:
    """``|z| > a`` before ``|z| < b``."""
    return sorted(expr.args, key=lambda c: 0 if c.rel_op in (">", ">=") else 1)


def tex(expr: Any) -> str:
    """An expression through the proof LaTeX printer."""
    return ProofLatexPrinter().doprint(expr)


def text(expr: Any) -> str:
    """An expression through the proof text printer."""
    return ProofTextPrinter().doprint(expr)


def prose_latex(prose: Prose) -> str:
    """Prose for LaTeX text mode: text escaped, math in ``$...$``."""
    from symconv.render.escape import latex_text
    out = []
    for piece in _pieces(prose):
        if isinstance(piece, str):
            out.append(latex_text(piece))
        elif isinstance(piece, tuple):
            out.append(f"${piece[0]}$")
        else:
            out.append(f"${tex(piece)}$")
    return "".join(out)


def prose_text(prose: Prose) -> str:
    """Prose as plain text."""
    return "".join(p if isinstance(p, str) else p[1] if isinstance(p, tuple) else text(p)
                   for p in _pieces(prose))


def _present(prose: Prose) -> bool:
    return not (isinstance(prose, (str, tuple)) and len(prose) == 0)


def _pieces(prose: Prose) -> tuple:
    return (prose,) if isinstance(prose, (str, Basic)) else tuple(prose)


def _reason_tex(link: Link) -> str:
    out = r"\text{%s}" % link.reason.value
    if _present(link.detail):
        out += r"\text{: %s}" % prose_latex(link.detail)
    return out


def _reason_text(link: Link) -> str:
    return link.reason.value + (f": {prose_text(link.detail)}" if _present(link.detail) else "")


def render_latex(proof: Proof, *, level: int = 0) -> str:
    """The proof as a LaTeX fragment (needs amsmath and amssymb).

    Examples
    --------
    >>> from symconv.proofs import prove
    >>> print(render_latex(prove("impulse")))  # doctest: +NORMALIZE_WHITESPACE
    \\paragraph{impulse}
    \\begin{align*}
    (x * \\delta)[n] &= \\sum_{m=-\\infty}^{\\infty} x[m] \\delta[n - m] && \\text{definition of convolution} \\\\
    &= x[n] && \\text{sifting property of the impulse}
    \\end{align*}
    """
    lines = [r"\paragraph{%s}" % prose_latex(proof.title)]
    for note in proof.notes:
        lines.append(prose_latex(note) + r"\par")
    if proof.givens:
        lines.append(r"\noindent where")
        lines.append(r"\begin{align*}")
        lines.append(" \\\\\n".join(f"{tex(g.lhs)} &= {tex(g.rhs)} && {_reason_tex(g)}"
                                    for g in proof.givens))
        lines.append(r"\end{align*}")
    if proof.links:
        rows = []
        for i, link in enumerate(proof.links):
            label = rf"&\quad \text{{{prose_latex(link.label)}}} \\" + "\n" if _present(link.label) else ""
            head = tex(link.lhs) if i == 0 or not proof.chain else ""
            middle = f" = {tex(link.via)}" if link.via is not None else ""
            if head:
                rows.append(f"{label}{head}{middle} &= {tex(link.rhs)} && {_reason_tex(link)}")
            else:
                rows.append(f"{label}{'&' + middle[3:] + ' ' if middle else ''}&= {tex(link.rhs)} && "
                            f"{_reason_tex(link)}")
        lines.append(r"\begin{align*}")
        lines.append(" \\\\\n".join(rows))
        lines.append(r"\end{align*}")
    for part in proof.parts:
        lines.append(render_latex(part, level=level + 1))
    return "\n".join(lines)


def render_document(proof: Proof) -> str:
    """A complete LaTeX document that compiles with pdflatex."""
    from symconv.render.escape import declare_letters
    return declare_letters("\n".join([
        r"\documentclass[11pt]{article}",
        r"\usepackage[T1]{fontenc}",
        r"\IfFileExists{lmodern.sty}{\usepackage{lmodern}}{}",
        r"\usepackage[margin=2cm]{geometry}",
        r"\usepackage{amsmath,amssymb}",
        r"\allowdisplaybreaks",
        r"\begin{document}",
        r"\section*{Proof: %s}" % prose_latex(proof.title),
        r"Every step below was checked by SymPy (symconv).",
        render_latex(proof),
        r"\end{document}",
        "",
    ]))


def render_markdown(proof: Proof, *, level: int = 2) -> str:
    """The proof as Markdown with ``$$``-displayed LaTeX, one line per link."""
    lines = ["#" * level + " " + prose_text(proof.title), ""]
    for note in proof.notes:
        lines += [_prose_markdown(note), ""]
    for g in proof.givens:
        lines += [f"where $ {tex(g.lhs)} = {tex(g.rhs)} $ ({g.reason.value})", ""]
    for i, link in enumerate(proof.links, 1):
        middle = f" = {tex(link.via)}" if link.via is not None else ""
        label = rf"\text{{{prose_latex(link.label)}}},\quad " if _present(link.label) else ""
        detail = f" ({_prose_markdown(link.detail)})" if _present(link.detail) else ""
        lines += [f"{i}. {link.reason.value}{detail}:", "",
                  f"   $$ {label}{tex(link.lhs)}{middle} = {tex(link.rhs)} $$", ""]
    for part in proof.parts:
        lines.append(render_markdown(part, level=level + 1))
    return "\n".join(lines)


def _prose_markdown(prose: Prose) -> str:
    return "".join(p if isinstance(p, str) else f"${p[0]}$" if isinstance(p, tuple) else f"${tex(p)}$"
                   for p in _pieces(prose))


def render_text(proof: Proof, *, indent: str = "") -> str:
    """The proof as plain text: ``lhs`` then ``  = rhs    [reason]`` lines."""
    lines = [indent + prose_text(proof.title)]
    for note in proof.notes:
        lines.append(f"{indent}  {prose_text(note)}")
    for g in proof.givens:
        lines.append(f"{indent}  where {text(g.lhs)} = {text(g.rhs)}    [{_reason_text(g)}]")
    for i, link in enumerate(proof.links):
        if _present(link.label):
            lines.append(f"{indent}  {prose_text(link.label)}:")
        if i == 0 or not proof.chain:
            lines.append(f"{indent}  {text(link.lhs)}")
        if link.via is not None:
            lines.append(f"{indent}    = {text(link.via)}")
        lines.append(f"{indent}    = {text(link.rhs)}    [{_reason_text(link)}]")
    for part in proof.parts:
        lines.append(render_text(part, indent=indent + "  "))
    return "\n".join(lines)
