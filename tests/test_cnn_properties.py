"""Hypothesis properties of the CNN layers: correlation per channel, and the adjoint identity."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from symconv import conv_layer, conv_output_size, conv_transpose_layer, correlate

small = st.integers(-5, 5)


@st.composite
def layers(draw, spatial=st.integers(1, 2)):
    nd = draw(spatial)
    groups = draw(st.integers(1, 2))
    c_in, c_out = groups * draw(st.integers(1, 2)), groups * draw(st.integers(1, 2))
    kernel = tuple(draw(st.integers(1, 3)) for _ in range(nd))
    stride = tuple(draw(st.integers(1, 3)) for _ in range(nd))
    dilation = tuple(draw(st.integers(1, 2)) for _ in range(nd))
    padding = tuple(draw(st.integers(0, 2)) for _ in range(nd))
    size = tuple(draw(st.integers(max(1, d * (k - 1) + 1 - 2 * p), 6)) for k, d, p in zip(kernel, dilation, padding))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    x = rng.integers(-5, 6, (c_in, *size))
    w = rng.integers(-5, 6, (c_out, c_in // groups, *kernel))
    return x, w, dict(stride=stride, dilation=dilation, padding=padding, groups=groups)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 3), st.integers(1, 3), st.integers(0, 2**32 - 1))
def test_a_layer_is_the_sum_of_valid_correlations_per_channel(c_in, c_out, seed):
    rng = np.random.default_rng(seed)
    x = rng.integers(-5, 6, (c_in, 5, 4))
    w = rng.integers(-5, 6, (c_out, c_in, 2, 3))
    y = np.array(conv_layer(x, w).values, dtype=object)
    for c in range(c_out):
        expected = sum(np.array(correlate(x[j], w[c, j], mode="valid").values, dtype=object) for j in range(c_in))
        assert (y[c] == expected).all()


@settings(max_examples=60, deadline=None)
@given(layers(), st.integers(0, 2**32 - 1))
def test_transposed_layer_is_the_adjoint(layer, seed):
    """<conv(x), y> = <x, conv_transpose(y)> with the same weight and hyper-parameters."""
    x, w, params = layer
    out = conv_layer(x, w, **params)
    y = np.random.default_rng(seed).integers(-5, 6, out.shape)
    sizes = [conv_output_size(i, k, stride=s, padding=p, dilation=d) for i, k, s, p, d in
             zip(x.shape[1:], w.shape[2:], params["stride"], params["padding"], params["dilation"])]
    remainder = tuple(i + 2 * p - (int(o) - 1) * s - d * (k - 1) - 1 for i, o, s, p, d, k in
                      zip(x.shape[1:], sizes, params["stride"], params["padding"], params["dilation"], w.shape[2:]))
    back = conv_transpose_layer(y, w, output_padding=remainder, **params)
    assert back.shape == x.shape
    left = sum(a * int(b) for a, b in zip(out.to_numpy().ravel(), y.ravel()))
    right = sum(a * int(b) for a, b in zip(back.to_numpy().ravel(), x.ravel()))
    assert left == right


@settings(max_examples=40, deadline=None)
@given(layers(spatial=st.just(1)))
def test_zero_padding_is_the_layer_on_the_padded_input(layer):
    x, w, params = layer
    p = params.pop("padding")
    padded = np.pad(x, [(0, 0)] + [(q, q) for q in p])
    assert conv_layer(x, w, padding=p, **params) == conv_layer(padded, w, **params)
