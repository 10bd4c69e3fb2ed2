"""Closed forms against textbook results derived by hand and against direct finite sums."""

from fractions import Fraction

import pytest
from sympy import (Abs, Float, Heaviside, Piecewise, Rational, Symbol, simplify, symbols)

import symconv.closed_forms as cf
from symconv.closed_forms import as_piecewise, convolution_closed_form, correlation_closed_form
from symconv.errors import InputError, SelfCheckError, UnsupportedError
from symconv.sequences import delta, rect, unit_step

n = Symbol("n", integer=True)
a, b = symbols("a b")


def direct(x, h, n0, lo=-40, hi=40):
    """sum_m x(m) h(n0 - m) over a window wide enough for the finite cases, in Fractions."""
    return sum((Fraction(str(x(m))) * Fraction(str(h(n0 - m))) for m in range(lo, hi + 1)),
               Fraction(0))


def values(expr, ns):
    return [expr.subs(n, k) for k in ns]


def test_u_times_u_is_ramp():
    assert convolution_closed_form(unit_step(n), unit_step(n), n) == (n + 1) * unit_step(n)


def test_oppenheim_schafer_exponential_with_step():
    # O&S: x = a^n u[n], h = u[n] -> y = (1 - a^(n+1)) / (1 - a) u[n]
    y = convolution_closed_form(a**n * unit_step(n), unit_step(n), n)
    general = y.args[0][0] if isinstance(y, Piecewise) else y.args[0].args[0][0]
    expected = (1 - a**(n + 1)) / (1 - a) * unit_step(n)
    y_general = y.subs(a, Rational(1, 3))
    assert simplify(y_general - expected.subs(a, Rational(1, 3))) == 0
    assert general is not None


def test_proakis_two_exponentials_distinct_and_equal():
    # Proakis: a^n u[n] * b^n u[n] = (b^(n+1) - a^(n+1)) / (b - a) u[n], a != b
    y = convolution_closed_form(a**n * unit_step(n), b**n * unit_step(n), n)
    expected = (b**(n + 1) - a**(n + 1)) / (b - a) * unit_step(n)
    for k in range(-2, 6):
        got = y.subs(n, k).subs({a: Rational(2, 3), b: Rational(-1, 5)})
        assert got == expected.subs(n, k).subs({a: Rational(2, 3), b: Rational(-1, 5)})
    # a == b: (n + 1) a^n u[n]
    assert convolution_closed_form(a**n * unit_step(n), a**n * unit_step(n), n) == \
        (n + 1) * a**n * unit_step(n)
    assert y.subs(b, a).subs(n, 4) == 5 * a**4


def test_numeric_ratios_match_direct_sum():
    x = lambda m: Fraction(1, 2)**m if m >= 0 else 0
    h = lambda m: Fraction(1, 3)**m if m >= 0 else 0
    y = convolution_closed_form(Rational(1, 2)**n * unit_step(n), Rational(1, 3)**n * unit_step(n), n)
    assert y == (3 / 2**n - 2 / 3**n) * unit_step(n)
    for k in range(-3, 10):
        assert Fraction(str(y.subs(n, k))) == direct(x, h, k)


def test_decimal_ratio_is_exact():
    y = convolution_closed_form(0.8**n * unit_step(n), unit_step(n), n)
    assert not y.has(Float)
    assert y == (5 - 4 * Rational(4, 5)**n) * unit_step(n)


def test_pulse_with_exponential_three_ranges_oppenheim_schafer():
    # O&S: x = u[n] - u[n-N], h = a^n u[n]:
    #   0 (n < 0); (1 - a^(n+1))/(1 - a) (0 <= n < N); a^(n-N+1) (1 - a^N)/(1 - a) (n >= N)
    A, N = Rational(4, 5), 5
    y = convolution_closed_form(rect(n, N), A**n * unit_step(n), n, form="piecewise")
    assert isinstance(y, Piecewise) and len(y.args) == 3
    for k in range(-3, 15):
        if k < 0:
            hand = 0
        elif k < N:
            hand = (1 - A**(k + 1)) / (1 - A)
        else:
            hand = A**(k - N + 1) * (1 - A**N) / (1 - A)
        assert y.subs(n, k) == hand


def test_pulse_with_symbolic_length():
    N = Symbol("N", integer=True, positive=True)
    y = convolution_closed_form(Rational(1, 2)**n * unit_step(n), rect(n, N), n, form="piecewise")
    assert [c.canonical if c is not True else c for _, c in y.args][::2] == [n < 0, True]
    assert y.args[1][1].canonical == (n < N).canonical
    assert simplify(y.args[2][0] - Rational(1, 2)**(n - N + 1) * (1 - Rational(1, 2)**N) * 2) == 0


def test_anticausal_with_causal_by_hand():
    # 2^n u[-n-1] * (1/2)^n u[n]: n <= -1: sum_{m<=n} 2^m 2^(m-n) = (4/3) 2^n ; n >= 0: (1/3) 2^-n
    y = convolution_closed_form(2**n * unit_step(-n - 1), Rational(1, 2)**n * unit_step(n), n)
    for k in range(-6, 7):
        hand = Rational(4, 3) * Rational(2)**k if k <= -1 else Rational(1, 3) / Rational(2)**k
        assert y.subs(n, k) == hand


def test_anticausal_pair_is_finite_sum():
    x = lambda m: Fraction(2)**m if m <= -1 else 0
    h = lambda m: Fraction(3)**m if m <= -1 else 0
    y = convolution_closed_form(2**n * unit_step(-n - 1), 3**n * unit_step(-n - 1), n)
    for k in range(-12, 3):
        assert Fraction(str(y.subs(n, k))) == direct(x, h, k, lo=-80, hi=5)


def test_proakis_autocorrelation_of_exponential():
    # Proakis: r_xx(l) = a^|l| / (1 - a^2) for x = a^n u[n], |a| < 1
    A = Rational(1, 2)
    r = correlation_closed_form(A**n * unit_step(n), A**n * unit_step(n), n)
    for lag in range(-6, 7):
        assert r.subs(n, lag) == A**abs(lag) / (1 - A**2)


def test_shifted_deltas_and_heaviside_one():
    assert convolution_closed_form(delta(n - 2), a**n * Heaviside(n, 1), n) == a**(n - 2) * unit_step(n - 2)
    y = convolution_closed_form(delta(n + 1), delta(n - 3), n)
    assert values(y, range(-2, 5)) == [0, 0, 0, 0, 1, 0, 0]


def test_two_sided_abs_exponent():
    A = Rational(1, 2)
    y = convolution_closed_form(A**Abs(n), A**Abs(n), n)
    x = lambda m: A**abs(m)
    for k in range(-4, 5):
        # direct sum with a long window; the tail beyond |m| = 200 is below 2^-200
        approx = sum(x(m) * x(k - m) for m in range(-200, 201))
        assert abs(y.subs(n, k) - approx) < Rational(1, 2**190)
        assert y.subs(n, k) == y.subs(n, -k)


def test_symbolic_convergence_kept_as_condition():
    y = convolution_closed_form(a**n * unit_step(n), b**n * unit_step(-n - 1), n)
    assert isinstance(y, Piecewise) and y.args[0][1] == (Abs(a) < Abs(b))


def test_divergent_sums_are_errors():
    with pytest.raises(InputError) as err:
        convolution_closed_form(2**n, 3**n, n)
    assert str(err.value) == ("convolution: the sum over m of 2**n times 3**n at n - m diverges "
                              "for every n: both are two-sided")
    with pytest.raises(InputError) as err:
        convolution_closed_form(2**Abs(n), unit_step(n), n)
    assert str(err.value) == ("convolution: the sum over m diverges: UnitStep(n) with "
                              "UnitStep(-n - 1)/2**n needs |1| < |1/2|")


def test_bad_sequences():
    with pytest.raises(InputError) as err:
        convolution_closed_form(Heaviside(n), unit_step(n), n)
    assert str(err.value) == ("x: Heaviside(n) is 1/2 at n = 0, but a unit step is 1 there; "
                              "write unit_step(n) or Heaviside(n, 1)")
    k = Symbol("k", integer=True)
    with pytest.raises(InputError) as err:
        convolution_closed_form(a**k, unit_step(n), n)
    assert str(err.value) == "x: a**k is not a function of n; write the sequence in terms of the index n"
    t = Symbol("t")
    with pytest.raises(InputError) as err:
        convolution_closed_form(unit_step(t), unit_step(t), t)
    assert str(err.value) == "index: t is not an integer symbol; declare it with Symbol('t', integer=True)"
    from sympy import sin
    with pytest.raises(UnsupportedError):
        convolution_closed_form(sin(n) * unit_step(n), unit_step(n), n)


def test_self_check_catches_a_wrong_formula(monkeypatch):
    real = cf._pair
    monkeypatch.setattr(cf, "_pair", lambda t1, t2, n, where: real(t1, t2, n, where) + unit_step(n - 3))
    with pytest.raises(SelfCheckError):
        convolution_closed_form(Rational(1, 2)**n * unit_step(n), unit_step(n), n)


def test_as_piecewise_of_window():
    assert as_piecewise(unit_step(n - 1) - unit_step(n - 4), n) == \
        Piecewise((0, n < 1), (1, n < 4), (0, True))


# ----------------------------------------------------------------- terms with n**p


def test_ramp_times_step_is_triangular_numbers():
    # sum_{m=0}^{n} m = n(n+1)/2 for n >= 0
    y = convolution_closed_form(n * unit_step(n), unit_step(n), n)
    assert simplify(y - n * (n + 1) / 2 * unit_step(n)) == 0


def test_n_half_power_times_step_by_hand():
    # sum_{m=0}^{n} m 2**-m = 2 - (n + 2) / 2**n
    y = convolution_closed_form(n * Rational(1, 2)**n * unit_step(n), unit_step(n), n)
    assert simplify(y - (2 - (n + 2) / 2**n) * unit_step(n)) == 0


def test_n_power_with_anticausal_exponential_by_hand():
    # n <= -1: sum_{m>=0} m 2**-m 2**(n-m) = 2**n sum m 4**-m = 2**n (1/4) / (3/4)**2 = 4 * 2**n / 9
    y = convolution_closed_form(n * Rational(1, 2)**n * unit_step(n), 2**n * unit_step(-n - 1), n)
    assert values(y, range(-6, 0)) == [Rational(4, 9) * Rational(2)**k for k in range(-6, 0)]
    # n >= 0: sum_{m>=n+1} m 2**-m 2**(n-m) = 2**n sum_{m>=n+1} m 4**-m = (3n + 4) / (9 * 2**n)
    assert values(y, range(0, 6)) == [Rational(3 * k + 4, 9 * 2**k) for k in range(0, 6)]


def test_symbolic_ratio_with_power_keeps_the_equal_ratio_case():
    y = convolution_closed_form(n * a**n * unit_step(n), unit_step(n), n)
    assert simplify(y.subs(a, 1) - n * (n + 1) / 2 * unit_step(n)) == 0
    third = Rational(1, 3)
    assert values(y.subs(a, third), range(0, 6)) == [
        sum(m * third**m for m in range(k + 1)) for k in range(0, 6)]


@pytest.mark.parametrize("p1, p2", [(1, 0), (0, 2), (2, 1)])
@pytest.mark.parametrize("kinds", [("right", "right"), ("left", "left")])
@pytest.mark.parametrize("r1, r2", [(Rational(1, 2), 3), (-2, -2), (1, Rational(-1, 3))])
def test_powers_match_the_direct_finite_sum(p1, p2, kinds, r1, r2):
    def sequence(r, p, kind, k):
        r = Rational(r)
        step = unit_step(n - k) if kind == "right" else unit_step(k - n)
        return r**n * n**p * step, lambda m: (r**m * m**p if (m >= k if kind == "right" else m <= k) else 0)

    x, x_at = sequence(r1, p1, kinds[0], -1)
    h, h_at = sequence(r2, p2, kinds[1], 2)
    y = convolution_closed_form(x, h, n)
    assert [Fraction(str(v)) for v in values(y, range(-6, 7))] == [direct(x_at, h_at, k) for k in range(-6, 7)]
