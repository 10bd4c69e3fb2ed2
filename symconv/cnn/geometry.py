"""The hyper-parameters of a CNN layer, read and checked once: stride, padding, dilation, groups.

Every layer function turns its keyword arguments into a :class:`Geometry` here, so each rule
(and each error message) exists once. Values follow ``torch.nn.functional.conv{1,2,3}d``:

- ``stride``, ``dilation``: a positive int, or one per spatial axis;
- ``padding``: a non-negative int, one per spatial axis, ``"valid"`` (no padding), ``"same"``
  (output size = input size; stride 1 only, total ``d(k-1)``, the odd one extra at the end, as
  PyTorch pads), or per side: a ``(before, after)`` pair per spatial axis;
- ``padding_mode``: ``"zeros"``, ``"reflect"``, ``"replicate"`` or ``"circular"``
  (``torch.nn.Conv2d(padding_mode=...)``);
- ``groups``: a positive int dividing the input and the output channels;
- ``output_padding`` (transposed layers): smaller than the stride or the dilation on each axis.

Examples
--------
>>> g = read_geometry(2, kernel=(3, 3), stride=2, padding=((1, 0), 1))
>>> g.stride, g.pads, g.dilation
((2, 2), ((1, 0), (1, 1)), (1, 1))
>>> read_geometry(1, kernel=(4,), padding="same").pads
((1, 2),)
>>> read_geometry(1, kernel=(3,), stride=0)
Traceback (most recent call last):
...
symconv.errors.InputError: stride: 0 is not a positive integer
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

import numpy as np

from symconv.conventions import choice
from symconv.errors import InputError

__all__ = ["MAX_DIGITS", "Geometry", "PaddingMode", "integer", "outside", "per_axis", "read_geometry"]

#: digits of a size or hyper-parameter: sizes are computed arithmetically for any of these,
#: longer numbers are typos (and Python refuses to print ints above 4300 digits by default)
MAX_DIGITS = 1000


class PaddingMode(str, Enum):
    """How a layer fills the padding: PyTorch's ``padding_mode`` values."""

    ZEROS = "zeros"
    REFLECT = "reflect"
    REPLICATE = "replicate"
    CIRCULAR = "circular"


class _PaddingWord(str, Enum):
    SAME = "same"
    VALID = "valid"


@dataclass(frozen=True, slots=True)
class Geometry:
    """A layer's hyper-parameters, one entry per spatial axis.

    ``pads`` holds ``(before, after)`` per axis; ``output_padding`` is all zeros for an
    ordinary (not transposed) layer.
    """

    stride: tuple[int, ...]
    dilation: tuple[int, ...]
    pads: tuple[tuple[int, int], ...]
    groups: int = 1
    padding_mode: PaddingMode = PaddingMode.ZEROS
    output_padding: tuple[int, ...] = ()

    @property
    def ndim(self) -> int:
        """Number of spatial axes."""
        return len(self.stride)

    def effective_kernel(self, kernel: tuple[int, ...]) -> tuple[int, ...]:
        """Size of the dilated kernel ``d(k - 1) + 1`` per axis."""
        return tuple(d * (k - 1) + 1 for d, k in zip(self.dilation, kernel))


def integer(value: Any, name: str, *, minimum: int) -> int:
    """``value`` as an int at least ``minimum``, or an InputError naming ``name``.

    Examples
    --------
    >>> integer(-1, "padding", minimum=0)
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: padding: -1 is not a non-negative integer
    >>> integer(10**1000, "stride", minimum=1)
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: stride: an integer of more than 1000 digits is not a sane size; give at most 1000 digits
    """
    ok = not isinstance(value, (bool, np.bool_)) and (
        isinstance(value, (int, np.integer)) or getattr(value, "is_Integer", False) is True)
    if ok and abs(int(value)) >= 10 ** MAX_DIGITS:
        raise InputError(name, f"an integer of more than {MAX_DIGITS} digits is not a sane size; "
                               f"give at most {MAX_DIGITS} digits")
    if ok and int(value) >= minimum:
        return int(value)
    kind = {0: "non-negative integer", 1: "positive integer"}.get(minimum, f"integer >= {minimum}")
    raise InputError(name, f"{value!r} is not a {kind}")


def per_axis(value: Any, ndim: int, name: str, *, minimum: int) -> tuple[int, ...]:
    """An int or one int per spatial axis, as a tuple of ``ndim`` ints.

    Examples
    --------
    >>> per_axis(2, 3, "stride", minimum=1), per_axis((1, 2), 2, "stride", minimum=1)
    ((2, 2, 2), (1, 2))
    >>> per_axis((1, 2, 3), 2, "dilation", minimum=1)
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: dilation: 3 values given for 2 spatial axes
    """
    if isinstance(value, (tuple, list)):
        if len(value) != ndim:
            axes = "spatial axis" if ndim == 1 else "spatial axes"
            raise InputError(name, f"{_count(len(value))} given for {ndim} {axes}")
        return tuple(integer(item, name, minimum=minimum) for item in value)
    return (integer(value, name, minimum=minimum),) * ndim


def read_geometry(ndim: int, *, kernel: tuple[int, ...], stride: Any = 1, padding: Any = 0,
                  dilation: Any = 1, groups: Any = 1, padding_mode: Any = "zeros",
                  output_padding: Any = None) -> Geometry:
    """Check and normalise a layer's hyper-parameters (see the module docstring).

    ``output_padding`` is given only for transposed layers, whose padding must be integers.

    Raises
    ------
    InputError
        A value of the wrong kind or range, ``"same"`` with a stride above 1, or an output
        padding not smaller than the stride or the dilation.
    """
    strides = per_axis(stride, ndim, "stride", minimum=1)
    dilations = per_axis(dilation, ndim, "dilation", minimum=1)
    groups = integer(groups, "groups", minimum=1)
    mode = choice(padding_mode, PaddingMode, "padding_mode")
    transposed = output_padding is not None
    pads = _pads(padding, ndim, kernel, strides, dilations, transposed)
    extra: tuple[int, ...] = ()
    if transposed:
        extra = per_axis(output_padding, ndim, "output_padding", minimum=0)
        for op, s, d in zip(extra, strides, dilations):
            if op >= s and op >= d:
                raise InputError("output_padding", f"{op} must be smaller than stride {s} or dilation {d}")
    return Geometry(strides, dilations, pads, groups, mode, extra)


def _pads(padding: Any, ndim: int, kernel: tuple[int, ...], strides: tuple[int, ...],
          dilations: tuple[int, ...], transposed: bool) -> tuple[tuple[int, int], ...]:
    if isinstance(padding, str):
        if transposed:
            raise InputError("padding", f"{padding!r} is not accepted by a transposed layer; give integers")
        word = choice(padding, _PaddingWord, "padding")
        if word is _PaddingWord.VALID:
            return ((0, 0),) * ndim
        if any(s != 1 for s in strides):
            shown = strides[0] if len(set(strides)) == 1 else strides
            raise InputError("padding", f"'same' needs stride 1, got stride {shown} (PyTorch refuses it too)")
        totals = [d * (k - 1) for d, k in zip(dilations, kernel)]
        return tuple((t // 2, t - t // 2) for t in totals)
    if not isinstance(padding, (tuple, list)):
        p = integer(padding, "padding", minimum=0)
        return ((p, p),) * ndim
    if len(padding) != ndim:
        axes = "spatial axis" if ndim == 1 else "spatial axes"
        raise InputError("padding", f"{_count(len(padding))} given for {ndim} {axes}")
    pads = []
    for item in padding:
        if isinstance(item, (tuple, list)):
            if transposed:
                raise InputError("padding", f"{tuple(item)} is per-side padding, which a transposed layer "
                                            "does not accept; give one integer per axis")
            if len(item) != 2:
                raise InputError("padding", f"{tuple(item)} is not a (before, after) pair")
            pads.append((integer(item[0], "padding", minimum=0), integer(item[1], "padding", minimum=0)))
        else:
            p = integer(item, "padding", minimum=0)
            pads.append((p, p))
    return tuple(pads)


def _count(n: int) -> str:
    return "1 value" if n == 1 else f"{n} values"


def outside(where: str, index: tuple[int, ...], sizes: tuple[int, ...], what: str, ranges: str) -> InputError:
    """The error for an index that misses an array of ``sizes``, both written as a reader writes them.

    Examples
    --------
    >>> str(outside("at", (1, 1), (2,), "an output position", "outputs run over"))
    'at: 1, 1 is not an output position; outputs run over 0..1'
    """
    return InputError(where, f"{', '.join(map(str, index))} is not {what}; {ranges} "
                             f"{', '.join(f'0..{n - 1}' for n in sizes)}")
