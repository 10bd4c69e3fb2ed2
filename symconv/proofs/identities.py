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

from sympy import (Add, Dummy, I, IndexedBase, Integer, KroneckerDelta, Lambda, Matrix, Max, Min, Mul,
                   Rational, Sum, Symbol, conjugate, exp, expand, oo, pi, symbols)

from symconv.errors import InputError
from symconv.proofs.proof import Link, Proof, Reason, same
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
def _flip_rule(base: Any = h, flat: Any = None) -> Any:
    """``h♭[j] = conj(h[-j])`` as an equation (the flip's definition)."""
    from sympy import Eq
    return Eq((flat if flat is not None else hflat)[j], conjugate(base[-j]), evaluate=False)


def _product(*factors: Any) -> Mul:
    """A product kept in the order written (``x[n + m] conj(h[m])``); checks expand it."""
    return Mul(*factors, evaluate=False)


def _index(*terms: Any) -> Add:
    return Add(*terms, evaluate=False)


def flip_proof(x_values: Any = None, h_values: Any = None, *, modes: tuple = ("full", "valid", "same"),
               **_: Any) -> Proof:
    """``(x ⋆ h)[n] = (x * h♭)[n]`` with ``h♭[j] = conj(h[-j])``."""
    general = [
        Link(Correlation(x, h, n), _sum(_product(x[_index(n, m)], conjugate(h[m]))),
             Reason.DEFINITION_CORRELATION),
        Link(_sum(_product(x[_index(n, m)], conjugate(h[m]))), _sum(_product(x[k], conjugate(h[k - n])), k),
             Reason.CHANGE_INDEX, detail=_equation(k, _index(n, m)), substitution=(m, k, k - n)),
        Link(_sum(_product(x[k], conjugate(h[k - n])), k), _sum(_product(x[k], hflat[n - k]), k),
             Reason.DEFINE_FLIP, detail=_flip_rule(),
             definitions=((hflat, Lambda(j, conjugate(h[-j]))),)),
        Link(_sum(_product(x[k], hflat[n - k]), k), Convolution(x, hflat, n), Reason.DEFINITION_CONVOLUTION),
    ]
    X, H = FiniteSequence(x_values if x_values is not None else _REFERENCE_X), \
        FiniteSequence(h_values if h_values is not None else _REFERENCE_H)
    parts = [_flip_instance(X, H, mode) for mode in modes] + [_flip_2d()]
    return Proof("flip identity", general, parts=tuple(parts),
                 notes=("The same on the sequences x and h below, mode by mode (each mode keeps a "
                        "window of the full result, stated with it), and then in 2-D, where the "
                        "kernel is flipped on both axes.",))


def _equation(lhs: Any, rhs: Any) -> Any:
    from sympy import Eq
    return Eq(lhs, rhs, evaluate=False)


def _flipped(H: FiniteSequence) -> FiniteSequence:
    from symconv.operations import flip
    return FiniteSequence(flip(H.to_signal()))


def _flip_given(H: FiniteSequence, Hb: FiniteSequence) -> Link:
    def check() -> str | None:
        for i in range(Hb.start - 1, Hb.end + 2):
            if expand(Hb[i] - conjugate(H[-i])) != 0:
                return f"h♭[{i}] = {Hb[i]} but conj(h[{-i}]) = {conjugate(H[-i])}"
        return None
    return Link(hflat, Hb, Reason.DEFINE_FLIP, detail=_flip_rule(), check=check)


def _flip_instance(X: FiniteSequence, H: FiniteSequence, mode: str) -> Proof:
    from symconv.operations import convolve, correlate
    Hb = _flipped(H)
    left = FiniteSequence(correlate(X.to_signal(), H.to_signal(), mode=mode))
    right = FiniteSequence(convolve(X.to_signal(), Hb.to_signal(), mode=mode))
    reason = Reason.FINITE_EXPANSION if mode == "full" else Reason.WINDOW
    links = [Link(Correlation(X, H, n), left, reason,
                  check=lambda: _window_check(X, H, left, mode, "correlation")),
             Link(left, Convolution(X, Hb, n), reason,
                  check=lambda: _window_check(X, Hb, left, mode, "convolution")
                  or _same_sequence(left, right))]
    lo, hi = left.start, left.end
    window = (rf"n = {lo}, \dots, {hi}", f"n = {lo}..{hi}")
    what = {"full": "every n where a product can be nonzero",
            "valid": "the n where the kernel lies wholly inside the data",
            "same": "as many n as x has, centred"}[mode]
    return Proof(f"{mode} mode", links, givens=(_flip_given(H, Hb),),
                 notes=((f"Both sides on the {mode} window ({what}): ", window, "."),))


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

    K, Kflat = IndexedBase("K"), IndexedBase(_FlatSymbol("K♭"))
    i, jj = symbols("i j", integer=True)
    (r0, c0), (rows, cols) = left.starts, left.shape
    window = (rf"i = {r0}, \dots, {r0 + rows - 1},\ j = {c0}, \dots, {c0 + cols - 1}",
              f"i = {r0}..{r0 + rows - 1}, j = {c0}..{c0 + cols - 1}")
    given = Link(Kflat, Matrix(flipped.values), Reason.DEFINE_FLIP,
                 detail=_equation(Kflat[i, jj], conjugate(K[-i, -jj])), check=check)
    link = Link(Matrix(left.values), Matrix(right.values), Reason.WINDOW, check=check,
                label=(("(X \\star K)[i, j]", "(X ⋆ K)[i, j]"), " and ", ("(X * K^{\\flat})[i, j]", "(X * K♭)[i, j]"),
                       " on the valid window ", window))
    return Proof("2-D, valid mode, flip on both axes", [link], givens=(given,),
                 notes=(("X is the 5×5 reference image ", Matrix(_IMAGE), " with rows and columns "
                         "indexed 0, …, 4, and K is the kernel ", Matrix(_KERNEL), ", centred: its rows "
                         "and columns are indexed ", ("-1, 0, 1", "-1, 0, 1"), "."),))


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
             detail=_equation(k, n - m), substitution=(m, k, n - k)),
        Link(_sum(h[k] * x[n - k], k), Convolution(h, x, n), Reason.DEFINITION_CONVOLUTION),
    ]
    A, B = _symbolic("a", 4), _symbolic("b", 3)
    part = _term_by_term(("a = ", ("\\{a_0, \\dots, a_3\\}", "{a0, …, a3}"), " and b = ",
                          ("\\{b_0, b_1, b_2\\}", "{b0, b1, b2}"), ", term by term"), lambda i: Convolution(A, B, i),
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
        Link(s3, s4, Reason.CHANGE_INDEX, detail=_equation(j, m - k), substitution=(m, j, j + k)),
        Link(s4, s5, Reason.DEFINITION_CONVOLUTION),
        Link(s5, Convolution(x, hg, n), Reason.DEFINITION_CONVOLUTION),
    ]
    from symconv.operations import convolve
    A, B, C = _symbolic("a", 3), _symbolic("b", 2), _symbolic("c", 2)
    AB = FiniteSequence(convolve(A.to_signal(), B.to_signal()))
    BC = FiniteSequence(convolve(B.to_signal(), C.to_signal()))
    part = _term_by_term(("a = ", ("\\{a_0, a_1, a_2\\}", "{a0, a1, a2}"), ", b = ",
                          ("\\{b_0, b_1\\}", "{b0, b1}"), ", c = ", ("\\{c_0, c_1\\}", "{c0, c1}"),
                          ", term by term"), lambda i: Convolution(AB, C, i),
                         lambda i: Convolution(A, BC, i), range(0, 5))
    return Proof("associativity", links, parts=(part,))


def shift_proof(**_: Any) -> Proof:
    """``x[n - k] * h = y[n - k]`` with ``y = x * h``."""
    s = Symbol("s", integer=True)
    shifted = Lambda(j, x[j - s])
    links = [
        Link(Convolution(shifted, h, n), _sum(x[m - s] * h[n - m]), Reason.DEFINITION_CONVOLUTION),
        Link(_sum(x[m - s] * h[n - m]), _sum(x[k] * h[n - s - k], k), Reason.CHANGE_INDEX,
             detail=_equation(k, m - s), substitution=(m, k, k + s)),
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
             detail=_equation(k, l + m), substitution=(m, k, k - l)),
        Link(_sum(x[k] * conjugate(h[k - l]), k), conjugate(_sum(conjugate(x[k]) * h[k - l], k)),
             Reason.CONJUGATE_SUM),
        Link(conjugate(_sum(conjugate(x[k]) * h[k - l], k)), conjugate(Correlation(h, x, -l)),
             Reason.DEFINITION_CORRELATION),
    ]
    X = FiniteSequence(x_values if x_values is not None else [1, "1+2i", "-1/2"])
    H = FiniteSequence(h_values if h_values is not None else ["i", 2, "1/3"])
    part = _term_by_term(("x = ", X, ", h = ", H, ", lag by lag"),
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
                 notes=((("X[k] = \\sum_{n=0}^{N-1} x[n] W^{nk},\\ W = e^{-2\\pi i/N}",
                          "X[k] = Σ_{n=0}^{N-1} x[n] W^(nk), W = e^(-2πi/N)"),),))


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
        links.append(Link(dft_y, Mul(X, H, evaluate=False), Reason.ALGEBRA, label=(("k = %d" % kk, "k = %d" % kk),)))
    return Proof(title, links, chain=False)


def z_transform_proof(x_values: Any = None, h_values: Any = None, **_: Any) -> Proof:
    """``Z{x * h} = X(z) H(z)`` on the intersection of the ROCs: the general chain, then the instance.

    ``x`` and ``h`` are closed forms in ``n`` (``a**n u[n]``, ``u[n] - u[n - 4]``, ...) or finite
    sequences (lists, starting at n = 0); without them the instance is ``(4/5)**n u[n]`` and
    ``u[n] - u[n - 4]``.
    """
    from sympy import Function
    z = Symbol("z")
    X, H, Y = Function("X")(z), Function("H")(z), Function("Y")(z)
    power = lambda e: z**(-e)
    zt = lambda seq, var: _sum(_product(seq[var], power(var)), var)
    s1 = _sum(_product(Convolution(x, h, n), power(n)), n)
    s2 = _sum(_sum(_product(x[m], h[n - m], power(n)), m), n)
    s3 = _sum(_product(x[m], _sum(_product(h[n - m], power(n)), n)), m)
    s4 = _sum(_product(x[m], _sum(_product(h[k], power(_index(k, m))), k)), m)
    s5 = _sum(_product(x[m], power(m), zt(h, k)), m)
    defined = {X: zt(x, m), H: zt(h, k)}
    links = [
        Link(Y, s1, Reason.DEFINITION_Z_TRANSFORM, detail=("y = ", ("x * h", "x * h")),
             check=lambda: None if same(s1.rewrite(Sum), s2) else "Y(z) is not the sum"),
        Link(s1, s2, Reason.DEFINITION_CONVOLUTION),
        Link(s2, s3, Reason.INTERCHANGE_SUMS, detail=(("z", "z"), " in both ROCs")),
        Link(s3, s4, Reason.CHANGE_INDEX, detail=_equation(k, n - m), substitution=(n, k, k + m)),
        Link(s4, s5, Reason.FACTOR, check=lambda: None if _same_powers(s4, s5) else "the sums differ"),
        Link(s5, Mul(X, H, evaluate=False), Reason.DEFINITION_Z_TRANSFORM,
             check=lambda: None if same(s5, _sum(_product(x[m], power(m), defined[H]), m))
             else "X(z) H(z) is not the double sum"),
    ]
    notes = (("Here ", X, " and ", H, " are the z-transforms of x and h, each on its region of "
              "convergence (ROC). Where z lies in both ROCs the double sum converges absolutely "
              "(the product of two absolutely convergent series), which allows the interchange; so "
              "the ROC of Y contains the intersection of the two ROCs (it is larger when a pole "
              "cancels). A finite sequence converges for every ", ("z \\neq 0", "z ≠ 0"),
              " when it has samples at ", ("n > 0", "n > 0"), ", and for every z when its samples lie in ",
              ("n \\leq 0", "n ≤ 0"), "."),)
    return Proof("z-transform of a convolution", links, parts=(_z_instance(x_values, h_values, z),),
                 notes=notes)


def _same_powers(a: Any, b: Any) -> bool:
    """Equal after canonical renaming, with powers of one base combined (``z^-k z^-m = z^-(k+m)``)."""
    from sympy import powsimp
    from symconv.proofs.proof import canonical
    a, b = canonical(a), canonical(b)
    return a.limits == b.limits and powsimp(expand(a.function - b.function)) == 0


def _z_sequence(values: Any, default: Any) -> Any:
    """A closed form in the proofs' ``n``: a SymPy expression as given (its ``n`` renamed), a list
    or FiniteSequence as its sum of impulses."""
    from sympy import Basic
    if values is None:
        return default
    if isinstance(values, Basic) and not isinstance(values, FiniteSequence):
        return values.xreplace({s: n for s in values.free_symbols if s.name == "n"})
    sequence = values if isinstance(values, FiniteSequence) else FiniteSequence(values)
    return sequence.as_expr_in(n)


def _z_instance(x_values: Any, h_values: Any, z: Symbol) -> Proof:
    from sympy import Function
    from symconv.sequences import rect, unit_step
    from symconv.ztransform import convolution_theorem, roc_condition, transforms_equal, ztransform
    xx = _z_sequence(x_values, Rational(4, 5)**n * unit_step(n))
    hh = _z_sequence(h_values, rect(n, 4))
    Xt, Ht, Yt = convolution_theorem(xx, hh, n, z)
    both = roc_condition(z, Max(Xt.inner, Ht.inner), Min(Xt.outer, Ht.outer), Xt.zero and Ht.zero)
    X, H, Y = Function("X")(z), Function("H")(z), Function("Y")(z)

    def table(seq: Any, name: Any) -> Link:
        found = ztransform(seq, n, z)
        return Link(name, found.transform, Reason.Z_TRANSFORM, detail=("ROC ", _roc(found)),
                    check=lambda: _series_check(seq, found))
    links = [Link(Y, Mul(X, H, evaluate=False), Reason.DEFINITION_Z_TRANSFORM,
                  detail=("the chain above, for z in both ROCs: ", _roc_prose(both, z)),
                  check=lambda: None if transforms_equal(Yt.transform, Xt.transform * Ht.transform)
                  else "Y(z) is not X(z) H(z)"),
             Link(Mul(X, H, evaluate=False), Mul(Xt.transform, Ht.transform, evaluate=False), Reason.SUBSTITUTE,
                  definitions=((X, Xt.transform), (H, Ht.transform)),
                  check=lambda: None if Mul(X, H).xreplace({X: Xt.transform, H: Ht.transform})
                  == Mul(Xt.transform, Ht.transform) else "X(z) H(z) is not the product of the transforms"),
             Link(Mul(Xt.transform, Ht.transform, evaluate=False), Yt.transform, Reason.ALGEBRA,
                  detail=("ROC of Y: ", _roc(Yt)),
                  check=lambda: None if transforms_equal(Yt.transform, Xt.transform * Ht.transform)
                  else "Y(z) is not X(z) H(z)")]
    return Proof(("x = ", xx, " and h = ", hh), links, givens=(table(xx, X), table(hh, H)),
                 notes=(("Y is the transform of ", ("y = x * h", "y = x * h"), " = ", Yt.sequence,
                         ", computed as a closed form and checked against the direct sum."),))


def _series_check(seq: Any, found: Any) -> str | None:
    """The transform against its definition ``sum_n x[n] z^-n``: a right-sided sequence's samples
    are the coefficients of ``X(1/w)`` at ``w = 0`` (a left-sided one's, of ``X(z)`` at ``z = 0``),
    compared for ``n = -6..8``; a two-sided one is checked term by term by the transform itself."""
    from sympy import Dummy, expand, series, simplify
    w, z = Dummy("w"), found.z
    if found.outer == oo:
        expansion, sign = series(found.transform.subs(z, 1 / w), w, 0, 9).removeO(), 1
    elif found.zero:
        expansion, sign = series(found.transform.subs(z, w), w, 0, 9).removeO(), -1
    else:
        return None
    expansion = expand(expansion)
    for i in range(-6, 9):
        sample = seq.subs(n, sign * i)
        if simplify(expansion.coeff(w, i) - sample) != 0:
            return f"x[{sign * i}] = {sample}, but the transform's series has {expansion.coeff(w, i)}"
    return None


def _roc(found: Any) -> Any:
    return _roc_prose(found.roc, found.z)


def _roc_prose(condition: Any, z: Symbol) -> Any:
    """A region of convergence as a mathematician writes it: ``|z| > 1``, ``z ≠ 0``, every z."""
    from sympy import Abs
    from sympy import true as sympy_true
    if condition is sympy_true or condition is True:
        return ("\\text{every } z", "every z")
    if condition == (Abs(z) > 0):
        return ("z \\neq 0", "z ≠ 0")
    return condition


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
               detail=((rf"\partial L / \partial x_{i}", f"∂L/∂x{i}"),)) for i in range(5)]
    dw = [Link(diff(loss, ws[t]), Correlation(X, G, t), Reason.FINITE_EXPANSION,
               detail=((rf"\partial L / \partial w_{t}", f"∂L/∂w{t}"),)) for t in range(3)]
    return Proof(("gradients of a conv layer ", ("y = x \\star w,\\ L = \\sum_o g[o]\\, y[o]",
                                                 "y = x ⋆ w, L = Σ_o g[o] y[o]")), dx, chain=False,
                 parts=(Proof((("\\partial L/\\partial w = x \\star g", "∂L/∂w = x ⋆ g"), ", tap by tap"),
                              dw, chain=False),),
                 notes=((("\\partial L/\\partial x", "∂L/∂x"), " is the full convolution ", ("g * w", "g * w"),
                         " (a transposed convolution with w); ", ("\\partial L/\\partial w", "∂L/∂w"),
                         " is the correlation ", ("x \\star g", "x ⋆ g"), "; the x, w and g values are real "
                         "symbols."),))


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
    "z_transform": lambda x=None, h=None, **kw: z_transform_proof(x, h, **kw),
}
