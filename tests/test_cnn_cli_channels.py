"""symconv layer with channels, groups and per-channel bias; --explain as JSON; --at and --scatter.

Every multi-channel result is compared with a NumPy direct sum written here (exact integers and
Fractions in object arrays) and, when PyTorch is importable, with torch.nn.functional.
"""

from __future__ import annotations

import itertools
import json
import shlex
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from helpers import run_cli

README = Path(__file__).resolve().parents[1] / "README.md"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    return run_cli(list(argv), capsys)


def text(array: np.ndarray) -> str:
    """A tensor as nested brackets, the way PyTorch and JSON print it."""
    return json.dumps(np.asarray(array).tolist())


def exact(values) -> np.ndarray:
    """Strings of a JSON result ('5/2') as Fractions in an object array."""
    return np.vectorize(Fraction, otypes=[object])(np.array(values, dtype=object))


# ------------------------------------------------------------------ independent references
def conv_reference(x, w, bias=None, stride=(1, 1), padding=(0, 0), dilation=(1, 1), groups=1):
    """y[c, o] = b[c] + sum_{j, t} x_pad[g*C_in/G + j, o*s + t*d] w[c, j, t], for any spatial rank."""
    x, w = np.asarray(x, dtype=object), np.asarray(w, dtype=object)
    c_in, c_out, nd = x.shape[0], w.shape[0], x.ndim - 1
    per_in, per_out = c_in // groups, c_out // groups
    padded = np.zeros((c_in, *(n + 2 * p for n, p in zip(x.shape[1:], padding))), dtype=object)
    padded[(slice(None), *(slice(p, p + n) for n, p in zip(x.shape[1:], padding)))] = x
    out_shape = tuple((n + 2 * p - d * (k - 1) - 1) // s + 1
                      for n, k, s, p, d in zip(x.shape[1:], w.shape[2:], stride, padding, dilation))
    y = np.zeros((c_out, *out_shape), dtype=object)
    for c in range(c_out):
        group = c // per_out
        for o in itertools.product(*map(range, out_shape)):
            total = Fraction(bias[c]) if bias is not None else Fraction(0)
            for j in range(per_in):
                for t in itertools.product(*map(range, w.shape[2:])):
                    where = tuple(oo * s + tt * d for oo, tt, s, d in zip(o, t, stride, dilation))
                    total += padded[(group * per_in + j, *where)] * w[(c, j, *t)]
            y[(c, *o)] = total
    assert nd == len(out_shape)
    return y


def transpose_reference(x, w, bias=None, stride=(1, 1), padding=(0, 0), output_padding=(0, 0),
                        dilation=(1, 1), groups=1):
    """Every x[c_in, n] adds x * w[c_in, c_local, t] to output n*s + t*d - p (scatter)."""
    x, w = np.asarray(x, dtype=object), np.asarray(w, dtype=object)
    c_in, per_out = x.shape[0], w.shape[1]
    per_in = c_in // groups
    out_shape = tuple((n - 1) * s - 2 * p + d * (k - 1) + op + 1 for n, k, s, p, op, d in
                      zip(x.shape[1:], w.shape[2:], stride, padding, output_padding, dilation))
    y = np.zeros((per_out * groups, *out_shape), dtype=object)
    for ci in range(c_in):
        group = ci // per_in
        for n in itertools.product(*map(range, x.shape[1:])):
            for local in range(per_out):
                for t in itertools.product(*map(range, w.shape[2:])):
                    o = tuple(nn * s + tt * d - p for nn, tt, s, d, p in zip(n, t, stride, dilation, padding))
                    if all(0 <= oo < size for oo, size in zip(o, out_shape)):
                        y[(group * per_out + local, *o)] += x[(ci, *n)] * w[(ci, local, *t)]
    if bias is not None:
        for c, b in enumerate(bias):
            y[c] += Fraction(b)
    return y


def test_the_references_agree_with_a_hand_computation():
    # 2 input channels, 1 output: y = x0 * [1, 1] + x1 * [0, 1], valid
    y = conv_reference([[1, 2, 3], [4, 5, 6]], [[[1, 1], [0, 1]]], stride=(1,), padding=(0,), dilation=(1,))
    assert y.tolist() == [[8, 11]]
    y = transpose_reference([[1, 2]], [[[1, 10, 100]]], stride=(2,), padding=(0,), output_padding=(0,),
                            dilation=(1,))
    assert y.tolist() == [[1, 10, 102, 20, 200]]


# ------------------------------------------------------------------ cases
CASES = [  # (C_in, C_out, groups, spatial, kernel, stride, padding, dilation, bias)
    (2, 3, 1, (5, 4), (2, 3), (1, 1), (0, 0), (1, 1), True),
    (4, 2, 2, (5, 5), (3, 3), (2, 1), (1, 1), (1, 1), False),
    (3, 3, 3, (6, 5), (2, 2), (1, 2), (0, 1), (2, 1), True),
    (2, 4, 2, (4, 4), (1, 2), (1, 1), (1, 0), (1, 1), True),
]


def random_case(seed, c_in, c_out, groups, spatial, kernel, with_bias):
    rng = np.random.default_rng(seed)
    x = rng.integers(-3, 4, size=(c_in, *spatial))
    w = rng.integers(-3, 4, size=(c_out, c_in // groups, *kernel))
    bias = [str(Fraction(int(n), 2)) for n in rng.integers(-4, 5, size=c_out)] if with_bias else None
    return x, w, bias


def layer_argv(x, w, stride, padding, dilation, groups, bias, *extra):
    argv = ["layer", text(x), text(w), "--stride", ",".join(map(str, stride)), "--padding",
            ",".join(map(str, padding)), "--dilation", ",".join(map(str, dilation)), "--groups", str(groups)]
    if bias is not None:
        argv += ["--bias", ", ".join(bias)]
    return argv + list(extra)


@pytest.mark.parametrize("case", range(len(CASES)))
def test_multi_channel_layers_match_the_numpy_direct_sum(capsys, case):
    c_in, c_out, groups, spatial, kernel, stride, padding, dilation, with_bias = CASES[case]
    x, w, bias = random_case(case, c_in, c_out, groups, spatial, kernel, with_bias)
    code, out, err = run(capsys, *layer_argv(x, w, stride, padding, dilation, groups, bias, "--format", "json"))
    assert code == 0 and err == ""
    payload = json.loads(out)
    expected = conv_reference(x, w, bias, stride, padding, dilation, groups)
    assert payload["shape"] == list(expected.shape) and payload["out_channels"] == c_out
    assert payload["in_channels"] == c_in and payload["groups"] == groups
    assert (exact(payload["values"]) == expected).all()
    for c, channel in enumerate(payload["channels"]):
        assert channel["out_channel"] == c and (exact(channel["values"]) == expected[c]).all()
    assert payload["bias"] == bias


@pytest.mark.torch
@pytest.mark.parametrize("case", range(len(CASES)))
def test_multi_channel_layers_match_torch(capsys, case):
    torch = pytest.importorskip("torch")
    c_in, c_out, groups, spatial, kernel, stride, padding, dilation, with_bias = CASES[case]
    x, w, bias = random_case(case, c_in, c_out, groups, spatial, kernel, with_bias)
    code, out, _ = run(capsys, *layer_argv(x, w, stride, padding, dilation, groups, bias, "--format", "json"))
    got = exact(json.loads(out)["values"])
    reference = torch.nn.functional.conv2d(
        torch.tensor(x, dtype=torch.float64), torch.tensor(w, dtype=torch.float64),
        None if bias is None else torch.tensor([float(Fraction(b)) for b in bias], dtype=torch.float64),
        stride=stride, padding=padding, dilation=dilation, groups=groups)
    # halves of small integers are exact in float64
    assert code == 0 and got.shape == tuple(reference.shape)
    assert (got == np.vectorize(Fraction, otypes=[object])(reference.numpy())).all()


TRANSPOSED = [  # (C_in, C_out, groups, spatial, kernel, stride, padding, output_padding, dilation, bias)
    (2, 3, 1, (3, 4), (2, 3), (2, 1), (0, 1), (1, 0), (1, 1), True),
    (4, 2, 2, (3, 3), (3, 2), (2, 2), (1, 0), (0, 1), (1, 1), False),
    (2, 2, 2, (4, 3), (2, 2), (1, 2), (0, 0), (0, 0), (2, 1), True),
]


def transposed_case(seed, c_in, c_out, groups, spatial, kernel, with_bias):
    rng = np.random.default_rng(100 + seed)
    x = rng.integers(-3, 4, size=(c_in, *spatial))
    w = rng.integers(-3, 4, size=(c_in, c_out // groups, *kernel))
    bias = [str(int(n)) for n in rng.integers(-4, 5, size=c_out)] if with_bias else None
    return x, w, bias


def transposed_argv(case):
    c_in, c_out, groups, spatial, kernel, stride, padding, output_padding, dilation, with_bias = TRANSPOSED[case]
    x, w, bias = transposed_case(case, c_in, c_out, groups, spatial, kernel, with_bias)
    argv = layer_argv(x, w, stride, padding, dilation, groups, bias, "--transposed", "--output-padding",
                      ",".join(map(str, output_padding)), "--format", "json")
    return argv, (x, w, bias, stride, padding, output_padding, dilation, groups)


@pytest.mark.parametrize("case", range(len(TRANSPOSED)))
def test_transposed_multi_channel_layers_match_the_scatter_reference(capsys, case):
    argv, (x, w, bias, stride, padding, output_padding, dilation, groups) = transposed_argv(case)
    code, out, err = run(capsys, *argv)
    assert code == 0 and err == ""
    payload = json.loads(out)
    expected = transpose_reference(x, w, bias, stride, padding, output_padding, dilation, groups)
    assert payload["operation"] == "conv_transpose_layer" and payload["shape"] == list(expected.shape)
    assert (exact(payload["values"]) == expected).all()


@pytest.mark.torch
@pytest.mark.parametrize("case", range(len(TRANSPOSED)))
def test_transposed_multi_channel_layers_match_torch(capsys, case):
    torch = pytest.importorskip("torch")
    argv, (x, w, bias, stride, padding, output_padding, dilation, groups) = transposed_argv(case)
    code, out, _ = run(capsys, *argv)
    reference = torch.nn.functional.conv_transpose2d(
        torch.tensor(x, dtype=torch.float64), torch.tensor(w, dtype=torch.float64),
        None if bias is None else torch.tensor([float(b) for b in bias], dtype=torch.float64),
        stride=stride, padding=padding, output_padding=output_padding, groups=groups, dilation=dilation)
    got = exact(json.loads(out)["values"])
    assert code == 0 and got.shape == tuple(reference.shape)
    assert (got == np.vectorize(Fraction, otypes=[object])(reference.numpy())).all()


def test_one_dimensional_channels_match_the_numpy_direct_sum(capsys):
    x = [[1, 2, 3, 4], [0, -1, 2, 1]]
    w = [[[1, 1], [0, 1]], [[2, 0], [1, -1]], [[0, 1], [1, 0]]]
    code, out, err = run(capsys, "layer", text(x), text(w), "--stride", "2", "--padding", "1", "--bias", "1,0,-1/2")
    expected = conv_reference(x, w, ["1", "0", "-1/2"], (2,), (1,), (1,))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[:3] == ["c = 0, n = 0..2: " + ", ".join(str(v) for v in expected[0]),
                         "c = 1, n = 0..2: " + ", ".join(str(v) for v in expected[1]),
                         "c = 2, n = 0..2: " + ", ".join(str(v) for v in expected[2])]
    assert lines[3:] == [f"y[{c}, {n}] = {expected[c, n]}" for c in range(3) for n in range(3)]


@pytest.mark.torch
def test_one_dimensional_channels_match_torch_conv1d(capsys):
    torch = pytest.importorskip("torch")
    x = [[1, 2, 3, 4], [0, -1, 2, 1]]
    w = [[[1, 1], [0, 1]], [[2, 0], [1, -1]], [[0, 1], [1, 0]]]
    code, out, _ = run(capsys, "layer", text(x), text(w), "--stride", "2", "--padding", "1", "--bias", "1,0,-1/2",
                       "--format", "json")
    expected = exact(json.loads(out)["values"])
    assert code == 0
    reference = torch.nn.functional.conv1d(torch.tensor(x, dtype=torch.float64), torch.tensor(w, dtype=torch.float64),
                                           torch.tensor([1, 0, -0.5], dtype=torch.float64), stride=2, padding=1)
    assert (expected == np.vectorize(Fraction, otypes=[object])(reference.numpy())).all()


# ------------------------------------------------------------------ notation, files, formats
def test_the_one_channel_form_is_unchanged(capsys):
    code, out, _ = run(capsys, "layer", "1 2 3 4", "1 1", "--padding", "1:0", "--bias", "1/2", "--format", "json")
    payload = json.loads(out)
    assert code == 0 and "channels" not in payload and "groups" not in payload
    assert payload["values"] == ["3/2", "7/2", "11/2", "15/2"]


def test_a_json_file_is_an_operand(capsys, tmp_path):
    x = tmp_path / "x.json"
    x.write_text(json.dumps([[[0.5, 1], [2, 0]], [[1, 0], [0, 0.25]]], indent=2))
    w = tmp_path / "w.json"
    w.write_text(json.dumps([[[[1, 0], [0, 1]], [[1, 1], [1, 1]]]]))
    code, out, _ = run(capsys, "layer", f"@{x}", f"@{w}")
    # (0.5 + 0) + (1 + 0 + 0 + 0.25), exactly: 1/2 + 5/4
    assert code == 0 and out.splitlines()[0] == "c = 0, i = 0..0, j = 0..0: 7/4"
    assert out.splitlines()[1:] == ["y[0, i, j]:", "i\\j |   0", "---------", "i=0 | 7/4"]


def test_json_strings_and_symbols_in_the_weight(capsys):
    code, out, _ = run(capsys, "layer", "[[1, 2], [3, 4]]", '[[["a", "1/3"], ["b", 0]]]', "--format", "json")
    assert code == 0 and json.loads(out)["values"] == [["a + 3*b + 2/3"]]


def test_latex_shows_every_channel(capsys):
    code, out, _ = run(capsys, "layer", "[[1, 2, 3]]", "[[[1, 1]], [[1, -1]]]", "--bias", "0, 1/2",
                       "--format", "latex")
    assert code == 0
    assert out.splitlines() == [
        "y[0, n] = \\left\\{ 3, 5 \\right\\},\\quad n = 0, \\dots, 1",
        "y[1, n] = \\left\\{ -\\tfrac{1}{2}, -\\tfrac{1}{2} \\right\\},\\quad n = 0, \\dots, 1"]


def test_output_file_is_written(capsys, tmp_path):
    target = tmp_path / "y.json"
    code, out, _ = run(capsys, "layer", "[[1, 2, 3]]", "[[[1, 1]], [[1, -1]]]", "--format", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text())["values"] == [["3", "5"], ["-1", "-1"]]


def test_three_spatial_axes(capsys):
    x = np.arange(2 * 2 * 2 * 3).reshape(2, 2, 2, 3) % 5
    w = np.ones((1, 2, 1, 2, 2), dtype=int)
    code, out, _ = run(capsys, "layer", text(x), text(w))
    expected = conv_reference(x, w, stride=(1, 1, 1), padding=(0, 0, 0), dilation=(1, 1, 1))
    assert code == 0 and expected.shape == (1, 2, 1, 2)
    assert out.splitlines()[0] == (f"c = 0, i = 0..1, j = 0..0, k = 0..1: [{expected[0, 0, 0, 0]}, "
                                   f"{expected[0, 0, 0, 1]}]; [{expected[0, 1, 0, 0]}, {expected[0, 1, 0, 1]}]")
    assert out.splitlines()[1] == f"y[0, 0, 0, 0] = {expected[0, 0, 0, 0]}"


def test_check_op_layer_takes_channels(capsys):
    x, w = "[[1,2,3],[4,5,6]]", "[[[1,1],[0,1]],[[1,0],[0,0]]]"
    code, out, _ = run(capsys, "check", "--op", "layer", "[[8, 11], [3/2, 5/2]]", x, w, "--bias", "0, 1/2")
    assert code == 0 and out.startswith("right: ")
    code, out, _ = run(capsys, "check", "--op", "layer", "[[8, 11], [3/2, 3]]", x, w, "--bias", "0, 1/2")
    assert code == 1 and "  1, 1    3        5/2      WRONG" in out.splitlines()


# ------------------------------------------------------------------ --explain as JSON, --at
def walk(value):
    """Every leaf of parsed JSON."""
    if isinstance(value, dict):
        for v in value.values():
            yield from walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from walk(v)
    else:
        yield value


def test_explain_json_gives_every_product_of_the_chosen_outputs(capsys):
    x, w, bias = random_case(7, 4, 2, 2, (4, 4), (2, 2), True)
    code, out, err = run(capsys, *layer_argv(x, w, (2, 1), (1, 0), (1, 1), 2, bias, "--explain", "--format", "json",
                                             "--at", "1:0,1;2,0"))
    assert code == 0 and err == ""
    data = json.loads(out)
    assert not any(isinstance(leaf, float) for leaf in walk(data))  # exact values are strings
    expected = conv_reference(x, w, bias, (2, 1), (1, 0), (1, 1), 2)
    assert data["operation"] == "conv_layer" and data["in_channels"] == 4 and data["out_channels"] == 2
    assert data["parameters"] == {"stride": [2, 1], "padding": [[1, 1], [0, 0]], "dilation": [1, 1], "groups": 2,
                                  "padding_mode": "zeros"}
    assert (exact(data["result"]["values"]) == expected).all()
    assert [o["index"] for o in data["outputs"]] == [[1, 0, 1], [0, 2, 0], [1, 2, 0]]
    for output in data["outputs"]:
        c, i, j = output["index"]
        group = c  # 2 groups of 2 input channels, 1 output channel each
        products = output["products"]
        assert {p["in_channel"] for p in products} == {2 * group, 2 * group + 1}
        for p in products:
            ci, xi, xj = p["x_index"]
            assert p["w_index"][:2] == [c, ci - 2 * group]
            k, l = p["w_index"][2:]
            assert (xi, xj) == (i * 2 + k - 1, j + l)  # o*s + t*d - p
            inside = 0 <= xi < 4 and 0 <= xj < 4
            assert Fraction(p["x"]) == (x[ci, xi, xj] if inside else 0)
            assert Fraction(p["w"]) == w[c, ci - 2 * group, k, l]
            assert Fraction(p["product"]) == Fraction(p["x"]) * Fraction(p["w"])
        total = sum(Fraction(p["product"]) for p in products) + Fraction(output["bias"])
        assert Fraction(output["value"]) == total == expected[c, i, j]
        assert sum(Fraction(s["value"]) for s in output["channel_sums"]) + Fraction(output["bias"]) == total


def test_explain_json_of_a_transposed_layer_and_the_flip(capsys, tmp_path):
    target = tmp_path / "layer.json"
    code, out, _ = run(capsys, "layer", "[[1, 2], [3, 4]]", "[[[1, 10, 100]], [[2, 0, 1]]]", "--transposed",
                       "--stride", "2", "--explain", "--at", "0:2", "--scatter", "1", "-o", str(target))
    assert code == 0 and out == ""
    data = json.loads(target.read_text())
    expected = transpose_reference([[1, 2], [3, 4]], [[[1, 10, 100]], [[2, 0, 1]]], stride=(2,), padding=(0,),
                                   output_padding=(0,), dilation=(1,))
    assert data["operation"] == "conv_transpose_layer" and (exact(data["result"]["values"]) == expected).all()
    (output,) = data["outputs"]
    assert output["index"] == [0, 2] and output["input"] == "x\u2191" and output["value"] == str(expected[0, 2])
    scatter = next(step for step in data["steps"] if step["type"] == "ScatterStep")
    assert scatter["index"] == [1] and scatter["value"] == "2"
    code, out, _ = run(capsys, "layer", "[[1, 2, 3]]", '[[["a", "b"]]]', "--explain", "--flip", "--format", "json",
                       "--at", "1")
    data = json.loads(out)
    assert data["flipped"]["values"] == [[["b", "a"]]]
    assert data["outputs"][0]["as_convolution"]["value"] == "2*a + 3*b"
    assert [p["flipped_index"] for p in data["outputs"][0]["as_convolution"]["products"]] == [[0, 0, 0], [0, 0, -1]]


def test_explain_text_with_at_and_channels(capsys):
    code, out, _ = run(capsys, "layer", "[[1,2,3],[4,5,6]]", "[[[1,1],[0,1]],[[1,0],[0,0]]]", "--bias", "0, 1/2",
                       "--explain", "--at", "1:1")
    lines = out.splitlines()
    assert code == 0
    assert "y[1, 1] = x[0, 1]*w[1, 0, 0] + x[0, 2]*w[1, 0, 1] + x[1, 1]*w[1, 1, 0] + x[1, 2]*w[1, 1, 1] + b[1] = " \
           "2*1 + 3*0 + 5*0 + 6*0 + 1/2 = 5/2" in lines
    assert not any(line.startswith("y[0, ") for line in lines)
    code, out, _ = run(capsys, "layer", "[[1,2,3],[4,5,6]]", "[[[1,1],[0,1]],[[1,0],[0,0]]]", "--explain", "--at", "0")
    assert [line.split(" = ")[0] for line in out.splitlines() if line[:3] in ("y[0", "y[1")] == ["y[0, 0]", "y[1, 0]"]


# ------------------------------------------------------------------ errors: one line, exit 2
X2 = "[[1,2,3],[4,5,6]]"
W2 = "[[[1,1],[0,1]],[[1,0],[0,0]]]"


@pytest.mark.parametrize("argv, message", [
    (["layer", "[[1,2,3],[4,5,6],[7,8,9]]", "[[[1]],[[1]]]", "--groups", "2"],
     "--groups: input channels 3 are not divisible by groups 2"),
    (["layer", "[[1,2],[3,4]]", "[[[1]],[[1]],[[1]]]", "--groups", "2"],
     "--groups: output channels 3 are not divisible by groups 2"),
    (["layer", X2, "[[[1,1],[0,1],[1,1]]]"],
     "weight: has 3 input channels per group, but input channels 2 / groups 1 = 2"),
    (["layer", X2, "[[[1,1]],[[1,1]],[[1,1]]]", "--transposed"],
     "weight: has 3 input channels, but the input has 2"),
    (["layer", X2, "[[[[1]]]]"],
     "kernel: is 4-D but the input is 2-D; give W with 2 axes (one channel in and out) or with 3, "
     "(C_out, C_in/groups, *kernel) for X as (C_in, *spatial)"),
    (["layer", "1 2 3", W2], "kernel: is 3-D but the input is 1-D; give both with the same number of axes"),
    (["layer", X2, W2, "--bias", "1"],
     "--bias: 1 value for 2 output channels; give one per output channel, separated by commas: '1, -1/2'"),
    (["layer", "1 2 3", "1 1", "--bias", "1, 2"],
     "--bias: 2 values for 1 output channel; give one per output channel, separated by commas: '1, -1/2'"),
    (["layer", X2, W2, "--bias", "[[1, 2]]"],
     "--bias: '[[1, 2]]' is not a list of values; give one value per output channel, separated by commas: "
     "'1, -1/2'"),
    (["layer", X2, W2, "--bias", "1, x$"],
     "--bias, item 2: 'x$' is not a number or expression (unexpected '$' at column 2)"),
    (["layer", X2, W2, "--at", "1"], "--at: belongs to --explain; add --explain"),
    (["layer", X2, W2, "--flip"], "--flip: belongs to --explain; add --explain"),
    (["layer", X2, W2, "--explain", "--at", "c:1"],
     "--at: 'c:1' is not an output such as 3, 1,1 or 0:1,1 (output channel 0 at 1,1)"),
    (["layer", X2, W2, "--explain", "--at", "5:1"], "--at: output channel 5 does not exist; there are 2"),
    (["layer", X2, W2, "--explain", "--at", "0:7"], "--at: 7 is not an output position; outputs run over 0..1"),
    (["layer", X2, W2, "--explain", "--at", "1,1"], "--at: 1, 1 is not an output position; outputs run over 0..1"),
    (["layer", X2, W2, "--explain", "--scatter", "1"],
     "--scatter: shows how one input sample of a transposed layer spreads; add --transposed"),
    (["layer", X2, "[[[1,1]],[[1,1]]]", "--transposed", "--explain", "--scatter", "x"],
     "--scatter: 'x' is not an input index such as 3 or 1,1"),
    (["layer", X2, "[[[1,1]],[[1,1]]]", "--transposed", "--explain", "--scatter", "9"],
     "--scatter: 9 is not an input index; the input runs over 0..2"),
    (["layer", "[[1,2,3],[4,5]]", W2], "input, row 2: has 2 values where row 1 has 3; rows must be equally long"),
    (["layer", "[[[1,2],[3,4]],[[5,6]]]", W2],
     "input, [1] at column 16: has 1 item where [0] has 2; lists at the same depth must be equally long"),
    (["layer", X2, "[[[1,1],[0,1]],[1,0]]"],
     "kernel, [1, 0] at column 17: is a value ('1') where [0, 0] is a list; every value must be nested equally deep"),
])
def test_errors_are_one_line_with_exit_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err == f"symconv: error: {message}\n"


@pytest.mark.parametrize("argv, message", [
    (["conv", "[[[1, 2], [3, 4]]]", "[[[1, 1]]]", "--format", "latex"],
     "--format latex: writes 1-D and 2-D results; this one is 3-D (use text or json)"),
    (["layer", "[[[1, 2], [3, 4]]]", "[[[1, 1]]]", "--format", "latex"],
     "--format latex: writes 1-D and 2-D results; this one is 3-D (use text or json)"),
    (["explain", "[[[1, 2], [3, 4]]]", "[[[1, 1]]]"],
     "explain: worked solutions are written for 1-D and 2-D operands; this one is 3-D (convolve and correlate "
     "compute N-D)"),
])
def test_n_dimensional_text_where_only_1_d_and_2_d_are_written(capsys, argv, message):
    """Nested brackets make 3-D operands typeable: the outputs written for 1-D and 2-D say so."""
    code, out, err = run(capsys, *argv)
    assert (code, out, err) == (2, "", f"symconv: error: {message}\n")
    code, out, _ = run(capsys, "conv", "[[[1, 2], [3, 4]]]", "[[[1, 1]]]", "--format", "json")
    assert code == 0 and json.loads(out)["values"] == [[["1", "3", "2"], ["3", "7", "4"]]]


def test_groups_must_be_an_integer(capsys):
    code, out, err = run(capsys, "layer", X2, W2, "--groups", "two")
    assert (code, out) == (2, "")
    assert err == "symconv: error: --groups: 'two' is not an integer (see 'symconv layer --help')\n"


def test_groups_must_be_positive(capsys):
    code, out, err = run(capsys, "layer", X2, W2, "--groups", "0")
    assert (code, out) == (2, "") and err.count("\n") == 1 and err.startswith("symconv: error: --groups")


def test_no_output_file_on_error(capsys, tmp_path):
    target = tmp_path / "y.json"
    code, _, _ = run(capsys, "layer", X2, W2, "--bias", "1", "--format", "json", "-o", str(target))
    assert code == 2 and not target.exists()


# ------------------------------------------------------------------ README
def test_readme_layer_examples_print_what_the_readme_shows(capsys):
    """Each '$ symconv layer ...' block of the README shows that command's real output."""
    readme = README.read_text(encoding="utf-8")
    blocks = [block.strip("\n") for block in readme.split("```")[1::2] if block.lstrip().startswith("$ symconv layer")]
    assert blocks, "the README shows a 'symconv layer' example"
    for block in blocks:
        command, *shown = block.splitlines()
        code, out, err = run(capsys, *shlex.split(command)[2:])
        assert code == 0 and err == ""
        assert out.rstrip("\n").splitlines() == shown
