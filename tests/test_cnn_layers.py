"""conv_layer and conv_transpose_layer: an independent NumPy reference, published figures, symbols."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from sympy import Rational, Symbol, symbols

from symconv import Signal, conv_layer, conv_transpose_layer, correlate

# --------------------------------------------------------------------------- an independent reference
# Written from the definitions alone (loops over every index), sharing no code with symconv.


def reference_pad(x: np.ndarray, pads, mode: str) -> np.ndarray:
    """Pad the trailing len(pads) axes of x; numpy's mode names differ from PyTorch's."""
    numpy_mode = {"zeros": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}[mode]
    width = [(0, 0)] * (x.ndim - len(pads)) + [tuple(p) for p in pads]
    return np.pad(x, width, mode=numpy_mode)


def reference_conv(x, w, b=None, stride=1, pads=None, dilation=1, groups=1, mode="zeros"):
    """y[n, c, o] = b[c] + sum_{j, t} x_pad[n, g*C_g + j, o*s + t*d] w[c, j, t], by loops."""
    nd = w.ndim - 2
    s = (stride,) * nd if isinstance(stride, int) else stride
    d = (dilation,) * nd if isinstance(dilation, int) else dilation
    pads = pads or [(0, 0)] * nd
    xp = reference_pad(x, pads, mode)
    c_out, c_g = w.shape[:2]
    k = w.shape[2:]
    out = tuple((xp.shape[2 + a] - d[a] * (k[a] - 1) - 1) // s[a] + 1 for a in range(nd))
    y = np.zeros((x.shape[0], c_out, *out), dtype=object)
    per_out = c_out // groups
    for n, c in itertools.product(range(x.shape[0]), range(c_out)):
        group = c // per_out
        for o in itertools.product(*(range(m) for m in out)):
            total = 0 if b is None else int(b[c])
            for j in range(c_g):
                for t in itertools.product(*(range(m) for m in k)):
                    index = tuple(o[a] * s[a] + t[a] * d[a] for a in range(nd))
                    total += int(xp[(n, group * c_g + j, *index)]) * int(w[(c, j, *t)])
            y[(n, c, *o)] = total
    return y


def reference_conv_transpose(x, w, stride=1, padding=0, output_padding=0, dilation=1, groups=1):
    """Scatter form: x[n, c_in, i] stamps w[c_in, c, t] onto output i*s + t*d - p."""
    nd = w.ndim - 2
    s, p, op, d = ((v,) * nd if isinstance(v, int) else v for v in (stride, padding, output_padding, dilation))
    c_in, per_out = w.shape[:2]
    k = w.shape[2:]
    out = tuple((x.shape[2 + a] - 1) * s[a] - 2 * p[a] + d[a] * (k[a] - 1) + op[a] + 1 for a in range(nd))
    y = np.zeros((x.shape[0], per_out * groups, *out), dtype=object)
    per_in = c_in // groups
    for n, ci in itertools.product(range(x.shape[0]), range(c_in)):
        group = ci // per_in
        for i in itertools.product(*(range(m) for m in x.shape[2:])):
            for c, t in itertools.product(range(per_out), itertools.product(*(range(m) for m in k))):
                o = tuple(i[a] * s[a] + t[a] * d[a] - p[a] for a in range(nd))
                if all(0 <= o[a] < out[a] for a in range(nd)):
                    y[(n, group * per_out + c, *o)] += int(x[(n, ci, *i)]) * int(w[(ci, c, *t)])
    return y


def values_of(signal: Signal) -> np.ndarray:
    return np.array(signal.values, dtype=object)


CASES = [
    # (spatial, batch, c_in, c_out, groups, kernel, stride, padding (per side), dilation, mode)
    (1, 1, 1, 1, 1, (3,), 1, [(0, 0)], 1, "zeros"),
    (1, 2, 2, 3, 1, (2,), 2, [(1, 1)], 1, "zeros"),
    (1, 1, 4, 2, 2, (3,), 1, [(2, 1)], 2, "reflect"),
    (1, 1, 3, 3, 3, (2,), 3, [(1, 2)], 1, "circular"),
    (2, 1, 1, 1, 1, (3, 3), 1, [(0, 0), (0, 0)], 1, "zeros"),
    (2, 1, 2, 2, 1, (3, 2), (2, 1), [(1, 1), (0, 1)], (1, 2), "replicate"),
    (2, 2, 2, 4, 2, (2, 2), 2, [(2, 2), (1, 1)], 1, "reflect"),
    (2, 1, 3, 2, 1, (1, 1), 1, [(0, 0), (0, 0)], 1, "zeros"),
    (3, 1, 2, 2, 2, (2, 2, 2), (1, 2, 1), [(1, 1), (0, 0), (1, 0)], 1, "circular"),
    (3, 1, 1, 2, 1, (2, 1, 3), 1, [(0, 0), (1, 1), (2, 2)], (2, 1, 1), "zeros"),
]


@pytest.mark.parametrize("case", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_conv_layer_equals_the_loop_reference(case):
    nd, batch, c_in, c_out, groups, kernel, stride, pads, dilation, mode = case
    rng = np.random.default_rng(len(str(case)))
    x = rng.integers(-4, 5, (batch, c_in, *(6,) * nd))
    w = rng.integers(-4, 5, (c_out, c_in // groups, *kernel))
    b = rng.integers(-4, 5, c_out)
    got = conv_layer(x, w, bias=b, stride=stride, padding=pads, dilation=dilation, groups=groups,
                     padding_mode=mode)
    expected = reference_conv(x, w, b, stride, pads, dilation, groups, mode)
    assert got.shape == expected.shape
    assert (values_of(got) == expected).all()


@pytest.mark.parametrize("nd, stride, padding, output_padding, dilation, groups", [
    (1, 1, 0, 0, 1, 1), (1, 2, 1, 1, 1, 1), (1, 3, 2, 2, 2, 2), (2, (2, 1), (1, 0), (1, 0), 1, 1),
    (2, 2, 0, 1, (1, 2), 2), (3, (1, 2, 2), (0, 1, 0), (0, 1, 0), 1, 1),
])
def test_conv_transpose_layer_equals_the_scatter_reference(nd, stride, padding, output_padding, dilation, groups):
    rng = np.random.default_rng(nd * 7 + groups)
    x = rng.integers(-4, 5, (2, 2 * groups, *(3,) * nd))
    w = rng.integers(-4, 5, (2 * groups, 2, *(3,) * nd))
    got = conv_transpose_layer(x, w, stride=stride, padding=padding, output_padding=output_padding,
                               dilation=dilation, groups=groups)
    expected = reference_conv_transpose(x, w, stride, padding, output_padding, dilation, groups)
    assert got.shape == expected.shape
    assert (values_of(got) == expected).all()


def test_unbatched_input_gives_an_unbatched_output():
    x = np.arange(18).reshape(2, 3, 3)
    w = np.ones((1, 2, 2, 2), dtype=int)
    unbatched = conv_layer(x, w)
    batched = conv_layer(x[np.newaxis], w)
    assert unbatched.shape == (1, 2, 2) and batched.shape == (1, 1, 2, 2)
    assert unbatched.values == batched.values[0]
    assert unbatched.start == (0, 0, 0)


# --------------------------------------------------------------------------- published figures
IMAGE = [[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]]
KERNEL = [[1, 0, 1], [0, 1, 0], [1, 0, 1]]


def test_design_reference_image_is_the_valid_correlation():
    y = conv_layer([IMAGE], [[KERNEL]])
    assert y.values == [[[4, 3, 4], [2, 4, 3], [2, 3, 4]]]
    assert y.values[0] == correlate(IMAGE, KERNEL, mode="valid").values


def test_d2l_corr2d():
    """d2l 7.2: X = 0..8 as 3x3, K = [[0, 1], [2, 3]] gives [[19, 25], [37, 43]]."""
    x = [[[0, 1, 2], [3, 4, 5], [6, 7, 8]]]
    assert conv_layer(x, [[[[0, 1], [2, 3]]]]).values == [[[19, 25], [37, 43]]]


def test_d2l_edge_detection():
    """d2l 7.2: a 6x8 image of ones with columns 2..5 black, kernel [1, -1]: edges at 1 and 5."""
    image = np.ones((6, 8), dtype=int)
    image[:, 2:6] = 0
    y = conv_layer(image[np.newaxis], [[[[1, -1]]]])
    assert y.values[0] == [[0, 1, 0, 0, 0, -1, 0]] * 6


def test_d2l_multiple_input_and_output_channels():
    """d2l 7.4: two input channels sum to [[56, 72], [104, 120]]; K, K+1, K+2 stack three outputs."""
    x = [[[0, 1, 2], [3, 4, 5], [6, 7, 8]], [[1, 2, 3], [4, 5, 6], [7, 8, 9]]]
    k = np.array([[[0, 1], [2, 3]], [[1, 2], [3, 4]]])
    assert conv_layer(x, [k]).values == [[[56, 72], [104, 120]]]
    assert conv_layer(x, np.stack([k, k + 1, k + 2])).values == [
        [[56, 72], [104, 120]], [[76, 100], [148, 172]], [[96, 128], [192, 224]]]


def test_d2l_transposed_convolution():
    """d2l 14.10: X = K = [[0, 1], [2, 3]]; stride 1, padding 1 and stride 2."""
    x = [[[0, 1], [2, 3]]]
    k = [[[[0, 1], [2, 3]]]]
    assert conv_transpose_layer(x, k).values == [[[0, 0, 1], [0, 4, 6], [4, 12, 9]]]
    assert conv_transpose_layer(x, k, padding=1).values == [[[4]]]
    assert conv_transpose_layer(x, k, stride=2).values == [
        [[0, 0, 0, 1], [0, 0, 2, 3], [0, 2, 0, 3], [4, 6, 6, 9]]]


def test_d2l_output_shapes():
    """d2l 7.3: an 8x8 input under four settings."""
    x = np.zeros((1, 8, 8), dtype=int)
    assert conv_layer(x, np.zeros((1, 1, 3, 3), dtype=int), padding=1).shape == (1, 8, 8)
    assert conv_layer(x, np.zeros((1, 1, 5, 3), dtype=int), padding=(2, 1)).shape == (1, 8, 8)
    assert conv_layer(x, np.zeros((1, 1, 3, 3), dtype=int), padding=1, stride=2).shape == (1, 4, 4)
    assert conv_layer(x, np.zeros((1, 1, 3, 5), dtype=int), padding=(0, 1), stride=(3, 4)).shape == (1, 2, 2)


def test_cs231n_demo_shape():
    """CS231n: a 5x5x3 input, two 3x3x3 filters, stride 2, pad 1 gives a 3x3x2 output."""
    rng = np.random.default_rng(231)
    y = conv_layer(rng.integers(0, 3, (3, 5, 5)), rng.integers(-1, 2, (2, 3, 3, 3)), bias=[1, 0],
                   stride=2, padding=1)
    assert y.shape == (2, 3, 3)


# --------------------------------------------------------------------------- exact and symbolic values
def test_symbolic_weights_and_inputs_give_polynomials():
    x = symbols("x1:10")
    w0, w1, w2, w3 = symbols("w0:4", real=True)  # names typed as text are real symbols
    y = conv_layer([[x[0:3], x[3:6], x[6:9]]], [[[["w0", "w1"], ["w2", "w3"]]]])
    assert y.values[0][1][1] == w0 * x[4] + w1 * x[5] + w2 * x[7] + w3 * x[8]
    assert y.values[0][0][0].free_symbols == {w0, w1, w2, w3, x[0], x[1], x[3], x[4]}


def test_fractions_and_floats_are_exact():
    y = conv_layer([[0.1, "1/3", 1]], [[[0.5, 2]]], bias=["1/7"])
    assert y.values == [[Rational(1, 20) + Rational(2, 3) + Rational(1, 7), Rational(1, 6) + 2 + Rational(1, 7)]]


def test_same_padding_keeps_the_size_and_pads_the_extra_at_the_end():
    y = conv_layer([[1, 2, 3, 4]], [[[1, 10]]], padding="same")
    assert y.values == [[21, 32, 43, 4]]
    assert conv_layer([[1, 2, 3, 4]], [[[1, 10]]], padding="valid").values == [[21, 32, 43]]


def test_signal_input_ignores_its_start():
    x = Signal([[1, 2, 3]], start=(0, -5))
    assert conv_layer(x, [[[1, 1]]]).values == [[3, 5]]


def test_symbol_named_like_a_weight_is_a_real_symbol():
    w = Symbol("w", real=True)
    assert conv_layer([[1, 2]], [[["w"]]]).values == [[w, 2 * w]]
