"""Every message of the CNN layers, matched exactly."""

from __future__ import annotations

import pytest

from symconv import InputError, conv_layer, conv_layer_gradients, conv_output_size, conv_transpose_layer

X1 = [[1, 2, 3, 4]]                      # one channel, 1-D
W1 = [[[1, 1]]]                          # one output channel, kernel 2
X2 = [[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]
W2 = [[[[1, 0], [0, 1]]]]


def message(call, *args, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        call(*args, **kwargs)
    return str(info.value)


@pytest.mark.parametrize("kwargs, expected", [
    (dict(stride=0), "stride: 0 is not a positive integer"),
    (dict(stride=-2), "stride: -2 is not a positive integer"),
    (dict(stride=1.5), "stride: 1.5 is not a positive integer"),
    (dict(stride=True), "stride: True is not a positive integer"),
    (dict(dilation=0), "dilation: 0 is not a positive integer"),
    (dict(dilation=(1, 2)), "dilation: 2 values given for 1 spatial axis"),
    (dict(padding=-1), "padding: -1 is not a non-negative integer"),
    (dict(padding="sam"), "padding: 'sam' is not one of: same, valid; did you mean 'same'?"),
    (dict(padding="same", stride=2), "padding: 'same' needs stride 1, got stride 2 (PyTorch refuses it too)"),
    (dict(padding=((1, 2, 3),)), "padding: (1, 2, 3) is not a (before, after) pair"),
    (dict(padding_mode="reflected"),
     "padding_mode: 'reflected' is not one of: zeros, reflect, replicate, circular; did you mean 'reflect'?"),
    (dict(groups=0), "groups: 0 is not a positive integer"),
    (dict(groups=2), "groups: input channels 1 are not divisible by groups 2"),
    (dict(dilation=4), "kernel, spatial axis 0: dilated kernel size 5 is larger than padded input size 4"),
    (dict(padding=4, padding_mode="reflect"),
     "padding: reflect padding 4 must be smaller than input size 4 on spatial axis 0"),
    (dict(padding=5, padding_mode="circular"),
     "padding: circular padding 5 must not exceed input size 4 on spatial axis 0"),
    (dict(bias=[1, 2]), "bias: has shape (2,); give one value for each of the 1 output channels"),
])
def test_conv_layer_messages(kwargs, expected):
    assert message(conv_layer, X1, W1, **kwargs) == expected


def test_same_padding_with_a_stride_per_axis():
    assert message(conv_layer, X2, W2, padding="same", stride=(1, 2)) == \
        "padding: 'same' needs stride 1, got stride (1, 2) (PyTorch refuses it too)"


def test_kernel_larger_than_the_padded_input():
    assert message(conv_layer, X2, [[[[1] * 4] * 2]]) == \
        "kernel, spatial axis 1: dilated kernel size 4 is larger than padded input size 3"
    assert conv_layer(X2, [[[[1] * 4] * 2]], padding=(0, 1)).shape == (1, 2, 2)


def test_shape_messages():
    assert message(conv_layer, X1, [[1, 1]]) == \
        "weight: has shape (1, 2); give (C_out, C_in/groups, *kernel) with 1 to 3 kernel axes"
    assert message(conv_layer, [1, 2, 3], W1) == \
        "input: has shape (3,); a layer with 1-D kernels needs (C_in, *spatial) or (batch, C_in, *spatial), 2 or 3 axes"
    assert message(conv_layer, [[1, 2, 3], [4, 5, 6]], W1) == \
        "weight: has 1 input channels per group, but input channels 2 / groups 1 = 2"
    assert message(conv_layer, [[1, 2, 3], [4, 5, 6]], [[[1]], [[1]], [[1]]], groups=2) == \
        "groups: output channels 3 are not divisible by groups 2"
    assert message(conv_layer, [[1, "0,5"]], W1) == "input, row 1, column 2: '0,5' is not a number; write 0.5 or 1/2"

@pytest.mark.parametrize("kwargs, expected", [
    (dict(output_padding=2, stride=2), "output_padding: 2 must be smaller than stride 2 or dilation 1"),
    (dict(output_padding=1), "output_padding: 1 must be smaller than stride 1 or dilation 1"),
    (dict(output_padding=-1), "output_padding: -1 is not a non-negative integer"),
    (dict(padding="same"), "padding: 'same' is not accepted by a transposed layer; give integers"),
    (dict(padding=((1, 0),)), "padding: (1, 0) is per-side padding, which a transposed layer does not accept; "
                              "give one integer per axis"),
    (dict(padding=3), "padding, spatial axis 0: 3 leaves the transposed output with size -1; it must be positive"),
])
def test_conv_transpose_layer_messages(kwargs, expected):
    assert message(conv_transpose_layer, X1, W1, **kwargs) == expected


def test_transposed_weight_channels():
    assert message(conv_transpose_layer, [[1, 2], [3, 4]], W1) == \
        "weight: has 1 input channels, but the input has 2"
    assert message(conv_transpose_layer, X1, [[1, 1]]) == \
        "weight: has shape (1, 2); give (C_in, C_out/groups, *kernel) with 1 to 3 kernel axes"


def test_gradient_shape_message():
    assert message(conv_layer_gradients, X1, W1, [[1, 1]]) == \
        "grad_out: has shape (1, 2) but the layer's output has shape (1, 3)"
    assert message(conv_layer_gradients, [X1], W1, [[[1, 1]]]) == \
        "grad_out: has shape (1, 1, 2) but the layer's output has shape (1, 1, 3)"


def test_size_messages():
    assert message(conv_output_size, 4, 5) == \
        "kernel, spatial axis 0: dilated kernel size 5 is larger than padded input size 4"
    assert message(conv_output_size, 0, 3) == "input size: 0 is not a positive integer"
    assert message(conv_output_size, (4, 4), (3, 3, 3)) == "kernel size: 3 values given for 2 spatial axes"
    assert message(conv_output_size, 8, 3, stride=2, padding="same") == \
        "padding: 'same' needs stride 1, got stride 2 (PyTorch refuses it too)"
