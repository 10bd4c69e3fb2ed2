"""symconv: discrete convolution and cross-correlation, exact and explained.

The public API; see README.md for a tour and DESIGN.md for the conventions.
"""

from symconv.check import Mistake, TermVerdict, Verdict, check, check_line, check_output_size, check_solution
from symconv.closed_forms import convolution_closed_form, correlation_closed_form
from symconv.cnn import (conv_layer, conv_layer_gradients, conv_output_size, conv_transpose_layer,
                         explain_flip_equivalence, explain_layer, explain_transpose_layer, flip_equivalence)
from symconv.derive import explain
from symconv.errors import InputError, SelfCheckError, SymconvError, UnsupportedError
from symconv.exact import to_exact
from symconv.operations import circular_convolve, convolve, correlate, flip, wrap
from symconv.proofs import Link, Proof, Reason, prove
from symconv.sequences import FiniteSequence, UnitStep, delta, rect, unit_step
from symconv.signal import Signal
from symconv.steps import Derivation
from symconv.symbolic import Convolution, Correlation
from symconv.ztransform import ZTransform, ztransform

__version__ = "0.1.0"

__all__ = [
    "Convolution",
    "Correlation",
    "Derivation",
    "FiniteSequence",
    "InputError",
    "Link",
    "Mistake",
    "Proof",
    "Reason",
    "SelfCheckError",
    "Signal",
    "SymconvError",
    "TermVerdict",
    "UnitStep",
    "UnsupportedError",
    "Verdict",
    "ZTransform",
    "__version__",
    "check",
    "check_line",
    "check_output_size",
    "check_solution",
    "circular_convolve",
    "conv_layer",
    "conv_layer_gradients",
    "conv_output_size",
    "conv_transpose_layer",
    "convolution_closed_form",
    "convolve",
    "correlate",
    "correlation_closed_form",
    "delta",
    "explain",
    "explain_flip_equivalence",
    "explain_layer",
    "explain_transpose_layer",
    "flip",
    "flip_equivalence",
    "prove",
    "rect",
    "to_exact",
    "unit_step",
    "wrap",
    "ztransform",
]
