"""z-transforms against O&S / Proakis tables, derived by hand, and the convolution theorem."""

import pytest
from sympy import Abs, Rational, Symbol, cancel, symbols

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
