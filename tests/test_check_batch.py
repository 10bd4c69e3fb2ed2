"""Batch grading and the 'check' / 'check-batch' commands: exit codes, one-line errors, reports."""

from __future__ import annotations

import json

import pytest

from symconv.check import grade, load_answer_key
from symconv.cli import main
from symconv.errors import InputError

X, H = "1 0.5 1 1", "1 0.5 0.25"
KEY = [
    {"id": "q1", "x": X, "h": H, "claimed": "1 1 1.5 1.625 0.75 0.25"},
    {"id": "q2", "x": X, "h": H, "claimed": "1 1 1.5 1.63 0.75 0.25"},
    {"id": "q3", "x": X, "h": H, "claimed": "1 1 1.5 1.63 0.75 0.25", "decimals": 2},
    {"id": "q4", "x": "1 2", "h": "1 1", "claimed": "0,5 ]"},
    {"id": "q5", "x": X, "h": H, "line": r"c[1] = \sum_m a[m]b[-m] = 0 * 0.25 + 1 * 0.5 + 0.5 * 1 = 1"},
    {"id": "q6", "x": "1 2 3", "h": "0 1 0.5", "op": "correlate", "claimed": "0.5 2 3.5 3 0", "start": -2},
    {"id": "q7", "x": "1", "claimed": "1"},
]


def test_grade_goes_on_after_bad_items():
    report = grade(KEY)
    assert [(r.id, r.status) for r in report.results] == [
        ("q1", "right"), ("q2", "wrong"), ("q3", "right"), ("q4", "error"), ("q5", "wrong"),
        ("q6", "right"), ("q7", "error")]
    assert report.results[6].error == "item q7: 'h' is missing"
    assert report.counts == {"right": 3, "wrong": 2, "error": 2, "timeout": 0}
    md = report.to_markdown()
    assert "| q2 | wrong | `single_wrong_term`, `decimal_rounding` |" in md
    assert json.loads(report.render("json"))["counts"]["wrong"] == 2
    assert report.render("latex").startswith("\\documentclass")


def test_answer_key_errors():
    with pytest.raises(Exception, match="^answer key: not valid JSON: Expecting value at line 1, column 1$"):
        load_answer_key("nope")
    with pytest.raises(Exception, match=r"^answer key: expected a list of items"):
        load_answer_key('{"a": 1}')
    assert load_answer_key("- {x: '1', h: '1', claimed: '1'}", fmt="yaml") == [
        {"x": "1", "h": "1", "claimed": "1"}]


def test_cli_check_exit_codes(capsys):
    assert main(["check", "1 1 1.5 1.625 0.75 0.25", X, H]) == 0
    assert capsys.readouterr().out.startswith("right: y = x * h (full)")
    assert main(["check", "1 1 1.5 1.5 0.75 0.25", X, H]) == 1
    out = capsys.readouterr().out
    assert "term_left_out: y[3] lacks the product x[1]h[2] = 1/8" in out
    assert main(["check", "--line", r"c[1] = \sum_m a[m]b[-m] = 0 * 0.25 + 1 * 0.5 + 0.5 * 1 = 1", X, H]) == 1
    assert "stage 1 (sum): WRONG" in capsys.readouterr().out
    assert main(["check", "[1, \\frac{1}{2", X, H]) == 2
    err = capsys.readouterr().err
    assert err == "symconv: error: claimed answer, column 13: expected '}' to close '\\frac{1}{'\n"
    assert main(["check", X, H]) == 2
    assert capsys.readouterr().err == "symconv: error: check: expected CLAIMED X H, got 2 operand(s)\n"
    assert main(["check", "1 1 1.5 1.63 0.75 0.25", X, H, "--decimals", "2", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True


def test_cli_check_batch(tmp_path, capsys):
    key = tmp_path / "answers.json"
    key.write_text(json.dumps(KEY))
    report = tmp_path / "report.md"
    assert main(["check-batch", str(key), "--report", str(report)]) == 1
    assert "7 items: 3 right, 2 wrong, 2 unreadable" in capsys.readouterr().out
    assert report.read_text().startswith("# Answer check")
    good = tmp_path / "good.json"
    good.write_text(json.dumps(KEY[:1]))
    assert main(["check-batch", str(good), "--format", "json"]) == 0
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    target = tmp_path / "none.md"
    assert main(["check-batch", str(bad), "--report", str(target)]) == 2
    assert capsys.readouterr().err.startswith("symconv: error: answer key: not valid JSON")
    assert not target.exists()


def test_cli_check_solution(tmp_path, capsys):
    import symconv
    from symconv.render.latex import render_latex

    tex = tmp_path / "solution.tex"
    tex.write_text(render_latex(symconv.explain([1, "1/2", 1, 1], [1, "1/2", "1/4"])))
    assert main(["check", "--solution", "@" + str(tex), X, H]) == 0
    out = capsys.readouterr().out
    assert out.count("right:") == 2 + 6  # the definition and the range (written for every n), 6 terms
    assert "line 2: right: y[n] = (x * h)[n] = \\sum_{m} x[m]\\,h[n-m]\n  stage 0 (output): ok\n" in out


# --------------------------------------------------------------------------- time limit, PDF
import importlib  # noqa: E402
import shutil  # noqa: E402
import time  # noqa: E402

batch = importlib.import_module("symconv.check.batch")  # symconv.check is also the function
timelimit = importlib.import_module("symconv.timelimit")

SLOW = {"id": "slow", "x": " ".join(f"a{i}" for i in range(600)), "h": " ".join(f"b{i}" for i in range(600)),
        "claimed": "1 2"}  # a symbolic 600 x 600 check: many seconds of work


@pytest.fixture
def sleeping_slow_item(monkeypatch):
    """The item with id 'slow' sleeps a minute (only the time limit can end it); others are graded."""
    real = batch._grade_one

    def slow_or_real(item, ident):
        if ident == "slow":
            time.sleep(60)
        return real(item, ident)

    monkeypatch.setattr(batch, "_grade_one", slow_or_real)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # an alarm in a gc callback rings again
def test_time_limit_with_the_alarm(sleeping_slow_item):
    report = grade([KEY[0], {"id": "slow", "x": "1", "h": "1", "claimed": "1"}, KEY[1]], time_limit=0.2)
    assert [(r.id, r.status) for r in report.results] == [("q1", "right"), ("slow", "timeout"), ("q2", "wrong")]
    assert report.results[1].error == "item slow: no verdict within the time limit of 0.2 s"
    assert report.counts["timeout"] == 1
    assert report.summary() == "3 items: 1 right, 1 wrong, 0 unreadable, 1 timed out"
    assert "| slow | timeout | item slow: no verdict within the time limit of 0.2 s |" in report.to_markdown()


def test_time_limit_in_a_worker_process(monkeypatch):
    """Where no SIGALRM timer can be used, a worker process runs the items and is replaced."""
    monkeypatch.setattr(timelimit, "_alarm_available", lambda: False)
    report = grade([KEY[0], SLOW, KEY[1], KEY[6]], time_limit=1)
    assert [(r.id, r.status) for r in report.results] == [
        ("q1", "right"), ("slow", "timeout"), ("q2", "wrong"), ("q7", "error")]
    assert report.results[2].verdict.kinds == ("single_wrong_term", "decimal_rounding")
    assert report.results[3].error == "item q7: 'h' is missing"


def test_no_time_limit_and_a_bad_limit(tmp_path, capsys):
    assert grade(KEY[:1], time_limit=None).all_right and grade(KEY[:1], time_limit=0).all_right
    key = tmp_path / "answers.json"
    key.write_text(json.dumps(KEY[:1]))
    assert main(["check-batch", str(key), "--time-limit", "-1"]) == 2
    assert capsys.readouterr().err == ("symconv: error: --time-limit: -1 is not a number of seconds; give seconds, "
                                       "or 0 for no limit\n")
    for bad in ("inf", "nan", "1e400"):
        assert main(["check-batch", str(key), "--time-limit", bad]) == 2
        assert capsys.readouterr().err.startswith(f"symconv: error: --time-limit: {float(bad):g} is not a number")


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # an alarm in a gc callback rings again
def test_cli_time_limit_reports_the_slow_item(tmp_path, capsys, sleeping_slow_item):
    assert grade(KEY[:1], time_limit=None).all_right  # lazy imports paid here, not by the timed item
    key = tmp_path / "answers.json"
    key.write_text(json.dumps([KEY[0], SLOW]))
    # the right item now takes milliseconds, far below the limit even on a loaded 2-core machine
    assert main(["check-batch", str(key), "--time-limit", "1.5", "--report", str(tmp_path / "r.md")]) == 1
    assert capsys.readouterr().out.startswith("2 items: 1 right, 0 wrong, 0 unreadable, 1 timed out")


@pytest.mark.tex
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_cli_pdf_report(tmp_path, capsys):
    key = tmp_path / "answers.json"
    key.write_text(json.dumps(KEY))
    target = tmp_path / "report.pdf"
    assert main(["check-batch", str(key), "--report", str(target)]) == 1
    assert target.read_bytes().startswith(b"%PDF")
    assert capsys.readouterr().out.startswith("7 items: 3 right, 2 wrong, 2 unreadable; report in ")


def test_json_decimals_are_exact_even_beyond_float_range():
    items = load_answer_key('[{"x": [0.1, 1e400], "h": [1], "claimed": [0.1, 1e400]}]')
    report = grade(items)
    assert [r.status for r in report.results] == ["right"]
    assert grade(load_answer_key('[{"x": [1e400], "h": [1], "claimed": [1e399]}]')).results[0].status == "wrong"


def test_duplicate_ids_are_refused():
    with pytest.raises(InputError) as error:
        load_answer_key('[{"id": "q1"}, {"id": "q2"}, {"id": "q1"}]')
    assert str(error.value) == "answer key: items 1 and 3 have the same id 'q1'; ids must be unique"


def test_a_decimal_where_an_integer_belongs_is_named_as_written():
    item = load_answer_key('[{"x": "1 2", "h": "1", "claimed": "1 2", "start": 1.0}]')
    assert grade(item).results[0].error == "start: 1.0 is not an integer; give a number such as 3"


def test_issue_12_line_items_honour_every_option_of_check_line(capsys):
    from symconv import check_line

    items = [
        # circular: needs N; y[0] = x[0]h[0] + x[1]h[2] + x[2]h[1] = 1 + 4 + 6 = 11
        {"id": "circ", "x": "1 2 3", "h": "1 2 2", "op": "circular", "N": 3,
         "line": r"y[0] = \sum_{m=0}^{2} x[m] h[(0-m) \bmod 3] = 1*1 + 2*2 + 3*2 = 11"},
        {"id": "names", "x": "1 0.5 1 1", "h": "1 0.5 0.25", "names": ["a", "b"],
         "line": r"c[1] = \sum_m a[m]b[1-m] = 1 * 0.5 + 0.5 * 1 = 1"},
        {"id": "starts", "x": "1 2", "h": "1 1", "start_x": -1, "start_h": 2,
         "line": "y[1] = x[-1]h[2] = 1"},
        {"id": "starts-claimed", "x": "1 2", "h": "1 1", "start_x": -1, "start_h": 2,
         "claimed": "n=1..3: 1 3 2"},
    ]
    report = grade(items)
    assert [(r.id, r.status, r.error) for r in report.results] == [
        ("circ", "right", ""), ("names", "right", ""), ("starts", "right", ""), ("starts-claimed", "right", "")]
    assert check_line(items[0]["line"], "1 2 3", "1 2 2", op="circular", N=3).ok


@pytest.mark.parametrize("claimed, code", [("1 2", 1), ("1", 0)])
def test_issue_12_wrong_verdict_exits_1_when_stdout_is_closed_early(claimed, code):
    import shlex
    import subprocess
    import sys
    from pathlib import Path

    command = (f"{shlex.quote(sys.executable)} -m symconv check {shlex.quote(claimed)} 1 1 | head -c0; "
               "exit ${PIPESTATUS[0]}")
    done = subprocess.run(["bash", "-c", command], cwd=Path(__file__).resolve().parent.parent,
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (code, "")


@pytest.mark.tex
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="needs pdflatex")
def test_issue_15_a_letter_the_fonts_lack_does_not_lose_the_report(tmp_path, capsys):
    key = tmp_path / "answers.json"
    key.write_text(json.dumps([{"id": "one", "x": "1 2", "h": "1 1", "claimed": "1 3 3"},
                               {"id": "cyrillic", "x": "а 1", "h": "1 1", "claimed": "1 2 1"},
                               {"id": "ell", "x": "ℓ 1", "h": "1 1", "claimed": "1 2 1"}]), encoding="utf-8")
    report = tmp_path / "r.pdf"
    assert main(["check-batch", str(key), "--report", str(report)]) == 1
    assert report.read_bytes().startswith(b"%PDF")
    tex = batch.grade(json.loads(key.read_text(encoding="utf-8"))).render("latex")
    assert "а" not in tex and "[U+0430]" in tex                      # the Cyrillic item, as text
    assert r"\DeclareUnicodeCharacter{2113}{\ensuremath{\ell}}" in tex  # ℓ typeset as math


# ----------------------------------------------------------------------------- issue 21: bounded reading

_DEEP_JSON = "[" * 100_000 + "]" * 100_000
_DEEP_YAML = "a: " + "[" * 5000 + "]" * 5000 + "\n"
_ALIAS_BOMB = "\n".join(["a0: &a0 [x, x]"] + [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, 40)]) + "\n"


@pytest.mark.parametrize("text, fmt, message", [
    (_DEEP_JSON, "json", "answer key: nests lists and objects more than 32 levels deep"),
    ('[{"x": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1"}]', "json", None),  # brackets inside a string
    (_DEEP_YAML, "yaml", "answer key: nests lists and mappings more than 32 levels deep"),
    (_ALIAS_BOMB, "yaml", "answer key: holds more than 1000000 values with its aliases expanded; at most "
                          "1000000 are accepted"),
    ('[{"x": ' + "1" * 1_000_000 + "}]", "json", "answer key: a number has 1000000 characters; at most 4000 "
                                                   "digits are accepted"),
    ('[{"x": 0.' + "1" * 1_000_000 + "}]", "json", "answer key: a number has 1000002 characters; at most 4000 "
                                                     "digits are accepted"),
])
def test_issue_21_answer_key_reading_is_bounded(text, fmt, message):
    if message is None:
        assert load_answer_key(text, fmt=fmt) == [{"x": "[" * 40 + "1"}]
        return
    with pytest.raises(InputError) as error:
        load_answer_key(text, fmt=fmt)
    assert str(error.value) == message


def test_issue_21_answer_key_limits_leave_real_keys_alone():
    yaml_key = "- id: q1\n  x: &x [[1, 2], [3, 4]]\n  h: *x\n  claimed: '1'\n"
    assert load_answer_key(yaml_key, fmt="yaml")[0]["h"] == [[1, 2], [3, 4]]
    assert load_answer_key("[{\"x\": [[[[[[1]]]]]]}]") == [{"x": [[[[[[1]]]]]]}]


def test_issue_21_deep_and_bomb_keys_cli(tmp_path, capsys):
    for name, text, message in [
            ("deep.json", _DEEP_JSON, "answer key: nests lists and objects more than 32 levels deep"),
            ("deep.yaml", _DEEP_YAML, "answer key: nests lists and mappings more than 32 levels deep"),
            ("bomb.yaml", _ALIAS_BOMB, "answer key: holds more than 1000000 values with its aliases expanded; "
                                       "at most 1000000 are accepted")]:
        (tmp_path / name).write_text(text)
        assert main(["check-batch", str(tmp_path / name), "--time-limit", "0"]) == 2
        assert capsys.readouterr().err == f"symconv: error: {message}\n"


def test_issue_21_unencodable_id_is_escaped(tmp_path, capsys):
    key = tmp_path / "answers.json"
    key.write_text('[{"id": "\\ud800", "x": "1 2", "h": "1", "claimed": "1 2"}]')
    assert load_answer_key(key.read_text()) == [{"id": "\\ud800", "x": "1 2", "h": "1", "claimed": "1 2"}]
    report = tmp_path / "r.md"
    assert main(["check-batch", str(key), "--report", str(report)]) == 0
    assert "| \\ud800 | right |  |" in report.read_text()


@pytest.mark.parametrize("extra, message", [
    ({"start": [1, 2]}, "start: 2 starts given for a 1-D claim"),
    ({"names": 5}, 'names: 5 is not a list of names; give them as ["x", "h", "y"] or "x,h,y"'),
    ({"names": [None], "line": "y[0] = 1"}, 'names: [null] is not a list of names; give them as ["x", "h", "y"] or '
                                           '"x,h,y"'),
    ({"op": ["convolve"]}, "op: ['convolve'] is not one of: convolve, correlate, circular, layer"),
    ({"names": ["a", "a", "a"]}, "names: ['a', 'a', 'a'] repeats a name; data, kernel and result need their own"),
])
def test_issue_21_item_fields_in_house_words(extra, message):
    result = grade([{"id": "q", "x": "1 2", "h": "1", "claimed": "1 2", **extra}]).results[0]
    assert (result.status, result.error) == ("error", message)


def test_names_as_text_or_list():
    for names in ("a,b,c", ["a", "b", "c"]):
        assert grade([{"x": "1 2", "h": "1", "claimed": "1 2", "names": names}]).all_right
