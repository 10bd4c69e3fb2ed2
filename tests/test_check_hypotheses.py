"""symconv.check.hypotheses: the registry of mistakes, and properties (a), (b) of issue 12."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from symconv import Signal, check, convolve, correlate
from symconv.check.hypotheses import KINDS, REGISTRY, kinds_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_registry_kinds_are_unique_and_computed_ones_compute():
    assert len(KINDS) == len(set(KINDS)) == len(REGISTRY)
    for h in REGISTRY:
        computed = h.scope in ("operation", "window")
        assert (h.applies is not None and h.alternatives is not None) == computed, h.kind
        assert h.meaning and not h.meaning.endswith(".")


def test_readme_lists_the_kinds_of_the_registry():
    """The README's table of kinds is the registry's (not written twice by hand)."""
    text = README.read_text(encoding="utf-8")
    assert kinds_table() in text
    listed = re.findall(r"^\| `([a-z_]+)` \|", text, flags=re.M)
    assert listed == list(KINDS)


# ----------------------------------------------------------------- property (a)

small = st.integers(-9, 9).filter(lambda v: v != 0)


def _asymmetric(values: list) -> bool:
    return values != values[::-1] and values != [-v for v in values[::-1]]


def _product_left_out(x: list, h: list, vals: list, n: int) -> list | None:
    """vals with one product x[m] h[n - m] of term n left out (numpy-free, by hand)."""
    products = [x[m] * h[n - m] for m in range(len(x)) if 0 <= n - m < len(h)]
    if len(products) < 2 or 0 in products:
        return None
    out = list(vals)
    out[n] -= products[0]
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(small, min_size=3, max_size=5), st.lists(small, min_size=2, max_size=3),
       st.sampled_from(["unflipped_kernel", "origin_shift", "truncated", "sign_error",
                        "term_left_out", "unflipped_kernel+origin_shift",
                        "term_left_out+term_left_out", "wrong_mode+origin_shift",
                        "swapped_arguments+origin_shift"]), st.integers(1, 3))
def test_property_a_applied_mistakes_are_named(x, h, mistake, k):
    """(a) a random mistake or pair of mistakes applied to a random problem is named, and no
    term is left unexplained."""
    assume(_asymmetric(x) and _asymmetric(h))
    right = [int(v) for v in np.convolve(x, h)]  # the independent reference
    assert convolve(x, h).values == right
    op = "correlate" if mistake.startswith("swapped") else "convolve"
    if mistake == "unflipped_kernel":
        claim = Signal([int(v) for v in np.correlate(x, h, "full")], start=-(len(h) - 1))
    elif mistake == "origin_shift":
        claim = Signal(right, start=k)
    elif mistake == "truncated":
        claim = Signal(right[:-1], start=0)
        assume(all(claim != convolve(x, h, mode=m, same_convention=c) for m in ("valid", "same")
                   for c in ("scipy", "numpy", "matlab")))
    elif mistake == "sign_error":
        claim = Signal([-v for v in right])
    elif mistake == "term_left_out":
        vals = _product_left_out(x, h, right, 1)
        assume(vals is not None)
        claim = Signal(vals)
    elif mistake == "term_left_out+term_left_out":
        vals = _product_left_out(x, h, right, 1)
        assume(vals is not None)
        vals = _product_left_out(x, h, vals, 2)
        assume(vals is not None)
        claim = Signal(vals)
    elif mistake == "unflipped_kernel+origin_shift":
        claim = Signal([int(v) for v in np.correlate(x, h, "full")], start=k)
        assume(k != -(len(h) - 1) and claim.values != right)
    elif mistake == "wrong_mode+origin_shift":
        valid = [int(v) for v in np.convolve(x, h, "valid")]
        assume(len(valid) >= 2)
        claim = Signal(valid, start=-k)
    else:  # the other correlation order, placed on other indices
        other = [int(v) for v in np.correlate(h, x, "full")]  # r_hx = (wikipedia order of x, h)
        assume(other != correlate(x, h).values)  # else it is the right answer shifted
        claim = Signal(other, start=10 + k)
    verdict = check(claim, x, h, op=op)
    assert not verdict.ok
    for kind in mistake.split("+"):
        assert kind in verdict.kinds, (mistake, verdict.kinds)
    assert "unexplained" not in verdict.kinds
    for m in verdict.mistakes:  # each named term cause reproduces the claimed term exactly
        if m.kind in ("term_left_out", "extra_term") and "index" in m.evidence:
            n = m.evidence["index"]
            sign = 1 if m.kind == "term_left_out" else -1
            assert claim[n] + sign * m.evidence["value"] == right[n]
        if m.kind == "origin_shift" and op == "convolve" and mistake == "origin_shift":
            assert claim.start - m.evidence["k"] == 0 and claim.values == right


# ----------------------------------------------------------------- property (b)


@settings(max_examples=60, deadline=None)
@given(st.lists(small, min_size=2, max_size=5), st.lists(small, min_size=1, max_size=3),
       st.integers(-2, 2), st.randoms(use_true_random=False))
def test_property_b_claims_without_structure_are_unexplained(x, h, extra, rng):
    """(b) random wrong claims get only `unexplained` (and inconsistent_size when the length
    differs), never a coincidence."""
    length = len(x) + len(h) - 1 + extra
    assume(length >= 2)
    claim = [rng.randrange(10**6, 10**7) * rng.choice([-1, 1]) for _ in range(length)]
    verdict = check(claim, x, h)
    assert not verdict.ok
    if extra == 0:
        assert verdict.kinds == ("unexplained",)
        assert verdict.mistakes[0].evidence["indices"] == list(range(length))
    else:
        assert set(verdict.kinds) <= {"unexplained", "inconsistent_size"} and "inconsistent_size" in verdict.kinds


def test_unexplained_spells_out_eight_of_many_terms_and_keeps_all_in_the_evidence():
    claim = [100 + k for k in range(12)]
    v = check(claim, [1, 2, 3], [1] * 10)  # right: 1 3 6 6 6 6 6 6 6 6 5 3
    assert v.kinds == ("unexplained",)
    text = v.mistakes[0].explanation
    assert text.startswith("No single mistake explains the terms y[0], y[1], y[2], y[3], y[4], y[5], "
                           "y[6], y[7] and 4 more: y[0] is 100 for 1 (off by 99); ")
    assert text.endswith("y[7] is 107 for 6 (off by 101); ...")
    assert v.mistakes[0].evidence["indices"] == list(range(12))
    assert v.mistakes[0].evidence["correct"] == [int(c) for c in np.convolve([1, 2, 3], [1] * 10)]


@settings(max_examples=40, deadline=None)
@given(st.lists(small, min_size=3, max_size=5), st.lists(small, min_size=2, max_size=3),
       st.sampled_from(["linear_not_circular", "linear_not_circular-first-N",
                        "truncated+zeros", "reversed_input"]))
def test_property_a_new_hypotheses_are_named(x, h, mistake):
    """(a) for the hypotheses issue 12 added: the linear convolution (or its first N terms) for
    a circular one, a cut answer padded with zeros, the answer of x reversed."""
    assume(_asymmetric(x) and _asymmetric(h))
    linear = [int(v) for v in np.convolve(x, h)]  # the independent reference
    op, N = "convolve", None
    if mistake.startswith("linear_not_circular"):
        op, N = "circular", len(x)
        circular = [sum(x[m] * h[(n - m) % N] if (n - m) % N < len(h) else 0 for m in range(N))
                    for n in range(N)]  # h shorter than N: no wrap of h itself
        assume(circular != linear[:N])
        claim = Signal(linear if mistake == "linear_not_circular" else linear[:N])
    elif mistake == "truncated+zeros":
        claim = Signal(linear[:-2] + [0, 0])
        # every kept term nonzero: a kept part that is a single nonzero value among zeros
        # (x=[1, 9, -1], h=[1, -9] gives 1, 0, 0, 0) is too little to call a cut
        assume(all(v != 0 for v in linear))
    else:
        claim = Signal([int(v) for v in np.convolve(x[::-1], h)], start=-(len(x) - 1))
        assume(claim.values != linear)
    verdict = check(claim, x, h, op=op, N=N)
    assert not verdict.ok
    assert mistake.split("+")[0].split("-first")[0] in verdict.kinds, verdict.kinds
    assert "unexplained" not in verdict.kinds
