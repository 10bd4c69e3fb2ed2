"""CNN layers, exactly, with PyTorch's semantics: the conv layer is a cross-correlation.

The layers (:mod:`symconv.cnn.layers`), their output sizes (:mod:`symconv.cnn.sizes`),
their gradients (:mod:`symconv.cnn.gradients`) and the learned-flip equivalence
(:mod:`symconv.cnn.equivalence`), all computed through :mod:`symconv.operations`, and their
worked solutions (:mod:`symconv.cnn.explain`, :mod:`symconv.cnn.explain_transpose`).
"""

from symconv.cnn.equivalence import EquivalenceTerm, FlipEquivalence, flip_equivalence
from symconv.cnn.explain import LayerDerivation, explain_flip_equivalence, explain_layer
from symconv.cnn.explain_transpose import explain_transpose_layer
from symconv.cnn.gradients import GradientIdentity, LayerGradients, conv_layer_gradients
from symconv.cnn.layers import conv_layer, conv_transpose_layer
from symconv.cnn.sizes import OutputSize, conv_output_size

__all__ = [
    "EquivalenceTerm",
    "FlipEquivalence",
    "GradientIdentity",
    "LayerDerivation",
    "LayerGradients",
    "OutputSize",
    "conv_layer",
    "conv_layer_gradients",
    "conv_output_size",
    "conv_transpose_layer",
    "explain_flip_equivalence",
    "explain_layer",
    "explain_transpose_layer",
    "flip_equivalence",
]
