"""The notation layer (issue 13): what textbooks, MATLAB, NumPy, PyTorch and symconv itself print,
read for data, kernels, claims and worked lines; and undefined values refused everywhere (issue 12)."""

from __future__ import annotations

import numpy as np
import pytest
from sympy import Rational

import symconv.text
from helpers import run_cli as run
from symconv import check, convolve, correlate
from symconv.check import check_line
from symconv.errors import InputError
from symconv.parse import parse_signal
from symconv.signal import Signal
from symconv.text import read_value


def read(text):
    """(values, starts) of a text as parse_signal reads it."""
    samples, starts = parse_signal(text)
    return samples.to_objects().tolist(), starts


# ----------------------------------------------------------------------------- the hook examples


def test_issue_13_braces_and_arrow_from_cli(capsys):
    code, out, err = run(["conv", "{1↑, 2, 0, 1}", "{2, 2, 3}"], capsys)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "n = 0..5: " + ", ".join(map(str, np.convolve([1, 2, 0, 1], [2, 2, 3])))


def test_issue_13_braces_and_arrow_in_python():
    assert convolve("{1↑, 2, 0, 1}", "{2, 2, 3}") == Signal(np.convolve([1, 2, 0, 1], [2, 2, 3]).tolist(), start=0)
    assert convolve("{1, 2↑, 0, 1}", "{2, 2, 3}").start == -1


def _correlation_at(x, sx, h, sh, lag):
    """r_xh(l) = sum_m x[l + m] h[m], by a direct sum over the supports."""
    return sum(x[l_m - sx] * h[m - sh] for m in range(sh, sh + len(h))
               for l_m in [lag + m] if sx <= l_m < sx + len(x))


def test_issue_13_correlation_head_r_xy_gives_a_real_verdict(capsys):
    x, h = [-3, -2, 1, 4, 8, -3], [1, 1, 1, -1, 2, -2]
    right = _correlation_at(x, -3, h, -3, 1)
    assert right == -11 and np.correlate(x, h, "full")[len(h) - 1 + 1] == right  # same starts: lag index shifts by 0
    code, out, err = run(["check", "--op", "correlate", "--line", "r_xy(1) = 4", "-3 -2 1 >4 8 -3",
                          "1 1 1 >-1 2 -2"], capsys)
    assert (code, err) == (1, "")
    assert "the value is 4; r[1] = -11" in out
    code, out, err = run(["check", "--op", "correlate", "--line", f"r_xy(1) = {right}", "-3 -2 1 >4 8 -3",
                          "1 1 1 >-1 2 -2"], capsys)
    assert (code, err) == (0, "")


@pytest.mark.parametrize("head", ["r_xy(1)", "r_{xy}[1]", "R_{xy}(1)", "y(1)", "r[1]"])
def test_issue_13_textbook_heads_of_worked_lines(head):
    verdict = check_line(f"{head} = -11", "-3 -2 1 >4 8 -3", "1 1 1 >-1 2 -2", op="correlate")
    assert verdict.ok
    assert not check_line(f"{head} = 4", "-3 -2 1 >4 8 -3", "1 1 1 >-1 2 -2", op="correlate").ok


@pytest.mark.parametrize("argv", [
    ["check", "nan", "a*n**2", "1"],
    ["conv", "0**(-1/2) 1", "0 1"],
    ["check", "oo", "1 2", "1"],
    ["check", "zoo", "a*n**2", "1"],
    ["check", "--line", "y[0] = nan", "1", "1"],
    ["conv", "1 inf", "1"],
    ["conv", r"\{1, nan\}", "1"],
    ["check", r"\infty", "1 2", "1"],
])
def test_issue_12_undefined_values_are_one_line_errors(argv, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("symconv: error: ")


@pytest.mark.parametrize("call, message", [
    (lambda: check("nan", "a*n**2", "1"), "claimed answer: 'nan' is not a finite number"),
    (lambda: convolve("0**(-1/2) 1", "0 1"), "data, item 1: '0**(-1/2)' divides by zero"),
    (lambda: check("zoo", [1], [1]), "claimed answer: 'zoo' is not a finite number"),
    (lambda: read_value("Infinity"), "value: 'Infinity' is not a finite number"),
    (lambda: check(r"\infty", [1], [1]), "claimed answer: oo is not a finite number"),
    (lambda: check_line("y[0] = NaN", [1], [1]), "line: 'NaN' is not a finite number"),
])
def test_issue_12_undefined_values_in_python(call, message):
    with pytest.raises(InputError) as caught:
        call()
    assert str(caught.value) == message


# ----------------------------------------------------------------------------- linear reading


class _Counting:
    """A compiled pattern whose match() calls and matched characters are counted."""

    def __init__(self, pattern):
        self.pattern, self.calls, self.characters = pattern, 0, 0

    def match(self, text, position=0):
        self.calls += 1
        found = self.pattern.match(text, position)
        if found is not None:
            self.characters += found.end() - position
        return found


def test_issue_13_tokenizer_reads_each_character_once(monkeypatch):
    counting = _Counting(symconv.text._TOKEN)
    monkeypatch.setattr(symconv.text, "_TOKEN", counting)
    text = " + ".join(f"{k}a" for k in range(1, 2001))
    symconv.text._Parser(text, "value").parse()
    assert counting.calls == 2 * 2000 + 1999  # one call per token: never a rescan of the rest
    assert counting.characters == len(text)


def test_issue_13_a_long_sum_is_added_once(monkeypatch):
    """The grammar collects a sum's terms and builds it with one Add: adding one term at a time
    rebuilds the sum each time, quadratic in the number of terms."""
    calls = []
    real_add = symconv.text.Add
    monkeypatch.setattr(symconv.text, "Add", lambda *args: calls.append(len(args)) or real_add(*args))
    names = [f"a{k}" for k in range(3000)]
    value = read_value(" + ".join(names))
    assert calls == [3000] and len(value.args) == 3000


def test_issue_13_a_2_mb_sum_is_read():
    assert read_value("+".join(["1"] * 10**6)) == 10**6
    assert read_value("1/2 - 1/2 + " * 1000 + "0") == 0


def test_issue_13_text_over_the_limit_is_refused_before_reading():
    with pytest.raises(InputError) as caught:
        read_value("1" * (symconv.text.MAX_TEXT_LENGTH + 1))
    assert str(caught.value) == (f"value: text has {symconv.text.MAX_TEXT_LENGTH + 1} characters; at most "
                                 f"{symconv.text.MAX_TEXT_LENGTH} are accepted (pass a list or an array for "
                                 "longer data)")


@pytest.mark.parametrize("text", ["n=" + "1" * 5000 + ": 1 2", "l=-" + "9" * 5000 + ": 1"])
def test_issue_13_huge_start_is_refused_before_conversion(text):
    with pytest.raises(InputError) as caught:
        parse_signal(text)
    assert str(caught.value) == f"data: an index has {5000} digits; at most 4000 are accepted"


def test_correlate_reads_textbook_notation_too():
    assert correlate("{1, 2↑, 3}", "{1↑, 1}") == correlate("1 >2 3", ">1 1")
    assert check("{1, 2↑, 3}", "x[n] = {1, 2↑, 3}", "h[n] = {1↑}").ok
    assert read("x[n] = {1, 2, 3↑, 4}") == ([1, 2, 3, 4], (-2,))
    assert read("1, 2, ↑3, 4") == ([1, 2, 3, 4], (-2,))
    assert Rational(1, 5) * 7 == read("1/5 [1 3 4 7]")[0][3]
