"""Shared fixtures: the reference examples of the README, as exact data and exact answers.

Add a fixture here only when several test files need it; keep each one a plain value with a
docstring that says where it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sympy import Rational


@dataclass(frozen=True)
class Example:
    """Two operands and the exact answer the operation must give, with its start."""

    x: list
    h: list
    expected: list
    start: int | tuple[int, ...]


FRACTIONS_1D = Example(
    x=[1, Rational(1, 2), 1, 1],
    h=[1, Rational(1, 2), Rational(1, 4)],
    expected=[1, 1, Rational(3, 2), Rational(13, 8), Rational(3, 4), Rational(1, 4)],
    start=0,
)

IMAGE_5X5 = Example(
    x=[[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]],
    h=[[1, 0, 1], [0, 1, 0], [1, 0, 1]],
    expected=[[4, 3, 4], [2, 4, 3], [2, 3, 4]],
    start=(0, 0),
)


@pytest.fixture
def fractions_1d() -> Example:
    """The reference 1-D example: [1, 1/2, 1, 1] * [1, 1/2, 1/4] = [1, 1, 3/2, 13/8, 3/4, 1/4], n = 0..5."""
    return FRACTIONS_1D


@pytest.fixture
def image_5x5() -> Example:
    """The reference 2-D example: the 5x5 binary image correlated (CNN style, valid) with the 3x3 'X'."""
    return IMAGE_5X5
