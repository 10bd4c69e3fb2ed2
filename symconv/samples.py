"""How a signal's exact values are stored: the engine's common currency.

Two kinds, both N-D NumPy object arrays underneath:

- :class:`RationalSamples`: Gaussian rationals as integer numerators (``real``, and ``imag``
  or None) over one positive ``denominator``. Fast paths multiply these integers; SymPy
  objects are built only when :meth:`to_objects` is asked (lazily, by ``Signal.values``).
- :class:`ExprSamples`: any SymPy values (symbols, expressions, radicals).

Both offer the same array-shaped operations (``map``, ``conj``, ``to_objects``), so code above
them (flip, window, shift) is written once.

Examples
--------
>>> s = RationalSamples.from_fractions([(Fraction(1, 2), Fraction(0)), (Fraction(3), Fraction(0))], (2,))
>>> s.real.tolist(), s.denominator, s.to_objects().tolist()
([1, 6], 2, [1/2, 3])
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Union

import numpy as np
from sympy import I, Integer, Rational, S, conjugate

__all__ = ["ExprSamples", "RationalSamples", "Samples"]

ArrayMap = Callable[[np.ndarray, object], np.ndarray]


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class RationalSamples:
    """Gaussian-rational values ``(real + i*imag) / denominator`` with integer arrays.

    ``real`` and ``imag`` are object arrays of Python ints (``imag`` is None for real data);
    ``denominator`` is a positive int. The fraction need not be in lowest terms.
    """

    real: np.ndarray
    imag: np.ndarray | None
    denominator: int

    @classmethod
    def from_fractions(cls, pairs: list[tuple[Fraction, Fraction]], shape: tuple[int, ...]) -> RationalSamples:
        """Samples from (real, imaginary) fraction pairs, scaled to their common denominator."""
        denominator = math.lcm(*(p.denominator for pair in pairs for p in pair))
        real = _object_array([p[0].numerator * (denominator // p[0].denominator) for p in pairs], shape)
        if all(p[1] == 0 for p in pairs):
            return cls(real, None, denominator)
        imag = _object_array([p[1].numerator * (denominator // p[1].denominator) for p in pairs], shape)
        return cls(real, imag, denominator)

    def __repr__(self) -> str:
        return f"RationalSamples(shape={self.shape}, denominator={self.denominator})"

    @property
    def shape(self) -> tuple[int, ...]:
        return self.real.shape

    @property
    def kind(self) -> str:
        """``"integer"``, ``"rational"`` or ``"gaussian"``: what the values are."""
        if self.imag is not None:
            return "gaussian"
        return "integer" if self.denominator == 1 else "rational"

    def map(self, function: ArrayMap) -> RationalSamples:
        """Apply an array operation ``function(array, zero)`` to every integer array."""
        imag = None if self.imag is None else function(self.imag, 0)
        return RationalSamples(function(self.real, 0), imag, self.denominator)

    def conj(self) -> RationalSamples:
        if self.imag is None:
            return self
        return RationalSamples(self.real, -self.imag, self.denominator)

    def max_abs(self) -> int:
        """The largest absolute numerator (real or imaginary): the size fast paths bound."""
        parts = [self.real] if self.imag is None else [self.real, self.imag]
        return max(max(abs(int(v)) for v in part.ravel()) for part in parts)

    def to_objects(self) -> np.ndarray:
        """The values as an object array of SymPy numbers."""
        q = self.denominator
        if self.imag is None:
            convert = (lambda p: Integer(p)) if q == 1 else (lambda p: Rational(p, q))
            values = [convert(p) for p in self.real.ravel()]
        else:
            values = [Rational(p, q) + I * Rational(v, q) for p, v in zip(self.real.ravel(), self.imag.ravel())]
        return _object_array(values, self.shape)


@dataclass(frozen=True, slots=True, eq=False)
class ExprSamples:
    """Arbitrary exact SymPy values in an object array."""

    objects: np.ndarray

    @property
    def shape(self) -> tuple[int, ...]:
        return self.objects.shape

    kind = "symbolic"

    def map(self, function: ArrayMap) -> ExprSamples:
        return ExprSamples(function(self.objects, S.Zero))

    def conj(self) -> ExprSamples:
        flat = [conjugate(v) for v in self.objects.ravel()]
        return ExprSamples(_object_array(flat, self.shape))

    def to_objects(self) -> np.ndarray:
        return self.objects


Samples = Union[RationalSamples, ExprSamples]


def _object_array(values: list, shape: tuple[int, ...]) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array.reshape(shape)

