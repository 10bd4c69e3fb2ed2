"""The command line of the foundation: conv, corr, circ; exit codes, stdout, one stderr line, files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import symconv
import symconv.atomic
import symconv.cli
import symconv.emit
import symconv.operations
from helpers import run_cli as run
from symconv.cli import main
from symconv.errors import InputError
from symconv.errors import SelfCheckError

ROOT = Path(__file__).resolve().parents[1]

REFERENCE_TEXT = """\
n = 0..5: 1, 1, 3/2, 13/8, 3/4, 1/4
y[0] = 1
y[1] = 1
y[2] = 3/2
y[3] = 13/8
y[4] = 3/4
y[5] = 1/4
"""

IMAGE = "1 1 1 0 0; 0 1 1 1 0; 0 0 1 1 1; 0 0 1 1 0; 0 1 1 0 0"
KERNEL = "1 0 1; 0 1 0; 1 0 1"
IMAGE_TEXT = """\
i = 0..2, j = 0..2: 4 3 4; 2 4 3; 2 3 4
i\\j | 0 1 2
-----------
i=0 | 4 3 4
i=1 | 2 4 3
i=2 | 2 3 4
"""

def assert_one_error_line(err: str, prefix: str = "symconv: error: ") -> None:
    assert err.startswith(prefix)
    assert err.endswith("\n") and err.count("\n") == 1
    assert "Traceback" not in err


# ----------------------------------------------------------------------------- results
@pytest.mark.parametrize("x, h", [
    ("1 0.5 1 1", "1 0.5 0.25"),
    ("1, 1/2, 1, 1", "[1, 1/2, 1/4]"),
    ("1 1/2 1 1", "1 0.5 25e-2"),
])
def test_conv_reference(x, h, capsys):
    assert run(["conv", x, h], capsys) == (0, REFERENCE_TEXT, "")


def test_corr_reference_image(capsys):
    assert run(["corr", IMAGE, KERNEL, "--mode", "valid"], capsys) == (0, IMAGE_TEXT, "")


def test_corr_image_from_files(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("image.txt").write_text("# the 5x5 image\n" + IMAGE.replace("; ", "\n") + "\n")
    Path("kernel.csv").write_text("1,0,1\n0,1,0\n1,0,1\n")
    assert run(["corr", "@image.txt", "@kernel.csv", "--mode", "valid"], capsys) == (0, IMAGE_TEXT, "")


def test_circ(capsys):
    expected = "n = 0..2: 8, 7, 5\ny[0] = 8\ny[1] = 7\ny[2] = 5\n"
    assert run(["circ", "1 2 3 4", "1 1", "3"], capsys) == (0, expected, "")


def test_starts_and_modes(capsys):
    code, out, err = run(["conv", "1 2 3", "1 1 1", "--start-x", "-1", "--start-h", "-1", "--mode", "same"], capsys)
    assert (code, err) == (0, "")
    assert out == "n = -1..1: 3, 6, 5\ny[-1] = 3\ny[0] = 6\ny[1] = 5\n"
    code, out, _ = run(["conv", "1 >2 3", "1 1"], capsys)
    assert out.splitlines()[0] == "n = -1..2: 1, 3, 5, 3"
    code, out, _ = run(["conv", "1 2 3 4", "1 1", "--mode", "SAME", "--same-convention", "matlab"], capsys)
    assert out.splitlines()[0] == "n = 1..4: 3, 5, 7, 4"


def test_corr_orders_and_conjugation(capsys):
    _, out, _ = run(["corr", "1 2", "i 1"], capsys)
    assert out.splitlines()[0] == "l = -1..1: 1, 2 - I, -2*I"
    assert out.splitlines()[1] == "r[-1] = 1"
    _, out, _ = run(["corr", "1 2", "i 1", "--order", "wikipedia"], capsys)
    assert out.splitlines()[0] == "l = -1..1: 2*I, 2 + I, 1"


def test_json_parses_and_has_exact_strings(capsys):
    code, out, err = run(["conv", "1 0.5 1 1", "1 0.5 0.25", "--format", "json"], capsys)
    assert (code, err) == (0, "")
    payload = json.loads(out)
    assert payload["operation"] == "convolve"
    assert payload["mode"] == "full" and payload["same_convention"] == "scipy"
    assert payload["start"] == 0 and payload["end"] == 5 and payload["shape"] == [6]
    assert payload["values"] == ["1", "1", "3/2", "13/8", "3/4", "1/4"]
    assert isinstance(payload["method"], str)


def test_json_two_dimensional_and_complex(capsys):
    payload = json.loads(run(["corr", IMAGE, KERNEL, "--mode", "valid", "--format", "json"], capsys)[1])
    assert payload["start"] == [0, 0] and payload["end"] == [2, 2]
    assert payload["values"] == [["4", "3", "4"], ["2", "4", "3"], ["2", "3", "4"]]
    assert payload["order"] == "canonical"
    payload = json.loads(run(["corr", "1 2", "i 1", "--format", "json"], capsys)[1])
    assert payload["values"] == ["1", "2 - I", "-2*I"]
    payload = json.loads(run(["circ", "1 2; 3 4", "1 1; 0 0", "2,2", "--format", "json"], capsys)[1])
    assert payload["N"] == "2,2" and payload["values"] == [["3", "3"], ["7", "7"]]


def test_latex(capsys):
    code, out, err = run(["conv", "1 0.5 1 1", "1 0.5 0.25", "--format", "latex"], capsys)
    assert (code, err) == (0, "")
    assert out == ("y[n] = \\left\\{ 1, 1, \\tfrac{3}{2}, \\tfrac{13}{8}, \\tfrac{3}{4}, \\tfrac{1}{4} "
                   "\\right\\},\\quad n = 0, \\dots, 5\n")


def test_symbols(capsys):
    _, out, _ = run(["conv", "a b", "1 c"], capsys)
    assert out.splitlines()[0] == "n = 0..2: a, a*c + b, b*c"


# ----------------------------------------------------------------------------- files
def test_output_file_is_written_whole(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(["conv", "1 0.5 1 1", "1 0.5 0.25", "-o", "out.txt"], capsys) == (0, "", "")
    assert Path("out.txt").read_text().rstrip("\n") == REFERENCE_TEXT.rstrip("\n")
    assert sorted(os.listdir(tmp_path)) == ["out.txt"]  # no temporary file left behind
    assert run(["conv", "1 2", "1", "--format", "json", "--output", str(tmp_path / "r.json")], capsys)[0] == 0
    assert json.loads(Path("r.json").read_text())["values"] == ["1", "2"]


def test_no_file_on_error(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["conv", "1 0,5", "1", "-o", "out.txt"], capsys)
    assert code == 2 and out == ""
    assert_one_error_line(err)
    assert os.listdir(tmp_path) == []


def test_existing_file_untouched_on_error(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("out.txt").write_text("before")
    assert run(["conv", "1 2; 3 4", "1; 2; 3", "--mode", "valid", "-o", "out.txt"], capsys)[0] == 2
    assert Path("out.txt").read_text() == "before"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_failed_write_leaves_no_temporary(capsys, tmp_path, monkeypatch):
    # an OSError while writing (disk full, no permission) is bad output, exit 2, not an internal error
    monkeypatch.chdir(tmp_path)

    def broken_replace(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(symconv.atomic.os, "replace", broken_replace)
    with pytest.raises(InputError, match="^output: cannot write 'out.txt': disk full$"):
        symconv.emit.write("text", "out.txt")
    assert os.listdir(tmp_path) == []
    code, out, err = run(["conv", "1", "2", "-o", "out.txt"], capsys)
    assert (code, out, err) == (2, "", "symconv: error: output: cannot write 'out.txt': disk full\n")
    assert os.listdir(tmp_path) == []


def test_replacing_an_existing_file(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("out.txt").write_text("old")
    assert run(["conv", "1", "2", "-o", "out.txt"], capsys)[0] == 0
    assert Path("out.txt").read_text().rstrip("\n") == "n = 0..0: 2\ny[0] = 2"


# ----------------------------------------------------------------------------- usage and exit codes
def test_version(capsys):
    assert run(["--version"], capsys) == (0, f"symconv {symconv.__version__}\n", "")


def test_help_has_examples(capsys):
    code, out, err = run(["--help"], capsys)
    assert (code, err) == (0, "")
    assert out.startswith("usage: symconv")
    assert 'symconv conv "1 0.5 1 1" "1 0.5 0.25"' in out
    for command in ("conv", "corr", "circ"):
        assert command in out


@pytest.mark.parametrize("command", ["conv", "corr", "circ"])
def test_subcommand_help(command, capsys):
    code, out, err = run([command, "--help"], capsys)
    assert (code, err) == (0, "")
    assert out.startswith(f"usage: symconv {command}")
    assert "examples:" in out


def test_no_command_is_one_error_line(capsys):
    code, out, err = run([], capsys)
    assert (code, out) == (2, "")
    assert err.startswith("symconv: error: no command given; choose one of: conv, corr, circ, ")
    assert err.endswith(" (see 'symconv --help')\n") and err.count("\n") == 1


@pytest.mark.parametrize("argv, start", [
    (["convolve", "1", "2"], "symconv: error: 'convolve' is not a command; choose one of: conv, corr, circ, "),
    (["conv", "1"], "symconv: error: the following arguments are required: H (see 'symconv conv --help')"),
    (["conv", "1", "2", "--bogus"], "symconv: error: unrecognized arguments: --bogus"),
    (["conv", "1", "2", "--format", "pdf"], "symconv: error: --format: 'pdf' is not one of: text, json, latex"),
    (["circ", "1", "2"], "symconv: error: the following arguments are required: N (see 'symconv circ --help')"),
])
def test_usage_errors_are_one_line(argv, start, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert_one_error_line(err)
    assert err.startswith(start)


def test_self_check_failure_exits_3(capsys, monkeypatch):
    def failing(*args, **kwargs):
        raise SelfCheckError("term n=3: factors give 13/8, step says 3/2")

    monkeypatch.setattr(symconv.operations, "convolve", failing)
    code, out, err = run(["conv", "1", "2"], capsys)
    assert (code, out) == (3, "")
    assert err == "symconv: internal error: term n=3: factors give 13/8, step says 3/2\n"


def test_unexpected_exception_is_one_line(capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom\nsecond line")

    monkeypatch.setattr(symconv.operations, "convolve", broken)
    monkeypatch.delenv("SYMCONV_DEBUG", raising=False)
    code, out, err = run(["conv", "1", "2"], capsys)
    assert (code, out) == (3, "")
    assert err == ("symconv: internal error: ZeroDivisionError: boom "
                   "(rerun with SYMCONV_DEBUG=1 for the traceback)\n")
    monkeypatch.setenv("SYMCONV_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["conv", "1", "2"])


def test_issue_20_interrupt_exits_130_and_writes_no_file(capsys, monkeypatch, tmp_path):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(symconv.operations, "correlate", interrupted)
    assert run(["corr", "1", "2"], capsys) == (130, "", "symconv: interrupted\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(symconv.atomic.os, "replace", interrupted)  # Ctrl-C while the file is being written
    assert run(["conv", "1", "2", "-o", "y.txt"], capsys) == (130, "", "symconv: interrupted\n")
    assert os.listdir(tmp_path) == []


def test_huge_result_prints(capsys):
    code, out, _ = run(["conv", "1e5000", "1"], capsys)
    assert code == 0 and out.startswith("n = 0..0: 1000")


# ----------------------------------------------------------------------------- python -m symconv
def test_python_m_symconv():
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    completed = subprocess.run([sys.executable, "-m", "symconv", "conv", "1 0.5 1 1", "1 0.5 0.25"],
                               capture_output=True, text=True, env=environment, cwd=ROOT, timeout=120)
    assert (completed.returncode, completed.stdout, completed.stderr) == (0, REFERENCE_TEXT, "")


@pytest.mark.parametrize("argv, expected_first_line", [
    (["conv", "1 2", "-1/2", "--start-x", "-2"], "n = -2..-1: -1/2, -1"),
    (["conv", "1 2", "-1/2", "--start-x=-2"], "n = -2..-1: -1/2, -1"),
    (["conv", "1 2", "-1/2", "--start-h", "-1", "--mode", "same"], "n = -1..0: -1/2, -1"),
    (["conv", "--", "-1", "-2"], "n = 0..0: 2"),
])
def test_values_starting_with_minus_reach_their_option(argv, expected_first_line, capsys):
    code, out, err = run(argv, capsys)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == expected_first_line


def test_an_abbreviated_option_takes_a_negative_value(capsys):
    code, out, err = run(["check", "1 2", "1", "1 2", "--dec", "-3"], capsys)
    assert (code, out) == (2, "")
    assert err.startswith("symconv: error: --decimals: -3 is outside 0..4000")


def test_an_output_file_named_with_a_leading_minus_is_written_as_named(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["conv", "1 2", "-1", "-o", "-y.txt"], capsys)
    assert (code, out, err) == (0, "", "")
    assert [p.name for p in tmp_path.iterdir()] == ["-y.txt"]
    assert (tmp_path / "-y.txt").read_text().splitlines()[0] == "n = 0..1: -1, -2"



@pytest.mark.parametrize("argv, expected_first_line", [
    (["conv", "-omega 1", "2"], "n = 0..1: -2*omega, 2"),
    (["conv", "x0 x1", "-h0 h1"], "n = 0..2: -h0*x0, -h0*x1 + h1*x0, h1*x1"),
    (["conv", "a b", "-hx"], "n = 0..1: -a*hx, -b*hx"),
])
def test_operands_that_start_like_a_short_option_are_values(argv, expected_first_line, capsys, tmp_path,
                                                            monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(argv, capsys)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == expected_first_line
    assert list(tmp_path.iterdir()) == []  # '-omega 1' is no '-o mega 1'


def test_a_short_option_with_its_value_attached_still_works(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(["conv", "1 2", "3", "-oy.txt"], capsys)[0] == 0
    assert (tmp_path / "y.txt").read_text().splitlines()[0] == "n = 0..1: 3, 6"
    code, out, _ = run(["explain", "1 2 3", "1 1", "--op", "circ", "-N3"], capsys)
    assert code == 0 and "period N = 3" in out.splitlines()[0]


@pytest.mark.parametrize("argv, message", [
    (["conv", "1", "2", "-o", ""], "output: the file name is empty; give one such as out.txt"),
    (["layer", "1 2 3", "1 1", "--stride", "0"], "--stride: 0 is not a positive integer"),
    (["layer", "1 2 3", "1 1", "--padding-mode", "foo"],
     "--padding-mode: 'foo' is not one of: zeros, reflect, replicate, circular"),
    (["explain", "1 2", "1", "--names", "a,b,a"],
     "--names: ['a', 'b', 'a'] repeats a name; data, kernel and result need their own"),
])
def test_cli_errors_name_the_option_the_user_typed(argv, message, capsys):
    code, out, err = run(argv, capsys)
    assert (code, out, err) == (2, "", f"symconv: error: {message}\n")


def test_a_file_named_only_by_its_ending_is_written_as_that_kind(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(["explain", "1 2", "1 1", "-o", ".md"], capsys)[0] == 0
    assert (tmp_path / ".md").read_text().startswith("## Convolution of $x$ and $h$")


def test_an_unknown_option_before_the_command_points_to_the_main_help(capsys):
    assert run(["-x", "conv", "1", "2"], capsys)[2] == ("symconv: error: unrecognized arguments: -x "
                                                       "(see 'symconv --help')\n")


def test_an_option_missing_its_value_is_named(capsys):
    code, out, err = run(["conv", "1 2", "1", "--mode", "--format", "json"], capsys)
    assert (code, out, err) == (2, "", "symconv: error: --mode: expected a value after it "
                                       "(see 'symconv conv --help')\n")


def test_check_takes_a_period_per_axis_as_explain_does(tmp_path, capsys):
    solution = tmp_path / "c.tex"
    assert run(["explain", "1 2; 3 4", "1 1; 0 1", "--op", "circ", "-N", "2,3", "-o", str(solution)], capsys)[0] == 0
    code, out, err = run(["check", "--solution", f"@{solution}", "1 2; 3 4", "1 1; 0 1", "--op", "circular",
                          "-N", "2,3"], capsys)
    assert (code, err) == (0, "") and "wrong" not in out
    assert run(["check", "1 2", "1 1", "1", "--op", "circular", "-N", "x"], capsys)[2] == (
        "symconv: error: N: 'x' is not a positive integer\n")


def test_a_result_file_is_written_in_the_format_its_ending_names(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(["conv", "1 2", "1 1", "-o", "y.json"], capsys)[0] == 0
    assert json.loads((tmp_path / "y.json").read_text())["values"] == ["1", "3", "2"]
    assert run(["layer", "1 2 3", "1 1", "-o", "y.tex"], capsys)[0] == 0
    assert (tmp_path / "y.tex").read_text() == "y[n] = \\left\\{ 3, 5 \\right\\},\\quad n = 0, \\dots, 1\n"
    assert run(["conv", "1 2", "1 1", "--format", "text", "-o", "y.json.txt"], capsys)[0] == 0
    assert (tmp_path / "y.json.txt").read_text().startswith("n = 0..2: 1, 3, 2")
    code, out, err = run(["conv", "1 2", "1 1", "-o", "y.pdf"], capsys)
    assert (code, err) == (2, "symconv: error: output: 'y.pdf' does not end in .txt, .tex or .json (what symconv "
                              "conv writes); rename it or give --format\n")
    assert not (tmp_path / "y.pdf").exists()


@pytest.mark.parametrize("names", ["u,v,r", "x1,h1,y1", "alpha,beta,gamma", "delta,h,y"])
@pytest.mark.parametrize("suffix", [".txt", ".tex"])
def test_a_solution_explained_with_names_is_checked_with_the_same_names(names, suffix, tmp_path, capsys):
    solution = tmp_path / f"s{suffix}"
    assert run(["explain", "1 2", "3 4", "--names", names, "-o", str(solution)], capsys)[0] == 0
    code, out, err = run(["check", "--solution", f"@{solution}", "1 2", "3 4", "--names", names], capsys)
    assert (code, err) == (0, "") and "WRONG" not in out


def test_files_saved_with_a_byte_order_mark_are_read(tmp_path, capsys):
    key = tmp_path / "key.json"
    key.write_text('[{"x": "1 2", "h": "1 1", "claimed": "1 3 2"}]', encoding="utf-8-sig")
    data = tmp_path / "x.txt"
    data.write_text("1 2", encoding="utf-8-sig")
    assert run(["check-batch", str(key)], capsys)[0] == 0
    assert run(["conv", f"@{data}", "1 1"], capsys)[1].splitlines()[0] == "n = 0..2: 1, 3, 2"


def test_issue_21_double_dash_number_is_named(capsys):
    """'--1' was 'the following arguments are required: H'."""
    assert run(["conv", "--1", "1"], capsys) == (
        2, "", "symconv: error: --1: not an option; a negative value is written with one '-', as -1 "
               "(see 'symconv conv --help')\n")


def test_issue_21_an_option_value_with_a_new_line_is_one_line(capsys):
    """Found by scripts/fuzz_hostile.py: argparse quoted the value's new line."""
    assert run(["explain", "1 2 3", "1 1", "--style=ab\n"], capsys) == (
        2, "", "symconv: error: --style: 'ab\\n' is not one of: compact, products, table (see 'symconv explain "
               "--help')\n")
