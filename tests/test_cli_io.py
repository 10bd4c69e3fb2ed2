"""The command line's input and output: '-' and '@-', '-o -', encodings, bounded reads, any terminal.

Issue 13, item 3 (streams and encodings) and item 4's bounded reading of files and streams.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import symconv.parse
import symconv.render.pdf
from helpers import run_cli as run

ROOT = Path(__file__).resolve().parents[1]


def feed(monkeypatch, data: bytes) -> None:
    """Standard input holding ``data``."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# ----------------------------------------------------------------------------- standard input
def test_issue_13_dash_reads_standard_input(capsys, monkeypatch):
    feed(monkeypatch, b"1 2 3\n")
    expected = "n = 0..3: 1, 3, 5, 3\ny[0] = 1\ny[1] = 3\ny[2] = 5\ny[3] = 3\n"
    assert run(["conv", "-", "1 1"], capsys) == (0, expected, "")


def test_issue_13_at_dash_reads_standard_input_for_a_claim(capsys, monkeypatch):
    feed(monkeypatch, b"1 3 5 3")
    code, out, err = run(["check", "@-", "1 2 3", "1 1"], capsys)
    assert (code, err) == (0, "") and "WRONG" not in out
    feed(monkeypatch, b"1 3 5 4")
    assert run(["check", "-", "1 2 3", "1 1"], capsys)[0] == 1


def test_a_worked_line_and_an_answer_key_from_standard_input(capsys, monkeypatch):
    feed(monkeypatch, b"y[1] = x[0]h[1] + x[1]h[0] = 3")
    assert run(["check", "--line", "-", "1 2 3", "1 1"], capsys)[0] == 0
    feed(monkeypatch, json.dumps([{"x": "1 2", "h": "1 1", "claimed": "1 3 2"}]).encode())
    code, out, err = run(["check-batch", "-"], capsys)
    assert (code, err) == (0, "") and out.startswith("# Answer check")


def test_standard_input_is_read_for_one_operand_only(capsys, monkeypatch):
    feed(monkeypatch, b"1 2 3")
    assert run(["conv", "-", "-"], capsys) == (2, "", "symconv: error: kernel: standard input is read already "
                                                     "(for data); give '-' to one operand only\n")


def test_no_standard_input(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    assert run(["conv", "-", "1"], capsys) == (2, "", "symconv: error: data: there is no standard input to read "
                                                     "('-')\n")


def test_issue_13_dash_output_is_standard_output(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["conv", "1 2", "1 1", "-o", "-", "--format", "json"], capsys)
    assert (code, err) == (0, "") and json.loads(out)["values"] == ["1", "3", "2"]
    assert os.listdir(tmp_path) == []  # no file named '-'
    code, out, err = run(["conv", "1 2", "1 1", "-o", "-"], capsys)
    assert out.startswith("n = 0..2: 1, 3, 2\n")


def test_a_pdf_goes_to_standard_output_only_when_asked(capsysbinary, monkeypatch):
    monkeypatch.setattr(symconv.render.pdf, "pdf_bytes", lambda document: b"%PDF-1.5 fake")
    assert main_code(["explain", "1 2", "1 1", "--format", "pdf", "-o", "-"]) == 0
    assert capsysbinary.readouterr().out == b"%PDF-1.5 fake"
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main_code(["explain", "1 2", "1 1", "--format", "pdf"]) == 2
    assert capsysbinary.readouterr().err == (b"symconv: error: --format: a PDF is no text for a terminal; give "
                                             b"-o FILE.pdf, or -o - to pipe it\n")


def main_code(argv):
    from symconv.cli import main
    return main(argv)


# ----------------------------------------------------------------------------- encodings
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "utf-32"])
def test_issue_13_files_in_utf8_utf16_utf32_are_read(encoding, tmp_path, capsys):
    data = tmp_path / "x.txt"
    text = "# données\n1 2 3\n"
    data.write_bytes(("\ufeff" + text).encode("utf-16-be") if encoding == "utf-16-be-bom" else text.encode(encoding))
    code, out, err = run(["conv", f"@{data}", "1 1"], capsys)
    assert (code, err) == (0, "") and out.startswith("n = 0..3: 1, 3, 5, 3\n")


@pytest.mark.parametrize("content, message", [
    ("1 2 3".encode("utf-16-le"), "'x.txt' holds NUL characters: binary data, or UTF-16 without a byte-order mark; "
                                  "save it as UTF-8"),
    ("1 – 2".encode("cp1252"), "'x.txt' is not UTF-8 (byte 0x96 at offset 2; it looks like Windows-1252); save it "
                               "as UTF-8"),
    (b"1 2 \x81\x8d", "'x.txt' is not UTF-8 (byte 0x81 at offset 4; it looks like binary data); save it as UTF-8"),
    (b"\xff\xfe1\x00\x00\xd8", "'x.txt' starts with a UTF-16-LE byte-order mark but is not UTF-16-LE text"),
])
def test_issue_13_other_encodings_are_refused_in_one_line(content, message, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("x.txt").write_bytes(content)
    assert run(["conv", "@x.txt", "1"], capsys) == (2, "", f"symconv: error: data: {message}\n")


def test_an_invalid_byte_after_the_first_piece_is_placed_exactly(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("x.txt").write_bytes(b"1 " * 40000 + "é".encode()[:1] + b" 2")  # a cut two-byte character at 80000
    assert run(["conv", "@x.txt", "1"], capsys)[2] == ("symconv: error: data: 'x.txt' is not UTF-8 (byte 0xc3 at "
                                                       "offset 80000; it looks like Windows-1252); save it as UTF-8\n")


# ----------------------------------------------------------------------------- bounded reading
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_issue_13_dev_zero_and_dev_urandom_are_refused_at_once(capsys):
    assert run(["conv", "@/dev/zero", "1"], capsys) == (2, "", "symconv: error: data: '/dev/zero' holds NUL "
                                                               "characters: binary data, or UTF-16 without a "
                                                               "byte-order mark; save it as UTF-8\n")
    code, out, err = run(["check", "@/dev/urandom", "1", "1"], capsys)
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert err.startswith("symconv: error: claimed answer: '/dev/urandom' ")


def test_issue_13_a_long_file_is_refused_after_the_text_limit(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(symconv.parse, "MAX_TEXT_LENGTH", 1000)
    monkeypatch.chdir(tmp_path)
    Path("big.txt").write_text("1 " * 501)
    assert run(["conv", "@big.txt", "1"], capsys) == (2, "", "symconv: error: data: 'big.txt' has more than 1000 "
                                                             "characters; at most 1000 are read (pass a list or an "
                                                             "array for longer data)\n")
    Path("big.txt").write_text("1 " * 500)
    assert run(["conv", "@big.txt", "1"], capsys)[0] == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_issue_13_an_endless_fifo_is_read_only_up_to_the_limit(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(symconv.parse, "MAX_TEXT_LENGTH", 100_000)
    fifo = tmp_path / "endless"
    os.mkfifo(fifo)

    def write_forever() -> None:
        try:
            with open(fifo, "wb") as stream:
                while True:
                    stream.write(b"1 " * 4096)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=write_forever, daemon=True)
    writer.start()
    assert run(["conv", f"@{fifo}", "1"], capsys)[2] == (f"symconv: error: data: '{fifo}' has more than 100000 "
                                                        "characters; at most 100000 are read (pass a list or an "
                                                        "array for longer data)\n")
    writer.join(timeout=60)
    assert not writer.is_alive()


# ----------------------------------------------------------------------------- terminals
def test_issue_13_a_cp1252_terminal_gets_ascii(monkeypatch, capsys):
    from symconv.cli import main
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["prove", "flip"]) == 0
    stdout.flush()
    printed = stdout.buffer.getvalue().decode("cp1252")
    assert "h_flip" in printed and "(*)" in printed and "?" not in printed


@pytest.mark.parametrize("argv", [["explain", "--help"], ["prove", "flip"], ["explain", "1 2; 3 4", "1 0; 0 1"]])
def test_issue_13_pythonioencoding_cp1252_never_crashes(argv):
    environment = {**os.environ, "PYTHONIOENCODING": "cp1252",
                   "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    completed = subprocess.run([sys.executable, "-m", "symconv", *argv], capture_output=True, env=environment,
                               cwd=ROOT, timeout=300)
    assert (completed.returncode, completed.stderr) == (0, b"")
    completed.stdout.decode("cp1252")
