"""Checking symbolic data of realistic size: fingerprints, the exact fast path of compare.equal, the bound.

Before fingerprints, checking a wrong claim of two 60-sample symbolic sequences took two minutes
(simplify() on every comparison of a term with a product, and every alternative convolved
symbolically); the tests below check sizes like that and must stay quick.
"""

from __future__ import annotations

import random

import sympy
from sympy import I, Rational, conjugate, cos, expand, sin, sqrt, symbols

from symconv import check, convolve, correlate
from symconv.check import hypotheses
from symconv.check.compare import _plain_polynomial
from symconv.check.compare import equal as _equal
from symconv.check.fingerprint import PRIME, Fingerprint


def _symbolic(name: str, n: int, **assumptions) -> list[sympy.Symbol]:
    return [sympy.Symbol(f"{name}{k}", **assumptions) for k in range(n)]


# --------------------------------------------------------------------------- fingerprints
def test_fingerprints_agree_with_exact_equality_on_random_polynomials():
    a, b, c = symbols("a b c", real=True)
    f = Fingerprint([a, b, c])
    rng = random.Random(1)
    atoms = [a, b, c, Rational(1, 3), I, 2]
    for _ in range(200):
        p = sum(rng.choice(atoms) * rng.choice(atoms) ** rng.randint(1, 3) for _ in range(4))
        q = p + rng.choice([0, 0, a * b, Rational(1, 7), I * c])
        assert (f(expand(p)) == f(expand(q))) == (expand(p - q) == 0)


def test_a_complex_symbol_and_its_conjugate_are_independent():
    z = sympy.Symbol("z")
    f = Fingerprint([z])
    assert f(z) != f(conjugate(z))
    assert f(z * conjugate(z)) == f(conjugate(z) * z)
    # substitution keeps the conjugate: a correlation computed on the point matches the keys
    x = Fingerprint([z]).substitute(correlate([z, 1], [z]))
    assert [f(v) for v in x.values] == [f(v) for v in correlate([z, 1], [z]).values]


def test_values_that_are_not_plain_polynomials_have_no_fingerprint():
    a = sympy.Symbol("a", real=True)
    f = Fingerprint([a])
    assert f(sqrt(2) * a) is None and f(sin(a)) is None and f(a ** -1) is None
    assert f(sympy.Symbol("unknown", real=True)) is None
    assert f(Rational(1, PRIME)) is None  # a denominator the prime divides
    assert not Fingerprint.usable([sympy.Symbol("y", imaginary=True)])


def test_equal_decides_expanded_polynomials_without_simplify(monkeypatch):
    a, b = symbols("a b", real=True)
    assert _plain_polynomial(expand((a + I * b) ** 3)) and not _plain_polynomial(sqrt(a))

    def refuse(*args, **kwargs):
        raise AssertionError("simplify() called for a polynomial")

    monkeypatch.setattr(sympy, "simplify", refuse)
    assert _equal(expand((a + b) ** 2), a**2 + 2 * a * b + b**2)
    assert not _equal(a * b, a * b + 1)
    assert _equal(a * conjugate(sympy.Symbol("z")), conjugate(sympy.Symbol("z")) * a)
    monkeypatch.undo()
    assert _equal(sin(a) ** 2 + cos(a) ** 2, 1)  # not a polynomial: still simplified


# --------------------------------------------------------------------------- sizes
def test_a_60_sample_symbolic_check_names_the_product_left_out():
    """Took about two minutes before; a few tenths of a second now."""
    x, h = _symbolic("a", 60), _symbolic("b", 60)
    claim = list(convolve(x, h).values)
    claim[40] -= x[7] * h[33]
    v = check(claim, x, h, names="abc")
    assert v.kinds == ("single_wrong_term", "term_left_out")
    assert v.mistakes[1].evidence["product"] == "a[7]b[33]"
    assert [t.index for t in v.wrong_terms] == [40]


def test_a_symbolic_correlation_given_for_a_convolution_is_unflipped():
    x, h = _symbolic("a", 60, real=True), _symbolic("b", 60, real=True)
    v = check(correlate(x, h), x, h)
    assert v.kinds == ("unflipped_kernel",)
    assert v.mistakes[0].evidence["start"] == -59


def test_text_symbols_with_a_wrong_mode():
    x = " ".join(f"a{k}" for k in range(40))
    h = " ".join(f"b{k}" for k in range(40))
    valid = convolve(x, h, mode="valid")
    assert check(valid, x, h).kinds == ("wrong_mode",)


def test_many_wrong_symbolic_terms_are_searched_up_to_the_bound(monkeypatch):
    monkeypatch.setattr(hypotheses, "MAX_TERM_PRODUCTS", 200)
    x, h = _symbolic("a", 30), _symbolic("b", 30)  # a term: its 30 products and 870 of others
    claim = [v + 1 for v in convolve(x, h).values]
    v = check(claim, x, h)  # 59 wrong terms: one cause each would be coincidences, none searched
    assert not v.ok and len(v.wrong_terms) == 59 and v.kinds == ("unexplained",)
    assert not any("searched" in note for note in v.notes)
    claim = list(convolve(x, h).values)
    claim[3] += 1
    claim[40] += 1
    v = check(claim, x, h)  # two wrong terms: the second is past the bound
    assert v.notes[-1] == ("1 of the 2 wrong terms were not searched for a single cause (a product left "
                           "out or extra, a sign): for symbolic data at most 200 products are compared")


def test_numeric_data_is_not_bounded(monkeypatch):
    monkeypatch.setattr(hypotheses, "MAX_TERM_PRODUCTS", 1)
    v = check([1, 2, 2], [1, 1], [1, 1])  # right: 1 2 1; one wrong term
    assert v.kinds == ("single_wrong_term", "extra_term") and not any("searched" in n for n in v.notes)
    v = check([2, 3, 2], [1, 1], [1, 1])
    assert "searched" not in " ".join(v.notes)
