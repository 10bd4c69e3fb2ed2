"""Worked solutions of transposed convolution layers (``conv_transpose{1,2,3}d``), as steps.

:func:`explain_transpose_layer` derives :func:`symconv.conv_transpose_layer` on one input
``(C_in, *spatial)`` the way :func:`symconv.cnn.layers.conv_transpose_layer` computes it:

1. the definition: input sample ``x[n]`` meets kernel tap ``w[t]`` at output ``n*s + t*d - p``
   (:class:`TransposedDefinitionStep`), and the output size
   ``(i-1)s - 2p + d(k-1) + output_padding + 1`` with the numbers (the shared
   :class:`~symconv.cnn.explain.SizeStep`);
2. the input spread by the stride (``s - 1`` zeros between samples) and padded by
   ``d(k-1) - p`` zeros (plus ``output_padding`` at the end): ``x↑`` (:class:`SpreadInputStep`);
3. the kernel reversed (:class:`ReversedKernelStep`): a transposed convolution is the adjoint
   of the convolution with the same weight, so gathering at an output meets the taps in the
   opposite order;
4. each chosen output as the reversed kernel slid over ``x↑``, term by term: the window
   (:class:`SpreadFieldStep`, a :class:`~symconv.cnn.explain.ReceptiveFieldStep`) and one
   correlation :class:`~symconv.steps.TermStep` per input channel, channels summed and the
   bias added (:class:`TransposedTermStep`, a :class:`~symconv.cnn.explain.LayerTermStep`);
5. the same layer in plain words for one input sample: it scatters a scaled copy of the
   kernel into the output (:class:`ScatterStep`); the copies of all samples, added, are
   checked to give every output.

Every step is verified and every value equals :func:`symconv.conv_transpose_layer`'s;
:mod:`symconv.cnn.render` formats them (the same renderers as ordinary layers).

Examples
--------
>>> d = explain_transpose_layer([[1, 2, 3]], [[[1, 10, 100]]], stride=2, padding=1, at=(1,))
>>> print(next(line for line in d.text().splitlines() if line.startswith("y[0, 1] =")))
y[0, 1] = x↑[0, 0]*w[0, 0, 2] + x↑[0, 1]*w[0, 0, 1] + x↑[0, 2]*w[0, 0, 0] = 1*100 + 0*10 + 2*1 = 102
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np
from sympy import Add, Expr, S, expand

from symconv.cnn.explain import LayerDerivation, LayerTermStep, ReceptiveFieldStep, SizeStep, _chosen, _index
from symconv.cnn.geometry import Geometry, outside
from symconv.cnn.layers import conv_transpose_layer, read_layer, spread_input
from symconv.cnn.sizes import conv_output_size, input_index
from symconv.cnn.tensors import objects, read_tensor
from symconv.errors import InputError, SelfCheckError
from symconv.signal import Signal
from symconv.steps import Reason, TermStep

__all__ = ["ReversedKernelStep", "ScatterCopy", "ScatterStep", "SpreadFieldStep", "SpreadInputStep",
           "TransposedDefinitionStep", "TransposedTermStep", "explain_transpose_layer"]


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfCheckError(message)


def _inside(index: tuple[int, ...], shape: tuple[int, ...]) -> bool:
    return all(0 <= i < n for i, n in zip(index, shape))


@dataclass(frozen=True, slots=True)
class TransposedDefinitionStep:
    """The transposed layer: ``x[c_in, n]`` meets ``w[c_in, c, t]`` at output ``n*s + t*d - p``."""

    ndim: int
    geometry: Geometry
    in_channels: int
    out_channels: int
    has_bias: bool

    def verify(self) -> None:
        _check(self.geometry.ndim == self.ndim, "transposed layer definition: geometry and axes disagree")
        _check(len(self.geometry.output_padding) == self.ndim, "transposed layer definition: no output padding")
        _check(self.in_channels % self.geometry.groups == 0 and self.out_channels % self.geometry.groups == 0,
               "transposed layer definition: groups do not divide the channels")


@dataclass(frozen=True, slots=True)
class SpreadInputStep:
    """Input channel ``channel`` spread by the stride and padded: ``x↑[n*s] = x[n]``, zero elsewhere.

    ``before[a] = d(k-1) - p`` zeros are added in front of axis ``a`` and ``after[a] = before[a]
    + output_padding`` behind it (negative: that many samples cut off), so ``spread`` runs
    from ``-before`` to ``(i-1)s + after``.
    """

    channel: int
    given: Signal
    spread: Signal
    stride: tuple[int, ...]
    dilation: tuple[int, ...]
    kernel: tuple[int, ...]
    padding: tuple[int, ...]
    output_padding: tuple[int, ...]
    before: tuple[int, ...]
    after: tuple[int, ...]

    def verify(self) -> None:
        for a, (s, d, k, p, op, b, e) in enumerate(zip(self.stride, self.dilation, self.kernel, self.padding,
                                                       self.output_padding, self.before, self.after)):
            _check(b == d * (k - 1) - p and e == b + op, f"spread input, axis {a}: wrong padding {b}, {e}")
            _check(self.spread.starts[a] == -b, f"spread input, axis {a}: starts at {self.spread.starts[a]}")
            _check(self.spread.shape[a] == (self.given.shape[a] - 1) * s + 1 + b + e,
                   f"spread input, axis {a}: wrong length {self.spread.shape[a]}")
        ranges = self.spread.indices if self.spread.ndim > 1 else (self.spread.indices,)
        for index in itertools.product(*ranges):
            source = tuple(j // s for j, s in zip(index, self.stride))
            on_grid = all(j % s == 0 for j, s in zip(index, self.stride)) and _inside(source, self.given.shape)
            expected = self.given[source] if on_grid else S.Zero
            _check(expand(self.spread[index] - expected) == 0,
                   f"spread input, channel {self.channel}: the value at {index} is wrong")


@dataclass(frozen=True, slots=True)
class ReversedKernelStep:
    """``w[in_channel, out_local]`` reversed along every axis: ``reversed[t] = kernel[k-1-t]``."""

    in_channel: int
    out_local: int
    kernel: Signal
    reversed: Signal
    reason: Reason = Reason.FLIP_KERNEL

    def verify(self) -> None:
        _check(self.kernel.shape == self.reversed.shape, "reversed kernel: the shape changed")
        for tap in np.ndindex(*self.kernel.shape):
            mirror = tuple(k - 1 - t for k, t in zip(self.kernel.shape, tap))
            _check(expand(self.reversed[tuple(tap)] - self.kernel[mirror]) == 0,
                   f"reversed kernel: tap {tuple(tap)} is not w[{mirror}]")


@dataclass(frozen=True, slots=True)
class SpreadFieldStep(ReceptiveFieldStep):
    """The window of output ``position`` on ``x↑`` (``geometry``: stride 1 over ``x↑``), and the
    input samples ``x[n]`` it covers (``samples``: the indices ``n`` with ``n*s`` in the window)."""

    samples: tuple[tuple[int, ...], ...] = ()
    stride: tuple[int, ...] = ()
    input_shape: tuple[int, ...] = ()

    def verify(self) -> None:
        ReceptiveFieldStep.verify(self)
        expected = tuple(tuple(j // s for j, s in zip(index, self.stride)) for index in self.indices
                         if all(j % s == 0 for j, s in zip(index, self.stride))
                         and _inside(tuple(j // s for j, s in zip(index, self.stride)), self.input_shape))
        _check(expected == self.samples, f"window of {self.position}: covers {expected}, not {self.samples}")


@dataclass(frozen=True, slots=True)
class TransposedTermStep(LayerTermStep):
    """One output as the reversed kernel slid over ``x↑``: pairs ``(x↑ index, t*d)`` per input
    channel; ``taps`` holds the weight tap multiplied (``k-1-t``, reversed); the weight read is
    ``w[c_in, out_local, tap]`` (PyTorch's layout of a transposed layer)."""

    out_local: int = 0

    def weight_index(self, channel: int, tap: tuple[int, ...]) -> tuple[int, ...]:
        """``(c_in, out_local, *tap)``: a transposed layer's weight is ``(C_in, C_out/groups, *kernel)``."""
        return (channel, self.out_local, *tap)


@dataclass(frozen=True, slots=True)
class ScatterCopy:
    """``x[n] w[c_in, out_local, tap]`` added to output ``(out_channel, position)``; ``inside``
    is False when the position falls outside the output (cut off by the padding)."""

    out_channel: int
    out_local: int
    tap: tuple[int, ...]
    position: tuple[int, ...]
    inside: bool
    weight: Expr
    product: Expr


@dataclass(frozen=True, slots=True)
class ScatterStep:
    """Input sample ``x[channel, index] = value`` scatters a scaled copy of the kernel: tap ``t``
    lands on output ``index*s + t*d - p``. ``count`` input samples do so; the copies of all of
    them, added (with the bias when ``has_bias``), are ``total``, which equals the layer's output."""

    channel: int
    index: tuple[int, ...]
    value: Expr
    stride: tuple[int, ...]
    dilation: tuple[int, ...]
    padding: tuple[int, ...]
    out_shape: tuple[int, ...]
    copies: tuple[ScatterCopy, ...]
    count: int
    total: Signal
    has_bias: bool = False

    def verify(self) -> None:
        for copy in self.copies:
            expected = tuple(input_index(n, t, stride=s, dilation=d, before=p) for n, t, s, d, p in
                             zip(self.index, copy.tap, self.stride, self.dilation, self.padding))
            _check(expected == copy.position, f"scatter of x{self.index}: tap {copy.tap} lands on {expected}")
            _check(copy.inside == _inside(copy.position, self.out_shape),
                   f"scatter of x{self.index}: 'inside' is wrong at {copy.position}")
            _check(expand(self.value * copy.weight - copy.product) == 0,
                   f"scatter of x{self.index}: {self.value}*{copy.weight} is not {copy.product}")


def explain_transpose_layer(x: Any, w: Any, *, bias: Any = None, stride: Any = 1, padding: Any = 0,
                            output_padding: Any = 0, dilation: Any = 1, groups: Any = 1, at: Any = None,
                            scatter: Any = None, names: tuple[str, str, str] = ("x", "w", "y"),
                            title: str | None = None) -> LayerDerivation:
    """A worked solution of :func:`symconv.conv_transpose_layer` on one input ``(C_in, *spatial)``.

    Parameters
    ----------
    x, w, bias, stride, padding, output_padding, dilation, groups
        As for :func:`symconv.conv_transpose_layer` (weight ``(C_in, C_out/groups, *kernel)``).
    at : optional
        The outputs derived, as for :func:`symconv.explain_layer`; default the first ones.
    scatter : int or tuple of int, optional
        The input sample (spatial index, channel 0) whose scaled copy of the kernel is shown;
        default the middle sample (index ``i // 2`` on each axis).
    names, title
        Names of input, weight and output; the document's title.

    Returns
    -------
    LayerDerivation
        Verified steps; ``.text()``, ``.markdown()``, ``.latex()``, ``.document()``,
        ``.write_pdf(path)``.

    Raises
    ------
    InputError
        The operands or hyper-parameters do not fit (as :func:`symconv.conv_transpose_layer`),
        a batch axis is given, or ``at`` / ``scatter`` names no output / input sample.

    Examples
    --------
    >>> d = explain_transpose_layer([[1, 2]], [[["a", "b"]]], stride=2)
    >>> d.result.values
    [[a, b, 2*a, 2*b]]
    >>> print(d.text().splitlines()[-2])
    Adding the scaled copies of all 2 input samples gives every output above (checked).
    """
    parameters = dict(stride=stride, padding=padding, dilation=dilation, groups=groups)
    shapes = read_layer(x, w, output_padding=output_padding, **parameters)
    if shapes.batched:
        raise InputError("input", "explain one input at a time: give (C_in, *spatial) without a batch axis")
    g = shapes.geometry
    result = conv_transpose_layer(x, w, bias=bias, output_padding=output_padding, **parameters)
    out_shape = result.shape[1:]
    biases = None if bias is None else [S(v) for v in objects(read_tensor(bias, "bias"))]
    padding_ = tuple(p[0] for p in g.pads)
    sizes = tuple(conv_output_size(i, k, stride=s, padding=p, dilation=d, transposed=True, output_padding=op)
                  for i, k, s, d, p, op in zip(shapes.spatial, shapes.kernel, g.stride, g.dilation, padding_,
                                               g.output_padding))
    given = objects(shapes.x)[0]
    weights = objects(shapes.w)
    spread = spread_input(shapes, out_shape)
    spread_values = objects(spread.samples)[0]
    before = tuple(-s for s in spread.starts[2:])
    after = tuple(b + op for b, op in zip(before, g.output_padding))
    steps: list[Any] = [TransposedDefinitionStep(len(shapes.kernel), g, shapes.in_channels, shapes.out_channels,
                                                 bias is not None), SizeStep(sizes)]
    for c in range(shapes.in_channels):
        steps.append(SpreadInputStep(c, Signal(given[c]), Signal(spread_values[c], start=spread.starts[2:]),
                                     g.stride, g.dilation, shapes.kernel, padding_, g.output_padding, before, after))
    # the weight is (C_in, C_out/groups, *kernel): each of its kernels is reversed
    flips = [(c, j) for c in range(shapes.in_channels) for j in range(shapes.w.shape[1])]
    reversed_weights = weights[(slice(None), slice(None)) + (slice(None, None, -1),) * len(shapes.kernel)]
    for c, j in flips:
        steps.append(ReversedKernelStep(c, j, Signal(weights[c, j]), Signal(reversed_weights[c, j])))
    taps = tuple(itertools.product(*(range(k) for k in shapes.kernel)))
    unit = Geometry((1,) * len(shapes.kernel), g.dilation, tuple(zip(before, after)), g.groups)
    for c, position in _chosen(at, shapes.out_channels, out_shape):
        link = shapes.connection(c)
        indices = tuple(tuple(input_index(o, t, stride=1, dilation=d, before=b)
                              for o, t, d, b in zip(position, tap, g.dilation, before)) for tap in taps)
        covered = tuple(tuple(j // s for j, s in zip(index, g.stride)) for index in indices
                        if all(j % s == 0 for j, s in zip(index, g.stride))
                        and _inside(tuple(j // s for j, s in zip(index, g.stride)), shapes.spatial))
        steps.append(SpreadFieldStep(c, position, taps, indices, unit, covered, g.stride, shapes.spatial))
        lag = tuple(o - b for o, b in zip(position, before))
        weight_taps = tuple(tuple(k - 1 - t for k, t in zip(shapes.kernel, tap)) for tap in taps)
        channel_indices = tuple(link.inputs)
        terms = []
        for channel in channel_indices:
            pairs = tuple((_index(index), _index(tuple(d * t for d, t in zip(g.dilation, tap))))
                          for index, tap in zip(indices, taps))
            factors = tuple((spread_values[(channel, *(j + b for j, b in zip(index, before)))],
                             weights[(channel, link.local, *wtap)]) for index, wtap in zip(indices, weight_taps))
            terms.append(TermStep(_index(lag), pairs, factors, Add(*(a * b for a, b in factors)),
                                  reason=Reason.DEFINITION_CORRELATION))
        b = biases[c] if biases is not None else None
        steps.append(TransposedTermStep(c, position, channel_indices, tuple(terms), b, result[(c, *position)],
                                        weight_taps, link.local))
    steps.append(_scatter(scatter, shapes, given, weights, biases, out_shape))
    total = steps[-1].total
    for index in np.ndindex(*result.shape):
        _check(expand(total[tuple(index)] - result[tuple(index)]) == 0,
               f"the scattered copies give {total[tuple(index)]} at {tuple(index)}, the layer "
               f"{result[tuple(index)]}")
    derivation = LayerDerivation(Signal(given), Signal(weights), result, tuple(steps), tuple(names),
                                 "Transposed convolution layer" if title is None else title)
    derivation.verify()
    return derivation


def _scatter(chosen: Any, shapes: Any, given: np.ndarray, weights: np.ndarray, biases: list | None,
             out_shape: tuple[int, ...]) -> ScatterStep:
    """The copies of the kernel that input sample ``chosen`` (channel 0) scatters, and the sum of
    the copies of every sample (computed here sample by sample, independently of the layer)."""
    g = shapes.geometry
    padding = tuple(p[0] for p in g.pads)
    if chosen is None:
        index = tuple(n // 2 for n in shapes.spatial)
    else:
        index = tuple(int(i) for i in (chosen if isinstance(chosen, (tuple, list)) else (chosen,)))
        if len(index) != len(shapes.spatial) or not _inside(index, shapes.spatial):
            raise outside("scatter", index, shapes.spatial, "an input index", "the input runs over")
    # the output channels that read each input channel, in increasing order (local = 0, 1, ...)
    readers = [[link for link in map(shapes.connection, range(shapes.out_channels)) if c_in in link.inputs]
               for c_in in range(shapes.in_channels)]
    taps = list(itertools.product(*(range(k) for k in shapes.kernel)))
    total = np.full((shapes.out_channels, *out_shape), S.Zero, dtype=object)
    copies = []
    for c_in in range(shapes.in_channels):
        for n in np.ndindex(*shapes.spatial):
            for link in readers[c_in]:
                out_channel, local = link.out_channel, link.local
                for tap in taps:
                    position = tuple(input_index(i, t, stride=s, dilation=d, before=p) for i, t, s, d, p in
                                     zip(n, tap, g.stride, g.dilation, padding))
                    weight = weights[(c_in, local, *tap)]
                    product = given[(c_in, *n)] * weight
                    inside = _inside(position, out_shape)
                    if inside:
                        total[(out_channel, *position)] += product
                    if c_in == 0 and tuple(n) == index:
                        copies.append(ScatterCopy(out_channel, local, tap, position, inside, weight, product))
    if biases is not None:
        for c, b in enumerate(biases):
            total[c] = total[c] + b
    return ScatterStep(0, index, given[(0, *index)], g.stride, g.dilation, padding, out_shape, tuple(copies),
                       int(np.prod(shapes.spatial)) * shapes.in_channels, Signal(total), biases is not None)
