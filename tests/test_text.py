"""symconv.text: the grammar for one value, read without eval or sympify.

Exact error messages live in test_errors.py; here: what is accepted and what it means.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import I, Integer, Rational, Symbol, sqrt

from symconv.errors import InputError
from symconv.text import (MAX_DECIMAL_EXPONENT, DecimalLimitError, decimal_pair, decimal_to_rational, one_line,
                          read_plain_number, read_value, symbol)

a, b, x_0 = Symbol("a", real=True), Symbol("b", real=True), Symbol("x_0", real=True)


@pytest.mark.parametrize("text, expected", [
    ("0", Integer(0)),
    ("7", Integer(7)),
    ("-7", Integer(-7)),
    ("+7", Integer(7)),
    ("1/2", Rational(1, 2)),
    ("-3/4", Rational(-3, 4)),
    ("0.5", Rational(1, 2)),
    ("0.1", Rational(1, 10)),
    (".5", Rational(1, 2)),
    ("5.", Integer(5)),
    ("1.25e-3", Rational(1, 800)),
    ("-1.25e-3", Rational(-1, 800)),
    ("1e3", Integer(1000)),
    ("1E+3", Integer(1000)),
    ("2.5E2", Integer(250)),
    ("  13/8  ", Rational(13, 8)),
    ("1/2/3", Rational(1, 6)),
    ("007", Integer(7)),
    ("0.000", Integer(0)),
    ("1e-0", Integer(1)),
])
def test_real_numbers_are_exact(text, expected):
    value = read_value(text)
    assert value == expected
    assert value.is_Rational  # never a Float


@pytest.mark.parametrize("text, expected", [
    ("i", I),
    ("j", I),
    ("2i", 2 * I),
    ("2j", 2 * I),
    ("2 i", 2 * I),
    ("1+2i", 1 + 2 * I),
    ("1+2j", 1 + 2 * I),
    ("1 + 2i", 1 + 2 * I),
    ("1-i", 1 - I),
    ("0.5j", I / 2),
    ("-1.5e-1i", -3 * I / 20),
    ("(1+i)(1-i)", Integer(2)),
    ("i^2", Integer(-1)),
    ("i**3", -I),
    ("1/(1+i)", Rational(1, 2) - I / 2),
    ("I", I),                     # as SymPy prints the imaginary unit (QA: symconv's output reads back)
    ("2*I", 2 * I),
    ("1 + 2*I", 1 + 2 * I),
    ("2I", 2 * I),
    ("I*I", Integer(-1)),
    ("I i", Integer(-1)),
])
def test_gaussian_numbers(text, expected):
    value = read_value(text)
    assert (value - expected).expand() == 0


@pytest.mark.parametrize("text, expected", [
    ("a", a),
    ("x_0", x_0),
    ("alpha", Symbol("alpha", real=True)),
    ("w2", Symbol("w2", real=True)),
    ("2*a", 2 * a),
    ("2a", 2 * a),
    ("a b", a * b),
    ("3(a+1)", 3 * a + 3),
    ("a**2", a**2),
    ("a^2", a**2),
    ("-a^2", -a**2),
    ("(a+b)/2", (a + b) / 2),
    ("a - 2*b + 1/3", a - 2 * b + Rational(1, 3)),
    ("a**(1/2)", sqrt(a)),
    ("ii", Symbol("ii", real=True)),
    ("II", Symbol("II", real=True)),
    ("Ia", Symbol("Ia", real=True)),
    ("nano", Symbol("nano", real=True)),
    ("α", Symbol("alpha", real=True)),
])
def test_names_and_expressions(text, expected):
    assert read_value(text) == expected


def test_names_are_real_symbols():
    value = read_value("a")
    assert value.is_real and value.conjugate() == value
    assert symbol("a") == a and symbol("a").is_real


@pytest.mark.parametrize("text, expected", [
    ("2**3**2", Integer(512)),        # right-associative
    ("2^3^2", Integer(512)),
    ("-2**2", Integer(-4)),            # the power binds tighter than the sign
    ("2^-1", Rational(1, 2)),
    ("2**-2", Rational(1, 4)),
    ("--1", Integer(1)),
    ("1-2-3", Integer(-4)),            # left-associative
    ("8/4/2", Integer(1)),
    ("2+3*4", Integer(14)),
    ("(2+3)*4", Integer(20)),
    ("4**(1/2)", Integer(2)),
    ("2**0.5", sqrt(2)),
    ("(1/2)^10", Rational(1, 1024)),
    ("0**0", Integer(1)),
])
def test_precedence_and_associativity(text, expected):
    assert read_value(text) == expected


def test_limits_allow_what_they_promise():
    assert read_value(f"1e{MAX_DECIMAL_EXPONENT}") == Integer(10) ** MAX_DECIMAL_EXPONENT
    assert read_value(f"1e-{MAX_DECIMAL_EXPONENT}") == Rational(1, 10**MAX_DECIMAL_EXPONENT)
    assert read_value("2**10000") == Integer(2) ** 10000
    assert read_value("1" * 4000) == (Integer(10) ** 4000 - 1) / 9
    assert read_value("a**10000") == a**10000  # a symbolic power builds no big number
    nested = "(" * 99 + "1" + ")" * 99
    assert read_value(nested) == 1


@pytest.mark.parametrize("text", [
    "", "   ", "0,5", "1 ? 2", "1+", "(1+2", "1/0", "0**-1", "2**i", "1e999999999", "10**10**10",
    "nan", "inf", "-Inf", "NaN", "infinity", "_a", "a.b", "x$", "1 2", "2**99999", "()", "*2",
    "1e10000*1e10000*1e10000*1e10000", "(" * 200 + "1" + ")" * 200, "-" * 500 + "1", "1" * 4001,
    "1e" + "1" * 5000, "__import__('os')", "a[0]", "lambda: 1", "1;2", "1..2",
])
def test_refused_as_input_error(text):
    with pytest.raises(InputError):
        read_value(text)


def test_where_is_carried():
    with pytest.raises(InputError) as caught:
        read_value("1/0", where="kernel, item 2")
    assert caught.value.where == "kernel, item 2"
    assert caught.value.problem == "'1/0' divides by zero"


@pytest.mark.parametrize("mantissa, exponent, expected", [
    ("0.1", 0, Rational(1, 10)),
    ("1.25", -3, Rational(1, 800)),
    ("12", 2, Integer(1200)),
    ("0", 5, Integer(0)),
    (".5", 1, Integer(5)),
    ("3.", -1, Rational(3, 10)),
])
def test_decimal_to_rational(mantissa, exponent, expected):
    assert decimal_to_rational(mantissa, exponent) == expected


# ------------------------------------------------------------------ read_plain_number: the bulk path (issue 8)
# Texts of every kind users write in long lists, edge cases and texts the grammar refuses included.
# test_exact.py and test_parse.py import PLAIN_AND_OTHER_TEXTS for whole lists.

_digits = st.text(alphabet="0123456789", min_size=1, max_size=6)
_mantissas = st.one_of(_digits, _digits.map(lambda d: d + "."), _digits.map(lambda d: "." + d),
                       st.tuples(_digits, _digits).map(".".join))
_exponents = st.one_of(
    st.just(""),
    st.tuples(st.sampled_from("eE"), st.sampled_from(["", "+", "-"]),
              st.one_of(_digits, st.sampled_from(["10000", "10001", "00010000", "99999999999"]))).map("".join),
)
_decimals = st.one_of(st.tuples(_mantissas, _exponents).map("".join),
                      st.sampled_from(["0", "-0", "0.0", "0e5", "007", "1e0", "1E-3", "5.", ".5",
                                       "7" * 4000, "7" * 4001, "7" * 3996 + "e999", "1" + "0" * 3996 + "e-10000"]))
_space = st.sampled_from(["", "", "", " ", "\t"])
_signs = st.sampled_from(["", "", "-", "+"])
_reals = st.tuples(_space, _signs, _space, _decimals, st.one_of(
    st.just(""), st.tuples(_space, st.just("/"), _space, _signs, _decimals).map("".join)), _space).map("".join)
_gaussians = st.tuples(_space, _signs, st.one_of(
    st.just(""), st.tuples(_decimals, _space, st.sampled_from("+-"), _space).map("".join)),
    _decimals, st.sampled_from("ij"), _space).map("".join)
_others = st.sampled_from([
    "1/0", "0/0", "-3/-4", "-3/+4", "1/0.0e5", "1e10000/1e-10000", "+-5", "--5", "1/2/3", "2**3", "2^-1",
    "1e", "1e5x", "2a", "a", "x_0", "b/2", "i", "-i", "1+i", "2 i", "1i", "3/4i", "1/2+3/4i", "1+2i+3",
    "I", "-I", "2I", "2*I", "1 + 2*I", "1+2I", "1-I", "I/2", "1e3I", "1/2I",
    "", " ", "0,5", "1 2", "nan", "inf", "1.2.3", ".", ".e5", "e5", "\u0663", "\u00a05", "5\u00a0", "1_000",
    "(1)", "1e+2i", "1e-2j", "1.i", "5./2",
])
PLAIN_AND_OTHER_TEXTS = st.one_of(_reals, _gaussians, _others,
                                  st.text(alphabet="0123456789.eE+-/ ijaI*", max_size=10))


def _grammar_or_error(text):
    try:
        return read_value(text)
    except InputError as error:
        return str(error)


@settings(max_examples=500, deadline=None)
@given(PLAIN_AND_OTHER_TEXTS)
def test_plain_numbers_read_as_the_grammar_reads_them(text):
    number = read_plain_number(text)
    if number is not None:
        real, imag, denominator = number
        assert Rational(real, denominator) + I * Rational(imag, denominator) == read_value(text)
        assert denominator > 0 and Rational(real, denominator).q * Rational(imag, denominator).q % denominator == 0
    else:
        _grammar_or_error(text)  # the grammar reads it or refuses it; nothing else may escape


@pytest.mark.parametrize("text, expected", [
    ("-0", (0, 0, 1)), ("+5", (5, 0, 1)), (".5", (1, 0, 2)), ("5.", (5, 0, 1)), ("1e0", (1, 0, 1)),
    ("1E-3", (1, 0, 1000)), ("007", (7, 0, 1)), ("2/4", (1, 0, 2)), ("-3/-4", (3, 0, 4)),
    (" - 5 / 10 ", (-1, 0, 2)), ("1.25e-3", (1, 0, 800)), ("1e+2i", (0, 100, 1)), ("-2j", (0, -2, 1)),
    ("-1-0.5i", (-2, -1, 2)), ("0.5 + 1/3", (5, 0, 6)), ("1 - -2 + 3/-4", (9, 0, 4)), ("1e10000", (10**10000, 0, 1)),
    ("1e10000/1e-10000", (10**20000, 0, 1)),
])
def test_plain_number_cases(text, expected):
    assert read_plain_number(text) == expected


@pytest.mark.parametrize("text, message", [
    ("1/0", "value: '1/0' divides by zero"),
    ("-3/0.0e5", "value: '-3/0.0e5' divides by zero"),
    ("1e10001", "value: '1e10001' has exponent 10001; at most 10000 in size is accepted"),
    ("1/1e-10001", "value: '1e-10001' has exponent -10001; at most 10000 in size is accepted"),
    pytest.param("7" * 4001, "value: the number at column 1 has 4001 digits; at most 4000 are accepted",
                 id="digits"),
    pytest.param("1+" + "7" * 4001 + "i", "value: the number at column 3 has 4001 digits; at most 4000 are "
                 "accepted", id="digits-imaginary"),
    pytest.param("1/2e" + "0" * 4000, "value: the number at column 3 has 4001 digits; at most 4000 are "
                 "accepted", id="digits-divisor-exponent"),
])
def test_plain_path_leaves_every_refusal_to_the_grammar(text, message):
    assert read_plain_number(text) is None
    with pytest.raises(InputError) as caught:
        read_value(text)
    assert str(caught.value) == message


# ----------------------------------------------------------------- what the grammar refuses (QA)


@pytest.mark.parametrize("text, message", [
    # QA: no longer suggests 'sqrt*(...)', which reads as a symbol sqrt times the value
    ("sqrt(2)", "value: 'sqrt(2)' is not read: 'sqrt(' is a function call, and functions are not read (values are "
                "numbers, names and + - * / ** only); write the value instead, e.g. 2**(1/2) for sqrt(2)"),
    ("2*sin(x)", "value: '2*sin(x)' is not read: 'sin(' is a function call, and functions are not read (values are "
                 "numbers, names and + - * / ** only); write the value instead, e.g. 2**(1/2) for sqrt(2)"),
    ("0x10", "value: '0x10' is not read: hexadecimal, binary and octal numbers are not; write the number in decimal"),
    ("0b101", "value: '0b101' is not read: hexadecimal, binary and octal numbers are not; write the number in "
              "decimal"),
    ("½", "value: '½' is not a number or expression ('½' at column 1 is not a digit, letter or _)"),
    ("x²", "value: 'x²' is not a number or expression ('²' at column 2 is not a digit, letter or _)"),
])
def test_function_calls_hexadecimal_and_unicode_fractions_are_refused(text, message):
    with pytest.raises(InputError) as error:
        read_value(text)
    assert str(error.value) == message


@pytest.mark.parametrize("text, value", [("−1", -1), ("3−2", 1), ("−1/2", Rational(-1, 2)), ("10x1", "10*x1"),
                                         ("2a", "2*a"), ("a*(b+1)", "a*(b + 1)"), ("a (b+1)", "a*(b + 1)")])
def test_the_unicode_minus_and_implicit_products_still_read(text, value):
    assert str(read_value(text)) == str(value)


# ------------------------------------------------------------------ one decimal -> fraction function (review)
@pytest.mark.parametrize("mantissa, exponent, expected", [
    ("1.25", "-3", (1, 800)), ("12", None, (12, 1)), (".5", "1", (5, 1)), ("3.", "-1", (3, 10)),
    ("0", "+10000", (0, 1)), ("1", "-10000", (1, 10**10000)), ("2.50", None, (5, 2)),
])
def test_decimal_pair_is_in_lowest_terms(mantissa, exponent, expected):
    assert decimal_pair(mantissa, exponent) == expected


@pytest.mark.parametrize("mantissa, exponent, digits, power", [
    ("1", "10001", None, 10001), ("1", "-999999999", None, -999999999), ("7" * 4001, None, 4001, None),
    ("7" * 3999, "10", 4001, None), ("7" * 3998 + ".", "10", 4000, None),
])
def test_decimal_pair_checks_the_limits_before_building(mantissa, exponent, digits, power):
    if digits == 4000:  # at the digit limit: the exponent 10 is fine
        assert decimal_pair(mantissa, exponent)[1] == 1
        return
    with pytest.raises(DecimalLimitError) as caught:
        decimal_pair(mantissa, exponent)
    assert (caught.value.digits, caught.value.exponent) == (digits, power)


def test_grammar_and_bulk_reader_share_the_decimal_function(monkeypatch):
    import symconv.text

    calls = []
    real = symconv.text.decimal_pair
    monkeypatch.setattr(symconv.text, "decimal_pair", lambda *args: calls.append(args) or real(*args))
    assert read_value("1.5e-1") == Rational(3, 20) and read_plain_number("1.5e-1") == (3, 0, 20)
    assert calls == [("1.5", "-1"), ("1.5", "-1")]


def test_one_line_escapes_what_is_not_printable():
    assert one_line("a b") == "a b"
    assert one_line("2\n3\t\ufeff\u00a0é") == "2\\n3\\t\\ufeff\\xa0é"
