"""The exceptions symconv raises: one family, one-line messages.

Every message reads ``<where>: <what is wrong>[; <what would be accepted>]`` so that the CLI
can print it as a single line.

Examples
--------
>>> err = InputError("data, item 3", "'0,5' is not a number; write 0.5 or 1/2")
>>> str(err)
"data, item 3: '0,5' is not a number; write 0.5 or 1/2"
>>> err.where, isinstance(err, ValueError)
('data, item 3', True)
"""

from __future__ import annotations

__all__ = ["InputError", "SelfCheckError", "SymconvError", "UnsupportedError"]


class SymconvError(Exception):
    """Base class of every error symconv raises on purpose."""


class InputError(SymconvError, ValueError):
    """Bad user input: the message names where it is and what is wrong."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}" if where else problem)


class UnsupportedError(SymconvError, NotImplementedError):
    """A well-formed request that symconv does not handle (yet)."""


class SelfCheckError(SymconvError, RuntimeError):
    """An internal check failed: a result disagreed with its independent verification."""
