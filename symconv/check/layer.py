r"""Check claimed CNN layer answers: output sizes and output values, with exact diagnoses.

:func:`check_output_size` compares a claimed output size with PyTorch's (the derivation of
:func:`symconv.conv_output_size`); a size that is not an integer (``(32 - 5)/2 + 1 = 14.5``)
or another integer is ``inconsistent_size``, and the explanation says why: the stride does not
fit and which input rows/columns are never read, or which slip gives the claimed number
(the floor rounded up, the padding, stride or dilation left out, ...), each slip computed
exactly with the changed parameter.

:func:`check_layer` (``symconv.check(..., op="layer")``) compares claimed output values of
a layer (per channel) with :func:`symconv.conv_layer` and names the mistake by computing the
alternatives exactly: the kernel flipped (a true convolution: ``unflipped_kernel``), another
padding, stride or dilation (``wrong_padding``, ``wrong_stride``, ``wrong_dilation``: says
which), the bias left out, one wrong term, a product left out, a wrong shape.

Examples
--------
>>> v = check_output_size(14.5, 32, 5, stride=2)
>>> v.ok, v.kinds
(False, ('inconsistent_size',))
>>> print(v.mistakes[0].explanation)
A size is an integer, but the claim is 29/2 = 14.5: that is (i + 2p - d(k - 1) - 1)/s + 1 = 27/2 + 1 before the floor. The stride does not fit: PyTorch rounds down to 14, and the last window reads input indices 26..30: input index 31 is never reached (1 row/column ignored).
>>> check_output_size(14, 32, 5, stride=2).ok
True
>>> image = [[1,1,1,0,0],[0,1,1,1,0],[0,0,1,1,1],[0,0,1,1,0],[0,1,1,0,0]]
>>> check_layer([[4, 3, 4], [2, 4, 3], [2, 3, 4]], [image], [[[[1,0,1],[0,1,0],[1,0,1]]]]).ok
True
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

import sympy
from sympy import Expr, ceiling

from symconv.check.compare import equal, written_with_decimals
from symconv.check.diagnose import read_claim
from symconv.check.hypotheses import Alternative, Checker, flat, short_text
from symconv.check.verdict import Mistake, TermVerdict, Verdict
from symconv.errors import InputError, UnsupportedError
from symconv.signal import Signal

__all__ = ["check_layer", "check_output_size"]

#: layers with more input values than this are not searched for other parameters
MAX_SEARCH = 4096


# ----------------------------------------------------------------------------- sizes


def check_output_size(claimed: Any, i: Any, k: Any, *, stride: Any = 1, padding: Any = 0,
                      dilation: Any = 1, transposed: bool = False, output_padding: Any = 0) -> Verdict:
    """Check a claimed output size of a (transposed) convolution layer against PyTorch's.

    Parameters
    ----------
    claimed : int, str, Fraction, float or tuple
        The claimed size (``14``, ``"14.5"``, ``"29/2"``), or one per spatial axis (a tuple,
        or text such as ``"14, 14"`` or ``"14x14"``).
    i, k, stride, padding, dilation, transposed, output_padding
        As for :func:`symconv.conv_output_size`.

    Returns
    -------
    Verdict
        One term per spatial axis (index = axis); mistakes of kind ``inconsistent_size``.

    Examples
    --------
    >>> v = check_output_size(28, 28, 5)
    >>> v.ok, [str(m.explanation) for m in v.mistakes]
    (False, ['The claim 28 is not the size: PyTorch computes 24. 28 is the size with padding 2 (the question has padding 0).'])
    """
    from symconv.cnn.sizes import conv_output_size

    parameters = dict(stride=stride, padding=padding, dilation=dilation, transposed=transposed,
                      output_padding=output_padding)
    sizes = conv_output_size(i, k, **parameters)
    many = isinstance(sizes, tuple)
    sizes = sizes if many else (sizes,)
    claims = _read_sizes(claimed, len(sizes))
    terms, mistakes, notes = [], [], []
    for axis, (claim, size) in enumerate(zip(claims, sizes)):
        ok = equal(claim, size.size)
        terms.append(TermVerdict(axis, claim, sympy.Integer(size.size), ok))
        where = f"axis {axis}: " if many else ""
        if not ok:
            mistakes.append(_size_mistake(claim, size, axis if many else None, i, k, parameters))
        elif not size.fits or size.unreached:
            notes.append(where + "; ".join(line for line in size.lines if line.startswith("the ")))
    question = ("output size of a " + ("transposed " if transposed else "") + "layer: "
                + _parameters_text(i, k, parameters))
    return Verdict(not mistakes, question, tuple(terms), tuple(mistakes), tuple(notes), "axis")


def _read_sizes(claimed: Any, count: int) -> list[Expr]:
    from symconv.exact import to_exact

    if isinstance(claimed, str):
        parts = [p for p in re.split(r"\s*(?:,|x|×|\s)\s*", claimed.strip()) if p]
        items: list[Any] = parts if parts else [claimed]
    elif isinstance(claimed, (tuple, list)):
        items = list(claimed)
    else:
        items = [claimed]
    values = []
    for n, item in enumerate(items, start=1):
        where = "claimed size" if len(items) == 1 else f"claimed size, item {n}"
        value = to_exact(item, where=where)
        if not value.is_Rational:
            raise InputError(where, f"{str(item)!r} is not a number; a size is written as 14, 14.5 or 29/2")
        values.append(value)
    if len(values) == 1 and count > 1:
        values *= count
    if len(values) != count:
        axes = "spatial axis" if count == 1 else "spatial axes"
        raise InputError("claimed size", f"gives {len(values)} sizes for {count} {axes}")
    return values


def _parameters_text(i: Any, k: Any, parameters: dict) -> str:
    words = [f"i = {_plain(i)}", f"k = {_plain(k)}"]
    for name in ("stride", "padding", "dilation"):
        words.append(f"{name} {_plain(parameters[name])}")
    if parameters["transposed"]:
        words.append(f"output_padding {_plain(parameters['output_padding'])}")
    return ", ".join(words)


def _plain(value: Any) -> str:
    if isinstance(value, (tuple, list)):
        return "(" + ", ".join(_plain(v) for v in value) + ")"
    return str(value)


def _size_mistake(claim: Expr, size: Any, axis: int | None, i: Any, k: Any, parameters: dict) -> Mistake:
    where = "" if axis is None else f"Axis {axis}: "
    evidence: dict = {"claimed": claim, "correct": size.size, "exact": size.exact}
    if axis is not None:
        evidence["axis"] = axis
    if not claim.is_Integer:
        shown = _decimal(claim)
        if not size.transposed and equal(claim, size.exact):
            numerator = size.exact - 1
            text = (f"{where}A size is an integer, but the claim is {shown}: that is "
                    f"(i + 2p - d(k - 1) - 1)/s + 1 = {numerator} + 1 before the floor. "
                    f"The stride does not fit: PyTorch rounds down to {size.size}")
            reach = [line for line in size.lines if line.startswith("the last window")]
            if reach:
                text += ", and " + reach[0]
            skipped = [line for line in size.lines if line.startswith("the windows")]
            if skipped:
                text += "; " + skipped[0]
            evidence["unreached"] = list(size.unreached)
            return Mistake("inconsistent_size", text + ".", evidence)
        return Mistake("inconsistent_size", f"{where}A size is an integer, but the claim is {shown}; "
                       f"PyTorch computes {size.size}.", evidence)
    causes = [what for what, value in _size_alternatives(size, axis, i, k, parameters)
              if value is not None and value != size.size and equal(claim, value)]
    text = f"{where}The claim {claim} is not the size: PyTorch computes {size.size}."
    if causes:
        text += f" {claim} is " + "; or ".join(causes) + "."
        evidence["causes"] = causes
    return Mistake("inconsistent_size", text, evidence)


def _size_alternatives(size: Any, axis: int | None, i: Any, k: Any, parameters: dict):
    """(what, size) for the usual slips, each computed with the changed parameter."""
    from symconv.cnn.sizes import conv_output_size

    def other(**changes: Any) -> int | None:
        try:
            sizes = conv_output_size(i, k, **{**parameters, **changes})
        except InputError:
            return None
        return int(sizes[axis] if isinstance(sizes, tuple) else sizes)

    p, s, d = size.pads, size.stride, size.dilation
    given = parameters["padding"]
    out: list[tuple[str, int | None]] = []
    if not size.transposed:
        out.append(("the formula rounded up instead of down (PyTorch takes the floor)",
                    int(ceiling(size.exact))))
        out.append(("the formula without the final + 1", size.size - 1))
    else:
        out.append(("the size of an ordinary (not transposed) layer", other(transposed=False)))
        if size.output_padding:
            out.append(("the size without output_padding", other(output_padding=0)))
    if p != (0, 0):
        out.append((f"the size with padding 0 (the question has padding {_plain(given)})", other(padding=0)))
        if p[0] == p[1] and not size.transposed:
            out.append((f"the size with the padding counted once (p instead of 2p)",
                        other(padding=_axis_value(parameters["padding"], axis, (p[0], 0)))))
    for q in range(1, 4):
        if not size.transposed and (q, q) != p:
            out.append((f"the size with padding {q} (the question has padding {_plain(given)})",
                        other(padding=q)))
    if s != 1:
        out.append((f"the size with stride 1 (the question has stride {_plain(parameters['stride'])})",
                    other(stride=1)))
    if d != 1:
        out.append((f"the size with dilation 1 (the question has dilation {_plain(parameters['dilation'])})",
                    other(dilation=1)))
    return out


def _axis_value(value: Any, axis: int | None, replacement: Any) -> Any:
    if axis is None:
        return (replacement,)
    count = len(value) if isinstance(value, (tuple, list)) else axis + 1
    items = list(value) if isinstance(value, (tuple, list)) else [value] * count
    items[axis] = replacement
    return tuple(items)


def _decimal(value: Expr) -> str:
    from symconv.cnn.sizes import _show

    return _show(value) if value.is_Rational else str(value)


# ----------------------------------------------------------------------------- layer values


@dataclass(frozen=True)
class _LayerQuestion:
    op: str
    mode: str
    names: tuple[str, str, str]
    text: str
    order: str = "canonical"
    same_convention: str = "scipy"
    N: Any = None

    def describe(self, x: Any, h: Any) -> str:
        return self.text


def check_layer(claimed: Any, x: Any, w: Any, *, bias: Any = None, stride: Any = 1, padding: Any = 0,
                dilation: Any = 1, groups: Any = 1, padding_mode: str = "zeros",
                decimals: int | None = None, significant: int | None = None,
                names: Any = ("x", "w", "y")) -> Verdict:
    """Check claimed output values of a CNN layer (``torch.nn.functional.conv{1,2,3}d``).

    Parameters
    ----------
    claimed : nested list, NumPy array, Signal or str
        The claimed output, shape ``(C_out, *out)``; with one output channel also ``out``
        alone (``"4 3 4; 2 4 3; 2 3 4"``).
    x, w, bias, stride, padding, dilation, groups, padding_mode
        As for :func:`symconv.conv_layer`.
    decimals, significant, names
        As for :func:`symconv.check`.

    Returns
    -------
    Verdict
        One term per output index ``(c_out, *position)``. Mistakes, each found by computing
        the alternative exactly: ``unflipped_kernel`` (a true convolution, the kernel flipped),
        ``wrong_padding`` / ``wrong_stride`` / ``wrong_dilation`` (says which value gives the
        claim), ``term_left_out`` (the bias or one product left out), ``single_wrong_term``,
        ``sign_error``, ``decimal_rounding``, ``inconsistent_size`` (a wrong shape).

    Examples
    --------
    >>> v = check_layer([[3, 5]], [[1, 2, 3]], [[[1, 1]]], stride=2)
    >>> v.kinds
    ('wrong_stride', 'inconsistent_size')
    >>> print(v.mistakes[0].explanation)
    The claim is the layer with stride 1 (the question has stride 2): shape (1, 2), [3, 5].
    """
    from symconv.cnn.layers import conv_layer, read_layer
    from symconv.cnn.padding import pad

    names = tuple(names)
    if len(names) != 3:
        raise InputError("names", f"give 3 names (input, kernel, output), not {len(names)}")
    parameters = dict(bias=bias, stride=stride, padding=padding, dilation=dilation, groups=groups,
                      padding_mode=padding_mode)
    correct = conv_layer(x, w, **parameters)
    shapes = read_layer(x, w, stride=stride, padding=padding, dilation=dilation, groups=groups,
                        padding_mode=padding_mode)
    claim, _ = read_claim(claimed, start=None)
    if isinstance(claim, Expr):
        raise InputError("claimed answer", "a layer's output is an array of values, not a closed form")
    if claim.ndim == correct.ndim - 1 and correct.shape[0] == 1:
        claim = Signal([claim.values])
    if claim.ndim != correct.ndim:
        raise InputError("claimed answer", f"is {claim.ndim}-D but the layer output "
                                           f"{_shape(correct.shape)} is {correct.ndim}-D")
    claim = Signal(claim.values, start=(0,) * claim.ndim)
    defaults = {"dilation": 1, "groups": 1, "padding_mode": "zeros"}
    text = (f"{names[2]} = layer({names[0]}, {names[1]}): "
            + ", ".join(f"{k} {_plain(v)}" for k, v in parameters.items()
                        if k in ("stride", "padding") or k in defaults and v != defaults[k])
            + (", with bias" if bias is not None else ""))
    question = _LayerQuestion("layer", "valid", names, text)
    checker = _LayerChecker(claim, correct, correct, correct, question, False, decimals, significant, (),
                            written_with_decimals(claimed))
    checker.layer = (x, w, parameters, shapes, pad(shapes.x, shapes.geometry, lead=2))
    return checker.run()


class _LayerChecker(Checker):
    """The checker of :mod:`symconv.check.hypotheses` with the alternatives and products of a layer."""

    layer: tuple

    def run(self) -> Verdict:
        verdict = super().run()
        if not verdict.ok and self.claim.shape != self.correct.shape and "inconsistent_size" not in verdict.kinds:
            size = Mistake("inconsistent_size", f"The claim has shape {_shape(self.claim.shape)}, the layer "
                           f"output {_shape(self.correct.shape)}.",
                           {"claimed_shape": list(self.claim.shape), "correct_shape": list(self.correct.shape)})
            verdict = Verdict(verdict.ok, verdict.question, verdict.terms, verdict.mistakes + (size,),
                              verdict.notes, verdict.index_name)
        return verdict

    def index_name(self) -> str:
        """``(c, i, j)``: output channel, then position (``(b, c, i, j)`` with a batch)."""
        spatial = "ijk"[:self.correct.ndim - (2 if self.layer[3].batched else 1)]
        return "(" + ", ".join(("b", "c") if self.layer[3].batched else ("c",)) + ", " + ", ".join(spatial) + ")"

    def where(self, alt: Signal) -> str:
        return f"shape {_shape(alt.shape)}"

    def located(self, alt: Signal) -> dict:
        return {}

    def windows(self) -> list[Alternative]:
        """A layer has no other windows: its parameters are the other hypotheses."""
        return []

    def operations(self) -> list[Alternative]:
        """The layer with one parameter changed (computed with :func:`symconv.conv_layer`)."""
        from symconv.cnn.layers import conv_layer
        from symconv.cnn.tensors import objects, reverse_spatial

        x, w, parameters, shapes, _ = self.layer
        if len(flat(self.correct)) * max(1, len(objects(shapes.w).ravel())) > 50 * MAX_SEARCH:
            return []
        out: list[Alternative] = []

        def add(kind: str, what: str, evidence: dict, **changes: Any) -> None:
            try:
                alt = conv_layer(changes.pop("x", x), changes.pop("w", w), **{**parameters, **changes})
            except (InputError, UnsupportedError):
                return
            out.append(Alternative(kind, what, evidence, lambda *_, alt=alt: alt))

        flipped = objects(reverse_spatial(shapes.w, lead=2))
        add("unflipped_kernel", "a true convolution: the kernel flipped, where a CNN layer slides it "
            "unflipped (a cross-correlation, as PyTorch computes it)", {"computed": "convolution"}, w=flipped)
        if parameters["bias"] is not None:
            add("term_left_out", "the layer without the bias", {"bias": "left out"}, bias=None)
        g = shapes.geometry
        kernel = max(shapes.kernel)
        given = parameters["padding"]
        candidates: list[Any] = [q for q in range(0, kernel + 1) if ((q, q),) * g.ndim != g.pads]
        if g.pads != ((0, 0),) * g.ndim:
            candidates.append("valid")
        for q in candidates + (["same"] if g.stride == (1,) * g.ndim else []):
            if q == "valid" and 0 in candidates:
                continue
            add("wrong_padding", f"the layer with padding {_plain(q)} (the question has padding "
                f"{_plain(given)})", {"padding": q}, padding=q)
        for s in range(1, kernel + 2):
            if (s,) * g.ndim != g.stride:
                add("wrong_stride", f"the layer with stride {s} (the question has stride "
                    f"{_plain(parameters['stride'])})", {"stride": s},
                    stride=s, padding=g.pads if given == "same" else given)
        for d in range(1, 4):
            if (d,) * g.ndim != g.dilation:
                add("wrong_dilation", f"the layer with dilation {d} (the question has dilation "
                    f"{_plain(parameters['dilation'])})", {"dilation": d}, dilation=d)
        for mode in ("zeros", "reflect", "replicate", "circular"):
            if mode != g.padding_mode.value and g.pads != ((0, 0),) * g.ndim:
                add("wrong_padding", f"the layer with padding_mode {mode!r} (the question has "
                    f"{g.padding_mode.value!r})", {"padding_mode": mode}, padding_mode=mode)
        return out

    def products(self, n: tuple[int, ...]) -> list[tuple[str, Expr]]:
        """The products ``x[c_in, o*s + t*d - p] w[c_out, c_in, t]`` of output ``n = (c_out, *o)``."""
        from symconv.cnn.sizes import input_index
        from symconv.cnn.tensors import objects

        _, _, parameters, shapes, padded = self.layer
        g = shapes.geometry
        values, weights = objects(padded), objects(shapes.w)
        batch, n = (n[0], n[1:]) if shapes.batched else (0, n)
        c, position = n[0], n[1:]
        bias = parameters["bias"]
        out = []
        if bias is not None:
            from symconv.cnn.tensors import read_tensor

            out.append((f"b[{c}]", objects(read_tensor(bias, "bias"))[c]))
        a, b = self.a, self.b
        for k, channel in enumerate(shapes.connection(c, batch).inputs):
            for tap in itertools.product(*(range(t) for t in shapes.kernel)):
                where = tuple(input_index(o, t, stride=s, dilation=d, before=0)
                              for o, t, s, d in zip(position, tap, g.stride, g.dilation))
                source = tuple(j - p[0] for j, p in zip(where, g.pads))
                index = ", ".join(map(str, (channel, *source)))
                value = values[(batch, channel, *where)] * weights[(c, k, *tap)]
                out.append((f"{a}[{index}]{b}[{', '.join(map(str, (c, k, *tap)))}]", value))
        return out


def _shape(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(map(str, shape)) + (",)" if len(shape) == 1 else ")")
