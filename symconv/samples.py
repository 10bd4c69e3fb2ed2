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

from symconv.intarrays import INT64_MAX, max_abs

__all__ = ["ExprSamples", "RationalSamples", "Samples"]

ArrayMap = Callable[[np.ndarray, object], np.ndarray]
_UNKNOWN = object()  # words not looked at yet
_LAZY = object()  # an object array not built yet from the words


class RationalSamples:
    """Gaussian-rational values ``(real + i*imag) / denominator`` with integer arrays.

    ``real`` and ``imag`` are object arrays of Python ints (``imag`` is None for real data);
    ``denominator`` is a positive int. The fraction need not be in lowest terms.

    Samples may also be made :meth:`from_words`: int64 arrays that machine paths use as they
    are, so integer data can go in and out of a machine-word convolution without a Python int
    per value; the object arrays are then built the first time ``real`` or ``imag`` is read.
    Either way the values are immutable.
    """

    __slots__ = ("_real", "_imag", "_words", "_max_abs", "denominator")

    def __init__(self, real: np.ndarray, imag: np.ndarray | None, denominator: int) -> None:
        self._real = real
        self._imag = imag
        self._words: tuple[np.ndarray, np.ndarray | None] | None | object = _UNKNOWN
        self._max_abs: int | None = None
        self.denominator = denominator

    @classmethod
    def from_words(cls, real: np.ndarray, imag: np.ndarray | None, denominator: int) -> RationalSamples:
        """Samples over int64 arrays (none may hold -2**63, so that negation cannot wrap)."""
        samples = cls(_LAZY, None if imag is None else _LAZY, denominator)  # type: ignore[arg-type]
        samples._words = (real, imag)
        return samples

    @classmethod
    def from_integers(cls, array: np.ndarray) -> RationalSamples:
        """Samples of a NumPy integer (or bool) array: int64 words when they fit, else Python ints.

        Examples
        --------
        >>> RationalSamples.from_integers(np.array([1, -2])).words[0].dtype
        dtype('int64')
        >>> RationalSamples.from_integers(np.array([2**63], dtype=np.uint64)).words is None
        True
        """
        largest = max_abs(array)
        if largest > INT64_MAX:  # a uint64 beyond int64, or -2**63
            samples = cls(array.astype(object), None, 1)
        else:
            samples = cls.from_words(np.array(array, dtype=np.int64), None, 1)
        samples._max_abs = largest
        return samples

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
    def real(self) -> np.ndarray:
        """Real numerators: an object array of Python ints."""
        if self._real is _LAZY:
            self._real = self._words[0].astype(object)
        return self._real

    @property
    def imag(self) -> np.ndarray | None:
        """Imaginary numerators (object array of Python ints), or None for real data."""
        if self._imag is _LAZY:
            self._imag = self._words[1].astype(object)
        return self._imag

    @property
    def words(self) -> tuple[np.ndarray, np.ndarray | None] | None:
        """int64 copies of (real, imag) when every numerator fits (and none is -2**63), else None."""
        if self._words is _UNKNOWN:
            parts = (_int64(self._real), None if self._imag is None else _int64(self._imag))
            fits = parts[0] is not None and (self._imag is None or parts[1] is not None)
            self._words = parts if fits else None
        return self._words

    @property
    def shape(self) -> tuple[int, ...]:
        return (self._words[0] if self._real is _LAZY else self._real).shape

    @property
    def is_complex(self) -> bool:
        return self._imag is not None

    @property
    def kind(self) -> str:
        """``"integer"``, ``"rational"`` or ``"gaussian"``: what the values are."""
        if self.is_complex:
            return "gaussian"
        return "integer" if self.denominator == 1 else "rational"

    def map(self, function: ArrayMap) -> RationalSamples:
        """Apply an array operation ``function(array, zero)`` to every integer array."""
        if self._real is _LAZY:
            real, imag = (None if a is None else function(a, 0) for a in self._words)
            if real.dtype == np.int64 and (imag is None or imag.dtype == np.int64):
                return RationalSamples.from_words(real, imag, self.denominator)
        imag = None if self.imag is None else function(self.imag, 0)
        return RationalSamples(function(self.real, 0), imag, self.denominator)

    def conj(self) -> RationalSamples:
        if not self.is_complex:
            return self
        if self._real is _LAZY:
            return RationalSamples.from_words(self._words[0], -self._words[1], self.denominator)
        return RationalSamples(self.real, -self.imag, self.denominator)

    def max_abs(self) -> int:
        """The largest absolute numerator (real or imaginary): the size fast paths bound.

        Computed once (the values are immutable).
        """
        if self._max_abs is None:
            parts = self.words or (self.real, self.imag)
            self._max_abs = max(max_abs(part) for part in parts if part is not None)
        return self._max_abs

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

_INT64_MIN = -(2**63)


def _int64(array: np.ndarray) -> np.ndarray | None:
    """``array`` as int64 when every value fits and none is -2**63, else None."""
    if array.dtype != np.int64:
        try:
            array = array.astype(np.int64)
        except (OverflowError, TypeError):
            return None
    return None if array.size and int(array.min()) == _INT64_MIN else array


def _object_array(values: list, shape: tuple[int, ...]) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array.reshape(shape)

