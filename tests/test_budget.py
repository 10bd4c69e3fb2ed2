"""symconv.budget: expressions are measured before SymPy expands them, and refused over budget.

The refusals are structural (the tree is measured, nothing is expanded), so these tests assert
the refusal and its message, never a time.
"""

from __future__ import annotations

import math
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import Integer, KroneckerDelta, Rational, expand, sin, sqrt, symbols

import symconv
from symconv import budget
from symconv.budget import MAX_ARGUMENT, MAX_DEGREE, MAX_GROWTH, MAX_TERMS, Size, check_budget, measure
from symconv.errors import InputError
from helpers import needs_latex2sympy2, run_cli

a, b, c, d, n = symbols("a b c d n")

REFERENCE = ("1 0.5 1 1", "1 0.5 0.25")


# ----------------------------------------------------------------------------- measure


def test_measure_counts_without_expanding():
    assert measure((a + b)**3) == Size(degree=3, terms=4, growth=0, argument=0, tower=0, nodes=5)
    assert measure(a**5000).degree == 0  # a monomial is not multiplied out
    assert measure((a + b + c + d)**100).terms == math.comb(103, 3)
    assert measure(sin((a + b)**2)).terms == 3  # an argument is measured in turn
    assert measure(KroneckerDelta(n, 7)).argument == 7
    assert measure(Rational(1, 2)**n).growth == 1  # one bit more per step of n
    assert measure(2**(3 * n + 1)).growth == 3
    assert measure(1000**n).growth == 9  # about log2(1000) bits
    assert measure(a**(n / 2)).growth == 2
    assert measure(Integer(5)) == Size(0, 1, 0, 0, 0, 1)
    assert measure("not an expression") == Size(0, 1, 0, 0, 0, 1)


polynomials = st.recursive(
    st.sampled_from([a, b, c, Integer(1), Integer(2), Rational(1, 2)]),
    lambda inner: st.one_of(
        st.tuples(inner, inner).map(lambda p: p[0] + p[1]),
        st.tuples(inner, inner).map(lambda p: p[0] * p[1]),
        st.tuples(inner, st.integers(0, 4)).map(lambda p: p[0]**p[1])),
    max_leaves=8)


@settings(max_examples=60, deadline=None)
@given(polynomials)
def test_terms_bound_the_expansion(expr):
    """The bound holds: the expanded polynomial never has more terms than measured."""
    expanded = expand(expr)
    count = len(expanded.args) if expanded.is_Add else 1
    assert count <= measure(expr).terms


def test_deep_expression_is_measured_without_recursion():
    expr = a
    for _ in range(300):
        expr = sin(expr)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(100)
    try:
        size = measure(expr)
    finally:
        sys.setrecursionlimit(limit)
    assert size.nodes == 301


# ----------------------------------------------------------------------------- check_budget


def test_check_budget_returns_what_is_within():
    assert check_budget((n + 1)**2, "claimed answer") == (n + 1)**2
    assert check_budget([[a, (a + b)**3], [1, 2]], "claimed answer") == [[a, (a + b)**3], [1, 2]]
    assert check_budget(a**5000 * sqrt(2), "data") == a**5000 * sqrt(2)


@pytest.mark.parametrize("expr, message", [
    ((a + b)**10000, "x: '(a + b)**10000' has degree 10000 when expanded; at most 1000 is accepted"),
    ((a + b + c + d)**100, "x: '(a + b + c + d)**100' has 176851 terms when expanded; at most 10000 are "
                           "accepted"),
    ((1 + sqrt(2))**5000, "x: '(1 + sqrt(2))**5000' has degree 5000 when expanded; at most 1000 is accepted"),
    (sin(Integer(10)**9999), "x: the argument of sin holds a number of 10000 digits; numbers inside a "
                             "function's argument may be at most 1000 in size"),
    (KroneckerDelta(n, 10**6), "x: the argument of KroneckerDelta holds the number 1000000; numbers inside "
                               "a function's argument may be at most 1000 in size"),
    (2**(10**6 * n), "x: '2**(1000000*n)' gains 1000000 bits per step of n; at most 100 are accepted"),
    (1000**(20 * n), "x: '1000**(20*n)' gains 180 bits per step of n; at most 100 are accepted"),
    (n**(n**n), "x: 'n**(n**n)' has a power with n in its exponent inside another one's exponent; at most "
                "one level (such as 2**n) is accepted"),
    (2**(2**n), "x: '2**(2**n)' has a power with n in its exponent inside another one's exponent; at most "
                "one level (such as 2**n) is accepted"),
])
def test_check_budget_refuses(expr, message):
    with pytest.raises(InputError) as error:
        check_budget(expr, "x")
    assert str(error.value) == message


def test_check_budget_refuses_a_huge_tree(monkeypatch):
    monkeypatch.setattr(budget, "MAX_NODES", 10)
    check_budget(sum(symbols("x0:9")), "x")
    with pytest.raises(InputError) as error:
        check_budget(sum(symbols("x0:10")), "x")
    assert str(error.value) == "x: has more than 10 parts; at most 10 are accepted"


def test_limits_are_what_the_messages_say():
    assert (MAX_DEGREE, MAX_TERMS, MAX_GROWTH, MAX_ARGUMENT) == (1000, 10_000, 100, 1000)


# ----------------------------------------------------------------------------- issue 21


ISSUE_21 = [
    (["(a+b)**10000", "1", "1"],
     "claimed answer: '(a + b)**10000' has degree 10000 when expanded; at most 1000 is accepted"),
    (["(a+b+c+d)**10000", "1", "1"],
     "claimed answer: '(a + b + c + d)**10000' has degree 10000 when expanded; at most 1000 is accepted"),
    pytest.param([r"\sin(10^{9999})", *REFERENCE],
                 "claimed answer: the argument of sin holds a number of 10000 digits; numbers inside a "
                 "function's argument may be at most 1000 in size", marks=needs_latex2sympy2),
    ([r"2^{10^{6} n} u[n]", *REFERENCE],
     "claimed answer: '2**(1000000*n)' gains 1000000 bits per step of n; at most 100 are accepted"),
    ([r"(n+1)^{10000} u[n]", *REFERENCE],
     "claimed answer: '(n + 1)**10000' has degree 10000 when expanded; at most 1000 is accepted"),
    ([r"n^{n^{n}} u[n]", *REFERENCE],
     "claimed answer: 'n**(n**n)' has a power with n in its exponent inside another one's exponent; at "
     "most one level (such as 2**n) is accepted"),
]


@pytest.mark.parametrize("operands, message", ISSUE_21)
def test_issue_21_claims_over_budget_api(operands, message):
    with pytest.raises(InputError) as error:
        symconv.check(*operands)
    assert str(error.value) == message


@pytest.mark.parametrize("operands, message", ISSUE_21)
def test_issue_21_claims_over_budget_cli(operands, message, capsys):
    assert run_cli(["check", *operands], capsys) == (2, "", f"symconv: error: {message}\n")


def test_issue_21_layer_claim_over_budget(capsys):
    message = "claimed answer: '(a + b)**10000' has degree 10000 when expanded; at most 1000 is accepted"
    assert run_cli(["check", "--op", "layer", "(a+b)**10000", "1 2 3", "1 2"], capsys) == (
        2, "", f"symconv: error: {message}\n")
    with pytest.raises(InputError) as error:
        symconv.check("(a+b)**10000", [[1, 2, 3]], [[[1, 2]]], op="layer")
    assert str(error.value) == message


def test_issue_21_inputs_over_budget():
    """Data and kernels pass the same door: explain would expand them to verify its steps."""
    with pytest.raises(InputError) as error:
        symconv.explain("(a+b)^10000", "1 1")
    assert str(error.value) == ("data, item 1: '(a + b)**10000' has degree 10000 when expanded; at most "
                                "1000 is accepted")
    with pytest.raises(InputError) as error:
        symconv.convolve([(a + b)**10000], [1])
    assert str(error.value) == ("data, item 1: '(a + b)**10000' has degree 10000 when expanded; at most "
                                "1000 is accepted")


def test_issue_21_explain_refuses_huge_work_at_once(capsys):
    """10^5 x 10^4 (a MemoryError) and 300 x 300 circular (minutes) are refused before any work."""
    message = ("explain: data of 100000 and a kernel of 10000 samples give up to 1000000000 products to derive; "
               "at most 300000 are derived (symconv conv gives the result of any size)")
    with pytest.raises(InputError) as error:
        symconv.explain([1] * 100_000, [1] * 10_000)
    assert str(error.value) == message
    square = "\n".join(" ".join(["1"] * 300) for _ in range(300))
    assert run_cli(["explain", square, square, "--op", "circ", "-N", "300,300"], capsys) == (
        2, "", "symconv: error: explain: data of 90000 and a kernel of 90000 samples give up to 8100000000 "
               "products to derive; at most 300000 are derived (symconv conv gives the result of any size)\n")


def test_issue_21_symbolic_convolution_is_bounded(capsys):
    x, h = " ".join(f"a{i}" for i in range(10_000)), " ".join(f"b{i}" for i in range(10_000))
    message = ("symbolic data: 10000 by 10000 samples give 100000000 products of symbols; at most 400000 are "
               "multiplied (numbers have no such limit)")
    with pytest.raises(InputError) as error:
        symconv.convolve(x, h)
    assert str(error.value) == message
    assert run_cli(["conv", x, h], capsys) == (2, "", f"symconv: error: {message}\n")
    assert symconv.convolve([1] * 10_000, [1] * 10_000)[9_999] == 10_000  # numbers: no such limit


def test_issue_21_long_exact_values_print_from_python():
    """Python's 4300-digit limit on printing ints does not reach symconv's exact results."""
    verdict = symconv.check("10^5000", "1", "1")
    assert not verdict.ok and "1" + "0" * 5000 in verdict.render("text")
