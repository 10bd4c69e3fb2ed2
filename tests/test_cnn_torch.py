"""The CNN layers against PyTorch on random small integer tensors (float64 in torch: exact there).

Skipped when torch is not installed (``pip install -e .[torch]``).
"""

from __future__ import annotations

import numpy as np
import pytest

from sympy import Rational

from symconv import conv_layer, conv_layer_gradients, conv_transpose_layer

torch = pytest.importorskip("torch")
F = torch.nn.functional
pytestmark = pytest.mark.torch

MODES = ["zeros", "reflect", "replicate", "circular"]


def random_layer(seed: int):
    """A random layer that PyTorch accepts: sizes, channels, groups, stride, padding, dilation, mode."""
    rng = np.random.default_rng(seed)
    nd = int(rng.integers(1, 4))
    groups = int(rng.integers(1, 3))
    c_in, c_out = groups * int(rng.integers(1, 3)), groups * int(rng.integers(1, 3))
    kernel = tuple(int(v) for v in rng.integers(1, 4, nd))
    stride = tuple(int(v) for v in rng.integers(1, 4, nd))
    dilation = tuple(int(v) for v in rng.integers(1, 3, nd))
    pads = tuple((int(a), int(b)) for a, b in rng.integers(0, 3, (nd, 2)))
    size = tuple(int(max(n, d * (k - 1) + 1, max(p) + 1)) for n, k, d, p in
                 zip(rng.integers(2, 7, nd), kernel, dilation, pads))
    batch = int(rng.integers(1, 3))
    mode = MODES[int(rng.integers(0, 4))]
    x = rng.integers(-3, 4, (batch, c_in, *size))
    w = rng.integers(-3, 4, (c_out, c_in // groups, *kernel))
    b = rng.integers(-3, 4, c_out)
    return rng, nd, x, w, b, dict(stride=stride, dilation=dilation, groups=groups), pads, mode


def torch_padded(x, pads, mode):
    """nn.ConvNd's own padding step: F.pad with the last axis first."""
    flat = tuple(v for pair in reversed(pads) for v in pair)
    return F.pad(x, flat, mode="constant" if mode == "zeros" else mode)


def as_float(signal) -> np.ndarray:
    return np.array(signal.to_numpy(), dtype=float)


def t64(array) -> "torch.Tensor":
    return torch.tensor(np.asarray(array), dtype=torch.float64)


@pytest.mark.parametrize("seed", range(40))
def test_conv_layer_equals_torch(seed):
    rng, nd, x, w, b, params, pads, mode = random_layer(seed)
    conv = (F.conv1d, F.conv2d, F.conv3d)[nd - 1]
    expected = conv(torch_padded(t64(x), pads, mode), t64(w), t64(b), **params).numpy()
    got = conv_layer(x, w, bias=b, padding=pads, padding_mode=mode, **params)
    assert got.shape == expected.shape
    assert np.array_equal(as_float(got), expected)


SAME_WARNING = "ignore:Using padding='same' with even kernel lengths:UserWarning"


@pytest.mark.filterwarnings(SAME_WARNING)
@pytest.mark.parametrize("seed", range(8))
def test_symmetric_integer_padding_and_same_equal_torch(seed):
    rng, nd, x, w, b, params, pads, mode = random_layer(100 + seed)
    conv = (F.conv1d, F.conv2d, F.conv3d)[nd - 1]
    p = tuple(a for a, _ in pads)
    expected = conv(t64(x), t64(w), t64(b), padding=p, **params).numpy()
    assert np.array_equal(as_float(conv_layer(x, w, bias=b, padding=p, **params)), expected)
    params["stride"] = 1
    expected = conv(t64(x), t64(w), None, padding="same", **params).numpy()
    assert np.array_equal(as_float(conv_layer(x, w, padding="same", **params)), expected)


@pytest.mark.filterwarnings(SAME_WARNING)
@pytest.mark.parametrize("mode", MODES[1:])
def test_padding_modes_equal_torch_modules(mode):
    """nn.Conv2d(padding_mode=...) itself, 'same' padding included."""
    rng = np.random.default_rng(7)
    x = rng.integers(-3, 4, (1, 2, 5, 6))
    for padding in (1, "same", (2, 1)):
        layer = torch.nn.Conv2d(2, 3, (3, 4), padding=padding, padding_mode=mode, dtype=torch.float64)
        w = rng.integers(-3, 4, (3, 2, 3, 4))
        b = rng.integers(-3, 4, 3)
        with torch.no_grad():
            layer.weight.copy_(t64(w))
            layer.bias.copy_(t64(b))
            expected = layer(t64(x)).numpy()
        got = conv_layer(x, w, bias=b, padding=padding, padding_mode=mode)
        assert np.array_equal(as_float(got), expected)


@pytest.mark.parametrize("seed", range(30))
def test_conv_transpose_layer_equals_torch(seed):
    rng, nd, x, _, b, params, pads, _ = random_layer(200 + seed)
    groups = params["groups"]
    c_in = x.shape[1]
    w = rng.integers(-3, 4, (c_in, int(rng.integers(1, 3)), *rng.integers(1, 4, nd)))
    b = rng.integers(-3, 4, w.shape[1] * groups)
    output_padding = tuple(int(rng.integers(0, max(s, d))) for s, d in zip(params["stride"], params["dilation"]))
    padding = tuple(min(p[0], d * (k - 1) // 2) for p, d, k in zip(pads, params["dilation"], w.shape[2:]))
    convT = (F.conv_transpose1d, F.conv_transpose2d, F.conv_transpose3d)[nd - 1]
    expected = convT(t64(x), t64(w), t64(b), padding=padding, output_padding=output_padding, **params).numpy()
    got = conv_transpose_layer(x, w, bias=b, padding=padding, output_padding=output_padding, **params)
    assert got.shape == expected.shape
    assert np.array_equal(as_float(got), expected)


@pytest.mark.parametrize("seed", range(25))
def test_gradients_equal_torch_autograd(seed):
    rng, nd, x, w, _, params, pads, mode = random_layer(300 + seed)
    conv = (F.conv1d, F.conv2d, F.conv3d)[nd - 1]
    tx, tw = t64(x).requires_grad_(), t64(w).requires_grad_()
    tb = torch.zeros(w.shape[0], dtype=torch.float64, requires_grad=True)
    y = conv(torch_padded(tx, pads, mode), tw, tb, **params)
    g = rng.integers(-3, 4, tuple(y.shape))
    y.backward(t64(g))
    got = conv_layer_gradients(x, w, g, padding=pads, padding_mode=mode, **params)
    assert np.array_equal(as_float(got.grad_input), tx.grad.numpy())
    assert np.array_equal(as_float(got.grad_weight), tw.grad.numpy())
    assert np.array_equal(as_float(got.grad_bias), tb.grad.numpy())


def test_torch_tensors_are_accepted_as_inputs():
    x = torch.tensor([[[0.5, 1.0, 2.0]]], dtype=torch.float64)
    w = torch.tensor([[[1.0, 0.25]]])
    assert conv_layer(x, w).values == [[[Rational(3, 4), Rational(3, 2)]]]
