"""The exact convolution engine: full N-D convolutions of samples, by a chosen method."""

from symconv.engine.dispatch import METHODS, choose_method, full_convolution

__all__ = ["METHODS", "choose_method", "full_convolution"]
