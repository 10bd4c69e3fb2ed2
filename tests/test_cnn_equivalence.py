"""flip_equivalence: the correlation layer with w is the true-convolution layer with w♭."""

from __future__ import annotations

import numpy as np
import pytest
from sympy import symbols

from symconv import SelfCheckError, conv_layer, convolve, flip, flip_equivalence
from symconv.cnn.equivalence import FlipEquivalence


def test_one_dimensional_symbolic_kernel():
    w0, w1, w2 = symbols("w0:3", real=True)
    eq = flip_equivalence([[1, 2, 3, 4]], [[["w0", "w1", "w2"]]])
    assert eq.layer.values == [[w0 + 2 * w1 + 3 * w2, 2 * w0 + 3 * w1 + 4 * w2]]
    assert eq.convolution.values == eq.layer.values
    assert eq.flipped.values == [[[w2, w1, w0]]]
    assert eq.involution


def test_flipped_kernel_is_symconv_flip_for_real_weights():
    w = [[1, 2, 0], [3, -1, 5]]
    eq = flip_equivalence([[[1] * 4] * 4], [[w]])
    assert eq.flipped.values[0][0] == flip(w).values
    # and the layer is the valid convolution with the flipped kernel
    x = np.arange(16).reshape(4, 4)
    eq = flip_equivalence([x], [[w]])
    assert eq.layer.values[0] == convolve(x, flip(w), mode="valid").values


def test_terms_pair_every_product():
    x1, x2, x3, x4, x5, x6 = symbols("x1:7", real=True)
    eq = flip_equivalence([["x1", "x2", "x3", "x4", "x5", "x6"]], [[["w0", "w1"]]], stride=2, dilation=2, padding=1)
    terms = eq.terms((1,))
    assert [str(t) for t in terms] == ["x[0, 1]*w[0, 0, 0] = x[0, 1]*w♭[0, 0, 0] = w0*x2",
                                       "x[0, 3]*w[0, 0, 1] = x[0, 3]*w♭[0, 0, -1] = w1*x4"]
    assert sum(t.product for t in terms) == eq.layer.values[0][1]
    padding_term = eq.terms((0,))[0]
    assert padding_term.index == (-1,) and padding_term.product == 0


def test_terms_reject_a_position_outside_the_output():
    eq = flip_equivalence([[1, 2, 3]], [[[1, 1]]])
    with pytest.raises(Exception, match=r"position: 2 is not an output position; outputs run over 0\.\.1"):
        eq.terms((2,))


@pytest.mark.parametrize("params", [
    dict(), dict(stride=2, padding=1, bias=[1, -1]), dict(dilation=2, padding="same", padding_mode="reflect"),
    dict(groups=2, padding=((1, 0), (0, 2)), padding_mode="circular"),
])
def test_equivalence_holds_for_multichannel_layers(params):
    rng = np.random.default_rng(3)
    x = rng.integers(-3, 4, (2, 2, 5, 5))
    w = rng.integers(-3, 4, (2, 2 // params.get("groups", 1), 3, 2))
    eq = flip_equivalence(x, w, **params)
    assert eq.layer == conv_layer(x, w, **params)
    assert eq.layer == eq.convolution
    for channel in range(2):
        products = eq.terms((1, 1), out_channel=channel, batch=1)
        bias = params.get("bias", [0, 0])[channel]
        assert sum(t.product for t in products) + bias == eq.layer.values[1][channel][1][1]


def test_verify_catches_a_disagreement():
    eq = flip_equivalence([[1, 2, 3]], [[[1, 2]]])
    broken = FlipEquivalence(eq.weight, eq.flipped, eq.layer, eq.layer.shift((0, 1)).window((0, 0), (1, 2)),
                             True, eq.shapes)
    with pytest.raises(SelfCheckError, match="the correlation layer and the convolution with the flipped kernel disagree"):
        broken.verify()
