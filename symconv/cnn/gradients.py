"""The exact gradients of a convolution layer, each shown to be a convolution or a correlation.

For ``y = conv_layer(x, w, b)`` and a loss ``L`` with ``g = dL/dy`` (``grad_out``), one spatial
axis shown, stride ``s``, dilation ``d``, ``g_s`` = g spread ``s`` apart (``g_s[o*s] = g[o]``)
and ``w_d`` = w spread ``d`` apart:

- ``dL/dx_pad[c_in] = sum_{c_out} (g_s[c_out] * w_d[c_out, c_in])``, the **full convolution** of
  the output gradient with the kernel (flipped, since a layer correlates): a transposed
  convolution layer applied to ``g``. ``dL/dx`` is that folded back through the padding
  (:func:`symconv.cnn.padding.fold`: zero padding crops, the other modes add the padded
  positions onto the inputs they copied);
- ``dL/dw[c_out, c_in, t] = sum_batch (x_pad[c_in] ⋆ g_s[c_out])[t*d]``, the **valid correlation**
  of the (padded) input with the output gradient, read every ``d`` lags;
- ``dL/db[c_out] = sum of g[c_out]`` over the batch and every position.

:func:`conv_layer_gradients` computes them with the layer machinery (transposed layer, channel-
summing correlation) and checks every identity above, channel by channel, against
:func:`symconv.convolve` and :func:`symconv.correlate`.

Examples
--------
>>> grads = conv_layer_gradients([[1, 2, 3, 4]], [[["w0", "w1"]]], [["g0", "g1", "g2"]])
>>> grads.grad_input.values
[[g0*w0, g0*w1 + g1*w0, g1*w1 + g2*w0, g2*w1]]
>>> grads.grad_weight.values, grads.grad_bias.values
([[[g0 + 2*g1 + 3*g2, 2*g0 + 3*g1 + 4*g2]]], [g0 + g1 + g2])
>>> print(grads.identities[0].statement)
dL/dx_pad[c_in] = sum_{c_out} (g_s[c_out] * w_d[c_out, c_in]): full convolution of grad_out with the kernel (a transposed convolution)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from sympy import Add, expand

from symconv.cnn.layers import conv_transpose_layer, read_layer, slide
from symconv.cnn.padding import fold, pad
from symconv.cnn.sizes import input_index, output_length
from symconv.cnn.tensors import as_signal_at_zero, objects, read_tensor, shape_text, spread, take
from symconv.errors import InputError, SelfCheckError
from symconv.operations import convolve, correlate
from symconv.signal import Signal

__all__ = ["GradientIdentity", "LayerGradients", "conv_layer_gradients"]


@dataclass(frozen=True, slots=True)
class GradientIdentity:
    """One checked identity: a gradient equals a convolution or correlation of known operands.

    ``value`` is the gradient as computed; ``by_foundation`` the same array rebuilt channel by
    channel with :func:`symconv.convolve` / :func:`symconv.correlate`; they are equal.
    """

    name: str
    statement: str
    value: np.ndarray
    by_foundation: np.ndarray


@dataclass(frozen=True, slots=True)
class LayerGradients:
    """dL/dx, dL/dw and dL/db of a convolution layer, with the identities that explain them."""

    grad_input: Signal
    grad_weight: Signal
    grad_bias: Signal
    identities: tuple[GradientIdentity, ...]


def conv_layer_gradients(x: Any, w: Any, grad_out: Any, *, stride: Any = 1, padding: Any = 0, dilation: Any = 1,
                         groups: Any = 1, padding_mode: str = "zeros") -> LayerGradients:
    """Exact gradients of :func:`symconv.conv_layer` for an output gradient ``grad_out``.

    Parameters
    ----------
    x, w, stride, padding, dilation, groups, padding_mode
        The layer, as for :func:`symconv.conv_layer` (a bias does not change any gradient).
    grad_out : array-like
        ``dL/dy``, shaped like the layer's output.

    Returns
    -------
    LayerGradients
        ``grad_input`` shaped like ``x``, ``grad_weight`` like ``w``, ``grad_bias`` one value per
        output channel, and the three identities (checked; a disagreement raises SelfCheckError).

    Examples
    --------
    >>> g = conv_layer_gradients([[1, 2, 3, 4, 5]], [[[1, 1]]], [[1, 1]], stride=3)
    >>> g.grad_input.values, g.grad_weight.values
    ([[1, 1, 0, 1, 1]], [[[5, 7]]])
    """
    shapes = read_layer(x, w, stride=stride, padding=padding, dilation=dilation, groups=groups,
                        padding_mode=padding_mode)
    geometry = shapes.geometry
    sizes = tuple(output_length(i, k, stride=s, dilation=d, pads=p, axis=axis) for axis, (i, k, s, d, p) in
                  enumerate(zip(shapes.spatial, shapes.kernel, geometry.stride, geometry.dilation, geometry.pads)))
    expected = (shapes.batch, shapes.out_channels, *sizes)
    gs = read_tensor(grad_out, "grad_out")
    if not shapes.batched:
        gs = gs.map(lambda array, zero: array[np.newaxis])
    if gs.shape != expected:
        shown = expected if shapes.batched else expected[1:]
        given = gs.shape if shapes.batched else gs.shape[1:]
        raise InputError("grad_out", f"has shape {shape_text(given)} but the layer's output has shape {shape_text(shown)}")

    padded = pad(shapes.x, geometry, lead=2)
    padded_sizes = padded.shape[2:]
    spans = geometry.effective_kernel(shapes.kernel)
    remainder = tuple(n - ((o - 1) * s + span) for n, o, s, span in zip(padded_sizes, sizes, geometry.stride, spans))
    grad_padded = objects(conv_transpose_layer(as_signal_at_zero(gs), as_signal_at_zero(shapes.w),
                                               stride=geometry.stride, dilation=geometry.dilation,
                                               groups=geometry.groups, output_padding=remainder).samples)
    grad_input = fold(grad_padded, geometry, shapes.spatial, lead=2)

    spread_g = spread(gs, geometry.stride, lead=2)
    taps = np.ix_(*(np.array([input_index(0, t, stride=1, dilation=d, before=0) for t in range(k)])
                    for k, d in zip(shapes.kernel, geometry.dilation)))
    grad_weight = np.empty(shapes.w.shape, dtype=object)
    for c in range(shapes.out_channels):
        for j, channel in enumerate(shapes.connection(c).inputs):
            lags = slide(take(padded, (slice(None), channel)), take(spread_g, (slice(None), c)))
            grad_weight[c, j] = objects(lags.samples)[0][taps]
    g_objects = objects(gs)
    grad_bias = np.array([Add(*g_objects[:, c].ravel()) for c in range(shapes.out_channels)], dtype=object)

    identities = (
        GradientIdentity("grad_input", "dL/dx_pad[c_in] = sum_{c_out} (g_s[c_out] * w_d[c_out, c_in]): "
                         "full convolution of grad_out with the kernel (a transposed convolution)",
                         grad_padded, _grad_padded_by_convolve(spread_g, shapes, geometry.dilation, padded_sizes)),
        GradientIdentity("grad_weight", "dL/dw[c_out, c_in, t] = sum_batch (x_pad[c_in] ⋆ g_s[c_out])[t*d]: "
                         "valid correlation of the input with grad_out",
                         grad_weight, _grad_weight_by_correlate(padded, spread_g, shapes, taps)),
        GradientIdentity("grad_bias", "dL/db[c_out] = sum of grad_out[c_out] over the batch and every position",
                         grad_bias, np.array([sum(g_objects[:, c].ravel()) for c in range(shapes.out_channels)],
                                             dtype=object)),
    )
    for identity in identities:
        if identity.value.shape != identity.by_foundation.shape or any(
                expand(a - b) != 0 for a, b in zip(identity.value.ravel(), identity.by_foundation.ravel())):
            raise SelfCheckError(f"{identity.name}: the layer computation and the channel-by-channel "
                                 "convolutions disagree")
    return LayerGradients(Signal(grad_input if shapes.batched else grad_input[0]), Signal(grad_weight),
                          Signal(grad_bias), identities)


def _grad_padded_by_convolve(spread_g, shapes, dilation, padded_sizes) -> np.ndarray:
    """dL/dx_pad rebuilt as sums of full convolutions, one :func:`symconv.convolve` per channel pair."""
    kernel = spread(shapes.w, dilation, lead=2)
    out = np.zeros((shapes.batch, shapes.in_channels, *padded_sizes), dtype=object)
    for link in shapes.connections():
        g = as_signal_at_zero(take(spread_g, (link.batch, link.out_channel)))
        for j, channel in enumerate(link.inputs):
            full = convolve(g, as_signal_at_zero(take(kernel, (link.out_channel, j))), mode="full")
            # the full convolution starts at 0 and ends before the padded input does
            out[(link.batch, channel, *(slice(0, n) for n in full.shape))] += full.to_numpy()
    return out


def _grad_weight_by_correlate(padded, spread_g, shapes, taps) -> np.ndarray:
    """dL/dw rebuilt from :func:`symconv.correlate` per batch item and channel pair."""
    out = np.zeros(shapes.w.shape, dtype=object)
    for link in shapes.connections():
        g = as_signal_at_zero(take(spread_g, (link.batch, link.out_channel))).conj()
        for j, channel in enumerate(link.inputs):
            data = as_signal_at_zero(take(padded, (link.batch, channel)))
            out[link.out_channel, j] += correlate(data, g, mode="valid").to_numpy()[taps]
    return out

