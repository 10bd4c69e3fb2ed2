"""Worked solutions of CNN layers: every chosen output derived as steps (data), then rendered.

:func:`explain_layer` writes, for one input (``(C_in, *spatial)``): the layer's definition with
its stride, padding, dilation and groups; the output size derivation per axis; the padded
input of every channel (indices in input coordinates, so padding sits at negative indices
and past the end); and for each chosen output its receptive field (the input indices
``o*s + t*d - p`` it reads), one correlation sum per input channel (a
:class:`symconv.steps.TermStep` with the correlation rule, lag ``n = o*s - p``), the channels
summed and the bias added. :func:`explain_flip_equivalence` adds, for chosen outputs, the
same products read as a true convolution with the flipped kernel. Every step is verified
and every value equals :func:`symconv.conv_layer`'s; :mod:`symconv.cnn.render` formats them.

Examples
--------
>>> d = explain_layer([[1, 2, 3, 4]], [[[1, 10]]], stride=2, padding=1)
>>> print(d.text().splitlines()[-2])
y[0, 2] = x[0, 3]*w[0, 0, 0] + x[0, 4]*w[0, 0, 1] = 4*1 + 0*10 = 4
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sympy import Add, Expr, S, expand

from symconv.cnn.equivalence import EquivalenceTerm, flip_equivalence
from symconv.cnn.geometry import Geometry, outside
from symconv.cnn.layers import conv_layer, read_layer
from symconv.cnn.padding import pad
from symconv.cnn.sizes import OutputSize, conv_output_size, input_index, output_length, transposed_length
from symconv.cnn.tensors import objects, read_tensor
from symconv.errors import InputError, SelfCheckError
from symconv.signal import Signal
from symconv.steps import Reason, TermStep
from symconv.timelimit import with_time_limit

__all__ = ["EquivalenceStep", "LayerDefinitionStep", "LayerDerivation", "LayerTermStep", "PaddedInputStep",
           "ReceptiveFieldStep", "SizeStep", "explain_flip_equivalence", "explain_layer"]

#: at most this many outputs are derived when ``at`` is not given
MAX_OUTPUTS = 8


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfCheckError(message)


@dataclass(frozen=True, slots=True)
class LayerDefinitionStep:
    """The layer: a correlation with stride, dilation, padding (per side) and groups, per axis."""

    ndim: int
    geometry: Geometry
    in_channels: int
    out_channels: int
    has_bias: bool
    reason: Reason = Reason.DEFINITION_CORRELATION

    def verify(self) -> None:
        _check(self.geometry.ndim == self.ndim, "layer definition: geometry and axes disagree")
        _check(self.in_channels % self.geometry.groups == 0, "layer definition: groups do not divide C_in")


@dataclass(frozen=True, slots=True)
class SizeStep:
    """The output size along every axis, derived (:class:`~symconv.cnn.sizes.OutputSize`; transposed too)."""

    sizes: tuple[OutputSize, ...]

    def verify(self) -> None:
        for axis, size in enumerate(self.sizes):
            if size.transposed:
                expected = transposed_length(size.input_size, size.kernel_size, stride=size.stride,
                                             dilation=size.dilation, padding=size.pads[0],
                                             output_padding=size.output_padding, axis=axis)
            else:
                expected = output_length(size.input_size, size.kernel_size, stride=size.stride,
                                         dilation=size.dilation, pads=size.pads, axis=axis)
            _check(expected == size.size, f"size, axis {axis}: {size.size} is not {expected}")


@dataclass(frozen=True, slots=True)
class PaddedInputStep:
    """Input channel ``channel`` padded: indices ``-p_before .. i - 1 + p_after`` per axis."""

    channel: int
    given: Signal
    padded: Signal
    mode: str

    def verify(self) -> None:
        for index in itertools.product(*(range(n) for n in self.given.shape)):
            _check(expand(self.padded[index] - self.given[index]) == 0,
                   f"padded channel {self.channel}: the value at {index} changed")


@dataclass(frozen=True, slots=True)
class ReceptiveFieldStep:
    """The input indices output ``position`` reads: ``o*s + t*d - p`` for every tap ``t``."""

    out_channel: int
    position: tuple[int, ...]
    taps: tuple[tuple[int, ...], ...]
    indices: tuple[tuple[int, ...], ...]
    geometry: Geometry

    def verify(self) -> None:
        g = self.geometry
        for tap, index in zip(self.taps, self.indices):
            expected = tuple(input_index(o, t, stride=s, dilation=d, before=p[0])
                             for o, t, s, d, p in zip(self.position, tap, g.stride, g.dilation, g.pads))
            _check(expected == index, f"receptive field of {self.position}: tap {tap} reads {expected}, not {index}")


@dataclass(frozen=True, slots=True)
class LayerTermStep:
    """Output ``y[out_channel, position]``: one correlation sum per input channel, plus the bias.

    ``channels[k]`` is input channel ``channel_indices[k]``'s sum as a
    :class:`~symconv.steps.TermStep` (correlation rule: pairs (input index, dilated tap index
    ``t*d``) with difference ``n = o*s - p``); ``value`` = their sum + ``bias``; ``taps`` the
    kernel index ``t`` of each pair.
    """

    out_channel: int
    position: tuple[int, ...]
    channel_indices: tuple[int, ...]
    channels: tuple[TermStep, ...]
    bias: Expr | None
    value: Expr
    taps: tuple[tuple[int, ...], ...] = ()

    def weight_index(self, channel: int, tap: tuple[int, ...]) -> tuple[int, ...]:
        """The weight's index in the product of input channel ``channel`` and tap ``tap``."""
        return (self.out_channel, channel - self.channel_indices[0], *tap)

    def verify(self) -> None:
        for term in self.channels:
            term.verify()
        total = Add(*(term.value for term in self.channels), self.bias if self.bias is not None else S.Zero)
        _check(expand(total - self.value) == 0, f"output {self.position}: channels and bias give {total}, "
                                                f"not {self.value}")


@dataclass(frozen=True, slots=True)
class EquivalenceStep:
    """The products of one output read twice: ``x[i] w[t] = x[i] w♭[-t]`` (correlation = convolution)."""

    out_channel: int
    position: tuple[int, ...]
    terms: tuple[EquivalenceTerm, ...]
    layer_value: Expr
    convolution_value: Expr
    bias: Expr | None

    def verify(self) -> None:
        total = Add(*(t.product for t in self.terms), self.bias if self.bias is not None else S.Zero)
        _check(expand(total - self.layer_value) == 0, f"equivalence at {self.position}: products do not add up")
        _check(expand(self.layer_value - self.convolution_value) == 0,
               f"equivalence at {self.position}: the layer and the convolution disagree")


@dataclass(frozen=True, slots=True, eq=False)
class LayerDerivation:
    """A verified worked solution of a CNN layer (build it with :func:`explain_layer`)."""

    x: Signal
    w: Signal
    result: Signal
    steps: tuple[Any, ...]
    names: tuple[str, str, str] = ("x", "w", "y")
    title: str | None = None
    flip: Signal | None = field(default=None)

    def verify(self) -> None:
        for step in self.steps:
            step.verify()
        for step in self.steps:
            if isinstance(step, LayerTermStep):
                _check(expand(step.value - self.result[(step.out_channel, *step.position)]) == 0,
                       f"output {step.position} differs from conv_layer's")

    def text(self) -> str:
        from symconv.cnn.render import LayerTextRenderer

        return LayerTextRenderer(self).render()

    def markdown(self) -> str:
        from symconv.cnn.render import LayerMarkdownRenderer

        return LayerMarkdownRenderer(self).render()

    def latex(self) -> str:
        from symconv.cnn.render import LayerLatexRenderer

        return LayerLatexRenderer(self).render()

    def document(self) -> str:
        from symconv.cnn.render import LayerDocumentRenderer

        return LayerDocumentRenderer(self).document()

    def to_json(self) -> str:
        """Every step and every derived output as JSON, exact values as strings
        (:mod:`symconv.cnn.render_json`)."""
        from symconv.cnn.render_json import render_layer_json

        return render_layer_json(self)

    def write_pdf(self, path: str) -> None:
        from symconv.render.pdf import write_pdf

        write_pdf(self.document(), path)

    def __str__(self) -> str:
        return self.text()


@with_time_limit("worked solution")
def explain_layer(x: Any, w: Any, *, bias: Any = None, stride: Any = 1, padding: Any = 0, dilation: Any = 1,
                  groups: Any = 1, padding_mode: str = "zeros", at: Any = None,
                  names: tuple[str, str, str] = ("x", "w", "y"), title: str | None = None) -> LayerDerivation:
    """A worked solution of :func:`symconv.conv_layer` on one input ``(C_in, *spatial)``.

    ``at`` chooses the outputs derived: a position (spatial indices, all output channels), a
    ``(out_channel, position)`` pair, or a list of them; default the first outputs, at most
    :data:`MAX_OUTPUTS`. Other parameters are :func:`symconv.conv_layer`'s, ``time_limit`` included.
    """
    return _derive(x, w, bias=bias, stride=stride, padding=padding, dilation=dilation, groups=groups,
                   padding_mode=padding_mode, at=at, names=names, title=title, equivalence=False)


def explain_flip_equivalence(x: Any, w: Any, *, bias: Any = None, stride: Any = 1, padding: Any = 0,
                             dilation: Any = 1, groups: Any = 1, padding_mode: str = "zeros", at: Any = None,
                             names: tuple[str, str, str] = ("x", "w", "y"),
                             title: str | None = None) -> LayerDerivation:
    """:func:`explain_layer` plus the flip equivalence: each derived output read as a true convolution.

    Examples
    --------
    >>> d = explain_flip_equivalence([[1, 2, 3]], [[["a", "b"]]], at=(0,))
    >>> [line for line in d.text().splitlines() if line.startswith("  as a convolution")]
    ['  as a convolution: y[0, 0] = x[0, 0]*w♭[0, 0, 0] + x[0, 1]*w♭[0, 0, -1] = a + 2*b']
    """
    return _derive(x, w, bias=bias, stride=stride, padding=padding, dilation=dilation, groups=groups,
                   padding_mode=padding_mode, at=at, names=names, title=title, equivalence=True)


def _derive(x: Any, w: Any, *, bias: Any, stride: Any, padding: Any, dilation: Any, groups: Any,
            padding_mode: str, at: Any, names: tuple[str, str, str], title: str | None,
            equivalence: bool) -> LayerDerivation:
    parameters = dict(stride=stride, padding=padding, dilation=dilation, groups=groups, padding_mode=padding_mode)
    shapes = read_layer(x, w, **parameters)
    if shapes.batched:
        raise InputError("input", "explain one input at a time: give (C_in, *spatial) without a batch axis")
    geometry = shapes.geometry
    result = conv_layer(x, w, bias=bias, **parameters)
    biases = None if bias is None else [S(v) for v in objects(read_tensor(bias, "bias"))]
    sizes = tuple(conv_output_size(i, k, stride=s, padding=(p,), dilation=d) for i, k, s, d, p in
                  zip(shapes.spatial, shapes.kernel, geometry.stride, geometry.dilation, geometry.pads))
    padded = objects(pad(shapes.x, geometry, lead=2))[0]
    given = objects(shapes.x)[0]
    weights = objects(shapes.w)
    befores = tuple(p[0] for p in geometry.pads)
    steps: list[Any] = [LayerDefinitionStep(len(shapes.kernel), geometry, shapes.in_channels, shapes.out_channels,
                                            bias is not None), SizeStep(sizes)]
    for c in range(shapes.in_channels):
        steps.append(PaddedInputStep(c, Signal(given[c]), Signal(padded[c], start=tuple(-b for b in befores)),
                                     geometry.padding_mode.value))
    equivalent = flip_equivalence(x, w, bias=bias, **parameters) if equivalence else None
    taps = tuple(itertools.product(*(range(k) for k in shapes.kernel)))
    for c, position in _chosen(at, shapes.out_channels, result.shape[1:]):
        lag = tuple(input_index(o, 0, stride=s, dilation=1, before=b)
                    for o, s, b in zip(position, geometry.stride, befores))
        indices = tuple(tuple(input_index(o, t, stride=s, dilation=d, before=b) for o, t, s, d, b in
                              zip(position, tap, geometry.stride, geometry.dilation, befores)) for tap in taps)
        steps.append(ReceptiveFieldStep(c, position, taps, indices, geometry))
        channel_terms = []
        channel_indices = tuple(shapes.connection(c).inputs)
        for j, channel in enumerate(channel_indices):
            pairs, factors = [], []
            for tap, index in zip(taps, indices):
                shifted = tuple(d * t for d, t in zip(geometry.dilation, tap))
                pairs.append((_index(index), _index(shifted)))
                factors.append((padded[(channel, *(i + b for i, b in zip(index, befores)))], weights[(c, j, *tap)]))
            value = Add(*(a * b for a, b in factors))
            channel_terms.append(TermStep(_index(lag), tuple(pairs), tuple(factors), value,
                                          reason=Reason.DEFINITION_CORRELATION))
        b = biases[c] if biases is not None else None
        steps.append(LayerTermStep(c, position, channel_indices, tuple(channel_terms), b,
                                   result[(c, *position)], taps))
        if equivalent is not None:
            steps.append(EquivalenceStep(c, position, equivalent.terms(position, out_channel=c),
                                         equivalent.layer[(c, *position)], equivalent.convolution[(c, *position)], b))
    derivation = LayerDerivation(Signal(given), Signal(weights), result, tuple(steps), tuple(names), title,
                                 equivalent.flipped if equivalent is not None else None)
    derivation.verify()
    return derivation


def _index(index: tuple[int, ...]) -> int | tuple[int, ...]:
    return index[0] if len(index) == 1 else index


def _chosen(at: Any, out_channels: int, sizes: tuple[int, ...]) -> list[tuple[int, tuple[int, ...]]]:
    """(output channel, position) pairs to derive, checked against the output's shape."""
    if at is None:
        everything = [(c, p) for c in range(out_channels) for p in np.ndindex(*sizes)]
        return [(c, tuple(int(i) for i in p)) for c, p in everything[:MAX_OUTPUTS]]
    items = at if isinstance(at, list) else [at]
    chosen = []
    for item in items:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], tuple):
            channels, position = [item[0]], item[1]
        else:
            position = item if isinstance(item, tuple) else (item,)
            channels = list(range(out_channels))
        position = tuple(int(p) for p in position)
        if len(position) != len(sizes) or any(not 0 <= p < n for p, n in zip(position, sizes)):
            raise outside("at", position, sizes, "an output position", "outputs run over")
        for c in channels:
            if not 0 <= c < out_channels:
                raise InputError("at", f"output channel {c} does not exist; there are {out_channels}")
            chosen.append((c, position))
    return list(dict.fromkeys(chosen))  # an output asked for twice is derived once
