"""Convolution layers with PyTorch's semantics, computed exactly through symconv's correlation.

A CNN "convolution" layer is a cross-correlation (no flip):

    ``y[c_out, o] = b[c_out] + sum_{c_in, t} x_pad[c_in, o*s + t*d] w[c_out, c_in, t]``

(one spatial index shown; every spatial axis works alike), with ``x_pad[j] = x[j - p]``
filled by the padding mode. symconv computes it in three index steps around one exact
correlation, so no second convolution loop exists:

1. pad the input (:mod:`symconv.cnn.padding`) and spread the kernel taps ``d`` apart
   (the dilated kernel ``w_d[t*d] = w[t]``);
2. correlate in valid mode, channels included as one more axis: over the channel axis the
   valid window has length 1, the sum over ``c_in``; over space,
   ``v[n] = sum_t x_pad[n + t*d] w[t]``. This is :func:`symconv.convolve` of the data with the
   reversed kernel, which equals :func:`symconv.correlate` for real weights (a layer never
   conjugates its weights);
3. keep ``v[o*s]``: output ``o`` reads input index ``o*s + t*d - p``
   (:func:`symconv.cnn.sizes.input_index`), and the output size is
   :func:`symconv.cnn.sizes.output_length`.

A transposed layer is the same computation on the input spread ``s`` apart and padded by
``d(k-1) - p`` zeros, with the kernel reversed and its channel axes swapped (Dumoulin &
Visin's relationship); its output size is :func:`symconv.cnn.sizes.transposed_length`.

Examples
--------
>>> image = [[1,1,1,0,0],[0,1,1,1,0],[0,0,1,1,1],[0,0,1,1,0],[0,1,1,0,0]]
>>> conv_layer([image], [[[[1,0,1],[0,1,0],[1,0,1]]]]).values
[[[4, 3, 4], [2, 4, 3], [2, 3, 4]]]
>>> conv_layer([[1, 2, 3, 4]], [[["w0", "w1"]]], stride=2).values
[[w0 + 2*w1, 3*w0 + 4*w1]]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from symconv.cnn.geometry import Geometry, read_geometry
from symconv.cnn.padding import pad
from symconv.cnn.sizes import input_index, output_length, transposed_length
from symconv.cnn.tensors import (as_signal_at_zero, objects, read_tensor, reverse_spatial, shape_text, spread,
                                  take)
from symconv.errors import InputError
from symconv.operations import convolve
from symconv.samples import Samples
from symconv.signal import Signal
from symconv.timelimit import with_time_limit

__all__ = ["MAX_LAYER_SAMPLES", "Connection", "LayerShapes", "conv_layer", "conv_transpose_layer", "read_layer",
           "slide", "spread_input"]

#: samples of a padded (or spread) input, a dilated kernel or an output, per channel: beyond
#: this a parameter is a typo, not a layer (memory, time); checked before any array is built
MAX_LAYER_SAMPLES = 1_000_000


@dataclass(frozen=True, slots=True)
class Connection:
    """Which input channels one output channel reads: the grouped-channel rule, stated once.

    Attributes
    ----------
    batch : int
        The batch item.
    out_channel : int
        The output channel ``c``.
    local : int
        Its index inside its group, ``c mod (C_out/groups)``: the weight's channel axis in a
        transposed layer (``w[c_in, local, *kernel]``).
    inputs : range
        The input channels it reads, those of its group ``c // (C_out/groups)``; input channel
        ``inputs[j]`` meets the weight's ``j``-th channel in an ordinary layer
        (``w[c, j, *kernel]``).
    """

    batch: int
    out_channel: int
    local: int
    inputs: range

    @property
    def channels(self) -> slice:
        """:attr:`inputs` as a slice, to take those channels of an array at once."""
        return slice(self.inputs.start, self.inputs.stop)


@dataclass(frozen=True, slots=True)
class LayerShapes:
    """The checked operands of a layer: input ``(batch, C_in, *spatial)`` and weight.

    ``batched`` records whether the caller gave a batch axis (the result keeps that form).
    """

    x: Samples
    w: Samples
    geometry: Geometry
    batched: bool
    in_channels: int
    out_channels: int

    @property
    def spatial(self) -> tuple[int, ...]:
        return self.x.shape[2:]

    @property
    def kernel(self) -> tuple[int, ...]:
        return self.w.shape[2:]

    @property
    def batch(self) -> int:
        return self.x.shape[0]

    def connection(self, out_channel: int, batch: int = 0) -> Connection:
        """The input channels output channel ``out_channel`` reads (its group's).

        Examples
        --------
        >>> shapes = read_layer([[1], [2], [3], [4]], [[[1], [1]]] * 2, groups=2)
        >>> shapes.connection(1).inputs
        range(2, 4)
        """
        per_group_in = self.in_channels // self.geometry.groups
        group, local = divmod(out_channel, self.out_channels // self.geometry.groups)
        return Connection(batch, out_channel, local, range(group * per_group_in, (group + 1) * per_group_in))

    def connections(self) -> Iterator[Connection]:
        """Every (batch item, output channel) pair with the input channels it reads, in that order.

        Examples
        --------
        >>> shapes = read_layer([[1], [2], [3], [4]], [[[1], [1]]] * 4, groups=2)
        >>> for link in shapes.connections():
        ...     print(link.batch, link.out_channel, link.local, link.inputs)
        0 0 0 range(0, 2)
        0 1 1 range(0, 2)
        0 2 0 range(2, 4)
        0 3 1 range(2, 4)
        """
        for b in range(self.batch):
            for c in range(self.out_channels):
                yield self.connection(c, b)


@with_time_limit("result")
def conv_layer(x: Any, w: Any, *, bias: Any = None, stride: Any = 1, padding: Any = 0, dilation: Any = 1,
               groups: Any = 1, padding_mode: str = "zeros") -> Signal:
    """A convolution layer exactly as ``torch.nn.functional.conv{1,2,3}d`` computes it.

    Parameters
    ----------
    x : array-like
        Input of shape ``(C_in, *spatial)`` or ``(batch, C_in, *spatial)``, 1 to 3 spatial axes;
        exact values, symbols allowed (PyTorch tensors are read exactly too).
    w : array-like
        Weight of shape ``(C_out, C_in/groups, *kernel)``.
    bias : array-like, optional
        One value per output channel.
    stride, dilation : int or tuple of int
    padding : int, tuple, "same" or "valid"
        Per axis an int or a ``(before, after)`` pair; ``"same"`` needs stride 1.
    groups : int
        Input channels split into ``groups`` groups, each seen by ``C_out/groups`` outputs.
    padding_mode : {"zeros", "reflect", "replicate", "circular"}
        As ``torch.nn.Conv2d(padding_mode=...)``.
    time_limit : float, optional
        Seconds the layer may take (``None`` or 0: no limit); over it, an InputError
        (:mod:`symconv.timelimit`).

    Returns
    -------
    Signal
        Shape ``(C_out, *out)`` (or ``(batch, C_out, *out)``), first index 0 on every axis;
        ``.values`` gives the nested lists.

    Raises
    ------
    InputError
        Shapes that do not fit, channels not divisible by groups, a non-positive stride or
        dilation, ``"same"`` with a stride above 1, a kernel larger than the padded input.

    Examples
    --------
    >>> conv_layer([[1, 2, 3]], [[[1, 1]]], bias=[10], padding=1).values
    [[11, 13, 15, 13]]
    >>> conv_layer([[1, 2, 3, 4, 5]], [[[1, 0, -1]]], dilation=2, padding="same").values
    [[-3, -4, -4, 2, 3]]
    >>> conv_layer([[1, 2, 3]], [[[1, 1]]], padding=1, padding_mode="reflect").values
    [[3, 3, 5, 5]]
    """
    shapes = read_layer(x, w, stride=stride, padding=padding, dilation=dilation, groups=groups,
                        padding_mode=padding_mode)
    geometry = shapes.geometry
    padded = pad(shapes.x, geometry, lead=2)
    kernel = spread(shapes.w, geometry.dilation, lead=2)
    sizes = tuple(output_length(i, k, stride=s, dilation=d, pads=p, axis=axis) for axis, (i, k, s, d, p) in
                  enumerate(zip(shapes.spatial, shapes.kernel, geometry.stride, geometry.dilation, geometry.pads)))
    out = np.empty((shapes.batch, shapes.out_channels, *sizes), dtype=object)
    keep = np.ix_(*(np.array([input_index(o, 0, stride=s, dilation=1, before=0) for o in range(n)])
                    for n, s in zip(sizes, geometry.stride)))
    for link in shapes.connections():
        valid = slide(take(padded, (link.batch, link.channels)), take(kernel, link.out_channel))
        out[link.batch, link.out_channel] = objects(valid.samples)[0][keep]
    return _finish(out, bias, shapes.out_channels, shapes.batched)


def conv_transpose_layer(x: Any, w: Any, *, bias: Any = None, stride: Any = 1, padding: Any = 0,
                         output_padding: Any = 0, dilation: Any = 1, groups: Any = 1) -> Signal:
    """A transposed convolution layer exactly as ``torch.nn.functional.conv_transpose{1,2,3}d``.

    ``y[c_out, o] = b[c_out] + sum over (c_in, i, t) with i*s + t*d - p = o of x[c_in, i] w[c_in, c_out, t]``:
    every input sample stamps the kernel onto the output, ``s`` apart. It is the adjoint
    (the transpose) of :func:`conv_layer` with the same weight, and the input gradient of it.

    Parameters
    ----------
    x : array-like
        Input of shape ``(C_in, *spatial)`` or ``(batch, C_in, *spatial)``.
    w : array-like
        Weight of shape ``(C_in, C_out/groups, *kernel)`` (PyTorch's layout for transposed layers).
    bias, stride, padding, dilation, groups
        As for :func:`conv_layer`; padding is an int per axis (no strings, no per-side pairs).
    output_padding : int or tuple of int
        Extra outputs at the end of each axis, smaller than the stride or the dilation.

    Returns
    -------
    Signal
        Shape ``(C_out, *out)`` or ``(batch, C_out, *out)`` with
        ``out = (i - 1)s - 2p + d(k-1) + output_padding + 1``.

    Examples
    --------
    >>> conv_transpose_layer([[1, 2]], [[[1, 10, 100]]], stride=2).values
    [[1, 10, 102, 20, 200]]
    >>> conv_transpose_layer([[1, 2]], [[[1, 10, 100]]], stride=2, padding=1, output_padding=1).values
    [[10, 102, 20, 200]]
    """
    shapes = read_layer(x, w, stride=stride, padding=padding, dilation=dilation, groups=groups,
                        output_padding=output_padding)
    geometry = shapes.geometry
    sizes = tuple(transposed_length(i, k, stride=s, dilation=d, padding=p[0], output_padding=op, axis=axis)
                  for axis, (i, k, s, d, p, op) in enumerate(zip(shapes.spatial, shapes.kernel, geometry.stride,
                                                                 geometry.dilation, geometry.pads,
                                                                 geometry.output_padding)))
    padded = spread_input(shapes, sizes).samples
    kernel = reverse_spatial(spread(shapes.w, geometry.dilation, lead=2), lead=2)
    out = np.empty((shapes.batch, shapes.out_channels, *sizes), dtype=object)
    for link in shapes.connections():
        valid = slide(take(padded, (link.batch, link.channels)), take(kernel, (link.channels, link.local)))
        out[link.batch, link.out_channel] = objects(valid.samples)[0]
    return _finish(out, bias, shapes.out_channels, shapes.batched)


def spread_input(shapes: LayerShapes, sizes: tuple[int, ...]) -> Signal:
    """A transposed layer's input spread by the stride and padded by ``d(k-1) - p`` zeros.

    ``s - 1`` zeros go between neighbours (input ``n`` moves to ``n*s``); then ``d(k-1) - p``
    zeros before and ``d(k-1) - p + output_padding`` after each spatial axis (a negative count
    crops). Output ``o`` of the transposed layer is the reversed kernel slid over indices
    ``o - (d(k-1) - p) ..`` of it. The result has shape ``(batch, C_in, *padded)``; its spatial
    axes start at ``p - d(k-1)``, so index ``n*s`` holds input ``n``.

    Examples
    --------
    >>> shapes = read_layer([[1, 2, 3]], [[[1, 10, 100]]], stride=2, padding=1, output_padding=1)
    >>> u = spread_input(shapes, (6,))
    >>> u.starts, u.values
    ((0, 0, -1), [[[0, 1, 0, 2, 0, 3, 0, 0]]])
    """
    geometry = shapes.geometry
    spans = geometry.effective_kernel(shapes.kernel)
    upsampled = as_signal_at_zero(spread(shapes.x, geometry.stride, lead=2))
    # output o is the full convolution at o + p: a valid window of the input padded by span - 1 - p
    starts = (0, 0, *(p[0] - (span - 1) for p, span in zip(geometry.pads, spans)))
    return upsampled.window(starts, (*shapes.x.shape[:2], *(n + span - 1 for n, span in zip(sizes, spans))))


def slide(data: Samples, kernel: Samples) -> Signal:
    """``v[n] = sum_t data[n + t] kernel[t]`` over every axis, in valid mode (no conjugation).

    With the channels as the first axis of both, the valid window of that axis is the sum over
    channels. Computed by :func:`symconv.convolve` with the reversed kernel (= correlation).

    Examples
    --------
    >>> from symconv.exact import to_exact_samples
    >>> slide(to_exact_samples([[1, 2, 3], [4, 5, 6]]), to_exact_samples([[1, 1], [0, 1]])).values
    [[8, 11]]
    """
    return convolve(as_signal_at_zero(data), as_signal_at_zero(kernel).reverse(), mode="valid")


def read_layer(x: Any, w: Any, *, stride: Any = 1, padding: Any = 0, dilation: Any = 1, groups: Any = 1,
               padding_mode: str = "zeros", output_padding: Any = None) -> LayerShapes:
    """Read and check a layer's operands and hyper-parameters (``output_padding`` = transposed).

    Examples
    --------
    >>> read_layer([[1, 2, 3]], [[[1, 1]], [[1, 2]]], groups=2)
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: groups: input channels 1 are not divisible by groups 2
    """
    transposed = output_padding is not None
    ws = read_tensor(w, "weight")
    layout = "(C_in, C_out/groups, *kernel)" if transposed else "(C_out, C_in/groups, *kernel)"
    if not 3 <= len(ws.shape) <= 5:
        raise InputError("weight", f"has shape {shape_text(ws.shape)}; give {layout} with 1 to 3 kernel axes")
    ndim = len(ws.shape) - 2
    xs = read_tensor(x, "input")
    if len(xs.shape) not in (ndim + 1, ndim + 2):
        raise InputError("input", f"has shape {shape_text(xs.shape)}; a layer with {ndim}-D kernels needs "
                                  f"(C_in, *spatial) or (batch, C_in, *spatial), {ndim + 1} or {ndim + 2} axes")
    batched = len(xs.shape) == ndim + 2
    if not batched:
        xs = xs.map(lambda array, zero: array[np.newaxis])
    geometry = read_geometry(ndim, kernel=ws.shape[2:], stride=stride, padding=padding, dilation=dilation,
                             groups=groups, padding_mode=padding_mode, output_padding=output_padding)
    in_channels = xs.shape[1]
    groups = geometry.groups
    if in_channels % groups:
        raise InputError("groups", f"input channels {in_channels} are not divisible by groups {groups}")
    if transposed:
        out_channels = ws.shape[1] * groups
        if ws.shape[0] != in_channels:
            raise InputError("weight", f"has {ws.shape[0]} input channels, but the input has {in_channels}")
    else:
        out_channels = ws.shape[0]
        if out_channels % groups:
            raise InputError("groups", f"output channels {out_channels} are not divisible by groups {groups}")
        if ws.shape[1] * groups != in_channels:
            raise InputError("weight", f"has {ws.shape[1]} input channels per group, but input channels "
                                       f"{in_channels} / groups {groups} = {in_channels // groups}")
    _check_extent(xs.shape[2:], ws.shape[2:], geometry, transposed)
    return LayerShapes(xs, ws, geometry, batched, in_channels, out_channels)


def _check_extent(spatial: tuple[int, ...], kernel: tuple[int, ...], geometry: Geometry, transposed: bool) -> None:
    """Refuse a layer whose arrays would exceed :data:`MAX_LAYER_SAMPLES` (sizes only, no arrays).

    Examples
    --------
    >>> read_layer([[1, 2, 3]], [[[1, 1]]], padding=10**8)
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: padding: 100000000 pads input size 3 to 200000003 samples; at most 1000000 samples per padded input are accepted
    """
    limit = MAX_LAYER_SAMPLES
    spans = geometry.effective_kernel(kernel)
    if _product(spans) > limit:
        raise InputError("dilation", f"{_axes(geometry.dilation)} spreads kernel size {_axes(kernel)} over "
                                     f"{_extent(spans)} samples; at most {limit} are accepted")
    if transposed:
        spread = tuple((i - 1) * s + 1 for i, s in zip(spatial, geometry.stride))
        if _product(spread) > limit:
            raise InputError("stride", f"{_axes(geometry.stride)} spreads input size {_axes(spatial)} over "
                                       f"{_extent(spread)} samples; at most {limit} are accepted")
        sizes = tuple(transposed_length(i, k, stride=s, dilation=d, padding=p[0], output_padding=op, axis=axis)
                      for axis, (i, k, s, d, p, op) in enumerate(zip(spatial, kernel, geometry.stride,
                                                                     geometry.dilation, geometry.pads,
                                                                     geometry.output_padding)))
        if _product(sizes) > limit:
            raise InputError("output size", f"(i - 1)s - 2p + d(k - 1) + output_padding + 1 = {_extent(sizes)} "
                                            f"samples; at most {limit} samples per output are accepted")
        return
    padded = tuple(i + before + after for i, (before, after) in zip(spatial, geometry.pads))
    if _product(padded) > limit:
        raise InputError("padding", f"{_pads_text(geometry.pads)} pads input size {_axes(spatial)} to "
                                    f"{_extent(padded)} samples; at most {limit} samples per padded input "
                                    "are accepted")


def _product(sizes: tuple[int, ...]) -> int:
    total = 1
    for n in sizes:
        total *= n
    return total


def _axes(values: tuple[int, ...]) -> str:
    """``3`` for one axis, ``3 x 4`` for several."""
    return " x ".join(map(str, values))


def _extent(sizes: tuple[int, ...]) -> str:
    """``200000003`` for one axis, ``2000003 x 3 = 6000009`` for several."""
    return str(sizes[0]) if len(sizes) == 1 else f"{' x '.join(map(str, sizes))} = {_product(sizes)}"


def _pads_text(pads: tuple[tuple[int, int], ...]) -> str:
    if len(set(pads)) == 1 and pads[0][0] == pads[0][1]:
        return str(pads[0][0])
    return ", ".join(str(b) if b == a else f"{b}:{a}" for b, a in pads)


def _finish(out: np.ndarray, bias: Any, out_channels: int, batched: bool) -> Signal:
    if bias is not None:
        values = objects(read_tensor(bias, "bias"))
        if values.shape != (out_channels,):
            raise InputError("bias", f"has shape {shape_text(values.shape)}; give one value for each of the "
                                     f"{out_channels} output channels")
        for c, b in enumerate(values):
            out[:, c] = out[:, c] + b
    return Signal(out if batched else out[0])

