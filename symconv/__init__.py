"""symconv: discrete convolution and cross-correlation, exact and explained.

The public API; see README.md for a tour and DESIGN.md for the conventions.
"""

from symconv.cnn import (conv_layer, conv_layer_gradients, conv_output_size, conv_transpose_layer,
                         flip_equivalence)
from symconv.derive import explain
from symconv.errors import InputError, SelfCheckError, SymconvError, UnsupportedError
from symconv.exact import to_exact
from symconv.operations import circular_convolve, convolve, correlate, flip
from symconv.signal import Signal
from symconv.steps import Derivation

__version__ = "0.1.0"

__all__ = [
    "Derivation",
    "InputError",
    "SelfCheckError",
    "Signal",
    "SymconvError",
    "UnsupportedError",
    "__version__",
    "circular_convolve",
    "conv_layer",
    "conv_layer_gradients",
    "conv_output_size",
    "conv_transpose_layer",
    "convolve",
    "correlate",
    "explain",
    "flip",
    "flip_equivalence",
    "to_exact",
]
