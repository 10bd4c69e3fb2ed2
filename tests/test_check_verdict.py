"""Verdict renderers: the index column is headed by what the index is (n, l, (i, j), axis, (c, i, j))."""

from __future__ import annotations

import json

import pytest

from symconv import check, check_output_size

IMAGE = [[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]]
KERNEL = [[1, 0, 1], [0, 1, 0], [1, 0, 1]]

CASES = {
    "convolution": (lambda: check("1 2 2", "1 1", "1 1"), "n"),
    "correlation lags": (lambda: check("1 2 3", "1 2", "1 1", op="correlate"), "l"),
    "2-D": (lambda: check([[1, 2], [3, 5]], [[1]], [[1, 2], [3, 4]]), "(i, j)"),
    "sizes": (lambda: check_output_size("14x14", (32, 33), 5, stride=2), "axis"),
    "1-D layer": (lambda: check([[3, 5]], [[1, 2, 3]], [[[1, 1]]], op="layer", stride=2), "(c, i)"),
    "2-D layer": (lambda: check([[4, 3, 4], [2, 4, 3], [2, 3, 5]], [IMAGE], [[KERNEL]], op="layer"),
                  "(c, i, j)"),
    "batched layer": (lambda: check([[[3, 5]]], [[[1, 2, 3]]], [[[1, 1]]], op="layer"), "(b, c, i)"),
}


@pytest.mark.parametrize("case", CASES)
def test_the_index_heading_follows_the_verdict(case):
    make, label = CASES[case]
    v = make()
    assert v.index_name == label
    header = v.to_text().splitlines()[1].split()
    assert " ".join(header[:-2]) == label and header[-2:] == ["claimed", "correct"]
    assert f"| {label} | claimed | correct | |" in v.to_markdown().splitlines()
    latex_label = label if label == "axis" else f"${label}$"
    assert latex_label + r" & claimed & correct & \\ \hline" in v.to_latex().splitlines()
    assert json.loads(v.render("json"))["index_name"] == label


def test_the_text_table_of_a_size_verdict():
    assert check_output_size("14x14", (32, 33), 5, stride=2).to_text().splitlines()[1:4] == [
        "  axis  claimed  correct",
        "  0     14       14       ok",
        "  1     14       15       WRONG",
    ]


def test_the_start_note_names_the_index_too():
    assert check("1 2 3", "1 2", "1 1", op="correlate").notes == (
        "the claim gives no start index; it is read as starting at l = -1, like the correct result",)
    assert check([[1, 2], [3, 5]], [[1]], [[1, 2], [3, 4]]).notes == (
        "the claim gives no start index; it is read as starting at (i, j) = (0, 0), like the correct result",)
    assert check("1 2 2", "1 1", "1 1").notes == (
        "the claim gives no start index; it is read as starting at n = 0, like the correct result",)
