"""Exact tensors for the CNN layers: reading them, cutting them, spreading them with zeros.

A layer's input, weight, bias and gradient are exact :class:`~symconv.samples.Samples` (the
engine's currency), read by :func:`symconv.exact.to_exact_samples` (so ``0.1`` is 1/10);
PyTorch tensors are accepted and read the same way. The helpers here only move values
around by index (no arithmetic): cut a channel, insert zeros between samples (the dilation
of a kernel, the stride of a transposed layer), reverse the spatial axes.

Examples
--------
>>> t = read_tensor([[1, 2, 3]], "input")
>>> objects(spread(t, (2,), lead=1)).tolist()
[[1, 0, 2, 0, 3]]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from symconv.exact import to_exact_samples
from symconv.samples import Samples
from symconv.signal import Signal

__all__ = ["as_signal_at_zero", "objects", "read_tensor", "reverse_spatial", "shape_text", "spread", "take"]


def read_tensor(value: Any, where: str) -> Samples:
    """Exact samples of a nested list, NumPy array, SymPy array, Signal or PyTorch tensor."""
    if isinstance(value, Signal):
        return value.samples
    if type(value).__module__.startswith("torch"):
        value = value.detach().cpu().numpy()
    if isinstance(value, str):
        from symconv.parse import parse_signal

        return parse_signal(value, where)[0]
    return to_exact_samples(value, where)


def take(samples: Samples, index: Any) -> Samples:
    """The samples at a NumPy index (a channel, a group of channels)."""
    return samples.map(lambda array, zero: array[index])


def spread(samples: Samples, factors: tuple[int, ...], *, lead: int) -> Samples:
    """Insert ``f - 1`` zeros between neighbours on each axis after the first ``lead`` axes.

    Sample ``t`` moves to ``t*f``: the dilated kernel (``f`` = dilation) and the upsampled
    input of a transposed layer (``f`` = stride).
    """
    if all(f == 1 for f in factors):
        return samples

    def insert(array: np.ndarray, zero: object) -> np.ndarray:
        shape = array.shape[:lead] + tuple((n - 1) * f + 1 for n, f in zip(array.shape[lead:], factors))
        out = np.full(shape, zero, dtype=object)
        out[(slice(None),) * lead + tuple(slice(None, None, f) for f in factors)] = array
        return out

    return samples.map(insert)


def reverse_spatial(samples: Samples, *, lead: int) -> Samples:
    """Reverse every axis after the first ``lead`` (no conjugation)."""
    return samples.map(lambda array, zero: array[(slice(None),) * lead + (slice(None, None, -1),) *
                                                 (array.ndim - lead)])


def as_signal_at_zero(samples: Samples) -> Signal:
    """A Signal whose first sample is at index 0 on every axis."""
    return Signal.from_samples(samples, (0,) * len(samples.shape))


def objects(samples: Samples) -> np.ndarray:
    """The values as an object array of SymPy values."""
    return samples.to_objects()


def shape_text(shape: tuple[int, ...]) -> str:
    """A shape as errors print it: ``(2, 3)``, ``(4,)``."""
    return "(" + ", ".join(str(n) for n in shape) + (",)" if len(shape) == 1 else ")")
