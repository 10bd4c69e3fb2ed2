"""Fuzzing the CNN parameters: any value gives a correct result or a one-line InputError.

Sizes are compared with the formula ``floor((i + p_before + p_after - d(k-1) - 1)/s) + 1``
(``(i - 1)s - 2p + d(k-1) + output_padding + 1`` transposed), unreached indices with a direct
marking of every index a window reads, layer values with a direct sum over the padded input.
"""

from __future__ import annotations

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from symconv import InputError, conv_layer, conv_output_size, conv_transpose_layer
from symconv.cnn import layers
from symconv.cnn.reach import reach

HUGE = st.sampled_from([10**6, 10**8 + 7, 99999999999999999999, 10**999, 10**1000, -(10**30)])
SANE = st.integers(-2, 9)
WEIRD = st.sampled_from([None, True, 1.5, 2.0, float("nan"), "2", "same", "valid", (), (1, 2), ((1, 2),), [3]])
PARAMETER = st.one_of(SANE, SANE, SANE, HUGE, WEIRD)
# layers up to the real limit (10**6 samples) take seconds each: fuzz them against a small one
SMALL_LIMIT = mock.patch.object(layers, "MAX_LAYER_SAMPLES", 2000)


def _one_line(error: InputError) -> None:
    text = str(error)  # numbers have at most 1000 digits (geometry.MAX_DIGITS): a few fit on a line
    assert "\n" not in text and ": " in text and len(text) < 4500


def _one(value):
    """A per-axis list of one value is that value."""
    return value[0] if isinstance(value, (list, tuple)) else value


def _marked(i, k, s, d, before, outputs):
    """Every index 0..i-1 some output reads: per tap, only the outputs that land inside."""
    read = set()
    for t in range(k):
        first = max(0, -((t * d - before) // s))
        last = min(outputs - 1, (i - 1 + before - t * d) // s)
        read.update(o * s + t * d - before for o in range(first, last + 1))
    return read


def _formula(i, k, s, p, d):
    return (i + p[0] + p[1] - d * (k - 1) - 1) // s + 1


@settings(max_examples=300, deadline=None)
@given(i=st.one_of(st.integers(1, 40), HUGE, WEIRD), k=st.one_of(st.integers(1, 6), HUGE),
       stride=PARAMETER, padding=PARAMETER, dilation=PARAMETER)
def test_output_size_is_the_formula_or_an_input_error(i, k, stride, padding, dilation):
    try:
        size = conv_output_size(i, k, stride=stride, padding=padding, dilation=dilation)
    except InputError as error:
        _one_line(error)
        return
    size = size[0] if isinstance(size, tuple) else size  # one value per axis, one axis
    i, k, stride, dilation, pads = size.input_size, size.kernel_size, size.stride, size.dilation, size.pads
    assert (stride, dilation) == (_one(stride), _one(dilation))
    assert int(size) == _formula(i, k, stride, pads, dilation) >= 1
    if i <= 40 and k <= 6:
        read = _marked(i, k, stride, dilation, pads[0], int(size))
        unread = tuple(j for j in range(i) if j not in read)
        assert size.unreached == unread and size.unreached_count == len(unread)
    assert all(len(line) < 7000 for line in size.lines) and len(size.lines) <= 8


@settings(max_examples=150, deadline=None)
@given(i=st.one_of(st.integers(1, 40), HUGE), k=st.integers(1, 6), stride=PARAMETER, padding=PARAMETER,
       dilation=PARAMETER, output_padding=st.one_of(st.integers(0, 3), HUGE, WEIRD))
def test_transposed_size_is_the_formula_or_an_input_error(i, k, stride, padding, dilation, output_padding):
    try:
        size = conv_output_size(i, k, stride=stride, padding=padding, dilation=dilation, transposed=True,
                                output_padding=output_padding)
    except InputError as error:
        _one_line(error)
        return
    size = size[0] if isinstance(size, tuple) else size
    i, k, stride, dilation, padding = size.input_size, size.kernel_size, size.stride, size.dilation, size.pads[0]
    assert size.pads == (padding, padding) and size.output_padding == _one(output_padding)
    assert int(size) == (i - 1) * stride - 2 * padding + dilation * (k - 1) + size.output_padding + 1 >= 1


@settings(max_examples=300, deadline=None)
@given(i=st.integers(1, 60), k=st.integers(1, 9), s=st.integers(1, 12), d=st.integers(1, 12),
       before=st.integers(0, 12), after=st.integers(0, 12))
def test_reach_against_marking(i, k, s, d, before, after):
    span = d * (k - 1) + 1
    if span > i + before + after:
        return
    outputs = (i + before + after - span) // s + 1
    read = {o * s + t * d - before for o in range(outputs) for t in range(k)}
    last_end = (outputs - 1) * s + (k - 1) * d - before
    unread = [j for j in range(i) if j not in read]
    found = reach(i, k, stride=s, dilation=d, before=before, outputs=outputs, listed=4)
    inner = [j for j in unread if j <= last_end]
    assert (found.inner, found.inner_count) == (tuple(inner[:4]), len(inner))
    assert found.trailing_count == len(unread) - len(inner) and found.trailing == tuple(unread[len(inner):][:4])


def _reference(x, w, s, p, d, mode):
    """y[o] = sum_t x_pad[o*s + t*d - p_before] w[t], x_pad by the padding mode (one channel)."""
    n = len(x)

    def source(j):
        if 0 <= j < n:
            return x[j]
        if mode == "zeros":
            return 0
        if mode == "replicate":
            return x[0] if j < 0 else x[-1]
        if mode == "circular":
            return x[j % n]
        return x[-j] if j < 0 else x[2 * (n - 1) - j]  # reflect

    outputs = _formula(n, len(w), s, p, d)
    return [sum(source(o * s + t * d - p[0]) * w[t] for t in range(len(w))) for o in range(outputs)]


@settings(max_examples=200, deadline=None)
@given(x=st.lists(st.integers(-5, 5), min_size=1, max_size=6), w=st.lists(st.integers(-3, 3), min_size=1, max_size=3),
       stride=PARAMETER, padding=PARAMETER, dilation=PARAMETER,
       mode=st.sampled_from(["zeros", "reflect", "replicate", "circular", "mirror"]))
def test_conv_layer_is_the_direct_sum_or_an_input_error(x, w, stride, padding, dilation, mode):
    try:
        with SMALL_LIMIT:
            y = conv_layer([x], [[w]], stride=stride, padding=padding, dilation=dilation, padding_mode=mode)
    except InputError as error:
        _one_line(error)
        return
    stride, dilation = _one(stride), _one(dilation)
    if isinstance(padding, str):
        total = 0 if padding == "valid" else dilation * (len(w) - 1)
        pads = (total // 2, total - total // 2)
    else:
        padding = _one(padding)
        pads = tuple(padding) if isinstance(padding, (tuple, list)) else (padding, padding)
    assert y.values == [_reference(x, w, stride, pads, dilation, mode)]


@settings(max_examples=150, deadline=None)
@given(x=st.lists(st.integers(-5, 5), min_size=1, max_size=5), w=st.lists(st.integers(-3, 3), min_size=1, max_size=3),
       stride=PARAMETER, padding=PARAMETER, dilation=PARAMETER, output_padding=st.one_of(st.integers(0, 2), HUGE))
def test_conv_transpose_layer_is_the_scatter_or_an_input_error(x, w, stride, padding, dilation, output_padding):
    try:
        with SMALL_LIMIT:
            y = conv_transpose_layer([x], [[w]], stride=stride, padding=padding, dilation=dilation,
                                     output_padding=output_padding)
    except InputError as error:
        _one_line(error)
        return
    stride, padding, dilation, output_padding = map(_one, (stride, padding, dilation, output_padding))
    size = (len(x) - 1) * stride - 2 * padding + dilation * (len(w) - 1) + output_padding + 1
    out = [0] * size
    for n, value in enumerate(x):
        for t, weight in enumerate(w):
            o = n * stride + t * dilation - padding
            if 0 <= o < size:
                out[o] += value * weight
    assert y.values == [out]
