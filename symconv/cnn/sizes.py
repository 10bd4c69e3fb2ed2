"""Where a CNN layer reads its input, and how long its output is: every CNN index formula.

One formula places every window (``torch.nn.functional.conv{1,2,3}d``): output ``o`` of a
layer with stride ``s``, dilation ``d`` and padding ``p`` (before the input) multiplies kernel
tap ``t`` with input index

    ``o*s + t*d - p``                                        (:func:`input_index`)

Outputs exist while the last tap stays inside the padded input, which gives the size
``floor((i + 2p - d(k-1) - 1)/s) + 1`` (per-side padding: ``p_before + p_after`` for ``2p``).
A transposed layer maps sizes back: ``(i - 1)s - 2p + d(k-1) + output_padding + 1``.
:func:`conv_output_size` derives either with the numbers and says when the stride does not fit,
i.e. when the layer silently never reads the last rows or columns.

Examples
--------
>>> size = conv_output_size(32, 5, stride=2)
>>> int(size), size.fits, size.unreached
(14, False, (31,))
>>> print(size)
o = floor((i + 2p - d(k - 1) - 1)/s) + 1
  = floor((32 + 2*0 - 1*(5 - 1) - 1)/2) + 1
  = floor(27/2) + 1
  = 13 + 1
  = 14
the stride does not fit: (i + 2p - d(k - 1) - 1)/s + 1 = 27/2 + 1 = 29/2 = 14.5 is not an integer, so the size is rounded down
the last window reads input indices 26..30: input index 31 is never reached (1 row/column ignored)
>>> int(conv_output_size(33, 5, stride=2)), conv_output_size(33, 5, stride=2).fits
(15, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sympy import Rational, floor

from symconv.cnn.geometry import Geometry, per_axis, read_geometry
from symconv.cnn.reach import MAX_CLASSES, reach
from symconv.errors import InputError

__all__ = ["OutputSize", "conv_output_size", "input_index", "output_length", "transposed_length"]

MAX_LISTED = 8  # unreached indices shown in a derivation line,
MAX_LISTED_CHARACTERS = 100  # as long as they fit in about this many characters
MAX_UNREACHED = 100  # unreached indices kept in OutputSize.unreached (the count is exact)


def input_index(o: int, t: int, *, stride: int, dilation: int, before: int) -> int:
    """The input index that output ``o`` multiplies with kernel tap ``t``: ``o*s + t*d - p``.

    Negative indices and indices past the input fall into the padding.

    Examples
    --------
    >>> [input_index(1, t, stride=2, dilation=2, before=1) for t in range(3)]
    [1, 3, 5]
    """
    return o * stride + t * dilation - before


def output_length(i: int, k: int, *, stride: int, dilation: int, pads: tuple[int, int],
                  axis: int = 0) -> int:
    """Outputs along one axis: ``floor((i + p_before + p_after - d(k-1) - 1)/s) + 1``.

    Raises
    ------
    InputError
        The dilated kernel is larger than the padded input (PyTorch refuses it too).

    Examples
    --------
    >>> output_length(5, 3, stride=1, dilation=1, pads=(0, 0))
    3
    >>> output_length(3, 3, stride=1, dilation=2, pads=(0, 0))
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: kernel, spatial axis 0: dilated kernel size 5 is larger than padded input size 3
    """
    padded = i + pads[0] + pads[1]
    span = dilation * (k - 1) + 1
    if span > padded:
        raise InputError(f"kernel, spatial axis {axis}",
                         f"dilated kernel size {span} is larger than padded input size {padded}")
    return (padded - span) // stride + 1


def transposed_length(i: int, k: int, *, stride: int, dilation: int, padding: int, output_padding: int,
                      axis: int = 0) -> int:
    """Outputs of a transposed layer: ``(i - 1)s - 2p + d(k-1) + output_padding + 1``.

    Examples
    --------
    >>> transposed_length(3, 3, stride=2, dilation=1, padding=1, output_padding=1)
    6
    """
    size = (i - 1) * stride - 2 * padding + dilation * (k - 1) + output_padding + 1
    if size <= 0:
        raise InputError(f"padding, spatial axis {axis}",
                         f"{padding} leaves the transposed output with size {size}; it must be positive")
    return size


@dataclass(frozen=True, slots=True)
class OutputSize:
    """The output size of a layer along one axis, with its derivation.

    Attributes
    ----------
    size : int
        PyTorch's size (the floor of ``exact`` for an ordinary layer).
    exact : Rational
        ``(i + 2p - d(k-1) - 1)/s + 1`` before the floor (equal to ``size`` when transposed).
    unreached : tuple of int
        Input indices no window reads (when the stride or the dilation skips them), in
        increasing order: all of them, or the first :data:`MAX_UNREACHED` of more.
    lines : tuple of str
        The derivation, one line each; ``str(size)`` joins them.
    unreached_count : int or None
        How many input indices no window reads, counted arithmetically
        (:mod:`symconv.cnn.reach`); None when the layer has too many residue classes to count.
    """

    input_size: int
    kernel_size: int
    stride: int
    dilation: int
    pads: tuple[int, int]
    transposed: bool
    output_padding: int
    size: int
    exact: Rational
    unreached: tuple[int, ...]
    lines: tuple[str, ...]
    unreached_count: int | None = 0

    @property
    def fits(self) -> bool:
        """Whether the stride fits: the formula gives an integer before the floor."""
        return bool(self.exact.is_integer)

    def __int__(self) -> int:
        return self.size

    __index__ = __int__

    def __str__(self) -> str:
        return "\n".join(self.lines)


def conv_output_size(i: Any, k: Any, *, stride: Any = 1, padding: Any = 0, dilation: Any = 1,
                     transposed: bool = False, output_padding: Any = 0) -> OutputSize | tuple[OutputSize, ...]:
    """PyTorch's output size of a (transposed) convolution layer, derived with the numbers.

    Parameters
    ----------
    i, k : int or tuple of int
        Input size and kernel size; tuples give one size per spatial axis (and a tuple result).
    stride, padding, dilation, output_padding
        As for :func:`symconv.conv_layer` (``padding`` may be ``"same"``, ``"valid"`` or
        ``(before, after)``) and :func:`symconv.conv_transpose_layer`.
    transposed : bool
        Size of ``conv_transpose{1,2,3}d`` instead.

    Returns
    -------
    OutputSize or tuple of OutputSize
        ``int(result)`` is the size; ``print(result)`` shows the derivation.

    Examples
    --------
    >>> [int(s) for s in conv_output_size((227, 227), 11, stride=4)]
    [55, 55]
    >>> print(conv_output_size(4, 3, stride=2, padding=1, transposed=True, output_padding=1))
    o = (i - 1)s - 2p + d(k - 1) + output_padding + 1
      = (4 - 1)*2 - 2*1 + 1*(3 - 1) + 1 + 1
      = 8
    """
    many = isinstance(i, (tuple, list)) or isinstance(k, (tuple, list))
    ndim = len(i) if isinstance(i, (tuple, list)) else len(k) if isinstance(k, (tuple, list)) else 1
    if ndim == 0:
        raise InputError("input size" if isinstance(i, (tuple, list)) else "kernel size",
                         "no values given; give one size per spatial axis")
    inputs = per_axis(i, ndim, "input size", minimum=1)
    kernels = per_axis(k, ndim, "kernel size", minimum=1)
    if transposed and output_padding is None:
        raise InputError("output_padding", "None is not a non-negative integer")
    if not many and isinstance(padding, (tuple, list)) and len(padding) == 2 and not transposed:
        padding = (tuple(padding),)
    geometry = read_geometry(ndim, kernel=kernels, stride=stride, padding=padding, dilation=dilation,
                             output_padding=output_padding if transposed else None)
    sizes = tuple(_axis_size(geometry, axis, a, b, transposed) for axis, (a, b) in enumerate(zip(inputs, kernels)))
    return sizes if many else sizes[0]


def _axis_size(geometry: Geometry, axis: int, i: int, k: int, transposed: bool) -> OutputSize:
    s, d, pads = geometry.stride[axis], geometry.dilation[axis], geometry.pads[axis]
    if transposed:
        op = geometry.output_padding[axis]
        size = transposed_length(i, k, stride=s, dilation=d, padding=pads[0], output_padding=op, axis=axis)
        lines = ("o = (i - 1)s - 2p + d(k - 1) + output_padding + 1",
                 f"  = ({i} - 1)*{s} - 2*{pads[0]} + {d}*({k} - 1) + {op} + 1",
                 f"  = {size}")
        return OutputSize(i, k, s, d, pads, True, op, size, Rational(size), (), lines, 0)
    size = output_length(i, k, stride=s, dilation=d, pads=pads, axis=axis)
    numerator = i + pads[0] + pads[1] - d * (k - 1) - 1
    quotient = Rational(numerator, s)
    exact = quotient + 1
    symmetric = pads[0] == pads[1]
    pad_term = "2p" if symmetric else "p_before + p_after"
    pad_numbers = f"2*{pads[0]}" if symmetric else f"{pads[0]} + {pads[1]}"
    formula = f"(i + {pad_term} - d(k - 1) - 1)/s"
    lines = [f"o = floor({formula}) + 1",
             f"  = floor(({i} + {pad_numbers} - {d}*({k} - 1) - 1)/{s}) + 1",
             f"  = floor({quotient}) + 1",
             f"  = {floor(quotient)} + 1",
             f"  = {size}"]
    if quotient.is_integer:
        lines[2:4] = [f"  = {quotient} + 1"]
    found = reach(i, k, stride=s, dilation=d, before=pads[0], outputs=size, listed=MAX_UNREACHED)
    if exact.is_integer:
        if s > 1:
            lines.append(f"the stride fits: {formula} + 1 = {quotient} + 1 = {exact} exactly")
    else:
        lines.append(f"the stride does not fit: {formula} + 1 = {quotient} + 1 = {_show(exact)} "
                     "is not an integer, so the size is rounded down")
    last = input_index(size - 1, 0, stride=s, dilation=d, before=pads[0])
    if found.trailing_count:
        count = found.trailing_count
        ignored = "1 row/column" if count == 1 else f"{count} rows/columns"
        verb = "is" if count == 1 else "are"
        lines.append(f"the last window reads input indices {last}..{last + d * (k - 1)}: "
                     f"{_indices(found.trailing, count)} {verb} never reached ({ignored} ignored)")
    elif not exact.is_integer:
        lines.append(f"the last window reads input indices {last}..{last + d * (k - 1)}: "
                     "only padding is left out, every input index is read")
    if found.inner_count:
        lines.append(f"the windows (stride {s}, dilation {d}, kernel span {d * (k - 1) + 1}) skip "
                     f"{_indices(found.inner, found.inner_count)} ({found.inner_count} in all): no output reads them")
    elif found.inner_count is None:
        lines.append(f"the windows (stride {s}, dilation {d}, kernel span {d * (k - 1) + 1}) are not searched "
                     f"for skipped input indices: more than {MAX_CLASSES} residue classes")
    unreached = (found.inner + found.trailing)[:MAX_UNREACHED]
    count = None if found.inner_count is None else found.inner_count + found.trailing_count
    return OutputSize(i, k, s, d, pads, False, 0, size, exact, unreached, tuple(lines), count)


def _indices(indices: tuple[int, ...], count: int) -> str:
    """The first indices, at most MAX_LISTED and about MAX_LISTED_CHARACTERS (huge indices: one or two)."""
    shown = [str(indices[0])]
    for u in indices[1:MAX_LISTED]:
        if sum(len(text) + 2 for text in shown) + len(str(u)) > MAX_LISTED_CHARACTERS:
            break
        shown.append(str(u))
    more = ", ..." if count > len(shown) else ""
    return f"input index {shown[0]}" if count == 1 else f"input indices {', '.join(shown)}{more}"


def _show(value: Rational) -> str:
    """``29/2 = 14.5`` when the decimal terminates, else just the fraction."""
    q = int(value.q)
    while q % 2 == 0:
        q //= 2
    while q % 5 == 0:
        q //= 5
    if q != 1:
        return str(value)
    digits = 0
    while (value * 10 ** digits).q != 1:
        digits += 1
    scaled = int(value * 10 ** digits)
    sign = "-" if scaled < 0 else ""
    whole, frac = divmod(abs(scaled), 10 ** digits)
    return f"{value} = {sign}{whole}.{str(frac).zfill(digits)}"
