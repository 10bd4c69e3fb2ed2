"""Convolution and Correlation as SymPy objects: rules, printing, rewrite, subs, doit."""

import numpy as np
import pytest
from sympy import (N, Float, Function, Heaviside, IndexedBase, Lambda, Piecewise, Rational, Sum, Symbol,
                   ccode, cxxcode, fcode, init_printing, jscode, julia_code, lambdify, latex, octave_code,
                   pretty, pycode, rust_code, simplify, srepr, symbols)

from symconv import convolve, correlate
from symconv.errors import InputError
from symconv.sequences import FiniteSequence, UnitStep, delta, rect, unit_step
from symconv.signal import Signal
from symconv.symbolic import Convolution, Correlation

n = Symbol("n", integer=True)
x, h = IndexedBase("x"), IndexedBase("h")
a, b = symbols("a b")


def test_follows_sympy_rules():
    for obj in (Convolution(x, h, n), Correlation(x, h, n, "wikipedia"),
                Convolution(a**n * unit_step(n), [1, 2], n)):
        assert obj.func(*obj.args) == obj
        assert hash(obj) == hash(obj.func(*obj.args))
        assert all(hasattr(arg, "free_symbols") for arg in obj.args)
    assert Convolution(a**n * unit_step(n), b**n, n) == Convolution(a**n * unit_step(n), b**n, n)
    assert Convolution(x, h, n) != Convolution(h, x, n)


def test_latex_and_pretty():
    assert latex(Convolution(x, h, n)) == "(x * h)[n]"
    assert latex(Correlation(x, h, n)) == r"(x \star h)[n]"
    assert latex(Convolution(Function("f"), h, n - 1)) == "(f * h)[n - 1]"
    assert latex(Convolution(a**n * unit_step(n), unit_step(n), n)) == \
        r"(\left(a^{n} u[n]\right) * u[n])[n]"
    assert pretty(Correlation(x, h, n), use_unicode=True) == "(x ⋆ h)[n]"
    assert pretty(Convolution(x, h, n), use_unicode=False) == "(x * h)[n]"
    assert str(Convolution(x, h, n)) == "Convolution(x, h, n)"
    assert Convolution(x, h, n)._repr_latex_() == r"$\displaystyle (x * h)[n]$"


def test_init_printing_does_not_break():
    init_printing(use_unicode=True, pretty_print=True)
    try:
        assert "(x * h)[n]" in pretty(Convolution(x, h, n))
    finally:
        init_printing(pretty_print=False)


def test_rewrite_sum_is_the_definition():
    c = Convolution(x, h, n).rewrite(Sum)
    m = c.variables[0]
    assert c.function == x[m] * h[n - m] and c.limits[0][1:] == (-float("inf"), float("inf"))
    r = Correlation(x, h, n).rewrite(Sum)
    m = r.variables[0]
    assert r.function == x[n + m] * h[m].conjugate()
    w = Correlation(x, h, n, "wikipedia").rewrite(Sum)
    m = w.variables[0]
    assert w.function == x[m].conjugate() * h[m + n]


def test_reference_example_term_and_piecewise():
    c = Convolution([1, "1/2", 1, 1], [1, "1/2", "1/4"], n)
    assert c.subs(n, 3).doit() == Rational(13, 8)
    full = c.doit()
    assert [full.subs(n, k) for k in range(-1, 7)] == [0, 1, 1, Rational(3, 2), Rational(13, 8),
                                                      Rational(3, 4), Rational(1, 4), 0]
    # the same sample through the defining sum, evaluated by SymPy
    assert c.rewrite(Sum).subs(n, 3).doit() == Rational(13, 8)


def test_finite_doit_matches_numpy():
    rng = np.random.default_rng(5)
    for _ in range(5):
        xs, hs = rng.integers(-4, 5, 5).tolist(), rng.integers(-4, 5, 3).tolist()
        c = Convolution(Signal(xs, start=-2), hs, n).doit()
        expected = np.convolve(xs, hs)
        assert [c.subs(n, k) for k in range(-2, 5)] == expected.tolist()
        r = Correlation(xs, hs, n).doit()
        got = correlate(xs, hs)
        assert [r.subs(n, k) for k in got.indices] == np.correlate(xs, hs, "full").tolist()


def test_one_finite_operand():
    assert Convolution([1, 2], x, n).doit() == x[n] + 2 * x[n - 1]
    assert Convolution(Function("f"), FiniteSequence([1, 1], start=-1), n).doit() == \
        Function("f")(n + 1) + Function("f")(n)
    assert Correlation(x, [1, 2], n).doit() == x[n] + 2 * x[n + 1]
    assert Convolution(Rational(1, 2)**n * unit_step(n), [1, -Rational(1, 2)], n).doit().subs(n, 4) == 0


def test_closed_forms_through_doit_and_subs():
    c = Convolution(unit_step(n), unit_step(n), n)
    assert c.doit() == (n + 1) * unit_step(n)
    assert c.subs(n, 4).doit() == 5
    y = Convolution(0.5**n * Heaviside(n, 1), unit_step(n), n).doit()
    assert y == (2 - 2 / 2**n) * unit_step(n) or simplify(y - (2 - Rational(1, 2)**n) * unit_step(n)) == 0
    r = Correlation(Rational(1, 2)**n * unit_step(n), Rational(1, 2)**n * unit_step(n), n).doit()
    assert r.subs(n, -2) == Rational(4, 3) / 4
    w = Correlation(Rational(1, 2)**n * unit_step(n), Rational(1, 3)**n * unit_step(n), n, "wikipedia")
    canonical = Correlation(Rational(1, 3)**n * unit_step(n), Rational(1, 2)**n * unit_step(n), n)
    assert w.doit() == canonical.doit()


def test_no_closed_form_gives_the_sum():
    from sympy import sin
    c = Convolution(sin(n) * unit_step(n), unit_step(n), n)
    assert isinstance(c.doit(), Sum)
    assert isinstance(Convolution(x, h, n).doit(), Sum)


def test_bad_input_messages():
    cases = [
        (lambda: Convolution(x, h, Symbol("t")),
         "index: t is not an integer symbol; declare it with Symbol('t', integer=True)"),
        (lambda: Convolution(a**Symbol("k"), h, n),
         "x: a**k is not a function of n; write the sequence in terms of the index n"),
        (lambda: Convolution(x, h, Rational(1, 2)), "index: 1/2 is not an integer"),
        (lambda: Correlation(x, h, n, "wiki"),
         "correlation order: 'wiki' is not one of: canonical, wikipedia; did you mean 'wikipedia'?"),
        (lambda: Convolution(a**n, h, 3),
         "x: a**n needs a symbolic index to be read as a sequence; give the index as an integer "
         "Symbol and substitute later"),
        (lambda: Convolution(2**n, 3**n, n).doit(),
         "convolution: the sum over m of 2**n times 3**n at n - m diverges for every n: both are two-sided"),
    ]
    for make, message in cases:
        with pytest.raises(InputError) as err:
            make()
        assert str(err.value) == message


def test_sequences():
    assert [unit_step(k) for k in (-1, 0, 1)] == [0, 1, 1]
    assert unit_step(n).rewrite(Heaviside) == Heaviside(n, 1)
    assert [rect(k, 2) for k in range(-1, 3)] == [0, 1, 1, 0]
    assert delta(0) == 1 and delta(n).subs(n, 2) == 0
    s = FiniteSequence(Signal([1, 2], start=-1))
    assert s.func(*s.args) == s and s[-1] == 1 and s.to_signal() == Signal([1, 2], start=-1)
    assert latex(s) == r"\left\{1, \underset{\uparrow}{2}\right\}"
    with pytest.raises(InputError) as err:
        FiniteSequence([[1, 2], [3, 4]])
    assert str(err.value) == ("sequence: a 2-D signal is not a sequence in n; use symconv.convolve "
                              "for N-D signals")


# ----------------------------------------------------------------------------- numerics (issue 14, item 6)
def fcode95(expr):
    return fcode(expr, standard=95)  # Fortran 77 has no inline conditional for a Piecewise


CODE_PRINTERS = [ccode, cxxcode, fcode95, jscode, julia_code, octave_code, pycode, rust_code]


def test_issue_14_lambdify_a_finite_convolution_ends_and_is_right():
    c = Convolution([1, "1/2", 1, 1], [1, "1/2", "1/4"], n)  # today lambdify hung on it
    expected = [0, 1, 1, 1.5, 1.625, 0.75, 0.25, 0]  # the reference example, n = -1..6
    assert list(lambdify(n, c, "numpy")(np.arange(-1, 7))) == expected
    assert [lambdify(n, c, "math")(k) for k in range(-1, 7)] == expected
    assert list(FiniteSequence([1, 2, 3])) == [1, 2, 3] and len(FiniteSequence([1, 2, 3])) == 3


@pytest.mark.parametrize("module", ["numpy", "math", "mpmath"])
def test_lambdify_unit_step_and_closed_forms(module):
    u = lambdify(n, unit_step(n - 1), module)
    assert [float(u(k)) for k in range(-2, 4)] == [0, 0, 0, 1, 1, 1]  # u[0] = 1, not Heaviside's 1/2
    c = Convolution(Rational(1, 2) ** n * unit_step(n), unit_step(n), n)
    f = lambdify(n, c, module)
    # by hand: sum_{m=0}^{n} 2^-m = 2 - 2^-n for n >= 0, else 0
    assert [float(f(k)) for k in range(-2, 5)] == [0, 0, 1, 1.5, 1.75, 1.875, 1.9375]


def test_lambdify_correlation_both_orders():
    r = Correlation([1, 2, 3], [0, 1, "1/2"], n)
    w = Correlation([1, 2, 3], [0, 1, "1/2"], n, order="wikipedia")
    lags = np.arange(-3, 4)
    assert list(lambdify(n, r, "numpy")(lags)) == [0, 0.5, 2, 3.5, 3, 0, 0]  # numpy.correlate, lags -2..2
    assert list(lambdify(n, w, "numpy")(lags)) == [0, 0, 3, 3.5, 2, 0.5, 0]


def test_evalf_and_N():
    c = Convolution([1, "1/2", 1, 1], [1, "1/2", "1/4"], n)
    assert N(c.subs(n, 3)) == Float(1.625) and c.subs(n, 3).evalf(30) == Float("1.625", 30)
    closed = Convolution(Rational(1, 3) ** n * unit_step(n), unit_step(n), n).subs(n, 2)
    assert N(closed, 20) == N(Rational(13, 9), 20)  # 1 + 1/3 + 1/9
    pieces = N(c)  # a symbolic index: the Piecewise with Float values
    assert isinstance(pieces, Piecewise) and pieces.subs(n, 2) == Float(1.5)
    assert N(Convolution(IndexedBase("x"), IndexedBase("h"), n)).has(Sum)


@pytest.mark.parametrize("printer", CODE_PRINTERS, ids=lambda p: p.__name__)
def test_code_printers_print_the_value(printer):
    step = Piecewise((1, n - 2 >= 0), (0, True))  # u[n - 2]; Heaviside(n - 2) would be 1/2 at n = 2
    assert printer(unit_step(n - 2)) == printer(step)
    c = Convolution([1, 2, 3], [1, 1], n)
    assert printer(c) == printer(c.doit())
    closed = Convolution(Rational(1, 2) ** n * unit_step(n), unit_step(n), n)
    value = closed.doit()
    assert printer(closed) == printer(value.xreplace({u: u.rewrite(Piecewise) for u in value.atoms(UnitStep)}))


def test_python_code_runs():
    c = Convolution([1, 2, 3], [1, 1], n)
    code = pycode(c)
    assert [eval(code, {"n": k}) for k in range(-1, 5)] == [0, 1, 3, 5, 3, 0]  # our own printed code
