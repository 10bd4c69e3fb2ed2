"""Issue 20: help texts (snapshots), examples that run, --version, completion, one --op vocabulary,
usage errors in one line, progress on a terminal, Ctrl-C.

Set SYMCONV_UPDATE_GOLDEN=1 to rewrite tests/golden/help/*.txt after a deliberate change, then
review the diff.
"""

from __future__ import annotations

import io
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import symconv
import symconv.derive
import symconv.render.pdf
from helpers import run_cli as run
from symconv.cli import _SUBCOMMANDS, main
from symconv.cliargs import EXAMPLES, SAMPLE_KEY

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "help"
IMAGE = "1 1 1 0 0\n0 1 1 1 0\n0 0 1 1 1\n0 0 1 1 0\n0 1 1 0 0\n"


@pytest.fixture(autouse=True)
def fixed_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps help at the terminal's width


# ----------------------------------------------------------------------------- help texts
@pytest.mark.parametrize("command", [None, *_SUBCOMMANDS])
def test_help_snapshots(command, capsys):
    code, out, err = run(["--help"] if command is None else [command, "--help"], capsys)
    assert (code, err) == (0, "")
    golden = GOLDEN / f"{command or 'symconv'}.txt"
    if os.environ.get("SYMCONV_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", list(_SUBCOMMANDS))
def test_issue_20_each_command_has_its_own_examples(command, capsys):
    out = run([command, "--help"], capsys)[1]
    examples = out.split("examples:\n", 1)[1]
    lines = [line.split()[:2] for line in examples.splitlines() if line.strip().startswith(("symconv", "echo"))]
    assert 2 <= len(lines) <= 3
    assert all(command in shlex.split(line) for line in EXAMPLES[command].splitlines() if "symconv" in line)


def _example_commands():
    for command, block in EXAMPLES.items():
        for line in block.splitlines():
            line = line.strip()
            if line.startswith(("symconv", "echo")):
                yield command, line.split("  ")[0].strip()


@pytest.mark.parametrize("command, line", list(_example_commands()))
def test_every_help_example_runs(command, line, capsys, tmp_path, monkeypatch):
    """Each example of each --help runs (files it names are made first; PDF typesetting is faked)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(symconv.render.pdf, "pdf_bytes", lambda document: b"%PDF-1.5 fake")
    Path("image.txt").write_text(IMAGE)
    Path("x.txt").write_text(IMAGE)
    Path("answers.json").write_text(SAMPLE_KEY)
    Path("solution.tex").write_text(run(["explain", "1 0.5 1 1", "1 0.5 0.25", "--format", "latex"], capsys)[1])
    if line.startswith("echo"):
        echoed, line = line.split(" | ")
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(shlex.split(echoed)[1].encode())))
    argv = shlex.split(line.split(" > ")[0])[1:]
    code, out, err = run(argv, capsys)
    wrong = "--check 14.5" in line or "1.5 1.5 0.75" in line  # examples of a wrong claim: exit 1
    assert (code, err) == (1 if wrong else 0, ""), line


def test_issue_20_check_batch_help_describes_the_answer_key(capsys):
    out = run(["check-batch", "--help"], capsys)[1]
    assert "answer key: a JSON (or YAML) list of items" in out
    for field in ("x, h", "claimed", "line", "op (conv, corr, circ)", "decimals"):
        assert field in out


def test_issue_20_check_batch_example_prints_a_key_that_grades_right(capsys, tmp_path):
    code, out, err = run(["check-batch", "--example"], capsys)
    assert (code, out, err) == (0, SAMPLE_KEY, "")
    (tmp_path / "answers.json").write_text(out)
    code, out, err = run(["check-batch", str(tmp_path / "answers.json"), "--format", "json"], capsys)
    assert (code, err) == (0, "")
    assert [item["status"] for item in json.loads(out)["items"]] == ["right"] * 5


def test_check_batch_without_a_key(capsys):
    assert run(["check-batch"], capsys) == (2, "", "symconv: error: check-batch: give an answer key (a file, or - "
                                                  "for standard input), or --example for a sample\n")


def test_issue_20_version(capsys):
    assert run(["--version"], capsys) == (0, f"symconv {symconv.__version__}\n", "")


# ----------------------------------------------------------------------------- one vocabulary, one-line errors
@pytest.mark.parametrize("op, expected", [("conv", "convolve"), ("convolve", "convolve"), ("corr", "correlate"),
                                          ("correlate", "correlate"), ("circ", "circular"),
                                          ("circular", "circular")])
def test_issue_20_op_has_one_vocabulary(op, expected, capsys):
    extra = ["-N", "3"] if expected == "circular" else []
    claimed = {"convolve": "1 3 5 3", "correlate": "1 3 5 3", "circular": "4 3 5"}[expected]
    assert run(["check", claimed, "1 2 3", "1 1", "--op", op, *extra], capsys)[0] == 0
    assert run(["explain", "1 2 3", "1 1", "--op", op, *extra], capsys)[0] == 0


@pytest.mark.parametrize("argv, message", [
    (["check", "1", "1", "1", "--op", "convolution"],
     "--op: 'convolution' is not one of: conv, corr, circ, layer; did you mean 'convolve'?"),
    (["explain", "1", "1", "--op", "correlation"],
     "--op: 'correlation' is not one of: conv, corr, circ; did you mean 'correlate'?"),
    (["explain", "1", "1", "--op", "layer"], "--op: 'layer' is not one of: conv, corr, circ"),
    (["explain", "1 2", "1", "--style", "tabel"],
     "--style: 'tabel' is not one of: compact, products, table; did you mean 'table'? "
     "(see 'symconv explain --help')"),
    (["explan", "1 2", "1"], "'explan' is not a command; choose one of: conv, corr, circ, explain, prove, layer, "
                             "size, check, check-batch; did you mean 'explain'? (see 'symconv --help')"),
    (["check", "--op", "layer"], "the following arguments are required: CLAIMED X H (see 'symconv check --help')"),
    (["layer", "1 2", "1", "--groups", "two"], "--groups: 'two' is not an integer (see 'symconv layer --help')"),
    (["check-batch", "k.json", "--time-limit", "soon"],
     "--time-limit: 'soon' is not a number (see 'symconv check-batch --help')"),
    (["conv", "1 2", "1", "--mode"], "--mode: expected a value after it (see 'symconv conv --help')"),
])
def test_issue_20_usage_errors_are_one_house_line(argv, message, capsys):
    assert run(argv, capsys) == (2, "", f"symconv: error: {message}\n")


def test_issue_20_a_wrong_file_ending_is_refused_before_the_work(capsys, tmp_path, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("derived before the output was checked")

    monkeypatch.setattr(symconv.derive, "explain", never)
    assert run(["explain", "1 2", "1", "-o", str(tmp_path / "s.docx")], capsys)[2] == (
        f"symconv: error: output: '{tmp_path / 's.docx'}' does not end in .txt, .md, .tex, .json or .pdf (what "
        "symconv explain writes); rename it or give --format\n")
    assert list(tmp_path.iterdir()) == []


def test_a_format_the_object_lacks(capsys):
    assert run(["layer", "1 2 3", "1 1", "--format", "markdown"], capsys) == (
        2, "", "symconv: error: --format: symconv layer writes text, latex, json, not markdown\n")


# ----------------------------------------------------------------------------- completion
@pytest.mark.parametrize("shell, marker", [("bash", "complete "), ("zsh", "compdef"), ("fish", "complete ")])
def test_issue_20_completion_scripts(shell, marker, capsys):
    code, out, err = run(["--completion", shell], capsys)
    assert (code, err) == (0, "") and marker in out and "symconv" in out


@pytest.mark.parametrize("line, expected", [("symconv expl", {"explain"}), ("symconv explain 1 2 --sty", {"--style"}),
                                            ("symconv explain 1 2 --style t", {"table"})])
def test_issue_20_completion_answers_the_shell(line, expected, tmp_path):
    """What a shell's completion function does on TAB: run symconv with argcomplete's variables."""
    answer = tmp_path / "answer"
    environment = {**os.environ, "_ARGCOMPLETE": "1", "_ARGCOMPLETE_STDOUT_FILENAME": str(answer),
                   "COMP_LINE": line, "COMP_POINT": str(len(line)),
                   "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    completed = subprocess.run([sys.executable, "-m", "symconv"], env=environment, cwd=ROOT, capture_output=True,
                               timeout=300)
    assert completed.returncode == 0, completed.stderr
    assert {word.strip() for word in answer.read_text().split("\x0b")} == expected


# ----------------------------------------------------------------------------- progress and interrupts
class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_issue_20_progress_on_a_terminal_then_erased(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(symconv.render.pdf, "pdf_bytes", lambda document: b"%PDF-1.5 fake")
    stderr = Terminal()
    monkeypatch.setattr(sys, "stderr", stderr)
    assert main(["explain", "1 2 3", "1 1", "-o", str(tmp_path / "s.pdf")]) == 0
    shown = stderr.getvalue()
    assert shown.startswith("\rderiving the solution...")
    assert "\rtypesetting with pdflatex..." in shown
    assert shown.endswith("\r") and shown.replace("\r", "").replace("deriving the solution...", "").replace(
        "typesetting with pdflatex...", "").strip() == ""
    stderr.seek(0)
    stderr.truncate()
    assert main(["explain", "1 2 3", "1 1", "--format", "json"]) == 0
    assert "\rwriting json..." in stderr.getvalue() and stderr.getvalue().endswith("\r")
    assert (tmp_path / "s.pdf").read_bytes() == b"%PDF-1.5 fake"


def test_issue_20_batch_progress_counts_items(monkeypatch, tmp_path):
    key = tmp_path / "answers.json"
    key.write_text(SAMPLE_KEY)
    stderr = Terminal()
    monkeypatch.setattr(sys, "stderr", stderr)
    assert main(["check-batch", str(key), "--report", str(tmp_path / "r.md")]) == 0
    shown = stderr.getvalue()
    assert [f"grading {k}/5" in shown for k in range(1, 6)] == [True] * 5
    assert shown.endswith("\r")


@pytest.mark.parametrize("argv", [["explain", "1 2 3", "1 1", "--quiet"], ["check-batch", "ANSWERS", "-q"]])
def test_issue_20_quiet_silences_progress(argv, monkeypatch, tmp_path, capsys):
    key = tmp_path / "answers.json"
    key.write_text(SAMPLE_KEY)
    stderr = Terminal()
    monkeypatch.setattr(sys, "stderr", stderr)
    assert main([str(key) if a == "ANSWERS" else a for a in argv]) == 0
    assert stderr.getvalue() == ""


@pytest.mark.parametrize("argv, label", [
    (["check", "1 3 5 3", "1 2 3", "1 1"], "checking the answer"),
    (["check", "--line", "y[1] = x[0]h[1] + x[1]h[0] = 3", "1 2 3", "1 1"], "checking the line"),
    (["check", "--op", "layer", "3 5", "1 2 3", "1 1"], "checking the answer"),
])
def test_issue_20_progress_while_checking(argv, label, monkeypatch, capsys):
    stderr = Terminal()
    monkeypatch.setattr(sys, "stderr", stderr)
    assert main(argv) == 0
    assert stderr.getvalue().startswith(f"\r{label}...") and stderr.getvalue().endswith("\r")
    assert capsys.readouterr().out.count("\r") == 0  # the progress line never reaches stdout


def test_no_progress_when_stderr_is_no_terminal(capsys):
    assert run(["explain", "1 2 3", "1 1"], capsys)[2] == ""


def test_issue_20_interrupt_while_deriving(monkeypatch, capsys, tmp_path):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(symconv.derive, "explain", interrupted)
    assert run(["explain", "1 2", "1", "-o", str(tmp_path / "s.tex")], capsys) == (130, "", "symconv: interrupted\n")
    assert list(tmp_path.iterdir()) == []


def test_issue_20_readme_shows_the_help_of_one_command(capsys):
    shown = run(["circ", "--help"], capsys)[1]
    assert f"```\n{shown}```" in (ROOT / "README.md").read_text(encoding="utf-8")
