"""Fingerprints of exact values: a polynomial evaluated at a random point, modulo a prime.

The checker compares many large symbolic values (a full convolution of two 300-sample symbolic
sequences has terms of 300 products). Evaluating a polynomial in real symbols with rational
(or Gaussian rational) coefficients at a point, modulo a prime, is a ring homomorphism: two
values with different fingerprints are different, exactly, with no SymPy arithmetic (a complex
symbol ``z`` gets a Gaussian integer, so ``z`` and ``conjugate(z)`` are independent variables). Equal
fingerprints say "probably equal" and the checker then confirms with an exact comparison, so
a fingerprint never decides that two values are equal, and never names a mistake on its own.

Values that are not such polynomials (``sqrt(2)``, ``sin(a)``, ``Abs(z)``, an unknown symbol) have no fingerprint (``None``) and are compared exactly.

Examples
--------
>>> from sympy import symbols, Rational, expand
>>> a, b = symbols("a b", real=True)
>>> f = Fingerprint([a, b])
>>> f(expand((a + b) ** 2)) == f(a**2 + 2*a*b + b**2)
True
>>> f(a * b) == f(a * b + Rational(1, 3))
False
>>> f(a ** Rational(1, 2)) is None
True
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Any

import sympy

from symconv.signal import Signal

__all__ = ["PRIME", "Fingerprint"]

PRIME = 2**64 - 59
"""The largest prime below 2**64; it is 1 modulo 4, so -1 has a square root (the image of I)."""


def _root_of_minus_one(p: int) -> int:
    for g in range(2, 100):
        r = pow(g, (p - 1) // 4, p)
        if r * r % p == p - 1:
            return r
    raise AssertionError("no square root of -1 found")  # pragma: no cover (p = 1 mod 4)


_I = _root_of_minus_one(PRIME)


class Fingerprint:
    """Evaluate plain polynomials at one random point (fixed seed) modulo :data:`PRIME`.

    Parameters
    ----------
    symbols : iterable of sympy.Symbol
        The symbols of the question: a real one gets an integer in ``[1, 2**20)``, another a
        Gaussian integer (its ``conjugate`` then has the conjugate value).
    seed : int, optional
        The seed of the point (fixed, so that verdicts are reproducible).
    """

    def __init__(self, symbols: Iterable[sympy.Symbol], *, seed: int = 6) -> None:
        rng = random.Random(seed)
        self._values: dict[Any, Any] = {}
        self._keys: dict[Any, int] = {}
        for s in sorted(set(symbols), key=str):
            u = rng.randrange(1, 2**20)
            if sympy.conjugate(s) == s:  # a real symbol: an integer
                self._values[s] = sympy.Integer(u)
                self._keys[s] = u
            else:  # a complex symbol: a Gaussian integer, so that conjugate(s) has its own value
                v = rng.randrange(1, 2**20)
                self._values[s] = sympy.Integer(u) + sympy.I * v
                self._keys[s] = (u + _I * v) % PRIME
                self._keys[sympy.conjugate(s)] = (u - _I * v) % PRIME
        self._cache: dict[Any, int | None] = {}

    @staticmethod
    def usable(symbols: Iterable[Any]) -> bool:
        """Whether every symbol is a ``Symbol`` that is real or has an unevaluated conjugate."""
        return all(isinstance(s, sympy.Symbol) and (sympy.conjugate(s) == s or
                                                    isinstance(sympy.conjugate(s), sympy.conjugate))
                   for s in symbols)

    def __call__(self, value: Any) -> int | None:
        """The fingerprint of ``value``, or None when it is not a plain polynomial."""
        if value is None:
            return None
        try:
            return self._cache[value]
        except (KeyError, TypeError):
            pass
        key = self._key(sympy.Integer(value) if isinstance(value, int) else value)
        try:
            self._cache[value] = key
        except TypeError:
            pass
        return key

    def keys(self, signal: Signal) -> list[int | None]:
        """The fingerprints of a signal's values, in ``to_numpy().ravel()`` order."""
        return [self(v) for v in signal.to_numpy().ravel()]

    def substitute(self, signal: Signal) -> Signal:
        """The signal with every symbol replaced by its integer at the point (exact values)."""
        values = signal.to_numpy()
        out = values.copy()
        for index, v in enumerate(values.ravel()):
            out.ravel()[index] = v.xreplace(self._values) if isinstance(v, sympy.Basic) else v
        return Signal(out.tolist(), start=signal.start)

    def _key(self, e: Any) -> int | None:
        if isinstance(e, sympy.Rational):
            q = int(e.q)
            return None if q % PRIME == 0 else int(e.p) * pow(q, -1, PRIME) % PRIME
        if isinstance(e, (sympy.Symbol, sympy.conjugate)):
            return self._keys.get(e)
        if e is sympy.I:
            return _I
        if isinstance(e, sympy.Add):
            total = 0
            for arg in e.args:
                k = self._key(arg)
                if k is None:
                    return None
                total += k
            return total % PRIME
        if isinstance(e, sympy.Mul):
            product = 1
            for arg in e.args:
                k = self._key(arg)
                if k is None:
                    return None
                product = product * k % PRIME
            return product
        if isinstance(e, sympy.Pow) and e.exp.is_Integer and e.exp > 0:
            k = self._key(e.base)
            return None if k is None else pow(k, int(e.exp), PRIME)
        return None
