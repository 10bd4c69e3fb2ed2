"""The grammars of option values (symconv.options): results, and every message exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from symconv.errors import InputError
from symconv.exact import to_exact
from symconv.options import (OPERATIONS, read_bias, read_index, read_layer_outputs, read_op, read_outputs,
                             read_parameter, read_period)


@given(st.lists(st.integers(1, 10**6), min_size=1, max_size=4))
def test_period_reads_what_is_written(periods):
    read = read_period(",".join(map(str, periods)))
    assert read == (periods[0] if len(periods) == 1 else tuple(periods))


@given(st.lists(st.tuples(st.integers(0, 99), st.integers(0, 99)) | st.integers(0, 99), min_size=1, max_size=3))
def test_padding_per_axis_and_side(items):
    text = ",".join(f"{i[0]}:{i[1]}" if isinstance(i, tuple) else str(i) for i in items)
    read = read_parameter(text, "--padding")
    if len(items) == 1 and not isinstance(items[0], tuple):
        assert read == items[0]
    else:
        assert read == tuple(items)


@pytest.mark.parametrize("reader, text, message", [
    (read_period, "x", "N: 'x' is not a positive integer"),
    (read_period, "3,-1", "N: '3,-1' is not a positive integer"),
    (read_outputs, "1;b", "--at: 'b' is not an output index such as 3 or 1,1"),
    (read_layer_outputs, "1,1;0:x", "--at: '0:x' is not an output such as 3, 1,1 or 0:1,1 (output channel 0 at 1,1)"),
    (read_layer_outputs, "0,1:2", "--at: '0,1:2' is not an output such as 3, 1,1 or 0:1,1 (output channel 0 at 1,1)"),
    (lambda text: read_index(text, "--scatter"), "1;2", "--scatter: '1;2' is not an input index such as 3 or 1,1"),
    (read_bias, "[[1, 2], [3, 4]]", "--bias: '[[1, 2], [3, 4]]' is not a list of values; give one value per output "
                                    "channel, separated by commas: '1, -1/2'"),
    (lambda text: read_parameter(text, "--padding", words=("same", "valid")), "1:2:3",
     "--padding: '1:2:3' has 3 parts; write before:after"),
    (lambda text: read_parameter(text, "--padding", words=("same", "valid")), "full",
     "--padding: 'full' is not an integer; write 2, or 2,1 for one value per axis, 1:2 for before:after, same, "
     "valid"),
    (lambda text: read_parameter(text, "--stride"), "9" * 1001,
     "--stride: an integer of more than 1000 digits is not a sane size; give at most 1000 digits"),
    (read_op, "conf", "--op: 'conf' is not one of: conv, corr, circ, layer; did you mean 'conv'?"),
    (read_op, "xyz", "--op: 'xyz' is not one of: conv, corr, circ, layer"),
])
def test_messages(reader, text, message):
    with pytest.raises(InputError) as error:
        reader(text)
    assert str(error.value) == message


def test_layer_outputs_and_bias():
    assert read_layer_outputs("2;1:0,1") == [2, (1, (0, 1))]
    assert read_bias("[1, 0.5, -2/3]") == [1, to_exact("1/2"), to_exact("-2/3")]


def test_op_vocabulary_is_short_and_long_names():
    assert {name: read_op(name) for name in OPERATIONS} == OPERATIONS
    assert read_op(" Corr ") == "correlate"
