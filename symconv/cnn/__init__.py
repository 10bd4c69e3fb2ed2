"""CNN layers, exactly, with PyTorch's semantics: the conv layer is a cross-correlation.

The layers (:mod:`symconv.cnn.layers`), their output sizes (:mod:`symconv.cnn.sizes`),
their gradients (:mod:`symconv.cnn.gradients`) and the learned-flip equivalence
(:mod:`symconv.cnn.equivalence`), all computed through :mod:`symconv.operations`.
"""

from symconv.cnn.sizes import OutputSize, conv_output_size

__all__ = ["OutputSize", "conv_output_size"]
