r"""The registry of mistake hypotheses, and the checker that explains a wrong answer with them.

A mistake is a **computed hypothesis**, as in STACK's answer tests: a small frozen
:class:`Hypothesis` with its ``kind``, what it means, when it applies, and the alternative
answer it computes exactly. The checker names a cause only when that alternative reproduces
the claimed terms it is said to explain:

1. **The whole answer.** Each *operation* hypothesis (the kernel not flipped, the arguments
   swapped, ...) is combined with each *window* hypothesis (another mode, another library's
   ``same``, MATLAB's ``xcorr`` lags) and each *placement* (the same indices, an index range
   off by k, only part of it, every sign flipped); at most two causes are combined. The
   explanations with the fewest causes are named.
2. **All but one or two terms.** An alternative of one cause that reproduces every term but one
   or two (and at least two terms the right answer does not have) is named, and the other
   terms are ``unexplained``.
3. **Term by term.** A product left out or added, one sign, for one or two wrong terms (a pair
   of causes at most; for more terms, or beside a wrong size, such per-term "causes" are
   coincidences of small numbers), and decimals rounded on any number of terms (only when the
   claim is written with decimals or the question asks for rounding). Wrong terms nothing
   explains are ``unexplained``, listed with how far each is off. That is an honest answer.

Examples
--------
>>> [h.kind for h in REGISTRY][:4]
['unflipped_kernel', 'swapped_arguments', 'conjugation_missing', 'reversed_input']
>>> "unexplained" in KINDS and len(KINDS) == len(set(KINDS))
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations
from itertools import product as cartesian
from typing import Any

import sympy
from sympy import Expr, S, expand

from symconv.check.compare import (decimal_places, equal, right_to_decimals, right_to_significant,
                                   rounded_to)
from symconv.check.fingerprint import PRIME, Fingerprint
from symconv.check.verdict import Mistake, TermVerdict, Verdict
from symconv.errors import InputError, UnsupportedError
from symconv.operations import circular_convolve, convolve, correlate, wrap
from symconv.signal import Signal

__all__ = ["KINDS", "REGISTRY", "Alternative", "Checker", "Hypothesis", "flat", "index_range",
           "index_text", "kinds_table", "short_text"]

SHOWN = 8
"""An ``unexplained`` explanation spells out this many of more than ``SHOWN + 2`` wrong terms;
its evidence lists them all."""

MAX_TERM_PRODUCTS = 20_000
"""Symbolic data: wrong terms are searched for a single cause (a product left out or extra, a
sign) until this many products have been compared; the verdict notes the terms not searched."""


# ----------------------------------------------------------------------------- the registry


@dataclass(frozen=True)
class Alternative:
    """One exactly computed alternative answer: ``compute(x, h, mode, same_convention)``."""

    kind: str
    what: str
    evidence: dict
    compute: Callable[..., Signal]


@dataclass(frozen=True)
class Hypothesis:
    """A named mistake: ``kind``, what the claim is then (``meaning``), and how it is tested.

    ``scope`` says how: ``operation`` (another computation of the whole answer), ``window``
    (another index window of it), ``placement`` (the answer placed at other indices, cut, or
    negated), ``term`` (one term's own mistake), ``layer`` (another layer parameter),
    ``line`` (a stage of a worked line), or ``verdict`` (a description, computed by the
    comparison itself). ``applies(checker)`` and ``alternatives(checker)`` are given for the
    computed scopes.
    """

    kind: str
    meaning: str
    scope: str
    applies: Callable[[Any], bool] | None = field(default=None, compare=False)
    alternatives: Callable[[Any], list[Alternative]] | None = field(default=None, compare=False)


def _linear(c: Any) -> bool:
    return c.q.op in ("convolve", "correlate")


def _unflipped(c: Checker) -> list[Alternative]:
    a, b, q = c.a, c.b, c.q
    if q.op == "convolve":
        return [Alternative("unflipped_kernel", f"the correlation of {a} and {b} (the kernel {b} "
                            "not flipped)", {"computed": "correlate"},
                            lambda x, h, m, s: correlate(x, h, mode=m, same_convention=s))]
    if q.op == "correlate":
        return [Alternative("unflipped_kernel", f"the convolution of {a} and {b} (the kernel flipped "
                            "where correlation slides it unflipped)", {"computed": "convolve"},
                            lambda x, h, m, s: convolve(x, h, mode=m, same_convention=s))]
    return [Alternative("unflipped_kernel", "the circular correlation (the kernel not flipped)",
                        {"computed": "circular correlation"},
                        lambda x, h, m, s: circular_convolve(x, h.flip(), q.N))]


def _swapped(c: Checker) -> list[Alternative]:
    a, b, q = c.a, c.b, c.q
    if q.op == "convolve":
        return [Alternative("swapped_arguments", f"{b} * {a} (arguments swapped)",
                            {"computed": "convolve(h, x)"},
                            lambda x, h, m, s: convolve(h, x, mode=m, same_convention=s))]
    other = "wikipedia" if q.order == "canonical" else "canonical"
    return [
        Alternative("swapped_arguments", f"the correlation in the other order ({other}: "
                    f"r_{b}{a} for r_{a}{b})", {"order": other},
                    lambda x, h, m, s: correlate(x, h, mode=m, same_convention=s, order=other)),
        Alternative("swapped_arguments", f"the correlation of {b} and {a} (the inputs swapped, as "
                    f"numpy.correlate({b}, {a}) computes it)", {"computed": "correlate(h, x)"},
                    lambda x, h, m, s: correlate(h, x, mode=m, same_convention=s, order=q.order)),
    ]


def _unconjugated(c: Checker) -> list[Alternative]:
    q = c.q

    def compute(x: Signal, h: Signal, m: str, s: str) -> Signal:
        if q.order == "canonical":
            return convolve(x, h.reverse(), mode=m, same_convention=s)
        return convolve(h, x.reverse(), mode=m, same_convention=s)

    return [Alternative("conjugation_missing", "the correlation without the complex conjugate",
                        {"computed": "convolve(x, reverse(h))"}, compute)]


def _reversed(c: Checker) -> list[Alternative]:
    a, b, q = c.a, c.b, c.q
    fn = {"convolve": lambda x, h, m, s: convolve(x, h, mode=m, same_convention=s),
          "correlate": lambda x, h, m, s: correlate(x, h, mode=m, same_convention=s, order=q.order),
          "circular": lambda x, h, m, s: circular_convolve(x, h, q.N)}[q.op]
    # h reversed alone is unflipped_kernel already; for correlation both reversed is r_hx
    out = [Alternative("reversed_input", f"the same question with {a} reversed in time",
                       {"reversed": a}, lambda x, h, m, s: fn(x.flip(), h, m, s))]
    if q.op != "correlate":
        out.append(Alternative("reversed_input", f"the same question with {a} and {b} reversed in "
                               "time (the result reversed)", {"reversed": [a, b]},
                               lambda x, h, m, s: fn(x.flip(), h.flip(), m, s)))
    return out


def _partial(c: Checker) -> list[Alternative]:
    b, q = c.b, c.q
    out = []
    for axes in [axes for k in range(1, c.x.ndim) for axes in combinations(range(c.x.ndim), k)]:
        listed = f"axis {axes[0]}" if len(axes) == 1 else "axes " + ", ".join(map(str, axes))
        if q.op == "correlate":
            what = f"the correlation with {b} flipped along {listed} (correlation flips no axis)"
            fn = (lambda x, h, m, s, axes=axes: correlate(x, h.reverse(axes), mode=m, same_convention=s,
                                                          order=q.order))
        elif q.op == "circular":
            what = f"the circular convolution with {b} not flipped along {listed}"
            fn = lambda x, h, m, s, axes=axes: circular_convolve(x, h.reverse(axes), q.N)  # noqa: E731
        else:
            what = f"the convolution with {b} not flipped along {listed}"
            fn = lambda x, h, m, s, axes=axes: convolve(x, h.reverse(axes), mode=m, same_convention=s)  # noqa: E731
        out.append(Alternative("partial_flip", what, {"axes": list(axes)}, fn))
    return out


def _linear_for_circular(c: Checker) -> list[Alternative]:
    N = c.q.N
    first = (lambda x, h, m, s: convolve(x, h).window(convolve(x, h).starts, N))
    return [Alternative("linear_not_circular", "the linear (full) convolution, not the circular one",
                        {"computed": "convolve"}, lambda x, h, m, s: convolve(x, h)),
            Alternative("linear_not_circular", f"the first {N} terms of the linear convolution, not "
                        "the circular one (the tail not wrapped around)", {"computed": "convolve",
                                                                           "terms": N}, first)]


def _windows(c: Checker) -> list[Alternative]:
    q = c.q
    out = []
    for m, s in [(m, s) for m in ("full", "valid", "same")
                 for s in (("scipy", "numpy", "matlab") if m == "same" else ("scipy",))]:
        if (m, s) != (q.mode, q.same_convention if q.mode == "same" else "scipy"):
            out.append(Alternative("wrong_mode", _mode_text(m, s), {"mode": m, "same_convention": s},
                                   lambda x, h, f, _, m=m, s=s: f(x, h, m, s)))
    if q.op == "correlate" and c.x.ndim == 1:
        def xcorr(x: Signal, h: Signal, f: Callable[..., Signal], _: str) -> Signal:
            L = max(x.shape[0], h.shape[0])
            return f(x, h, "full", "scipy").window(_xcorr_start(x, h, q.order), 2 * L - 1)

        out.append(Alternative("wrong_mode", "MATLAB's xcorr lag range -(L-1)..L-1 (the shorter "
                               "input padded with zeros)", {"mode": "xcorr"}, xcorr))
        M = (c.claim.shape[0] - 1) // 2  # xcorr(x, h, maxlag): lags -maxlag..maxlag, as claimed
        if c.claim.shape[0] % 2 and 0 < M != max(c.x.shape[0], c.h.shape[0]) - 1:
            def maxlag(x: Signal, h: Signal, f: Callable[..., Signal], _: str) -> Signal:
                meet = _xcorr_start(x, h, q.order) + max(x.shape[0], h.shape[0]) - 1
                return f(x, h, "full", "scipy").window(meet - M, 2 * M + 1)

            out.append(Alternative("wrong_mode", f"MATLAB's xcorr(..., {M}) lag range -{M}..{M}",
                                   {"mode": "xcorr", "maxlag": M}, maxlag))
    return out


def _xcorr_start(x: Signal, h: Signal, order: str) -> int:
    """The first lag of MATLAB's ``xcorr`` output for inputs starting at their own starts:
    ``-(L - 1)`` lags from the lag where both starts meet."""
    L = max(x.shape[0], h.shape[0])
    meet = x.start - h.start if order == "canonical" else h.start - x.start
    return meet - (L - 1)


REGISTRY: tuple[Hypothesis, ...] = (
    Hypothesis("unflipped_kernel", "is the correlation where a convolution was asked (or the "
               "reverse): the kernel was not flipped", "operation", lambda c: True, _unflipped),
    Hypothesis("swapped_arguments", "is h * x, r_hx for r_xh (the other correlation order, or "
               "numpy.correlate(h, x)) where the order matters", "operation", _linear, _swapped),
    Hypothesis("conjugation_missing", "is a correlation of complex data without the conjugate",
               "operation", lambda c: c.q.op == "correlate" and (c.complex_data), _unconjugated),
    Hypothesis("reversed_input", "is the answer to the same question with x (or x and h) "
               "reversed in time", "operation", lambda c: True, _reversed),
    Hypothesis("partial_flip", "(N-D) has the kernel flipped along some axes only (which)",
               "operation", lambda c: c.x.ndim > 1, _partial),
    Hypothesis("linear_not_circular", "is the linear convolution, or its first N terms, where "
               "the circular one was asked", "operation", lambda c: c.q.op == "circular",
               _linear_for_circular),
    Hypothesis("wrong_mode", "is another mode, another library's 'same' window, or MATLAB "
               "xcorr's zero-padded lag range", "window", _linear, _windows),
    Hypothesis("origin_shift", "has the right values on an index range off by k", "placement"),
    Hypothesis("truncated", "is only part of the result (the rest left out or given as zeros)",
               "placement"),
    Hypothesis("sign_error", "has the opposite sign (everywhere, in one term, or one product "
               "subtracted)", "placement"),
    Hypothesis("term_left_out", "lacks exactly one product in a term (which, e.g. a[1]b[2]; for a "
               "layer, its bias)", "term"),
    Hypothesis("extra_term", "has one product too many in a term (one of another term)", "term"),
    Hypothesis("decimal_rounding", "is the right value rounded to k decimals or k significant "
               "digits (named only for claims written with decimals, or when the question asks "
               "for rounding)", "term"),
    Hypothesis("single_wrong_term", "has exactly one wrong term (which, and its right value)",
               "verdict"),
    Hypothesis("inconsistent_size", "has the wrong number of terms or the wrong matrix shape",
               "verdict"),
    Hypothesis("unexplained", "has wrong terms that no single mistake (or pair) explains: they "
               "are listed with how far they are off; an honest answer, never a guess", "verdict"),
    Hypothesis("closed_form_mismatch", "(a closed form) differs from the result at the "
               "counterexample n it names", "verdict"),
    Hypothesis("wrong_padding", "(a layer) is the layer with another padding or padding mode",
               "layer"),
    Hypothesis("wrong_stride", "(a layer) is the layer with another stride", "layer"),
    Hypothesis("wrong_dilation", "(a layer) is the layer with another dilation", "layer"),
    Hypothesis("wrong_sum", "(a worked line) writes a sum that is not the definition's", "line"),
    Hypothesis("wrong_products", "(a worked line) lists other products than the definition's",
               "line"),
    Hypothesis("product_not_sum", "(a worked line) multiplies where the definition adds", "line"),
    Hypothesis("arithmetic", "(a worked line) has a stage that does not equal the stage before it",
               "line"),
    Hypothesis("wrong_value", "(a worked line) ends in a value that is not the term", "line"),
    Hypothesis("wrong_index", "(a worked line) writes the operation at another output index than "
               "its own",
               "line"),
)
"""Every mistake kind, in the order verdicts list them."""

KINDS = tuple(h.kind for h in REGISTRY)
"""Every ``Mistake.kind`` (see :data:`REGISTRY` for what each means)."""


def kinds_table() -> str:
    """The kinds and their meanings as a Markdown table (the README's copy is tested against it).

    Examples
    --------
    >>> print(kinds_table().splitlines()[2])
    | `unflipped_kernel` | is the correlation where a convolution was asked (or the reverse): the kernel was not flipped |
    """
    rows = ["| kind | the claim ... |", "|---|---|"]
    rows += [f"| `{h.kind}` | {h.meaning} |" for h in REGISTRY]
    return "\n".join(rows)


def _hypotheses(scope: str) -> list[Hypothesis]:
    return [h for h in REGISTRY if h.scope == scope]


# ----------------------------------------------------------------------------- the checker


@dataclass(frozen=True)
class _Candidate:
    """A whole-answer explanation: its kinds, what it is, the computed answer, the placement."""

    kinds: tuple[str, ...]
    mistakes: tuple[Mistake, ...]
    placed: int  # 0: the answer as computed; 1: shifted, cut or negated
    right: bool  # the right answer, placed otherwise


class Checker:
    """One comparison of a finite claim with the finite correct result, and its explanation.

    Subclasses (the layer checker) give other :meth:`operations`, :meth:`windows` and
    :meth:`products`.
    """

    def __init__(self, claim: Signal, correct: Signal, x: Signal, h: Signal, q: Any,
                 given: bool, decimals: int | None, significant: int | None,
                 notes: tuple[str, ...], written: bool | None = None) -> None:
        self.claim, self.correct, self.x, self.h, self.q = claim, correct, x, h, q
        self.given, self.decimals, self.significant = given, decimals, significant
        self.written = written  # the claim is written with decimals (None: not known)
        self.notes = list(notes)
        self.a, self.b, self.c = q.names
        self.examined = 0  # products compared by term_cause (bounded for symbolic data)

    @cached_property
    def symbolic(self) -> bool:
        """Whether the question's data or kernel has symbols."""
        return any(getattr(v, "free_symbols", None) for v in flat(self.x) + flat(self.h))

    @cached_property
    def complex_data(self) -> bool:
        return any(v.has(sympy.I) or (v.is_real is False) for v in flat(self.x) + flat(self.h))

    @cached_property
    def fingerprint(self) -> Fingerprint | None:
        """Fingerprints of plain polynomial values (symbolic data only), else None."""
        if not self.symbolic:
            return None
        symbols = set().union(*(getattr(v, "free_symbols", set()) for s in (self.x, self.h, self.claim)
                                for v in flat(s)))
        return Fingerprint(symbols) if Fingerprint.usable(symbols) else None

    def _same(self, a: Any, b: Any) -> bool:
        """``equal(a, b)``, answered at once when the fingerprints of a and b differ."""
        f = self.fingerprint
        if f is not None and a is not None and b is not None:
            ka, kb = f(a), f(b)
            if ka is not None and kb is not None and ka != kb:
                return False
        return equal(a, b)

    # ------------------------------------------------------------------ terms
    def terms(self) -> list[TermVerdict]:
        claim, correct = self.claim, self.correct
        # the indices of either signal (not their bounding box: a claim at n = 10**9 is two boxes)
        indices = set().union(*(cartesian(*(range(s, s + n) for s, n in zip(signal.starts, signal.shape)))
                                for signal in (claim, correct)))
        out = []
        for index in sorted(indices):
            inside_claim = _inside(index, claim)
            inside_correct = _inside(index, correct)
            key = index[0] if claim.ndim == 1 else index
            right = correct[index] if inside_correct else S.Zero
            if inside_claim:
                value = claim[index]
                if inside_correct or self.q.mode == "full":
                    ok = self._same(value, right) or self._rounded_ok(value, right)
                else:
                    ok = False  # outside the window the question asks for
                out.append(TermVerdict(key, value, right, ok))
            elif inside_correct:
                out.append(TermVerdict(key, None, right, self.q.mode == "full" and right == 0))
        return out

    def _rounded_ok(self, value: Expr, right: Expr) -> bool:
        """Whether ``value`` is ``right`` rounded as the question asks."""
        if self.decimals is not None and right_to_decimals(value, right, self.decimals):
            return True
        return self.significant is not None and right_to_significant(value, right, self.significant)

    # ------------------------------------------------------------------ run
    def run(self) -> Verdict:
        terms = self.terms()
        ok = all(t.ok for t in terms)
        mistakes: list[Mistake] = []
        if not ok:
            mistakes = self.whole_mistakes() or self.near_mistakes(terms) or self.term_mistakes(terms)
        elif self.decimals is not None or self.significant is not None:
            rounded = [t for t in terms if t.claimed is not None and not self._same(t.claimed, t.correct)]
            if rounded:
                self.notes.append(f"{len(rounded)} term(s) rounded as the question asks")
        return Verdict(ok, self.q.describe(self.x, self.h), tuple(terms), tuple(mistakes),
                       tuple(self.notes), self.index_name())

    def index_name(self) -> str:
        """The terms' index: ``n``, ``l`` for correlation lags, ``(i, j)`` in 2-D."""
        return index_name(self.q.op, self.correct.ndim)

    # ------------------------------------------------------------------ whole answers
    def asked(self, x: Signal, h: Signal, mode: str, same_convention: str) -> Signal:
        """The asked operation on any window."""
        q = self.q
        if q.op == "convolve":
            return convolve(x, h, mode=mode, same_convention=same_convention)
        if q.op == "correlate":
            return correlate(x, h, mode=mode, same_convention=same_convention, order=q.order)
        return circular_convolve(x, h, q.N)

    def operations(self) -> list[Alternative]:
        """The operation hypotheses that apply, each an alternative on any window."""
        return [alt for hyp in _hypotheses("operation") if hyp.applies(self)
                for alt in hyp.alternatives(self)]

    def windows(self) -> list[Alternative]:
        """The window hypotheses that apply: ``compute(x, h, operation, same_convention)``."""
        return [alt for hyp in _hypotheses("window") if hyp.applies(self)
                for alt in hyp.alternatives(self)]

    def combinations(self) -> list[tuple[tuple[Alternative, ...], Callable[[Signal, Signal], Signal]]]:
        """Every operation on the asked window, the asked operation on every other window, and
        every operation on every other window: (causes, fn(x, h))."""
        q = self.q
        mode, conv = q.mode, q.same_convention
        ops, wins = self.operations(), self.windows()
        out: list[tuple[tuple[Alternative, ...], Callable[[Signal, Signal], Signal]]] = []
        for op in ops:
            out.append(((op,), lambda x, h, op=op: op.compute(x, h, mode, conv)))
        for win in wins:
            out.append(((win,), lambda x, h, win=win: win.compute(x, h, self.asked, conv)))
        for op in ops:
            for win in wins:
                out.append(((op, win), lambda x, h, op=op, win=win: win.compute(x, h, op.compute, conv)))
        return out

    @cached_property
    def _combos(self) -> list[tuple[tuple[Alternative, ...], Callable[[Signal, Signal], Signal]]]:
        return self.combinations()

    def _computed(self, k: int) -> Signal | None:
        """The k-th combination's answer, computed once (None when it cannot be computed)."""
        cache = self.__dict__.setdefault("_answers", {})
        if k not in cache:
            try:
                cache[k] = self._combos[k][1](self.x, self.h)
            except (InputError, UnsupportedError):  # e.g. valid mode where it has no window
                cache[k] = None
        return cache[k]

    def whole_mistakes(self) -> list[Mistake]:
        """The explanations of the whole claim with the fewest causes (see the module docstring)."""
        found: list[_Candidate] = []
        quick = self._quick()
        for k, (causes, fn) in [(-1, ((), None))] + list(enumerate(self._combos)):
            if fn is None:
                alt = self.correct
            else:
                if quick(fn, len(causes)) is False:
                    continue
                alt = self._computed(k)
                if alt is None or alt == self.correct or self._only_moved(causes, alt):
                    continue  # no such answer, or the same numbers as the right answer
            for placed in self._placements(alt, 2 - len(causes), _Exact(self)):
                kinds = tuple(c.kind for c in causes) + tuple(m.kind for m in placed)
                if not kinds or len(kinds) > 2:
                    continue
                mistakes = self._describe(causes, alt) + tuple(placed)
                found.append(_Candidate(kinds, mistakes, 1 if placed else 0, not causes))
        if not found:
            return []
        key = min((len(c.kinds), c.placed) for c in found)
        chosen: dict[str, Mistake] = {}
        for c in found:  # the right answer shifted is always a reading (a symmetric kernel)
            if (len(c.kinds), c.placed) == key or (c.right and c.kinds == ("origin_shift",) and key[0] == 1):
                for m in c.mistakes:
                    chosen.setdefault(m.kind, m)
        return sorted(chosen.values(), key=lambda m: KINDS.index(m.kind))

    def _only_moved(self, causes: tuple[Alternative, ...], alt: Signal) -> bool:
        """A symmetric input reversed is the same input moved: its answer is the right one
        on other indices, which origin_shift says (``reversed_input`` would be a coincidence)."""
        return any(c.kind == "reversed_input" for c in causes) and self._same_values(alt, self.correct)

    def _same_values(self, a: Signal, b: Signal) -> bool:
        return a.shape == b.shape and all(self._same(u, v) for u, v in zip(flat(a), flat(b)))

    def _describe(self, causes: tuple[Alternative, ...], alt: Signal) -> tuple[Mistake, ...]:
        if not causes:
            return ()
        what = causes[0].what + (f", on {causes[1].what}" if len(causes) > 1 else "")
        out = [Mistake(causes[0].kind, f"The claim is {what}: {self.where(alt)}, {short_text(alt)}.",
                       {**causes[0].evidence, **self.located(alt)})]
        if len(causes) > 1:
            out.append(Mistake(causes[1].kind, f"It is {causes[1].what} where "
                               f"{_mode_text(self.q.mode, self.q.same_convention)} was asked.",
                               {**causes[1].evidence, **self.located(alt)}))
        return tuple(out)

    def where(self, alt: Signal) -> str:
        """Where an alternative lies, in its explanation: ``n = -2..3``."""
        return index_range(alt)

    def located(self, alt: Signal) -> dict:
        """Where an alternative lies, as evidence: ``{"start": -2}``."""
        return {"start": _json_start(alt.start)}

    def _quick(self) -> Callable[[Callable[[Signal, Signal], Signal], int], bool | None]:
        """``quick(fn, causes)``: False when ``fn(x, h)`` certainly explains nothing (computed on
        the data with every symbol replaced by an integer and compared by fingerprints)."""
        f = self.fingerprint
        if f is None:
            return lambda fn, n: None
        claim_keys = f.keys(self.claim)
        if None in claim_keys or None in f.keys(self.x) or None in f.keys(self.h):
            return lambda fn, n: None
        x, h = f.substitute(self.x), f.substitute(self.h)

        def quick(fn: Callable[[Signal, Signal], Signal], n: int) -> bool | None:
            try:
                alt = fn(x, h)
            except (InputError, UnsupportedError):
                return False  # the exact computation fails the same way
            return bool(self._placements(alt, 2 - n, _Keyed(f)))

        return quick

    def _placements(self, alt: Signal, budget: int, eq: Any) -> list[tuple[Mistake, ...]]:
        """How the claim is ``alt``: ``[()]`` as it is; ``[(origin_shift,)]``, ``[(truncated,)]``
        or ``[(sign_error,)]`` placed otherwise (when ``budget`` allows a cause); [] if not."""
        claim = self.claim
        cv = eq.values(claim)
        av = eq.values(alt)
        out: list[tuple[Mistake, ...]] = []
        if claim.shape == alt.shape and all(eq(u, v) for u, v in zip(cv, av)):
            if claim.starts == alt.starts or not self.given:
                return [()]
            if budget >= 1:
                k = tuple(c - s for c, s in zip(claim.starts, alt.starts))
                out.append((self._shift(k[0] if claim.ndim == 1 else k, alt),))
            return out
        if budget < 1:
            return out
        if claim.shape == alt.shape and (claim.starts == alt.starts or not self.given) and all(
                eq(u, eq.neg(v)) for u, v in zip(cv, av)) and not all(eq(v, eq.zero) for v in av):
            out.append((Mistake("sign_error", "Every term has the opposite sign.", {}),))
        truncated = self._truncated(alt, cv, av, eq)
        if truncated is not None:
            out.append((truncated,))
        return out

    def _truncated(self, alt: Signal, cv: list, av: list, eq: Any) -> Mistake | None:
        """The claim is a contiguous part of ``alt`` (at least 2 terms and half the claim), with
        zeros elsewhere, and some nonzero term of ``alt`` is missing."""
        claim = self.claim
        if claim.ndim != 1:
            return None
        Lc, La = len(cv), len(av)
        nonzero = [i for i in range(Lc) if not eq(cv[i], eq.zero)]
        if not nonzero:
            return None
        lo, hi = nonzero[0], nonzero[-1]  # the claim is zero outside lo..hi
        if hi - lo + 1 < 2 or 2 * (hi - lo + 1) < Lc:
            return None
        if self.given:
            offsets = [claim.start - alt.start]
        else:  # claim item i is alt item i + off: where the first nonzero claimed value is
            offsets = [j - lo for j in range(La) if eq(cv[lo], av[j])]
        for off in offsets:
            if not (0 <= lo + off and hi + off < La) or not all(
                    eq(cv[i], av[i + off]) for i in range(lo, hi + 1)):
                continue
            missing = [j for j in range(La) if not lo <= j - off <= hi and not eq(av[j], eq.zero)]
            if not missing:
                continue
            zeros = [alt.start + j for j in missing if 0 <= j - off < Lc]
            if Lc >= La and len(zeros) < 2:
                continue  # one term given as 0 in a full-length answer: a term, not a cut
            first, last = alt.start + lo + off, alt.start + hi + off
            missing_n = [alt.start + j for j in missing]
            whose = "the result" if alt == self.correct else "it"
            text = (f"The claim is only part of {whose}: the terms n = {first}..{last} are "
                    f"{'right' if whose == 'the result' else 'its terms'}, the terms "
                    f"{_list_text(missing_n)} are missing")
            evidence: dict = {"first": first, "last": last, "missing": missing_n}
            if zeros:
                text += f" ({_list_text(zeros)} given as 0)"
                evidence["given_as_zero"] = zeros
            return Mistake("truncated", text + ".", evidence)
        return None

    def _shift(self, k: Any, alt: Signal) -> Mistake:
        if alt == self.correct:
            text = (f"The values are right but their indices are off by {k}: the claim starts at "
                    f"n = {index_text(self.claim.start)}, the result at n = {index_text(alt.start)}.")
        else:
            text = (f"Its values are placed on indices off by {k}: the claim starts at "
                    f"n = {index_text(self.claim.start)}, those values at n = {index_text(alt.start)}.")
        return Mistake("origin_shift", text, {"k": _json_start(k),
                                              "claimed_start": _json_start(self.claim.start),
                                              "correct_start": _json_start(alt.start)})

    # ------------------------------------------------------------------ all but one or two terms
    def near_mistakes(self, terms: list[TermVerdict]) -> list[Mistake]:
        """One cause that reproduces every claimed term but one or two, and at least two terms
        the right answer does not have; the other terms are ``unexplained``."""
        claim = self.claim
        best: tuple[int, Alternative, Signal, list] | None = None
        f = self.fingerprint
        usable = f is not None and None not in f.keys(self.x) + f.keys(self.h) + f.keys(claim)
        if usable:
            x, h, claim_keys = f.substitute(self.x), f.substitute(self.h), f.keys(claim)
            right_keys = f.keys(self.correct)
        for k, (causes, fn) in enumerate(self._combos):
            if len(causes) != 1:
                continue
            if usable:  # symbolic data: first on integers, by fingerprints (module docstring)
                try:
                    keyed = fn(x, h)
                except (InputError, UnsupportedError):
                    continue
                keys = f.keys(keyed)
                if keyed.shape != claim.shape or sum(a != b for a, b in zip(keys, claim_keys)) > 2 or (
                        keyed.shape == self.correct.shape and keys == right_keys):
                    continue
            alt = self._computed(k)
            if alt is None or alt.shape != claim.shape or (self.given and alt.starts != claim.starts) or self._same_values(
                    alt, self.correct):
                continue
            cv, av = flat(claim), flat(alt)
            off = []
            for i, (u, v) in enumerate(zip(cv, av)):
                if not self._same(u, v):
                    off.append(i)
                    if len(off) > 2:
                        break
            if not 1 <= len(off) <= 2:
                continue
            indices = list(cartesian(*(range(s, s + n) for s, n in zip(claim.starts, claim.shape))))
            own = [i for i in range(len(cv)) if i not in off and not (
                _inside(indices[i], self.correct) and self._same(cv[i], self.correct[indices[i]]))]
            if len(own) < 2 or len(own) <= len(off):
                continue
            if best is None or len(off) < best[0]:
                best = (len(off), causes[0], alt, [(_pack(indices[i]), cv[i], av[i]) for i in off])
        if best is None:
            return []
        _, cause, alt, slips = best
        first = self._describe((cause,), alt)[0]
        text = first.explanation[:-1] + (f", except {_list_text([f'{self.c}[{index_text(i)}]' for i, _, _ in slips])}.")
        named = Mistake(cause.kind, text, {**first.evidence, "except": [i for i, _, _ in slips]})
        return [named, self._unexplained([(i, c, v) for i, c, v in slips], "that answer")]

    # ------------------------------------------------------------------ term by term
    def term_mistakes(self, terms: list[TermVerdict]) -> list[Mistake]:
        wrong = [t for t in terms if not t.ok]
        paired = [t for t in wrong if t.claimed is not None and _inside(_tuple(t.index), self.correct)]
        size_problem = self.claim.shape != self.correct.shape
        causes: list[tuple[TermVerdict, Mistake | None]] = []
        searched = 0
        todo = paired
        if len(paired) > 2 or size_problem:  # rounding first: other causes for more than two
            rounded = [(t, self._rounding_cause(t)) for t in paired]  # terms are coincidences
            causes = [(t, m) for t, m in rounded if m is not None]
            todo = [t for t, m in rounded if m is None]
            searched = len(causes)
            if len(todo) > 2 or size_problem:
                causes += [(t, None) for t in todo]
                searched, todo = len(paired), []
        for t in todo:
            if self.symbolic and self.examined >= MAX_TERM_PRODUCTS:
                break
            searched += 1
            causes.append((t, self.term_cause(t)))
        if searched < len(paired):
            self.notes.append(f"{len(paired) - searched} of the {len(paired)} wrong terms were not "
                              "searched for a single cause (a product left out or extra, a sign): "
                              f"for symbolic data at most {MAX_TERM_PRODUCTS} products are compared")
        others = [t for t in wrong if t not in paired]  # terms missing or outside the window
        rounding = [(t, m) for t, m in causes if m is not None and m.kind == "decimal_rounding"]
        explained = [(t, m) for t, m in causes if m is not None and m.kind != "decimal_rounding"]
        covered = {id(t) for t, _ in causes}
        loose = [t for t, m in causes if m is None] + [t for t in paired if id(t) not in covered]
        out: list[Mistake] = []
        if len(paired) == 1 and not size_problem:
            t = paired[0]
            out.append(Mistake("single_wrong_term",
                               f"Only {self.c}[{index_text(t.index)}] is wrong: the claim says "
                               f"{t.claimed}, the right value is {t.correct}.",
                               {"index": t.index, "claimed": t.claimed, "correct": t.correct}))
        # terms missing or outside the result: inconsistent_size says so. One cause per term is
        # credible for one or two terms (a pair of causes); for more, or beside a wrong size,
        # per-term "causes" are coincidences of small numbers
        unexplained = loose
        if not size_problem and len(explained) + len(loose) <= 2:
            out += [m for _, m in explained]
        else:
            unexplained = [t for t, _ in explained] + unexplained
        if rounding:
            out.append(rounding[0][1] if len(rounding) == 1 else self._roundings(rounding))
        if unexplained and not (len(paired) == 1 and not size_problem and not others):
            if len(unexplained) > 1 or out:
                out.append(self._unexplained([(t.index, t.claimed, t.correct)
                                              for t in sorted(unexplained, key=lambda t: _tuple(t.index))],
                                             "the result"))
        if size_problem:
            out.append(Mistake("inconsistent_size",
                               f"The claim has shape {_shape_text(self.claim)}, the result "
                               f"{_shape_text(self.correct)} ({index_range(self.correct)}).",
                               {"claimed_shape": list(self.claim.shape),
                                "correct_shape": list(self.correct.shape)}))
        return sorted(out, key=lambda m: _ORDER.get(m.kind, 99))

    def _unexplained(self, items: list[tuple[Any, Any, Any]], against: str) -> Mistake:
        """``unexplained``: the terms, and how far each is from ``against`` (in the text the
        first :data:`SHOWN` of more than ``SHOWN + 2``; in the evidence every one)."""
        names = [f"{self.c}[{index_text(i)}]" for i, _, _ in items]
        cut = len(items) > SHOWN + 2
        shown = items[:SHOWN] if cut else items
        parts = []
        for (i, claimed, right), name in zip(shown, names):
            if claimed is None:
                parts.append(f"{name} is missing ({right} in {against})")
            else:
                where = "for" if against == "the result" else f"where {against} has"
                parts.append(f"{name} is {claimed} {where} {right} (off by {expand(claimed - right)})")
        listed = ", ".join(names[:SHOWN]) + f" and {len(names) - SHOWN} more" if cut else _list_text(names)
        subject = "term" if len(items) == 1 else "terms"
        return Mistake("unexplained", f"No single mistake explains the {subject} {listed}: "
                       + "; ".join(parts) + ("; ..." if cut else "."),
                       {"indices": [i for i, _, _ in items],
                        "claimed": [c for _, c, _ in items], "correct": [r for _, _, r in items]})

    def _roundings(self, rounding: list[tuple[TermVerdict, Mistake]]) -> Mistake:
        """One ``decimal_rounding`` for several rounded terms, e.g. '2 terms are rounded to 1
        decimal (0 and 3) where 2 were asked; the exact values have more digits.'"""
        units = [m.evidence["unit"] for _, m in rounding]
        unit = max(set(units), key=units.count)
        ks = sorted({m.evidence["digits"] for _, m in rounding if m.evidence["unit"] == unit})
        digits = _list_text(ks) + " " + (unit[:-1] if ks == [1] else unit)
        indices = [t.index for t, _ in rounding]
        evidence = {"digits": ks[0], "unit": unit, "indices": indices}
        text = f"{len(rounding)} terms are rounded to {digits} ({_list_text(indices)})"
        if "asked" in rounding[0][1].evidence:
            evidence["asked"] = rounding[0][1].evidence["asked"]
            asked = ("decimals", self.decimals) if self.decimals is not None else (
                "significant digits", self.significant)
            text += _asked_text(asked, unit)
        return Mistake("decimal_rounding", text + "; the exact values have more digits.", evidence)

    def term_cause(self, t: TermVerdict) -> Mistake | None:
        """Why one term is wrong: a product left out, rounding, a sign, a product extra.

        A product left out that explains the value exactly comes first. Rounding is named only
        when the question asked for it (``decimals``, ``significant``) or the claim is written
        with decimals (an integer such as 8 for 65/8 is no rounding then).
        """
        claimed, right = t.claimed, t.correct
        name = f"{self.c}[{index_text(t.index)}]"
        if claimed is None:
            return None
        products = self.products(_tuple(t.index))
        self.examined += len(products)
        used = [(label, v) for label, v in products if v != 0]
        gap = right - claimed  # built once: for symbolic terms a sum of hundreds of products
        for label, v in used:
            if self._same(gap, v):
                return Mistake("term_left_out",
                               f"{name} lacks the product {label} = {v}: the sum has "
                               f"{len(used)} products, the claim adds {len(used) - 1} of them.",
                               {"index": t.index, "product": label, "value": v})
        if self.decimals is not None or self.significant is not None or self._written(claimed):
            rounded = self.rounding(t, name)
            if rounded is not None:
                return rounded
        if claimed != 0 and self._same(claimed, -right):
            return Mistake("sign_error", f"{name} has the wrong sign: {claimed} for {right}.",
                           {"index": t.index})
        for label, v in used:
            if self._same(gap, 2 * v):
                return Mistake("sign_error", f"{name} subtracts the product {label} = {v} "
                               "where the definition adds it.",
                               {"index": t.index, "product": label, "value": v})
        return self.extra_product(t, name, gap)

    def _rounding_cause(self, t: TermVerdict) -> Mistake | None:
        """Rounding alone (the one per-term cause that may cover many terms)."""
        if t.claimed is None or not (self.decimals is not None or self.significant is not None
                                     or self._written(t.claimed)):
            return None
        return self.rounding(t, f"{self.c}[{index_text(t.index)}]")

    def _written(self, claimed: Expr) -> bool:
        """Whether a term counts as written with decimals: the claim says so, or (not known)
        its value is a terminating decimal that is not an integer (163/100)."""
        if self.written is not None:
            return self.written
        places = decimal_places(claimed)
        return places is not None and places > 0

    def rounding(self, t: TermVerdict, name: str,
                 units: tuple[str, ...] = ("decimals", "significant digits")) -> Mistake | None:
        """``decimal_rounding`` when the claim is the right value correctly rounded to some k
        (the unit the question asked for first), saying what was asked when k differs."""
        asked = ("decimals", self.decimals) if self.decimals is not None else (
            ("significant digits", self.significant) if self.significant is not None else None)
        if asked is not None and asked[0] in units:
            units = (asked[0],) + tuple(u for u in units if u != asked[0])
        for unit in units:
            k = rounded_to(t.claimed, t.correct, unit)
            if k is None:
                continue
            evidence = {"index": t.index, "digits": k, "unit": unit}
            text = f"{name} = {t.claimed} is {t.correct} rounded to {_unit_text(k, unit)}"
            if asked is not None:
                evidence["asked"] = asked[1]
                text += _asked_text(asked, unit)
            return Mistake("decimal_rounding", text + ".", evidence)
        return None

    def extra_product(self, t: TermVerdict, name: str, gap: Expr) -> Mistake | None:
        """``extra_term``: the claim adds a product x[i]h[j] of another output."""
        others = self.other_products(_tuple(t.index))
        self.examined += len(others)
        for label, v in others:
            if v != 0 and self._same(-gap, v):
                return Mistake("extra_term", f"{name} adds the product {label} = {v}, which "
                               f"belongs to another term.",
                               {"index": t.index, "product": label, "value": v})
        return None

    def products(self, n: tuple[int, ...]) -> list[tuple[str, Expr]]:
        """The products of the defining sum of output ``n``: (label, value)."""
        x, h, q, a, b = self.x, self.h, self.q, self.a, self.b
        out = []
        if q.op == "correlate" and q.order == "canonical":
            for m in cartesian(*(range(s, s + L) for s, L in zip(h.starts, h.shape))):
                i = tuple(nn + mm for nn, mm in zip(n, m))
                out.append((f"{a}[{index_text(_pack(i))}]{b}[{index_text(_pack(m))}]",
                            x[i] * sympy.conjugate(h[m])))
            return out
        if q.op == "correlate":
            for m in cartesian(*(range(s, s + L) for s, L in zip(x.starts, x.shape))):
                j = tuple(nn + mm for nn, mm in zip(n, m))
                out.append((f"{a}[{index_text(_pack(m))}]{b}[{index_text(_pack(j))}]",
                            sympy.conjugate(x[m]) * h[j]))
            return out
        wrapped = self.wrapped_kernel if q.op == "circular" else None
        for m in cartesian(*(range(s, s + L) for s, L in zip(x.starts, x.shape))):
            j = tuple(nn - mm for nn, mm in zip(n, m))
            if wrapped is not None:
                value = wrapped[_pack(tuple(jj % p for jj, p in zip(j, wrapped.shape)))]
                out.append((f"{a}[{index_text(_pack(m))}]{b}[{_mod_text(j, q.N)}]", x[m] * value))
            else:
                out.append((f"{a}[{index_text(_pack(m))}]{b}[{index_text(_pack(j))}]",
                            x[m] * h[j]))
        return out

    @cached_property
    def wrapped_kernel(self) -> Signal:
        """The kernel of a circular convolution wrapped onto one period per axis (``h~``)."""
        return wrap(self.h, self.q.N)

    def other_products(self, n: tuple[int, ...]) -> list[tuple[str, Expr]]:
        """Products x[i]h[j] that belong to other outputs (1-D convolution and correlation)."""
        x, h, q = self.x, self.h, self.q
        if x.ndim != 1 or q.op == "circular" or len(x.values) * len(h.values) > 4096:
            return []
        own = {label for label, _ in self.products(n)}
        out = []
        for i in x.indices:
            for j in h.indices:
                v = x[i] * (sympy.conjugate(h[j]) if q.op == "correlate" else h[j])
                label = f"{self.a}[{i}]{self.b}[{j}]"
                if label not in own:
                    out.append((label, v))
        return out


_ORDER = {k: i for i, k in enumerate(("single_wrong_term",) + tuple(k for k in KINDS if k != "single_wrong_term"))}


class _Keyed:
    """Comparison of fingerprints (the quick pass): a value is its key."""

    def __init__(self, f: Fingerprint) -> None:
        self.f = f
        self.zero = 0

    def values(self, s: Signal) -> list:
        return self.f.keys(s)

    def neg(self, k: Any) -> Any:
        return None if k is None else (-k) % PRIME

    def __call__(self, a: Any, b: Any) -> bool:
        return a is None or b is None or a == b


class _Exact:
    """Exact comparison of values (the checker's ``_same``)."""

    def __init__(self, checker: Checker) -> None:
        self.same = checker._same
        self.zero = S.Zero

    def values(self, s: Signal) -> list:
        return flat(s)

    def neg(self, v: Any) -> Any:
        return -v

    def __call__(self, a: Any, b: Any) -> bool:
        return self.same(a, b)


# ----------------------------------------------------------------------------- text helpers


def index_name(op: str, ndim: int) -> str:
    """``n`` (convolution), ``l`` (correlation lags), ``(i, j)`` in 2-D: the heading of the index."""
    if ndim > 1:
        return "(" + ", ".join("ijkpqr"[:ndim]) + ")"
    return "l" if op == "correlate" else "n"


def flat(s: Signal) -> list:
    """A signal's values in ``to_numpy().ravel()`` order."""
    return list(s.to_numpy().ravel())


def index_text(index: Any) -> str:
    """``3`` or ``1, 2``."""
    return ", ".join(map(str, index)) if isinstance(index, tuple) else str(index)


def index_range(s: Signal) -> str:
    """``n = 0..5`` or ``indices 0..2 x 0..2``."""
    if s.ndim == 1:
        return f"n = {s.start}..{s.end}"
    return "indices " + " x ".join(f"{a}..{b}" for a, b in zip(s.starts, s.end))


def short_text(s: Signal) -> str:
    """The first 8 values: ``[1, 2, ...]``."""
    values = flat(s)
    text = ", ".join(map(str, values[:8]))
    return "[" + text + (", ..." if len(values) > 8 else "") + "]"


def _inside(index: tuple[int, ...], s: Signal) -> bool:
    return all(st <= i < st + L for i, st, L in zip(index, s.starts, s.shape))


def _tuple(index: Any) -> tuple[int, ...]:
    return index if isinstance(index, tuple) else (index,)


def _pack(index: tuple[int, ...]) -> Any:
    return index[0] if len(index) == 1 else index


def _json_start(start: Any) -> Any:
    return list(start) if isinstance(start, tuple) else start


def _shape_text(s: Signal) -> str:
    return str(s.shape[0]) + " terms" if s.ndim == 1 else " x ".join(map(str, s.shape))


def _list_text(items: list) -> str:
    items = [str(i) for i in items]
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def _mode_text(mode: str, convention: str) -> str:
    if mode != "same":
        return f"the '{mode}' window"
    return {"scipy": "the 'same' window as SciPy computes it",
            "numpy": "the 'same' window as NumPy computes it (numpy.convolve, size max(M, N))",
            "matlab": "the 'same' window as MATLAB computes it (conv(..., 'same'))"}[convention]


def _mod_text(j: tuple[int, ...], N: Any) -> str:
    """A circular kernel index: ``-1 mod 4`` in 1-D, ``(0, -1) mod 2`` or ``(0, -1) mod (2, 3)``."""
    if len(j) == 1:
        return f"{j[0]} mod {N[0] if isinstance(N, (tuple, list)) else N}"
    period = f"({', '.join(map(str, N))})" if isinstance(N, (tuple, list)) else str(N)
    return f"({', '.join(map(str, j))}) mod {period}"


def _asked_text(asked: tuple[str, int], unit: str) -> str:
    """`` where 2 were asked`` (same unit), `` where 3 significant digits were asked``."""
    what, k = asked
    verb = "was" if k == 1 else "were"
    return f" where {k} {verb} asked" if what == unit else f" where {_unit_text(k, what)} {verb} asked"


def _unit_text(k: int, unit: str) -> str:
    """``2 decimals``, ``1 decimal``, ``1 significant digit``."""
    return f"{k} {unit[:-1] if k == 1 else unit}"
