"""Why the missing flip does not matter: a layer with kernel w is a true convolution with w♭.

A CNN layer computes ``y[o] = sum_t x_pad[o*s + t*d] w[t]``, a cross-correlation. Write
``w♭[t] = w[-t]`` (the kernel reflected through its origin; for real weights this is
:func:`symconv.flip`, which also conjugates). Substituting ``t = -u``:

    ``y[o] = sum_u x_pad[o*s - u*d] w♭[u] = (x_pad * w♭_d)[o*s]``,

a true convolution with the flipped kernel, product for product. And ``w -> w♭`` is a
bijection of the weight space (flipping twice gives w back, and it only permutes the
weights), so the set of functions a "correlation layer" can represent is exactly the set a
"convolution layer" can: whatever kernel gradient descent finds for one, the other finds
flipped. That is why deep-learning libraries skip the flip and still call it convolution.

:func:`flip_equivalence` computes both layers (the convolution one channel pair at a time
with :func:`symconv.convolve`), checks them equal, and lists the products of any output.

Examples
--------
>>> eq = flip_equivalence([[1, 2, 3, 4]], [[["w0", "w1", "w2"]]])
>>> eq.flipped.values
[[[w2, w1, w0]]]
>>> eq.layer.values == eq.convolution.values, eq.involution
(True, True)
>>> [str(term) for term in eq.terms((1,))]
['x[0, 1]*w[0, 0, 0] = x[0, 1]*w♭[0, 0, 0] = 2*w0', 'x[0, 2]*w[0, 0, 1] = x[0, 2]*w♭[0, 0, -1] = 3*w1', 'x[0, 3]*w[0, 0, 2] = x[0, 3]*w♭[0, 0, -2] = 4*w2']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from sympy import Expr, expand

from symconv.cnn.geometry import outside
from symconv.cnn.layers import LayerShapes, conv_layer, read_layer
from symconv.cnn.padding import pad
from symconv.cnn.sizes import input_index, output_length
from symconv.cnn.tensors import objects, read_tensor, reverse_spatial, spread, take
from symconv.errors import InputError, SelfCheckError
from symconv.operations import convolve
from symconv.signal import Signal

__all__ = ["EquivalenceTerm", "FlipEquivalence", "flip_equivalence"]


@dataclass(frozen=True, slots=True)
class EquivalenceTerm:
    """One product of an output, read both ways: ``x[c, i] w[c_out, c, t] = x[c, i] w♭[c_out, c, -t]``.

    ``index`` is the input index ``o*s + t*d - p`` per axis; an index in the padding reads
    the padded value (0 for zero padding).
    """

    channel: int
    index: tuple[int, ...]
    tap: tuple[int, ...]
    x_value: Expr
    w_value: Expr
    out_channel: int

    @property
    def flipped_tap(self) -> tuple[int, ...]:
        return tuple(-t for t in self.tap)

    @property
    def product(self) -> Expr:
        return self.x_value * self.w_value

    def __str__(self) -> str:
        where = ", ".join(str(i) for i in (self.channel, *self.index))
        tap = ", ".join(str(t) for t in (self.out_channel, self.channel, *self.tap))
        flipped = ", ".join(str(t) for t in (self.out_channel, self.channel, *self.flipped_tap))
        return f"x[{where}]*w[{tap}] = x[{where}]*w♭[{flipped}] = {self.product}"


@dataclass(frozen=True, slots=True)
class FlipEquivalence:
    """A layer with kernel ``w`` and the true-convolution layer with ``w♭``, checked equal.

    Attributes
    ----------
    weight, flipped : Signal
        ``w`` and ``w♭`` of shape ``(C_out, C_in/groups, *kernel)``; each kernel of ``flipped``
        holds taps ``-(k-1) .. 0``, stored from the first (``w♭[.., -(k-1)] = w[.., k-1]``).
    layer : Signal
        :func:`symconv.conv_layer` with ``w`` (a correlation).
    convolution : Signal
        The same layer as true convolutions with ``w♭``, one :func:`symconv.convolve` per channel pair.
    involution : bool
        Flipping ``w♭`` gives ``w`` back, so ``w -> w♭`` is a bijection.
    """

    weight: Signal
    flipped: Signal
    layer: Signal
    convolution: Signal
    involution: bool
    shapes: LayerShapes

    def terms(self, position: tuple[int, ...], *, out_channel: int = 0, batch: int = 0) -> tuple[EquivalenceTerm, ...]:
        """The products of output ``position`` (spatial indices) of channel ``out_channel``."""
        shapes, geometry = self.shapes, self.shapes.geometry
        position = tuple(position)
        sizes = self.layer.shape[-len(shapes.kernel):]
        if len(position) != len(sizes) or any(not 0 <= o < n for o, n in zip(position, sizes)):
            raise outside("position", position, sizes, "an output position", "outputs run over")
        padded, w = objects(pad(shapes.x, geometry, lead=2)), objects(shapes.w)
        terms = []
        for j, channel in enumerate(shapes.connection(out_channel, batch).inputs):
            for tap in np.ndindex(*shapes.kernel):
                index = tuple(input_index(o, t, stride=s, dilation=d, before=p[0]) for o, t, s, d, p in
                              zip(position, tap, geometry.stride, geometry.dilation, geometry.pads))
                value = padded[(batch, channel, *(i + p[0] for i, p in zip(index, geometry.pads)))]
                terms.append(EquivalenceTerm(channel, index, tap, value, w[(out_channel, j, *tap)], out_channel))
        return tuple(terms)

    def verify(self) -> None:
        """Raise SelfCheckError unless both layers agree everywhere and the flip is an involution."""
        if not self.involution:
            raise SelfCheckError("flipping the flipped kernel did not give the kernel back")
        same = self.layer.shape == self.convolution.shape and all(
            expand(a - b) == 0 for a, b in zip(self.layer.to_numpy().ravel(), self.convolution.to_numpy().ravel()))
        if not same:
            raise SelfCheckError("the correlation layer and the convolution with the flipped kernel disagree")


def flip_equivalence(x: Any, w: Any, *, bias: Any = None, stride: Any = 1, padding: Any = 0, dilation: Any = 1,
                     groups: Any = 1, padding_mode: str = "zeros") -> FlipEquivalence:
    """Show that the layer with kernel ``w`` equals a true convolution with ``w♭``, term by term.

    Parameters are those of :func:`symconv.conv_layer`. The result is verified
    (:meth:`FlipEquivalence.verify`) before it is returned.

    Examples
    --------
    >>> eq = flip_equivalence([[[1, 2, 0], [0, 1, 3], [2, 2, 1]]], [[[[1, 0], [2, -1]]]])
    >>> eq.layer.values, eq.flipped.values
    ([[[0, 1], [2, 4]]], [[[[-1, 2], [0, 1]]]])
    """
    shapes = read_layer(x, w, stride=stride, padding=padding, dilation=dilation, groups=groups,
                        padding_mode=padding_mode)
    layer = conv_layer(x, w, bias=bias, stride=stride, padding=padding, dilation=dilation, groups=groups,
                       padding_mode=padding_mode)
    flipped = reverse_spatial(shapes.w, lead=2)
    involution = Signal.from_samples(reverse_spatial(flipped, lead=2), (0,) * len(shapes.w.shape)) == \
        Signal.from_samples(shapes.w, (0,) * len(shapes.w.shape))
    convolution = _convolution_layer(shapes, flipped, bias)
    result = FlipEquivalence(Signal.from_samples(shapes.w, (0,) * len(shapes.w.shape)),
                             Signal.from_samples(flipped, (0,) * len(shapes.w.shape)),
                             layer, convolution, involution, shapes)
    result.verify()
    return result


def _convolution_layer(shapes: LayerShapes, flipped: Any, bias: Any) -> Signal:
    """The layer as true convolutions ``x_pad * w♭_d`` (one :func:`symconv.convolve` per pair)."""
    geometry = shapes.geometry
    padded = pad(shapes.x, geometry, lead=2)
    kernels = spread(flipped, geometry.dilation, lead=2)
    spans = geometry.effective_kernel(shapes.kernel)
    sizes = tuple(output_length(i, k, stride=s, dilation=d, pads=p, axis=axis) for axis, (i, k, s, d, p) in
                  enumerate(zip(shapes.spatial, shapes.kernel, geometry.stride, geometry.dilation, geometry.pads)))
    keep = np.ix_(*(np.array([input_index(o, 0, stride=s, dilation=1, before=0) for o in range(n)])
                    for n, s in zip(sizes, geometry.stride)))
    out = np.zeros((shapes.batch, shapes.out_channels, *sizes), dtype=object)
    for link in shapes.connections():
        for j, channel in enumerate(link.inputs):
            data = Signal.from_samples(take(padded, (link.batch, channel)), (0,) * len(sizes))
            kernel = Signal.from_samples(take(kernels, (link.out_channel, j)), tuple(1 - span for span in spans))
            out[link.batch, link.out_channel] += convolve(data, kernel, mode="valid").to_numpy()[keep]
    if bias is not None:
        for c, value in enumerate(objects(read_tensor(bias, "bias"))):
            out[:, c] += value
    return Signal(out if shapes.batched else out[0])
