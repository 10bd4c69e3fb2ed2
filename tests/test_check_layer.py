"""check_output_size and check(..., op="layer"): claimed CNN sizes and outputs, diagnosed exactly.

Sizes are compared with PyTorch's output shapes (when torch is importable) and with sizes
derived by hand; unreached input indices with a direct marking of every index a window reads.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from sympy import Rational

import symconv
from symconv import check, check_output_size, conv_layer
from symconv.cli import main
from symconv.errors import InputError

IMAGE = [[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]]
KERNEL = [[1, 0, 1], [0, 1, 0], [1, 0, 1]]


# --------------------------------------------------------------------------- sizes
def _read_by_windows(i, k, s, p, d):
    """Input indices some window reads, by brute force over every output and tap."""
    out = (i + 2 * p - d * (k - 1) - 1) // s + 1
    return {o * s + t * d - p for o in range(out) for t in range(k)} & set(range(i))


def test_the_question_of_the_issue_14_5():
    v = check_output_size("14.5", 32, 5, stride=2)
    assert not v.ok and v.kinds == ("inconsistent_size",)
    assert v.terms[0].claimed == Rational(29, 2) and v.terms[0].correct == 14
    assert v.mistakes[0].explanation == (
        "A size is an integer, but the claim is 29/2 = 14.5: that is (i + 2p - d(k - 1) - 1)/s + 1 = "
        "27/2 + 1 before the floor. The stride does not fit: PyTorch rounds down to 14, and the last "
        "window reads input indices 26..30: input index 31 is never reached (1 row/column ignored).")
    assert v.mistakes[0].evidence["unreached"] == [31]
    assert set(range(32)) - _read_by_windows(32, 5, 2, 0, 1) == {31}
    # the same claim as a fraction, a float and a Rational
    for claim in ("29/2", 14.5, Rational(29, 2)):
        assert check_output_size(claim, 32, 5, stride=2).kinds == ("inconsistent_size",)


def test_a_right_size_is_right_and_notes_the_stride_that_does_not_fit():
    v = check_output_size(14, 32, 5, stride=2)
    assert v.ok and not v.mistakes
    assert "input index 31 is never reached" in v.notes[0]
    assert check_output_size(15, 33, 5, stride=2).ok
    assert check_output_size(15, 33, 5, stride=2).notes == ()  # the stride fits: nothing to note


def test_a_non_integer_claim_that_is_not_the_formula():
    v = check_output_size("14.25", 32, 5, stride=2)
    assert v.mistakes[0].explanation == ("A size is an integer, but the claim is 57/4 = 14.25; "
                                         "PyTorch computes 14.")


@pytest.mark.parametrize("claim, kwargs, cause", [
    (15, dict(i=32, k=5, stride=2), "the formula rounded up instead of down (PyTorch takes the floor)"),
    (28, dict(i=28, k=5), "the size with padding 2 (the question has padding 0)"),
    (28, dict(i=32, k=5, padding=2), "the size with padding 0 (the question has padding 2)"),
    (30, dict(i=32, k=5, padding=2), "the size with the padding counted once (p instead of 2p)"),
    (28, dict(i=32, k=5, stride=2), "the size with stride 1 (the question has stride 2)"),
    (30, dict(i=32, k=3, dilation=2), "the size with dilation 1 (the question has dilation 2)"),
    (15, dict(i=33, k=3, stride=2), "the formula without the final + 1"),
    (5, dict(i=3, k=3, stride=2, padding=1, transposed=True, output_padding=1),
     "the size without output_padding"),
])
def test_slips_are_named_by_computing_them(claim, kwargs, cause):
    i, k = kwargs.pop("i"), kwargs.pop("k")
    v = check_output_size(claim, i, k, **kwargs)
    assert not v.ok and v.kinds == ("inconsistent_size",)
    assert cause in v.mistakes[0].evidence["causes"]


def test_per_axis_claims():
    v = check_output_size("14x15", (32, 33), 5, stride=2)
    assert v.ok and [t.correct for t in v.terms] == [14, 15]
    v = check_output_size((14, 14), (32, 33), 5, stride=2)
    assert not v.ok and [t.ok for t in v.terms] == [True, False]
    assert v.mistakes[0].explanation.startswith("Axis 1: The claim 14 is not the size: PyTorch computes 15.")
    assert check_output_size(55, (227, 227), 11, stride=4).ok  # one claim for every axis


def test_bad_claims():
    with pytest.raises(InputError, match="^claimed size: gives 2 sizes for 1 spatial axis$"):
        check_output_size("14 15", 32, 5)
    with pytest.raises(InputError) as error:
        check_output_size("fourteen", 32, 5)
    assert str(error.value) == "claimed size: 'fourteen' is not a number; a size is written as 14, 14.5 or 29/2"


def test_sizes_against_pytorch():
    torch = pytest.importorskip("torch")
    for i, k, s, p, d in itertools.product((5, 8, 13), (1, 2, 3), (1, 2, 3), (0, 1, 2), (1, 2)):
        if d * (k - 1) + 1 > i + 2 * p:
            continue
        size = torch.nn.functional.conv1d(torch.zeros(1, 1, i), torch.zeros(1, 1, k), stride=s,
                                          padding=p, dilation=d).shape[-1]
        v = check_output_size(size, i, k, stride=s, padding=p, dilation=d)
        assert v.ok, (i, k, s, p, d)
        exact = Rational(i + 2 * p - d * (k - 1) - 1, s) + 1
        if not exact.is_integer:
            wrong = check_output_size(exact, i, k, stride=s, padding=p, dilation=d)
            unreached = sorted(set(range(i)) - _read_by_windows(i, k, s, p, d))
            assert wrong.kinds == ("inconsistent_size",)
            assert wrong.mistakes[0].evidence["unreached"] == unreached
        assert not check_output_size(size + 1, i, k, stride=s, padding=p, dilation=d).ok
        for op in range(max(s, d)):
            t = torch.nn.functional.conv_transpose1d(torch.zeros(1, 1, i), torch.zeros(1, 1, k), stride=s,
                                                     padding=0, output_padding=op, dilation=d).shape[-1]
            assert check_output_size(t, i, k, stride=s, dilation=d, transposed=True, output_padding=op).ok


def test_size_cli_check(capsys):
    assert main(["size", "32", "5", "--stride", "2", "--check", "14.5"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("wrong: output size of a layer: i = 32, k = 5, stride 2, padding 0, dilation 1")
    assert "input index 31 is never reached" in out
    assert main(["size", "32", "5", "--stride", "2", "--check", "14"]) == 0
    assert main(["size", "32,33", "5", "--stride", "2", "--check", "14,15", "--format", "json"]) == 0
    assert '"ok": true' in capsys.readouterr().out
    assert main(["size", "32", "5", "--check", "a,b"]) == 2
    assert capsys.readouterr().err.startswith("symconv: error: claimed size, item 1: ")


def test_public_api():
    assert symconv.check_output_size is check_output_size


# --------------------------------------------------------------------------- layer outputs
def _layer(x, w, b=None, *, stride=1, padding=0, flip=False):
    """A 2-D layer by its defining sum (zero padding), independent of symconv."""
    x, w = np.asarray(x, dtype=object), np.asarray(w, dtype=object)
    if flip:
        w = w[:, :, ::-1, ::-1]
    x = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))
    c_out, c_in, kh, kw = w.shape
    rows, cols = (x.shape[1] - kh) // stride + 1, (x.shape[2] - kw) // stride + 1
    y = np.zeros((c_out, rows, cols), dtype=object)
    for c, i, j in itertools.product(range(c_out), range(rows), range(cols)):
        y[c, i, j] = (0 if b is None else b[c]) + sum(
            x[k, i * stride + u, j * stride + v] * w[c, k, u, v]
            for k in range(c_in) for u in range(kh) for v in range(kw))
    return y


RNG = np.random.default_rng(7)
X = RNG.integers(-3, 4, (2, 5, 6))
W = RNG.integers(-3, 4, (2, 2, 3, 2))
B = [1, -2]


def test_reference_image_right_in_every_notation():
    assert check([[4, 3, 4], [2, 4, 3], [2, 3, 4]], [IMAGE], [[KERNEL]], op="layer").ok
    assert check("4 3 4; 2 4 3; 2 3 4", [IMAGE], [[KERNEL]], op="layer").ok
    assert check(r"\begin{bmatrix}4&3&4\\2&4&3\\2&3&4\end{bmatrix}", [IMAGE], [[KERNEL]], op="layer").ok
    assert check([[[4, 3, 4], [2, 4, 3], [2, 3, 4]]], [IMAGE], [[KERNEL]], op="layer").ok


def test_layer_claims_against_the_defining_sum():
    right = _layer(X, W, B)
    assert (np.asarray(conv_layer(X, W, bias=B).values, dtype=object) == right).all()
    v = check(right.tolist(), X, W, op="layer", bias=B)
    assert v.ok and len(v.terms) == right.size and v.terms[0].index == (0, 0, 0)


def test_flipped_kernel_is_unflipped_kernel():
    v = check(_layer(X, W, B, flip=True).tolist(), X, W, op="layer", bias=B)
    assert v.kinds == ("unflipped_kernel",)
    assert v.mistakes[0].explanation.startswith("The claim is a true convolution: the kernel flipped, "
                                                "where a CNN layer slides it unflipped")


def test_other_padding_and_stride_are_named():
    v = check(_layer(X, W, B, padding=1).tolist(), X, W, op="layer", bias=B)
    assert v.kinds == ("wrong_padding", "inconsistent_size")
    assert v.mistakes[0].evidence == {"padding": 1}
    assert v.mistakes[0].explanation.startswith("The claim is the layer with padding 1 (the question has "
                                                "padding 0): shape (2, 5, 7)")
    assert v.mistakes[1].explanation == "The claim has shape (2, 5, 7), the layer output (2, 3, 5)."
    v = check(_layer(X, W, B).tolist(), X, W, op="layer", bias=B, stride=2)
    assert v.kinds == ("wrong_stride", "inconsistent_size") and v.mistakes[0].evidence == {"stride": 1}
    v = check(_layer(X, W, B, stride=2).tolist(), X, W, op="layer", bias=B, stride=2, padding=1)
    assert v.kinds[0] == "wrong_padding" and v.mistakes[0].evidence == {"padding": 0}


def test_one_wrong_term_and_a_product_left_out():
    y = _layer(X, W, B)
    y[1, 2, 1] -= X[1, 4, 1] * W[1, 1, 2, 0]
    v = check(y.tolist(), X, W, op="layer", bias=B)
    assert v.kinds == ("single_wrong_term", "term_left_out")
    assert v.mistakes[0].evidence["index"] == (1, 2, 1)
    assert v.mistakes[0].evidence["correct"] == _layer(X, W, B)[1, 2, 1]
    assert v.mistakes[1].evidence["product"] == "x[1, 4, 1]w[1, 1, 2, 0]"
    y = _layer(X, W, B)
    y[0, 0, 0] += 7
    v = check(y.tolist(), X, W, op="layer", bias=B)
    assert v.kinds == ("single_wrong_term",) and [t.index for t in v.wrong_terms] == [(0, 0, 0)]


def test_bias_left_out_and_wrong_shape():
    v = check(_layer(X, W).tolist(), X, W, op="layer", bias=B)
    assert v.kinds == ("term_left_out",)
    assert v.mistakes[0].explanation.startswith("The claim is the layer without the bias")
    v = check(_layer(X, W, B)[:, :2].tolist(), X, W, op="layer", bias=B)
    assert v.kinds == ("inconsistent_size",)
    assert v.mistakes[0].evidence == {"claimed_shape": [2, 2, 5], "correct_shape": [2, 3, 5]}


def test_layer_claims_against_pytorch():
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    rng = np.random.default_rng(3)
    for _ in range(4):
        x, w = rng.integers(-3, 4, (1, 2, 6, 5)), rng.integers(-3, 4, (3, 2, 3, 3))
        tx, tw = torch.tensor(x, dtype=torch.float64), torch.tensor(w, dtype=torch.float64)
        layer = F.conv2d(tx, tw, stride=2, padding=1)[0].numpy().astype(int).tolist()
        assert check(layer, x[0], w, op="layer", stride=2, padding=1).ok
        flipped = F.conv2d(tx, tw.flip(-1, -2), stride=2, padding=1)[0].numpy().astype(int).tolist()
        assert "unflipped_kernel" in check(flipped, x[0], w, op="layer", stride=2, padding=1).kinds
        dilated = F.conv2d(tx, tw, dilation=2)[0].numpy().astype(int).tolist()
        assert check(dilated, x[0], w, op="layer").kinds[0] == "wrong_dilation"


def test_layer_parameters_belong_to_op_layer():
    with pytest.raises(InputError) as error:
        check([1], [1, 2], [1], stride=2)
    assert str(error.value) == "stride: applies to a layer only; give op layer to check a layer's output"
    with pytest.raises(InputError) as error:
        check([[[1, 2]]], [[1, 2, 3]], [[[1, 1]]], op="layer")
    assert str(error.value) == "claimed answer: is 3-D but the layer output (1, 2) is 2-D"


# --------------------------------------------------------------------------- check --op layer (CLI)
IMAGE_TEXT = "1 1 1 0 0; 0 1 1 1 0; 0 0 1 1 1; 0 0 1 1 0; 0 1 1 0 0"
KERNEL_TEXT = "1 0 1; 0 1 0; 1 0 1"


def test_cli_check_layer_right_wrong_and_bad_input(capsys):
    assert main(["check", "--op", "layer", "4 3 4; 2 4 3; 2 3 4", IMAGE_TEXT, KERNEL_TEXT]) == 0
    out = capsys.readouterr().out
    assert out.startswith("right: y = layer(x, w): stride 1, padding 0\n  (c, i, j)  claimed  correct\n")
    # the layer with stride 1 claimed for stride 2, and a wrong shape
    assert main(["check", "--op", "layer", "3 5", "1 2 3", "1 1", "--stride", "2"]) == 1
    out = capsys.readouterr().out
    assert ("  - wrong_stride: The claim is the layer with stride 1 (the question has stride 2): "
            "shape (1, 2), [3, 5].") in out.splitlines()
    # a 4-D claim: one line, exit 2
    assert main(["check", "--op", "layer", "1 2", "1 2 3", "1 1; 1 1"]) == 2
    assert capsys.readouterr().err == ("symconv: error: kernel: is 2-D but the input is 1-D; give both with "
                                       "the same number of axes\n")


def test_cli_check_layer_parameters_reach_the_layer(capsys):
    """Each option changes the answer that is right, as conv_layer computes it."""
    cases = [
        (["--padding", "1"], dict(padding=1)),
        (["--dilation", "2"], dict(dilation=2)),
        (["--stride", "2", "--padding", "1"], dict(stride=2, padding=1)),
        (["--padding", "1", "--padding-mode", "reflect"], dict(padding=1, padding_mode="reflect")),
        (["--bias", "1/2", "--padding", "same"], dict(bias=[Rational(1, 2)], padding="same")),
        (["--groups", "1"], dict(groups=1)),
    ]
    x, w = [1, 2, 3, 4, 5], [1, -1, 2]
    for options, kwargs in cases:
        right = conv_layer([x], [[w]], **kwargs).values[0]
        claim = " ".join(map(str, right))
        assert main(["check", "--op", "layer", claim, "1 2 3 4 5", "1 -1 2", *options]) == 0, options
        capsys.readouterr()
        wrong = " ".join(map(str, [v + 1 for v in right]))
        assert main(["check", "--op", "layer", wrong, "1 2 3 4 5", "1 -1 2", *options]) == 1, options
        capsys.readouterr()


def test_cli_check_layer_json_and_names(capsys):
    assert main(["check", "--op", "layer", "[[3, 5]]", "1 2 3", "1 1", "--names", "a,k,z", "--format", "json"]) == 0
    import json

    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] and payload["question"] == "z = layer(a, k): stride 1, padding 0"
    assert payload["index_name"] == "(c, i)"


@pytest.mark.parametrize("argv, message", [
    (["check", "--op", "layer", "3 5", "1 2 3", "1 1", "--groups", "2"],
     "--groups: input channels 1 are not divisible by groups 2"),
    (["check", "--op", "layer", "3 5", "1 2 3", "1 1", "--start", "1"],
     "--op layer: a layer's input and output start at index 0; --start, --start-x and --start-h do not apply"),
    (["check", "--op", "layer", "--line", "y[0] = 3", "1 2 3", "1 1"],
     "--op layer: checks a claimed output (CLAIMED X W); --line and --solution check worked lines of "
     "convolution and correlation"),
    (["check", "--op", "layer", "1 2 3", "1 1"], "check: expected CLAIMED X W, got 2 operand(s)"),
    (["check", "--op", "layer", "3 5", "1 2 3", "1 1", "--stride", "0"], None),
    (["check", "3 5", "1 2 3", "1 1", "--stride", "2"],
     "--stride: applies to a layer only; give op layer to check a layer's output"),
    (["check", "--op", "layer", "3 5", "1 2 3", "1 1", "--bias", "0,5"], None),
])
def test_cli_check_layer_errors_are_one_line(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("symconv: error: ")
    if message is not None:
        assert err == f"symconv: error: {message}\n"


def test_cli_check_layer_readme_example(capsys):
    """The example in README's 'Checking answers', verbatim."""
    readme = (__import__("pathlib").Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split('$ symconv check --op layer "4 7" "1 2 3" "1 2"\n', 1)[1].split("```", 1)[0]
    assert main(["check", "--op", "layer", "4 7", "1 2 3", "1 2"]) == 1
    assert capsys.readouterr().out == block


def test_issue_12_padding_left_out_plus_two_slips(capsys):
    from symconv.cli import main

    x = [[1, 2, 0, 1], [0, 1, 3, 1], [2, 1, 0, 1], [1, 0, 1, 2]]
    w = [[[[1, 0], [2, 1]]]]
    unpadded = conv_layer([x], w)
    assert unpadded.values[0] == [[2, 7, 7], [5, 3, 4], [4, 2, 4]]  # by hand: x[i][j] + 2x[i+1][j] + x[i+1][j+1]
    claim = [[[3, 7, 7], [5, 3, 4], [4, 0, 4]]]  # two slips: 3 for 2, 0 for 2
    v = check(claim, [x], w, op="layer", padding=1)
    assert v.kinds == ("wrong_padding", "unexplained", "inconsistent_size")
    assert v.mistakes[0].evidence["padding"] == 0 and v.mistakes[0].evidence["except"] == [(0, 0, 0), (0, 2, 1)]
    assert v.mistakes[1].explanation == (
        "No single mistake explains the terms y[0, 0, 0] and y[0, 2, 1]: y[0, 0, 0] is 3 where that answer "
        "has 2 (off by 1); y[0, 2, 1] is 0 where that answer has 2 (off by -2).")
    assert main(["check", "--op", "layer", "--padding", "1", "[[3,7,7],[5,3,4],[4,0,4]]",
                 "[[1,2,0,1],[0,1,3,1],[2,1,0,1],[1,0,1,2]]", "[[1,0],[2,1]]"]) == 1
    assert "wrong_padding" in capsys.readouterr().out
