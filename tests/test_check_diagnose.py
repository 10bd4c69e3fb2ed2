"""symconv.check: per-term verdicts and every diagnosis kind, each on a constructed case."""

from __future__ import annotations

from itertools import product as cartesian

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sympy import Matrix, Rational, Symbol

import symconv
from symconv import Signal, check, convolve, correlate
from symconv.check.hypotheses import KINDS
from symconv.errors import InputError

X, H = "1 0.5 1 1", "1 0.5 0.25"
RIGHT = [1, 1, Rational(3, 2), Rational(13, 8), Rational(3, 4), Rational(1, 4)]


@pytest.mark.parametrize("claimed", [
    RIGHT, [1, 1, 1.5, 1.625, 0.75, 0.25], "1 1 1.5 1.625 0.75 0.25", "1, 1, 3/2, 13/8, 3/4, 1/4",
    r"[1, 1, \tfrac{3}{2}, \tfrac{13}{8}, \tfrac{3}{4}, \tfrac{1}{4}]", np.array([1, 1, 1.5, 1.625, 0.75, 0.25]),
    Signal(RIGHT), "n=0..5: 1 1 1.5 1.625 0.75 0.25", Matrix([RIGHT]),
])
def test_reference_example_right_in_every_form(claimed):
    v = check(claimed, X, H)
    assert v.ok and v.mistakes == ()
    assert [(t.index, t.correct) for t in v.terms] == list(enumerate(RIGHT))


def test_reference_rounded():
    v = check("1 1 1.5 1.63 0.75 0.25", X, H)
    assert not v.ok
    assert v.kinds == ("single_wrong_term", "decimal_rounding")
    assert v.mistakes[1].evidence == {"index": 3, "digits": 2, "unit": "decimals"}
    assert v.mistakes[1].explanation == "y[3] = 163/100 is 13/8 rounded to 2 decimals."
    assert check("1 1 1.5 1.63 0.75 0.25", X, H, decimals=2).ok  # the question asked for it
    assert not check("1 1 1.5 1.63 0.75 0.25", X, H, decimals=1).ok


def test_significant_digits():
    # right: 1, 1, 3/2, 8005/8 (1000.625), 2001/4, 250; 1600, 0.75 and 0.25 are no rounding of them
    v = check([1, 1, 1.5, 1600, 0.75, 0.25], "1 0.5 1 1000", H)
    assert v.kinds == ("unexplained",)
    v = check("1 1 1.5 1.0e3 500.25 250", "1 0.5 1 1000", H)  # 1000.625 to 3 significant digits
    assert v.kinds == ("single_wrong_term", "decimal_rounding")
    assert v.mistakes[1].explanation == "y[3] = 1000 is 8005/8 rounded to 3 significant digits."
    v = check([1623], [1623], [1])
    assert v.ok
    v = check([1.6e3], [1623], [1])  # written with decimals (a float)
    assert v.kinds == ("single_wrong_term", "decimal_rounding")
    assert v.mistakes[1].evidence["unit"] == "significant digits"
    assert v.mistakes[1].evidence["digits"] == 2
    assert check([1600], [1623], [1], significant=2).ok
    # issue 12: an integer ending in 0 is no rounding unless the question asks for rounding
    assert check([1600], [1623], [1]).kinds == ("single_wrong_term",)


def test_reference_unflipped():
    claim = correlate(X, H)  # the kernel slid without flipping
    v = check(claim, X, H, names="abc")
    assert v.kinds == ("unflipped_kernel",)
    assert v.mistakes[0].explanation == (
        "The claim is the correlation of a and b (the kernel b not flipped): n = -2..3, "
        "[1/4, 5/8, 3/2, 5/4, 3/2, 1].")
    assert check(claim.values, X, H).kinds == ("unflipped_kernel",)  # no start given
    assert check(convolve(X, H), X, H, op="correlate").kinds == ("unflipped_kernel",)


def test_origin_shift_says_k():
    v = check(Signal(RIGHT, start=2), X, H)
    assert v.kinds == ("origin_shift",)
    assert v.mistakes[0].evidence["k"] == 2
    assert v.mistakes[0].explanation == ("The values are right but their indices are off by 2: "
                                         "the claim starts at n = 2, the result at n = 0.")


def test_wrong_mode_and_shifted_together():
    valid = convolve(X, H, mode="valid")  # starts at 2
    assert check(valid, X, H).kinds == ("wrong_mode",)
    both = check(Signal(valid.values, start=0), X, H)
    assert both.kinds == ("wrong_mode", "origin_shift")
    assert both.mistakes[1].evidence["k"] == -2


def test_wrong_mode_other_library_same():
    x, h = "1 2 3 4 5", "1 1 1 1"  # even kernel: MATLAB's 'same' differs from SciPy's
    matlab = convolve(x, h, mode="same", same_convention="matlab")
    v = check(matlab, x, h, mode="same")
    assert v.kinds == ("wrong_mode",)
    assert v.mistakes[0].evidence["same_convention"] == "matlab"
    assert "MATLAB" in v.mistakes[0].explanation
    numpy_same = np.convolve([1, 2], [1, 1, 1, 1], mode="same").tolist()  # size max(M, N)
    v = check(numpy_same, "1 2", "1 1 1 1", mode="same")
    # NumPy's 'same' here is also SciPy's 'same' of h * x: both are named
    assert v.kinds == ("swapped_arguments", "wrong_mode") and "NumPy" in v.mistakes[1].explanation


def test_swapped_arguments():
    x, h = "1 2 3", "0 1 0.5"
    assert check(correlate(h, x), x, h, op="correlate").kinds == ("swapped_arguments",)
    assert check(correlate(x, h, order="wikipedia"), x, h, op="correlate").kinds == ("swapped_arguments",)
    # h * x with 'same' keeps the size of h: a different window
    assert check(convolve("1 1", "1 2 3 4", mode="same"), "1 2 3 4", "1 1", mode="same").kinds[0] in (
        "swapped_arguments", "wrong_mode")
    assert check(convolve(H, X, mode="same"), X, H, mode="same").kinds == ("swapped_arguments",)


def test_conjugation_missing():
    x, h = ["1+2i", 3, "i"], ["2-i", 1]
    claim = convolve(x, Signal(h).reverse())  # flipped but not conjugated
    v = check(claim, x, h, op="correlate")
    assert v.kinds == ("conjugation_missing",)


def test_truncated():
    v = check(RIGHT[:4], X, H)
    assert v.kinds == ("truncated",)
    assert v.mistakes[0].evidence == {"first": 0, "last": 3, "missing": [4, 5]}


def test_term_left_out_names_the_product():
    v = check([1, 1, 1.5, 1.5, 0.75, 0.25], X, H, names=("a", "b", "c"))
    assert v.kinds == ("single_wrong_term", "term_left_out")
    assert v.mistakes[0].evidence == {"index": 3, "claimed": Rational(3, 2), "correct": Rational(13, 8)}
    assert v.mistakes[1].evidence["product"] == "a[1]b[2]"


def test_extra_term():
    v = check([1, 1, 1.5, 1.875, 0.75, 0.25], X, H, names="abc")
    assert v.kinds == ("single_wrong_term", "extra_term")
    assert v.mistakes[1].evidence["value"] == Rational(1, 4)


def test_sign_errors():
    assert check([-v for v in RIGHT], X, H).kinds == ("sign_error",)
    one = check([1, 1, 1.5, -1.625, 0.75, 0.25], X, H)
    assert one.kinds == ("single_wrong_term", "sign_error")
    subtracted = check([1, 1, 1.5, 1.375, 0.75, 0.25], X, H, names="abc")  # 13/8 - 2*(1/8)
    assert subtracted.kinds == ("single_wrong_term", "sign_error")
    assert subtracted.mistakes[1].evidence["product"] == "a[1]b[2]"


def test_inconsistent_size_2d():
    image = [[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]]
    kernel = [[1, 0, 1], [0, 1, 0], [1, 0, 1]]
    assert check([[4, 3, 4], [2, 4, 3], [2, 3, 4]], image, kernel, op="correlate", mode="valid").ok
    v = check(r"\begin{bmatrix} 4 & 3 \\ 2 & 4 \end{bmatrix}", image, kernel, op="correlate", mode="valid")
    assert v.kinds == ("inconsistent_size",)
    v = check([[4, 3, 4], [2, 4, 3], [2, 3, 5]], image, kernel, op="correlate", mode="valid")
    assert v.kinds == ("single_wrong_term",)
    assert v.mistakes[0].evidence["index"] == (2, 2)


def test_circular():
    assert check(symconv.circular_convolve(X, H, 4), X, H, op="circular", N=4).ok
    assert check(convolve(X, H), X, H, op="circular", N=4).kinds == ("linear_not_circular",)


def test_closed_form_claims():
    n = Symbol("n", integer=True)
    half = Rational(1, 2)
    from symconv.sequences import unit_step

    x = half**n * unit_step(n)
    assert check(r"(2 - 0.5^n) u[n]", x, unit_step(n)).ok
    v = check(r"(2 - 0.5^n) u[n-1]", x, unit_step(n))
    assert v.kinds == ("closed_form_mismatch",) and v.mistakes[0].evidence["n"] == 0
    v = check(r"(n+1) 0.5^n u[n]", x, x)
    assert v.ok
    # a finite question with a closed-form answer
    assert check(r"\delta[n] + 2\delta[n-1] + \delta[n-2]", "1 1", "1 1").ok
    assert check(r"\delta[n] + \delta[n-1]", "1 1", "1 1").kinds == ("closed_form_mismatch",)


def test_renderers():
    v = check([1, 1, 1.5, 1.5, 0.75, 0.25], X, H)
    assert v.render("json").startswith("{")
    assert "| 3 | 3/2 | 13/8 | **wrong** |" in v.render("markdown")
    assert r"\textbf{wrong}" in v.render("latex")
    assert v.to_json()["terms"][3] == {"index": 3, "claimed": "3/2", "correct": "13/8", "ok": False}


def test_bad_input_messages():
    with pytest.raises(InputError) as exc:
        check("1 ,, 2", X, H)
    assert str(exc.value).startswith("claimed answer")
    with pytest.raises(InputError, match="^op: 'conv2' is not one of: convolve, correlate, circular, layer$"):
        check([1], X, H, op="conv2")


def test_every_kind_is_in_the_vocabulary():
    for kind in ("unflipped_kernel", "swapped_arguments", "conjugation_missing", "origin_shift",
                 "wrong_mode", "truncated", "single_wrong_term", "term_left_out", "extra_term",
                 "decimal_rounding", "sign_error", "inconsistent_size"):
        assert kind in KINDS


def test_kernel_flipped_along_one_axis_only_is_named():
    """A 2-D convolution whose kernel was left unflipped along the columns: y[i,j] = sum x[k,l] h[i-k, l-j]."""
    x, h = [[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 0], [2, -1]]
    claim = {}
    for k, l, p, q in cartesian(range(3), range(3), range(2), range(2)):  # h[p, q] with p = i - k, q = l - j
        claim[k + p, l - q] = claim.get((k + p, l - q), 0) + x[k][l] * h[p][q]
    rows = [[claim.get((i, j), 0) for j in range(-1, 3)] for i in range(4)]
    assert rows == [[0, 1, 2, 3], [-1, 4, 6, 12], [-4, 10, 12, 21], [-7, 6, 7, 18]]
    verdict = check(Signal(rows, start=(0, -1)), x, h)
    assert verdict.kinds == ("partial_flip",)
    assert verdict.mistakes[0].evidence["axes"] == [1]
    assert verdict.mistakes[0].explanation.startswith("The claim is the convolution with h not flipped along axis 1: ")
    # a correlation with its kernel flipped along the rows
    x = [[1, 2, 0], [0, 3, 1], [5, 0, 2]]
    flipped = [[sum(x[i + k][j + l] * h[1 - k][l] for k in range(2) for l in range(2)) for j in range(2)]
               for i in range(2)]
    assert flipped == [[0, 7], [2, 5]] and correlate(x, h, mode="valid").values == [[-2, 7], [10, 1]]
    verdict = check(flipped, x, h, op="correlate", mode="valid")
    assert verdict.kinds == ("partial_flip",) and verdict.mistakes[0].evidence["axes"] == [0]
    assert "partial_flip" in KINDS


# ----------------------------------------------------------------- property: apply a mistake, get it named

values = st.integers(1, 9).map(Rational) | st.fractions(min_value=1, max_value=4, max_denominator=4).map(
    lambda f: Rational(f.numerator, f.denominator))


@settings(max_examples=60, deadline=None)
@given(st.lists(values, min_size=2, max_size=5), st.lists(values, min_size=2, max_size=4),
       st.sampled_from(["unflipped_kernel", "origin_shift", "truncated", "term_left_out",
                        "sign_error", "decimal_rounding", "wrong_mode"]), st.data())
def test_property_known_mistake_is_named(x, h, mistake, data):
    correct = convolve(x, h)
    vals = list(correct.values)
    if mistake == "unflipped_kernel":
        claim = correlate(x, h)
        assume(claim != correct)
    elif mistake == "origin_shift":
        k = data.draw(st.sampled_from([-2, -1, 1, 3]))
        claim = Signal(vals, start=k)
    elif mistake == "truncated":
        claim = Signal(vals[:-1], start=0)
        assume(len(h) <= len(x))
        assume(all(claim != convolve(x, h, mode=m, same_convention=c) for m in ("valid", "same")
                   for c in ("scipy", "numpy", "matlab")))
    elif mistake == "wrong_mode":
        assume(len(h) <= len(x))
        claim = convolve(x, h, mode=data.draw(st.sampled_from(["valid", "same"])))
    elif mistake == "sign_error":
        claim = Signal([-v for v in vals])
    elif mistake == "term_left_out":
        n = data.draw(st.integers(1, min(len(x), len(h)) - 1))
        m = data.draw(st.integers(0, n))
        assume(m < len(x) and n - m < len(h))
        vals[n] -= x[m] * h[n - m]
        claim = Signal(vals)
    else:
        n = data.draw(st.integers(0, len(vals) - 1))
        exact = vals[n]
        rounded = Rational(round(exact * 100), 100)
        assume(rounded != exact)
        vals[n] = rounded
        claim = Signal(vals)
    verdict = check(claim, x, h)
    assert not verdict.ok
    if mistake == "truncated":  # a prefix of x * h can also be h * x's window: both are right
        assert set(verdict.kinds) & {"truncated", "swapped_arguments", "wrong_mode"}
    else:
        assert mistake in verdict.kinds


# ----------------------------------------------------------------- QA: rounding, circular products

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext  # noqa: E402
from fractions import Fraction  # noqa: E402

from helpers import run_cli  # noqa: E402


@pytest.mark.parametrize("argv", [
    ["check", "0.40 0.92", "19/48 11/12", "1", "--decimals", "2"],  # 19/48 = 0.3958... -> 0.40
    ["check", "0.4 0.92", "19/48 11/12", "1", "--decimals", "2"],  # 0.4 is 0.40
    ["check", "2.00", "1.999", "1", "--decimals", "2"],
    ["check", "2", "1.999", "1", "--decimals", "2"],
    ["check", "0.500", "0.49999", "1", "--significant", "3"],
])
def test_issue_rounded_value_ending_in_zero_is_right(argv, capsys):
    code, out, err = run_cli(argv, capsys)
    assert (code, err) == (0, "")
    assert out.startswith("right: y = x * h (full)\n") and "rounded as the question asks" in out


def test_issue_wrong_rounding_names_what_was_asked(capsys):
    code, out, _ = run_cli(["check", "0.4 0.92", "9/25 11/12", "1", "--decimals", "2"], capsys)
    assert code == 1
    assert out.splitlines()[-1] == "  - decimal_rounding: y[0] = 2/5 is 9/25 rounded to 1 decimal where 2 were asked."
    v = check("0.4 0.9", "9/25 11/12", "1", decimals=2)
    assert v.kinds == ("decimal_rounding",)
    assert v.mistakes[0].explanation == ("2 terms are rounded to 1 decimal (0 and 1) where 2 were asked; the "
                                         "exact values have more digits.")
    assert v.mistakes[0].evidence == {"digits": 1, "unit": "decimals", "indices": [0, 1], "asked": 2}
    v = check("0.396", "19/48", "1", decimals=2)  # more decimals than asked
    assert v.mistakes[1].explanation == "y[0] = 99/250 is 19/48 rounded to 3 decimals where 2 were asked."
    v = check("0.4", "0.36", "1", significant=2)
    assert v.mistakes[1].explanation == ("y[0] = 2/5 is 9/25 rounded to 1 significant digit where 2 were "
                                         "asked.")
    assert v.mistakes[1].evidence == {"index": 0, "digits": 1, "unit": "significant digits", "asked": 2}
    v = check("1600", "1623", "1", decimals=1)
    assert v.mistakes[1].explanation == ("y[0] = 1600 is 1623 rounded to 2 significant digits where 1 "
                                         "decimal was asked.")


def test_rounding_rule_and_ties():
    from symconv.check.compare import right_to_decimals as _right_to_decimals
    from symconv.check.compare import right_to_significant as _right_to_significant

    r = Rational
    assert _right_to_decimals(r(163, 100), r(13, 8), 2) and _right_to_decimals(r(162, 100), r(13, 8), 2)  # a tie: either
    assert not _right_to_decimals(r(161, 100), r(13, 8), 2)
    assert _right_to_decimals(r(13, 8), r(13, 8), 3) and not _right_to_decimals(r(163, 100), r(13, 8), 3)
    assert _right_to_significant(r(10), r(9996, 1000), 3)  # 9.996 -> 10.0
    assert _right_to_significant(r(-16, 10), r(-13, 8), 2) and not _right_to_significant(r(2), r(-13, 8), 2)
    assert _right_to_significant(r(0), r(0), 3) and not _right_to_significant(r(1, 1000), r(0), 3)


def test_issue_left_out_product_is_not_rounding(capsys):
    code, out, _ = run_cli(["check", "1 8 1", "1/4 2", "4 1/2"], capsys)
    assert code == 1
    assert out.splitlines()[-2:] == [
        "  - single_wrong_term: Only y[1] is wrong: the claim says 8, the right value is 65/8.",
        "  - term_left_out: y[1] lacks the product x[0]h[1] = 1/8: the sum has 2 products, the claim adds 1 of "
        "them."]
    # an integer is no rounding unless the question asks for it, or the claim is written with decimals
    assert check("1 9 1", "1/4 2", "4 1/2").kinds == ("single_wrong_term",)
    assert check("1 8.0 1", "1/4 2", "4 1/2").kinds == ("single_wrong_term", "term_left_out")
    # y = 1/8, 17/8, 9 and 17/8 - 2 = 1/8 is no product of y[1] (1 and 9/8)
    assert check("1/8 2 9", "1/4 9/4", "1/2 4").kinds == ("single_wrong_term",)
    v = check("0.125 2 9", "1/4 9/4", "1/2 4")
    assert v.mistakes[1].explanation == "y[1] = 2 is 17/8 rounded to 0 decimals."
    assert check("1/8 2 9", "1/4 9/4", "1/2 4", decimals=0).ok  # an exact value is right anyway
    v = check("0.1 2 9", "1/4 9/4", "1/2 4", decimals=1)
    assert v.mistakes[-1].explanation == "y[1] = 2 is 17/8 rounded to 0 decimals where 1 was asked."
    assert check([1600], [1623], [1]).kinds == ("single_wrong_term",)  # trailing zeros: no decimals


def test_written_with_decimals():
    from symconv.check.compare import written_with_decimals

    assert written_with_decimals("n=-1..1: 1 8.5 1") and written_with_decimals(r"[1, .5]")
    assert written_with_decimals("n=-1..1: 1 8 1") is False and written_with_decimals("1, 3/2, 13/8") is False
    assert written_with_decimals(np.array([1.0, 2.0])) and written_with_decimals(np.array([1, 2])) is False
    assert written_with_decimals(Signal([1, Rational(1, 2)])) is None


def test_issue_circular_products_2d_wrapped(capsys):
    code, out, _ = run_cli(["check", "7 6; 6 4", "1 2; 3 4", "1 1; 0 1", "--op", "circular", "-N", "2"], capsys)
    assert code == 1
    assert out.splitlines()[-2:] == [
        "  - term_left_out: y[1, 0] lacks the product x[1, 0]h[(0, 0) mod 2] = 3: the sum has 3 products, the "
        "claim adds 2 of them.",
        "  - term_left_out: y[1, 1] lacks the product x[1, 1]h[(0, 0) mod 2] = 4: the sum has 3 products, the "
        "claim adds 2 of them."]
    # issue 12: a third wrong term makes three causes, more than a pair: coincidences, not named
    code, out, _ = run_cli(["check", "4 6; 6 4", "1 2; 3 4", "1 1; 0 1", "--op", "circular", "-N", "2"], capsys)
    assert out.splitlines()[-1].startswith("  - unexplained: No single mistake explains the terms y[0, 0], y[1, 0] and")


@pytest.mark.parametrize("start", [0, 9, -3, 300])
def test_issue_circular_kernel_far_away(start):
    v = check([51, 2, 25], [1, 2, 5], Signal([1, 10], start=start), op="circular", N=3)
    assert v.kinds == ("single_wrong_term", "term_left_out")
    assert v.mistakes[1].explanation == ("y[1] lacks the product x[0]h[1 mod 3] = 10: the sum has 2 products, "
                                         "the claim adds 1 of them.")
    # issue 12: the first N terms of the linear convolution (50 not wrapped onto y[0])
    v = check([1, 12, 25], [1, 2, 5], Signal([1, 10], start=start), op="circular", N=3)
    assert v.kinds == ("linear_not_circular",) and v.mistakes[0].evidence["terms"] == 3


fractions = st.fractions(min_value=-20, max_value=20, max_denominator=60)


def _rounded(exact: Fraction, places: int, mode: str) -> str:
    with localcontext() as ctx:
        ctx.prec = 80
        value = Decimal(exact.numerator) / Decimal(exact.denominator)
        return str(value.quantize(Decimal(1).scaleb(-places), rounding=mode))


@settings(max_examples=150, deadline=None)
@given(fractions, st.integers(0, 4), st.sampled_from([ROUND_HALF_UP, ROUND_HALF_EVEN]))
def test_property_correctly_rounded_decimals_are_right(exact, k, mode):
    claim = _rounded(exact, k, mode)  # written with k decimals, trailing zeros kept
    exact_text = f"{exact.numerator}/{exact.denominator}"
    assert check(claim, exact_text, "1", decimals=k).ok
    assert check(claim.rstrip("0").rstrip(".") if "." in claim else claim, exact_text, "1", decimals=k).ok
    if k > 0:  # rounded to fewer decimals than asked: wrong unless it is right anyway, and named
        fewer = _rounded(exact, k - 1, mode)
        v = check(fewer, exact_text, "1", decimals=k)
        from symconv.check.compare import right_to_decimals as _right_to_decimals

        if _right_to_decimals(Rational(fewer), Rational(exact.numerator, exact.denominator), k):
            assert v.ok
        elif Rational(fewer) == 0:  # 0 for the one product of y[0]: left out
            assert v.kinds == ("single_wrong_term", "term_left_out")
        else:
            assert "decimal_rounding" in v.kinds
            assert v.mistakes[-1].explanation.endswith(f"where {k} {'was' if k == 1 else 'were'} asked.")


@settings(max_examples=150, deadline=None)
@given(fractions.filter(lambda f: f != 0), st.integers(1, 5), st.sampled_from([ROUND_HALF_UP, ROUND_HALF_EVEN]))
def test_property_correctly_rounded_significant_digits_are_right(exact, k, mode):
    with localcontext() as ctx:
        ctx.prec, ctx.rounding = k, mode
        claim = format(Decimal(exact.numerator) / Decimal(exact.denominator), "f")
    assert check(claim, f"{exact.numerator}/{exact.denominator}", "1", significant=k).ok


@settings(max_examples=80, deadline=None)
@given(st.lists(fractions.filter(lambda f: f != 0), min_size=2, max_size=4),
       st.lists(fractions.filter(lambda f: f != 0), min_size=2, max_size=3), st.data())
def test_property_left_out_product_is_named_not_rounding(x, h, data):
    """A claim written with integers and fractions that leaves one product out of a term."""
    xs, hs = [Rational(f.numerator, f.denominator) for f in x], [Rational(f.numerator, f.denominator) for f in h]
    values = list(convolve(xs, hs).values)
    n = data.draw(st.integers(1, len(values) - 2))
    m = data.draw(st.integers(max(0, n - len(h) + 1), min(n, len(x) - 1)))
    assume(len(range(max(0, n - len(h) + 1), min(n, len(x) - 1) + 1)) > 1)
    values[n] -= xs[m] * hs[n - m]
    v = check(" ".join(map(str, values)), xs, hs)
    assert "decimal_rounding" not in v.kinds
    assert "term_left_out" in v.kinds or v.kinds[0] in ("unflipped_kernel", "swapped_arguments", "sign_error")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=1, max_size=4), st.lists(st.integers(-5, 5), min_size=1, max_size=4),
       st.integers(-40, 40), st.integers(1, 5), st.data())
def test_property_circular_left_out_product_named_wherever_the_kernel_starts(x, h, start, N, data):
    hs = Signal(h, start=start)
    correct = symconv.circular_convolve(x, hs, N)
    wrapped = {}
    for j, v in zip(hs.indices, h):
        wrapped[j % N] = wrapped.get(j % N, 0) + v
    n = data.draw(st.integers(0, N - 1))
    products = [x[m] * wrapped.get((n - m) % N, 0) for m in range(len(x))]
    assume(sum(1 for p in products if p != 0) >= 2)
    p = data.draw(st.sampled_from([p for p in products if p != 0]))
    values = list(correct.values)
    values[n] -= p
    v = check(values, x, hs, op="circular", N=N)
    assert not v.ok
    if v.kinds[0] not in ("unflipped_kernel", "partial_flip", "wrong_mode", "sign_error", "linear_not_circular"):
        assert "term_left_out" in v.kinds


@pytest.mark.parametrize("claimed, x", [("1 + 2*a", "1+2*a"), ("1 + 2*i", "1+2i"), ("1 + 2*I", "1+2*I"),
                                        ("n + 1", "n+1")])
def test_issue_spaces_around_an_operator_make_one_sample_not_a_closed_form(claimed, x, capsys):
    from helpers import run_cli

    # QA: "1 + 2*a" was read as a closed form in a (claimed terms for n = -3..3, closed_form_mismatch)
    code, out, err = run_cli(["check", claimed, x, "1"], capsys)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "right: y = x * h (full)"
    assert len([line for line in out.splitlines() if line.endswith(" ok")]) == 1
    assert check(claimed, x, "1", start=2).kinds == ("origin_shift",)


def test_issue_plain_claim_the_grammar_refuses_keeps_its_message(capsys):
    from helpers import run_cli

    assert run_cli(["check", "1 + [2", "1", "1"], capsys)[2] == (
        "symconv: error: claimed answer, item 2: '+' is not a number or expression (unexpected end of text at "
        "column 2)\n")


# ----------------------------------------------------------------------------- issue 12


def _cli(*argv):
    from symconv.cli import main

    return main(["check", *argv])


@pytest.mark.parametrize("claimed, witness", [
    (r"\delta[n] + \delta[n-10]", 10),
    (r"\delta[n] + u[-n-5]", -5),
    (r"\delta[n] + 2\delta[n-1] + \delta[n-2] + u[n-10] - u[n-12]", 10),
])
def test_issue_12_closed_form_claims_are_compared_at_every_n(claimed, witness, capsys):
    x, h = ("1", "1") if "2" not in claimed else ("1 1", "1 1")
    v = check(claimed, x, h)
    assert not v.ok and v.kinds == ("closed_form_mismatch",)
    assert v.mistakes[0].evidence["n"] == witness
    assert _cli(claimed, x, h) == 1
    assert f"at n = {witness} the claim gives 1, the result is 0" in capsys.readouterr().out


def test_issue_12_text_symbols_match_the_callers_symbols():
    from symconv.sequences import unit_step as u

    a, n = Symbol("a"), Symbol("n")
    v = check("(n+1) a^n u[n]", a**n * u(n), a**n * u(n))
    assert v.ok and v.mistakes == ()
    v = check("a, a+b, b", [a, Symbol("b")], [1, 1])
    assert v.ok and v.mistakes == ()
    assert _cli("a, a+b, b", "a b", "1 1") == 0


def test_issue_12_right_for_a_not_b_with_a_note_on_a_equal_b():
    from symconv.sequences import unit_step as u

    a, b, n = Symbol("a"), Symbol("b"), Symbol("n")
    v = check("(b**(n+1)-a**(n+1))/(b-a) u[n]", a**n * u(n), b**n * u(n))
    assert v.ok and v.mistakes == ()
    assert v.notes[-1] == ("the claim holds for a != b; when a = b the result is "
                           "b**n*(n + 1)*UnitStep(n), and the claim is undefined there (0/0)")
    v = check("(n+1) a^n u[n]", a**n * u(n), b**n * u(n))
    assert not v.ok and v.kinds == ("closed_form_mismatch",)


def _kinds_cli(capsys, *argv):
    code = _cli(*argv)
    out = capsys.readouterr().out
    return code, [line.split(":")[0].strip(" -") for line in out.splitlines() if line.startswith("  - ")]


def test_issue_12_integer_ending_in_zero_is_no_rounding(capsys):
    assert check("10", "13", "1").kinds == ("single_wrong_term",)
    assert _kinds_cli(capsys, "10", "13", "1") == (1, ["single_wrong_term"])


@pytest.mark.parametrize("claimed, kinds", [
    ([1, 1, 3, 1, 6], ("linear_not_circular",)),  # the whole linear convolution
    ([1, 1, 3], ("linear_not_circular",)),  # its first N terms (was: sign_error)
])
def test_issue_12_linear_convolution_for_a_circular_one(claimed, kinds, capsys):
    assert convolve([1, 2, 3], [1, -1, 2]).values == [1, 1, 3, 1, 6]
    v = check(claimed, [1, 2, 3], [1, -1, 2], op="circular", N=3)
    assert v.kinds == kinds and "sign_error" not in v.kinds
    text = " ".join(map(str, claimed))
    assert _kinds_cli(capsys, text, "1 2 3", "1 -1 2", "--op", "circular", "-N", "3") == (1, list(kinds))


def test_issue_12_matlab_xcorr_zero_padded_lags(capsys):
    # MATLAB: xcorr([1 2 3 4], [1 1]) = [0 0 1 3 5 7 4] on lags -3..3 (the shorter input padded)
    x, h = [1, 2, 3, 4], [1, 1]
    assert correlate(x, h) == Signal([1, 3, 5, 7, 4], start=-1)
    v = check([0, 0, 1, 3, 5, 7, 4], x, h, op="correlate")
    assert v.kinds == ("wrong_mode",) and v.mistakes[0].evidence["mode"] == "xcorr"
    assert _kinds_cli(capsys, "0 0 1 3 5 7 4", "1 2 3 4", "1 1", "--op", "correlate") == (1, ["wrong_mode"])


def test_issue_12_answer_of_another_problem_is_unexplained(capsys):
    v = check([2, 7, 9, 4], [1, 2, 3], [1, 1])  # right: 1 3 5 3
    assert v.kinds == ("unexplained",)
    assert v.mistakes[0].explanation == (
        "No single mistake explains the terms y[0], y[1], y[2] and y[3]: y[0] is 2 for 1 (off by 1); "
        "y[1] is 7 for 3 (off by 4); y[2] is 9 for 5 (off by 4); y[3] is 4 for 3 (off by 1).")
    assert v.mistakes[0].evidence["indices"] == [0, 1, 2, 3]
    assert _kinds_cli(capsys, "2 7 9 4", "1 2 3", "1 1") == (1, ["unexplained"])


def test_issue_12_other_order_on_the_asked_lag_window(capsys):
    x, h = [1, 2, 3, 4], [1, 2]
    other = correlate(x, h, order="wikipedia")
    v = check(Signal(other.values, start=correlate(x, h).start), x, h, op="correlate")
    assert v.kinds == ("swapped_arguments", "origin_shift")
    assert _kinds_cli(capsys, "n=-1..3: 4 11 8 5 2", "1 2 3 4", "1 2", "--op", "correlate") == (
        1, ["swapped_arguments", "origin_shift"])


def test_issue_12_truncated_with_a_trailing_zero(capsys):
    v = check([1, 3, 5, 0], [1, 2, 3, 4], [1, 1])  # right: 1 3 5 7 4
    assert v.kinds == ("truncated",)
    assert v.mistakes[0].evidence == {"first": 0, "last": 2, "missing": [3, 4], "given_as_zero": [3]}
    assert _kinds_cli(capsys, "1 3 5 0", "1 2 3 4", "1 1") == (1, ["truncated"])


def test_issue_12_complex_values_rounded(capsys):
    v = check("11.0+15.8i", "11+63/4*I", "1")
    assert v.kinds == ("single_wrong_term", "decimal_rounding")
    assert v.mistakes[1].explanation == "y[0] = 11 + 79*I/5 is 11 + 63*I/4 rounded to 1 decimal."
    assert check("11.0+15.8i", "11+63/4*I", "1", significant=3).ok
    assert _kinds_cli(capsys, "11.0+15.8i", "11+63/4*I", "1") == (1, ["single_wrong_term", "decimal_rounding"])


def test_issue_12_per_term_coincidences_are_not_causes():
    # a published distractor: x * (delta[n] - delta[n-1]) for h = delta[n] - delta[n-3]; three
    # terms happened to differ by "a product of another term"
    v = check("1 -4 5 -3 1", "1 -3 2 -1", "1 0 0 -1")
    assert v.kinds == ("inconsistent_size", "unexplained")
    v = check("1 0 2 10 3", "1 2 3", "-1 2 2")  # right: -1 0 3 10 6; a sign and two "extra" products
    assert v.kinds == ("unexplained",)


def test_issue_12_claim_format_names_the_reader():
    from symconv.check import read_claim

    assert check("n+1", "1", "1").kinds == ("single_wrong_term",)  # one sample whose value is n + 1
    # as a closed form in n, 'n+1' is wrong at every n but 0
    v = check("n+1", "1", "1", claim_format="closed")
    assert v.kinds == ("closed_form_mismatch",) and v.mistakes[0].evidence["n"] != 0
    assert check(r"\delta[n]", "1", "1", claim_format="latex").ok
    with pytest.raises(InputError) as error:
        read_claim(r"2^{3}", format="text")  # LaTeX braces: 8 as LaTeX, refused by the grammar
    assert error.value.where.startswith("claimed answer")  # the grammar's own message
    with pytest.raises(InputError, match="^format: 'tex' is not one of: auto, text, latex, closed$"):
        check("1", "1", "1", claim_format="tex")


def test_issue_12_matlab_xcorr_maxlag_window():
    # MATLAB: xcorr([1 2 3 4 5], [1 1 2], 1) gives lags -1..1 of r_xh
    x, h = [1, 2, 3, 4, 5], [1, 1, 2]
    r = np.correlate(x, h, "full")  # lags -2..4: NumPy's correlate(a, v) is r_av
    assert r.tolist() == [2, 5, 9, 13, 17, 9, 5]
    v = check([5, 9, 13], x, h, op="correlate")
    assert v.kinds == ("wrong_mode",) and v.mistakes[0].evidence["maxlag"] == 1


@pytest.mark.parametrize("claimed, x, h, code, note", [
    ("(n+1) a^n u[n]", "a^n u[n]", "a^n u[n]", 0, None),
    (r"\frac{b^{n+1}-a^{n+1}}{b-a} u[n]", "a^n u[n]", "b^n u[n]", 0,
     "note: the claim holds for a != b; when a = b the result is b**n*(n + 1)*UnitStep(n), and the "
     "claim is undefined there (0/0)"),
    ("(n+1) a^n u[n]", "a^n u[n]", "b^n u[n]", 1, None),
    (r"\delta[n] + 2u[n-1]", "1 1", "u[n]", 0, None),  # finite data beside a closed form
])
def test_issue_12_closed_form_questions_from_the_command_line(claimed, x, h, code, note, capsys):
    from helpers import run_cli

    got, out, err = run_cli(["check", claimed, x, h], capsys)
    assert (got, err) == (code, "")
    assert out.startswith(("right" if code == 0 else "wrong") + ": y = x * h (closed form)\n")
    if note is not None:
        assert note in out.splitlines()


def test_issue_12_a_json_boolean_is_no_claimed_value(tmp_path, capsys):
    # was: an answer key's "claimed": true was graded as the number 1 (right for x = h = [1])
    from symconv.cli import main

    with pytest.raises(InputError) as error:
        check(True, [1], [1])
    assert str(error.value) == "claimed answer: true is not a number; write the claimed values"
    key = tmp_path / "key.json"
    key.write_text('[{"x": [1], "h": [1], "claimed": true}]')
    assert main(["check-batch", str(key)]) == 1
    assert "0 right, 0 wrong, 1 unreadable" in capsys.readouterr().out
