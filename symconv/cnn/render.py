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

import math
import re
from collections.abc import Iterator
from typing import Any

from symconv.cnn.explain import (EquivalenceStep, LayerDefinitionStep, LayerDerivation, LayerTermStep,
                                 PaddedInputStep, ReceptiveFieldStep, SizeStep)
from symconv.cnn.explain_transpose import (ReversedKernelStep, ScatterStep, SpreadFieldStep, SpreadInputStep,
                                           TransposedDefinitionStep, TransposedTermStep)
from symconv.cnn.output import latex_channels
from symconv.render.base import Renderer
from symconv.render.document import PREAMBLE
from symconv.render.escape import latex_name, latex_text
from symconv.signal import Signal
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


_WHY_REVERSED = ("a transposed convolution is the adjoint (the transpose) of the convolution with the same "
                 "weight. The convolution's output o gathers input o*s + t*d - p times w[t]; the transposed layer "
                 "sends input n times w[t] back to output n*s + t*d - p. Gathering at one output, the window over "
                 "x↑ meets the taps last to first: the kernel is flipped.")
_WHY_REVERSED_LATEX = ("\\textbf{Why the kernel is reversed.} A transposed convolution is the adjoint (the "
                       "transpose) of the convolution with the same weight. The convolution's output $o$ gathers "
                       "input $os + td - p$ times $w[t]$; the transposed layer sends input $n$ times $w[t]$ back "
                       "to output $ns + td - p$. Gathering at one output, the window over $x^{\\uparrow}$ meets "
                       "the taps last to first: the kernel is flipped.")
_FUNCTIONS_TRANSPOSED = {1: "conv_transpose1d", 2: "conv_transpose2d", 3: "conv_transpose3d"}


def _padding_words(step: SpreadInputStep, math: bool = False) -> str:
    """How each axis of ``x↑`` is made: zeros between samples, the padding derived with the numbers."""
    times = "\\cdot " if math else "*"
    parts = []
    for a, (s, d, k, p, op, b, e) in enumerate(zip(step.stride, step.dilation, step.kernel, step.padding,
                                                   step.output_padding, step.before, step.after)):
        derivation = f"d(k - 1) - p = {d}{times}({k} - 1) - {p} = {b}"
        if math:
            derivation = f"${derivation}$"
        axis = "" if len(step.stride) == 1 else f"axis {a}: "
        between = f"{s - 1} zero{'s' if s != 2 else ''} between neighbours"
        if b >= 0:
            pads = f"{b} in front and {b + op if not op else f'{b} + {op} = {e}'} behind"
        else:
            pads = f"a negative padding: {-b} sample{'s' if b != -1 else ''} cut from the front and {-e} from the back"
        extra = f" (output padding {op})" if op else ""
        parts.append(f"{axis}{between}; padded by {derivation}: {pads}{extra}")
    return "; ".join(parts)


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
        axes, taps = _axis_letters(step.ndim)
        x, w, y = self.x_name, self.w_name, self.y_name
        reads = ", ".join(_read(a, t, s, d, p[0]) for a, t, s, d, p in zip(axes, taps, g.stride, g.dilation, g.pads))
        bias = f"b[c] + " if step.has_bias else ""
        grouped = g.groups > 1  # w's channel index counts within c's group
        channel = "c'" if grouped else "c_in"
        lines = [f"CNN layer (PyTorch's {_FUNCTIONS[step.ndim]}): a cross-correlation, the kernel is not flipped",
                 f"{y}[c, {', '.join(axes)}] = {bias}sum over {channel}, {', '.join(taps)} of "
                 f"{x}[c_in, {reads}] {w}[c, {channel}, {', '.join(taps)}]"]
        if grouped:
            per_in, per_out = _group_sizes(step)
            group = "c" if per_out == 1 else f"floor(c/{per_out})"
            lines.append(f"  with c_in = {'' if per_in == 1 else f'{per_in}*'}g + c', the input channels of output "
                         f"channel c's group g = {group} (c' = 0..{per_in - 1})")
        lines += [
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
        return self._term(step, self.x_name)

    def render_TransposedTermStep(self, step: TransposedTermStep) -> str:
        return self._term(step, self.x_name + "↑")

    def _term(self, step: LayerTermStep, x: str) -> str:
        y = f"{self.y_name}[{_indices((step.out_channel, *step.position))}]"
        labels, numbers = [], []
        for x_index, w_index, a, b in _products(step):
            labels.append(f"{x}[{_indices(x_index)}]*{self.w_name}[{_indices(w_index)}]")
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

    # transposed layers
    def render_TransposedDefinitionStep(self, step: TransposedDefinitionStep) -> str:
        g = step.geometry
        axes, taps = _axis_letters(step.ndim)
        x, w, y = self.x_name, self.w_name, self.y_name
        lands = ", ".join(_read(a, t, s, d, p[0]) for a, t, s, d, p in zip(axes, taps, g.stride, g.dilation, g.pads))
        bias = f", then b[c] added" if step.has_bias else ""
        return "\n".join([
            f"Transposed convolution layer (PyTorch's {_FUNCTIONS_TRANSPOSED[step.ndim]}): every input sample adds "
            "a scaled copy of the kernel to the output",
            f"{y}[c, {lands}] += {x}[c_in, {', '.join(axes)}] {w}[c_in, c, {', '.join(taps)}] for every c_in, "
            f"{', '.join(axes)}, {', '.join(taps)} (outputs outside the output are dropped){bias}",
            f"stride {_axes_text(g.stride)}, dilation {_axes_text(g.dilation)}, padding "
            f"{_axes_text(tuple(p[0] for p in g.pads))}, output padding {_axes_text(g.output_padding)}, "
            f"groups {g.groups}, {step.in_channels} input and {step.out_channels} output channels"])

    def render_SpreadInputStep(self, step: SpreadInputStep) -> str:
        x = self.x_name
        signal = step.spread
        body = text_signal(signal) if signal.ndim == 1 else text_table(signal, name=x + "↑")
        head = ""
        if step.channel == 0:
            head = (f"As a convolution: spread the input by the stride ({_spread_rule(step.stride, x + '↑', x)}), "
                    "pad it, and slide the reversed kernel over it. "
                    + _padding_words(step) + ".\n")
        return f"{head}Spread and padded input {x}↑, channel {step.channel}:\n{body}"

    def render_ReversedKernelStep(self, step: ReversedKernelStep) -> str:
        w = f"{self.w_name}[{step.in_channel}, {step.out_local}]"
        if step.kernel.ndim == 1:
            given = ", ".join(text_value(v) for v in step.kernel.values)
            turned = ", ".join(text_value(v) for v in step.reversed.values)
            body = f"Kernel {w} = {given}, reversed: {turned}"
        else:
            body = (f"Kernel {w}:\n{text_table(step.kernel, name=self.w_name)}\n"
                    f"reversed along every axis:\n{text_table(step.reversed, name=self.w_name)}")
        if step.in_channel == 0 and step.out_local == 0:
            body = "Why the kernel is reversed: " + _WHY_REVERSED + "\n" + body
        return body

    def render_SpreadFieldStep(self, step: SpreadFieldStep) -> str:
        per_axis = [sorted({index[a] for index in step.indices}) for a in range(len(step.position))]
        ranges = "; ".join(("" if len(per_axis) == 1 else f"axis {a}: ") + ", ".join(str(i) for i in values)
                           for a, values in enumerate(per_axis))
        covered = ", ".join(str(_index_text(n)) for n in step.samples) or "none (only zeros)"
        return (f"Window of {self.y_name}[{_indices((step.out_channel, *step.position))}] on {self.x_name}↑: "
                f"indices {ranges}; input positions covered: {covered}")

    def render_ScatterStep(self, step: ScatterStep) -> str:
        x, w, y = self.x_name, self.w_name, self.y_name
        axes = _axis_letters(len(step.index))[1]
        sample = f"{x}[{_indices((step.channel, *step.index))}]"
        lands = ", ".join(_read(str(n), t, s, d, p, "*") for n, t, s, d, p in
                          zip(step.index, axes, step.stride, step.dilation, step.padding))
        lines = [f"In plain words: each input sample scatters a scaled copy of the kernel into the output, the "
                 f"copies {_axes_text(step.stride)} apart (the stride). For one sample, {sample} = "
                 f"{text_value(step.value)} adds {text_factor(step.value)}*{w}[{step.channel}, c, {', '.join(axes)}] "
                 f"to {y}[c, {lands}]:"]
        for copy in step.copies:
            target = f"{y}[{_indices((copy.out_channel, *copy.position))}]"
            where = "" if copy.inside else " (outside the output: cut off by the padding)"
            lines.append(f"  {target} += {sample}*{w}[{_indices((step.channel, copy.out_local, *copy.tap))}] = "
                         f"{text_factor(step.value)}*{text_factor(copy.weight)} = {text_value(copy.product)}{where}")
        lines.append(_scatter_total(step))
        return "\n".join(lines)

    def render(self) -> str:
        parts = [self.render_step(step) for step in self.derivation.steps]
        if self.derivation.flip is not None:
            parts.insert(1, "Why the flip does not matter: " + _WHY)
        coverage = _coverage(self.derivation)
        parts.append(f"Result {self.y_name}: shape {self.derivation.result.shape}, values "
                     f"{self.derivation.result.values}" + (f". {coverage}" if coverage else ""))
        return self.join(parts)


def _products(step: LayerTermStep) -> Iterator[tuple[tuple[int, ...], tuple[int, ...], Any, Any]]:
    """Every product of an output, channel by channel: (x index, w index, x value, w value)."""
    for channel, term in zip(step.channel_indices, step.channels):
        for (i, _), (a, b), tap in zip(term.pairs, term.factors, step.taps):
            yield (channel, *(i if isinstance(i, tuple) else (i,))), step.weight_index(channel, tap), a, b


def _axis_letters(ndim: int) -> tuple[list[str], list[str]]:
    """Output indices and kernel taps: n and t in 1-D, i, j and k, l in 2-D, i, j, k and p, q, r in 3-D."""
    if ndim == 1:
        return ["n"], ["t"]
    return list("ijk"[:ndim]), list("kl" if ndim == 2 else "pqr")


def _group_sizes(step: LayerDefinitionStep) -> tuple[int, int]:
    """Input and output channels per group: output channel c reads the inputs of group c // (C_out/G)."""
    return step.in_channels // step.geometry.groups, step.out_channels // step.geometry.groups


def _coverage(derivation: LayerDerivation, option: str = "--at", parameter: str = "at=") -> str:
    """'Derived above: 8 of the 16 outputs; ...' when the worked solution shows only some outputs."""
    derived = sum(isinstance(step, (LayerTermStep, TransposedTermStep)) for step in derivation.steps)
    total = math.prod(derivation.result.shape)
    if derived >= total:
        return ""
    return (f"Derived above: {derived} of the {total} outputs; the others follow in the same way "
            f"(choose which with {option}, or {parameter} in Python).")


def _rows(items: list[str], per_row: int) -> str:
    """Items joined by ``+``, broken into aligned rows of ``per_row`` (long sums fit the page)."""
    rows = [" + ".join(items[k:k + per_row]) for k in range(0, len(items), per_row)]
    return " \\\\\n&\\quad + ".join(rows)


def _spread_rule(stride: tuple[int, ...], spread: str, x: str) -> str:
    """``x↑[2n] = x[n]``, ``x↑[2i, 3j] = x[i, j]``: where the spread input holds the samples."""
    axes = _axis_letters(len(stride))[0]
    return (f"{spread}[{', '.join(f'{s}{a}' if s != 1 else a for s, a in zip(stride, axes))}] = "
            f"{x}[{', '.join(axes)}]")


def _scatter_total(step: ScatterStep) -> str:
    bias = ", and the bias," if step.has_bias else ""
    return f"Adding the scaled copies of all {step.count} input samples{bias} gives every output above (checked)."


def _index_text(index: tuple[int, ...]) -> str:
    return str(index[0]) if len(index) == 1 else "(" + _indices(index) + ")"


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
        return self.join([p for p in parts if p] + [self.render_result()])

    def render_result(self) -> str:
        """Every output channel (:func:`~symconv.cnn.output.latex_channels`), and how much was derived."""
        coverage = _coverage(self.derivation, "\\texttt{-{}-at}", "\\texttt{at=}")
        equations = latex_channels(self.derivation.result, name=latex_name(self.y_name)).splitlines()
        return ("\\textbf{Result.} " + (coverage or "Every output is derived above.") + "\n"
                + "\n".join(self.math(equation) for equation in equations))

    def render_LayerDefinitionStep(self, step: LayerDefinitionStep) -> str:
        g = step.geometry
        axes, taps = _axis_letters(step.ndim)
        x, w, y = (latex_name(n) for n in (self.x_name, self.w_name, self.y_name))
        reads = ", ".join(_read(a, t, s, d, p[0]) for a, t, s, d, p in zip(axes, taps, g.stride, g.dilation, g.pads))
        bias = "b[c] + " if step.has_bias else ""
        channel = "c'" if g.groups > 1 else "c_\\mathrm{in}"  # with groups, w counts channels within a group
        rule = ""
        if g.groups > 1:
            per_in, per_out = _group_sizes(step)
            group = "c" if per_out == 1 else f"\\lfloor c/{per_out} \\rfloor"
            rule = (f"\nHere $c_\\mathrm{{in}} = {'' if per_in == 1 else per_in}g + c'$ runs over the input "
                    f"channels of output channel $c$'s group $g = {group}$ ($c' = 0, \\dots, {per_in - 1}$).")
        return (f"\\textbf{{CNN layer}} (PyTorch's \\texttt{{{_FUNCTIONS[step.ndim]}}}): a cross-correlation, "
                "the kernel is not flipped.\n"
                + self.math(f"{y}[c, {', '.join(axes)}] = {bias}\\sum_{{{channel}, {', '.join(taps)}}} "
                            f"{x}[c_\\mathrm{{in}}, {reads}]\\, {w}[c, {channel}, {', '.join(taps)}]")
                + rule
                + f"\nStride {_axes_text(g.stride)}, dilation {_axes_text(g.dilation)}, padding "
                + ", ".join(f"{a}+{b}" for a, b in g.pads)
                + f" ({latex_text(g.padding_mode.value)}), groups {g.groups}; {step.in_channels} input and "
                  f"{step.out_channels} output channels.")

    def render_SizeStep(self, step: SizeStep) -> str:
        lines = []
        for axis, size in enumerate(step.sizes):
            if size.transposed:
                lines.append(f"Output size along axis {axis}: $(i - 1)s - 2p + d(k - 1) + "
                             f"\\mathrm{{output\\_padding}} + 1 = ({size.input_size} - 1)\\cdot {size.stride} - "
                             f"2\\cdot {size.pads[0]} + {size.dilation}\\cdot ({size.kernel_size} - 1) + "
                             f"{size.output_padding} + 1 = {size.size}$.")
                continue
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
        return self._signal_math(f"{latex_name(self.x_name)}_\\mathrm{{pad}}", step.channel, step.padded)

    def _signal_math(self, name: str, channel: int, signal: Any) -> str:
        """A channel of a padded input: a list with its index range (1-D), a matrix (2-D)."""
        if signal.ndim == 1:
            values = ", ".join(latex_value(v) for v in signal.values)
            return self.math(f"{name}[{channel}, n] = \\{{ {values} \\}},\\quad "
                             f"n = {signal.start}, \\dots, {signal.end}")
        if signal.ndim != 2:
            return f"Padded input channel {channel}: shape {signal.shape}."
        body = " \\\\ ".join(" & ".join(latex_value(v) for v in row) for row in signal.values)
        return self.math(f"{name}[{channel}] = \\begin{{bmatrix}} {body} \\end{{bmatrix}}"
                         f",\\quad \\text{{rows from {signal.starts[0]}, columns from {signal.starts[1]}}}")

    def render_ReceptiveFieldStep(self, step: ReceptiveFieldStep) -> str:
        return ""

    def render_LayerTermStep(self, step: LayerTermStep) -> str:
        return self._term(step, latex_name(self.x_name))

    def render_TransposedTermStep(self, step: TransposedTermStep) -> str:
        return self._term(step, latex_name(self.x_name) + "^{\\uparrow}")

    def _term(self, step: LayerTermStep, x: str) -> str:
        w, y = latex_name(self.w_name), latex_name(self.y_name)
        labels, numbers = [], []
        for x_index, w_index, a, b in _products(step):
            labels.append(f"{x}[{_indices(x_index)}]\\,{w}[{_indices(w_index)}]")
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


    # transposed layers
    def render_TransposedDefinitionStep(self, step: TransposedDefinitionStep) -> str:
        g = step.geometry
        axes, taps = _axis_letters(step.ndim)
        x, w, y = (latex_name(n) for n in (self.x_name, self.w_name, self.y_name))
        lands = ", ".join(_read(a, t, s, d, p[0]) for a, t, s, d, p in zip(axes, taps, g.stride, g.dilation, g.pads))
        bias = ", then the bias $b[c]$ is added" if step.has_bias else ""
        return (f"\\textbf{{Transposed convolution layer}} (PyTorch's "
                f"\\texttt{{{latex_text(_FUNCTIONS_TRANSPOSED[step.ndim])}}}): every input sample adds a scaled "
                "copy of the kernel to the output,\n"
                + self.math(f"{y}[c, {lands}] \\mathrel{{+}}= {x}[c_\\mathrm{{in}}, {', '.join(axes)}]\\, "
                            f"{w}[c_\\mathrm{{in}}, c, {', '.join(taps)}]")
                + f"\nfor every $c_\\mathrm{{in}}, {', '.join(axes)}, {', '.join(taps)}$ (positions outside the "
                  f"output are dropped){bias}. Stride {_axes_text(g.stride)}, dilation {_axes_text(g.dilation)}, "
                  f"padding {_axes_text(tuple(p[0] for p in g.pads))}, output padding {_axes_text(g.output_padding)}, "
                  f"groups {g.groups}; {step.in_channels} input and {step.out_channels} output channels.")

    def render_SpreadInputStep(self, step: SpreadInputStep) -> str:
        x = latex_name(self.x_name)
        head = ""
        if step.channel == 0:
            rule = _spread_rule(step.stride, x + "^{\\uparrow}", x)
            head = ("\\textbf{As a convolution.} Spread the input by the stride "
                    f"(${rule}$), pad it, and slide the reversed "
                    "kernel over it. " + _padding_words(step, math=True)
                    + ".\n")
        return head + self._signal_math(f"{x}^{{\\uparrow}}", step.channel, step.spread)

    def render_ReversedKernelStep(self, step: ReversedKernelStep) -> str:
        w = f"{latex_name(self.w_name)}[{step.in_channel}, {step.out_local}]"
        if step.kernel.ndim == 1:
            given = ", ".join(latex_value(v) for v in step.kernel.values)
            turned = ", ".join(latex_value(v) for v in step.reversed.values)
            body = self.math(f"{w} = ({given}),\\qquad \\text{{reversed: }} ({turned})")
        else:
            def matrix(signal: Any) -> str:
                rows = " \\\\ ".join(" & ".join(latex_value(v) for v in row) for row in signal.values)
                return f"\\begin{{bmatrix}} {rows} \\end{{bmatrix}}"
            body = (self.math(f"{w} = {matrix(step.kernel)},\\qquad \\text{{reversed along both axes: }} "
                              f"{matrix(step.reversed)}") if step.kernel.ndim == 2 else
                    f"Kernel {w} reversed along every axis.")
        if step.in_channel == 0 and step.out_local == 0:
            body = _WHY_REVERSED_LATEX + "\n" + body
        return body

    def render_SpreadFieldStep(self, step: SpreadFieldStep) -> str:
        return ""

    def render_ScatterStep(self, step: ScatterStep) -> str:
        x, w, y = (latex_name(n) for n in (self.x_name, self.w_name, self.y_name))
        sample = f"{x}[{_indices((step.channel, *step.index))}]"
        lines = []
        for copy in step.copies:
            target = f"{y}[{_indices((copy.out_channel, *copy.position))}]"
            where = " && \\text{outside the output: cut off by the padding}" if not copy.inside else ""
            weight = f"{w}[{_indices((step.channel, copy.out_local, *copy.tap))}]"
            lines.append(f"{target} &\\mathrel{{+}}= {sample}\\,{weight}"
                         f" = {latex_factor(step.value)}\\cdot {latex_factor(copy.weight)} = "
                         f"{latex_value(copy.product)}{where}")
        return ("\\textbf{In plain words.} Each input sample scatters a scaled copy of the kernel into the output, "
                f"the copies {_axes_text(step.stride)} apart (the stride). For one sample, ${sample} = "
                f"{latex_value(step.value)}$:\n\\begin{{align*}}\n" + " \\\\\n".join(lines)
                + "\n\\end{align*}\n"
                + _scatter_total(step))


class LayerMarkdownRenderer(LayerLatexRenderer):
    """Markdown with ``$$...$$`` math (GitHub, Jupyter)."""

    def render(self) -> str:
        text = super().render()
        return re.sub(r"\\texttt\{((?:[^{}]|\{\})*)\}",
                      lambda m: "`" + m.group(1).replace("\\_", "_").replace("-{}-", "--") + "`",
                      re.sub(r"\\textbf\{([^}]*)\}", r"**\1**", text))

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
        given = self.derivation.x.shape[1:]

        def style(index: tuple[int, ...]) -> str:
            return "gray" if all(0 <= i < n for i, n in zip(index, given)) else "gray, dashed"

        figure = _grid_figure(padded, step.indices, style)
        return figure and (figure + "\n" + f"Shaded: the inputs that ${latex_name(self.y_name)}"
                           f"[{_indices((step.out_channel, *step.position))}]$ reads (stride and dilation spread "
                           "them); dashed cells are padding.")

    def render_SpreadFieldStep(self, step: SpreadFieldStep) -> str:
        if self.notes:  # one figure: the first derived output
            return ""
        self.notes.append("figure")
        spread = next(s for s in self.derivation.steps if isinstance(s, SpreadInputStep)).spread
        given = self.derivation.x.shape[1:]

        def style(index: tuple[int, ...]) -> str:
            source = tuple(j // s for j, s in zip(index, step.stride))
            if not all(0 <= j <= (n - 1) * s for j, n, s in zip(index, given, step.stride)):
                return "gray, dashed"
            on_grid = all(j % s == 0 for j, s in zip(index, step.stride)) and all(
                0 <= i < n for i, n in zip(source, given))
            return "black" if on_grid else "gray, dotted"

        term = next((s for s in self.derivation.steps if isinstance(s, TransposedTermStep)
                     and (s.out_channel, s.position) == (step.out_channel, step.position)), None)
        notes = None if term is None else {
            index: f"\\times {latex_factor(b)}" for index, (_, b) in zip(step.indices, term.channels[0].factors)}
        figure = _grid_figure(spread, step.indices, style, notes)
        x = latex_name(self.x_name)
        return figure and (figure + "\n" + f"The spread and padded input ${x}^{{\\uparrow}}$ (channel 0). Shaded: "
                           f"the window of ${latex_name(self.y_name)}[{_indices((step.out_channel, *step.position))}]$,"
                           " where the reversed kernel lies"
                           + (" (its weights written below)" if spread.ndim == 1 else "")
                           + ". Solid cells hold the input samples, dotted cells the zeros inserted by the stride, "
                             "dashed cells the padding.")

    def render_ScatterStep(self, step: ScatterStep) -> str:
        figure = _scatter_figure(self.derivation, step, latex_name(self.x_name), latex_name(self.y_name))
        return LayerLatexRenderer.render_ScatterStep(self, step) + ("\n" + figure if figure else "")


def _scatter_figure(derivation: LayerDerivation, step: ScatterStep, x: str, y: str) -> str:
    """The output channel of the first copy, the cells the chosen sample's copies land on shaded."""
    if not step.copies:
        return ""
    channel = step.copies[0].out_channel
    copies = [c for c in step.copies if c.out_channel == channel and c.inside]
    output = Signal(derivation.result.values[channel])
    notes = {c.position: f"+{latex_factor(c.product)}" for c in copies}
    figure = _grid_figure(output, [c.position for c in copies], lambda index: "gray", notes)
    sample = f"{x}[{_indices((step.channel, *step.index))}]"
    return figure and (figure + "\n" + f"The output ${y}[{channel}]$ with its final values. Shaded: where "
                       f"${sample}$ adds its scaled copy of the kernel"
                       + (" (its share written below)" if output.ndim == 1 else "")
                       + "; the other samples' copies fill in the rest.")


def _grid_figure(padded: Any, read: Any, style: Any, notes: dict | None = None) -> str:
    """A 1-D or 2-D padded input as TikZ cells, ``read`` indices shaded, borders by ``style(index)``,
    ``notes[index]`` (LaTeX math, 1-D only) written under a cell; empty when it is 3-D or wider
    than 16 cells."""
    if padded.ndim > 2 or max(padded.shape) > 16:
        return ""
    starts = padded.starts if padded.ndim == 2 else (0, padded.start)
    shape = padded.shape if padded.ndim == 2 else (1, padded.shape[0])
    shaded = {(idx if len(idx) == 2 else (0, idx[0])) for idx in read}
    lines = ["\\begin{center}", "\\begin{tikzpicture}[x=0.8cm, y=0.8cm]"]
    for r in range(shape[0]):
        for c in range(shape[1]):
            row, column = r + starts[0], c + starts[1]
            value = padded.values[r][c] if padded.ndim == 2 else padded.values[c]
            if (row, column) in shaded:
                lines.append(f"\\fill[blue!15] ({c},{-r}) rectangle +(1,-1);")
            lines.append(f"\\draw[{style((row, column) if padded.ndim == 2 else (column,))}] ({c},{-r}) "
                         "rectangle +(1,-1);")
            lines.append(f"\\node at ({c + 0.5:g},{-r - 0.5:g}) {{${latex_value(value)}$}};")
            note = (notes or {}).get((column,)) if padded.ndim == 1 else None
            if note is not None:  # 1-D: written under the cell
                lines.append(f"\\node[font=\\scriptsize, blue!70!black] at ({c + 0.5:g},-1.4) {{${note}$}};")
    for c in range(shape[1]):
        lines.append(f"\\node[font=\\scriptsize, gray] at ({c + 0.5:g},0.35) {{{c + starts[1]}}};")
    if padded.ndim == 2:
        for r in range(shape[0]):
            lines.append(f"\\node[font=\\scriptsize, gray] at (-0.4,{-r - 0.5:g}) {{{r + starts[0]}}};")
    return "\n".join(lines + ["\\end{tikzpicture}", "\\end{center}"])

