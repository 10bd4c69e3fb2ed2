"""symconv.parse: sequences and matrices written as text, with their start."""

from __future__ import annotations

import pytest
from sympy import I, Rational, Symbol

from symconv.errors import InputError
from symconv.parse import MARK, MAX_TEXT_LENGTH, parse_signal

a = Symbol("a", real=True)
HALF = Rational(1, 2)


def values(text):
    samples, _ = parse_signal(text)
    return samples.to_objects().tolist()


def starts(text):
    return parse_signal(text)[1]


@pytest.mark.parametrize("text", [
    "1 0.5 1 1",
    "1, 1/2, 1, 1",
    "1,1/2,1,1",
    "[1, 0.5, 1, 1]",
    "[1 0.5 1 1]",
    "  1   0.5\t1 1  ",
    "1, 0.5, 1, 1,",
])
def test_one_dimensional_notations(text):
    assert values(text) == [1, HALF, 1, 1]
    assert starts(text) is None


@pytest.mark.parametrize("text, expected", [
    ("1 + 2i, 3", [1 + 2 * I, 3]),
    ("1+2j 3", [1 + 2 * I, 3]),
    ("a, 2*a, a**2", [a, 2 * a, a**2]),
    ("a 2a", [a, 2 * a]),
    ("-1.25e-3", [Rational(-1, 800)]),
    ("7", [7]),
])
def test_values_with_expressions(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text", [
    "1 2; 3 4",
    "1 2;3 4",
    "1, 2; 3, 4",
    "1 2\n3 4",
    "1 2\n3 4\n",
    "1,2\n3,4\n",
    "[[1, 2], [3, 4]]",
    "[[1,2],[3,4]]",
    "[[1 2] [3 4]]",
    "# an image\n1 2   # first row\n\n3 4\n",
    "1 2\r\n3 4\r\n",
])
def test_two_dimensional_notations(text):
    assert values(text) == [[1, 2], [3, 4]]


@pytest.mark.parametrize("text, expected_starts, expected_values", [
    ("1 >2 3", (-1,), [1, 2, 3]),
    (">1 2 3", (0,), [1, 2, 3]),
    ("1 2 >3", (-2,), [1, 2, 3]),
    ("1, >1/2, 1", (-1,), [1, HALF, 1]),
    ("n=-1: 1 2 3", (-1,), [1, 2, 3]),
    ("n = 2 : 1 2 3", (2,), [1, 2, 3]),
    ("start=-2: 1 2", (-2,), [1, 2]),
    ("n=-1..1: 1/2, 1, 1/2", (-1,), [HALF, 1, HALF]),
    ("n=+3: 1", (3,), [1]),
    ("1 2; >3 4", (-1, 0), [[1, 2], [3, 4]]),
    ("1 2 3; 4 >5 6; 7 8 9", (-1, -1), [[1, 2, 3], [4, 5, 6], [7, 8, 9]]),
    ("n=(-1,0): 1 2; 3 4", (-1, 0), [[1, 2], [3, 4]]),
    ("n=-1: 1 2; 3 4", (-1, -1), [[1, 2], [3, 4]]),
])
def test_the_n0_mark_and_prefixes(text, expected_starts, expected_values):
    samples, found = parse_signal(text)
    assert found == expected_starts
    assert samples.to_objects().tolist() == expected_values


def test_mark_is_documented_symbol():
    assert MARK == ">"


def test_text_at_the_limit_is_read():
    text = ("1 " * (MAX_TEXT_LENGTH // 2))[:MAX_TEXT_LENGTH]
    samples, _ = parse_signal(text)
    assert samples.shape == (MAX_TEXT_LENGTH // 2,)


@pytest.mark.parametrize("text", [
    "", "  ", "\n\n", "# only a comment", "[]", "[[]]", "1 2; 3", "[[1, 2], [3, 4]", "[1, 2",
    ">1 >2", "n=1: >1 2", "n=-1..3: 1 2", "n=(1,2,3): 1 2; 3 4", "1 0,5", "1 2 nan",
    "1 " * (MAX_TEXT_LENGTH // 2 + 1),
])
def test_refused(text):
    with pytest.raises(InputError):
        parse_signal(text)


def test_where_names_the_operand_and_item():
    with pytest.raises(InputError) as caught:
        parse_signal("1 2 x$", where="kernel")
    assert caught.value.where == "kernel, item 3"
    with pytest.raises(InputError) as caught:
        parse_signal("1 2; 3 x$", where="data")
    assert caught.value.where == "data, row 2, column 2"
