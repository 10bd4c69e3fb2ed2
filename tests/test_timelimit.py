"""symconv.timelimit: one time-limit mechanism for check-batch, check, explain and layers.

No test times anything: a call that sleeps far longer than its limit must be cut off, and the
messages are matched exactly.
"""

from __future__ import annotations

import importlib
import time

import pytest
from helpers import run_cli

import symconv
from symconv.errors import InputError
from symconv.timelimit import Limiter, TimeLimitExceeded, seconds, with_time_limit

answer = importlib.import_module("symconv.check.answer")
derive = importlib.import_module("symconv.derive")
timelimit = importlib.import_module("symconv.timelimit")

# an alarm that lands in a garbage-collector callback is reported by Python as unraisable (and
# rings again 50 ms later): that report is expected here
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


def _slow(*args, **kwargs):
    time.sleep(60)


@pytest.mark.parametrize("value, limit", [(None, None), (0, None), (2, 2.0), ("1.5", 1.5)])
def test_seconds(value, limit):
    assert seconds(value) == limit


@pytest.mark.parametrize("value, message", [
    (-1, "time_limit: -1 is not a number of seconds; give seconds, or 0 for no limit"),
    (float("inf"), "time_limit: inf is not a number of seconds; give seconds, or 0 for no limit"),
    (float("nan"), "time_limit: nan is not a number of seconds; give seconds, or 0 for no limit"),
    ("soon", "time_limit: 'soon' is not a number of seconds; give seconds, or 0 for no limit"),
    (True, "time_limit: 1 is not a number of seconds; give seconds, or 0 for no limit"),
])
def test_bad_seconds(value, message):
    with pytest.raises(InputError) as error:
        seconds(value)
    assert str(error.value) == message


def test_limiter_with_the_alarm():
    with Limiter(0.2) as limiter:
        with pytest.raises(TimeLimitExceeded) as error:
            limiter.call(time.sleep, 60)
        assert error.value.seconds == 0.2
        assert limiter.call(sum, [1, 2]) == 3  # the next call runs normally


def test_limits_do_not_nest():
    """A limited call inside a limited call runs under the outer limit."""
    def inner():
        with Limiter(30) as limiter:
            return limiter.call(time.sleep, 60)

    with Limiter(0.2) as outer, pytest.raises(TimeLimitExceeded) as error:
        outer.call(inner)
    assert error.value.seconds == 0.2


def test_limiter_in_a_worker_process(monkeypatch):
    monkeypatch.setattr(timelimit, "_alarm_available", lambda: False)
    with Limiter(1) as limiter:
        with pytest.raises(TimeLimitExceeded):
            limiter.call(time.sleep, 60)
        assert limiter.call(sum, [1, 2]) == 3  # a new worker


def test_with_time_limit_keeps_the_function():
    @with_time_limit("sum")
    def total(values):
        """The total."""
        return sum(values)

    assert total([1, 2]) == total([1, 2], time_limit=5) == total([1, 2], time_limit=0) == 3
    assert total.__doc__ == "The total."


def test_issue_21_check_time_limit(monkeypatch):
    monkeypatch.setattr(answer, "compute", _slow)
    with pytest.raises(InputError) as error:
        symconv.check("1 3 2", "1 2", "1 1", time_limit=0.2)
    assert str(error.value) == "time_limit: no verdict within 0.2 s; give a larger limit, or 0 for none"


def test_issue_21_explain_and_layer_time_limit(monkeypatch):
    monkeypatch.setattr(derive, "as_signal", _slow)
    with pytest.raises(InputError) as error:
        symconv.explain("1 2", "1 1", time_limit=0.2)
    assert str(error.value) == "time_limit: no worked solution within 0.2 s; give a larger limit, or 0 for none"
    layers = importlib.import_module("symconv.cnn.layers")
    monkeypatch.setattr(layers, "read_layer", _slow)
    with pytest.raises(InputError) as error:
        symconv.conv_layer([[1, 2]], [[[1]]], time_limit=0.2)
    assert str(error.value) == "time_limit: no result within 0.2 s; give a larger limit, or 0 for none"


@pytest.mark.parametrize("command, what", [
    (["check", "1 3 2", "1 2", "1 1"], "verdict"),
    (["explain", "1 2", "1 1"], "worked solution"),
    (["layer", "1 2", "1 1"], "result"),
])
def test_issue_21_cli_time_limit(command, what, monkeypatch, capsys):
    cli = importlib.import_module("symconv.cli")
    monkeypatch.setitem(cli._SUBCOMMANDS, command[0], ("slow", _slow))
    assert run_cli([*command, "--time-limit", "0.2"], capsys) == (
        2, "", f"symconv: error: --time-limit: no {what} within 0.2 s; give a larger --time-limit, or 0 for none\n")


def test_cli_bad_time_limit(capsys):
    assert run_cli(["explain", "1 2", "1 1", "--time-limit", "-1"], capsys) == (
        2, "", "symconv: error: --time-limit: -1 is not a number of seconds; give seconds, or 0 for no limit\n")


def test_an_alarm_swallowed_by_a_callback_rings_again():
    """Python ignores an exception raised in a gc callback or __del__; the timer rings again."""
    class Swallower:
        def __del__(self):
            time.sleep(0.5)  # the first alarm rings here and is lost

    def work():
        Swallower()
        time.sleep(60)

    with Limiter(0.2) as limiter, pytest.raises(TimeLimitExceeded):
        limiter.call(work)
