"""conv_layer_gradients: against SymPy's differentiation of the symbolic layer, and the identities."""

from __future__ import annotations

import numpy as np
import pytest
from sympy import Add, Symbol, diff, expand, symbols

from symconv import conv_layer, conv_layer_gradients, convolve, correlate


def symbolic_array(name: str, shape: tuple[int, ...]) -> np.ndarray:
    array = np.empty(shape, dtype=object)
    for index in np.ndindex(*shape):
        array[index] = Symbol(name + "_" + "_".join(map(str, index)), real=True)
    return array


@pytest.mark.parametrize("params", [
    dict(),
    dict(stride=2, padding=1),
    dict(stride=(2, 1), dilation=(1, 2), padding=((1, 0), (2, 1)), padding_mode="reflect"),
    dict(groups=2, padding=1, padding_mode="circular"),
    dict(stride=3, padding=2, padding_mode="replicate"),
])
def test_gradients_are_the_derivatives_of_the_loss(params):
    """L = sum g*y with y the layer on symbols: dL/dx, dL/dw, dL/db by sympy.diff."""
    x = symbolic_array("x", (2, 3, 4))
    w = symbolic_array("w", (2, 2 // params.get("groups", 1), 2, 3))
    b0, b1 = symbols("b0 b1", real=True)
    y = np.array(conv_layer(x, w, bias=[b0, b1], **params).values, dtype=object)
    rng = np.random.default_rng(5)
    g = rng.integers(-3, 4, y.shape)
    loss = Add(*(int(gi) * yi for gi, yi in zip(g.ravel(), y.ravel())))
    grads = conv_layer_gradients(x, w, g, **params)
    for symbol, value in zip(x.ravel(), np.array(grads.grad_input.values, dtype=object).ravel()):
        assert expand(diff(loss, symbol) - value) == 0
    for symbol, value in zip(w.ravel(), np.array(grads.grad_weight.values, dtype=object).ravel()):
        assert expand(diff(loss, symbol) - value) == 0
    assert grads.grad_bias.values == [diff(loss, b0), diff(loss, b1)]


def test_single_channel_gradients_are_a_full_convolution_and_a_valid_correlation():
    """Stride 1, no padding: dL/dx = convolve(g, w, 'full'), dL/dw = correlate(x, g, 'valid')."""
    x = [[3, 1, 4, 1, 5, 9], [2, 6, 5, 3, 5, 8], [9, 7, 9, 3, 2, 3]]
    w = [[1, -2], [0, 3]]
    y_shape = (2, 5)
    g = np.arange(10).reshape(y_shape) - 4
    grads = conv_layer_gradients([x], [[w]], [g])
    assert grads.grad_input.values == [convolve(g, w, mode="full").values]
    assert grads.grad_weight.values == [[correlate(x, g, mode="valid").values]]
    assert grads.grad_bias.values == [int(g.sum())]


def test_identities_are_reported_and_hold():
    grads = conv_layer_gradients([[1, 2, 3, 4, 5]], [[["w0", "w1"]]], [["g0", "g1", "g2"]], stride=2, padding=1)
    names = [identity.name for identity in grads.identities]
    assert names == ["grad_input", "grad_weight", "grad_bias"]
    assert "full convolution of grad_out with the kernel" in grads.identities[0].statement
    assert "valid correlation of the input with grad_out" in grads.identities[1].statement
    for identity in grads.identities:
        assert identity.value.shape == identity.by_foundation.shape
    w0, w1, g0, g1, g2 = symbols("w0 w1 g0 g1 g2", real=True)
    # padded input 0 1 2 3 4 5 0, windows at 0, 2, 4: y0 = 1*w1, y1 = 2*w0 + 3*w1, y2 = 4*w0 + 5*w1
    assert grads.grad_input.values == [[g0 * w1, g1 * w0, g1 * w1, g2 * w0, g2 * w1]]
    assert grads.grad_weight.values == [[[2 * g1 + 4 * g2, g0 + 3 * g1 + 5 * g2]]]


def test_batch_gradients_sum_over_the_batch():
    x = np.array([[[1, 2, 3]], [[4, 5, 6]]])
    g = np.array([[[1, 0]], [[0, 1]]])
    grads = conv_layer_gradients(x, [[[1, 1]]], g)
    assert grads.grad_weight.values == [[[1 + 5, 2 + 6]]]
    assert grads.grad_bias.values == [2]
    assert grads.grad_input.values == [[[1, 1, 0]], [[0, 1, 1]]]
