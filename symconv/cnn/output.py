"""A layer's output tensor ``(C_out, *out)`` shown channel by channel: text, LaTeX, JSON-ready data.

``symconv layer`` prints what :func:`symconv.conv_layer` (or :func:`symconv.conv_transpose_layer`)
returns with every output channel and its index, in the notation of the layer explanations
(``y[c, i, j]``). The helpers only format values the layer computed.

Examples
--------
>>> from symconv.cnn import conv_layer
>>> y = conv_layer([[1, 2, 3], [0, 1, 0]], [[[1, 1], [0, 0]], [[0, 0], ["1/2", 0]]])
>>> print(text_channels(y))
c = 0, n = 0..1: 3, 5
c = 1, n = 0..1: 0, 1/2
y[0, 0] = 3
y[0, 1] = 5
y[1, 0] = 0
y[1, 1] = 1/2
"""

from __future__ import annotations

import itertools
from typing import Any

from symconv.render.values import latex_value, signal_json, text_signal, text_table, text_value
from symconv.signal import Signal

__all__ = ["channels_json", "latex_channels", "text_channels"]

_AXES = {1: ("n",), 2: ("i", "j"), 3: ("i", "j", "k")}


def _channels(result: Signal) -> list[Signal]:
    """Output channel ``c`` of a ``(C_out, *out)`` result as a Signal over the spatial axes."""
    return [Signal(values) for values in result.values]


def text_channels(result: Signal, *, name: str = "y") -> str:
    """One line per output channel (``c = 0, i = 0..2, j = 0..2: 4 3 4; ...``), then every value
    with its index: ``y[c, n] = v`` in 1-D, a labelled grid per channel in 2-D, ``y[c, i, j, k] = v``
    in 3-D.

    Examples
    --------
    >>> print(text_channels(Signal([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])))
    c = 0, i = 0..1, j = 0..1: 1 2; 3 4
    c = 1, i = 0..1, j = 0..1: 5 6; 7 8
    y[0, i, j]:
    i\\j | 0 1
    ---------
    i=0 | 1 2
    i=1 | 3 4
    y[1, i, j]:
    i\\j | 0 1
    ---------
    i=0 | 5 6
    i=1 | 7 8
    """
    channels = _channels(result)
    lines = [f"c = {c}, {text_signal(channel)}" for c, channel in enumerate(channels)]
    for c, channel in enumerate(channels):
        if channel.ndim == 1:
            lines += [f"{name}[{c}, {n}] = {text_value(v)}" for n, v in zip(channel.indices, channel.values)]
        elif channel.ndim == 2:
            lines += [f"{name}[{c}, i, j]:", text_table(channel, name=name)]
        else:
            lines += [f"{name}[{', '.join(map(str, (c, *index)))}] = {text_value(channel[index])}"
                      for index in itertools.product(*(range(n) for n in channel.shape))]
    return "\n".join(lines)


def latex_channels(result: Signal, *, name: str = "y") -> str:
    """One LaTeX equation per output channel (per first spatial index in 3-D), its support stated.

    Examples
    --------
    >>> print(latex_channels(Signal([[1, "1/2"], [0, 2]])))
    y[0, n] = \\left\\{ 1, \\tfrac{1}{2} \\right\\},\\quad n = 0, \\dots, 1
    y[1, n] = \\left\\{ 0, 2 \\right\\},\\quad n = 0, \\dots, 1
    """
    lines = []
    for c, channel in enumerate(_channels(result)):
        if channel.ndim == 1:
            values = ", ".join(latex_value(v) for v in channel.values)
            lines.append(f"{name}[{c}, n] = \\left\\{{ {values} \\right\\}},\\quad n = 0, \\dots, "
                         f"{channel.shape[0] - 1}")
            continue
        # 2-D: one matrix over (i, j); 3-D: one matrix over (j, k) for each i
        planes = [((), channel.values)] if channel.ndim == 2 else list(enumerate(channel.values))
        row_axis, column_axis = _AXES[channel.ndim][-2:]
        rows, columns = channel.shape[-2:]
        for fixed, plane in planes:
            body = " \\\\ ".join(" & ".join(latex_value(v) for v in row) for row in plane)
            index = ", ".join(map(str, (c, *((fixed,) if channel.ndim == 3 else ()))))
            lines.append(f"{name}[{index}, {row_axis}, {column_axis}] = \\begin{{bmatrix}} {body} "
                         f"\\end{{bmatrix}},\\quad {row_axis} = 0, \\dots, {rows - 1},\\ {column_axis} = 0, "
                         f"\\dots, {columns - 1}")
    return "\n".join(lines)


def channels_json(result: Signal) -> dict[str, Any]:
    """JSON-ready data: the whole tensor (``shape`` ``[C_out, *out]``, exact values as strings)
    and ``channels``, one entry per output channel with its index.

    Examples
    --------
    >>> data = channels_json(Signal([[1, "1/2"], [0, 2]]))
    >>> data["shape"], data["channels"][0]
    ([2, 2], {'out_channel': 0, 'shape': [2], 'values': ['1', '1/2']})
    """
    whole = signal_json(result)
    channels = [{"out_channel": c, "shape": list(channel.shape), "values": signal_json(channel)["values"]}
                for c, channel in enumerate(_channels(result))]
    return {**whole, "out_channels": len(channels), "channels": channels}
