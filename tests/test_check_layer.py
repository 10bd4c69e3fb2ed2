"""check_output_size and check(..., op="layer"): claimed CNN sizes and outputs, diagnosed exactly.

Sizes are compared with PyTorch's output shapes (when torch is importable) and with sizes
derived by hand; unreached input indices with a direct marking of every index a window reads.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from sympy import Rational

import symconv
from symconv import check, check_output_size, conv_layer
from symconv.cli import main
from symconv.errors import InputError

IMAGE = [[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]]
KERNEL = [[1, 0, 1], [0, 1, 0], [1, 0, 1]]


# --------------------------------------------------------------------------- sizes
def _read_by_windows(i, k, s, p, d):
    """Input indices some window reads, by brute force over every output and tap."""
    out = (i + 2 * p - d * (k - 1) - 1) // s + 1
    return {o * s + t * d - p for o in range(out) for t in range(k)} & set(range(i))


def test_the_question_of_the_issue_14_5():
    v = check_output_size("14.5", 32, 5, stride=2)
    assert not v.ok and v.kinds == ("inconsistent_size",)
    assert v.terms[0].claimed == Rational(29, 2) and v.terms[0].correct == 14
    assert v.mistakes[0].explanation == (
        "A size is an integer, but the claim is 29/2 = 14.5: that is (i + 2p - d(k - 1) - 1)/s + 1 = "
        "27/2 + 1 before the floor. The stride does not fit: PyTorch rounds down to 14, and the last "
        "window reads input indices 26..30: input index 31 is never reached (1 row/column ignored).")
    assert v.mistakes[0].evidence["unreached"] == [31]
    assert set(range(32)) - _read_by_windows(32, 5, 2, 0, 1) == {31}
    # the same claim as a fraction, a float and a Rational
    for claim in ("29/2", 14.5, Rational(29, 2)):
        assert check_output_size(claim, 32, 5, stride=2).kinds == ("inconsistent_size",)


def test_a_right_size_is_right_and_notes_the_stride_that_does_not_fit():
    v = check_output_size(14, 32, 5, stride=2)
    assert v.ok and not v.mistakes
    assert "input index 31 is never reached" in v.notes[0]
    assert check_output_size(15, 33, 5, stride=2).ok
    assert check_output_size(15, 33, 5, stride=2).notes == ()  # the stride fits: nothing to note


def test_a_non_integer_claim_that_is_not_the_formula():
    v = check_output_size("14.25", 32, 5, stride=2)
    assert v.mistakes[0].explanation == ("A size is an integer, but the claim is 57/4 = 14.25; "
                                         "PyTorch computes 14.")


@pytest.mark.parametrize("claim, kwargs, cause", [
    (15, dict(i=32, k=5, stride=2), "the formula rounded up instead of down (PyTorch takes the floor)"),
    (28, dict(i=28, k=5), "the size with padding 2 (the question has padding 0)"),
    (28, dict(i=32, k=5, padding=2), "the size with padding 0 (the question has padding 2)"),
    (30, dict(i=32, k=5, padding=2), "the size with the padding counted once (p instead of 2p)"),
    (28, dict(i=32, k=5, stride=2), "the size with stride 1 (the question has stride 2)"),
    (30, dict(i=32, k=3, dilation=2), "the size with dilation 1 (the question has dilation 2)"),
    (15, dict(i=33, k=3, stride=2), "the formula without the final + 1"),
    (5, dict(i=3, k=3, stride=2, padding=1, transposed=True, output_padding=1),
     "the size without output_padding"),
])
def test_slips_are_named_by_computing_them(claim, kwargs, cause):
    i, k = kwargs.pop("i"), kwargs.pop("k")
    v = check_output_size(claim, i, k, **kwargs)
    assert not v.ok and v.kinds == ("inconsistent_size",)
    assert cause in v.mistakes[0].evidence["causes"]


def test_per_axis_claims():
    v = check_output_size("14x15", (32, 33), 5, stride=2)
    assert v.ok and [t.correct for t in v.terms] == [14, 15]
    v = check_output_size((14, 14), (32, 33), 5, stride=2)
    assert not v.ok and [t.ok for t in v.terms] == [True, False]
    assert v.mistakes[0].explanation.startswith("Axis 1: The claim 14 is not the size: PyTorch computes 15.")
    assert check_output_size(55, (227, 227), 11, stride=4).ok  # one claim for every axis


def test_bad_claims():
    with pytest.raises(InputError, match="^claimed size: gives 2 sizes for 1 spatial axis$"):
        check_output_size("14 15", 32, 5)
    with pytest.raises(InputError) as error:
        check_output_size("fourteen", 32, 5)
    assert str(error.value) == "claimed size: 'fourteen' is not a number; a size is written as 14, 14.5 or 29/2"


def test_sizes_against_pytorch():
    torch = pytest.importorskip("torch")
    for i, k, s, p, d in itertools.product((5, 8, 13), (1, 2, 3), (1, 2, 3), (0, 1, 2), (1, 2)):
        if d * (k - 1) + 1 > i + 2 * p:
            continue
        size = torch.nn.functional.conv1d(torch.zeros(1, 1, i), torch.zeros(1, 1, k), stride=s,
                                          padding=p, dilation=d).shape[-1]
        v = check_output_size(size, i, k, stride=s, padding=p, dilation=d)
        assert v.ok, (i, k, s, p, d)
        exact = Rational(i + 2 * p - d * (k - 1) - 1, s) + 1
        if not exact.is_integer:
            wrong = check_output_size(exact, i, k, stride=s, padding=p, dilation=d)
            unreached = sorted(set(range(i)) - _read_by_windows(i, k, s, p, d))
            assert wrong.kinds == ("inconsistent_size",)
            assert wrong.mistakes[0].evidence["unreached"] == unreached
        assert not check_output_size(size + 1, i, k, stride=s, padding=p, dilation=d).ok
        for op in range(max(s, d)):
            t = torch.nn.functional.conv_transpose1d(torch.zeros(1, 1, i), torch.zeros(1, 1, k), stride=s,
                                                     padding=0, output_padding=op, dilation=d).shape[-1]
            assert check_output_size(t, i, k, stride=s, dilation=d, transposed=True, output_padding=op).ok


def test_size_cli_check(capsys):
    assert main(["size", "32", "5", "--stride", "2", "--check", "14.5"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("wrong: output size of a layer: i = 32, k = 5, stride 2, padding 0, dilation 1")
    assert "input index 31 is never reached" in out
    assert main(["size", "32", "5", "--stride", "2", "--check", "14"]) == 0
    assert main(["size", "32,33", "5", "--stride", "2", "--check", "14,15", "--format", "json"]) == 0
    assert '"ok": true' in capsys.readouterr().out
    assert main(["size", "32", "5", "--check", "a,b"]) == 2
    assert capsys.readouterr().err.startswith("symconv: error: claimed size, item 1: ")


def test_public_api():
    assert symconv.check_output_size is check_output_size
