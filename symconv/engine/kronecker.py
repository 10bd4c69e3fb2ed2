"""Kronecker substitution: N-D convolution as one 1-D product, and 1-D as one big-int product.

Two layers, both exact for integers of any size:

- :func:`flatten_operands` lays an N-D pair out on 1-D with the strides of the *output*
  shape, so that index sums never wrap: a 1-D full convolution of the two flat arrays,
  reshaped to the output shape, is the N-D full convolution. Any 1-D integer method
  (python-flint, this module's big-int product) then serves every dimension.
- :func:`convolve_kronecker` packs each 1-D operand into one Python int, one fixed-width
  slot of ``s`` bytes per sample (two's complement, with a correction for the borrows of
  negative samples), multiplies once, and reads the output samples back as signed digits.
  The slot is wide enough for :func:`~symconv.intarrays.magnitude_bound`, so no
  digit overflows into its neighbour. It needs only the standard library and NumPy: it is
  the path used when python-flint cannot be imported.

Examples
--------
>>> import numpy as np
>>> convolve_kronecker(np.array([1, -2, 3]), np.array([-1, 5]))
array([ -1,   7, -13,  15])
>>> convolve_kronecker(np.array([[1, 2], [3, 4]]), np.array([[1], [-1]]))
array([[ 1,  2],
       [ 2,  2],
       [-3, -4]])
"""

from __future__ import annotations

import math

import numpy as np

from symconv.intarrays import full_shape, magnitude_bound

__all__ = ["convolve_kronecker", "flatten_operands", "slot_bytes"]


def flatten_operands(x: np.ndarray, h: np.ndarray) -> tuple[np.ndarray, np.ndarray, tuple[int, ...]]:
    """Lay ``x`` and ``h`` out on 1-D so that their 1-D product is their N-D convolution.

    Each operand is placed in the corner of a zero array of the output shape and raveled
    (trailing zeros dropped). Sample ``(i_1, ..., i_d)`` lands at ``sum_k i_k S_k`` where
    ``S`` are the C-order strides of the output shape; since every coordinate of a sum of
    indices stays below the output length on its axis, distinct output samples never share
    a flat index.

    Parameters
    ----------
    x, h : numpy.ndarray
        Arrays with the same number of axes, none of them empty.

    Returns
    -------
    x_flat, h_flat : numpy.ndarray
        1-D arrays whose full 1-D convolution has ``prod(shape)`` samples.
    shape : tuple of int
        The full N-D output shape: reshape the 1-D convolution to it.

    Examples
    --------
    >>> import numpy as np
    >>> xf, hf, shape = flatten_operands(np.array([[1, 2], [3, 4]]), np.array([[5, 6]]))
    >>> xf, hf, shape
    (array([1, 2, 0, 3, 4]), array([5, 6]), (2, 3))
    >>> np.convolve(xf, hf).reshape(shape)
    array([[ 5, 16, 12],
           [15, 38, 24]])
    """
    shape = full_shape(x.shape, h.shape)
    if x.ndim == 1:
        return x, h, shape
    return _embed(x, shape), _embed(h, shape), shape


def _embed(array: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """``array`` in the corner of zeros of ``shape``, raveled, without its trailing zeros."""
    strides = [math.prod(shape[k + 1 :]) for k in range(len(shape))]
    length = sum((n - 1) * s for n, s in zip(array.shape, strides)) + 1
    padded = np.zeros(shape, dtype=array.dtype)
    padded[tuple(slice(0, n) for n in array.shape)] = array
    return padded.reshape(-1)[:length]


def slot_bytes(bound: int) -> int:
    """Bytes per slot so that signed values of magnitude ``<= bound`` fit: ``2**(8s-1) > bound``.

    Examples
    --------
    >>> slot_bytes(127), slot_bytes(128), slot_bytes(2**63 - 1)
    (1, 2, 8)
    """
    return max(1, (bound.bit_length() + 8) // 8)


def convolve_kronecker(x: np.ndarray, h: np.ndarray, *, bound: int | None = None) -> np.ndarray:
    """Exact full convolution of integer arrays by one product of packed Python ints.

    Parameters
    ----------
    x, h : numpy.ndarray
        Integer arrays (``int64`` or ``object`` of Python ints), same number of axes.
    bound : int, optional
        :func:`~symconv.intarrays.magnitude_bound` if already known.

    Returns
    -------
    numpy.ndarray
        The full convolution: ``int64`` when the bound fits a machine word, else an
        ``object`` array of Python ints.

    Examples
    --------
    >>> import numpy as np
    >>> y = convolve_kronecker(np.array([2**80, -1], dtype=object), np.array([3, 2**70], dtype=object))
    >>> y.dtype, list(y) == [3 * 2**80, 2**150 - 3, -(2**70)]
    (dtype('O'), True)
    """
    if bound is None:
        bound = magnitude_bound(x, h)
    x_flat, h_flat, shape = flatten_operands(x, h)
    count = math.prod(shape)
    if bound == 0:
        return np.zeros(shape, dtype=np.int64)
    width = slot_bytes(bound)
    product = _pack(x_flat, width) * _pack(h_flat, width)
    return _unpack(product, width, count).reshape(shape)


def _pack(values: np.ndarray, width: int) -> int:
    """``sum_i values[i] * 256**(width*i)`` for values with ``|v| < 2**(8*width - 1)``.

    Each value is written as ``width`` bytes of two's complement; a negative value so
    written stands for ``v + 256**width``, so one ``256**width`` per negative value (in the
    next slot up) is subtracted afterwards.
    """
    count = len(values)
    if values.dtype == np.int64:
        raw = values.astype("<i8").view(np.uint8).reshape(count, 8)
        if width <= 8:
            data = np.ascontiguousarray(raw[:, :width]).tobytes()
        else:
            wide = np.zeros((count, width), dtype=np.uint8)
            wide[:, :8] = raw
            wide[values < 0, 8:] = 0xFF
            data = wide.tobytes()
        negative = values < 0
    else:
        ints = [int(v) for v in values]
        data = b"".join(v.to_bytes(width, "little", signed=True) for v in ints)
        negative = np.fromiter((v < 0 for v in ints), dtype=bool, count=count)
    packed = int.from_bytes(data, "little")
    if negative.any():
        borrows = np.zeros((count + 1, width), dtype=np.uint8)
        borrows[1:, 0] = negative
        packed -= int.from_bytes(borrows.tobytes(), "little")
    return packed


def _unpack(packed: int, width: int, count: int) -> np.ndarray:
    """The ``count`` signed digits ``d_i`` (``|d_i| < 2**(8*width - 1)``) of ``packed``."""
    half = 1 << (8 * width - 1)
    offset = int.from_bytes((b"\x00" * (width - 1) + b"\x80") * count, "little")
    data = (packed + offset).to_bytes(count * width, "little")
    if width <= 8:
        digits = np.zeros((count, 8), dtype=np.uint8)
        digits[:, :width] = np.frombuffer(data, dtype=np.uint8).reshape(count, width)
        biased = digits.view("<u8").reshape(count)
        return (biased - np.uint64(half)).view(np.int64)
    view = memoryview(data)
    out = np.empty(count, dtype=object)
    out[:] = [
        int.from_bytes(view[i : i + width], "little") - half for i in range(0, count * width, width)
    ]
    return out
