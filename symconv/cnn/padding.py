"""Padding a layer's input, and the adjoint that folds a gradient back onto the input.

Each padding mode is an index map: padded position ``j`` (``-p_before <= j < i + p_after``)
reads input index

==========  ===================================================  ====================
mode        source of position j                                 PyTorch's limit
==========  ===================================================  ====================
zeros       j if 0 <= j < i, else the value 0                    none
reflect     -j if j < 0;  2(i - 1) - j if j >= i  (edge once)    p < i
replicate   0 if j < 0;  i - 1 if j >= i                         none
circular    j mod i                                              p <= i
==========  ===================================================  ====================

so padding is index selection and its adjoint (:func:`fold`, used by the input gradient) adds
every padded position's value back onto its source.

Examples
--------
>>> source_indices("reflect", 4, (2, 2)).tolist()
[2, 1, 0, 1, 2, 3, 2, 1]
>>> source_indices("circular", 3, (1, 1)).tolist()
[2, 0, 1, 2, 0]
>>> source_indices("reflect", 3, (3, 0))
Traceback (most recent call last):
...
symconv.errors.InputError: padding: reflect padding 3 must be smaller than input size 3 on spatial axis 0
"""

from __future__ import annotations

import numpy as np

from symconv.cnn.geometry import Geometry, PaddingMode
from symconv.errors import InputError
from symconv.samples import Samples

__all__ = ["fold", "pad", "source_indices"]


def source_indices(mode: str | PaddingMode, size: int, pads: tuple[int, int], axis: int = 0) -> np.ndarray:
    """The input index every padded position reads (-1 for a zero), per the module table."""
    mode = PaddingMode(mode)
    positions = np.arange(-pads[0], size + pads[1])
    if mode is PaddingMode.ZEROS:
        return np.where((positions >= 0) & (positions < size), positions, -1)
    if mode is PaddingMode.REFLECT:
        if max(pads) >= size:
            raise InputError("padding", f"reflect padding {max(pads)} must be smaller than input size "
                                        f"{size} on spatial axis {axis}")
        return np.where(positions < 0, -positions, np.where(positions >= size, 2 * (size - 1) - positions,
                                                            positions))
    if mode is PaddingMode.REPLICATE:
        return np.clip(positions, 0, size - 1)
    if max(pads) > size:
        raise InputError("padding", f"circular padding {max(pads)} must not exceed input size "
                                    f"{size} on spatial axis {axis}")
    return positions % size


def pad(samples: Samples, geometry: Geometry, *, lead: int) -> Samples:
    """Pad every axis after the first ``lead`` as ``geometry`` says (pads and padding mode)."""
    sizes = samples.shape[lead:]
    if all(p == (0, 0) for p in geometry.pads):
        return samples
    maps = [source_indices(geometry.padding_mode, n, p, axis) for axis, (n, p) in
            enumerate(zip(sizes, geometry.pads))]

    def fill(array: np.ndarray, zero: object) -> np.ndarray:
        # one zero appended at the end of each spatial axis is what index -1 reads
        widened = np.full(array.shape[:lead] + tuple(n + 1 for n in sizes), zero, dtype=object)
        widened[(slice(None),) * lead + tuple(slice(0, n) for n in sizes)] = array
        return widened[np.ix_(*(np.arange(n) for n in array.shape[:lead]), *maps)]

    return samples.map(fill)


def fold(padded: np.ndarray, geometry: Geometry, sizes: tuple[int, ...], *, lead: int) -> np.ndarray:
    """The adjoint of :func:`pad` on an object array: add each padded value onto its source."""
    maps = [source_indices(geometry.padding_mode, n, p, axis) for axis, (n, p) in
            enumerate(zip(sizes, geometry.pads))]
    out = np.zeros(padded.shape[:lead] + tuple(n + 1 for n in sizes), dtype=object)
    np.add.at(out, np.ix_(*(np.arange(n) for n in padded.shape[:lead]), *maps), padded)
    return out[(slice(None),) * lead + tuple(slice(0, n) for n in sizes)]
