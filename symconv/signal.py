"""Signal: exact values plus the index of the first sample on every axis.

A finite sequence ``x[s], ..., x[s + L - 1]`` is zero elsewhere; ``s`` is its start. A
Signal is immutable; its operations (flip, shift, window) return new Signals, and its
values are SymPy numbers or expressions, built lazily from the exact samples underneath.

It behaves as a Python container of its support: ``len(x)`` is L (the samples along the first
axis, as for a NumPy array), ``iter(x)`` and ``list(x)`` give the values from ``x[s]`` to
``x[s + L - 1]``, and ``numpy.asarray(x)`` an object array of them (:meth:`Signal.to_numpy`,
always a new array). Indexing and slicing go **by index n**, not by position: ``x[n]`` is the
sample at index n (zero outside the support, negative n included), and ``x[a:b]`` the Signal of
indices ``a .. b - 1`` starting at ``a`` (zero-filled outside the support; an open end stops at
the support's end).

Examples
--------
>>> x = Signal([1, "1/2", 1, 1])
>>> x
Signal([1, 1/2, 1, 1], start=0)
>>> x[1], x[7], x.indices
(1/2, 0, range(0, 4))
>>> x.flip()
Signal([1, 1, 1/2, 1], start=-3)
>>> len(x), list(x), x[1:3], x[-1:2]
(4, [1, 1/2, 1, 1], Signal([1/2, 1], start=1), Signal([0, 1, 1/2], start=-1))
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
from sympy import ImmutableDenseNDimArray, Matrix, S, expand
from sympy.core.expr import Expr

from symconv.errors import InputError
from symconv.exact import to_exact_samples
from symconv.samples import RationalSamples, Samples

__all__ = ["Signal", "as_signal"]


class Signal:
    """Exact N-D samples with a start index per axis.

    Parameters
    ----------
    values : sequence-like, str, NumPy array, SymPy Matrix/Array, or Signal
        Numbers, numeric strings or SymPy expressions (see :func:`symconv.exact.to_exact`);
        text is read by :func:`symconv.parse.parse_signal`, marks and ``n=`` prefixes included.
    start : int or tuple of int, optional
        Index of the first sample, per axis (an int applies to every axis). Default 0, or what
        the text marks.

    Examples
    --------
    >>> s = Signal("1 2; 3 4", start=(-1, 0))
    >>> s.start, s.shape, s[-1, 1], s.values
    ((-1, 0), (2, 2), 2, [[1, 2], [3, 4]])
    """

    __slots__ = ("_samples", "_starts", "_objects", "method")

    def __init__(self, values: Any, start: int | tuple[int, ...] | None = None) -> None:
        samples, marked = _samples_of(values)
        if start is not None and marked is not None and isinstance(values, str):
            raise InputError("start", "the text marks its start already; give start= or the mark, not both")
        starts = marked if start is None else _starts_of(start, len(samples.shape))
        self._init(samples, starts or (0,) * len(samples.shape), None)

    def _init(self, samples: Samples, starts: tuple[int, ...], method: str | None) -> None:
        self._samples = samples
        self._starts = starts
        self._objects: np.ndarray | None = None
        self.method = method

    @classmethod
    def from_samples(cls, samples: Samples, starts: tuple[int, ...], method: str | None = None) -> Signal:
        """A Signal over already exact samples (used by the engine; no conversion)."""
        signal = cls.__new__(cls)
        signal._init(samples, tuple(map(int, starts)), method)
        return signal

    # ----------------------------------------------------------------- shape and indices
    @property
    def samples(self) -> Samples:
        """The exact storage (integers over one denominator, or SymPy objects)."""
        return self._samples

    @property
    def ndim(self) -> int:
        return len(self._starts)

    @property
    def shape(self) -> tuple[int, ...]:
        return self._samples.shape

    @property
    def starts(self) -> tuple[int, ...]:
        """The start of every axis, as a tuple (also in 1-D)."""
        return self._starts

    @property
    def start(self) -> int | tuple[int, ...]:
        """Index of the first sample: an int in 1-D, a tuple per axis in N-D."""
        return self._starts[0] if self.ndim == 1 else self._starts

    @property
    def stop(self) -> int | tuple[int, ...]:
        """One past the last index (as in ``range``): an int in 1-D, a tuple in N-D."""
        stops = tuple(s + n for s, n in zip(self._starts, self.shape))
        return stops[0] if self.ndim == 1 else stops

    @property
    def end(self) -> int | tuple[int, ...]:
        """The last index: an int in 1-D, a tuple in N-D."""
        ends = tuple(s + n - 1 for s, n in zip(self._starts, self.shape))
        return ends[0] if self.ndim == 1 else ends

    @property
    def indices(self) -> range | tuple[range, ...]:
        """The index range: a ``range`` in 1-D, one per axis in N-D."""
        ranges = tuple(range(s, s + n) for s, n in zip(self._starts, self.shape))
        return ranges[0] if self.ndim == 1 else ranges

    # ----------------------------------------------------------------- values
    def _array(self) -> np.ndarray:
        """The SymPy values as an object array, built once and shared: never handed out."""
        if self._objects is None:
            self._objects = self._samples.to_objects()
        return self._objects

    def to_numpy(self, dtype: Any = None) -> np.ndarray:
        """The values as a new NumPy array: writing into it leaves the Signal as it was.

        Parameters
        ----------
        dtype : NumPy dtype, optional
            None or ``object`` (default): the exact SymPy values. An integer dtype takes integer
            values only; a float dtype real numbers, a complex dtype any numbers, each rounded to
            the nearest value of the dtype (this leaves exact arithmetic: it is for export).

        Raises
        ------
        InputError
            ``dtype`` is not an object, integer, float or complex dtype, or a value does not
            fit it (a fraction for an integer dtype, a symbol for a float dtype, a value
            beyond its range).

        Examples
        --------
        >>> x = Signal([1, "1/2", "1/4"])
        >>> x.to_numpy()
        array([1, 1/2, 1/4], dtype=object)
        >>> x.to_numpy(dtype=float)
        array([1.  , 0.5 , 0.25])
        >>> Signal([3, -2]).to_numpy(dtype="int64")
        array([ 3, -2])
        """
        objects = self._array()
        try:
            target = np.dtype(object if dtype is None else dtype)
        except TypeError:
            raise InputError("dtype", f"{dtype!r} is not a NumPy dtype") from None
        if target.kind == "O":
            return objects.copy()
        if target.kind not in "iufc":
            raise InputError("dtype", f"{target} is not supported; give object (the exact values) or "
                                      "an integer, float or complex dtype")
        need = {"i": "an integer", "u": "an integer", "f": "a real number", "c": "a number"}[target.kind]
        out = np.empty(self.shape, dtype=target)
        for position, value in np.ndenumerate(objects):
            fits = value.is_Integer if target.kind in "iu" else (
                value.is_number and (target.kind == "c" or value.is_extended_real))
            try:
                if not fits:
                    raise TypeError
                out[position] = (int(value) if target.kind in "iu" else _nearest_float(value)
                                 if target.kind == "f" else complex(*map(_nearest_float, value.as_real_imag())))
            except (TypeError, OverflowError, ValueError):
                problem = f"is not {need}, which dtype {target} needs" if not fits else f"does not fit {target}"
                raise InputError("to_numpy", f"{value} at {self._index_text(position)} {problem}; "
                                             "dtype=object keeps the exact values") from None
        return out

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
        """NumPy's array protocol (``numpy.asarray(signal)``): :meth:`to_numpy`, a new array."""
        if copy is False:
            raise InputError("copy", "a Signal's array is always a new one (its values are immutable); "
                                     "use copy=None or copy=True")
        return self.to_numpy(dtype)

    def _index_text(self, position: tuple[int, ...]) -> str:
        index = tuple(p + s for p, s in zip(position, self._starts))
        return f"n = {index[0]}" if self.ndim == 1 else f"n = ({', '.join(map(str, index))})"

    @property
    def values(self) -> list:
        """The values as nested Python lists of SymPy values."""
        return self._array().tolist()

    def to_matrix(self) -> Matrix:
        """A SymPy Matrix: a row in 1-D, the matrix in 2-D."""
        if self.ndim > 2:
            raise InputError("to_matrix", f"a {self.ndim}-D signal is not a matrix; use to_array()")
        return Matrix([self.values] if self.ndim == 1 else self.values)

    def to_array(self) -> ImmutableDenseNDimArray:
        """A SymPy N-D Array of the values."""
        return ImmutableDenseNDimArray(self.values, self.shape)

    def __len__(self) -> int:
        """The number of samples along the first axis (L in 1-D), as ``len`` of a NumPy array."""
        return self.shape[0]

    def __iter__(self) -> Iterator[Any]:
        """The support, in order: the values ``x[s] .. x[s + L - 1]`` in 1-D; in N-D the
        (N-1)-D Signals along the first axis (as iterating a NumPy array gives its rows).

        Examples
        --------
        >>> list(Signal([[1, 2], [3, 4]], start=(-1, 5)))
        [Signal([1, 2], start=5), Signal([3, 4], start=5)]
        """
        if self.ndim == 1:
            return iter(self._array().tolist())
        rest = (slice(None),) * (self.ndim - 1)
        return (self[(n, *rest)] for n in range(self._starts[0], self._starts[0] + self.shape[0]))

    def __getitem__(self, index: Any) -> Any:
        """``x[n]``: the value at index n (zero outside the support); ``x[a:b]``: the Signal of
        indices a .. b - 1 (an open end stops at the support's end); per axis in N-D, where an
        integer drops its axis and a slice keeps it.

        Examples
        --------
        >>> s = Signal([[1, 2], [3, 4]], start=(-1, 0))
        >>> s[-1, 1], s[0, :], s[:, 1:3]
        (2, Signal([3, 4], start=0), Signal([[2, 0], [4, 0]], start=(-1, 1)))
        """
        items = index if isinstance(index, tuple) else (index,)
        if len(items) != self.ndim:
            raise InputError("index", f"{len(items)} indices given for a {self.ndim}-D signal")
        if not any(isinstance(item, slice) for item in items):
            position = tuple(_integer(i) - s for i, s in zip(items, self._starts))
            if any(p < 0 or p >= n for p, n in zip(position, self.shape)):
                return S.Zero
            return self._array()[position]
        starts, shape = [], []
        for item, start, length in zip(items, self._starts, self.shape):
            if not isinstance(item, slice):
                starts.append(_integer(item))
                shape.append(1)
                continue
            low = start if item.start is None else _integer(item.start)
            high = start + length if item.stop is None else _integer(item.stop)
            if item.step is not None and _integer(item.step) != 1:
                raise InputError("index", f"slice step {item.step} is not supported; a slice takes "
                                          "consecutive indices (step 1)")
            if high <= low:
                raise InputError("index", f"slice {low}:{high} holds no index; a Signal has at least "
                                          "one sample")
            starts.append(low)
            shape.append(high - low)
        kept = self.window(tuple(starts), tuple(shape))
        keep = tuple(slice(None) if isinstance(item, slice) else 0 for item in items)
        return self._with(kept._samples.map(lambda array, zero: array[keep]),
                          tuple(s for s, item in zip(starts, items) if isinstance(item, slice)))

    # ----------------------------------------------------------------- operations
    def _with(self, samples: Samples, starts: tuple[int, ...]) -> Signal:
        return Signal.from_samples(samples, starts)

    def reverse(self, axes: tuple[int, ...] | None = None) -> Signal:
        """Time reversal ``x[-m]`` on every axis, or only on ``axes`` (no conjugation).

        Examples
        --------
        >>> Signal([1, 2, 3], start=-1).reverse()
        Signal([3, 2, 1], start=-1)
        >>> Signal([[1, 2], [3, 4]], start=(0, 1)).reverse(axes=(1,))
        Signal([[2, 1], [4, 3]], start=(0, -2))
        """
        axes = tuple(range(self.ndim)) if axes is None else tuple(axes)
        steps = tuple(slice(None, None, -1) if a in axes else slice(None) for a in range(self.ndim))
        flipped = self._samples.map(lambda array, zero: array[steps])
        ends = self.end if self.ndim > 1 else (self.end,)
        return self._with(flipped, tuple(-e if a in axes else s
                                         for a, (s, e) in enumerate(zip(self._starts, ends))))

    def conj(self) -> Signal:
        """Complex conjugate of every value (symbols are real by default)."""
        return self._with(self._samples.conj(), self._starts)

    def flip(self) -> Signal:
        """``h♭[m] = conj(h[-m])`` on every axis: a signal from s to e becomes one from -e to -s.

        Examples
        --------
        >>> Signal(["1+2i", 3]).flip()
        Signal([3, 1 - 2*I], start=-1)
        """
        return self.reverse().conj()

    def shift(self, k: int | tuple[int, ...]) -> Signal:
        """Delay by ``k`` (per axis): ``y[n] = x[n - k]``, so the start grows by k."""
        offsets = _starts_of(k, self.ndim)
        return self._with(self._samples, tuple(s + o for s, o in zip(self._starts, offsets)))

    def window(self, starts: int | tuple[int, ...], shape: int | tuple[int, ...]) -> Signal:
        """The samples at indices ``starts .. starts + shape - 1`` (zero outside the support).

        Examples
        --------
        >>> Signal([1, 2, 3]).window(-1, 5)
        Signal([0, 1, 2, 3, 0], start=-1)
        """
        starts = _starts_of(starts, self.ndim)
        shape = _starts_of(shape, self.ndim)
        own = self._starts

        def cut(array: np.ndarray, zero: object) -> np.ndarray:
            out = np.full(shape, zero, dtype=object)
            target, source = [], []
            for s, n, o, length in zip(starts, shape, own, array.shape):
                low, high = max(s, o), min(s + n, o + length)
                if high <= low:
                    return out
                target.append(slice(low - s, high - s))
                source.append(slice(low - o, high - o))
            out[tuple(target)] = array[tuple(source)]
            return out

        return self._with(self._samples.map(cut), starts)

    def trim(self) -> Signal:
        """Drop leading and trailing zeros on every axis (an all-zero signal keeps one sample)."""
        nonzero = np.argwhere(self._array() != 0)
        if len(nonzero) == 0:
            return self.window(self._starts, (1,) * self.ndim)
        low, high = nonzero.min(axis=0), nonzero.max(axis=0)
        return self.window(tuple(s + int(l) for s, l in zip(self._starts, low)),
                           tuple(int(h - l + 1) for l, h in zip(low, high)))

    # ----------------------------------------------------------------- comparison and display
    def __eq__(self, other: object) -> bool:
        """Equal when starts, shapes and every value agree exactly."""
        if not isinstance(other, Signal):
            return NotImplemented
        if self._starts != other._starts or self.shape != other.shape:
            return False
        a, b = self._samples, other._samples
        if isinstance(a, RationalSamples) and isinstance(b, RationalSamples):
            parts = [(a.real, b.real)] + ([] if a.imag is None and b.imag is None else
                                          [(_zeros_if_none(a.imag, a.real), _zeros_if_none(b.imag, b.real))])
            return all(np.array_equal(p * b.denominator, q * a.denominator) for p, q in parts)
        return all(expand(u - v) == 0 for u, v in zip(self._array().ravel(), other._array().ravel()))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        start = self.start
        return f"Signal({_format(self.values)}, start={start})"


def as_signal(value: Any, where: str) -> Signal:
    """The Signal for any accepted input, with ``where`` naming it in errors."""
    if isinstance(value, Signal):
        return value
    samples, marked = _samples_of(value, where)
    return Signal.from_samples(samples, marked or (0,) * len(samples.shape))


def _samples_of(values: Any, where: str = "data") -> tuple[Samples, tuple[int, ...] | None]:
    if isinstance(values, Signal):
        return values.samples, values.starts
    if isinstance(values, str):
        from symconv.parse import parse_signal

        return parse_signal(values, where)
    return to_exact_samples(values, where), None


def _starts_of(start: Any, ndim: int) -> tuple[int, ...]:
    items = tuple(start) if isinstance(start, (tuple, list)) else (start,) * ndim
    if len(items) != ndim:
        raise InputError("start", f"{len(items)} starts given for {ndim}-D data")
    for item in items:
        if isinstance(item, bool) or not isinstance(item, (int, np.integer)) and not (
                getattr(item, "is_Integer", False)):
            raise InputError("start", f"{item!r} is not an integer")
    return tuple(int(item) for item in items)


def _nearest_float(value: Expr) -> float:
    """The float nearest a real number: rationals are divided as Python ints (correctly rounded)."""
    return value.p / value.q if value.is_Rational else float(value)


def _integer(item: Any) -> int:
    """An index or slice bound as an int (Python, NumPy or SymPy integers)."""
    if isinstance(item, (int, np.integer)) and not isinstance(item, bool) or getattr(item, "is_Integer", False):
        return int(item)
    raise InputError("index", f"{item!r} is not an integer or a slice of integers")


def _zeros_if_none(array: np.ndarray | None, like: np.ndarray) -> np.ndarray:
    return np.zeros(like.shape, dtype=object) if array is None else array


def _format(values: list) -> str:
    if isinstance(values, list):
        return "[" + ", ".join(_format(v) for v in values) + "]"
    return str(values)

