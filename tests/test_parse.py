"""symconv.parse: sequences and matrices written as text, with their start."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import I, Rational, Symbol

from symconv.errors import InputError
from symconv.exact import to_exact
from symconv.parse import MARK, MAX_TEXT_LENGTH, parse_signal
from test_text import PLAIN_AND_OTHER_TEXTS

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
    text = "1 2" + " " * (MAX_TEXT_LENGTH - 3)
    samples, _ = parse_signal(text)
    assert samples.shape == (2,)


def test_a_file_of_10_to_the_5_values_is_read_exactly():
    values = [f"{k % 997 - 498}/{k % 89 + 1}" for k in range(10**5)]  # about 700,000 characters
    samples, _ = parse_signal(" ".join(values))
    assert samples.shape == (10**5,)
    assert [Fraction(int(p), samples.denominator) for p in samples.real[:3]] == [Fraction(-498), Fraction(-497, 2),
                                                                                 Fraction(-496, 3)]


@pytest.mark.parametrize("text", [
    "", "  ", "\n\n", "# only a comment", "[]", "[[]]", "1 2; 3", "[[1, 2], [3, 4]", "[1, 2",
    ">1 >2", "n=1: >1 2", "n=-1..3: 1 2", "n=(1,2,3): 1 2; 3 4", "1 0,5", "1 2 nan",
    "1" + " " * MAX_TEXT_LENGTH,
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


# ---------------------------------------------------------------------- N-D nested brackets
def test_three_dimensional_nesting_as_pytorch_prints_it():
    samples, found = parse_signal("[[[1,2],[3,4]],[[5,6],[7,8]]]")
    assert samples.shape == (2, 2, 2) and found is None
    assert samples.to_objects().tolist() == [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]


def test_four_dimensional_nesting_with_spaces_newlines_and_fractions():
    text = "[\n [[[1, 0.5]], [[-1/3, a]]],\n [[[0, 1]], [[2, 3]]]\n]\n"
    assert values(text) == [[[[1, HALF]], [[Rational(-1, 3), a]]], [[[0, 1]], [[2, 3]]]]


def test_a_json_file_of_nested_lists_is_read_exactly():
    import json

    data = [[[0.1, -2], [3, 4.25]], [[5, 6], [7, 8]]]
    assert values(json.dumps(data, indent=2)) == [[[Rational(1, 10), -2], [3, Rational(17, 4)]],
                                                  [[5, 6], [7, 8]]]


def test_json_strings_are_read_by_the_grammar():
    assert values('["a", "1/3", "1 + 2i", 2]') == [a, Rational(1, 3), 1 + 2 * I, 2]
    with pytest.raises(InputError) as caught:  # brackets inside a string are text, not structure
        parse_signal('["[1]"]')
    assert str(caught.value) == "data, item 1: '[1]' is not a number or expression (unexpected '[' at column 1)"


def test_marks_in_nested_brackets_give_every_start():
    samples, found = parse_signal("[[[1, 2], [3, 4]], [[5, >6], [7, 8]]]")
    assert found == (-1, 0, -1) and samples.shape == (2, 2, 2)
    assert parse_signal("[[1, 2], [>3, 4]]")[1] == (-1, 0)
    assert parse_signal("[1, >2, 3]")[1] == (-1,)


@pytest.mark.parametrize("text, message", [
    ("[[[1,2],[3,4]],[[5,6]]]",
     "data, [1] at column 16: has 1 item where [0] has 2; lists at the same depth must be equally long"),
    ("[[[1,2],[3,4]],[[5,6],[7]]]",
     "data, [1, 1] at column 23: has 1 item where [0, 0] has 2; lists at the same depth must be equally long"),
    ("[[1,2],[[3,4]]]",
     "data, [1, 0] at column 9: is a list where [0, 0] is a value; every value must be nested equally deep"),
    ("[[1,2], 3]",
     "data, [1] at column 9: is a value ('3') where [0] is a list; every value must be nested equally deep"),
    ("[[[1,2],[3,4]],[5,6]]",
     "data, [1, 0] at column 17: is a value ('5') where [0, 0] is a list; every value must be nested equally deep"),
    ("[1, [2]]", "data, [1] at column 5: is a list where [0] is a value; every value must be nested equally deep"),
    ("[[1],[2]] 3", "data: '3' at column 11 follows the closing ']'; give one bracketed list"),
    ("[1] [2]", "data: '[' at column 5 follows the closing ']'; give one bracketed list"),
    ("[1]]", "data: ']' at column 4 closes no '['"),
    ("[[[1,2]", "data: '[' at column 2 is never closed by ']'"),
    ('["a]', "data: '\"' at column 2 is never closed"),
    ("[" * 33 + "1" + "]" * 33, "data: '[' at column 33: lists nested more than 32 deep"),
    # the 1-D and 2-D messages are kept
    ("[[1, 2], [3, 4]", "data: '[[' is never closed by ']]'"),
    ("[1, 2", "data: '[' is never closed by ']'"),
    ("[[1, 2], [3]]", "data, row 2: has 1 value where row 1 has 2; rows must be equally long"),
    ("[[[1, 2], [3, x$]]]",
     "data, item (0, 1, 1): 'x$' is not a number or expression (unexpected '$' at column 2)"),
])
def test_nested_brackets_refused_with_the_position(text, message):
    with pytest.raises(InputError) as caught:
        parse_signal(text)
    assert str(caught.value) == message


def test_nesting_at_the_depth_limit_is_read():
    from symconv.parse import MAX_DEPTH

    samples, _ = parse_signal("[" * MAX_DEPTH + "1" + "]" * MAX_DEPTH)
    assert samples.shape == (1,) * MAX_DEPTH


# ------------------------------------------------------------------ values read in bulk (issue 8)
# Plain numbers skip the grammar (symconv.text.read_plain_number): whole texts must read exactly as
# the grammar reads each item, with the same starts and the same first error, whatever the layout.

_TOKENS = PLAIN_AND_OTHER_TEXTS.filter(
    lambda t: t != "" and not any(c.isspace() or c in ",;#>[]\"" for c in t))


def _item_by_item(tokens, where="data"):
    return [to_exact(token, f"{where}, item {i + 1}") for i, token in enumerate(tokens)]


@settings(max_examples=200, deadline=None)
@given(st.lists(_TOKENS, min_size=1, max_size=10), st.sampled_from([" ", "  ", "\t", ",", ", ", " , ", " ,"]),
       st.sampled_from(["plain", "brackets", "mark", "prefix", "range"]), st.data())
def test_text_read_in_bulk_as_the_grammar_reads_each_item(tokens, separator, layout, data):
    marked = data.draw(st.integers(0, len(tokens) - 1)) if layout == "mark" else None
    written = [MARK + t if i == marked else t for i, t in enumerate(tokens)]
    text = {"brackets": "[{}]", "prefix": "n=-1: {}", "range": f"n=2..{len(tokens) + 1}: {{}}"}.get(
        layout, "{}").format(separator.join(written))
    try:
        expected = _item_by_item(tokens)
    except InputError as error:
        with pytest.raises(InputError) as caught:
            parse_signal(text)
        assert str(caught.value) == str(error)
        return
    samples, starts = parse_signal(text)
    assert samples.to_objects().tolist() == expected
    assert starts == {"mark": (-(marked or 0),), "prefix": (-1,), "range": (2,)}.get(layout)


@pytest.mark.parametrize("text, message", [
    ("1 2 1/0", "data, item 3: '1/0' divides by zero"),
    ("n=-1: 0.5, -3/-4, 1e10001", "data, item 3: '1e10001' has exponent 10001; at most 10000 in size is accepted"),
    (">1 a 2/0.0", "data, item 3: '2/0.0' divides by zero"),
    ("[1, 2/4, 1/0]", "data, item 3: '1/0' divides by zero"),
    ("1 2; 3 1/0", "data, row 2, column 2: '1/0' divides by zero"),
    ("[[[1, 2], [3, 4]], [[5, 6], [7, 1/0]]]", "data, item (1, 1, 1): '1/0' divides by zero"),
    ("1 " + "7" * 4001, "data, item 2: the number at column 1 has 4001 digits; at most 4000 are accepted"),
])
def test_value_errors_unchanged_by_the_bulk_path(text, message):
    with pytest.raises(InputError) as caught:
        parse_signal(text)
    assert str(caught.value) == message


def test_edge_numbers_read_in_bulk():
    assert values("-0 +5 .5 5. 1e0 1E-3 007 2/4 -3/-4 1+2i") == [
        0, 5, HALF, 5, 1, Rational(1, 1000), 7, HALF, Rational(3, 4), 1 + 2 * I]


def test_json_literals_in_brackets_are_refused_but_a_quoted_name_is_a_symbol():
    with pytest.raises(InputError) as error:
        parse_signal("[[1, null], [2, 3]]")
    assert str(error.value) == ("data: 'null' at column 6 is a JSON literal, not a value; write a number or, for a "
                                "symbol of that name, \"null\"")
    samples, _ = parse_signal('["true", 1]')
    assert samples.to_objects().tolist() == [Symbol("true", real=True), 1]


# ------------------------------------------------------------------ QA round 2: commas, comments, BOM
@pytest.mark.parametrize("text, expected", [
    ("1 ,2", [1, 2]),                            # a space before a comma (QA: ',2' was an item)
    ("1 , 2 ,3", [1, 2, 3]),
    ("1 + 2i , 3", [1 + 2 * I, 3]),
    ("[1 ,2]", [1, 2]),
    ("[[1,2] ,[3,4]]", [[1, 2], [3, 4]]),        # valid JSON (QA: "is a value (',') where [0] is a list")
    ("[[1,2]\n ,[3,4]]", [[1, 2], [3, 4]]),
    ("1 ,2; 3 ,4", [[1, 2], [3, 4]]),
    (" ,1, 2 , ", [1, 2]),                       # commas and blanks at either end are dropped
    ('["a b", 1]', [a * Symbol("b", real=True), 1]),  # a string is one value
])
def test_a_comma_separates_wherever_it_stands(text, expected):
    assert values(text) == expected


def test_a_row_without_separating_commas_is_split_at_whitespace():
    assert values("1 2\t3") == [1, 2, 3]
    with pytest.raises(InputError) as caught:  # a decimal comma keeps its hint
        parse_signal("1 0,5 2")
    assert str(caught.value) == "data, item 2: '0,5' is not a number; write 0.5 or 1/2"


@pytest.mark.parametrize("text, expected", [
    ("# c\n[1,2]\n", [1, 2]),                    # QA: "'[1' is not a number"
    ("[1,\n# mid\n2]\n", [1, 2]),                # QA: a cut-off error
    ("[[1,2],\n[3,4]] # c", [[1, 2], [3, 4]]),   # QA: "follows the closing ']'"
    ("[1, 2] # a \"quoted\" [3] comment", [1, 2]),
    ('["a", 1] # "b', [a, 1]),
    ("# header\nn=-1: 1 2 # x\n", [1, 2]),
    ("1 2 # a ; b\n3 4", [[1, 2], [3, 4]]),      # a ';' in a comment ends no row
    ("\ufeff[1,2]", [1, 2]),                     # QA: a leading BOM was refused
    ("\ufeff1 2\n3 4", [[1, 2], [3, 4]]),
])
def test_comments_in_every_notation_and_a_leading_bom(text, expected):
    assert values(text) == expected


def test_a_hash_inside_a_quoted_string_is_text():
    with pytest.raises(InputError) as caught:
        parse_signal('["a#b", 1]')
    assert str(caught.value) == "data, item 1: 'a#b' is not a number or expression (unexpected '#' at column 2)"
    assert starts("# x\nn=-1: 1 2") == (-1,)


@pytest.mark.parametrize("text, message", [
    ("[1,\n2\n3]", "data, item 2: '2\\n3' is not a number or expression (unexpected '3' at column 3)"),
    ("[[1],\n[2]]\n3\n4", "data: '3\\n4' at column 12 follows the closing ']'; give one bracketed list"),
    ("[[1, 2], 3\t4]", "data, [1] at column 10: is a value ('3\\t4') where [0] is a list; every value must be nested "
                       "equally deep"),
    ('["\ufeff1"]', "data, item 1: '\\ufeff1' is not a number or expression (unexpected '\\ufeff' at column 1)"),
    ('["\\q", 1]', "data: the string at column 2 has '\\q' at column 3, which JSON does not allow; escapes are "
                   "\\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX"),
    ('["a\tb"]', "data: the string at column 2 has the control character '\\t' at column 4, which JSON does not "
                 "allow in a string; write it as \\t or leave it out"),
    ('[1, "a\nb"]', "data: the string at column 5 has the control character '\\n' at column 7, which JSON does "
                    "not allow in a string; write it as \\n or leave it out"),
    ('["\\u12x"]', "data: the string at column 2 has '\\u12' at column 3, which JSON does not allow; escapes are "
                   "\\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX"),
])
def test_messages_quote_on_one_line(text, message):
    with pytest.raises(InputError) as caught:
        parse_signal(text)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_json_escapes_are_read():
    assert values('["\\u0061", "\\t1 "]') == [a, 1]


@pytest.mark.parametrize("text", ["1 ,2", "[[1,2] ,[3,4]]", "1, 2,3", "1 2 3", "[1 2 3]", '["1 + 2i" ,3]'])
def test_items_are_the_texts_of_their_spans(text):
    from symconv.parse import _items, _spans

    assert _items(text) == [text[left:right].strip() for left, right in _spans(text)]
