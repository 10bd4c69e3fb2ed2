"""Fuzz symconv with hostile input, with a large example budget (issue 21).

Runs the strategies of tests/test_fuzz_hostile.py (claims through the Python API and the
command line, options of check/explain/conv/layer, answer keys through check-batch) in this
process, under an address-space limit, and prints what was tried, the outcomes, any failure
(an exit code other than 0/1/2, more than one stderr line, an exception other than InputError)
and the slowest case.

    python3 scripts/fuzz_hostile.py --examples 300 --memory-mb 2048

Keep the budget bounded on a shared machine: each example is one process-internal run.
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import test_fuzz_hostile as fuzz  # noqa: E402


class _Capture:
    """Standard output and error of one in-process command (the ``capsys`` that run_cli reads)."""

    def __enter__(self) -> _Capture:
        self.saved = sys.stdout, sys.stderr
        self.out, self.err = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
                              for _ in range(2))
        sys.stdout, sys.stderr = self.out, self.err
        return self

    def __exit__(self, *exc: object) -> None:
        sys.stdout, sys.stderr = self.saved

    def readouterr(self):  # type: ignore[no-untyped-def]
        texts = []
        for stream in (self.out, self.err):
            stream.flush()
            texts.append(stream.buffer.getvalue().decode("utf-8", "backslashreplace"))
            stream.buffer.seek(0)
            stream.buffer.truncate()
        return argparse.Namespace(out=texts[0], err=texts[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=300, help="examples per strategy (default 300)")
    parser.add_argument("--memory-mb", type=int, default=2048, help="address-space limit of this process")
    options = parser.parse_args()
    limit = options.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    slowest: list[tuple[float, str]] = [(0.0, "")]
    tried = 0

    def record(kind: str, case: str, run) -> None:  # type: ignore[no-untyped-def]
        nonlocal tried
        tried += 1
        began = time.perf_counter()
        try:
            with _Capture() as capture:
                outcome = run(capture)
        except BaseException as error:  # noqa: BLE001  (a fuzz report lists everything)
            outcome = f"FAILED {type(error).__name__}"
            failures.append(f"{kind}: {case[:300]!r}: {type(error).__name__}: {str(error)[:300]}")
        seconds = time.perf_counter() - began
        outcomes[f"{kind}: {outcome}"] += 1
        if seconds > slowest[0][0]:
            slowest[0] = (seconds, f"{kind}: {case[:300]!r}")

    budget = settings(max_examples=options.examples, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))

    @budget
    @given(claim=fuzz.claims, x=fuzz.operands, h=fuzz.operands)
    def claims_api(claim, x, h):  # type: ignore[no-untyped-def]
        record("claim, api", f"{claim} | {x} | {h}", lambda _: fuzz.run_api(claim, x, h))

    @budget
    @given(claim=fuzz.claims, x=fuzz.operands, h=fuzz.operands)
    def claims_cli(claim, x, h):  # type: ignore[no-untyped-def]
        argv = ["check", claim, x, h, "--time-limit", str(fuzz.BACKSTOP)]
        record("claim, cli", " ".join(argv), lambda capture: fuzz.run_command(argv, capture))

    @budget
    @given(command=st.sampled_from(sorted(fuzz._OPTIONS)), data=st.data())
    def options_cli(command, data):  # type: ignore[no-untyped-def]
        chosen = data.draw(st.lists(st.sampled_from(fuzz._OPTIONS[command]), max_size=3, unique=True))
        argv = [command, *(["1 2"] if command == "check" else []), "1 2 3", "1 1"]
        argv += [f"{option}={data.draw(fuzz.option_values)}" for option in chosen]
        if command in ("check", "explain", "layer") and "--time-limit" not in chosen:
            argv += ["--time-limit", str(fuzz.BACKSTOP)]
        record("options, cli", " ".join(argv), lambda capture: fuzz.run_command(argv, capture))

    import tempfile

    @budget
    @given(key=st.lists(fuzz.items, min_size=1, max_size=3))
    def keys(key):  # type: ignore[no-untyped-def]
        with tempfile.TemporaryDirectory() as folder:
            record("answer key", repr(key), lambda capture: fuzz.run_key(key, capture, Path(folder)))

    began = time.perf_counter()
    for strategy in (claims_api, claims_cli, options_cli, keys):
        strategy()
    total = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"inputs tried: {tried} in {total:.0f} s (address space limit {options.memory_mb} MB, peak resident "
          f"{peak:.0f} MB)")
    print("outcomes:")
    for name, count in sorted(outcomes.items()):
        print(f"  {count:6d}  {name}")
    print(f"slowest case: {slowest[0][0]:.2f} s  {slowest[0][1]}")
    print(f"failures: {len(failures)}")
    for failure in failures[:20]:
        print(f"  {failure}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
