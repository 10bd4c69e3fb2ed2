"""The identities symconv proves, as checked :class:`~symconv.proofs.proof.Proof` objects.

``prove(name, ...)`` builds the proof and verifies it before returning it. Names: ``flip``
(``x ⋆ h = x * h♭``: general index change, then concrete finite sequences in every mode with the
windows from :mod:`symconv.conventions`, and 2-D), ``commutative``, ``associative``, ``shift``,
``impulse``, ``correlation_order``, ``dft`` (circular convolution theorem), ``z_transform`` and
``conv_layer_gradients`` (dL/dx = g * w, dL/dw = x ⋆ g for a CNN layer).

Examples
--------
>>> proof = prove("flip")
>>> proof.links[1].reason.name, len(proof.parts)
('CHANGE_INDEX', 4)
>>> sorted(IDENTITIES)[:3]
['associative', 'commutative', 'conv_layer_gradients']
"""

from __future__ import annotations

from typing import Any, Callable

from sympy import (Add, Dummy, I, IndexedBase, Integer, KroneckerDelta, Lambda, Matrix, Mul,
                   Rational, Sum, Symbol, conjugate, exp, expand, oo, pi, symbols)

from symconv.errors import InputError
from symconv.proofs.proof import Link, Proof, Reason
from symconv.sequences import FiniteSequence
from symconv.symbolic import Convolution, Correlation

__all__ = ["IDENTITIES", "prove"]

n = Symbol("n", integer=True)
m, k, j = symbols("m k j", integer=True)
x, h, g = IndexedBase("x"), IndexedBase("h"), IndexedBase("g")


class _FlatSymbol(Symbol):
    """A name printed ``h♭`` in text and ``h^{\\flat}`` in LaTeX."""

    def _latex(self, printer: Any) -> str:
        return self.name.replace("♭", "") + r"^{\flat}"


hflat = IndexedBase(_FlatSymbol("h♭"))
_REFERENCE_X = [1, "1/2", 1, 1]
_REFERENCE_H = [1, "1/2", "1/4"]
_IMAGE = [[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]]
_KERNEL = [[1, 0, 1], [0, 1, 0], [1, 0, 1]]


def prove(name: str, **options: Any) -> Proof:
    """Build and verify the proof of an identity.

    Parameters
    ----------
    name : str
        One of ``IDENTITIES``.
    **options
        ``x``, ``h`` (and ``g``) concrete sequences for the instances; ``N`` for ``dft``.

    Raises
    ------
    InputError
        Unknown name.

    Examples
    --------
    >>> p = prove("commutative")
    >>> [link.reason.name for link in p.links]
    ['DEFINITION_CONVOLUTION', 'CHANGE_INDEX', 'DEFINITION_CONVOLUTION']
    """
    if name not in IDENTITIES:
        import difflib
        close = difflib.get_close_matches(name, sorted(IDENTITIES), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise InputError("identity", f"{name!r} is not one of: {', '.join(sorted(IDENTITIES))}{hint}")
    return IDENTITIES[name](**options).verify()


def _sum(body: Any, var: Symbol = m) -> Sum:
    return Sum(body, (var, -oo, oo))


# --------------------------------------------------------------------------- flip
def flip_proof(x_values: Any = None, h_values: Any = None, *, modes: tuple = ("full", "valid", "same"),
               **_: Any) -> Proof:
    """``(x ⋆ h)[n] = (x * h♭)[n]`` with ``h♭[j] = conj(h[-j])``."""
    general = [
        Link(Correlation(x, h, n), _sum(x[n + m] * conjugate(h[m])), Reason.DEFINITION_CORRELATION),
        Link(_sum(x[n + m] * conjugate(h[m])), _sum(x[k] * conjugate(h[k - n]), k), Reason.CHANGE_INDEX,
             detail="k = n + m", substitution=(m, k, k - n)),
        Link(_sum(x[k] * conjugate(h[k - n]), k), _sum(x[k] * hflat[n - k], k), Reason.DEFINE_FLIP,
             detail=r"h^{\flat}[j] = \overline{h[-j]}",
             definitions=((hflat, Lambda(j, conjugate(h[-j]))),)),
        Link(_sum(x[k] * hflat[n - k], k), Convolution(x, hflat, n), Reason.DEFINITION_CONVOLUTION),
    ]
    X, H = FiniteSequence(x_values if x_values is not None else _REFERENCE_X), \
        FiniteSequence(h_values if h_values is not None else _REFERENCE_H)
    parts = [_flip_instance(X, H, mode) for mode in modes] + [_flip_2d()]
    return Proof("flip identity", general, parts=tuple(parts),
                 notes=("The same on concrete sequences, mode by mode, with the index windows "
                        "from symconv.conventions; then in 2-D, flipped on both axes.",))


def _flipped(H: FiniteSequence) -> FiniteSequence:
    from symconv.operations import flip
    return FiniteSequence(flip(H.to_signal()))


def _flip_given(H: FiniteSequence, Hb: FiniteSequence) -> Link:
    def check() -> str | None:
        for i in range(Hb.start - 1, Hb.end + 2):
            if expand(Hb[i] - conjugate(H[-i])) != 0:
                return f"h♭[{i}] = {Hb[i]} but conj(h[{-i}]) = {conjugate(H[-i])}"
        return None
    return Link(hflat, Hb, Reason.DEFINE_FLIP, detail=r"h^{\flat}[j] = \overline{h[-j]}", check=check)


def _flip_instance(X: FiniteSequence, H: FiniteSequence, mode: str) -> Proof:
    Hb = _flipped(H)
    if mode == "full":
        window = (X.start + Hb.start - 2, X.end + Hb.end + 2)
        links = [Link(Correlation(X, H, n), Correlation(X, H, n).doit(), Reason.FINITE_EXPANSION,
                      window=window),
                 Link(Correlation(X, H, n).doit(), Convolution(X, Hb, n), Reason.FINITE_EXPANSION,
                      window=window)]
        return Proof("full mode", links, givens=(_flip_given(H, Hb),))
    from symconv.operations import convolve, correlate
    left = FiniteSequence(correlate(X.to_signal(), H.to_signal(), mode=mode))
    right = FiniteSequence(convolve(X.to_signal(), Hb.to_signal(), mode=mode))
    label_l = rf"\text{{{mode} part of }} (x \star h)"
    label_r = rf"\text{{{mode} part of }} (x * h^{{\flat}})"
    links = [Link(Correlation(X, H, n), left, Reason.WINDOW, label=label_l,
                  check=lambda: _window_check(X, H, left, mode, "correlation")),
             Link(left, Convolution(X, Hb, n), Reason.WINDOW, label=label_r,
                  check=lambda: _window_check(X, Hb, left, mode, "convolution")
                  or _same_sequence(left, right))]
    lo, hi = left.start, left.end
    return Proof(f"{mode} mode", links, givens=(_flip_given(H, Hb),),
                 notes=(f"window of the {mode} mode: n = {lo}..{hi} (symconv.conventions)",))


def _same_sequence(a: FiniteSequence, b: FiniteSequence) -> str | None:
    if a != b:
        return f"{a} differs from {b}"
    return None


def _window_check(X: FiniteSequence, K: FiniteSequence, claimed: FiniteSequence, mode: str,
                  operation: str) -> str | None:
    """The claimed window is where conventions put it and holds the defining sums."""
    from symconv.conventions import full_starts, window
    if operation == "correlation":
        start = full_starts((X.start,), (K.to_signal().flip().start,))[0]
        value = lambda l: Add(*(X[l + i] * conjugate(K[i]) for i in range(K.start, K.end + 1)))
    else:
        start = full_starts((X.start,), (K.start,))[0]
        value = lambda l: Add(*(X[i] * K[l - i] for i in range(X.start, X.end + 1)))
    w = window(mode, len(X.values), len(K.values))
    lo = start + w.offset
    if (claimed.start, len(claimed.values)) != (lo, w.length):
        return (f"{mode} window is n = {claimed.start}..{claimed.end}, conventions say "
                f"n = {lo}..{lo + w.length - 1}")
    for l in range(lo, lo + w.length):
        if expand(value(l) - claimed[l]) != 0:
            return f"at n = {l} the defining sum is {value(l)}, the window holds {claimed[l]}"
    return None


def _flip_2d() -> Proof:
    from symconv.conventions import full_starts, windows
    from symconv.operations import convolve, correlate, flip
    from symconv.signal import Signal
    image, kernel = Signal(_IMAGE), Signal(_KERNEL, start=(-1, -1))
    flipped = flip(kernel)
    left = correlate(image, kernel, mode="valid")
    right = convolve(image, flipped, mode="valid")

    def check() -> str | None:
        for i in range(-2, 3):
            for jj in range(-2, 3):
                if flipped[i, jj] != conjugate(kernel[-i, -jj]):
                    return f"h♭[{i}, {jj}] is not conj(h[{-i}, {-jj}])"
        starts = full_starts(image.starts, flipped.starts)
        ws = windows("valid", image.shape, kernel.shape)
        expected = tuple(s + w.offset for s, w in zip(starts, ws)), tuple(w.length for w in ws)
        for name, result in (("correlation", left), ("convolution", right)):
            if (result.starts, result.shape) != expected:
                return f"{name} window {result.starts}, {result.shape}; conventions say {expected}"
        rows, cols = expected[0]
        for r in range(rows, rows + expected[1][0]):
            for c in range(cols, cols + expected[1][1]):
                corr = Add(*(image[r + a, c + b] * conjugate(kernel[a, b])
                             for a in range(-1, 2) for b in range(-1, 2)))
                conv = Add(*(image[a, b] * flipped[r - a, c - b] for a in range(5) for b in range(5)))
                if corr != left[r, c] or conv != right[r, c] or corr != conv:
                    return f"at ({r}, {c}): correlation {corr}, convolution {conv}"
        return None

    link = Link(Matrix(left.values), Matrix(right.values), Reason.WINDOW, check=check,
                label=(r"\text{valid part of } (X \star K) = \text{valid part of } (X * K^{\flat}),"
                       rf"\ i, j \in {left.starts[0]}..{left.starts[0] + left.shape[0] - 1}"))
    return Proof("2-D, valid mode, flip on both axes", [link],
                 notes=("X is the 5x5 reference image, K = [[1,0,1],[0,1,0],[1,0,1]] centred "
                        "(start (-1, -1)); K♭[i, j] = conj(K[-i, -j]).",))


# --------------------------------------------------------------------------- algebraic identities
def _symbolic(name: str, count: int) -> FiniteSequence:
    return FiniteSequence(list(symbols(f"{name}0:{count}")))


def _term_by_term(title: str, left: Callable[[int], Any], right: Callable[[int], Any],
                  indices: range) -> Proof:
    links = []
    for i in indices:
        lhs, rhs = left(i), right(i)
        value = expand(lhs.rewrite(Sum).doit())
        links.append(Link(lhs, rhs, Reason.FINITE_EXPANSION, via=value))
    return Proof(title, links, chain=False)


def commutative_proof(**_: Any) -> Proof:
    """``(x * h)[n] = (h * x)[n]``."""
    links = [
        Link(Convolution(x, h, n), _sum(x[m] * h[n - m]), Reason.DEFINITION_CONVOLUTION),
        Link(_sum(x[m] * h[n - m]), _sum(h[k] * x[n - k], k), Reason.CHANGE_INDEX,
             detail="k = n - m", substitution=(m, k, n - k)),
        Link(_sum(h[k] * x[n - k], k), Convolution(h, x, n), Reason.DEFINITION_CONVOLUTION),
    ]
    A, B = _symbolic("a", 4), _symbolic("b", 3)
    part = _term_by_term("a0..a3 and b0..b2, term by term", lambda i: Convolution(A, B, i),
                         lambda i: Convolution(B, A, i), range(0, 6))
    return Proof("commutativity", links, parts=(part,))


def associative_proof(**_: Any) -> Proof:
    """``((x * h) * g)[n] = (x * (h * g))[n]``."""
    xh = Lambda(k, Convolution(x, h, k))
    hg = Lambda(k, Convolution(h, g, k))
    s1 = _sum(Convolution(x, h, m) * g[n - m])
    s2 = _sum(_sum(x[k] * h[m - k], k) * g[n - m])
    s3 = Sum(x[k] * h[m - k] * g[n - m], (m, -oo, oo), (k, -oo, oo))
    s4 = _sum(x[k] * _sum(h[j] * g[n - k - j], j), k)
    s5 = _sum(x[k] * Convolution(h, g, n - k), k)
    links = [
        Link(Convolution(xh, g, n), s1, Reason.DEFINITION_CONVOLUTION),
        Link(s1, s2, Reason.DEFINITION_CONVOLUTION),
        Link(s2, s3, Reason.INTERCHANGE_SUMS),
        Link(s3, s4, Reason.CHANGE_INDEX, detail="j = m - k", substitution=(m, j, j + k)),
        Link(s4, s5, Reason.DEFINITION_CONVOLUTION),
        Link(s5, Convolution(x, hg, n), Reason.DEFINITION_CONVOLUTION),
    ]
    from symconv.operations import convolve
    A, B, C = _symbolic("a", 3), _symbolic("b", 2), _symbolic("c", 2)
    AB = FiniteSequence(convolve(A.to_signal(), B.to_signal()))
    BC = FiniteSequence(convolve(B.to_signal(), C.to_signal()))
    part = _term_by_term("a0..a2, b0..b1, c0..c1, term by term", lambda i: Convolution(AB, C, i),
                         lambda i: Convolution(A, BC, i), range(0, 5))
    return Proof("associativity", links, parts=(part,))


def shift_proof(**_: Any) -> Proof:
    """``x[n - k] * h = y[n - k]`` with ``y = x * h``."""
    s = Symbol("s", integer=True)
    shifted = Lambda(j, x[j - s])
    links = [
        Link(Convolution(shifted, h, n), _sum(x[m - s] * h[n - m]), Reason.DEFINITION_CONVOLUTION),
        Link(_sum(x[m - s] * h[n - m]), _sum(x[k] * h[n - s - k], k), Reason.CHANGE_INDEX,
             detail="k = m - s", substitution=(m, k, k + s)),
        Link(_sum(x[k] * h[n - s - k], k), Convolution(x, h, n - s), Reason.DEFINITION_CONVOLUTION),
    ]
    return Proof("shift", links)


def impulse_proof(**_: Any) -> Proof:
    """``(x * δ)[n] = x[n]``."""
    d = Lambda(j, KroneckerDelta(j, 0))
    links = [
        Link(Convolution(x, d, n), _sum(x[m] * KroneckerDelta(n - m, 0)), Reason.DEFINITION_CONVOLUTION),
        Link(_sum(x[m] * KroneckerDelta(n - m, 0)), x[n], Reason.SIFTING),
    ]
    return Proof("impulse", links)


def correlation_order_proof(x_values: Any = None, h_values: Any = None, **_: Any) -> Proof:
    """``r_xh[l] = conj(r_hx[-l])``, with ``r_xh = x ⋆ h`` in the canonical order."""
    l = Symbol("l", integer=True)
    links = [
        Link(Correlation(x, h, l), _sum(x[l + m] * conjugate(h[m])), Reason.DEFINITION_CORRELATION),
        Link(_sum(x[l + m] * conjugate(h[m])), _sum(x[k] * conjugate(h[k - l]), k), Reason.CHANGE_INDEX,
             detail="k = l + m", substitution=(m, k, k - l)),
        Link(_sum(x[k] * conjugate(h[k - l]), k), conjugate(_sum(conjugate(x[k]) * h[k - l], k)),
             Reason.CONJUGATE_SUM),
        Link(conjugate(_sum(conjugate(x[k]) * h[k - l], k)), conjugate(Correlation(h, x, -l)),
             Reason.DEFINITION_CORRELATION),
    ]
    X = FiniteSequence(x_values if x_values is not None else [1, "1+2i", "-1/2"])
    H = FiniteSequence(h_values if h_values is not None else ["i", 2, "1/3"])
    part = _term_by_term("x = [1, 1+2i, -1/2], h = [i, 2, 1/3], lag by lag",
                         lambda i: Correlation(X, H, i), lambda i: conjugate(Correlation(H, X, -i)),
                         range(-2, 3))
    return Proof("correlation order", links, parts=(part,))


def dft_proof(x_values: Any = None, h_values: Any = None, N: int | None = None, **_: Any) -> Proof:
    """Circular convolution theorem: ``DFT_N(x ⊛ h)[k] = X[k] H[k]``."""
    parts = [_dft_instance(_symbolic("a", 4).values, _symbolic("b", 4).values, 4, "symbolic, N = 4"),
             _dft_instance(_symbolic("a", 3).values, _symbolic("b", 3).values, 3, "symbolic, N = 3")]
    if x_values is not None and h_values is not None:
        from symconv.signal import Signal
        xs, hs = Signal(x_values).values, Signal(h_values).values
        size = N or max(len(xs), len(hs))
        parts.append(_dft_instance(xs, hs, size, f"given sequences, N = {size}"))
    else:
        parts.append(_dft_instance([1, Rational(1, 2), 1, 1], [1, Rational(1, 2), Rational(1, 4), 0], 4,
                                   "reference example, N = 4"))
    return Proof("circular convolution theorem", [], parts=tuple(parts), chain=False,
                 notes=(r"X[k] = \sum_{n=0}^{N-1} x[n] W^{nk}, W = e^{-2\pi i/N}",))


def _dft_instance(xs: list, hs: list, N: int, title: str) -> Proof:
    from symconv.operations import circular_convolve
    W = exp(-2 * pi * I / N)
    xs = list(xs) + [0] * (N - len(xs))
    hs = list(hs) + [0] * (N - len(hs))
    y = circular_convolve(xs, hs, N).values
    links = []
    for kk in range(N):
        dft_y = Add(*(y[i] * W**(i * kk) for i in range(N)))
        X = Add(*(xs[i] * W**(i * kk) for i in range(N)))
        H = Add(*(hs[i] * W**(i * kk) for i in range(N)))
        links.append(Link(dft_y, Mul(X, H, evaluate=False), Reason.ALGEBRA, label=f"k = {kk}"))
    return Proof(title, links, chain=False)


def z_transform_proof(**_: Any) -> Proof:
    """``Z{x * h} = X(z) H(z)`` on the closed-form classes."""
    from symconv.sequences import rect, unit_step
    from symconv.ztransform import convolution_theorem, transforms_equal
    z, a, b = symbols("z a b")
    cases = [(a**n * unit_step(n), b**n * unit_step(n)), (a**n * unit_step(n), a**n * unit_step(n)),
             (unit_step(n), unit_step(n)), (Rational(4, 5)**n * unit_step(n), rect(n, 4)),
             (Rational(1, 2)**n * unit_step(n), 2**n * unit_step(-n - 1))]
    links = []
    for xx, hh in cases:
        X, H, Y = convolution_theorem(xx, hh, n, z)
        links.append(Link(Y.transform, Mul(X.transform, H.transform, evaluate=False), Reason.Z_TRANSFORM,
                          check=(lambda Y=Y, X=X, H=H: None if transforms_equal(
                              Y.transform, X.transform * H.transform) else "Y(z) is not X(z)H(z)"),
                          label=rf"x = {_latex(xx)},\ h = {_latex(hh)},\ {_latex(Y.roc)}"))
    return Proof("z-transform convolution theorem", links, chain=False)


def conv_layer_gradients_proof(**_: Any) -> Proof:
    """The gradients of a layer ``y = x ⋆ w`` (valid, stride 1) with ``L = sum_o g[o] y[o]``.

    ``dL/dx[i] = (g * w)[i]`` (the full convolution of the output gradient with the kernel: a
    transposed convolution) and ``dL/dw[t] = (x ⋆ g)[t]`` (the input correlated with the output
    gradient), each checked by SymPy's derivative of L on symbolic x0..x4, w0..w2, g0..g2.
    """
    from sympy import diff

    xs, ws, gs = (list(symbols(f"{name}0:{count}", real=True)) for name, count in (("x", 5), ("w", 3), ("g", 3)))
    X, W, G = FiniteSequence(xs), FiniteSequence(ws), FiniteSequence(gs)
    loss = Add(*(gs[o] * Add(*(xs[o + t] * ws[t] for t in range(3))) for o in range(3)))
    dx = [Link(diff(loss, xs[i]), Convolution(G, W, i), Reason.FINITE_EXPANSION,
               detail=f"dL/dx{i}") for i in range(5)]
    dw = [Link(diff(loss, ws[t]), Correlation(X, G, t), Reason.FINITE_EXPANSION,
               detail=f"dL/dw{t}") for t in range(3)]
    return Proof("gradients of a conv layer y = x ⋆ w, L = sum_o g[o] y[o]", dx, chain=False,
                 parts=(Proof("dL/dw = x ⋆ g, tap by tap", dw, chain=False),),
                 notes=("dL/dx is the full convolution g * w (a transposed convolution with w); "
                        "dL/dw is the correlation x ⋆ g; x0..x4, w0..w2, g0..g2 are real symbols.",))


def _latex(expr: Any) -> str:
    from sympy import latex
    return latex(expr)


IDENTITIES: dict[str, Callable[..., Proof]] = {
    "associative": associative_proof,
    "commutative": commutative_proof,
    "conv_layer_gradients": conv_layer_gradients_proof,
    "correlation_order": lambda x=None, h=None, **kw: correlation_order_proof(x, h, **kw),
    "dft": lambda x=None, h=None, **kw: dft_proof(x, h, **kw),
    "flip": lambda x=None, h=None, **kw: flip_proof(x, h, **kw),
    "impulse": impulse_proof,
    "shift": shift_proof,
    "z_transform": z_transform_proof,
}
