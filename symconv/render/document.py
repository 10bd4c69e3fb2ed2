r"""A derivation as a complete LaTeX document with figures, for pdflatex.

The text is :class:`~symconv.render.latex.LatexRenderer`'s; this renderer adds the preamble (only
packages of a basic TeX Live: amsmath, amssymb, mathtools, booktabs, geometry, tikz, pgfplots)
and the figures a person would draw: stem plots of x, h, the flipped kernel, the kernel slid to
a chosen output over the data, and the result; in 2-D the image grid with the kernel window over
it and the output grid. Stems are labelled with their exact values; the plotted heights are
decimal coordinates, used only for drawing.

Examples
--------
>>> from symconv.derive import explain
>>> tex = explain([1, "1/2", 1, 1], [1, "1/2", "1/4"]).document()
>>> tex.startswith("\\documentclass"), "ycomb" in tex, tex.rstrip().endswith("\\end{document}")
(True, True, True)
"""

from __future__ import annotations

from typing import Any

from sympy import Expr

from symconv.render.escape import declare_letters, latex_text
from symconv.render.latex import LatexRenderer, index_latex
from symconv.render.values import latex_value
from symconv.signal import Signal
from symconv.steps import Derivation, FlipStep, Reason, ResultStep, SignalStep, SlideStep, WrapStep

__all__ = ["DocumentRenderer", "render_document"]

#: signals longer than this are plotted without value labels
LABELLED_STEMS = 24
#: 2-D grids larger than this (per axis) are not drawn
MAX_GRID = 16

PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[T1]{fontenc}
\IfFileExists{lmodern.sty}{\usepackage{lmodern}}{}
\usepackage[a4paper,margin=2cm]{geometry}
\usepackage{amsmath,amssymb,mathtools}
\usepackage{booktabs}
\usepackage{tikz}
\usepackage{pgfplots}
\pgfplotsset{compat=1.16}
\pgfplotsset{stem/.style={width=7.2cm, height=3.4cm, axis x line=middle, axis y line=left,
  axis line style={-latex}, ytick=\empty, enlarge y limits={upper, value=0.3},
  tick label style={font=\scriptsize}, label style={font=\small},
  every axis x label/.style={at={(ticklabel* cs:1.02)}, anchor=west},
  every axis y label/.style={at={(ticklabel* cs:1.05)}, anchor=south}}}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.7em}
"""


def render_document(derivation: Derivation) -> str:
    """A complete LaTeX document (compiles with pdflatex, no shell escape)."""
    return DocumentRenderer(derivation).document()


def plot_number(value: Expr) -> str | None:
    """A decimal coordinate for drawing a real rational value, or None (symbols, complex).

    Examples
    --------
    >>> from sympy import Rational, Symbol
    >>> plot_number(Rational(13, 8)), plot_number(Rational(1, 3)), plot_number(Symbol("a"))
    ('1.625', '0.333333', None)
    """
    if not getattr(value, "is_Rational", False) or abs(value) > _PLOT_LIMIT:
        return None
    return format(float(value), ".6g")


_PLOT_LIMIT = 10**300
"""Values beyond this size are not drawn (a float cannot hold them)."""

_PLOT_INDICES = 10**6
"""Sequences with an index beyond this size are not drawn (an axis to 10**400 shows nothing, and
TeX cannot hold it)."""

_PLOT_SAMPLES = 2000
"""Sequences longer than this are not drawn (TeX runs out of memory on 100,000 stems)."""


def _plottable(signal: Signal) -> bool:
    ends = [k for start, length in zip(signal.starts, signal.shape) for k in (start, start + length)]
    return len(signal.to_numpy().ravel()) <= _PLOT_SAMPLES and all(abs(k) <= _PLOT_INDICES for k in ends) and all(
        plot_number(v) is not None for v in signal.to_numpy().ravel())


class DocumentRenderer(LatexRenderer):
    """A standalone document: the LaTeX fragment's steps with figures and a preamble."""

    def __init__(self, derivation: Derivation) -> None:
        super().__init__(derivation)
        self.plots = derivation.x.ndim == 1 and all(
            _plottable(s) for s in (derivation.x, derivation.h, derivation.result))
        self.grids = derivation.x.ndim == 2 and all(
            max(s.shape) <= MAX_GRID for s in (derivation.x, derivation.h))

    def document(self) -> str:
        title = self.layout.title
        if title is None:   # the section title names the operation; the definition does not repeat it
            self.titled = True
            operation, detail = self.definition_head(self.definition)
            title_tex = f"{operation} of ${self.x}$ and ${self.h}$" + (f" ({detail})" if detail else "")
        else:
            title_tex = latex_text(title)
        note = ""
        if self.derivation.x.ndim == 1 and not self.plots:
            note = ("\n\\emph{The values are not all real rational numbers of drawable size (or the sequences "
                    "are too long, or their indices too large), so the sequences are not "
                    "plotted.}\n")
        body = self.render()
        return declare_letters(PREAMBLE + "\\begin{document}\n"
                               f"\\section*{{Worked solution: {title_tex}}}\n"
                               "Every value below is exact and was checked by symconv before it was printed.\n"
                               + note + "\n" + body + "\n\\end{document}\n")

    # ------------------------------------------------------------------ figures, 1-D
    def stem_axis(self, signal: Signal, ylabel: str, xlabel: str = "n", *, colour: str = "black",
                  extra: str = "", domain: tuple[int, int] | None = None) -> str:
        """One pgfplots axis with a stem per sample, labelled with its exact value."""
        indices = list(signal.indices)
        values = signal.values
        labelled = len(values) <= LABELLED_STEMS
        points, labels = [], []
        for n, v in zip(indices, values):
            points.append(f"({n},{plot_number(v)})")
            if labelled:  # below a stem that points down, so that the label stays off the axis
                anchor = "north" if v.is_negative else "south"
                labels.append(f"\\node[font=\\scriptsize, anchor={anchor}, text={colour}] "
                              f"at (axis cs:{n},{plot_number(v)}) {{${latex_value(v)}$}};\n")
        low, high = domain if domain is not None else (min(indices[0], 0), max(indices[-1], 0))
        heights = [float(plot_number(v)) for v in values]
        options = ["stem", f"xlabel={{${xlabel}$}}", f"ylabel={{${ylabel}$}}",
                   f"xmin={low - 0.7}", f"xmax={high + 0.7}",
                   f"ymin={min(0.0, *heights):g}", f"ymax={max(0.0, *heights) or 1:g}", "clip=false"]
        if min(heights) < 0:  # room for the labels under stems that point down
            options.append("enlarge y limits={value=0.3}")
        if high - low <= 24:
            options.append(f"xtick={{{','.join(str(k) for k in range(low, high + 1))}}}")
        if extra:
            options.append(extra)
        return (f"\\begin{{axis}}[{', '.join(options)}]\n"
                f"\\addplot+[ycomb, {colour}, thick, mark=*, mark options={{fill={colour}}}] "
                f"coordinates {{{' '.join(points)}}};\n" + "".join(labels)
                + "\\end{axis}")

    def figure(self, *axes: str, shift: str = "7.8cm") -> str:
        pictures = []
        for k, axis in enumerate(axes):
            if k:
                axis = axis.replace("\\begin{axis}[", f"\\begin{{axis}}[at={{({shift},0)}}, ", 1) if k == 1 else axis
            pictures.append(axis)
        return "\\begin{center}\n\\begin{tikzpicture}\n" + "\n".join(pictures) + "\n\\end{tikzpicture}\n\\end{center}"

    def render_SignalStep(self, step: SignalStep) -> str:
        text = super().render_SignalStep(step)
        if self.plots and step.role == "kernel":
            x, h = self.derivation.x, step.signal
            return text + "\n" + self.figure(self.stem_axis(x, f"{self.x}[n]"),
                                             self.stem_axis(h, f"{self.h}[n]"))
        return text

    def render_WrapStep(self, step: WrapStep) -> str:
        """Circular convolution: after the kernel's wrap, both wrapped operands drawn on 0..N-1."""
        text = super().render_WrapStep(step)
        wraps = [s for s in self.derivation.steps if isinstance(s, WrapStep)]
        if not self.plots or step.role != "kernel" or len(wraps) != 2:
            return text
        (period,) = step.period
        data, kernel = wraps
        return text + "\n" + self.figure(
            self.stem_axis(data.wrapped, f"\\tilde{{{self.x}}}[m]", "m", domain=(0, period - 1)),
            self.stem_axis(kernel.wrapped, f"\\tilde{{{self.h}}}[m]", "m", colour="red!75!black",
                           domain=(0, period - 1)))

    def render_FlipStep(self, step: FlipStep) -> str:
        text = super().render_FlipStep(step)
        if not self.plots:
            return text
        h = self.h
        low = min(step.reversed.start, 0)
        high = max(step.kernel.end, 0)
        return text + "\n" + self.figure(
            self.stem_axis(step.kernel, f"{h}[m]", "m", domain=(low, high)),
            self.stem_axis(step.reversed, f"{h}[-m]", "m", colour="red!75!black", domain=(low, high)))

    def render_SlideStep(self, step: SlideStep) -> str:
        text = super().render_SlideStep(step)
        if self.plots:
            label, fixed = self.slide_labels(step)
            low = min(step.fixed.start, step.placed.start)
            high = max(step.fixed.end, step.placed.end)
            top = self.stem_axis(step.fixed, fixed, "m", domain=(low, high))
            bottom = self.stem_axis(step.placed, label, "m", colour="red!75!black", domain=(low, high))
            bottom = bottom.replace("\\begin{axis}[", "\\begin{axis}[at={(0,-3.9cm)}, ", 1)
            products = ("The products are taken where both have samples:" if step.reason is not
                        Reason.SHIFT_KERNEL_CIRCULAR else f"${self.y}[{index_latex(step.n)}]$ adds the "
                        "products of the samples one above the other:")
            return (text + f"\n{products}\n"
                    + "\\begin{center}\n\\begin{tikzpicture}\n" + top + "\n" + bottom
                    + "\n\\end{tikzpicture}\n\\end{center}")
        if self.grids:
            return text + "\n" + self.grid_figure(step.fixed, step, self.derivation.result)
        return text

    def render_ResultStep(self, step: ResultStep) -> str:
        text = super().render_ResultStep(step)
        if self.plots:
            return text + "\n" + self.figure(self.stem_axis(step.signal, f"{self.y}[n]", colour="blue!70!black"))
        return text

    # ------------------------------------------------------------------ figures, 2-D
    def grid_figure(self, image: Signal, slide: SlideStep | None, result: Signal | None) -> str:
        """The image as a grid of numbers; with a slide, the kernel window over it (kernel weights
        in red, ``x`` marks) and the output grid with the computed cell."""
        lines = ["\\begin{center}", "\\begin{tikzpicture}[x=0.9cm, y=0.9cm]"]
        (r0, c0), (r1, c1) = image.starts, image.end
        rows, columns = range(r0, r1 + 1), range(c0, c1 + 1)
        covered: dict[tuple[int, int], Any] = {}
        if slide is not None:
            (p0, q0), (p1, q1) = slide.placed.starts, slide.placed.end
            covered = {(r, c): slide.placed[r, c] for r in range(p0, p1 + 1) for c in range(q0, q1 + 1)}
            rows = range(min(r0, p0), max(r1, p1) + 1)
            columns = range(min(c0, q0), max(c1, q1) + 1)
        for r in rows:
            for c in columns:
                inside = r0 <= r <= r1 and c0 <= c <= c1
                if (r, c) in covered:
                    lines.append(f"\\fill[blue!12] ({c},{-r}) rectangle +(1,-1);")
                if inside or (r, c) in covered:
                    style = "gray" if inside else "gray, dashed"
                    lines.append(f"\\draw[{style}] ({c},{-r}) rectangle +(1,-1);")
                    value = latex_value(image[r, c]) if inside else "0"
                    centre = (f"{c + 0.4:g}", f"{-r - 0.42:g}") if (r, c) in covered else (_half(c), _half(-r - 1))
                    lines.append(f"\\node at ({centre[0]},{centre[1]}) {{${value}$}};")
                if (r, c) in covered:
                    weight = latex_value(covered[(r, c)])
                    lines.append(f"\\node[red!75!black, font=\\tiny, inner sep=1.5pt, anchor=south east] at ({c + 1},{-r - 1}) "
                                 f"{{$\\times {weight}$}};")
        for c in columns:
            lines.append(f"\\node[font=\\scriptsize, gray] at ({_half(c)},{-rows.start + 0.45}) {{{c}}};")
        for r in rows:
            lines.append(f"\\node[font=\\scriptsize, gray] at ({columns.start - 0.45},{_half(-r - 1)}) {{{r}}};")
        if slide is not None:
            (p0, q0), (p1, q1) = slide.placed.starts, slide.placed.end
            lines.append(f"\\draw[blue!70!black, very thick] ({q0},{-p0}) rectangle ({q1 + 1},{-p1 - 1});")
        if slide is not None and result is not None:
            lines += self.output_grid(result, slide, columns.stop + 2, rows.start)
        lines += ["\\end{tikzpicture}", "\\end{center}"]
        return "\n".join(lines)

    def output_grid(self, result: Signal, slide: SlideStep, left: int, top: int) -> list[str]:
        (r0, c0), (r1, c1) = result.starts, result.end
        i, j = slide.n
        lines = [f"\\node[anchor=south west] at ({left},{-top + 0.9}) {{${self.y}[{self.notation.output}]$}};"]
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                x, yv = left + (c - c0), -(top + (r - r0))
                if (r, c) == (i, j):
                    lines.append(f"\\fill[blue!12] ({x},{yv}) rectangle +(1,-1);")
                    lines.append(f"\\draw[blue!70!black, very thick] ({x},{yv}) rectangle +(1,-1);")
                else:
                    lines.append(f"\\draw[gray] ({x},{yv}) rectangle +(1,-1);")
                lines.append(f"\\node at ({_half(x)},{_half(yv - 1)}) {{${latex_value(result[r, c])}$}};")
        for c in range(c0, c1 + 1):
            lines.append(f"\\node[font=\\scriptsize, gray] at ({_half(left + c - c0)},{-top + 0.45}) {{{c}}};")
        for r in range(r0, r1 + 1):
            lines.append(f"\\node[font=\\scriptsize, gray] at ({left - 0.45},{_half(-(top + r - r0) - 1)}) {{{r}}};")
        lines.append(f"\\draw[-latex, thick] ({left - 1.6},{-top - 1.5}) -- ({left - 0.8},{-top - 1.5});")
        return lines


def _half(k: int) -> str:
    """The centre coordinate of the cell starting at k (cells span k .. k+1)."""
    return f"{k + 0.5:g}"
