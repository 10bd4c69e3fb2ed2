"""symconv: discrete convolution and cross-correlation, exact and explained.

The public API; see README.md for a tour and symconv.conventions for the conventions.

``import symconv`` loads only what :func:`convolve` and :func:`correlate` need (values,
signals, the engine). The checker, LaTeX reading, worked solutions, proofs, CNN layers,
closed forms, the z-transform and the SymPy objects load on first use of one of their
names (PEP 562 module ``__getattr__``), so a command that needs none of them does not pay
for them.
"""

import importlib
import sys
import types
import typing

from symconv.errors import InputError, SelfCheckError, SymconvError, UnsupportedError
from symconv.exact import to_exact
from symconv.operations import circular_convolve, convolve, correlate, flip, wrap
from symconv.signal import Signal

_LAZY = {
    "symconv.check": ["Mistake", "TermVerdict", "Verdict", "check", "check_line", "check_output_size",
                      "check_solution"],
    "symconv.closed_forms": ["convolution_closed_form", "correlation_closed_form"],
    "symconv.cnn": ["conv_layer", "conv_layer_gradients", "conv_output_size", "conv_transpose_layer",
                    "explain_flip_equivalence", "explain_layer", "explain_transpose_layer", "flip_equivalence"],
    "symconv.derive": ["explain"],
    "symconv.proofs": ["Link", "Proof", "Reason", "prove"],
    "symconv.sequences": ["FiniteSequence", "UnitStep", "delta", "rect", "unit_step"],
    "symconv.steps": ["Derivation"],
    "symconv.symbolic": ["Convolution", "Correlation"],
    "symconv.ztransform": ["ZTransform", "ztransform"],
}
_MODULE_OF = {name: module for module, names in _LAZY.items() for name in names}
_SHADOWED = {name for name, module in _MODULE_OF.items() if module == f"symconv.{name}"}
"""Public functions named like the subpackage that defines them (``check``, ``ztransform``)."""


class _Package(types.ModuleType):
    """The symconv module, whose public ``check`` and ``ztransform`` stay the functions.

    Importing a submodule binds it as an attribute of its package; for ``symconv.check`` and
    ``symconv.ztransform`` that binding would hide the public function of the same name (the
    eager imports used to rebind it). Such a binding is skipped here, and :func:`__getattr__`
    then supplies the function.
    """

    def __setattr__(self, name: str, value: typing.Any) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> typing.Any:
    """A public name of a module not imported yet: import it now (once) and return the name."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'symconv' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MODULE_OF))


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
