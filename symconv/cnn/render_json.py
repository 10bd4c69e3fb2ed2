"""A CNN layer explanation (:class:`~symconv.cnn.explain.LayerDerivation`) as JSON.

As :mod:`symconv.render.json` writes the derivation of a convolution: exact values as strings
(``"13/8"``, ``"a + 2*b"``, never a float), signals as
:func:`~symconv.render.values.signal_json` writes them, enums by name. The document holds

- ``operation`` (``conv_layer`` or ``conv_transpose_layer``), ``names``, ``title``,
  ``parameters`` (stride, padding as ``[before, after]`` per axis, dilation, groups,
  padding_mode; output_padding for a transposed layer), ``in_channels``, ``out_channels``;
- ``x``, ``w``, ``result`` (shape ``(C_out, *out)``) and ``flipped`` (the kernel ``w♭`` when the
  flip equivalence is shown, else null);
- ``sizes``: the output size derivation per axis;
- ``steps``: every other step in order (padded or spread inputs, reversed kernels, the scatter
  of one input sample), as ``type`` plus the step's fields;
- ``outputs``: each derived output ``y[c, *position]`` with its receptive field, every product
  (the ``x`` index and value, the ``w`` index and value, the product), the sum per input channel,
  the bias and the value; ``as_convolution`` reads the same products with ``w♭`` when shown.
  In a transposed layer the products read the spread input, named in ``input`` (``x↑``).

Every value was verified when the derivation was built; this module only copies it out.

Examples
--------
>>> import json
>>> from symconv.cnn.explain import explain_layer
>>> data = json.loads(explain_layer([[1, 2, 3, 4]], [[[1, 10]]], stride=2, padding=1).to_json())
>>> output = data["outputs"][1]
>>> output["index"], output["value"], [(p["x_index"], p["w_index"], p["product"]) for p in output["products"]]
([0, 1], '32', [([0, 1], [0, 0, 0], '2'), ([0, 2], [0, 0, 1], '30')])
"""

from __future__ import annotations

import json
from typing import Any

from symconv.cnn.explain import (EquivalenceStep, LayerDefinitionStep, LayerDerivation, LayerTermStep,
                                 ReceptiveFieldStep, SizeStep)
from symconv.cnn.explain_transpose import SpreadFieldStep, TransposedDefinitionStep, TransposedTermStep
from symconv.render.base import Renderer
from symconv.render.json import plain
from symconv.render.values import signal_json, text_value

__all__ = ["render_layer_json"]


def render_layer_json(derivation: LayerDerivation) -> str:
    """The layer derivation as a JSON string (see the module docstring for its fields)."""
    return LayerJsonRenderer(derivation).render()


def _as_tuple(index: Any) -> tuple[int, ...]:
    return index if isinstance(index, tuple) else (index,)


class LayerJsonRenderer(Renderer):
    """Steps as dicts: the outputs gathered from their receptive-field, term and equivalence steps,
    every other step by the generic ``render_object`` (``render_<StepClass>`` found along the MRO by
    :meth:`~symconv.render.base.Renderer.render_step`)."""

    def __init__(self, derivation: LayerDerivation) -> None:  # noqa: D107 (Renderer needs a Derivation)
        self.derivation = derivation
        self.x_name, self.w_name, self.y_name = derivation.names

    def render(self) -> str:
        d = self.derivation
        definition = next(s for s in d.steps if isinstance(s, (LayerDefinitionStep, TransposedDefinitionStep)))
        transposed = isinstance(definition, TransposedDefinitionStep)
        g = definition.geometry
        parameters: dict[str, Any] = {"stride": list(g.stride), "padding": [list(p) for p in g.pads],
                                      "dilation": list(g.dilation), "groups": g.groups,
                                      "padding_mode": g.padding_mode.value}
        if transposed:
            parameters["output_padding"] = list(g.output_padding)
        outputs: list[dict] = []
        steps: list[dict] = []
        sizes: list[Any] = []
        for step in d.steps:
            if isinstance(step, SizeStep):
                sizes = plain(step.sizes)
            elif isinstance(step, ReceptiveFieldStep):
                outputs.append(self.field(step))
            elif isinstance(step, LayerTermStep):
                outputs[-1].update(self.term(step))
            elif isinstance(step, EquivalenceStep):
                outputs[-1]["as_convolution"] = self.equivalence(step)
            elif not isinstance(step, (LayerDefinitionStep, TransposedDefinitionStep)):
                steps.append(self.render_step(step))
        data = {
            "operation": "conv_transpose_layer" if transposed else "conv_layer",
            "title": d.title,
            "names": {"x": self.x_name, "w": self.w_name, "y": self.y_name},
            "parameters": parameters,
            "in_channels": definition.in_channels,
            "out_channels": definition.out_channels,
            "has_bias": definition.has_bias,
            "x": signal_json(d.x),
            "w": signal_json(d.w),
            "result": signal_json(d.result),
            "flipped": signal_json(d.flip) if d.flip is not None else None,
            "sizes": sizes,
            "steps": steps,
            "outputs": outputs,
        }
        return json.dumps(data, indent=1) + "\n"

    def render_object(self, step: Any) -> dict:  # type: ignore[override]
        return {"type": type(step).__name__, **plain(step)}

    def field(self, step: ReceptiveFieldStep) -> dict:
        """An output's entry, begun by its receptive field (input indices, per tap)."""
        entry: dict[str, Any] = {"out_channel": step.out_channel, "position": list(step.position),
                                 "index": [step.out_channel, *step.position],
                                 "input": self.x_name + ("↑" if isinstance(step, SpreadFieldStep) else ""),
                                 "receptive_field": {"taps": plain(step.taps), "indices": plain(step.indices)}}
        if isinstance(step, SpreadFieldStep):
            entry["receptive_field"]["samples"] = plain(step.samples)
        return entry

    def term(self, step: LayerTermStep) -> dict:
        """Every product of the output, the sum per input channel, the bias and the value."""
        products, sums = [], []
        for channel, term in zip(step.channel_indices, step.channels):
            for (i, _), (a, b), product, tap in zip(term.pairs, term.factors, term.products, step.taps):
                products.append({"in_channel": channel, "x_index": [channel, *_as_tuple(i)], "x": text_value(a),
                                 "w_index": list(step.weight_index(channel, tap)), "w": text_value(b),
                                 "product": text_value(product)})
            sums.append({"in_channel": channel, "value": text_value(term.value)})
        entry: dict[str, Any] = {"products": products, "channel_sums": sums,
                                 "bias": text_value(step.bias) if step.bias is not None else None,
                                 "value": text_value(step.value)}
        if isinstance(step, TransposedTermStep):
            entry["out_local"] = step.out_local
        return entry

    def equivalence(self, step: EquivalenceStep) -> dict:
        """The same products read as a true convolution with the flipped kernel ``w♭[c, c_in, -t]``."""
        products = [{"x_index": [t.channel, *t.index], "x": text_value(t.x_value),
                     "flipped_index": [t.out_channel, t.channel, *t.flipped_tap], "w_flipped": text_value(t.w_value),
                     "product": text_value(t.product)} for t in step.terms]
        return {"products": products, "value": text_value(step.convolution_value)}
