"""The small grammars of option values, read from text: ``N1,N2``, ``B:A``, ``--at``, bias lists, ``--op``.

The command line hands its option values here as typed; each reader returns what the library
functions take, or raises a one-line :class:`InputError` that names the option and shows an
accepted value. No reader evaluates the text: integers go through ``int`` on plain digits,
values through :func:`symconv.exact.to_exact` and :func:`symconv.parse.parse_signal`.

============================  ==========================  ==================================
reader                        text                        result
============================  ==========================  ==================================
:func:`read_parameter`        ``2``, ``2,1``, ``1:0,2``   ``2``, ``(2, 1)``, ``((1, 0), 2)``
:func:`read_period`           ``4``, ``2,3``              ``4``, ``(2, 3)``
:func:`read_outputs`          ``3``, ``1,1;0,0``          ``[3]``, ``[(1, 1), (0, 0)]``
:func:`read_layer_outputs`    ``1,1;0:2,0``               ``[(1, 1), (0, (2, 0))]``
:func:`read_index`            ``3``, ``1,1``              ``(3,)``, ``(1, 1)``
:func:`read_bias`             ``1/2``, ``1, -1/2``        ``[1/2]``, ``[1, -1/2]``
:func:`read_op`               ``conv``, ``correlate``     ``'convolve'``, ``'correlate'``
============================  ==========================  ==================================

Examples
--------
>>> read_op("corr"), read_period("2,3"), read_outputs("1,1;0,0")
('correlate', (2, 3), [(1, 1), (0, 0)])
"""

from __future__ import annotations

import difflib
from typing import Any

from symconv.errors import InputError

__all__ = ["OPERATIONS", "read_bias", "read_index", "read_layer_outputs", "read_op", "read_outputs",
           "read_parameter", "read_period"]

OPERATIONS = {"conv": "convolve", "convolve": "convolve", "corr": "correlate", "correlate": "correlate",
              "circ": "circular", "circular": "circular", "layer": "layer"}
"""``--op`` in every command: a short and a long name per operation, and ``layer``."""


def read_op(text: str, *, allowed: tuple[str, ...] = ("convolve", "correlate", "circular", "layer")) -> str:
    """The operation ``--op`` names (short or long), among ``allowed``; suggests the closest name.

    Examples
    --------
    >>> read_op("conv"), read_op("CIRCULAR")
    ('convolve', 'circular')
    >>> read_op("convolution")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: --op: 'convolution' is not one of: conv, corr, circ, layer; did you mean 'convolve'?
    >>> read_op("layer", allowed=("convolve", "correlate", "circular"))
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: --op: 'layer' is not one of: conv, corr, circ
    """
    operation = OPERATIONS.get(text.strip().lower())
    if operation in allowed:
        return operation
    names = [name for name, long in OPERATIONS.items() if long in allowed]
    short = [name for name in names if len(name) <= 5]
    problem = f"'{text}' is not one of: {', '.join(short)}"
    close = difflib.get_close_matches(text.strip().lower(), names, n=1, cutoff=0.6)
    if close:
        problem += f"; did you mean '{close[0]}'?"
    raise InputError("--op", problem)


def read_parameter(text: str, name: str, *, words: tuple[str, ...] = ()) -> Any:
    """A layer hyper-parameter: ``2``, ``2,1`` per axis, ``1:2`` before:after (padding).

    ``words`` lists the words accepted as they are (``same``, ``valid`` for padding). The
    result is what :func:`symconv.cnn.geometry.read_geometry` takes; values are checked there.

    Examples
    --------
    >>> read_parameter("2", "--stride"), read_parameter("2,1", "--stride")
    (2, (2, 1))
    >>> read_parameter("1:0,2", "--padding"), read_parameter("same", "--padding", words=("same", "valid"))
    (((1, 0), 2), 'same')
    >>> read_parameter("two", "--stride")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: --stride: 'two' is not an integer; write 2, or 2,1 for one value per axis
    """
    from symconv.cnn.geometry import MAX_DIGITS

    cleaned = text.strip()
    if cleaned.lower() in words:
        return cleaned.lower()
    items = []
    for item in cleaned.split(","):
        sides = item.split(":")
        if any(len(side.strip().lstrip("+-")) > MAX_DIGITS for side in sides):
            raise InputError(name, f"an integer of more than {MAX_DIGITS} digits is not a sane size; "
                                   f"give at most {MAX_DIGITS} digits")
        try:
            numbers = tuple(int(side) for side in sides)
        except ValueError:
            accepted = "".join(f", {word}" for word in words)
            sided = ", 1:2 for before:after" if name == "--padding" else ""
            raise InputError(name, f"'{text}' is not an integer; write 2, or 2,1 for one value per axis"
                                   f"{sided}{accepted}") from None
        if len(numbers) > 2:
            raise InputError(name, f"'{item}' has {len(numbers)} parts; write before:after")
        items.append(numbers[0] if len(numbers) == 1 else numbers)
    if len(items) == 1 and not isinstance(items[0], tuple):
        return items[0]
    return tuple(items) if len(items) > 1 or isinstance(items[0], int) else (items[0],)


def read_period(text: str) -> int | tuple[int, ...]:
    """The period of circular convolution: ``4``, or ``N1,N2`` per axis.

    Examples
    --------
    >>> read_period("4"), read_period("2, 3")
    (4, (2, 3))
    >>> read_period("0")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: N: '0' is not a positive integer
    """
    periods = _integers(text)
    if periods is None or any(p <= 0 for p in periods):
        raise InputError("N", f"'{text}' is not a positive integer")
    return periods[0] if len(periods) == 1 else periods


def read_outputs(text: str) -> list:
    """``explain --at``: output indices, ``;`` between them: ``3``, or ``1,1`` in 2-D.

    Examples
    --------
    >>> read_outputs("3;4"), read_outputs("1,1")
    ([3, 4], [(1, 1)])
    >>> read_outputs("a")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: --at: 'a' is not an output index such as 3 or 1,1
    """
    chosen = []
    for item in text.split(";"):
        index = _integers(item)
        if index is None:
            raise InputError("--at", f"'{item.strip()}' is not an output index such as 3 or 1,1")
        chosen.append(index[0] if len(index) == 1 else index)
    return chosen


def read_layer_outputs(text: str) -> list:
    """``layer --explain --at``: positions (every output channel) or ``C:POSITION`` items.

    Examples
    --------
    >>> read_layer_outputs("1,1;0:2,0")
    [(1, 1), (0, (2, 0))]
    >>> read_layer_outputs("x:1")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: --at: 'x:1' is not an output such as 3, 1,1 or 0:1,1 (output channel 0 at 1,1)
    """
    chosen: list = []
    for item in text.split(";"):
        channel, colon, position = item.rpartition(":")
        index, out_channel = _integers(position), _integers(channel) if colon else None
        if index is None or (colon and (out_channel is None or len(out_channel) != 1)):
            raise InputError("--at", f"'{item.strip()}' is not an output such as 3, 1,1 or 0:1,1 (output channel "
                                     "0 at 1,1)")
        if out_channel is None:
            chosen.append(index[0] if len(index) == 1 else index)
        else:
            chosen.append((out_channel[0], index))
    return chosen


def read_index(text: str, where: str) -> tuple[int, ...]:
    """One input index: ``3`` or ``1,1`` (``layer --scatter``).

    Examples
    --------
    >>> read_index("1,1", "--scatter")
    (1, 1)
    >>> read_index("1.5", "--scatter")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: --scatter: '1.5' is not an input index such as 3 or 1,1
    """
    index = _integers(text)
    if index is None:
        raise InputError(where, f"'{text}' is not an input index such as 3 or 1,1")
    return index


def read_bias(text: str) -> list:
    """``--bias``: one value, or values separated by commas (or in brackets), one per output channel.

    Examples
    --------
    >>> read_bias("1/2"), read_bias("1, -0.5")
    ([1/2], [1, -1/2])
    >>> read_bias("1; 2")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: --bias: '1; 2' is not a list of values; give one value per output channel, separated by commas: '1, -1/2'
    """
    from symconv.exact import to_exact

    cleaned = text.strip()
    if "," not in cleaned and ";" not in cleaned and not cleaned.startswith("["):
        return [to_exact(cleaned, "--bias")]
    from symconv.parse import parse_signal

    samples, marked = parse_signal(cleaned, "--bias")
    if len(samples.shape) != 1 or marked is not None:
        raise InputError("--bias", f"'{text}' is not a list of values; give one value per output channel, "
                                   "separated by commas: '1, -1/2'")
    return list(samples.to_objects())


def _integers(text: str) -> tuple[int, ...] | None:
    """``1,2`` -> ``(1, 2)``; None when a part is not an integer."""
    try:
        return tuple(int(part) for part in text.split(","))
    except ValueError:
        return None
