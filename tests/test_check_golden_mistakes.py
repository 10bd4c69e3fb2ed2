"""tests/golden/mistakes.yaml: every fixture's verdict, from the Python API and the command line.

A changed verdict fails with a diff of its ``kind: explanation`` lines (expected, then actual).
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml

from helpers import run_cli
from symconv.check import check, read_claim
from symconv.errors import InputError

FIXTURES = yaml.safe_load((Path(__file__).parent / "golden" / "mistakes.yaml").read_text(encoding="utf-8"))
OPTIONS = {"op": "--op", "mode": "--mode", "N": "-N", "names": "--names", "decimals": "--decimals",
           "significant": "--significant"}


def _lines(ok: bool, kinds: list, explanations: list, notes: list) -> list[str]:
    return ([f"ok: {ok}"] + [f"{k}: {e}" for k, e in zip(kinds, explanations)]
            + [f"note: {n}" for n in notes])


def _question(case: dict) -> tuple:
    q = dict(case["question"])
    closed = q.pop("closed", False)
    x, h = q.pop("x"), q.pop("h")
    if closed:
        x, h = read_claim(x, closed_form=True)[0], read_claim(h, closed_form=True)[0]
    return x, h, q, closed


def _diff(case: dict, expected: list[str], actual: list[str]) -> str:
    return f"{case['id']} ({case['source']}):\n" + "\n".join(
        difflib.unified_diff(expected, actual, "expected", "actual", lineterm=""))


def test_the_table_is_large_and_cites_its_published_answers():
    assert len(FIXTURES) >= 60
    assert len({c["id"] for c in FIXTURES}) == len(FIXTURES)
    published = [c for c in FIXTURES if c["source"] != "constructed"]
    assert 3 * len(published) >= len(FIXTURES)
    assert 3 * len([c for c in published if not c["ok"]]) >= len(FIXTURES)
    kinds = {k for c in FIXTURES for k in c["kinds"]}
    assert {"unflipped_kernel", "swapped_arguments", "origin_shift", "wrong_mode", "truncated",
            "term_left_out", "extra_term", "sign_error", "decimal_rounding", "linear_not_circular",
            "reversed_input", "partial_flip", "unexplained", "inconsistent_size",
            "closed_form_mismatch"} <= kinds


@pytest.mark.parametrize("case", FIXTURES, ids=[c["id"] for c in FIXTURES])
def test_fixture(case, capsys):
    x, h, options, closed = _question(case)
    verdict = check(case["claim"], x, h, **options)
    notes = list(verdict.notes) if closed else []
    expected = _lines(case["ok"], case["kinds"], case["explanations"], case.get("notes", []))
    actual = _lines(verdict.ok, list(verdict.kinds), [m.explanation for m in verdict.mistakes], notes)
    if actual != expected:
        pytest.fail(_diff(case, expected, actual), pytrace=False)
    if "published" in case:  # once the reader takes the published text, it reads the same claim
        try:
            published = read_claim(case["published"])
        except InputError:
            pass
        else:
            assert published == read_claim(case["claim"]), case["id"]
    if closed:
        return
    argv = ["check", case["claim"], case["question"]["x"], case["question"]["h"]]
    for key, flag in OPTIONS.items():
        if key in options:
            argv += [flag, str(options[key]) if key != "names" else ",".join(options[key])]
    code, out, err = run_cli(argv, capsys)
    assert (code, err) == (0 if case["ok"] else 1, ""), (case["id"], err)
    shown = [line[4:] for line in out.splitlines() if line.startswith("  - ")]
    cli = _lines(case["ok"], [s.split(":")[0] for s in shown], [s.split(": ", 1)[1] for s in shown], [])
    if cli != expected[:len(cli)] or len(cli) != 1 + len(case["kinds"]):
        pytest.fail(_diff(case, expected, cli), pytrace=False)
