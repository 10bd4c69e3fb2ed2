"""Which input indices a layer's windows never read, counted arithmetically (no array per index).

Output ``o`` reads input ``o*s + t*d - p`` (:func:`symconv.cnn.sizes.input_index`), so index
``j`` is read when ``j + p`` lies in ``S = {o*s + t*d : 0 <= o < outputs, 0 <= t < k}``.
Split ``S`` by the residue of ``t`` modulo ``s' = s/g`` (``g = gcd(s, d)``): taps
``t = t0 + m*s'`` land on ``t0*d + s*(m*d' + o)`` (``d' = d/g``), so each residue class of
``S`` modulo ``s`` is ``t0*d + s*U`` with ``U`` a union of ``M`` intervals of length
``outputs``, ``d'`` apart. Counting and listing per class is constant work, so the cost
is the number of classes, ``min(k, s')`` (or, with the roles of windows and taps swapped,
``min(outputs, d')``; the smaller is used), never the input size.

Examples
--------
>>> r = reach(10, 3, stride=2, dilation=3, before=0, outputs=2)
>>> r.inner, r.inner_count, r.trailing, r.trailing_count
((1, 4, 7), 3, (9,), 1)
>>> r = reach(10**30, 3, stride=7, dilation=1, before=0, outputs=(10**30 - 3) // 7 + 1)
>>> r.inner[:6], r.inner_count, r.trailing_count
((3, 4, 5, 6, 10, 11), 571428571428571428571428571424, 5)
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass
from math import gcd
from typing import Iterator

__all__ = ["MAX_CLASSES", "Reach", "reach"]

#: residue classes counted one by one; a layer needing more (both the kernel and the stride,
#: and both the outputs and the dilation, above this) is not analysed
MAX_CLASSES = 10_000


@dataclass(frozen=True, slots=True)
class Reach:
    """Unread input indices: ``inner`` ones (before the last window's end) and ``trailing`` ones.

    ``inner`` and ``trailing`` list the first ``listed`` indices in increasing order; the
    counts are exact. ``inner_count`` is None when the layer has too many residue classes
    (see :data:`MAX_CLASSES`); ``inner`` is then empty.
    """

    inner: tuple[int, ...]
    inner_count: int | None
    trailing: tuple[int, ...]
    trailing_count: int


def reach(i: int, k: int, *, stride: int, dilation: int, before: int, outputs: int,
          listed: int = 100) -> Reach:
    """Count and list the input indices ``0..i-1`` that no output of the layer reads."""
    last_end = (outputs - 1) * stride + (k - 1) * dilation - before
    first_trailing = max(0, last_end + 1)
    trailing_count = max(0, i - first_trailing)
    trailing = tuple(range(first_trailing, first_trailing + min(trailing_count, listed)))
    end = min(i - 1, last_end)  # inner indices are 0..end
    if end < 0:
        return Reach((), 0, trailing, trailing_count)
    # S = {x*a + y*b : x < na, y < nb}, classes by y mod a/g: choose the cheaper of the two ways
    ways = [(stride, outputs, dilation, k), (dilation, k, stride, outputs)]
    a, na, b, nb = min(ways, key=lambda w: min(w[3], w[0] // gcd(w[0], w[2])))
    g = gcd(a, b)
    a1, b1 = a // g, b // g
    classes = min(nb, a1)
    if classes > MAX_CLASSES:
        return Reach((), None, trailing, trailing_count)
    low, high = before, before + end  # j + p runs over low..high
    read = 0
    streams = []
    for y0 in range(classes):
        m_count = (nb - 1 - y0) // a1 + 1
        offset = y0 * b
        u_low, u_high = -((offset - low) // a), (high - offset) // a  # ceil, floor
        if u_high < u_low:
            continue
        read += _covered(u_high, m_count, b1, na) - _covered(u_low - 1, m_count, b1, na)
        streams.append(_shifted(_gaps(u_low, u_high, m_count, b1, na), offset - before, a))
    tapped = {(y0 * b) % a for y0 in range(classes)}
    if len(tapped) < a:
        streams.append(n - before for n in range(low, high + 1) if n % a not in tapped)
    inner = tuple(itertools.islice(heapq.merge(*streams), listed))
    return Reach(inner, end + 1 - read, trailing, trailing_count)


def _shifted(values: Iterator[int], shift: int, scale: int) -> Iterator[int]:
    return (shift + scale * u for u in values)


def _covered(x: int, m_count: int, step: int, length: int) -> int:
    """``#{u <= x}`` in the union of ``[m*step, m*step + length - 1]`` for ``m < m_count``."""
    if x < 0:
        return 0
    if step <= length:  # the intervals touch or overlap: one interval
        return min(x + 1, (m_count - 1) * step + length)
    blocks, rest = divmod(x, step)
    if blocks >= m_count:
        return m_count * length
    return blocks * length + min(rest + 1, length)


def _gaps(u_low: int, u_high: int, m_count: int, step: int, length: int) -> Iterator[int]:
    """The ``u`` in ``u_low..u_high`` outside the union of :func:`_covered`, increasing."""
    u = u_low
    while u <= u_high:
        if u < 0:
            yield u
            u += 1
            continue
        top = (m_count - 1) * step + length  # first u past the last interval
        if step <= length or u >= top:
            yield from range(max(u, top), u_high + 1)
            return
        block, rest = divmod(u, step)
        if rest < length:
            u = block * step + length  # skip the covered part
            continue
        yield from range(u, min(u_high, block * step + step - 1) + 1)
        u = block * step + step
