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


# ----------------------------------------------------------------------------- huge parameters
# QA: these crashed (exit 3) or hung; sizes are arithmetic, layers check sizes before any array

def run_cli(*argv: str) -> tuple[int, str, str]:
    """Run the command line in a subprocess with a timeout, so a hang fails instead of blocking."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "symconv", *argv], capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout, done.stderr


def test_huge_input_size_is_derived_arithmetically():
    code, out, err = run_cli("size", "99999999999", "3")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "  = 99999999997"


def test_huge_padding_size():
    code, out, err = run_cli("size", "5", "3", "--padding", "99999999999999999999999")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "  = 200000000000000000000001"


def test_huge_input_with_a_stride_lists_a_few_skipped_indices():
    code, out, err = run_cli("size", "100000000", "3", "--stride", "7")
    assert (code, err) == (0, "")
    assert out.splitlines()[-2:] == [
        "the last window reads input indices 99999991..99999993: input indices 99999994, 99999995, 99999996, "
        "99999997, 99999998, 99999999 are never reached (6 rows/columns ignored)",
        "the windows (stride 7, dilation 1, kernel span 3) skip input indices 3, 4, 5, 6, 10, 11, 12, 13, ... "
        "(57142852 in all): no output reads them"]


@pytest.mark.parametrize("argv, expected", [
    (("layer", "1 2 3", "1 1", "--padding", "100000000"),
     "--padding: 100000000 pads input size 3 to 200000003 samples; at most 1000000 samples per padded input "
     "are accepted"),
    (("layer", "1 2 3", "1 1", "--padding", "same", "--dilation", "1000000"),
     "--dilation: 1000000 spreads kernel size 2 over 1000001 samples; at most 1000000 are accepted"),
    (("layer", "1 2 3", "1 1", "--transposed", "--stride", "99999999999999999999"),
     "--stride: 99999999999999999999 spreads input size 3 over 199999999999999999999 samples; at most 1000000 "
     "are accepted"),
    (("size", "5", "3", "--padding", "9" * 1001),
     "--padding: an integer of more than 1000 digits is not a sane size; give at most 1000 digits"),
])
def test_huge_layer_parameters_are_one_line_errors(argv, expected):
    code, out, err = run_cli(*argv)
    assert (code, out, err) == (2, "", f"symconv: error: {expected}\n")


@pytest.mark.parametrize("kwargs, expected", [
    (dict(padding=10**8), "padding: 100000000 pads input size 4 to 200000004 samples; at most 1000000 samples "
                          "per padded input are accepted"),
    (dict(padding=((10**6, 0),)), "padding: 1000000:0 pads input size 4 to 1000004 samples; at most 1000000 "
                                  "samples per padded input are accepted"),
    (dict(padding="same", dilation=10**6),
     "dilation: 1000000 spreads kernel size 2 over 1000001 samples; at most 1000000 are accepted"),
    (dict(stride=10**20), None),  # a huge stride keeps one output: fine, nothing is spread
    (dict(dilation=10**30), "dilation: 1000000000000000000000000000000 spreads kernel size 2 over "
                            "1000000000000000000000000000001 samples; at most 1000000 are accepted"),
    (dict(stride=10**1000), "stride: an integer of more than 1000 digits is not a sane size; "
                            "give at most 1000 digits"),
    (dict(stride=2.0), "stride: 2.0 is not a positive integer"),
    (dict(padding=float("inf")), "padding: inf is not a non-negative integer"),
    (dict(dilation="2"), "dilation: '2' is not a positive integer"),
    (dict(groups=None), "groups: None is not a positive integer"),
])
def test_huge_conv_layer_parameters(kwargs, expected):
    if expected is None:
        assert conv_layer(X1, W1, **kwargs).values == [[3]]
    else:
        assert message(conv_layer, X1, W1, **kwargs) == expected


def test_huge_layer_in_two_dimensions():
    assert conv_layer(X2, W2, padding=(100, 0)).shape == (1, 202, 2)  # 203 x 3 samples: accepted
    assert message(conv_layer, X2, W2, padding=(1000, (300, 200))) == \
        "padding: 1000, 300:200 pads input size 3 x 3 to 2003 x 503 = 1007509 samples; at most 1000000 samples " \
        "per padded input are accepted"
    assert message(conv_layer, X2, W2, padding=(1000, 1000)) == \
        "padding: 1000 pads input size 3 x 3 to 2003 x 2003 = 4012009 samples; at most 1000000 samples per " \
        "padded input are accepted"


@pytest.mark.parametrize("kwargs, expected", [
    (dict(stride=99999999999999999999), "stride: 99999999999999999999 spreads input size 4 over "
                                        "299999999999999999998 samples; at most 1000000 are accepted"),
    (dict(dilation=999999), "output size: (i - 1)s - 2p + d(k - 1) + output_padding + 1 = 1000003 samples; "
                            "at most 1000000 samples per output are accepted"),
    (dict(dilation=10**6), "dilation: 1000000 spreads kernel size 2 over 1000001 samples; at most 1000000 "
                           "are accepted"),
])
def test_huge_transposed_layer_parameters(kwargs, expected):
    assert message(conv_transpose_layer, X1, W1, **kwargs) == expected


def test_huge_sizes_in_the_library():
    size = conv_output_size(10**30, 3, stride=7)
    assert int(size) == (10**30 - 3) // 7 + 1
    assert size.unreached_count == 571428571428571428571428571424 + 5
    assert size.unreached[:6] == (3, 4, 5, 6, 10, 11) and len(size.unreached) == 100
    assert int(conv_output_size(5, 3, padding=10**23)) == 5 + 2 * 10**23 - 2
    assert int(conv_output_size(3, 3, stride=10**40, transposed=True)) == 2 * 10**40 + 3
    assert message(conv_output_size, 10**1000, 3) == \
        "input size: an integer of more than 1000 digits is not a sane size; give at most 1000 digits"


def test_too_many_residue_classes_are_not_searched():
    size = conv_output_size(10**9, 20001, stride=20011, dilation=20003)
    assert int(size) == (10**9 - 20003 * 20000 - 1) // 20011 + 1 and size.unreached_count is None
    assert size.lines[-1] == ("the windows (stride 20011, dilation 20003, kernel span 400060001) are not searched "
                              "for skipped input indices: more than 10000 residue classes")
