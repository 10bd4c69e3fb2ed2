"""Every user-facing message of the foundation, matched exactly: messages are API.

Library errors are checked as ``str(InputError)`` (``<where>: <what>[; <accepted>]``), command-line
errors as the one stderr line ``symconv: error: ...`` with exit code 2.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from sympy import Eq, ImmutableMatrix, Matrix, Symbol, nan, oo

import symconv.exact
from symconv import Signal, circular_convolve, convolve, correlate, flip, to_exact
from symconv.cli import main
from symconv.engine import METHODS
from symconv.errors import InputError, SelfCheckError, SymconvError, UnsupportedError
from symconv.parse import parse_signal
from symconv.text import decimal_to_rational, read_value

MESSAGES = [
    # ------------------------------------------------------------------ empty input
    ("empty list", lambda: convolve([], [1]), "data: empty sequence; give at least one value"),
    ("empty kernel", lambda: convolve([1], []), "kernel: empty sequence; give at least one value"),
    ("empty text", lambda: convolve("", [1]), "data: empty sequence; give at least one value"),
    ("blank text", lambda: convolve("  \n ", [1]), "data: empty sequence; give at least one value"),
    ("empty brackets", lambda: convolve("[]", [1]), "data: empty sequence; give at least one value"),
    ("empty row", lambda: convolve([[1], []], [[1]]), "data, row 2: empty sequence; give at least one value"),
    ("empty value", lambda: read_value(""), "value: empty; give a number"),
    ("empty item", lambda: Signal("1,,2"), "data, item 2: empty; give a number"),
    # ------------------------------------------------------------------ decimal comma
    ("0,5 item", lambda: convolve(["0,5"], [1]), "data, item 1: '0,5' is not a number; write 0.5 or 1/2"),
    ("0,5 in text", lambda: convolve("1 0,5 2", [1]),
     "data, item 2: '0,5' is not a number; write 0.5 or 1/2"),
    ("-0,25", lambda: to_exact("-0,25"), "value: '-0,25' is not a number; write -0.25 or -1/4"),
    ("0,5 kernel", lambda: convolve([1], "1 0,5"), "kernel, item 2: '0,5' is not a number; write 0.5 or 1/2"),
    # ------------------------------------------------------------------ ragged rows
    ("ragged list", lambda: convolve([[1, 2], [3]], [[1]]),
     "data, row 2: has 1 value where row 1 has 2; rows must be equally long"),
    ("ragged text", lambda: convolve("1 2; 3", "1"),
     "data, row 2: has 1 value where row 1 has 2; rows must be equally long"),
    ("ragged kernel", lambda: convolve([[1]], "1 2 3\n4 5"),
     "kernel, row 2: has 2 values where row 1 has 3; rows must be equally long"),
    # ------------------------------------------------------------------ unknown choices
    ("mode typo", lambda: convolve([1], [1], mode="vaild"),
     "mode: 'vaild' is not one of: full, same, valid; did you mean 'valid'?"),
    ("mode far", lambda: convolve([1], [1], mode="xyz"), "mode: 'xyz' is not one of: full, same, valid"),
    ("mode in correlate", lambda: correlate([1], [1], mode="ful"),
     "mode: 'ful' is not one of: full, same, valid; did you mean 'full'?"),
    ("same convention", lambda: convolve([1], [1], mode="same", same_convention="matlb"),
     "same convention: 'matlb' is not one of: scipy, numpy, matlab; did you mean 'matlab'?"),
    ("same convention far", lambda: convolve([1], [1], mode="same", same_convention="octave"),
     "same convention: 'octave' is not one of: scipy, numpy, matlab"),
    ("order typo", lambda: correlate([1], [1], order="wiki"),
     "order: 'wiki' is not one of: canonical, wikipedia; did you mean 'wikipedia'?"),
    ("order far", lambda: correlate([1], [1], order="xyz"), "order: 'xyz' is not one of: canonical, wikipedia"),
    ("method", lambda: convolve([1], [1], method="fast"),
     f"method: 'fast' is not one of: {', '.join(['auto', *METHODS])}"),
    # ------------------------------------------------------------------ nan and inf
    ("nan float", lambda: convolve([float("nan")], [1]), "data, item 1: nan is not a finite number"),
    ("inf float", lambda: convolve([1, float("inf")], [1]), "data, item 2: inf is not a finite number"),
    ("-inf kernel", lambda: convolve([1], [-float("inf")]), "kernel, item 1: -inf is not a finite number"),
    ("nan numpy", lambda: convolve(np.array([1.0, np.nan]), [1]), "data, item 2: nan is not a finite number"),
    ("nan complex", lambda: to_exact(complex(1, float("nan"))), "value: nan is not a finite number"),
    ("nan Decimal", lambda: to_exact(Decimal("nan")), "value: NaN is not a finite number"),
    ("inf Decimal", lambda: to_exact(Decimal("-inf")), "value: -Infinity is not a finite number"),
    ("oo", lambda: to_exact(oo), "value: oo is not a finite number"),
    ("sympy nan", lambda: to_exact(nan), "value: nan is not a finite number"),
    ("nan text", lambda: convolve("nan 1", [1]), "data, item 1: 'nan' is not a finite number"),
    ("inf text", lambda: convolve("1 -inf", [1]), "data, item 2: '-inf' is not a finite number"),
    ("Infinity text", lambda: to_exact("Infinity"), "value: 'Infinity' is not a finite number"),
    # ------------------------------------------------------------------ huge numbers, refused before built
    ("1e999999999", lambda: to_exact("1e999999999"),
     "value: '1e999999999' has exponent 999999999; at most 10000 in size is accepted"),
    ("1e-999999999", lambda: convolve(["1e-999999999"], [1]),
     "data, item 1: '1e-999999999' has exponent -999999999; at most 10000 in size is accepted"),
    ("10**10**10", lambda: to_exact("10**10**10"),
     "value: power at column 3 has exponent 10000000000; at most 10000 in size is accepted"),
    ("10^10^10", lambda: to_exact("10^10^10"),
     "value: power at column 3 has exponent 10000000000; at most 10000 in size is accepted"),
    ("rational exponent", lambda: to_exact("2**(10001/2)"),
     "value: power at column 2 has exponent 10001/2; at most 10000 in size is accepted"),
    ("power bits", lambda: to_exact("(2**9999)**11"),
     "value: power at column 10 would have about 110000 bits; at most 100000 are accepted"),
    ("product bits", lambda: to_exact("1e9000*1e9000*1e9000*1e9000"),
     "value: the value at column 21 would have 119590 bits; at most 100000 are accepted"),
    ("digits", lambda: to_exact("7" * 4001), "value: the number at column 1 has 4001 digits; at most 4000 are accepted"),
    # review: a Decimal (check-batch reads JSON numbers as Decimal) was built whatever its exponent
    ("Decimal exponent", lambda: to_exact(Decimal("1e999999999")),
     "value: '1E+999999999' has exponent 999999999; at most 10000 in size is accepted"),
    ("Decimal digits", lambda: convolve([1, Decimal("7" * 4001)], [1]),
     "data, item 2: the number at column 1 has 4001 digits; at most 4000 are accepted"),
    ("decimal_to_rational", lambda: decimal_to_rational("1", 10**9),
     "value: '1e1000000000' has exponent 1000000000; at most 10000 in size is accepted"),
    ("decimal comma digits", lambda: to_exact("1," + "5" * 4000),
     "value: the number at column 1 has 4001 digits; at most 4000 are accepted"),
    ("nesting", lambda: to_exact("(" * 101 + "1" + ")" * 101),
     "value: nests parentheses, signs or powers more than 100 levels deep"),
    ("signs nesting", lambda: to_exact("-" * 1000 + "1"),
     "value: nests parentheses, signs or powers more than 100 levels deep"),
    # ------------------------------------------------------------------ other grammar errors
    ("unexpected char", lambda: to_exact("1 ? 2"),
     "value: '1 ? 2' is not a number or expression (unexpected '?' at column 3)"),
    ("unexpected end", lambda: to_exact("2*"),
     "value: '2*' is not a number or expression (unexpected end of text at column 3)"),
    ("two numbers", lambda: to_exact("1 2"), "value: '1 2' is not a number or expression (unexpected '2' at column 3)"),
    ("unclosed paren", lambda: to_exact("(1+2"), "value: '(1+2' has '(' at column 1 that is never closed"),
    ("divide by zero", lambda: to_exact("1/0"), "value: '1/0' divides by zero"),
    ("zero to negative", lambda: to_exact("0**-1"), "value: '0**-1' divides by zero"),
    ("complex exponent", lambda: to_exact("2**i"),
     "value: power at column 2 needs an integer or fraction as exponent, not I"),
    ("function call", lambda: to_exact("sqrt(2)"),
     "value: 'sqrt(2)' is not read: 'sqrt(' is a function call, and functions are not read (values are numbers, "
     "names and + - * / ** only); write the value instead, e.g. 2**(1/2) for sqrt(2)"),
    ("new line quoted", lambda: Signal("[1,\n2\n3]"),
     "data, item 2: '2\\n3' is not a number or expression (unexpected '3' at column 3)"),
    # ------------------------------------------------------------------ names that are not identifiers
    ("name with $", lambda: convolve(["x$"], [1]),
     "data, item 1: 'x$' is not a number or expression (unexpected '$' at column 2)"),
    ("leading underscore", lambda: to_exact("_a"),
     "value: '_a' is not a number or expression (unexpected '_' at column 1)"),
    ("dotted name", lambda: to_exact("a.b"), "value: 'a.b' is not a number or expression (unexpected '.' at column 2)"),
    ("python call", lambda: to_exact("__import__('os')"),
     "value: '__import__('os')' is not a number or expression (unexpected '_' at column 1)"),
    ("indexing", lambda: to_exact("x[0]"), "value: 'x[0]' is not a number or expression (unexpected '[' at column 2)"),
    # ------------------------------------------------------------------ values that are not numbers
    ("None", lambda: to_exact(None), "value: None is not a number"),
    ("Matrix", lambda: to_exact(Matrix([1])), "value: Matrix([[1]]) is not a number"),
    ("ImmutableMatrix", lambda: to_exact(ImmutableMatrix([1])), "value: Matrix([[1]]) is not a number or expression"),
    ("equation", lambda: to_exact(Eq(Symbol("a"), 1)), "value: Eq(a, 1) is not a number or expression"),
    ("long repr", lambda: to_exact(list(range(100))),
     "value: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11... is not a number"),
    ("scalar data", lambda: convolve(5, [1]), "data: 5 is not a sequence of values"),
    ("set data", lambda: convolve({1, 2}, [1]), "data: {1, 2} is not a sequence of values"),
    ("0-d array", lambda: convolve(np.array(5), [1]), "data: a single number is not a sequence; give a list of values"),
    # ------------------------------------------------------------------ text notation
    ("text too long", lambda: convolve("1" + " " * 4_000_000, [1]),
     "data: text has 4000001 characters; at most 4000000 are accepted (pass a list or an array for longer data)"),
    ("two marks", lambda: Signal(">1 >2"), "data: 2 samples are marked with '>'; mark only the n = 0 sample"),
    ("mark and prefix", lambda: Signal("n=1: >1 2"),
     "data: the start is given twice (a 'n=' prefix and a '>' mark); give one"),
    ("range length", lambda: Signal("n=-1..3: 1 2"), "data: the range n=-1..3 has 5 indices but 2 values are given"),
    ("prefix axes", lambda: Signal("n=(1,2,3): 1 2; 3 4"), "data: the start (1, 2, 3) has 3 indices for 2-D data"),
    ("[[ unclosed", lambda: Signal("[[1, 2], [3, 4]"), "data: '[[' is never closed by ']]'"),
    ("[ unclosed", lambda: Signal("[1, 2"), "data: '[' is never closed by ']'"),
    ("JSON escape", lambda: Signal('["\\q", 1]'),
     "data: the string at column 2 has '\\q' at column 3, which JSON does not allow; escapes are "
     "\\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX"),
    ("JSON control character", lambda: Signal('["a\tb"]'),
     "data: the string at column 2 has the control character '\\t' at column 4, which JSON does not allow in a "
     "string; write it as \\t or leave it out"),
    ("parse where", lambda: parse_signal("1 x$", where="kernel"),
     "kernel, item 2: 'x$' is not a number or expression (unexpected '$' at column 2)"),
    # ------------------------------------------------------------------ starts
    ("start float", lambda: Signal([1], start=1.5), "start: 1.5 is not an integer"),
    ("start text", lambda: Signal([1], start="1"), "start: '1' is not an integer"),
    ("start bool", lambda: Signal([1], start=True), "start: True is not an integer"),
    ("start None in list", lambda: Signal([1], start=[None]), "start: None is not an integer"),
    ("start axes", lambda: Signal([[1]], start=(1,)), "start: 1 starts given for 2-D data"),
    ("start and mark", lambda: Signal(">1 2", start=3),
     "start: the text marks its start already; give start= or the mark, not both"),
    ("shift float", lambda: Signal([1]).shift(0.5), "start: 0.5 is not an integer"),
    # ------------------------------------------------------------------ shapes
    ("1-D data, 2-D kernel", lambda: convolve([1, 2], [[1]]),
     "kernel: is 2-D but the data is 1-D; give both with the same number of axes"),
    ("2-D data, 1-D kernel", lambda: correlate([[1, 2]], [1]),
     "kernel: is 1-D but the data is 2-D; give both with the same number of axes"),
    ("circular dims", lambda: circular_convolve([1], [[1]], 2),
     "kernel: is 2-D but the data is 1-D; give both with the same number of axes"),
    ("valid longer on one axis only", lambda: correlate([[1, 2], [3, 4]], [[1, 2, 3]], mode="valid"),
     "valid mode, axis 1: kernel length 3 is longer than data length 2 but shorter on axis 0 (1 < 2), so "
     "neither operand fits inside the other; valid needs one at least as long as the other on every axis"),
    ("index count", lambda: Signal([1])[1, 2], "index: 2 indices given for a 1-D signal"),
    ("3-D to_matrix", lambda: Signal([[[1]]]).to_matrix(), "to_matrix: a 3-D signal is not a matrix; use to_array()"),
    ("flip empty", lambda: flip([]), "kernel: empty sequence; give at least one value"),
    # ------------------------------------------------------------------ circular period
    ("N zero", lambda: circular_convolve([1], [1], 0), "N: 0 is not a positive integer"),
    ("N negative", lambda: circular_convolve([1], [1], -3), "N: -3 is not a positive integer"),
    ("N float", lambda: circular_convolve([1], [1], 1.5), "N: 1.5 is not a positive integer"),
    ("N bool", lambda: circular_convolve([1], [1], True), "N: True is not a positive integer"),
    ("N text", lambda: circular_convolve([1], [1], "3"), "N: '3' is not a positive integer"),
    ("N per axis zero", lambda: circular_convolve([[1]], [[1]], (2, 0)), "N: 0 is not a positive integer"),
    ("N axes", lambda: circular_convolve([1], [1], (1, 2)), "N: 2 periods given for 1-D data"),
]


@pytest.mark.parametrize("case, message", [(call, message) for _, call, message in MESSAGES],
                         ids=[name for name, _, _ in MESSAGES])
def test_message(case, message):
    with pytest.raises(InputError) as caught:
        case()
    assert str(caught.value) == message
    assert "\n" not in message
    assert str(caught.value) == f"{caught.value.where}: {caught.value.problem}"


def test_sample_limit_message(monkeypatch):
    monkeypatch.setattr(symconv.exact, "MAX_SAMPLES", 3)
    with pytest.raises(InputError) as caught:
        convolve([1, 2, 3, 4], [1])
    assert str(caught.value) == "data: has 4 values; at most 3 are accepted"


def test_error_family():
    assert issubclass(InputError, SymconvError) and issubclass(InputError, ValueError)
    assert issubclass(UnsupportedError, SymconvError) and issubclass(UnsupportedError, NotImplementedError)
    assert issubclass(SelfCheckError, SymconvError) and issubclass(SelfCheckError, RuntimeError)
    error = InputError("data, item 3", "'0,5' is not a number; write 0.5 or 1/2")
    assert (error.where, error.problem) == ("data, item 3", "'0,5' is not a number; write 0.5 or 1/2")
    assert str(InputError("", "no place")) == "no place"


# ----------------------------------------------------------------------------- the command line
CLI_MESSAGES = [
    (["conv", "", "1"], "data: empty sequence; give at least one value"),
    (["conv", "1 0,5", "1"], "data, item 2: '0,5' is not a number; write 0.5 or 1/2"),
    (["conv", "1 2; 3", "1"], "data, row 2: has 1 value where row 1 has 2; rows must be equally long"),
    (["conv", "1 2", "1", "--mode", "vaild"], "mode: 'vaild' is not one of: full, same, valid; did you mean 'valid'?"),
    (["corr", "1 2", "1", "--order", "wiki"],
     "order: 'wiki' is not one of: canonical, wikipedia; did you mean 'wikipedia'?"),
    (["conv", "1 2", "1", "--mode", "same", "--same-convention", "octave"],
     "same convention: 'octave' is not one of: scipy, numpy, matlab"),
    (["conv", "1 nan", "1"], "data, item 2: 'nan' is not a finite number"),
    (["conv", "1e999999999", "1"], "data, item 1: '1e999999999' has exponent 999999999; at most 10000 in size is accepted"),
    (["conv", "1", "10**10**10"],
     "kernel, item 1: power at column 3 has exponent 10000000000; at most 10000 in size is accepted"),
    (["circ", "1 2", "1", "0"], "N: '0' is not a positive integer"),
    (["circ", "1 2", "1", "-2"], "N: '-2' is not a positive integer"),
    (["circ", "1 2", "1", "two"], "N: 'two' is not a positive integer"),
    (["circ", "1 2", "1", "1.5"], "N: '1.5' is not a positive integer"),
    (["conv", "1 2", "1", "--start-x", "1.5"], "--start-x: '1.5' is not an integer (see 'symconv conv --help')"),
    (["conv", "1 >2", "1", "--start-x", "1"], "data: the start is given twice (in the text and by --start); give one"),
    (["conv", "1 2", "1 2; 3 4"], "kernel: is 2-D but the data is 1-D; give both with the same number of axes"),
    (["conv", "1 2", "1 x$"], "kernel, item 2: 'x$' is not a number or expression (unexpected '$' at column 2)"),
    (["conv", "1" + " " * 4_000_000, "1"],
     "data: text has 4000001 characters; at most 4000000 are accepted (pass a list or an array for longer data)"),
    (["conv", "1 2; 3 4", "1; 2; 3", "--mode", "valid"],
     "valid mode, axis 0: kernel length 3 is longer than data length 2 but shorter on axis 1 (1 < 2), so "
     "neither operand fits inside the other; valid needs one at least as long as the other on every axis"),
    (["conv", "1", "1", "-o", "no/such/folder/out.txt"], "output: folder 'no/such/folder' does not exist"),
    # QA round 2: JSON strings JSON refuses were an internal error (exit 3)
    (["conv", '["\\q", 1]', "1"], "data: the string at column 2 has '\\q' at column 3, which JSON does not allow; "
                                  "escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX"),
    (["conv", '["a\tb"]', "1"], "data: the string at column 2 has the control character '\\t' at column 4, which "
                                "JSON does not allow in a string; write it as \\t or leave it out"),
    (["conv", "sqrt(2)", "1"], "data, item 1: 'sqrt(2)' is not read: 'sqrt(' is a function call, and functions are "
                               "not read (values are numbers, names and + - * / ** only); write the value instead, "
                               "e.g. 2**(1/2) for sqrt(2)"),
]


@pytest.mark.parametrize("argv, message", CLI_MESSAGES, ids=[" ".join(a)[:40] for a, _ in CLI_MESSAGES])
def test_cli_message(argv, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse usage errors exit from inside parse_args
        code = exit_.code
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err == f"symconv: error: {message}\n"


@pytest.mark.parametrize("make, message", [
    (lambda path: "@missing.txt", "data: cannot read 'missing.txt': No such file or directory"),
    (lambda path: (path / "folder").mkdir() or "@folder", "data: cannot read 'folder': Is a directory"),
    (lambda path: (path / "latin1.txt").write_bytes(b"1 2 \xe9") and "@latin1.txt",
     "data: 'latin1.txt' is not UTF-8 (byte 0xe9 at offset 4; it looks like Windows-1252); save it as UTF-8"),
    (lambda path: (path / "empty.txt").write_text("") or "@empty.txt", "data: empty sequence; give at least one value"),
    (lambda path: (path / "ragged.txt").write_text("1 2 3\n4 5\n") and "@ragged.txt",
     "data, row 2: has 2 values where row 1 has 3; rows must be equally long"),
    (lambda path: (path / "comma.txt").write_text("1 0,5\n2 3\n") and "@comma.txt",
     "data, row 1, column 2: '0,5' is not a number; write 0.5 or 1/2"),
    # QA round 2: an item with a new line was cut at it (the CLI prints one line)
    (lambda path: (path / "n.txt").write_text("[1,\n2\n3]\n") and "@n.txt",
     "data, item 2: '2\\n3' is not a number or expression (unexpected '3' at column 3)"),
])
def test_cli_bad_file(make, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    argument = make(tmp_path)
    assert main(["conv", argument, "1"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"symconv: error: {message}\n"


# ------------------------------------------------------------------ QA round 2: the repro commands now work
@pytest.mark.parametrize("argv, files, out", [
    (["conv", "1 ,2", "1"], {}, "n = 0..1: 1, 2\ny[0] = 1\ny[1] = 2\n"),
    (["conv", "[[1,2] ,[3,4]]", "[[1]]", "--format", "json"], {}, None),
    (["conv", "@sp.json", "[[1]]", "--format", "json"], {"sp.json": "[[1,2] ,[3,4]]"}, None),
    (["conv", "@l.txt", "1"], {"l.txt": "# c\n[1,2]\n"}, "n = 0..1: 1, 2\ny[0] = 1\ny[1] = 2\n"),
    (["conv", "@n.txt", "1"], {"n.txt": "[1,\n# mid\n2]\n"}, "n = 0..1: 1, 2\ny[0] = 1\ny[1] = 2\n"),
    (["conv", "@c.txt", "[[1]]", "--format", "json"], {"c.txt": "[[1,2],\n[3,4]] # c"}, None),
    (["conv", "@bom.json", "1"], {"bom.json": "\ufeff[1,2]"}, "n = 0..1: 1, 2\ny[0] = 1\ny[1] = 2\n"),
    (["conv", "I i", "1"], {}, "n = 0..1: I, I\ny[0] = I\ny[1] = I\n"),
])
def test_qa_round_2_inputs_are_read(argv, files, out, capsys, tmp_path, monkeypatch):
    import json

    monkeypatch.chdir(tmp_path)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    if out is not None:
        assert captured.out == out
    else:
        assert json.loads(captured.out)["values"] == [["1", "2"], ["3", "4"]]


def test_symconv_reads_its_own_imaginary_unit_back(capsys):
    assert main(["conv", "1+2i", "1", "--format", "json"]) == 0
    printed = __import__("json").loads(capsys.readouterr().out)["values"]
    assert printed == ["1 + 2*I"]
    assert main(["conv", __import__("json").dumps(printed), "1"]) == 0  # '["1 + 2*I"]', as JSON output holds it
    assert capsys.readouterr().out == "n = 0..0: 1 + 2*I\ny[0] = 1 + 2*I\n"


@pytest.mark.parametrize("names, message", [
    (",,", "--names: give three non-empty names: data, kernel, result"),
    ("a,a,a", "--names: ['a', 'a', 'a'] repeats a name; data, kernel and result need their own"),
])
def test_issue_21_check_names_as_explain_reads_them(names, message, capsys):
    """check refuses the names explain refuses, with explain's words."""
    from helpers import run_cli

    from symconv import check, explain

    for command in ("check", "explain"):
        operands = ["1 2", "1 2", "1"] if command == "check" else ["1 2", "1"]
        assert run_cli([command, *operands, "--names", names], capsys) == (2, "", f"symconv: error: {message}\n")
    with pytest.raises(InputError) as error:
        check("1 2", "1 2", "1", names=names.split(","))
    assert str(error.value) == message.removeprefix("--")
    with pytest.raises(InputError):
        explain("1 2", "1", names=names.split(","))
