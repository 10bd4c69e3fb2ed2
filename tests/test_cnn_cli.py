"""symconv layer and symconv size: exit codes, stdout and one-line errors."""

from __future__ import annotations

import json

import pytest

from symconv.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_size_prints_the_derivation(capsys):
    code, out, err = run(capsys, "size", "32", "5", "--stride", "2")
    assert code == 0 and err == ""
    assert out.splitlines()[4] == "  = 14"
    assert "= 29/2 = 14.5 is not an integer" in out
    assert out.splitlines()[-1] == ("the last window reads input indices 26..30: input index 31 is never "
                                    "reached (1 row/column ignored)")


def test_size_per_axis_and_json(capsys):
    code, out, _ = run(capsys, "size", "8,8", "3,5", "--stride", "3,4", "--padding", "0,1")
    assert code == 0 and out.splitlines()[-1] == "output size: 2 x 2"
    code, out, _ = run(capsys, "size", "33", "5", "--stride", "2", "--format", "json")
    payload = json.loads(out)
    assert payload["size"] == [15] and payload["fits"] == [True] and payload["exact"] == ["15"]
    code, out, _ = run(capsys, "size", "100000000", "3", "--stride", "7", "--format", "json")
    payload = json.loads(out)
    # (10**8 - 3) // 7 + 1 windows start at 0, 7, ...; each reads 3 of every 7 indices, and the
    # 2 indices after the last window are unread as well
    windows = (10**8 - 3) // 7 + 1
    assert payload["unreached_count"] == [10**8 - 3 * windows]
    assert payload["unreached"][0][:4] == [3, 4, 5, 6] and len(payload["unreached"][0]) == 100


def test_size_transposed(capsys):
    code, out, _ = run(capsys, "size", "3", "3", "--stride", "2", "--padding", "1", "--transposed",
                       "--output-padding", "1")
    assert code == 0 and out.splitlines()[-1] == "  = 6"


def test_layer_on_the_reference_image(capsys, tmp_path):
    image = tmp_path / "x.txt"
    image.write_text("1 1 1 0 0\n0 1 1 1 0\n0 0 1 1 1\n0 0 1 1 0\n0 1 1 0 0\n")
    code, out, err = run(capsys, "layer", f"@{image}", "1 0 1; 0 1 0; 1 0 1")
    assert code == 0 and err == ""
    assert out.splitlines()[0] == "i = 0..2, j = 0..2: 4 3 4; 2 4 3; 2 3 4"
    code, out, _ = run(capsys, "layer", f"@{image}", "1 0 1; 0 1 0; 1 0 1", "--stride", "2", "--padding", "1")
    assert out.splitlines()[0] == "i = 0..2, j = 0..2: 2 3 1; 1 4 3; 0 2 1"


def test_layer_symbolic_with_bias_as_json(capsys):
    code, out, _ = run(capsys, "layer", "1 2 3 4", "w0 w1", "--stride", "2", "--bias", "1/2", "--format", "json")
    payload = json.loads(out)
    assert code == 0 and payload["operation"] == "conv_layer" and payload["stride"] == 2
    assert payload["values"] == ["w0 + 2*w1 + 1/2", "3*w0 + 4*w1 + 1/2"]


def test_layer_transposed_and_padding_mode(capsys):
    code, out, _ = run(capsys, "layer", "1 2", "1 10 100", "--transposed", "--stride", "2", "--output-padding", "1")
    assert code == 0 and out.splitlines()[0] == "n = 0..5: 1, 10, 102, 20, 200, 0"
    code, out, _ = run(capsys, "layer", "1 2 3", "1 1", "--padding", "1", "--padding-mode", "reflect")
    assert out.splitlines()[0] == "n = 0..3: 3, 3, 5, 5"
    code, out, _ = run(capsys, "layer", "1 2 3 4", "1 1", "--padding", "1:0")
    assert out.splitlines()[0] == "n = 0..3: 1, 3, 5, 7"


@pytest.mark.parametrize("argv, message", [
    (["layer", "1 2", "1 1", "--stride", "0"], "symconv: error: --stride: 0 is not a positive integer"),
    (["layer", "1 2 3", "1 1", "--padding", "same", "--stride", "2"],
     "symconv: error: --padding: 'same' needs stride 1, got stride 2 (PyTorch refuses it too)"),
    (["layer", "1 2", "1 1 1"],
     "symconv: error: kernel, spatial axis 0: dilated kernel size 3 is larger than padded input size 2"),
    (["layer", "1 2; 3 4", "1 1"], "symconv: error: kernel: is 1-D but the input is 2-D; give W with 2 axes (one "
                                   "channel in and out) or with 3, (C_out, C_in/groups, *kernel) for X as "
                                   "(C_in, *spatial)"),
    (["layer", "1 2", "1 1; 1 1"], "symconv: error: kernel: is 2-D but the input is 1-D; give both with the "
                                   "same number of axes"),
    (["size", "8", "3", "--stride", "two"],
     "symconv: error: --stride: 'two' is not an integer; write 2, or 2,1 for one value per axis"),
    (["size", "4", "5"], "symconv: error: kernel, spatial axis 0: dilated kernel size 5 is larger than padded "
                         "input size 4"),
])
def test_errors_are_one_line_with_exit_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err == message + "\n"


def test_layer_explain_text_and_files(capsys, tmp_path):
    code, out, _ = run(capsys, "layer", "1 2 3 4", "1 10", "--stride", "2", "--padding", "1", "--explain")
    assert code == 0
    assert "y[0, 1] = x[0, 1]*w[0, 0, 0] + x[0, 2]*w[0, 0, 1] = 2*1 + 3*10 = 32" in out.splitlines()
    code, out, _ = run(capsys, "layer", "1 2 3", "a b", "--explain", "--flip")
    assert "  as a convolution: y[0, 0] = x[0, 0]*w♭[0, 0, 0] + x[0, 1]*w♭[0, 0, -1] = a + 2*b" in out.splitlines()
    target = tmp_path / "layer.md"
    code, out, _ = run(capsys, "layer", "1 2 3", "a b", "--explain", "-o", str(target))
    assert code == 0 and out == "" and target.read_text().startswith("**CNN layer**")


def test_layer_explain_refuses_other_files(capsys, tmp_path):
    code, out, err = run(capsys, "layer", "1 2 3", "a b", "--explain", "-o", str(tmp_path / "layer.html"))
    assert code == 2 and err == (f"symconv: error: output: '{tmp_path / 'layer.html'}' does not end in .txt, .md, "
                                 ".tex, .json or .pdf (what symconv layer writes); rename it or give --format\n")
    assert not (tmp_path / "layer.html").exists()
