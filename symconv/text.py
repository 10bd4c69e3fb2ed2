"""The grammar for one value written as text: symconv's own reader, never ``eval`` or ``sympify``.

It owns the step *characters -> SymPy value* for a single sample. Sequences and matrices are
split into samples by :mod:`symconv.parse`; each sample then comes here.

Grammar (whitespace between tokens is ignored)::

    expr    := term (('+' | '-') term)*
    term    := unary (('*' | '/') unary | implicit)*     implicit product: 2a, 3(a+b), 2 i
    unary   := ('+' | '-') unary | power
    power   := atom (('**' | '^') unary)?                 right-associative
    atom    := number | name | '(' expr ')'
    number  := digits ['.' digits] [('e' | 'E') ['+' | '-'] digits] ['i' | 'j']
    name    := letter (letter | digit | '_')*             a real Symbol; 'i', 'j' and 'I' alone: sqrt(-1)
                                                          ('I' as SymPy prints it, so symconv reads its own
                                                          output); Greek letters may be typed: 'α' is 'alpha'

The minus sign may also be typed as ``−`` (U+2212, as PDFs print it). Refused rather than
misread: function calls (``sqrt(2)`` would be the product ``sqrt*2``; write ``2**(1/2)``),
hexadecimal, binary and octal literals (``0x10``), and characters that are neither letters nor
digits (``½``, ``²``).

Numbers are exact: ``0.1`` is 1/10 and ``1.25e-3`` is 1/800. Powers are limited so that no
huge number is ever built: exponents must be integers of at most 10,000 in size and the result
at most 100,000 bits (so is every product); a decimal exponent (``1e999999999``) at most
10,000; a number at most 4,000 digits; nesting (parentheses, signs, powers) at most 100 deep.
``nan`` and ``inf`` are refused, not read as names.

Long lists are mostly plain numbers (``-3``, ``0.25``, ``1e-3``, ``2/4``, ``1+2i``):
:func:`read_plain_number` reads those with one regular expression into integers, and
:func:`symconv.exact.to_exact_samples` keeps them as integers; it leaves everything else, and
every refusal, to :func:`read_value`, so both give the same values and the same messages. Both
turn a decimal into a fraction by one function, which checks the digit and exponent limits
before it builds ``10**exponent``.

Examples
--------
>>> read_value("1/2"), read_value("-1.25e-3"), read_value("1+2i"), read_value("1 + 2*I")
(1/2, -1/800, 1 + 2*I, 1 + 2*I)
>>> read_value("2*alpha**2 - x_0")
2*alpha**2 - x_0
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from sympy import I, Pow, Rational, Symbol
from sympy.core.expr import Expr

from symconv.errors import InputError

__all__ = ["DecimalLimitError", "IMAGINARY_UNITS", "MAX_DECIMAL_EXPONENT", "MAX_DIGITS", "MAX_NESTING",
           "MAX_POWER_BITS", "decimal_pair", "decimal_to_rational", "one_line", "read_plain_number", "read_value",
           "symbol"]

MAX_DECIMAL_EXPONENT = 10_000
MAX_POWER_EXPONENT = 10_000
MAX_POWER_BITS = 100_000
MAX_DIGITS = 4_000
MAX_NESTING = 100
#: names read as the imaginary unit sqrt(-1): i and j as engineers write it, I as SymPy prints it
IMAGINARY_UNITS = ("i", "j", "I")

_TOKEN = re.compile(
    r"\s*(?:"
    r"(?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?:[ij](?![A-Za-z0-9_]))?)"
    r"|(?P<name>[^\W\d_][\w]*)"
    r"|(?P<op>\*\*|[-+*/^()\u2212])"
    r")"
)
_NUMBER_PARTS = re.compile(r"(?P<mantissa>\d+\.?\d*|\.\d+)(?:[eE](?P<exponent>[+-]?\d+))?(?P<imag>[ij]?)")


_GREEK = dict(zip(
    "αβγδεζηθικλμνξοπρστυφχψωΓΔΘΛΞΠΣΦΨΩ",
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho "
    "sigma tau upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega".split(),
))


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "number", "name", "op", "end"
    text: str
    column: int  # 1-based column in the value's text


def symbol(name: str) -> Symbol:
    """The SymPy symbol for a name written by a user: real, as symconv's default.

    Examples
    --------
    >>> a = symbol("a")
    >>> a.is_real, a.conjugate() == a
    (True, True)
    """
    return Symbol(name, real=True)


def read_value(text: str, where: str = "value") -> Expr:
    """Read one exact value from text by symconv's grammar (see the module docstring).

    Parameters
    ----------
    text : str
        The value as typed, e.g. ``"13/8"``, ``"0.5"``, ``"1+2j"``, ``"2*a"``.
    where : str
        Where the text came from, for error messages (``"data, item 3"``).

    Raises
    ------
    InputError
        The text is not a value of the grammar, or a power or exponent is too large.

    Examples
    --------
    >>> read_value("3(a+1)")
    3*a + 3
    >>> read_value("0,5", where="data, item 2")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: data, item 2: '0,5' is not a number; write 0.5 or 1/2
    """
    return _Parser(text, where).parse()


# Plain numbers as users write them in long lists, read without the grammar (read_plain_number):
# a real  [sign] decimal [/ [sign] decimal]  or a Gaussian  [sign] decimal (+|-) decimal(i|j)  or
# [sign] decimal(i|j), where decimal is  mantissa [exponent]. ASCII only (re.ASCII): Unicode digits and
# spaces, names, powers, products and anything longer go to the grammar.
# Each part can match in one way only (no '\d+\.?\d*', no '\s*[-+]?\s*'), so that a failing match
# costs linear time, not quadratic, in a long run of digits or spaces.
_DECIMAL = r"(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?"
_PLAIN_REAL = re.compile(rf"\s*(?:([-+])\s*)?{_DECIMAL}(?:\s*/\s*(?:([-+])\s*)?{_DECIMAL})?\s*", re.ASCII)
_PLAIN_GAUSSIAN = re.compile(rf"\s*(?:([-+])\s*)?(?:{_DECIMAL}\s*([-+])\s*)?{_DECIMAL}[ij]\s*", re.ASCII)


def read_plain_number(text: str) -> tuple[int, int, int] | None:
    """A plain number read without the grammar: ``(real, imag, denominator)`` integers, or None.

    The bulk path for long lists (issue 8). Integers, decimals and exponents, with one fraction
    bar or as ``a+bi``, each part optionally signed (``-3``, ``+.5``, ``1.25e-3``, ``-3/-4``,
    ``1-2.5i``), become ``(real + imag*i) / denominator``, each part in lowest terms and the
    denominator their least common one, without a SymPy object. Whenever this gives a value,
    :func:`read_value` gives the same one; None means "ask :func:`read_value`", which reads
    everything else and words every error (a zero divisor, too many digits, too large an
    exponent or result): such texts are never read here.

    Examples
    --------
    >>> read_plain_number("-1.25e-3"), read_plain_number("2/4"), read_plain_number("-3/-4")
    ((-1, 0, 800), (1, 0, 2), (3, 0, 4))
    >>> read_plain_number("0.5-2i")
    (1, -4, 2)
    >>> read_plain_number("1/0") is None, read_plain_number("2a") is None
    (True, True)
    """
    match = _PLAIN_REAL.fullmatch(text)
    if match is not None:
        return _plain_real(*match.groups())
    match = _PLAIN_GAUSSIAN.fullmatch(text)
    if match is not None:
        return _plain_gaussian(*match.groups())
    return None


def _plain_real(sign: str | None, mantissa: str, exponent: str | None, divisor_sign: str | None,
                divisor: str | None, divisor_exponent: str | None) -> tuple[int, int, int] | None:
    try:
        numerator, denominator = decimal_pair(mantissa, exponent)
        value = None if divisor is None else decimal_pair(divisor, divisor_exponent)
    except DecimalLimitError:
        return None  # the grammar words the problem
    if sign == "-":
        numerator = -numerator
    if value is None:
        return numerator, 0, denominator
    if value[0] == 0:
        return None  # the grammar words the division by zero
    numerator, denominator = numerator * value[1], denominator * value[0]
    if divisor_sign == "-":
        numerator = -numerator
    common = math.gcd(numerator, denominator)
    numerator, denominator = numerator // common, denominator // common
    if max(abs(numerator).bit_length(), denominator.bit_length()) > MAX_POWER_BITS:
        return None  # the grammar's check after a division
    return numerator, 0, denominator


def _plain_gaussian(sign: str | None, mantissa: str | None, exponent: str | None, operator: str | None,
                    imag_mantissa: str, imag_exponent: str | None) -> tuple[int, int, int] | None:
    try:
        real = (0, 1) if mantissa is None else decimal_pair(mantissa, exponent)
        imag = decimal_pair(imag_mantissa, imag_exponent)
    except DecimalLimitError:
        return None  # the grammar words the problem
    if sign == "-":
        real = (-real[0], real[1])
        if mantissa is None:
            imag = (-imag[0], imag[1])
    if operator == "-":
        imag = (-imag[0], imag[1])
    denominator = math.lcm(real[1], imag[1])
    return real[0] * (denominator // real[1]), imag[0] * (denominator // imag[1]), denominator


def _decimal_comma(text: str) -> bool:
    return re.fullmatch(r"\s*[-+]?\d+,\d+\s*", text) is not None


class _Parser:
    def __init__(self, text: str, where: str) -> None:
        self.text = text
        self.where = where
        if _decimal_comma(text):
            written = text.strip()
            point = written.replace(",", ".")
            sign, mantissa = ("-", point[1:]) if point.startswith("-") else ("", point.lstrip("+"))
            try:
                fraction = Rational(*decimal_pair(mantissa))
            except DecimalLimitError as error:
                self.fail(error.problem(written, 1))
            self.fail(f"'{written}' is not a number; write {point} or {sign}{fraction}")
        self.quoted = _quote(text)
        self.tokens = self._tokenize()
        self.position = 0
        self.depth = 0

    def fail(self, problem: str) -> None:
        raise InputError(self.where, problem)

    def _tokenize(self) -> list[_Token]:
        tokens = []
        index = 0
        while index < len(self.text):
            if self.text[index:].strip() == "":
                break
            match = _TOKEN.match(self.text, index)
            if match is None or match.end() == index:
                column = index + len(self.text[index:]) - len(self.text[index:].lstrip()) + 1
                self.fail(f"{self.quoted} is not a number or expression (unexpected "
                          f"{self.text[column - 1]!r} at column {column})")
            kind, text, column = match.lastgroup, match.group(match.lastgroup), match.start(match.lastgroup) + 1
            if kind == "name":
                self._check_name(text, column)
            tokens.append(_Token(kind, "-" if text == "\u2212" else text, column))  # − (U+2212) is a minus
            index = match.end()
        if not tokens:
            self.fail("empty; give a number")
        tokens.append(_Token("end", "", len(self.text) + 1))
        return tokens

    def _check_name(self, name: str, column: int) -> None:
        """Names are letters, digits and _ only (not ``½``); ``0x10`` and ``sqrt(2)`` are refused, not
        read as the products ``0*x10`` and ``sqrt*2``."""
        for offset, character in enumerate(name):
            if not (character.isalpha() or character.isdecimal() or character == "_"):
                self.fail(f"{self.quoted} is not a number or expression ({character!r} at column "
                          f"{column + offset} is not a digit, letter or _)")
        before = self.text[:column - 1]
        if re.fullmatch(r"[xXbBoO][0-9a-fA-F]+", name) and re.search(r"(?<![\w.])0\Z", before):
            self.fail(f"{self.quoted} is not read: hexadecimal, binary and octal numbers are not; write the "
                      "number in decimal")
        if self.text[column - 1 + len(name):column + len(name)] == "(":
            self.fail(f"{self.quoted} is not read: '{name}(' is a function call, and functions are not read "
                      "(values are numbers, names and + - * / ** only); write the value instead, e.g. 2**(1/2) "
                      "for sqrt(2)")

    @property
    def current(self) -> _Token:
        return self.tokens[self.position]

    def advance(self) -> _Token:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def parse(self) -> Expr:
        value = self.expr()
        if self.current.kind != "end":
            self.fail(f"{self.quoted} is not a number or expression (unexpected "
                      f"'{self.current.text}' at column {self.current.column})")
        return value

    def expr(self) -> Expr:
        value = self.term()
        while self.current.text in ("+", "-") and self.current.kind == "op":
            sign = self.advance().text
            right = self.term()
            value = value + right if sign == "+" else value - right
        return value

    def term(self) -> Expr:
        value = self.unary()
        while True:
            token = self.current
            if token.kind == "op" and token.text in ("*", "/"):
                self.advance()
                right = self.unary()
                if token.text == "/":
                    if right == 0:
                        self.fail(f"{self.quoted} divides by zero")
                    value = value / right
                else:
                    value = value * right
            elif token.kind == "name" or token.text == "(":
                value = value * self.power()  # implicit product: 2a, 3(a+b)
            else:
                return value
            bits = _bits(value)
            if bits > MAX_POWER_BITS:
                self.fail(f"the value at column {token.column} would have {bits} bits; at most "
                          f"{MAX_POWER_BITS} are accepted")

    def unary(self) -> Expr:
        self.depth += 1
        if self.depth > MAX_NESTING:
            self.fail(f"nests parentheses, signs or powers more than {MAX_NESTING} levels deep")
        if self.current.kind == "op" and self.current.text in ("+", "-"):
            sign = self.advance().text
            operand = self.unary()
            value = -operand if sign == "-" else operand
        else:
            value = self.power()
        self.depth -= 1
        return value

    def power(self) -> Expr:
        base = self.atom()
        if self.current.kind == "op" and self.current.text in ("**", "^"):
            operator = self.advance()
            exponent = self.unary()
            return self._checked_power(base, exponent, operator.column)
        return base

    def atom(self) -> Expr:
        token = self.advance()
        if token.kind == "number":
            return self._number(token)
        if token.kind == "name":
            if token.text.lower() in ("nan", "inf", "infinity"):
                before = self.tokens[self.position - 2] if self.position > 1 else None
                signed = before is not None and before.text in ("+", "-") and before.column + 1 == token.column
                self.fail(f"'{before.text if signed else ''}{token.text}' is not a finite number")
            return I if token.text in IMAGINARY_UNITS else symbol(_GREEK.get(token.text, token.text))
        if token.text == "(":
            value = self.expr()
            if self.current.text != ")":
                self.fail(f"{self.quoted} has '(' at column {token.column} that is never closed")
            self.advance()
            return value
        found = "end of text" if token.kind == "end" else f"'{token.text}'"
        self.fail(f"{self.quoted} is not a number or expression (unexpected {found} at "
                  f"column {token.column})")
        raise AssertionError("unreachable")

    def _number(self, token: _Token) -> Expr:
        parts = _NUMBER_PARTS.fullmatch(token.text)
        try:
            value = Rational(*decimal_pair(parts["mantissa"], parts["exponent"]))
        except DecimalLimitError as error:
            self.fail(error.problem(token.text, token.column))
        return value * I if parts["imag"] else value

    def _checked_power(self, base: Expr, exponent: Expr, column: int) -> Expr:
        if exponent.is_Integer:
            if abs(int(exponent)) > MAX_POWER_EXPONENT:
                self.fail(f"power at column {column} has exponent {exponent}; at most "
                          f"{MAX_POWER_EXPONENT} in size is accepted")
            if base.is_number:
                bits = _bits(base) * abs(int(exponent))
                if bits > MAX_POWER_BITS:
                    self.fail(f"power at column {column} would have about {bits} bits; at most "
                              f"{MAX_POWER_BITS} are accepted")
            if base == 0 and exponent < 0:
                self.fail(f"{self.quoted} divides by zero")
        elif exponent.is_number and not exponent.is_Rational:
            self.fail(f"power at column {column} needs an integer or fraction as exponent, not {exponent}")
        elif exponent.is_Rational and abs(exponent.p) > MAX_POWER_EXPONENT:
            self.fail(f"power at column {column} has exponent {exponent}; at most "
                      f"{MAX_POWER_EXPONENT} in size is accepted")
        return Pow(base, exponent)


def _bits(value: Expr) -> int:
    """The size of the largest rational number inside a value, in bits."""
    return max((max(abs(r.p).bit_length(), r.q.bit_length()) for r in value.atoms(Rational)), default=0)


def _quote(text: str, limit: int = 40) -> str:
    """The user's text in quotes for a message, shortened when long, on one line (see :func:`one_line`)."""
    text = text.strip()
    return f"'{one_line(text)}'" if len(text) <= limit else f"'{one_line(text[:limit - 3])}...'"


def one_line(text: str) -> str:
    r"""``text`` with every character that is not printable (a new line, a tab, a BOM) escaped as
    Python writes it, so that a message quoting it stays one visible line.

    Examples
    --------
    >>> print(one_line("2\n3\tx"))
    2\n3\tx
    """
    if text.isprintable():
        return text
    return "".join(character if character.isprintable() else repr(character)[1:-1] for character in text)


class DecimalLimitError(ValueError):
    """A decimal past the grammar's limits: more than :data:`MAX_DIGITS` digits (``digits`` is set)
    or an exponent larger than :data:`MAX_DECIMAL_EXPONENT` in size (``exponent`` is set)."""

    def __init__(self, *, digits: int | None = None, exponent: int | None = None) -> None:
        self.digits, self.exponent = digits, exponent
        super().__init__(self.problem("the number", 1))

    def problem(self, text: str, column: int) -> str:
        """The message for the number ``text`` written at ``column``."""
        if self.digits is not None:
            return f"the number at column {column} has {self.digits} digits; at most {MAX_DIGITS} are accepted"
        return f"'{text}' has exponent {self.exponent}; at most {MAX_DECIMAL_EXPONENT} in size is accepted"


def decimal_pair(mantissa: str, exponent: str | None = None) -> tuple[int, int]:
    """``mantissa`` times ten to ``exponent`` as ``(numerator, denominator)`` in lowest terms.

    The one place where a decimal becomes a fraction (the grammar, :func:`read_plain_number`,
    :func:`decimal_to_rational`): its digits (mantissa and exponent together) and its exponent
    are checked before ``10**exponent`` is built.

    Parameters
    ----------
    mantissa : str
        Digits with at most one point, as written: ``"1.25"``, ``".5"``, ``"3."``.
    exponent : str, optional
        The exponent as written, with an optional sign: ``"-3"``, ``"+2"``.

    Raises
    ------
    DecimalLimitError
        More than :data:`MAX_DIGITS` digits, or an exponent larger than :data:`MAX_DECIMAL_EXPONENT`.

    Examples
    --------
    >>> decimal_pair("1.25", "-3"), decimal_pair("12"), decimal_pair(".5", "1")
    ((1, 800), (12, 1), (5, 1))
    >>> decimal_pair("1", "999999999")
    Traceback (most recent call last):
    ...
    symconv.text.DecimalLimitError: 'the number' has exponent 999999999; at most 10000 in size is accepted
    """
    if not exponent and "." not in mantissa:  # an integer: the common case of long lists
        if len(mantissa) > MAX_DIGITS:
            raise DecimalLimitError(digits=len(mantissa))
        return int(mantissa), 1
    digits = len(mantissa) - ("." in mantissa) + (len(exponent.lstrip("+-")) if exponent else 0)
    if digits > MAX_DIGITS:
        raise DecimalLimitError(digits=digits)
    power = int(exponent) if exponent else 0
    if abs(power) > MAX_DECIMAL_EXPONENT:
        raise DecimalLimitError(exponent=power)
    whole, _, fraction = mantissa.partition(".")
    numerator = int((whole or "0") + fraction)
    scale = power - len(fraction)
    if scale >= 0:
        return numerator * 10**scale, 1
    denominator = 10**-scale
    common = math.gcd(numerator, denominator)
    return numerator // common, denominator // common


def decimal_to_rational(mantissa: str, exponent: int = 0) -> Rational:
    """The exact value of a decimal mantissa times ten to ``exponent`` (limits as :func:`decimal_pair`).

    Raises
    ------
    InputError
        Too many digits or too large an exponent, before any big number is built.

    Examples
    --------
    >>> decimal_to_rational("0.1"), decimal_to_rational("1.25", -3)
    (1/10, 1/800)
    >>> decimal_to_rational("1", 10**9)
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: value: '1e1000000000' has exponent 1000000000; at most 10000 in size is accepted
    """
    try:
        return Rational(*decimal_pair(mantissa, str(exponent)))
    except DecimalLimitError as error:
        raise InputError("value", error.problem(f"{mantissa}e{exponent}", 1)) from None
