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

from sympy import Add, I, Mul, Pow, Rational, S, Symbol, nan, oo, zoo
from sympy.core.expr import Expr

from symconv.errors import InputError

__all__ = ["DecimalLimitError", "IMAGINARY_UNITS", "MAX_DECIMAL_EXPONENT", "MAX_DIGITS", "MAX_NESTING",
           "MAX_POWER_BITS", "MAX_TEXT_LENGTH", "UNDEFINED_NAMES", "decimal_pair", "decimal_to_rational", "one_line", "read_plain_number", "read_value",
           "refuse_undefined", "symbol", "too_long"]

MAX_DECIMAL_EXPONENT = 10_000
MAX_POWER_EXPONENT = 10_000
MAX_POWER_BITS = 100_000
MAX_DIGITS = 4_000
MAX_NESTING = 100
#: the longest text read (characters): longer text is not something a person typed
MAX_TEXT_LENGTH = 4_000_000
#: names of undefined or infinite values, refused in every input (case does not matter)
UNDEFINED_NAMES = ("nan", "inf", "infinity", "oo", "zoo")
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
    if len(text) > MAX_TEXT_LENGTH:
        raise InputError(where, too_long(len(text)))
    if text.strip() in ("...", "…"):
        raise InputError(where, f"'{text.strip()}' leaves values out; write every value")
    number = read_plain_number(text)
    if number is not None:  # the common case, without the grammar's SymPy arithmetic
        real, imag, denominator = number
        return Rational(real, denominator) + I * Rational(imag, denominator) if imag else Rational(real, denominator)
    value = _Parser(text, where).parse()
    if value.has(nan, zoo, oo, -oo):
        raise InputError(where, f"'{one_line(text.strip())[:40]}' is undefined ({value}); give a finite value")
    return value


_UNDEFINED_WORD = re.compile(r"(?<![A-Za-z_\\])(?:nan|inf|infinity|oo|zoo)(?![A-Za-z0-9_])", re.IGNORECASE)


def refuse_undefined(text: str, where: str) -> None:
    r"""Refuse text that names an undefined or infinite value (``nan``, ``inf``, ``oo``, ``zoo``) as a
    word of its own, before any reader could take it for a product of letters (``nan`` is not n·a·n).

    Examples
    --------
    >>> refuse_undefined("1, NaN, 3", "claim")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: claim: 'NaN' is not a finite number
    >>> refuse_undefined(r"\sum_{m=-\infty}^{\infty} x[m]", "line")  # LaTeX's \infty is a command
    """
    match = _UNDEFINED_WORD.search(text)
    if match is not None:
        raise InputError(where, f"'{match.group()}' is not a finite number")


def too_long(length: int) -> str:
    """The message for text of ``length`` characters, more than :data:`MAX_TEXT_LENGTH`."""
    return (f"text has {length} characters; at most {MAX_TEXT_LENGTH} are accepted (pass a list or an "
            "array for longer data)")


# Plain numbers as users write them in long lists, read without the grammar (read_plain_number):
# a real  [sign] decimal [/ [sign] decimal]  or a Gaussian  [sign] decimal (+|-) decimal(i|j)  or
# [sign] decimal(i|j), where decimal is  mantissa [exponent]. ASCII only (re.ASCII): Unicode digits and
# spaces, names, powers, products and anything longer go to the grammar.
# Each part can match in one way only (no '\d+\.?\d*', no '\s*[-+]?\s*'), so that a failing match
# costs linear time, not quadratic, in a long run of digits or spaces.
_DECIMAL = r"(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?"
_PLAIN_REAL = re.compile(rf"\s*(?:([-+])\s*)?{_DECIMAL}(?:\s*/\s*(?:([-+])\s*)?{_DECIMAL})?\s*", re.ASCII)
_DECIMAL_TEXT = r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_QUOTIENT = rf"{_DECIMAL_TEXT}(?:\s*/\s*[-+]?\s*{_DECIMAL_TEXT})?"
# a sum of two or more real plain numbers, each after an operator and at most one sign
# one term of the sum at a position: an operator (none before the first term), a sign, a number;
# matched term by term (never one pattern over the whole sum, which backtracks exponentially)
_PLAIN_TERM = re.compile(rf"\s*([-+]?)\s*([-+]?)\s*({_QUOTIENT})", re.ASCII)
_PLAIN_PARTS = re.compile(rf"{_DECIMAL}(?:\s*/\s*(?:([-+])\s*)?{_DECIMAL})?", re.ASCII)
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
    if "+" in text or "-" in text:
        return _plain_sum(text)
    return None


def _plain_sum(text: str) -> tuple[int, int, int] | None:
    """The sum of plain real numbers ``1 + 2.5 - 3/4 ...`` (or None when the text is not such a sum),
    added as integers, each partial sum at most :data:`MAX_POWER_BITS` bits: the text is scanned
    once, term by term, and added up only when all of it is a plain sum."""
    terms, position, end = [], 0, len(text)
    while _SPACES.match(text, position).end() < end:
        match = _PLAIN_TERM.match(text, position)
        if match is None:
            return None
        operator, sign, term = match.groups()
        if (not terms and operator and sign) or (terms and not operator):
            return None  # two signs before the first number, or two numbers with no operator
        terms.append(("-" if (operator == "-") != (sign == "-") else None, term))
        position = match.end()
    if len(terms) < 2:
        return None
    numerator, denominator = 0, 1
    for sign, term in terms:
        number = _plain_real(sign, *_PLAIN_PARTS.fullmatch(term).groups())
        if number is None:
            return None  # the grammar words the problem
        part, _, scale = number
        numerator = numerator * scale + part * denominator
        denominator *= scale
        if scale != 1:
            common = math.gcd(numerator, denominator)
            numerator, denominator = numerator // common, denominator // common
        if max(abs(numerator).bit_length(), denominator.bit_length()) > MAX_POWER_BITS:
            return None  # the grammar's check of a sum
    return numerator, 0, denominator


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
        """The tokens of the text, in one pass: each character is looked at a bounded number of times."""
        tokens = []
        text = self.text
        end = _last_visible(text)
        index = 0
        while index < end:
            match = _TOKEN.match(text, index)
            if match is None:
                column = _SPACES.match(text, index).end() + 1
                self.fail(f"{self.quoted} is not a number or expression (unexpected "
                          f"{text[column - 1]!r} at column {column}){_hint(text[column - 1])}")
            kind, token, column = match.lastgroup, match.group(match.lastgroup), match.start(match.lastgroup) + 1
            if kind == "name":
                self._check_name(token, column)
            tokens.append(_Token(kind, "-" if token == "\u2212" else token, column))  # − (U+2212) is a minus
            index = match.end()
        if not tokens:
            self.fail("empty; give a number")
        tokens.append(_Token("end", "", len(text) + 1))
        return tokens

    def _check_name(self, name: str, column: int) -> None:
        """Names are letters, digits and _ only (not ``½``); ``0x10`` and ``sqrt(2)`` are refused, not
        read as the products ``0*x10`` and ``sqrt*2``."""
        for offset, character in enumerate(name):
            if not (character.isalpha() or character.isdecimal() or character == "_"):
                self.fail(f"{self.quoted} is not a number or expression ({character!r} at column "
                          f"{column + offset} is not a digit, letter or _)")
        if (re.fullmatch(r"[xXbBoO][0-9a-fA-F]+", name) and self.text[column - 2:column - 1] == "0"
                and not re.match(r"[\w.]", self.text[column - 3:column - 2])):
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
        terms = [self.term()]
        while self.current.text in ("+", "-") and self.current.kind == "op":
            sign = self.advance()
            right = self.term()
            terms.append(right if sign.text == "+" else -right)
        return self._sum(terms, sign.column) if len(terms) > 1 else terms[0]

    def _sum(self, terms: list[Expr], column: int) -> Expr:
        """``Add(*terms)`` built once, its number parts added first with a bounded size each, so that a
        sum of many terms costs time linear in their count (adding one by one is quadratic)."""
        coefficients: dict[Expr, Rational] = {}
        for term in terms:
            coefficient, rest = term.as_coeff_Mul()
            if not coefficient.is_Rational:
                coefficient, rest = S.One, term
            total = coefficients.get(rest, S.Zero) + coefficient
            if _rational_bits(total) > MAX_POWER_BITS:
                self.fail(f"the sum ending at column {column} would have {_rational_bits(total)} bits; "
                          f"at most {MAX_POWER_BITS} are accepted")
            coefficients[rest] = total
        return Add(*(coefficient * rest for rest, coefficient in coefficients.items()))

    def term(self) -> Expr:
        number, factors = S.One, []
        token = self.current
        value = self.unary()
        while True:
            if value.is_Rational:
                number *= value
            else:
                factors.append(value)
            if _rational_bits(number) > MAX_POWER_BITS:
                self.fail(f"the value at column {token.column} would have {_rational_bits(number)} bits; "
                          f"at most {MAX_POWER_BITS} are accepted")
            token = self.current
            if token.kind == "op" and token.text in ("*", "/"):
                self.advance()
                value = self.unary()
                if token.text == "/":
                    if value == 0:
                        self.fail(f"{self.quoted} divides by zero")
                    value = 1 / value
            elif token.kind == "name" or token.text == "(":
                value = self.power()  # implicit product: 2a, 3(a+b)
            else:
                break
        if not factors:
            return number
        product = Mul(number, *factors)
        bits = _bits(product)
        if bits > MAX_POWER_BITS:
            self.fail(f"the value at column {token.column} would have {bits} bits; at most "
                      f"{MAX_POWER_BITS} are accepted")
        return product

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
            if token.text.lower() in UNDEFINED_NAMES:
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
        if base == 0 and exponent.is_extended_negative:
            self.fail(f"{self.quoted} divides by zero")
        if exponent.is_Integer:
            if abs(int(exponent)) > MAX_POWER_EXPONENT:
                self.fail(f"power at column {column} has exponent {exponent}; at most "
                          f"{MAX_POWER_EXPONENT} in size is accepted")
            bits = _bits(base) * abs(int(exponent))  # (2**9999 a)**10000 too: its number is a power
            if bits > MAX_POWER_BITS:
                self.fail(f"power at column {column} would have about {bits} bits; at most "
                          f"{MAX_POWER_BITS} are accepted")
        elif exponent.is_number and not exponent.is_Rational:
            self.fail(f"power at column {column} needs an integer or fraction as exponent, not {exponent}")
        elif exponent.is_Rational and abs(exponent.p) > MAX_POWER_EXPONENT:
            self.fail(f"power at column {column} has exponent {exponent}; at most "
                      f"{MAX_POWER_EXPONENT} in size is accepted")
        return Pow(base, exponent)


def _rational_bits(value: Rational) -> int:
    return max(abs(value.p).bit_length(), value.q.bit_length())


def _last_visible(text: str) -> int:
    """The index after the last character of ``text`` that is not whitespace (0 if there is none)."""
    return len(text.rstrip())


_SPACES = re.compile(r"\s*")

#: what a character the grammar cannot read is meant as, and how to write it instead
_HINTS = {"↑": "; mark the n = 0 value of a sequence with '>' before it or '↑' after it: 1 >2 3 or {1, 2↑, 3}"}


def _hint(character: str) -> str:
    return _HINTS.get(character, "")


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
