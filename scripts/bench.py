#!/usr/bin/env python3
"""Benchmark symconv's exact convolution against its peers, as ratios measured in one run.

Usage::

    python scripts/bench.py --quick        # a small grid, under 2 minutes
    python scripts/bench.py                # the full grid (states its own time at the end)

Every cell builds its inputs from a fixed seed, checks symconv's result against an
independent exact reference *before* timing anything, and times each contender as the
median of repeats (fewer repeats for slow calls, never fewer than one). Peers, run in the
same process on the same data:

- ``sympy``: ``sympy.discrete.convolution`` given its best input (Python ints and SymPy
  ``Rational``, so that it takes its integer path; converted outside the timing).
- ``numpy object``: ``numpy.convolve`` on object arrays of ``Fraction`` (of Python ints for
  integer data); 2-D: one shifted add of object arrays per kernel sample.
- ``flint``: the plain python-flint call: ``fmpz_poly`` (integers) or ``fmpq_poly`` built from
  ``fmpq`` values (rationals), multiplied; 2-D packed to 1-D by hand; Gaussian: three products.
- ``float64``: ``numpy.convolve`` / ``scipy.signal.convolve2d`` on float64 (direct), and
  ``scipy.signal.fftconvolve``: the speed limit, not exact.
- ``one Add``: for symbols, each output built as one ``Add`` of its products in plain SymPy.
- ``import sympy``: a fresh ``python -c "import sympy"``, against ``import symconv`` and the
  command ``symconv conv "1 2 3" "1 1"`` (each a fresh interpreter, runs interleaved, minimum
  CPU time; wall time in the note).
- ``convolution``: for ``check`` of a symbolic claim, computing that convolution's values.

Targets of issue 19 and, below them, the earlier ones of issue 8 are printed as ratios and
written with every cell. symconv's time is ``symconv.convolve(x, h)`` from the same Python data
(NumPy arrays where the float64 peers get NumPy arrays) to a Signal (values stay
exact integers until asked for; building SymPy values is not timed). A ratio is
``symconv time / peer time``: below 1 means symconv is faster. The results are written as
Markdown to ``scripts/bench-results.md`` with the machine and the versions.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import flint  # noqa: E402
import sympy  # noqa: E402
from sympy import Add, Integer, Rational, Symbol  # noqa: E402
from sympy.discrete.convolutions import convolution as sympy_convolution  # noqa: E402

import symconv  # noqa: E402

try:
    import scipy.signal as scipy_signal
except ImportError:  # the float64 FFT and 2-D peers are then left out
    scipy_signal = None

PEERS = ["sympy", "numpy object", "flint", "float64 direct", "checked float64", "float64 FFT", "one Add",
         "import sympy", "convolution"]


@dataclass
class Cell:
    """One row of the results: a case, the method symconv chose, and every contender's time."""

    category: str
    case: str
    method: str = ""
    symconv: float | None = None
    peers: dict[str, float | None] = field(default_factory=dict)
    note: str = ""
    memory: float | None = None

    def ratio(self, peer: str) -> float | None:
        other = self.peers.get(peer)
        return None if other is None or self.symconv is None else self.symconv / other


@dataclass
class Budget:
    """How long each contender may run: up to ``repeats`` runs, stopping after ``seconds``."""

    repeats: int
    seconds: float


SHORTEST_SAMPLE = 0.002
"""Seconds each timed sample lasts at least: calls faster than this are timed in a loop of
``number`` calls (as :mod:`timeit` does), since one call of a few microseconds is below what
a single clock reading after a garbage collection measures faithfully."""

SHORT_REPEATS = 21
"""Samples of a function timed in loops: 21 of them take about 0.05 s."""


def measure(function: Callable[[], object], budget: Budget, first: float | None = None) -> float:
    """Median wall time per call of ``function()`` over up to ``budget.repeats`` samples.

    ``first`` is the time of a run already made (the one whose result was verified). Each
    sample runs ``function`` often enough to last :data:`SHORTEST_SAMPLE`, as :mod:`timeit`
    does; such short samples are noisy and cheap, so there are at least
    :data:`SHORT_REPEATS` of them. A slower function runs once per sample, after a garbage
    collection.
    """
    return measure_pair(function, None, budget, first)[0]


def measure_pair(function: Callable[[], object], other: Callable[[], object] | None, budget: Budget,
                 first: float | None = None) -> tuple[float, float | None]:
    """:func:`measure` of ``function`` and ``other`` in alternation: a sample of one, then of the other.

    On a machine shared with other work, load comes in bursts; alternating puts both
    contenders of a ratio under the same bursts (the issue 19 targets are measured so).
    The garbage collector is off while a sample runs, as in :mod:`timeit`.
    """
    contenders = [function] if other is None else [function, other]
    firsts = [timed(function)[1] if first is None else first] + [timed(f)[1] for f in contenders[1:]]
    numbers = [1 if t >= SHORTEST_SAMPLE else math.ceil(SHORTEST_SAMPLE / max(t, 1e-7)) for t in firsts]
    repeats = budget.repeats if max(numbers) == 1 else max(budget.repeats, SHORT_REPEATS)
    times: list[list[float]] = [[t] if n == 1 else [] for t, n in zip(firsts, numbers)]
    spent = sum(firsts)
    while min(len(t) for t in times) < repeats and (not all(times) or spent < budget.seconds):
        for contender, number, samples in zip(contenders, numbers, times):
            if number == 1:
                gc.collect()  # not before loops of short calls: a collection evicts what they keep warm
            gc.disable()  # as timeit does: a collection of this big process's heap is nobody's cost
            start = time.perf_counter()
            for _ in range(number):
                contender()
            elapsed = time.perf_counter() - start
            gc.enable()
            samples.append(elapsed / number)
            spent += elapsed
    medians = [statistics.median(t) for t in times]
    return medians[0], (medians[1] if other is not None else None)


class VerificationError(AssertionError):
    """symconv disagreed with a reference: the benchmark stops rather than time a wrong result."""


def check(condition: bool, what: str) -> None:
    if not condition:
        raise VerificationError(what)


def timed(function: Callable[[], object]) -> tuple[object, float]:
    """``function()`` and its wall time: a run whose result is checked counts as a repeat."""
    gc.collect()
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


# ----------------------------------------------------------------------------- references


def same_rationals(result: symconv.Signal, numerators: list[int], denominator: int, what: str) -> None:
    """symconv's samples equal ``numerators / denominator`` term by term (cross-multiplied)."""
    samples = result.samples
    real = samples.real.reshape(-1).tolist()
    check(samples.imag is None, f"{what}: unexpected imaginary part")
    check(len(real) == len(numerators), f"{what}: {len(real)} samples, reference has {len(numerators)}")
    q = samples.denominator
    bad = [i for i, (p, r) in enumerate(zip(real, numerators)) if p * denominator != r * q]
    check(not bad, f"{what}: sample {bad[:1]} differs from the reference")


def flint_ints(poly: flint.fmpz_poly, length: int) -> list[int]:
    values = [int(c) for c in poly.coeffs()]
    return values + [0] * (length - len(values))


def fmpq_of(values: list[Fraction]) -> flint.fmpq_poly:
    return flint.fmpq_poly([flint.fmpq(v.numerator, v.denominator) for v in values])


def sympy_native(values: list) -> list:
    """Python ints and SymPy Rationals (q > 1): the input on which sympy takes its integer path."""
    out = []
    for v in values:
        v = Fraction(v)
        out.append(int(v) if v.denominator == 1 else Rational(v.numerator, v.denominator))
    return out


def checked_float64(x: np.ndarray, h: np.ndarray) -> np.ndarray:
    """The floor of any exact machine path: check the 2**53 bound, sum in float64, return int64."""
    bound = int(np.abs(x).max()) * int(np.abs(h).max()) * min(len(x), len(h))
    check(bound <= 2**53, "checked float64: bound exceeded")
    return np.convolve(x.astype(np.float64), h.astype(np.float64)).astype(np.int64)


def rounds_of(make: Callable[[int], Cell], peer: str, rounds: int) -> Cell:
    """The cell of ``rounds`` runs of ``make(round)`` whose ratio to ``peer`` is the median one.

    The issue 19 targets are measured in 3 rounds in the full grid, so that one burst of
    load from other work on a shared machine cannot decide them; the note lists every round.
    A peer that only the first round measures (a slow one) is kept from it.
    """
    cells = [make(round_) for round_ in range(rounds)]
    if rounds == 1:
        return cells[0]
    first = cells[0]
    cells.sort(key=lambda c: c.ratio(peer) if c.ratio(peer) is not None else math.inf)
    chosen = cells[len(cells) // 2]
    for name, seconds in first.peers.items():
        if chosen.peers.get(name) is None:
            chosen.peers[name] = seconds
    ratios = ", ".join(fmt_ratio(c.ratio(peer)) for c in cells)
    chosen.note = "; ".join(filter(None, [chosen.note, f"median of {rounds} rounds / {peer}: {ratios}"]))
    return chosen


# ----------------------------------------------------------------------------- 1-D cells


def cell_integers(n: int, bits: int | None, budget: Budget, slow_limit: int) -> Cell:
    """n-by-n integers: |v| <= 1000 (bits None) or random signed ``bits``-bit integers."""
    seed = 8000 + n + (bits or 0)
    if bits is None:
        rng = np.random.default_rng(seed)
        x_array, h_array = rng.integers(-1000, 1001, n), rng.integers(-1000, 1001, n)
        x, h = x_array.tolist(), h_array.tolist()
        symconv_input = (x_array, h_array)
        category, case = "1-D integers |v| <= 1000", f"n = {n}"
    else:
        rng = random.Random(seed)
        x = [rng.getrandbits(bits) - 2 ** (bits - 1) for _ in range(n)]
        h = [rng.getrandbits(bits) - 2 ** (bits - 1) for _ in range(n)]
        symconv_input = (x, h)
        category, case = f"1-D big integers ({bits} bits)", f"n = {n}"
    reference = flint_ints(flint.fmpz_poly(x) * flint.fmpz_poly(h), 2 * n - 1)
    result = symconv.convolve(*symconv_input)
    same_rationals(result, reference, 1, f"{category} {case}")
    if n <= 1000:
        direct = np.convolve(np.array(x, dtype=object), np.array(h, dtype=object)).tolist()
        check(direct == reference, f"{category} {case}: flint reference differs from the direct sum")
    cell = Cell(category, case, result.method)
    xf, hf = np.array(x, dtype=float), np.array(h, dtype=float)
    fft = None if scipy_signal is None else (lambda: scipy_signal.fftconvolve(xf, hf))
    cell.symconv, cell.peers["float64 FFT"] = measure_pair(lambda: symconv.convolve(*symconv_input), fft, budget)
    cell.peers["flint"] = measure(lambda: flint.fmpz_poly(x) * flint.fmpz_poly(h), budget)
    # the direct sum takes a second at n = 10**5: measured in the first round only (see rounds_of)
    slow_direct = n > 10**4 and slow_limit == 0
    cell.peers["float64 direct"] = None if n > 10**5 or slow_direct else measure(lambda: np.convolve(xf, hf), budget)
    if result.method == "machine" and bits is None:
        check(np.array_equal(checked_float64(x_array, h_array), reference), f"{category} {case}: checked float64")
        cell.peers["checked float64"] = measure(lambda: checked_float64(x_array, h_array), budget)
    if n <= slow_limit:
        check(sympy_convolution(x, h) == reference, f"{category} {case}: sympy disagrees")
        cell.peers["sympy"] = measure(lambda: sympy_convolution(x, h), budget)
        xo, ho = np.array(x, dtype=object), np.array(h, dtype=object)
        cell.peers["numpy object"] = measure(lambda: np.convolve(xo, ho), budget)
    return cell


def random_fractions(rng: random.Random, n: int, bound: int = 1000) -> list[Fraction]:
    return [Fraction(rng.randint(-bound, bound), rng.randint(1, bound)) for _ in range(n)]


def cell_rationals(n: int, budget: Budget, sympy_limit: int, object_limit: int, direct_limit: int,
                   in_probe: bool = False) -> Cell:
    """n-by-n random rationals p/q with |p| <= 1000, 1 <= q <= 1000, as ``Fraction``.

    ``in_probe``: symconv's run (timed and verified) is the memory probe's, in a fresh process.
    """
    rng = random.Random(9000 + n)
    x, h = random_fractions(rng, n), random_fractions(rng, n)
    case = f"n = {n}"
    cell = Cell("1-D rationals |p|, q <= 1000", case)
    if in_probe:
        cell.memory, cell.symconv, cell.method = probe(n)
        cell.note = f"symconv timed in a fresh process (peak memory {cell.memory:.0f} MB)"
    product, flint_first = timed(lambda: fmpq_of(x) * fmpq_of(h))
    if not in_probe:
        result, symconv_first = timed(lambda: symconv.convolve(x, h))
        same_rationals(result, flint_ints(product.numer(), 2 * n - 1), int(product.denom()), f"rationals {case}")
        cell.method = result.method
        del result
        cell.symconv, cell.peers["flint"] = measure_pair(lambda: symconv.convolve(x, h),
                                                         lambda: fmpq_of(x) * fmpq_of(h), budget, symconv_first)
    else:
        cell.peers["flint"] = measure(lambda: fmpq_of(x) * fmpq_of(h), budget, flint_first)
    xf, hf = np.array([float(v) for v in x]), np.array([float(v) for v in h])
    if n <= direct_limit:
        cell.peers["float64 direct"] = measure(lambda: np.convolve(xf, hf), budget)
    if scipy_signal is not None:
        cell.peers["float64 FFT"] = measure(lambda: scipy_signal.fftconvolve(xf, hf), budget)
    if n <= sympy_limit:
        xs, hs = sympy_native(x), sympy_native(h)
        y, sympy_first = timed(lambda: sympy_convolution(xs, hs))
        check(all(Fraction(int(v.p), int(v.q)) == Fraction(int(p), int(product.denom()))
                  for v, p in zip(y, flint_ints(product.numer(), 2 * n - 1))), f"rationals {case}: sympy disagrees")
        cell.peers["sympy"] = measure(lambda: sympy_convolution(xs, hs), Budget(budget.repeats, 1.0), sympy_first)
    if n <= object_limit:
        xo, ho = np.array(x, dtype=object), np.array(h, dtype=object)
        cell.peers["numpy object"] = measure(lambda: np.convolve(xo, ho), budget)
    return cell


def cell_gaussian(n: int, budget: Budget, sympy_limit: int) -> Cell:
    """n-by-n Gaussian integers a + bi with |a|, |b| <= 1000, given as complex128 arrays (to all)."""
    rng = np.random.default_rng(7000 + n)
    parts = [rng.integers(-1000, 1001, n) for _ in range(4)]
    x = [complex(int(a), int(b)) for a, b in zip(parts[0], parts[1])]
    h = [complex(int(a), int(b)) for a, b in zip(parts[2], parts[3])]
    xr, xi, hr, hi = (p.tolist() for p in parts)

    def flint_gaussian() -> tuple[flint.fmpz_poly, flint.fmpz_poly]:
        a, b, c, d = (flint.fmpz_poly(v) for v in (xr, xi, hr, hi))
        k1, k2, k3 = (a + b) * c, a * (d - c), b * (c + d)
        return k1 - k3, k1 + k2

    real, imag = flint_gaussian()
    xc, hc = np.array(x), np.array(h)
    result = symconv.convolve(xc, hc)
    samples = result.samples
    check(samples.denominator == 1 and samples.real.tolist() == flint_ints(real, 2 * n - 1)
          and samples.imag.tolist() == flint_ints(imag, 2 * n - 1), f"Gaussian n = {n}: differs from flint")
    cell = Cell("1-D Gaussian integers", f"n = {n}", result.method)
    fft = None if scipy_signal is None else (lambda: scipy_signal.fftconvolve(xc, hc))
    cell.symconv, cell.peers["float64 FFT"] = measure_pair(lambda: symconv.convolve(xc, hc), fft, budget)
    cell.peers["flint"] = measure(flint_gaussian, budget)
    cell.peers["float64 direct"] = measure(lambda: np.convolve(xc, hc), budget)
    if n <= sympy_limit:
        xs = [Integer(int(a)) + sympy.I * int(b) for a, b in zip(xr, xi)]
        hs = [Integer(int(a)) + sympy.I * int(b) for a, b in zip(hr, hi)]
        cell.peers["sympy"] = measure(lambda: sympy_convolution(xs, hs), Budget(1, 0))
        cell.note = "sympy: complex values leave its integer path (exact FFT over radicals)"
    return cell


def cell_symbols(n: int, budget: Budget) -> Cell:
    """n-by-n distinct real symbols: every output is a sum of products of symbols."""
    x = [Symbol(f"a{i}", real=True) for i in range(n)]
    h = [Symbol(f"b{i}", real=True) for i in range(n)]

    def one_add() -> list:
        return [Add(*[x[m] * h[k - m] for m in range(max(0, k - n + 1), min(k, n - 1) + 1)])
                for k in range(2 * n - 1)]

    reference, baseline_first = timed(one_add)
    result, symconv_first = timed(lambda: symconv.convolve(x, h))
    values = result.values
    check(values == reference, f"symbols n = {n}: differs from the one-Add baseline")
    cell = Cell("1-D symbols", f"n = {n}", result.method)
    cell.symconv = measure(lambda: symconv.convolve(x, h).values, budget, symconv_first)
    cell.peers["one Add"] = measure(one_add, budget, baseline_first)
    cell.note = "symconv timed with .values (the SymPy sums are the result)"
    return cell


# ----------------------------------------------------------------------------- 2-D cells


def cell_image(side: int, k: int, budget: Budget, object_limit: int) -> Cell:
    """A side x side image of ints 0..255 and a k x k rational kernel p/1000 (|p| <= 1000).

    Image kernels share a denominator (a blur over 16 or 256, a box over k*k); scaled to it,
    they are small integers.
    """
    rng = np.random.default_rng(6000 + side + k)
    image = rng.integers(0, 256, (side, side))
    pyrng = random.Random(6000 + side * k)
    kernel = [[Fraction(pyrng.randint(-1000, 1000), 1000) for _ in range(k)] for _ in range(k)]
    shape = (side + k - 1, side + k - 1)
    stride = shape[1]

    def packed(rows: list[list], width: int) -> list:
        flat: list = []
        for i, row in enumerate(rows):
            flat.extend([0] * (i * stride - len(flat)))
            flat.extend(row)
        return flat

    image_rows = image.tolist()

    def flint_2d() -> flint.fmpq_poly:
        a = flint.fmpz_poly(packed(image_rows, side))
        b = fmpq_of([Fraction(v) for v in packed(kernel, k)])
        return b * a

    product = flint_2d()
    numerators = flint_ints(product.numer(), math.prod(shape))
    result = symconv.convolve(image, kernel)
    same_rationals(result, numerators, int(product.denom()), f"image {side}^2 kernel {k}^2")
    cell = Cell("2-D image ints 0..255 * kernel p/1000", f"{side}x{side} * {k}x{k}", result.method)
    kf = np.array([[float(v) for v in row] for row in kernel])
    imf = image.astype(float)
    fft = None if scipy_signal is None else (lambda: scipy_signal.fftconvolve(imf, kf))
    cell.symconv, cell.peers["float64 FFT"] = measure_pair(lambda: symconv.convolve(image, kernel), fft, budget)
    cell.peers["flint"] = measure(flint_2d, budget)
    if scipy_signal is not None:
        cell.peers["float64 direct"] = measure(lambda: scipy_signal.convolve2d(imf, kf), budget)
    if side <= object_limit:
        image_objects = image.astype(object)
        kernel_objects = np.array(kernel, dtype=object)

        def object_2d() -> np.ndarray:
            out = np.zeros(shape, dtype=object)
            for (i, j), w in np.ndenumerate(kernel_objects):
                out[i:i + side, j:j + side] += w * image_objects
            return out

        cell.peers["numpy object"] = measure(object_2d, budget)
    return cell


# ----------------------------------------------------------------------------- explain


def cell_explain(outputs: int, budget: Budget) -> Cell:
    """A worked solution (explain + LaTeX) of a rational convolution with ``outputs`` samples."""
    cell = Cell("explain (worked solution, LaTeX)", f"{outputs} outputs")
    try:
        from symconv.derive import explain
    except ImportError:
        cell.note = "symconv.derive not available"
        return cell
    rng = random.Random(5000 + outputs)
    length = (outputs + 1) // 2
    x, h = random_fractions(rng, length, 9), random_fractions(rng, outputs + 1 - length, 9)
    derivation = explain(x, h)
    product = fmpq_of(x) * fmpq_of(h)
    same_rationals(derivation.result, flint_ints(product.numer(), outputs), int(product.denom()),
                   f"explain {outputs}")
    cell.method = derivation.result.method or ""
    cell.symconv = measure(lambda: explain(x, h).latex(), Budget(min(budget.repeats, 3), budget.seconds))
    cell.note = "target: under 2 s for 100 outputs (explain verifies every term itself)"
    return cell


# ----------------------------------------------------------------------------- start-up and checks


def fresh_interpreter(argv: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of a fresh interpreter running ``argv`` with this repository."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, *argv], cwd=REPO, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    out, err = child.communicate()
    elapsed = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    check(child.returncode == 0, f"{argv}: exit {child.returncode}: {err.strip()}")
    if argv[:3] == ["-m", "symconv", "conv"]:
        check("1, 3, 5, 3" in out, f"conv printed {out!r}")
    return elapsed, usage.ru_utime + usage.ru_stime


def startup_cells(repeats: int) -> list[Cell]:
    """``import symconv`` and ``symconv conv "1 2 3" "1 1"`` against ``import sympy``, each a fresh process.

    The runs are interleaved (sympy, symconv, conv, sympy, ...) so that a burst of load hits
    all three alike, and each time is the *minimum* over the repeats: start-up noise (other
    processes, cold caches) only ever adds. The ratio is of CPU time (user + system): on a
    machine shared with other work, a fresh interpreter's wall time also counts waiting for a
    CPU, which its CPU time does not; on a quiet machine the two agree closely (one thread,
    files in the page cache). The note gives the wall-time ratio as well.
    """
    commands = {"import sympy": ["-c", "import sympy"], "import symconv": ["-c", "import symconv"],
                'symconv conv "1 2 3" "1 1"': ["-m", "symconv", "conv", "1 2 3", "1 1"]}
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, argv in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            seconds, children = fresh_interpreter(argv)
            wall[name].append(seconds)
            cpu[name].append(children - before.ru_utime - before.ru_stime)
    cells = []
    for name in ("import symconv", 'symconv conv "1 2 3" "1 1"'):
        cell = Cell("start-up (fresh interpreter, min of runs)", name, "-")
        cell.symconv = min(cpu[name])
        cell.peers["import sympy"] = min(cpu["import sympy"])
        cell.note = (f"CPU time; {repeats} runs each, interleaved; wall time {fmt_time(min(wall[name]))} / "
                     f"{fmt_time(min(wall['import sympy']))} = {min(wall[name]) / min(wall['import sympy']):.3g}")
        cells.append(cell)
    return cells


def cell_symbolic_check(samples: int, budget: Budget) -> Cell:
    """``check`` of a claimed convolution of two symbol sequences (``samples`` outputs), one term wrong.

    The claim is the exact result (SymPy sums) with 1 added to its middle term; the peer is
    computing that convolution (``symconv.convolve(x, h).values``).
    """
    length = (samples + 1) // 2
    x = [Symbol(f"a{i}", real=True) for i in range(length)]
    h = [Symbol(f"b{i}", real=True) for i in range(samples + 1 - length)]
    cell = Cell("check (symbolic claim, one wrong term)", f"{samples} samples")
    correct, convolution_first = timed(lambda: symconv.convolve(x, h).values)
    claim = list(correct)
    claim[samples // 2] += 1
    verdict, check_first = timed(lambda: symconv.check(claim, x, h))
    try:
        wrong = [t.index for t in verdict.terms if not t.ok]
    except AttributeError as error:  # the verdict's shape changed: say so rather than stop the run
        cell.note = f"verdict not read: {error}"
        return cell
    check(wrong == [samples // 2], f"check of {samples} symbolic samples: wrong terms {wrong}")
    cell.method = ", ".join(getattr(verdict, "kinds", ())) or "-"
    cell.symconv = measure(lambda: symconv.check(claim, x, h), budget, check_first)
    cell.peers["convolution"] = measure(lambda: symconv.convolve(x, h).values, budget, convolution_first)
    cell.note = "method column: the mistake named"
    return cell


# ----------------------------------------------------------------------------- memory


def memory_probe(n: int) -> None:
    """Time the n-by-n rational convolution in a fresh process; print peak RSS (MB) and seconds.

    The peak is read right after symconv's run; the result is verified afterwards (the
    reference would raise the peak), and a wrong result fails the probe.
    """
    rng = random.Random(9000 + n)
    x, h = random_fractions(rng, n), random_fractions(rng, n)
    result, seconds = timed(lambda: symconv.convolve(x, h))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    product = fmpq_of(x) * fmpq_of(h)
    same_rationals(result, flint_ints(product.numer(), 2 * n - 1), int(product.denom()), f"rationals n = {n}")
    print(peak, seconds, result.method)


def probe(n: int) -> tuple[float, float, str]:
    """Peak memory (MB), time (s) and method of symconv on n-by-n rationals, in a fresh process."""
    out = subprocess.run([sys.executable, __file__, "--memory-probe", str(n)], check=True,
                         capture_output=True, text=True).stdout
    peak, seconds, method = out.strip().splitlines()[-1].split()
    return float(peak), float(seconds), method


# ----------------------------------------------------------------------------- report


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1e3:.3g} ms" if seconds < 1 else f"{seconds:.3g} s"


def fmt_ratio(ratio: float | None) -> str:
    return "-" if ratio is None else f"{ratio:.3g}"


def escape(text: str) -> str:
    """Text for a Markdown table cell: ``|`` (as in ``|v|``) would end the cell."""
    return text.replace("|", "\\|")


def table(cells: list[Cell]) -> list[str]:
    lines = ["| case | symconv (method) | " + " | ".join(f"/ {p}" for p in PEERS) + " | note |",
             "|---|---|" + "---|" * len(PEERS) + "---|"]
    category = None
    for cell in cells:
        if cell.category != category:
            category = cell.category
            lines.append(f"| **{escape(category)}** |" + " |" * (len(PEERS) + 2))
        ratios = []
        for peer in PEERS:
            if cell.peers.get(peer) is None:
                ratios.append("-")
            else:
                ratios.append(f"{fmt_ratio(cell.ratio(peer))} ({fmt_time(cell.peers[peer])})")
        lines.append(f"| {cell.case} | {fmt_time(cell.symconv)} ({cell.method}) | " + " | ".join(ratios)
                     + f" | {cell.note} |")
    return lines


@dataclass
class Target:
    name: str
    value: float | None
    limit: str
    ok: bool | None
    why: str = ""


def targets(cells: list[Cell], memory: float | None) -> list[Target]:
    def find(category_start: str, case: str) -> Cell | None:
        return next((c for c in cells if c.category.startswith(category_start) and c.case == case), None)

    found: list[Target] = []
    r4 = find("1-D rationals", "n = 10000")
    if r4:
        ratio = r4.ratio("flint")
        found.append(Target("rationals n = 10^4: symconv / flint", ratio, "<= 1.3", ratio is not None and ratio <= 1.3))
        speedup = None if r4.ratio("sympy") is None else 1 / r4.ratio("sympy")
        found.append(Target("rationals n = 10^4: sympy / symconv", speedup, ">= 10", speedup is not None and speedup >= 10))
    r5 = find("1-D rationals", "n = 100000")
    if r5:
        ratio = r5.ratio("flint")
        found.append(Target("rationals n = 10^5: symconv / flint", ratio, "<= 2", ratio is not None and ratio <= 2))
    if memory is not None:
        found.append(Target("rationals n = 10^5: peak memory (MB, whole process)", memory, "< 1024", memory < 1024))
    for cell in cells:
        if cell.category.startswith("1-D integers |v|") and cell.case in ("n = 100", "n = 1000", "n = 3000"):
            ratio, floor = cell.ratio("float64 direct"), cell.ratio("checked float64")
            holds = ratio is not None and ratio <= 1.5
            why = "" if holds or floor is None else (
                f"the least exact NumPy work alone (bound check, float64 sum, int64 out) is "
                f"{cell.peers['checked float64'] / cell.peers['float64 direct']:.2f}x; symconv is {floor:.2f}x that")
            found.append(Target(f"integers ({cell.method}), {cell.case}: symconv / float64 direct",
                                ratio, "<= 1.5", holds, why))
    image = find("2-D", "512x512 * 11x11")
    if image:
        ratio = image.ratio("float64 direct")
        found.append(Target("2-D 512^2 * 11x11 rational: symconv / scipy convolve2d float64", ratio, "<= 2",
                            ratio is not None and ratio <= 2))
    symbols = find("1-D symbols", "n = 200")
    if symbols:
        ratio = symbols.ratio("one Add")
        found.append(Target("symbols n = 200: symconv / one-Add baseline", ratio, "<= 1 (1.05 for timer noise)",
                            ratio is not None and ratio <= 1.05))
    explain = find("explain", "100 outputs")
    if explain:
        found.append(Target("explain of 100 outputs (s)", explain.symconv, "< 2",
                            explain.symconv is not None and explain.symconv < 2, explain.note
                            if explain.symconv is None else ""))
    return found


def targets_19(cells: list[Cell]) -> list[Target]:
    """The targets of issue 19 (exact at the speed of a floating-point FFT, fast start-up)."""
    def find(category_start: str, case: str) -> Cell | None:
        return next((c for c in cells if c.category.startswith(category_start) and c.case == case), None)

    def ratio_target(name: str, cell: Cell | None, peer: str, limit: float) -> Target:
        ratio = None if cell is None else cell.ratio(peer)
        why = "" if cell is None else f"method {cell.method}"
        return Target(name, ratio, f"<= {limit}", None if ratio is None else ratio <= limit, why)

    found = [ratio_target("2-D 512^2 ints * 11x11 rational kernel: symconv / fftconvolve float64",
                          find("2-D", "512x512 * 11x11"), "float64 FFT", 1.5)]
    for n in (10**4, 10**5):
        found.append(ratio_target(f"1-D ints |v| <= 1000, n = {n}: symconv / fftconvolve float64",
                                  find("1-D integers |v|", f"n = {n}"), "float64 FFT", 1.5))
    found.append(ratio_target("1-D Gaussian integers n = 10^4: symconv / fftconvolve complex128",
                              find("1-D Gaussian", "n = 10000"), "float64 FFT", 2))
    for n in (10**4, 10**5):
        found.append(ratio_target(f"rationals n = {n}: symconv / flint (no regression)",
                                  find("1-D rationals", f"n = {n}"), "flint", 1.3))
    found.append(ratio_target("python -c 'import symconv' / python -c 'import sympy'",
                              find("start-up", "import symconv"), "import sympy", 1.25))
    found.append(ratio_target('symconv conv "1 2 3" "1 1" / python -c \'import sympy\'',
                              find("start-up", 'symconv conv "1 2 3" "1 1"'), "import sympy", 1.4))
    checked = find("check", "300 samples")
    if checked is not None:
        seconds = checked.symconv
        found.append(Target("check of a 300-sample symbolic claim, one wrong term (s)", seconds, "<= 0.25",
                            None if seconds is None else seconds <= 0.25, checked.note))
        found.append(ratio_target("check of a 300-sample symbolic claim / computing the convolution", checked,
                                  "convolution", 1))
    return found


def machine_description() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        revision = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                  capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        revision = "unknown"
    scipy_version = "not installed"
    if scipy_signal is not None:
        import scipy

        scipy_version = scipy.__version__
    return [
        f"- machine: {cpu}, {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, NumPy {np.__version__}, SciPy {scipy_version}, "
        f"SymPy {sympy.__version__}, python-flint {flint.__version__}, symconv {revision}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small grid, under 2 minutes")
    parser.add_argument("--output", type=Path, default=Path(__file__).with_name("bench-results.md"))
    parser.add_argument("--memory-probe", type=int, metavar="N", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_probe:
        memory_probe(args.memory_probe)
        return 0

    began = time.perf_counter()
    quick = args.quick
    budget = Budget(3, 0.5) if quick else Budget(7, 10.0)
    rounds = 1 if quick else 3
    grid: list[Callable[[], Cell]] = []
    for n in ([100, 1000, 10000] if quick else [100, 1000, 3000, 10000, 100000]):
        grid.append(lambda n=n: rounds_of(
            lambda r: cell_integers(n, None, budget, slow_limit=10000 if r == 0 else 0), "float64 FFT",
            rounds if n >= 10**4 else 1))
    for n in ([100, 1000, 10000] if quick else [100, 1000, 10000, 100000]):
        grid.append(lambda n=n: cell_integers(n, 256, budget, slow_limit=3000 if quick else 10000))
    for n in [100, 1000, 10000, 100000]:
        grid.append(lambda n=n: rounds_of(lambda r: cell_rationals(
            n, budget if n < 10**5 else Budget(1 if quick else 3, 0), sympy_limit=10000 if r == 0 else 0,
            object_limit=(1000 if quick else 3000) if r == 0 else 0, direct_limit=10000 if quick else 100000,
            in_probe=quick and n == 10**5), "flint", rounds if n == 10**4 else 1))
    for n in ([100, 1000] if quick else [100, 1000, 10000]):
        grid.append(lambda n=n: rounds_of(lambda r: cell_gaussian(n, budget, sympy_limit=30), "float64 FFT",
                                          rounds if n >= 10**4 else 1))
    for n in ([200] if quick else [50, 200, 500]):
        grid.append(lambda n=n: cell_symbols(n, Budget(1, 0) if quick else Budget(5, 0)))
    images = [(64, 3), (256, 7), (512, 11)] if quick else [
        (side, k) for side in (64, 128, 256, 512) for k in (3, 7, 11, 15)]
    for side, k in images:
        grid.append(lambda side=side, k=k: rounds_of(
            lambda r: cell_image(side, k, budget, object_limit=(64 if quick else 128) if r == 0 else 0),
            "float64 FFT", rounds if (side, k) == (512, 11) else 1))
    for outputs in ([100] if quick else [100, 1000]):
        grid.append(lambda outputs=outputs: cell_explain(outputs, budget))

    grid.append(lambda: cell_symbolic_check(300, Budget(1 if quick else 3, 0)))
    cells = []
    for make in grid:
        cell = make()
        cells.append(cell)
        print(f"{cell.category:42} {cell.case:18} {fmt_time(cell.symconv):>10} ({cell.method})  "
              + "  ".join(f"{p}: {fmt_ratio(cell.ratio(p))}" for p in PEERS if cell.peers.get(p) is not None),
              flush=True)
    cells += startup_cells(5 if quick else 15)
    for cell in cells[-2:]:
        print(f"{cell.category:42} {cell.case:18} {fmt_time(cell.symconv):>10}  import sympy: "
              f"{fmt_ratio(cell.ratio('import sympy'))}", flush=True)
    memory = next((c.memory for c in cells if c.memory is not None), None)
    if memory is None:
        memory = probe(100000)[0]
    print(f"peak memory, rationals n = 10^5: {memory:.0f} MB", flush=True)
    found = targets(cells, memory)
    found_19 = targets_19(cells)
    elapsed = time.perf_counter() - began
    load = os.getloadavg()

    lines = [f"# symconv benchmark ({'quick' if quick else 'full'} grid)", ""]
    lines += machine_description()
    lines += [f"- run: `python scripts/bench.py{' --quick' if quick else ''}`, took {elapsed:.0f} s "
              f"on {time.strftime('%Y-%m-%d')}; load average at the end {load[0]:.2f} (1 min), "
              f"{load[1]:.2f} (5 min) on {os.cpu_count()} CPUs",
              f"- OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')} (the FFTs are pocketfft's, "
              "not BLAS)", "",
              "Ratios are symconv time / peer time (below 1: symconv is faster), each time the median "
              "of repeats, peers run in the same process on the same data; absolute peer times in "
              "parentheses. Every symconv result was checked against an exact reference before timing.",
              ""]
    for title, rows in (("Targets (issue 19)", found_19), ("Earlier targets (issue 8)", found)):
        lines += [f"## {title}", "", "| target | measured | limit | holds |", "|---|---|---|---|"]
        for t in rows:
            verdict = "yes" if t.ok else ("no" if t.ok is False else "-")
            lines.append(f"| {escape(t.name)} | {fmt_ratio(t.value)} | {t.limit} | "
                         f"{verdict}{'; ' + escape(t.why) if t.why else ''} |")
        lines.append("")
    lines += ["## All cells", ""] + table(cells) + [""]
    args.output.write_text("\n".join(lines))
    print("\n".join(lines[lines.index("## Targets (issue 19)"):lines.index("## All cells")]))
    print(f"wrote {args.output} ({elapsed:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
