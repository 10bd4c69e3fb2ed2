"""A derivation as JSON: every step with its indices and exact values (as strings).

The document holds the operation and its conventions, the operands and the result (as
:func:`~symconv.render.values.signal_json` writes signals), the steps in order (``type``,
``reason`` and the step's fields) and every output term, including the ones a rendered
solution leaves out.

Examples
--------
>>> import json
>>> from symconv.derive import explain
>>> data = json.loads(explain([1, "1/2", 1, 1], [1, "1/2", "1/4"]).to_json())
>>> data["terms"][3]["value"], data["terms"][3]["pairs"], data["result"]["values"][3]
('13/8', [[1, 2], [2, 1], [3, 0]], '13/8')
"""

from __future__ import annotations

import dataclasses
import json
from enum import Enum
from typing import Any

from sympy import Basic

from symconv.render.base import Renderer
from symconv.render.values import signal_json, text_value
from symconv.signal import Signal
from symconv.steps import Derivation, ElisionStep, TermStep

__all__ = ["JsonRenderer", "render_json"]


def render_json(derivation: Derivation) -> str:
    """The derivation as a JSON string."""
    return JsonRenderer(derivation).render()


def plain(value: Any) -> Any:
    """A step field as JSON data: signals as dicts, SymPy values as strings, enums by name."""
    if isinstance(value, Signal):
        return signal_json(value)
    if isinstance(value, Basic):
        return text_value(value)
    if isinstance(value, Enum):
        return value.name
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


class JsonRenderer(Renderer):
    """Steps as dicts; every step class is served by the generic ``render_object``."""

    def render(self) -> str:
        d = self.derivation
        data = {
            "op": d.op,
            "mode": d.mode,
            "order": d.order,
            "period": plain(d.period),
            "names": plain(d.names),
            "x": signal_json(d.x),
            "h": signal_json(d.h),
            "result": signal_json(d.result),
            "steps": [self.render_step(s) for s in d.steps if not isinstance(s, (TermStep, ElisionStep))],
            "terms": [self.render_step(t) for t in d.terms],
        }
        return json.dumps(data, indent=1) + "\n"

    def render_object(self, step: Any) -> dict:
        return {"type": type(step).__name__, **plain(step)}
