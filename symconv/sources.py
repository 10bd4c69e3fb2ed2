"""Where the command line's input text comes from: the argument itself, ``@FILE``, ``-`` or ``@-``.

An operand, a claim, a worked line or an answer key is typed on the command line, read from a
file (``@FILE``) or from standard input (``-`` or ``@-``; standard input is read once, for one
operand). Files and streams are read

- as UTF-8 (a leading byte-order mark ignored), or as UTF-16 / UTF-32 when they start with
  their byte-order mark (PowerShell's ``>`` writes UTF-16); anything else is refused in one line
  that names what it looks like (Windows-1252, UTF-16 without a mark, binary data);
- in pieces, and only up to :data:`symconv.parse.MAX_TEXT_LENGTH` characters: a longer file,
  ``/dev/zero``, ``/dev/urandom`` or an endless FIFO is refused in one line, never read whole.

Examples
--------
>>> import io
>>> inputs = Inputs(stdin=io.BytesIO("1 2 3\\n".encode("utf-16")))
>>> inputs.text("-", "data")
'1 2 3\\n'
>>> inputs.text("@-", "kernel")
Traceback (most recent call last):
...
symconv.errors.InputError: kernel: standard input is read already (for data); give '-' to one operand only
"""

from __future__ import annotations

import codecs
import sys
from typing import IO, Any

from symconv.errors import InputError

__all__ = ["Inputs", "decode"]

_CHUNK = 1 << 16
_MARKS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
          (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
"""Byte-order marks, longest first (UTF-32 LE starts like UTF-16 LE)."""


class Inputs:
    """Reads the command line's texts; remembers who read standard input.

    Parameters
    ----------
    stdin : binary stream, optional
        Standard input (default ``sys.stdin.buffer``, looked up when first read).
    """

    def __init__(self, stdin: IO[bytes] | None = None) -> None:
        self._stdin = stdin
        self._stdin_reader: str | None = None

    def text(self, argument: str, where: str) -> str:
        """The text of an argument: itself, a file's content (``@FILE``) or standard input (``-``, ``@-``)."""
        if argument not in ("-", "@-") and not argument.startswith("@"):
            return argument
        if argument in ("-", "@-"):
            if self._stdin_reader is not None:
                raise InputError(where, f"standard input is read already (for {self._stdin_reader}); "
                                        "give '-' to one operand only")
            self._stdin_reader = where
            stream = self._stdin if self._stdin is not None else getattr(sys.stdin, "buffer", None)
            if stream is None:
                raise InputError(where, "there is no standard input to read ('-')")
            return decode(stream, where, "standard input")
        path = argument[1:]
        try:
            with open(path, "rb") as stream:
                return decode(stream, where, f"'{path}'")
        except OSError as error:
            raise InputError(where, f"cannot read '{path}': {error.strerror or type(error).__name__}") from None

    def signal(self, argument: str, where: str, start: int | None = None) -> Any:
        """A Signal from an operand (text, ``@FILE`` or ``-``), with an optional start."""
        from symconv.parse import parse_signal
        from symconv.signal import Signal

        samples, marked = parse_signal(self.text(argument, where), where)
        if start is not None and marked is not None:
            raise InputError(where, "the start is given twice (in the text and by --start); give one")
        starts = (start,) * len(samples.shape) if start is not None else marked
        return Signal.from_samples(samples, starts or (0,) * len(samples.shape))

    def layer(self, x_argument: str, w_argument: str) -> tuple:
        """Input ``(C_in, *spatial)``, weight with two more axes, and whether channels were given.

        W with as many axes as X: one channel in and one out (X is ``(1, *spatial)``, W
        ``(1, 1, *kernel)``). W with one more axis than X: X is ``(C_in, *spatial)`` and W PyTorch's
        weight (``(C_out, C_in/groups, *kernel)``, transposed ``(C_in, C_out/groups, *kernel)``).
        """
        x, w = self.signal(x_argument, "input"), self.signal(w_argument, "kernel")
        if x.ndim == w.ndim:
            return x.to_numpy()[None], w.to_numpy()[None, None], False
        if x.ndim == 1:
            raise InputError("kernel", f"is {w.ndim}-D but the input is 1-D; give both with the same number of axes")
        if w.ndim != x.ndim + 1:
            raise InputError("kernel", f"is {w.ndim}-D but the input is {x.ndim}-D; give W with {x.ndim} axes (one "
                                       f"channel in and out) or with {x.ndim + 1}, (C_out, C_in/groups, *kernel) for "
                                       "X as (C_in, *spatial)")
        return x.to_numpy(), w.to_numpy(), True


def decode(stream: IO[bytes], where: str, name: str) -> str:
    """The text of a binary stream, read in pieces up to the text limit (see the module).

    Examples
    --------
    >>> import io
    >>> decode(io.BytesIO(b"\\xef\\xbb\\xbf1 2"), "data", "'x.txt'")
    '1 2'
    >>> decode(io.BytesIO("1 \\u20ac 2".encode("cp1252")), "data", "'x.txt'")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: data: 'x.txt' is not UTF-8 (byte 0x80 at offset 2; it looks like Windows-1252); save it as UTF-8
    """
    from symconv.parse import MAX_TEXT_LENGTH

    head = stream.read(4) or b""
    encoding, skip = next(((enc, len(mark)) for mark, enc in _MARKS if head.startswith(mark)), ("utf-8", 0))
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    pieces: list[str] = []
    size, offset, raw = 0, skip, head[skip:] + (stream.read(_CHUNK) or b"")
    while True:
        try:
            piece = decoder.decode(raw, final=not raw)
        except UnicodeDecodeError as error:
            at = offset + error.start - (len(error.object) - len(raw))  # the decoder may hold bytes back
            raise InputError(where, _not_text(name, encoding, error.object, error.start, at)) from None
        if "\x00" in piece:
            raise InputError(where, f"{name} holds NUL characters: binary data, or UTF-16 without a byte-order "
                                    "mark; save it as UTF-8")
        pieces.append(piece)
        size += len(piece)
        if size > MAX_TEXT_LENGTH:
            raise InputError(where, f"{name} has more than {MAX_TEXT_LENGTH} characters; at most "
                                    f"{MAX_TEXT_LENGTH} are read (pass a list or an array for longer data)")
        if not raw:
            return "".join(pieces)
        offset += len(raw)
        raw = stream.read(_CHUNK) or b""


def _not_text(name: str, encoding: str, data: bytes, index: int, offset: int) -> str:
    """Why bytes are no text in ``encoding``, and what they look like."""
    if encoding != "utf-8":
        return f"{name} starts with a {encoding.upper()} byte-order mark but is not {encoding.upper()} text"
    try:
        data.decode("cp1252")
        looks = "Windows-1252"
    except UnicodeDecodeError:
        looks = "binary data"
    return (f"{name} is not UTF-8 (byte 0x{data[index]:02x} at offset {offset}; it looks like {looks}); "
            "save it as UTF-8")
