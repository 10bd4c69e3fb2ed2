r"""Renderers of CNN layer derivations: plain text, Markdown, LaTeX fragment, LaTeX document.

They reuse :class:`symconv.render.base.Renderer`'s dispatch (``render_<StepClass>``), the value
formatting of :mod:`symconv.render.values`, name escaping of :mod:`symconv.render.escape` and
the document preamble of :mod:`symconv.render.document`; they only format what the steps of
:mod:`symconv.cnn.explain` carry.

Examples
--------
>>> from symconv.cnn.explain import explain_layer
>>> tex = explain_layer([[[1, 2], [3, 4]]], [[[[1, -1]]]]).document()
>>> tex.startswith("\\documentclass"), tex.rstrip().endswith("\\end{document}")
(True, True)
"""

from __future__ import annotations

import re
from typing import Any

from symconv.cnn.explain import (EquivalenceStep, LayerDefinitionStep, LayerDerivation, LayerTermStep,
                                 PaddedInputStep, ReceptiveFieldStep, SizeStep)
from symconv.render.base import Renderer
from symconv.render.document import PREAMBLE
from symconv.render.escape import latex_name, latex_text
from symconv.render.values import latex_factor, latex_value, text_factor, text_signal, text_table, text_value

__all__ = ["LayerDocumentRenderer", "LayerLatexRenderer", "LayerMarkdownRenderer", "LayerTextRenderer"]

_FUNCTIONS = {1: "conv1d", 2: "conv2d", 3: "conv3d"}
_WHY = ("A CNN layer slides the kernel without flipping it: it computes a cross-correlation. "
        "Read with the flipped kernel w♭[t] = w[-t], every product is the same, so the layer is a true "
        "convolution with w♭. Flipping is a bijection (flip twice and you are back), so a network that "
        "learns w can represent exactly the functions a network of true convolutions can: training "
        "simply finds the flipped kernel. That is why the flip does not matter.")

_WHY_LATEX = ("\\textbf{Why the flip does not matter.} " + latex_text(_WHY.split(": it computes")[0])
              + ": it computes a cross-correlation. Read with the flipped kernel $w^\\flat[t] = w[-t]$, every "
              "product is the same, so the layer is a true convolution with $w^\\flat$. Flipping is a bijection "
              "(flip twice and you are back), so a network that learns $w$ can represent exactly the functions "
              "a network of true convolutions can: training simply finds the flipped kernel.")


def _indices(values: tuple[int, ...]) -> str:
    return ", ".join(str(v) for v in values)


def _axes_text(values: tuple[int, ...]) -> str:
    return str(values[0]) if len(set(values)) == 1 else "(" + _indices(values) + ")"


class _LayerRenderer(Renderer):
    """Shared state: the derivation and the names (no DSP definition step here)."""

    def __init__(self, derivation: LayerDerivation) -> None:  # noqa: D107 (Renderer needs a Derivation)
        self.derivation = derivation
        self.x_name, self.w_name, self.y_name = derivation.names
        self.notes: list[str] = []


# --------------------------------------------------------------------------- text
class LayerTextRenderer(_LayerRenderer):
    """Plain text, one block per step."""

    def render_LayerDefinitionStep(self, step: LayerDefinitionStep) -> str:
        g = step.geometry
        axes = "ijk"[:step.ndim] if step.ndim > 1 else "n"
        taps = "klm"[:step.ndim] if step.ndim > 1 else "t"
        x, w, y = self.x_name, self.w_name, self.y_name
        reads = ", ".join(_read(a, t, s, d, p[0]) for a, t, s, d, p in zip(axes, taps, g.stride, g.dilation, g.pads))
        bias = f"b[c] + " if step.has_bias else ""
        lines = [f"CNN layer (PyTorch's {_FUNCTIONS[step.ndim]}): a cross-correlation, the kernel is not flipped",
                 f"{y}[c, {', '.join(axes)}] = {bias}sum over c_in, {', '.join(taps)} of "
                 f"{x}[c_in, {reads}] {w}[c, c_in, {', '.join(taps)}]",
                 f"stride {_axes_text(g.stride)}, dilation {_axes_text(g.dilation)}, padding "
                 + ", ".join(f"{a}+{b}" for a, b in g.pads) + f" ({g.padding_mode.value}), groups {g.groups}, "
                 f"{step.in_channels} input and {step.out_channels} output channels"]
        return "\n".join(lines)

    def render_SizeStep(self, step: SizeStep) -> str:
        blocks = []
        for axis, size in enumerate(step.sizes):
            label = "Output size" if len(step.sizes) == 1 else f"Output size, axis {axis}"
            blocks.append(f"{label}:\n" + "\n".join("  " + line for line in size.lines))
        return "\n".join(blocks)

    def render_PaddedInputStep(self, step: PaddedInputStep) -> str:
        signal = step.padded
        body = text_signal(signal) if signal.ndim == 1 else text_table(signal, name=self.x_name)
        return f"Padded input, channel {step.channel} ({step.mode} padding):\n{body}"

    def render_ReceptiveFieldStep(self, step: ReceptiveFieldStep) -> str:
        per_axis = [sorted({index[a] for index in step.indices}) for a in range(len(step.position))]
        ranges = "; ".join(("" if len(per_axis) == 1 else f"axis {a}: ") + ", ".join(str(i) for i in values)
                           for a, values in enumerate(per_axis))
        return (f"Receptive field of {self.y_name}[{_indices((step.out_channel, *step.position))}]: "
                f"input indices {ranges}")

    def render_LayerTermStep(self, step: LayerTermStep) -> str:
        y = f"{self.y_name}[{_indices((step.out_channel, *step.position))}]"
        labels, numbers = [], []
        for channel, term in zip(step.channel_indices, step.channels):
            for (i, _), (a, b), tap in zip(term.pairs, term.factors, _taps(step, term)):
                index = i if isinstance(i, tuple) else (i,)
                labels.append(f"{self.x_name}[{_indices((channel, *index))}]*"
                              f"{self.w_name}[{_indices((step.out_channel, channel - step.channel_indices[0], *tap))}]")
                numbers.append(f"{text_factor(a)}*{text_factor(b)}")
        if step.bias is not None:
            labels.append(f"b[{step.out_channel}]")
            numbers.append(text_factor(step.bias))
        lines = [f"{y} = {' + '.join(labels)} = {' + '.join(numbers)} = {text_value(step.value)}"]
        if len(step.channels) > 1:
            sums = " + ".join(text_factor(term.value) for term in step.channels)
            bias = f" + {text_factor(step.bias)}" if step.bias is not None else ""
            lines.append(f"  channels summed: {sums}{bias} = {text_value(step.value)}")
        return "\n".join(lines)

    def render_EquivalenceStep(self, step: EquivalenceStep) -> str:
        y = f"{self.y_name}[{_indices((step.out_channel, *step.position))}]"
        labels = [f"{self.x_name}[{_indices((t.channel, *t.index))}]*{self.w_name}♭"
                  f"[{_indices((t.out_channel, t.channel, *t.flipped_tap))}]" for t in step.terms]
        bias = f" + b[{step.out_channel}]" if step.bias is not None else ""
        return f"  as a convolution: {y} = {' + '.join(labels)}{bias} = {text_value(step.convolution_value)}"

    def render(self) -> str:
        parts = [self.render_step(step) for step in self.derivation.steps]
        if self.derivation.flip is not None:
            parts.insert(1, "Why the flip does not matter: " + _WHY)
        parts.append(f"Result {self.y_name}: shape {self.derivation.result.shape}, values "
                     f"{self.derivation.result.values}")
        return self.join(parts)


def _taps(step: LayerTermStep, term: Any) -> tuple[tuple[int, ...], ...]:
    """The kernel tap ``t`` of each of a term's pairs (the pair holds the dilated index ``t*d``)."""
    return step.taps


def _rows(items: list[str], per_row: int) -> str:
    """Items joined by ``+``, broken into aligned rows of ``per_row`` (long sums fit the page)."""
    rows = [" + ".join(items[k:k + per_row]) for k in range(0, len(items), per_row)]
    return " \\\\\n&\\quad + ".join(rows)


def _read(axis: str, tap: str, s: int, d: int, p: int, times: str = "") -> str:
    """The input index read, ``s*axis + d*tap - p``, written without factors 1 and terms 0."""
    out = (f"{s}{times}{axis}" if s != 1 else axis) + " + " + (f"{d}{times}{tap}" if d != 1 else tap)
    return out + (f" - {p}" if p else "")


# --------------------------------------------------------------------------- LaTeX
class LayerLatexRenderer(_LayerRenderer):
    """A LaTeX fragment (amsmath): definition, sizes, and one aligned line per derived output."""

    def join(self, parts: list[str]) -> str:
        return "\n\n".join(parts) + "\n"

    def math(self, text: str) -> str:
        return f"\\[ {text} \\]"

    def render(self) -> str:
        parts = [self.render_step(step) for step in self.derivation.steps]
        if self.derivation.flip is not None:
            parts.insert(1, _WHY_LATEX)
        return self.join([p for p in parts if p])

    def render_LayerDefinitionStep(self, step: LayerDefinitionStep) -> str:
        g = step.geometry
        axes = ["i", "j", "k"][:step.ndim] if step.ndim > 1 else ["n"]
        taps = ["k", "l", "m"][:step.ndim] if step.ndim > 1 else ["t"]
        x, w, y = (latex_name(n) for n in (self.x_name, self.w_name, self.y_name))
        reads = ", ".join(_read(a, t, s, d, p[0]) for a, t, s, d, p in zip(axes, taps, g.stride, g.dilation, g.pads))
        bias = "b[c] + " if step.has_bias else ""
        return (f"\\textbf{{CNN layer}} (PyTorch's \\texttt{{{_FUNCTIONS[step.ndim]}}}): a cross-correlation, "
                "the kernel is not flipped.\n"
                + self.math(f"{y}[c, {', '.join(axes)}] = {bias}\\sum_{{c_\\mathrm{{in}}, {', '.join(taps)}}} "
                            f"{x}[c_\\mathrm{{in}}, {reads}]\\, {w}[c, c_\\mathrm{{in}}, {', '.join(taps)}]")
                + f"\nStride {_axes_text(g.stride)}, dilation {_axes_text(g.dilation)}, padding "
                + ", ".join(f"{a}+{b}" for a, b in g.pads)
                + f" ({latex_text(g.padding_mode.value)}), groups {g.groups}; {step.in_channels} input and "
                  f"{step.out_channels} output channels.")

    def render_SizeStep(self, step: SizeStep) -> str:
        lines = []
        for axis, size in enumerate(step.sizes):
            lines.append(f"Output size along axis {axis}: "
                         f"$\\lfloor ({size.input_size} + {size.pads[0]} + {size.pads[1]} - {size.dilation}"
                         f"({size.kernel_size} - 1) - 1)/{size.stride} \\rfloor + 1 = {size.size}$"
                         + ("" if size.fits else
                            f" (the formula gives ${latex_value(size.exact)}$: the stride does not fit"
                            + (f", input indices {_indices(size.unreached)} are never read" if size.unreached
                               else "") + ")")
                         + ".")
        return "\n\n".join(lines)

    def render_PaddedInputStep(self, step: PaddedInputStep) -> str:
        signal = step.padded
        x = latex_name(self.x_name)
        if signal.ndim == 1:
            values = ", ".join(latex_value(v) for v in signal.values)
            return self.math(f"{x}_\\mathrm{{pad}}[{step.channel}, n] = \\{{ {values} \\}},\\quad "
                             f"n = {signal.start}, \\dots, {signal.end}")
        if signal.ndim != 2:
            return f"Padded input channel {step.channel}: shape {signal.shape}."
        body = " \\\\ ".join(" & ".join(latex_value(v) for v in row) for row in signal.values)
        return self.math(f"{x}_\\mathrm{{pad}}[{step.channel}] = \\begin{{bmatrix}} {body} \\end{{bmatrix}}"
                         f",\\quad \\text{{rows from {signal.starts[0]}, columns from {signal.starts[1]}}}")

    def render_ReceptiveFieldStep(self, step: ReceptiveFieldStep) -> str:
        return ""

    def render_LayerTermStep(self, step: LayerTermStep) -> str:
        x, w, y = (latex_name(n) for n in (self.x_name, self.w_name, self.y_name))
        labels, numbers = [], []
        for channel, term in zip(step.channel_indices, step.channels):
            for (i, _), (a, b), tap in zip(term.pairs, term.factors, _taps(step, term)):
                index = i if isinstance(i, tuple) else (i,)
                labels.append(f"{x}[{_indices((channel, *index))}]\\,"
                              f"{w}[{_indices((step.out_channel, channel - step.channel_indices[0], *tap))}]")
                numbers.append(f"{latex_factor(a)}\\cdot {latex_factor(b)}")
        if step.bias is not None:
            labels.append(f"b[{step.out_channel}]")
            numbers.append(latex_factor(step.bias))
        head = f"{y}[{_indices((step.out_channel, *step.position))}]"
        return ("\\begin{align*}\n"
                f"{head} &= {_rows(labels, 3)} \\\\\n"
                f"&= {_rows(numbers, 6)} \\\\\n&= {latex_value(step.value)}\n"
                "\\end{align*}")

    def render_EquivalenceStep(self, step: EquivalenceStep) -> str:
        x, w = latex_name(self.x_name), latex_name(self.w_name)
        y = f"{latex_name(self.y_name)}[{_indices((step.out_channel, *step.position))}]"
        labels = [f"{x}[{_indices((t.channel, *t.index))}]\\,{w}^\\flat[{_indices((t.out_channel, t.channel, *t.flipped_tap))}]"
                  for t in step.terms]
        if step.bias is not None:
            labels.append(f"b[{step.out_channel}]")
        return ("As a true convolution with the flipped kernel:\n\\begin{align*}\n"
                f"{y} &= {_rows(labels, 3)} \\\\\n&= {latex_value(step.convolution_value)}\n\\end{{align*}}")


class LayerMarkdownRenderer(LayerLatexRenderer):
    """Markdown with ``$$...$$`` math (GitHub, Jupyter)."""

    def render(self) -> str:
        text = super().render()
        return re.sub(r"\\texttt\{([^}]*)\}", r"`\1`", re.sub(r"\\textbf\{([^}]*)\}", r"**\1**", text))

    def math(self, text: str) -> str:
        return f"$$ {text} $$"

    def render_step(self, step: Any) -> str:
        return super().render_step(step).replace("\\begin{align*}\n", "$$\\begin{aligned}\n").replace(
            "\n\\end{align*}", "\n\\end{aligned}$$")


class LayerDocumentRenderer(LayerLatexRenderer):
    """A complete document with a figure: the padded input with the first output's receptive field."""

    def document(self) -> str:
        title = self.derivation.title
        if title is None:
            title = "CNN layer and the flipped kernel" if self.derivation.flip is not None else "CNN layer"
        return (PREAMBLE + "\\begin{document}\n"
                f"\\section*{{Worked solution: {latex_text(title)}}}\n"
                "Every value below is exact and was checked by symconv before it was printed.\n\n"
                + self.render() + "\n\\end{document}\n")

    def render_ReceptiveFieldStep(self, step: ReceptiveFieldStep) -> str:
        if self.notes:  # one figure: the first derived output
            return ""
        self.notes.append("figure")
        padded = next(s for s in self.derivation.steps if isinstance(s, PaddedInputStep)).padded
        if padded.ndim > 2 or max(padded.shape) > 16:
            return ""
        starts = padded.starts if padded.ndim == 2 else (0, padded.start)
        shape = padded.shape if padded.ndim == 2 else (1, padded.shape[0])
        read = {(idx if len(idx) == 2 else (0, idx[0])) for idx in step.indices}
        given = self.derivation.x.shape[1:]
        given = given if len(given) == 2 else (1, given[0])
        lines = ["\\begin{center}", "\\begin{tikzpicture}[x=0.8cm, y=0.8cm]"]
        for r in range(shape[0]):
            for c in range(shape[1]):
                row, column = r + starts[0], c + starts[1]
                inside = 0 <= row < given[0] and 0 <= column < given[1]
                value = padded.values[r][c] if padded.ndim == 2 else padded.values[c]
                if (row, column) in read:
                    lines.append(f"\\fill[blue!15] ({c},{-r}) rectangle +(1,-1);")
                lines.append(f"\\draw[{'gray' if inside else 'gray, dashed'}] ({c},{-r}) rectangle +(1,-1);")
                lines.append(f"\\node at ({c + 0.5:g},{-r - 0.5:g}) {{${latex_value(value)}$}};")
        for c in range(shape[1]):
            lines.append(f"\\node[font=\\scriptsize, gray] at ({c + 0.5:g},0.35) {{{c + starts[1]}}};")
        if padded.ndim == 2:
            for r in range(shape[0]):
                lines.append(f"\\node[font=\\scriptsize, gray] at (-0.4,{-r - 0.5:g}) {{{r + starts[0]}}};")
        lines += ["\\end{tikzpicture}", "\\end{center}",
                  f"Shaded: the inputs that ${latex_name(self.y_name)}[{_indices((step.out_channel, *step.position))}]$ "
                  "reads (stride and dilation spread them); dashed cells are padding."]
        return "\n".join(lines)

