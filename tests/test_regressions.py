"""Regressions found by the QA pass (README walk-through and CLI fuzzing): ``test_issue_<name>``.

Each test runs the command that showed the bug and asserts the exit code, the one stderr line
and that no file was left behind.
"""

from __future__ import annotations

import os
import stat

import pytest

from helpers import run_cli as _run
from symconv import convolve
from symconv.atomic import write_atomically
from symconv.errors import InputError


def test_issue_same_convention_checked_in_every_mode(capsys):
    # was: 'symconv conv 1 1 --same-convention octave' -> internal error (ValueError), exit 3
    code, out, err = _run(["conv", "1 2", "1", "--same-convention", "octave"], capsys)
    assert (code, out) == (2, "")
    assert err == "symconv: error: same convention: 'octave' is not one of: scipy, numpy, matlab\n"
    with pytest.raises(InputError, match="^same convention: 'x' is not one of"):
        convolve([1, 2], [1], mode="valid", same_convention="x")


@pytest.mark.parametrize("target, message", [
    ("folder", "output: 'folder' is a folder; give a file name such as out.txt"),
    (".", "output: '.' is a folder; give a file name such as out.txt"),
    ("", "output: the file name is empty; give one such as out.txt"),
])
def test_issue_output_to_a_folder(target, message, capsys, tmp_path, monkeypatch):
    # was: '-o adir' -> internal error IsADirectoryError (exit 3); '-o .' -> OSError EBUSY
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    code, out, err = _run(["conv", "1 2", "1", "-o", target], capsys)
    assert (code, out, err) == (2, "", f"symconv: error: {message}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]
    assert list((tmp_path / "folder").iterdir()) == []


def test_issue_output_folder_not_writable(tmp_path):
    # was: '-o /proc/x.txt' -> internal error FileNotFoundError from mkstemp (exit 3)
    with pytest.raises(InputError, match=r"^output: cannot write in folder '/proc': "):
        write_atomically("/proc/x.txt", b"1\n")


def test_issue_output_never_replaces_a_device_or_link(tmp_path):
    # was: as root, '-o /dev/null' replaced the device /dev/null by a regular file (and
    # '-o /dev/stdout' the symlink): os.replace must only ever replace a regular file
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    real, link = tmp_path / "real.txt", tmp_path / "link.txt"
    real.write_text("old\n")
    link.symlink_to(real)
    write_atomically(link, b"13/8\n")
    assert link.is_symlink() and real.read_text() == "13/8\n"
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomically(fifo, b"1\n")
        assert os.read(fd, 10) == b"1\n"
    finally:
        os.close(fd)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "pipe", "real.txt"]


def test_issue_output_to_a_full_device():
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with pytest.raises(InputError, match="^output: cannot write '/dev/full': No space left on device$"):
        write_atomically("/dev/full", b"1\n")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.parametrize("N, samples", [("1000000000000", "1000000000000"), ("1001,1001", "1002001")])
def test_issue_huge_circular_period(N, samples, capsys):
    # was: 'symconv circ "1 2" 1 1000000000000' -> internal error MemoryError; 10**8 hung
    data, kernel = ("1 2", "1") if "," not in N else ("1 2; 3 4", "1; 1")
    code, out, err = _run(["circ", data, kernel, N], capsys)
    assert (code, out) == (2, "")
    assert err == (f"symconv: error: N: period {N.replace(',', ', ')} gives {samples} output samples; "
                   "at most 1000000 are accepted\n")


def test_issue_one_row_matrix_in_brackets_stays_two_dimensional(capsys):
    # was: '[[1, -2]]' was read as the 1-D [1, -2] (the Python list [[1, -2]] is 2-D), so a
    # 1 x N image could not be typed: 'symconv conv "[[1, -2]]" "[[1], [1]]"' said 1-D vs 2-D
    from symconv import Signal
    assert Signal("[[1, -2]]") == Signal([[1, -2]])
    assert Signal("[[1, -2]]").shape == (1, 2)
    assert Signal("[[1, >-2]]").start == (0, -1)
    assert Signal("[1, -2]").shape == (2,)
    code, out, err = _run(["conv", "[[1, -2]]", "[[1], [1]]", "--format", "json"], capsys)
    assert (code, err) == (0, "")
    import json
    assert json.loads(out)["values"] == [["1", "-2"], ["1", "-2"]]


def test_issue_symbolic_kernel_weight_in_2d_figure():
    # was: 'symconv explain "[[-1, a, 1]]" "[[b]]" -o out.pdf' -> pdflatex: Undefined control
    # sequence '\timesb': the weight written beside each covered pixel glued \times to a symbol
    import re

    from symconv import explain
    document = explain([[-1, "a", 1]], [["b"]]).document()
    assert r"\times b" in document
    assert not re.search(r"\\times[A-Za-z]", document)


@pytest.mark.tex
def test_issue_symbolic_kernel_weight_in_2d_figure_compiles(tmp_path):
    import shutil
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed")
    from symconv import explain
    target = tmp_path / "out.pdf"
    explain([[-1, "a", 1]], [["b"]], op="correlate").write_pdf(target)
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("line", [
    "y[3] = 13/8",
    "y[1] = 1*1/2 + 1/2*1 = 1",
    "y[1] = x[0]h[1] + x[1]h[0] = 1*1/2 + 1/2*1 = 1",
    "y[3] = x[1]h[2] + x[2]h[1] + x[3]h[0] = 1/2*1/4 + 1*1/2 + 1*1 = 13/8",
    "y[1] = 1/2 + 1/2 = 1",
])
def test_issue_plain_fractions_in_worked_lines(line):
    # was: '/' split a number into two factors: 'y[3] = 13/8' was wrong ("13 * 8 is not a
    # product of y[3]'s sum") and symconv's own text solution ('1*1/2 + 1/2*1') failed its check
    from symconv import check_line
    verdict = check_line(line, "1 0.5 1 1", "1 0.5 0.25")
    assert verdict.ok, verdict.first_wrong.message


def test_issue_plain_fractions_still_catch_a_wrong_product():
    from symconv import check_line
    verdict = check_line("y[1] = 1*1/4 + 1/2*1 = 3/4", "1 0.5 1 1", "1 0.5 0.25")
    assert not verdict.ok
    assert verdict.first_wrong.message == "1 * 1/4 is not a product of y[1]'s sum (x[m]h[1 - m])"


def test_issue_own_text_solution_checks():
    from symconv import check_solution, explain
    text = explain([1, "1/2", 1, 1], [1, "1/2", "1/4"]).text()
    verdicts = check_solution(text, "1 0.5 1 1", "1 0.5 0.25")
    assert [number for number, _ in verdicts] == [7, 8, 9, 10, 11, 12]
    assert all(getattr(v, "ok", False) for _, v in verdicts)


def test_issue_circular_with_a_huge_start():
    # was: 'symconv circ --start-x 99999999999999999999999 1 1 2' -> internal error OverflowError
    from symconv import Signal, circular_convolve
    start = 10**23 - 1  # 10**23 - 1 = 1 (mod 2)
    assert circular_convolve(Signal([1, 2], start=start), [1], 2) == Signal([2, 1], start=0)
    assert circular_convolve(Signal([1, 2], start=-start), [1], 3) == circular_convolve(
        Signal([1, 2], start=-start % 3), [1], 3)


@pytest.mark.parametrize("argv, first_line", [
    (["conv", "1 2 3", "-1/2"], "n = 0..2: -1/2, -1, -3/2"),
    (["conv", "-3/4", "1"], "n = 0..0: -3/4"),
    (["conv", "-a", "1"], "n = 0..0: -a"),
    (["conv", "-1e3", "1", "--mode", "valid"], "n = 0..0: -1000"),
])
def test_issue_negative_values_are_operands(argv, first_line, capsys):
    # was: 'symconv conv "1 2 3" "-1/2"' -> "the following arguments are required: H": argparse
    # took a value starting with '-' for an unknown option (it only knew -3 and -0.5)
    code, out, err = _run(argv, capsys)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == first_line


def test_issue_negative_at_index(capsys):
    # was: 'symconv explain ... --at -1,1' -> "argument --at: expected one argument"
    code, out, err = _run(["explain", "1 2; 3 4", "1 1; 1 1", "--at", "-1,1"], capsys)
    assert (code, out) == (2, "")
    assert err == "symconv: error: --at: (-1, 1) is outside the result's indices 0..2, 0..2\n"


def test_issue_options_still_parsed(capsys):
    code, out, err = _run(["conv", "1 2", "1", "-x"], capsys)
    assert (code, out) == (2, "")
    assert err == "symconv: error: unrecognized arguments: -x (see 'symconv conv --help')\n"
    code, out, err = _run(["conv", "1 2", "1", "-o"], capsys)
    assert err == "symconv: error: --output: expected a value after it (see 'symconv conv --help')\n"


def test_issue_broken_pipe_is_not_an_internal_error(tmp_path):
    # was: 'symconv conv @big.txt "1 1" | head -1' -> "symconv: internal error: BrokenPipeError", exit 3
    import subprocess
    import sys
    data = tmp_path / "big.txt"
    data.write_text(" ".join(str(k) for k in range(15000)))
    process = subprocess.Popen([sys.executable, "-m", "symconv", "conv", f"@{data}", "1 1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.read(10)
    process.stdout.close()
    error = process.stderr.read()
    process.stderr.close()
    assert process.wait() == 0
    assert error == b""


@pytest.mark.parametrize("start", ["100000000", "99999999999999999999999"])
def test_issue_claim_far_from_the_result(start, capsys):
    # was: '--start 99999999999999999999999' -> internal error OverflowError, and '--start 100000000'
    # walked every index of the bounding box (a hang): only the two signals' indices are compared
    code, out, err = _run(["check", "1 2", "1 2", "1", "--start", start], capsys)
    assert (code, err) == (1, "")
    assert "origin_shift: The values are right but their indices are off by " + start in out


@pytest.mark.parametrize("argv, claimed", [
    (["check", "a^2 3", "a^2 3", "1"], ["a**2", 3]),
    (["check", "a**2 3", "a^2 3", "1"], ["a**2", 3]),
    (["check", "--", "-3/4 1/3 1 a^2", "-3/4 1/3 1 a^2", "1"], ["-3/4", "1/3", 1, "a**2"]),
    (["check", "n=-3: a^2 3", "n=-3: a^2 3", "1"], ["a**2", 3]),
    (["check", "a^2 >3", "a^2 >3", "1"], ["a**2", 3]),
])
def test_issue_plain_text_claim_with_powers(argv, claimed, capsys):
    # was: a typed claim with '^' went to the LaTeX reader: "two numbers side by side ('a^2 3')"
    code, out, err = _run(argv[:1] + ["--format", "json"] + argv[1:], capsys)
    import json
    assert (code, err) == (0, "")
    assert [term["claimed"] for term in json.loads(out)["terms"]] == claimed


def test_issue_n_plus_1_is_one_sample_unless_the_question_is_a_closed_form():
    # the rule (README, "Checking answers"): plain text is read like X and H, so 'n+1' is the
    # one-sample sequence [n + 1]; text with u[...] or delta[...] (or LaTeX) is a closed form;
    # against closed-form X and H (Python) plain text is one expression in n
    from sympy import Rational, Symbol

    from symconv import Signal
    from symconv.check import check, read_claim
    from symconv.sequences import unit_step
    from symconv.text import symbol

    n = symbol("n")
    assert read_claim("n+1") == (Signal([n + 1]), False)
    assert read_claim("n^2, n**2") == (Signal([n**2, n**2]), False)
    assert read_claim("n+1", closed_form=True) == (n + 1, False)
    assert read_claim("(n+1) u[n]")[0] == (n + 1) * unit_step(n)
    v = check("n+1", "1 2", "1")
    assert [t.claimed for t in v.terms] == [n + 1, None] and v.kinds == ("inconsistent_size",)
    k = Symbol("n", integer=True)
    x = Rational(1, 2)**k * unit_step(k)
    assert check("(n+1)*0.5**n", x, x).ok is False  # no step: wrong for n < 0
    assert check("(n+1) 0.5^n u[n]", x, x).ok


@pytest.mark.parametrize("claimed, sample", [("x[3]", "x[3]"), ("1, x[3]", "x[3]"), ("2 h[n]", "h[n]")])
def test_issue_claim_naming_a_sample(claimed, sample, capsys):
    # was: 'symconv check x[3] 1 1' read x as the index: claimed values -3[3], -2[3], ...
    code, out, err = _run(["check", claimed, "1", "1"], capsys)
    assert (code, out) == (2, "")
    assert err == (f"symconv: error: claimed answer: '{sample}' is a sample of a sequence, not a "
                   "value; write the claimed values themselves (numbers, or a closed form in n)\n")


def test_issue_check_batch_messages(tmp_path, capsys):
    # was: '"N": "3"' -> "N: '3' is not a positive integer"; "1 items"; a null id shown as None;
    # '"mode": ["valid"]' -> "mode: ['valid'] is not one of: ...; did you mean 'valid'?"
    import json
    key = tmp_path / "key.json"
    key.write_text(json.dumps([
        {"x": "1 2", "h": "1 1", "claimed": "3 3", "op": "circular", "N": "2"},
        {"id": "q2", "x": "1 2", "h": "1 1", "claimed": "1 3 2", "mode": ["valid"]},
        {"id": None, "x": "1 2", "h": "1 1", "claimed": "1 3 2", "start": "x"},
        {"x": "1 2", "h": "1 1", "claimed": "1 3 2", "decimals": 2.5},
        {"x": "1 2", "h": "1 1", "claimed": "1 3 2", "start": "-1", "significant": "3"},
    ]))
    code, out, err = _run(["check-batch", str(key), "--format", "json"], capsys)
    assert (code, err) == (1, "")
    items = json.loads(out)["items"]
    assert [(i["id"], i["status"], i["error"]) for i in items] == [
        ("1", "right", ""),
        ("q2", "error", "mode: ['valid'] is not a string; give one of: full, same, valid"),
        ("3", "error", 'start: "x" is not an integer; give a number such as 3'),
        ("4", "error", "decimals: 2.5 is not an integer; give a number such as 3"),
        ("5", "wrong", ""),
    ]
    key.write_text(json.dumps([{"x": "1 2", "h": "1 1", "claimed": "1 3 2"}]))
    code, out, err = _run(["check-batch", str(key), "--report", str(tmp_path / "r.md")], capsys)
    assert (code, out, err) == (0, f"1 item: 1 right, 0 wrong, 0 unreadable; report in {tmp_path / 'r.md'}\n", "")


@pytest.mark.parametrize("option, value, message", [
    ("--significant", "-1", "--significant: -1 is outside 1..4000; give how many significant digits the question "
                            "asks for"),
    ("--significant", "0", "--significant: 0 is outside 1..4000; give how many significant digits the question "
                           "asks for"),
    ("--decimals", "99999999999", "--decimals: 99999999999 is outside 0..4000; give how many decimals the "
                                  "question asks for"),
    ("--decimals", "-1", "--decimals: -1 is outside 0..4000; give how many decimals the question asks for"),
])
def test_issue_rounding_options_checked(option, value, message, capsys):
    # was: '--significant -1' and '--decimals 99999999999' were accepted without a word
    for operands in (["1 2", "1", "1"], ["--op", "layer", "1", "1", "1"]):
        code, out, err = _run(["check", *operands, option, value], capsys)
        assert (code, out, err) == (2, "", f"symconv: error: {message}\n")


def test_issue_rounding_parameters_checked():
    from symconv.check import check
    with pytest.raises(InputError, match=r"^decimals: -1 is outside 0\.\.4000; give how many decimals the "
                                         r"question asks for$"):
        check("1", "1", "1", decimals=-1)
    with pytest.raises(InputError, match=r"^significant: 2\.5 is not a whole number; give how many significant "
                                         r"digits the question asks for, 1 to 4000$"):
        check("1", "1", "1", significant=2.5)
    assert check("1.0", "1", "1", decimals=4000).ok and check("1", "1", "1", decimals=0).ok


@pytest.mark.parametrize("argv, message", [
    # Python syntax (style='compact', op='layer', mode='full', start=) was shown on the command line
    (["explain", "1 2; 3 4", "1 1; 1 1", "--style", "table"],
     "--style: the sliding table is drawn for 1-D signals; use style compact (matrices) or style products for 2-D"),
    (["explain", " ".join(["1"] * 30), "1 1", "--style", "table"],
     "--style: the sliding table would have 32 columns; it is drawn for at most 24 (use style compact)"),
    (["explain", "1 2", "1", "--op", "circ", "-N", "2", "--mode", "same"],
     "mode: circular convolution keeps all N samples; mode 'same' does not apply (use mode full)"),
    (["check", "3 5", "1 2 3", "1 1", "--stride", "2"],
     "--stride: applies to a layer only; give op layer to check a layer's output"),
    (["check", "n=0: 1 2", "1 2", "1", "--start", "0"],
     "claimed answer: the start is given twice (in the text and as start); give one"),
    # elide: '--elide 1' said "1 is not a number of lines (2 or more), True or False"
    (["explain", "1 2", "1", "--elide", "1"], "--elide: 1 is not a number of lines; give 2 or more (--all shows every line)"),
    # one place name for --at: the library said 'at:', the command line '--at:'
    (["explain", "1 2", "1", "--at", "5"], "--at: 5 is outside the result's indices 0..1"),
    (["explain", "1 2", "1", "--at", "x"], "--at: 'x' is not an output index such as 3 or 1,1"),
    # a leftover argument pointed to 'symconv --help', not to the subcommand's help
    (["conv", "1", "2", "3"], "unrecognized arguments: 3 (see 'symconv conv --help')"),
    (["check", "1", "2", "3", "4", "--op", "layer", "--bogus"],
     "unrecognized arguments: --bogus (see 'symconv check --help')"),
    (["--bogus"], "unrecognized arguments: --bogus (see 'symconv --help')"),
    # a multi-digit exponent in LaTeX: was "two numbers side by side ('n^20')"
    (["check", "n^20 u[n]", "1", "1"], "claimed answer, column 3: TeX reads 'n^20' as n^{2} 0; write n^{20}"),
    (["check", r"\frac{1}{2} n^20", "1", "1"],
     "claimed answer, column 15: TeX reads 'n^20' as n^{2} 0; write n^{20}"),
])
def test_issue_messages_in_the_command_line_words(argv, message, capsys):
    code, out, err = _run(argv, capsys)
    assert (code, out, err) == (2, "", f"symconv: error: {message}\n")


def test_issue_library_messages_are_neutral():
    from symconv import explain
    from symconv.check import check
    from symconv.check.latex_in import read_latex
    with pytest.raises(InputError, match=r"^explain: layer options \(stride\) need op layer$"):
        explain([1, 2], [1], stride=2)
    with pytest.raises(InputError, match=r"^at: 5 is outside the result's indices 0\.\.1$"):
        explain([1, 2], [1], at=5)
    with pytest.raises(InputError, match=r"^stride: applies to a layer only; give op layer to check a layer's output$"):
        check("1", "1", "1", stride=2)
    with pytest.raises(InputError, match=r"^answer, column 5: TeX reads '2\^10' as 2\^\{1\} 0; write 2\^\{10\}$"):
        read_latex(r"\{2^10\}")
    assert read_latex("2^{10}").value == 1024


def test_issue_oserror_while_writing_is_bad_output(tmp_path, monkeypatch, capsys):
    # was: an OSError while writing the output (disk full, permission) -> internal error, exit 3
    import errno

    import symconv.atomic

    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle, mode):
            self.stream = real_fdopen(handle, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.stream.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(symconv.atomic.os, "fdopen", Full)
    code, out, err = _run(["conv", "1", "2", "-o", "y.txt"], capsys)
    assert (code, out, err) == (2, "", "symconv: error: output: cannot write 'y.txt': No space left on device\n")
    assert os.listdir(tmp_path) == []


def test_issue_full_standard_output():
    # was: 'symconv conv 1 2 > /dev/full' -> internal error OSError, exit 3
    import subprocess
    import sys
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "symconv", "conv", "1", "2"], stdout=full,
                              stderr=subprocess.PIPE, text=True)
    assert (done.returncode, done.stderr) == (
        2, "symconv: error: output: cannot write to standard output: No space left on device\n")
