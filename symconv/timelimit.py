"""Time limits, one mechanism for every entry point: check, explain, layers and check-batch.

:class:`Limiter` runs calls under a limit of so many seconds. On the main thread of a POSIX
system the limit is a ``SIGALRM`` timer; elsewhere (Windows, a worker thread) the calls run in
one worker process, kept for the next call and replaced after a timeout. A call over its limit
raises :class:`TimeLimitExceeded`. Limits do not nest: a limited call made while another is
running runs under the outer limit (``check-batch``'s per-item limit covers the ``check`` it
calls).

:func:`with_time_limit` gives a library function a ``time_limit=`` keyword (seconds; ``None``
or 0: no limit), whose expiry is an :class:`~symconv.errors.InputError` in one line.

Examples
--------
>>> with Limiter(5) as limiter:
...     limiter.call(sum, [1, 2, 3])
6
>>> seconds(-1, "time_limit")
Traceback (most recent call last):
...
symconv.errors.InputError: time_limit: -1 is not a number of seconds; give seconds, or 0 for no limit
"""

from __future__ import annotations

import functools
import importlib
import math
import signal
import threading
from collections.abc import Callable
from typing import Any

from symconv.errors import InputError, SymconvError

__all__ = ["COMMAND_TIME_LIMIT", "Limiter", "TimeLimitExceeded", "seconds", "with_time_limit"]

COMMAND_TIME_LIMIT = 60.0
"""Seconds ``symconv check``, ``explain`` and ``layer`` may take by default (``--time-limit``)."""

_running = threading.local()  # .active: a limit is running on this thread


class TimeLimitExceeded(SymconvError):
    """A call ran over its time limit (``.seconds``)."""

    def __init__(self, limit: float) -> None:
        self.seconds = limit
        super().__init__(f"no result within the time limit of {limit:g} s")


class _Alarm(BaseException):
    """Raised by the timer inside the call (a BaseException, so that no ``except Exception``
    inside SymPy swallows it)."""


def seconds(value: Any, where: str = "time_limit") -> float | None:
    """A time limit as seconds, or None for no limit (``None`` or 0).

    Raises
    ------
    InputError
        ``value`` is negative, infinite, nan or not a number.

    Examples
    --------
    >>> seconds(2), seconds(0), seconds(None)
    (2.0, None, None)
    """
    if value is None:
        return None
    try:
        limit = float(value)
    except (TypeError, ValueError):
        raise InputError(where, f"{value!r} is not a number of seconds; give seconds, or 0 for no limit") from None
    if isinstance(value, bool) or not 0 <= limit < math.inf:
        raise InputError(where, f"{limit:g} is not a number of seconds; give seconds, or 0 for no limit")
    return limit or None


def _alarm_available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class Limiter:
    """Runs calls under a time limit of ``limit`` seconds (``None`` or 0: no limit).

    Use it as a context manager (or call :meth:`close`): a worker process, when one was
    needed, is stopped at the end.
    """

    def __init__(self, limit: float | None, *, use_alarm: bool | None = None) -> None:
        self.limit = seconds(limit)
        self.use_alarm = _alarm_available() if use_alarm is None else use_alarm
        self.pool: Any = None

    def __enter__(self) -> Limiter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def call(self, function: Callable, *args: Any, **kwargs: Any) -> Any:
        """``function(*args, **kwargs)``, or :class:`TimeLimitExceeded` when over the limit.

        In a worker process the function, its arguments and its result travel by pickle: the
        function must be importable by its name (a module-level function).
        """
        if self.limit is None or getattr(_running, "active", False):
            return function(*args, **kwargs)
        if self.use_alarm:
            return self._with_alarm(function, args, kwargs)
        return self._in_worker(function, args, kwargs)

    def _with_alarm(self, function: Callable, args: tuple, kwargs: dict) -> Any:
        def ring(signum: int, frame: Any) -> None:
            raise _Alarm

        previous: Callable | int | None = signal.signal(signal.SIGALRM, ring)
        _running.active = True
        try:
            # rings again every 50 ms: an alarm raised inside a garbage-collector callback or a
            # __del__ is swallowed by Python, the next one is not
            signal.setitimer(signal.ITIMER_REAL, self.limit, 0.05)
            try:
                return function(*args, **kwargs)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except _Alarm:
            raise TimeLimitExceeded(self.limit) from None
        finally:
            _running.active = False
            signal.signal(signal.SIGALRM, previous)

    def _in_worker(self, function: Callable, args: tuple, kwargs: dict) -> Any:
        import multiprocessing

        if self.pool is None:
            self.pool = multiprocessing.get_context("spawn").Pool(1)
            self.pool.apply(_by_name, ("builtins", "len", ((),), {}))  # start-up time is not the call's
        name = (function.__module__, function.__qualname__)
        pending = self.pool.apply_async(_by_name, (*name, args, kwargs))
        try:
            return pending.get(self.limit)
        except multiprocessing.TimeoutError:
            self.close()
            raise TimeLimitExceeded(self.limit) from None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None


def _by_name(module: str, name: str, args: tuple, kwargs: dict) -> Any:
    """Call a module-level function found by name in a worker (a function decorated by
    :func:`with_time_limit` is called undecorated: the worker is already the limit)."""
    function: Any = importlib.import_module(module)
    for part in name.split("."):
        function = getattr(function, part)
    _running.active = True
    return getattr(function, "__wrapped__", function)(*args, **kwargs)


def with_time_limit(result: str) -> Callable[[Callable], Callable]:
    """Give a library function a keyword ``time_limit`` (seconds; ``None`` or 0: no limit).

    Over the limit the call raises ``InputError('time_limit', 'no <result> within N s; ...')``.
    The decorated function must be module-level (a worker process finds it by name).

    Examples
    --------
    >>> @with_time_limit("sum")
    ... def total(values):
    ...     return sum(values)
    >>> total([1, 2], time_limit=5)
    3
    """
    def decorate(function: Callable) -> Callable:
        @functools.wraps(function)
        def limited(*args: Any, time_limit: float | None = None, **kwargs: Any) -> Any:
            limit = seconds(time_limit)
            if limit is None:
                return function(*args, **kwargs)
            try:
                with Limiter(limit) as limiter:
                    return limiter.call(function, *args, **kwargs)
            except TimeLimitExceeded:
                raise InputError("time_limit", f"no {result} within {limit:g} s; give a larger limit, "
                                               "or 0 for none") from None
        return limited
    return decorate
