"""Hostile input, fuzzed (issue 21): claims, answer keys and options built to hurt.

Every run ends in a result or one refusal: the command line exits 0, 1 or 2 with at most one
line on stderr, the Python API returns or raises InputError, nothing else. Time and memory are
bounded by structure (symconv.budget, the reading limits of answer keys) and, as a backstop,
by ``time_limit``; the tests never time anything. The example budget here is small, for CI;
``scripts/fuzz_hostile.py`` runs the same strategies with a large one and reports the slowest
case.
"""

from __future__ import annotations

import json

from helpers import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import symconv
from symconv.check import grade, load_answer_key
from symconv.errors import InputError, UnsupportedError

BACKSTOP = 20  # seconds: the time_limit / --time-limit of every fuzzed run (never reached by design)

_FRAGMENTS = [
    "1", "0.5", "-3/4", "1e400", "1e-99999", "10^{9999}", "2^{10^{6} n}", "(a+b)**10000", "(a+b+c+d)^{200}",
    "(n+1)^{10000}", "n^{n^{n}}", "2^{2^{n}}", "\\sin(10^{9999})", "\\cos(n)", "u[n]", "u[n-1000000]",
    "\\delta[n-3]", "0.5^n u[n]", "\\frac{1}{0}", "nan", "-inf", "zoo", "oo", "\\sqrt{2}", "\\lfloor 7/2 \\rfloor",
    "\\sum_{m=0}^{9999} m", "x[3]", "{", "}", "[", "]", "(", ")", "^", "**", "=", ",", ";", " ", "&", "\\\\",
    "\\begin{bmatrix}", "\\end{bmatrix}", "\\", "a", "n", "I", "i", "\u202e", "\ud800", "\x00", "é", "\n",
    "((((((((((", "))))))))))", "1" * 5000, "9" * 50, "n=-1..4:", ">", "↑",
]

claims = st.one_of(
    st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=8).map("".join),
    st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=8).map(" ".join),
    st.text(max_size=40),
)
operands = st.one_of(st.sampled_from(["1 0.5 1 1", "1 0.5 0.25", "1 2; 3 4", "a b c", "1", "0.5^n u[n]"]),
                     claims)

_WORDS = ["conv", "corr", "circ", "layer", "full", "same", "valid", "scipy", "wikipedia", "x", ""]
_NUMBERS = ["0", "-1", "3", "1e400", "nan", "inf", "-inf", "1" + "0" * 400, "-" + "9" * 400, "1,2", "1.5", ""]
option_values = st.one_of(st.sampled_from(_WORDS + _NUMBERS + [",,", "a,a,a", "x,h,y", "\ud800"]),
                          st.text(max_size=12))
_OPTIONS = {
    "check": ["--op", "--mode", "--order", "-N", "--start", "--start-x", "--start-h", "--decimals", "--significant",
              "--names", "--stride", "--padding", "--time-limit", "--format"],
    "explain": ["--op", "--mode", "--start-x", "--start-h", "--elide", "--at", "--names", "--style", "-N",
                "--time-limit"],
    "conv": ["--mode", "--start-x", "--start-h", "--same-convention", "--format"],
    "layer": ["--stride", "--padding", "--dilation", "--groups", "--bias", "--padding-mode", "--time-limit"],
}
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30), st.sampled_from(_FRAGMENTS), st.text(max_size=8)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)),
    max_leaves=12)
items = st.fixed_dictionaries(
    {"x": operands, "h": operands},
    optional={"id": json_values, "claimed": json_values, "line": claims, "op": json_values, "mode": json_values,
              "start": json_values, "names": json_values, "N": json_values, "decimals": json_values,
              "start_x": json_values, "order": json_values})


# ----------------------------------------------------------------------------- one run each


def run_api(claim: str, x: str, h: str) -> str:
    """``check`` from Python: 'right', 'wrong' or 'refused' (InputError, or UnsupportedError for LaTeX
    that needs latex2sympy2 where it cannot be imported); anything else raises."""
    try:
        return "right" if symconv.check(claim, x, h, time_limit=BACKSTOP).ok else "wrong"
    except (InputError, UnsupportedError) as error:
        assert "\n" not in str(error)
        return "refused"


def run_command(argv: list[str], capsys) -> str:
    """One command line in this process: 'exit 0', 'exit 1' or 'exit 2' with one stderr line."""
    code, _, err = run_cli(argv, capsys)
    assert code in (0, 1, 2), (argv, code, err)
    assert err.count("\n") <= 1, (argv, err)
    return f"exit {code}"


def run_key(key: list, capsys, tmp_path) -> str:
    """An answer key through load_answer_key and grade, then through check-batch."""
    text = json.dumps(key, default=str)
    try:
        report = grade(load_answer_key(text), time_limit=BACKSTOP)
    except InputError:
        outcome = "refused"
    else:
        assert all(r.status in ("right", "wrong", "error", "timeout") for r in report.results)
        assert all("\n" not in r.error for r in report.results)
        outcome = "graded"
    path = tmp_path / "key.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return f"{outcome}, {run_command(['check-batch', str(path), '--report', str(tmp_path / 'r.md')], capsys)}"


# ----------------------------------------------------------------------------- the properties

_CI = settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                      HealthCheck.too_slow])


@_CI
@given(claims, operands, operands)
def test_hostile_claims_api(claim, x, h):
    assert run_api(claim, x, h) in ("right", "wrong", "refused")


@_CI
@given(claim=claims, x=operands, h=operands)
def test_hostile_claims_cli(claim, x, h, capsys):
    run_command(["check", claim, x, h, "--time-limit", str(BACKSTOP)], capsys)


@_CI
@given(command=st.sampled_from(sorted(_OPTIONS)), data=st.data())
def test_hostile_options_cli(command, data, capsys):
    chosen = data.draw(st.lists(st.sampled_from(_OPTIONS[command]), max_size=3, unique=True))
    argv = [command, *(["1 2"] if command == "check" else []), "1 2 3", "1 1"]
    for option in chosen:
        argv += [f"{option}={data.draw(option_values)}"]
    if command in ("check", "explain", "layer") and "--time-limit" not in chosen:
        argv += ["--time-limit", str(BACKSTOP)]
    run_command(argv, capsys)


@_CI
@given(key=st.lists(items, min_size=1, max_size=3))
def test_hostile_answer_keys(key, capsys, tmp_path_factory):
    run_key(key, capsys, tmp_path_factory.mktemp("key"))
