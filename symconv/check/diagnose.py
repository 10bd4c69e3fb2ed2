r"""Read claimed answers: text in symconv's grammar, LaTeX, closed forms, lists, arrays, Signals.

:func:`read_claim` is the one door through which every claim enters the checker
(:func:`symconv.check.check`, layers, answer keys); comparing and explaining happen in
:mod:`symconv.check.answer`, :mod:`symconv.check.compare` and :mod:`symconv.check.hypotheses`.

Examples
--------
>>> read_claim("1 >2 3")
(Signal([1, 2, 3], start=-1), True)
"""

from __future__ import annotations

import re
from typing import Any

import sympy
from sympy import Expr

from symconv.budget import check_budget
from symconv.errors import InputError, UnsupportedError
from symconv.exact import DIRAC_DELTA
from symconv.signal import Signal, as_signal

__all__ = ["read_claim"]


# ----------------------------------------------------------------------------- the claim


def read_claim(claimed: Any, *, start: Any = None, where: str = "claimed answer",
               closed_form: bool = False, format: str = "auto") -> tuple[Signal | Expr, bool]:
    r"""The claim as a Signal (or a closed-form expression), and whether it gives its start.

    Accepted: a Signal; a list, tuple or NumPy array; a SymPy Matrix; a SymPy expression in
    ``n`` (a closed form); text in symconv's grammar, read exactly like X and H (``"1 1 1.5"``,
    ``"a^2 3"``, ``"n=-1..4: ..."``, ``"1 >2 3"``); LaTeX (``[1, \tfrac{1}{2}]``, ``\{...\}``,
    ``bmatrix``, a closed form such as ``(n+1) 0.5^n u[n]``).

    Which reader: text with a backslash, a brace or ``&`` is LaTeX (``\delta[n]`` included);
    text using the unit step ``u[...]`` is a closed form in n, read as LaTeX; any other
    text is a sequence (or matrix) in symconv's grammar, so ``"n+1"`` is one sample whose value
    is n + 1; text that grammar cannot split into samples but reads as one formula (``"1 + 2*a"``,
    spaces around an operator) is one sample too. With ``closed_form=True`` (the question's sequences are closed forms) such text is
    read as one expression in n instead.

    ``format`` names the reader of a text claim instead: ``"text"`` (symconv's grammar only),
    ``"latex"`` (the LaTeX reader only), ``"closed"`` (a closed form in n, as with
    ``closed_form=True``); ``"auto"`` (the default) decides as above.

    Examples
    --------
    >>> read_claim("n=-1..1: 1, 2, 1")
    (Signal([1, 2, 1], start=-1), True)
    >>> read_claim(r"[1, \tfrac{1}{2}]")
    (Signal([1, 1/2], start=0), False)
    >>> read_claim("n+1")
    (Signal([n + 1], start=0), False)
    >>> read_claim("1 + 2*a")
    (Signal([2*a + 1], start=0), False)
    >>> read_claim("(n+1) 0.5^n u[n]")[0]
    (n + 1)*UnitStep(n)/2**n
    >>> read_claim("n+1", format="closed")[0], read_claim("1, 2", format="latex")[0]
    (n + 1, Signal([1, 2], start=0))
    """
    if format not in _FORMATS:
        raise InputError("format", f"{format!r} is not one of: {', '.join(_FORMATS)}")
    if isinstance(claimed, bool):  # JSON's true and false are Python ints: never a claimed value
        raise InputError(where, f"{str(claimed).lower()} is not a number; write the claimed values")
    if isinstance(claimed, Signal):
        return (claimed if start is None else Signal(claimed.values, start=start)), True
    if isinstance(claimed, sympy.MatrixBase):
        claimed = claimed.tolist()
    if isinstance(claimed, Expr) and not isinstance(claimed, sympy.Number):
        _refuse_undefined(claimed, where)
        if claimed.free_symbols:
            return check_budget(claimed, where), False
    if isinstance(claimed, str):
        return _read_text_claim(claimed, start, where, closed_form or format == "closed", format)
    if isinstance(claimed, (int, float, sympy.Number)):
        claimed = [claimed]
    signal = as_signal(claimed, where)
    if start is not None:
        return Signal(signal.values, start=start), True
    return signal, False


_FORMATS = ("auto", "text", "latex", "closed")
_LATEX_MARKS = re.compile(r"[\\&]|[\^_]\{")
_STEP = re.compile(r"(?<![A-Za-z_])u\s*[\[(]")
# what only a sequence written in LaTeX has: an arrow, braces, brackets, separators
_SEQUENCE_MARKS = re.compile(r"↑|\\uparrow|\\underset|\\\{|[,;\[]|&")


def _read_text_claim(text: str, start: Any, where: str, closed_form: bool = False,
                     fmt: str = "auto") -> tuple[Signal | Expr, bool]:
    """Text: LaTeX, a closed form (unit step), else symconv's notations (see read_claim)."""
    from symconv.check.latex_in import read_latex
    from symconv.parse import delta_as_latex, parse_signal
    from symconv.text import read_value, refuse_undefined

    refuse_undefined(text, where)
    text = delta_as_latex(text)  # δ[n-1] and delta[n-1] as \delta[n-1]: a closed form
    plain = not _LATEX_MARKS.search(text) and not _STEP.search(text)
    plain = plain if fmt in ("auto", "closed") else fmt == "text"
    first_error: InputError | None = None
    if plain and closed_form:
        try:
            return check_budget(read_value(text, where), where), False
        except InputError as error:
            first_error = error
    elif plain:
        try:
            samples, marked = parse_signal(text, where)
        except InputError as error:
            first_error = error
            try:  # '1 + 2*a': spaces around an operator, one sample read by the same grammar
                value = check_budget(read_value(text, where), where)
            except InputError:
                pass
            else:
                signal = Signal([value], start=0 if start is None else _starts(start, 1)[0])
                return signal, start is not None
        else:
            return _claim_signal(samples, marked, start, where)
    if fmt == "text" and first_error is not None:
        raise first_error  # symconv's grammar only
    try:
        value = read_latex(text, where=where)
    except (InputError, UnsupportedError) as error:
        if first_error is not None:
            raise first_error from None
        if not _SEQUENCE_MARKS.search(text):
            raise error from None
        try:  # a sequence in a textbook's LaTeX: \underset{\uparrow}{2}, ranges, a common factor
            samples, marked = parse_signal(text, where)
        except InputError:
            raise error from None
        return _claim_signal(samples, marked, start, where)
    _refuse_samples(value.value, where)
    check_budget(value.value, where)
    _refuse_undefined(value.value, where)
    if value.kind == "expression" and not plain:
        return value.value, False
    if value.kind in ("number", "expression"):  # plain '1 + 2*a': one sample, no closed form
        values: Any = [value.value]
    elif value.kind == "sequence":
        values = list(value.value)
    else:
        values = [list(row) for row in value.value]
    signal = as_signal(values, where)
    if start is not None:
        return Signal(signal.values, start=start), True
    return signal, False


def _claim_signal(samples: Any, marked: tuple[int, ...] | None, start: Any, where: str) -> tuple[Signal, bool]:
    """The claim read by :func:`symconv.parse.parse_signal`, with the start it gives or is given."""
    ndim = len(samples.shape)
    if start is not None:
        if marked is not None:
            raise InputError(where, "the start is given twice (in the text and as start); give one")
        return Signal.from_samples(samples, _starts(start, ndim)), True
    if marked is not None:
        return Signal.from_samples(samples, marked), True
    return Signal.from_samples(samples, (0,) * ndim), False


def _refuse_samples(value: Any, where: str) -> None:
    """A claim such as ``x[3]`` names a sample of a sequence; it is no value to compare."""
    items = value if isinstance(value, tuple) else (value,)
    for item in items:
        if isinstance(item, tuple):
            _refuse_samples(item, where)
        elif isinstance(item, Expr) and item.has(sympy.Indexed):
            sample = sorted(map(str, item.atoms(sympy.Indexed)))[0]
            raise InputError(where, f"'{sample}' is a sample of a sequence, not a value; write "
                                    "the claimed values themselves (numbers, or a closed form in n)")


def _refuse_undefined(value: Any, where: str) -> None:
    """No undefined value (nan, zoo, oo) and no continuous-time impulse is ever a claim."""
    items = value if isinstance(value, tuple) else (value,)
    for item in items:
        if isinstance(item, tuple):
            _refuse_undefined(item, where)
        elif isinstance(item, Expr):
            if item.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
                raise InputError(where, f"{item} is not a finite number")
            if item.has(sympy.DiracDelta):
                raise InputError(where, DIRAC_DELTA)


def _starts(start: Any, ndim: int) -> tuple[int, ...]:
    if not isinstance(start, (tuple, list)):
        return (int(start),) * ndim
    if len(start) != ndim:
        raise InputError("start", f"{len(start)} starts given for a {ndim}-D claim")
    return tuple(start)
