"""symconv.check.compare: exact values, symbols matched by name, closed forms at every n."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import KroneckerDelta, Rational, Symbol, expand

from symconv.check.compare import compare_closed, equal, match_symbols, order_bound
from symconv.closed_forms import convolution_closed_form
from symconv.errors import UnsupportedError
from symconv.sequences import unit_step as u

n = Symbol("n", integer=True)
a, b = Symbol("a"), Symbol("b")


def _direct(expr, k):
    """An independent evaluation: substitute and let SymPy decide steps and impulses."""
    return expr.subs(n, k).doit()


def test_order_bound_is_tight():
    # (n - 1)(n - 2) has d = 3 and vanishes at two consecutive integers without being zero:
    # fewer points than d would call it zero
    p = expand((n - 1) * (n - 2))
    assert order_bound(p, n) == 3
    assert [p.subs(n, k) for k in (1, 2)] == [0, 0] and p.subs(n, 3) != 0
    # 2**n - 2*2**(n - 1) is 0; (-1)**n + 1 has infinitely many zeros but never two in a row
    assert order_bound((-1)**n + 1, n) == 2
    assert [((-1)**n + 1).subs(n, k) for k in (0, 1)] == [2, 0]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 3), st.sampled_from([1, 2, -1, Rational(1, 2), 3]),
                          st.integers(0, 2)), min_size=1, max_size=4),
       st.integers(-20, 20))
def test_an_exponential_polynomial_zero_at_d_consecutive_integers_is_zero(terms, start):
    """The bound compare_closed relies on, tested on random exponential polynomials: if one
    vanishes at d = order_bound consecutive integers, it vanishes at every integer tried."""
    e = expand(sum(c * r**n * n**p for c, r, p in terms))
    d = order_bound(e, n)
    assert d <= sum(p + 1 for _, _, p in terms)
    if all(e.subs(n, k) == 0 for k in range(start, start + d)):
        assert all(e.subs(n, k) == 0 for k in range(-40, 41))


def test_issue_12_impulse_far_away_is_a_counterexample():
    r = compare_closed(KroneckerDelta(n, 0) + KroneckerDelta(n, 10), KroneckerDelta(n, 0), n)
    assert (r.equal, r.witness, r.claimed, r.correct) == (False, 10, 1, 0)


def test_issue_12_left_tail_is_compared():
    r = compare_closed(KroneckerDelta(n, 0) + u(-n - 5), KroneckerDelta(n, 0), n)
    assert not r.equal and r.witness <= -5 and r.claimed == 1


def test_symbols_are_matched_by_name_whatever_their_assumptions():
    a_real = Symbol("a", real=True)
    assert compare_closed((n + 1) * a_real**n * u(n), (n + 1) * a**n * u(n), n).equal
    assert match_symbols(a_real**2, {a}) == a**2


def test_piecewise_result_per_case_with_a_note():
    y = convolution_closed_form(a**n * u(n), b**n * u(n), n)
    r = compare_closed((b**(n + 1) - a**(n + 1)) / (b - a) * u(n), y, n)
    assert r.equal and len(r.notes) == 1 and "when a = b the result is" in r.notes[0]
    # right only in the special case: wrong
    r = compare_closed((n + 1) * a**n * u(n), y, n)
    assert not r.equal
    # right in every case: no note
    assert compare_closed(y, y, n) == compare_closed(y, y, n) and compare_closed(y, y, n).notes == ()


def test_symbolic_breakpoint_is_refused_not_guessed():
    k = Symbol("k", integer=True)
    with pytest.raises(UnsupportedError, match="breakpoint"):
        compare_closed(u(n - k), u(n), n)


def test_not_an_exponential_polynomial_is_wrong_when_a_point_differs():
    r = compare_closed(u(n) / (n**2 + 1), u(n), n)
    assert not r.equal and r.witness == 1


@settings(max_examples=25, deadline=None)
@given(st.integers(-10**6, 10**6), st.integers(1, 5),
       st.sampled_from(["step", "ramp", "geometric", "finite"]))
def test_property_c_one_far_difference_is_found(far, bump, shape):
    """(c) a closed-form claim that differs from the result at one far index is wrong, with a
    true counterexample."""
    base = {"step": u(n), "ramp": (n + 1) * u(n), "geometric": Rational(1, 2)**n * u(n),
            "finite": KroneckerDelta(n, 0) + 2 * KroneckerDelta(n, 1)}[shape]
    claim = base + bump * KroneckerDelta(n, far)
    r = compare_closed(claim, base, n)
    assert not r.equal
    assert _direct(claim, r.witness) != _direct(base, r.witness)
    assert r.witness == far


@settings(max_examples=20, deadline=None)
@given(st.sampled_from([{}, {"real": True}, {"positive": True}, {"integer": True},
                        {"nonzero": True}, {"complex": True}]),
       st.integers(-3, 3))
def test_property_d_right_claims_with_any_assumptions_are_right(assumptions, k):
    """(d) a symbolic claim that is right is right whatever assumptions its symbols carry."""
    c = Symbol("c", **assumptions)
    correct = convolution_closed_form(a**n * u(n), u(n - k), n)
    claim = correct.xreplace({a: Symbol("a", **assumptions)}) * (c - c + 1)
    assert compare_closed(claim, correct, n).equal


def test_equal():
    assert equal((a + 1) ** 2, a**2 + 2 * a + 1)
    assert not equal(a, b) and not equal(None, None)
