"""z-transforms against O&S / Proakis tables, derived by hand, and the convolution theorem."""

import pytest
from sympy import Abs, I, Rational, Symbol, cancel, nsimplify, simplify, symbols, true

from symconv.errors import InputError
from symconv.sequences import delta, rect, unit_step
from symconv.ztransform import convolution_theorem, transforms_equal, ztransform

n, z = Symbol("n", integer=True), Symbol("z")
a, b = symbols("a b")


def test_table_pairs():
    X = ztransform(a**n * unit_step(n), n, z)                 # O&S Example 3.1
    assert cancel(X.transform - 1 / (1 - a / z)) == 0 and X.roc == (Abs(z) > Abs(a))
    X = ztransform(-a**n * unit_step(-n - 1), n, z)           # O&S Example 3.2
    assert cancel(X.transform - 1 / (1 - a / z)) == 0 and X.roc == (Abs(z) < Abs(a))
    X = ztransform(n * a**n * unit_step(n), n, z)             # n a^n u[n] <-> a z^-1 / (1 - a z^-1)^2
    assert cancel(X.transform - (a / z) / (1 - a / z)**2) == 0
    assert ztransform(delta(n - 3), n, z).transform == z**-3
    N = Symbol("N", integer=True, positive=True)
    X = ztransform(rect(n, N), n, z)                          # (1 - z^-N) / (1 - z^-1)
    assert cancel((X.transform - (1 - z**-N) / (1 - 1 / z)).subs(N, 4)) == 0


def test_two_sided_roc_proakis():
    # Proakis Example 3.1.x: alpha^n u[n] - beta^n u[-n-1], ROC |alpha| < |z| < |beta|
    X = ztransform(Rational(1, 2)**n * unit_step(n) - 3**n * unit_step(-n - 1), n, z)
    assert cancel(X.transform - (z / (z - Rational(1, 2)) + z / (z - 3))) == 0
    assert X.inner == Rational(1, 2) and X.outer == 3


def test_no_roc_is_an_error():
    with pytest.raises(InputError) as err:
        ztransform(3**n * unit_step(n) + 2**n * unit_step(-n - 1), n, z)
    assert str(err.value) == ("z-transform: 2**n*UnitStep(-n - 1) + 3**n*UnitStep(n) has no "
                              "region of convergence: it needs 3 < |z| < 2")
    with pytest.raises(InputError) as err:
        ztransform(2**n, n, z)
    assert str(err.value) == "z-transform: 2**n is two-sided: its z-transform converges for no z"


@pytest.mark.parametrize("x, h", [
    (a**n * unit_step(n), b**n * unit_step(n)),
    (a**n * unit_step(n), a**n * unit_step(n)),
    (unit_step(n), unit_step(n)),
    (Rational(4, 5)**n * unit_step(n), rect(n, 4)),
    (Rational(1, 2)**n * unit_step(n), 2**n * unit_step(-n - 1)),
    (delta(n - 2), a**n * unit_step(n)),
])
def test_convolution_theorem(x, h):
    X, H, Y = convolution_theorem(x, h, n, z)
    assert transforms_equal(Y.transform, X.transform * H.transform)


# --------------------------------------------------------------------------- ROC against the definition
def _series_term(x, i, point):
    """``x[i] z**(-i)`` at ``z = point``, by substituting into the sequence; None if undefined."""
    value = x.subs(n, i)
    if value == 0:
        return 0
    if point == 0 and i > 0:
        return None
    return value * point**(-i)


def _tail_ratio(x, point, side):
    """The ratio of consecutive terms far out on one side (n = 30..33 or -30..-33), checked to be
    constant (a geometric tail), or 0 when the tail is zero there."""
    terms = [_series_term(x, side * i, point) for i in range(30, 34)]
    if all(t == 0 for t in terms):
        return 0
    ratios = {nsimplify(simplify(b / a)) for a, b in zip(terms, terms[1:])}
    assert len(ratios) == 1, f"tail of {x} is not geometric: {ratios}"
    return ratios.pop()


def _converges(x, point):
    """Whether sum_n x[n] point**(-n) converges, from the definition: every term defined and both
    tails geometric with ratio of modulus < 1 (a ratio of modulus >= 1 leaves terms that do not
    tend to 0, so the series diverges)."""
    if any(_series_term(x, i, point) is None for i in range(-34, 35)):
        return False
    return all(Abs(_tail_ratio(x, point, side)) < 1 for side in (1, -1))


_POINTS = [0, Rational(1, 4), Rational(1, 2), 1, I, Rational(3, 2), 2, -2, Rational(5, 2) * I, 3, 4, 10]


@pytest.mark.parametrize("x, roc", [
    (unit_step(n) - unit_step(n - 4), Abs(z) > 0),                        # finite, n >= 0: z != 0
    (unit_step(-n - 1) - unit_step(-n - 4), true),                        # finite, n <= 0: all z
    (delta(n + 1) + delta(n - 1), Abs(z) > 0),                           # finite, both sides
    (delta(n), true),
    (rect(n, 1), true),
    (Rational(1, 2)**n * unit_step(n), Abs(z) > Rational(1, 2)),          # right-sided
    (2**n * unit_step(n) - 2**n * unit_step(n - 3) + Rational(1, 2)**n * unit_step(n),
     Abs(z) > Rational(1, 2)),                                             # the 2**n tail cancels
    (-3**n * unit_step(-n - 1), Abs(z) < 3),                              # left-sided
    (2**n - 2**n * unit_step(n), Abs(z) < 2),                             # two-sided term, cut
    (Rational(1, 2)**n * unit_step(n) - 3**n * unit_step(-n - 1),
     (Abs(z) > Rational(1, 2)) & (Abs(z) < 3)),                            # two-sided ring
    (n * unit_step(n) - (n - 4) * unit_step(n - 4) - 4 * unit_step(n - 4), Abs(z) > 0),
])
def test_issue_15_roc_against_the_definition(x, roc):
    X = ztransform(x, n, z)
    assert X.roc == roc
    for point in _POINTS:
        assert bool(X.roc.subs(z, point)) == _converges(x, point), point


def test_issue_15_finite_sequence_roc_examples():
    X = ztransform(unit_step(n) - unit_step(n - 4), n, z)
    assert (X.roc, X.zero, X.infinity) == (Abs(z) > 0, False, True)
    assert cancel(X.transform - sum(z**-i for i in range(4))) == 0
    X = ztransform(unit_step(-n - 1) - unit_step(-n - 4), n, z)
    assert (X.roc, X.zero, X.infinity) == (true, True, False)
    assert cancel(X.transform - (z + z**2 + z**3)) == 0
    N = Symbol("N", integer=True, positive=True)
    X = ztransform(rect(n, N), n, z)
    assert (X.roc, X.infinity) == (Abs(z) > 0, True)


def test_partial_sums_approach_the_closed_form_inside():
    x = Rational(1, 2)**n * unit_step(n) - 3**n * unit_step(-n - 1)
    X = ztransform(x, n, z)
    point = Rational(3, 2)
    partial = sum(x.subs(n, i) * point**-i for i in range(-40, 41))
    # the tails left out: sum_{n > 40} (1/3)^n and sum_{n < -40} -(1/2)^(-n)
    rest = Rational(1, 3)**41 / (1 - Rational(1, 3)) - Rational(1, 2)**41 / (1 - Rational(1, 2))
    assert X.transform.subs(z, point) == partial + rest


@pytest.mark.parametrize("x, h", [
    (unit_step(n) - unit_step(n - 4), Rational(1, 2)**n * unit_step(n)),
    (delta(n + 2) + delta(n + 1), unit_step(n) - unit_step(n - 2)),
    (Rational(1, 2)**n * unit_step(n), 2**n * unit_step(-n - 1)),
    (unit_step(n), unit_step(n) - unit_step(n - 1)),
])
def test_product_roc_contains_the_intersection(x, h):
    X, H, Y = convolution_theorem(x, h, n, z)
    both = X.roc & H.roc
    for point in _POINTS:
        if both.subs(z, point):
            assert Y.roc.subs(z, point), point
