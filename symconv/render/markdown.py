r"""A derivation as Markdown with ``$...$`` and ``$$...$$`` math (GitHub, Jupyter, MathJax).

The wording and every formula are :class:`~symconv.render.latex.LatexRenderer`'s; this renderer
writes headings and emphasis as Markdown, displays as ``$$...$$``, the term lines as one
``aligned`` display and the sliding table as a Markdown table.

Examples
--------
>>> from symconv.derive import explain
>>> md = explain([1, "1/2", 1, 1], [1, "1/2", "1/4"], names=("a", "b", "c")).markdown()
>>> [line for line in md.splitlines() if line.startswith("&c[3]")]
['&c[3] = a[1]b[2] + a[2]b[1] + a[3]b[0] = \\tfrac{1}{2}\\cdot\\tfrac{1}{4} + 1\\cdot\\tfrac{1}{2} + 1\\cdot 1 = \\tfrac{13}{8} \\\\']
"""

from __future__ import annotations

import re
from typing import Any

from symconv.render.latex import LatexRenderer
from symconv.render.values import latex_value
from symconv.steps import Derivation, Reason, TableStep

__all__ = ["MarkdownRenderer", "render_markdown"]


def render_markdown(derivation: Derivation) -> str:
    """The derivation as Markdown."""
    return MarkdownRenderer(derivation).render()


_BOLD = re.compile(r"\\textbf\{((?:[^{}]|\{[^{}]*\}|\{[^{}]*\{[^{}]*\}[^{}]*\})*)\}")
_MONO = re.compile(r"\\texttt\{([^{}]*)\}")
_EMPH = re.compile(r"\\emph\{([^{}]*)\}")


def prose(text: str) -> str:
    """LaTeX prose markup -> Markdown (bold, monospace, displays); math stays as it is."""
    text = _BOLD.sub(lambda m: "**" + m.group(1) + "**", text)
    text = _MONO.sub(lambda m: "`" + m.group(1).replace("\\_", "_") + "`", text)
    text = _EMPH.sub(lambda m: "*" + m.group(1) + "*", text)
    return text.replace("\\[ ", "\n$$ ").replace(" \\]", " $$\n")


class MarkdownRenderer(LatexRenderer):
    """Markdown; math in LaTeX for MathJax/KaTeX."""

    def render(self) -> str:
        if self.layout.title is not None:
            heading = "## " + _markdown_text(self.layout.title) + "\n\n"
        else:   # the heading names the operation, so the definition below does not repeat it
            self.titled = True
            operation, detail = self.definition_head(self.definition)
            heading = f"## {operation} of ${self.x}$ and ${self.h}$" + (f" ({detail})" if detail else "") + "\n\n"
        return heading + prose(super().render()).replace("\n\n\n", "\n\n")

    def render_terms(self, steps: list[Any]) -> str:
        block = super().render_terms(steps)
        return (block.replace("\\begin{align*}", "$$\n\\begin{aligned}")
                .replace("\\end{align*}", "\\end{aligned}\n$$"))

    def render_TableStep(self, step: TableStep) -> str:
        wikipedia = step.reason is Reason.DEFINITION_CORRELATION_WIKIPEDIA
        fixed = self.h if wikipedia else self.x
        header = "| $m$ | " + " | ".join(f"${c}$" for c in step.columns) + f" | ${self.y}[n]$ |"
        rule = "|---:|" + "|".join(":---:" for _ in step.columns) + "|:---:|"
        lines = [header, rule,
                 f"| ${fixed}[m]$ | " + " | ".join(f"${latex_value(v)}$" for v in step.fixed) + " | |"]
        for row in step.rows:
            cells = ["" if c is None else f"${latex_value(c)}$" for c in row.cells]
            lines.append(f"| ${self.table_label(step.reason, row.n)}$ | " + " | ".join(cells)
                         + f" | ${latex_value(row.value)}$ |")
        return ("**Sliding table.** Row $n$ holds the moving sequence as it lies under the zero-padded "
                f"${fixed}[m]$; multiply down each column and add along the row:\n\n" + "\n".join(lines))


def _markdown_text(text: str) -> str:
    """User text for Markdown: characters with a meaning in Markdown or math are escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|$<>&%~^])", r"\\\1", str(text))
