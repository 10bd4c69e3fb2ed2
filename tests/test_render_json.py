"""JSON: every step and every term (also the elided ones), exact values as strings."""

from __future__ import annotations

import json

from symconv.derive import explain


def test_json_of_the_reference_example(fractions_1d):
    data = json.loads(explain(fractions_1d.x, fractions_1d.h).to_json())
    assert data["op"] == "convolve" and data["mode"] == "full"
    assert data["result"]["values"] == ["1", "1", "3/2", "13/8", "3/4", "1/4"]
    assert [s["type"] for s in data["steps"]] == ["DefinitionStep", "SignalStep", "SignalStep", "FlipStep",
                                                  "RangeStep", "SlideStep", "ResultStep"]
    term = data["terms"][3]
    assert term == {"type": "TermStep", "n": 3, "pairs": [[1, 2], [2, 1], [3, 0]],
                    "factors": [["1/2", "1/4"], ["1", "1/2"], ["1", "1"]], "value": "13/8",
                    "reason": "DEFINITION_CONVOLUTION", "conjugated": None, "period": None, "grid": None}


def test_json_keeps_every_term_of_a_long_solution():
    data = json.loads(explain(list(range(50)), [1, 1]).to_json())
    assert len(data["terms"]) == 51


def test_json_of_2d(image_5x5):
    data = json.loads(explain(image_5x5.x, image_5x5.h, op="corr", mode="valid").to_json())
    assert data["result"]["values"] == [["4", "3", "4"], ["2", "4", "3"], ["2", "3", "4"]]
    assert data["terms"][0]["n"] == [0, 0]
