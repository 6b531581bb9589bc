"""Importer speed: parse all corpus documents, median of 5 runs (goal: under 0.2 s together, issue 16;
issue 17 asks under 0.5 s).

    .venv/bin/python benchmarks/parse_corpus.py [--runs N] [--corpus DIR]

Reading (txt reader) and parsing (`parse_document`, family detection included)
are timed together per document; the total is the sum of the per-document
medians, in wall-clock and in CPU time (the machine may be shared: CPU time is
the steadier figure). Exits 1 when the total misses the goal.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from seuranta.core.parsing import parse_document  # noqa: E402
from seuranta.core.parsing.readers import read_bytes  # noqa: E402

TARGET_SECONDS = 0.2


def time_document(path: Path, runs: int) -> tuple[float, float, str | None]:
    """Median wall-clock and median CPU seconds of reading and parsing the file, and its family."""
    data = path.read_bytes()
    parse_document(read_bytes(data, path.name))  # warm-up: imports, regex compilation
    times = []
    cpu_times = []
    family = None
    for _ in range(runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        result = parse_document(read_bytes(data, path.name))
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
        family = result.family
    return statistics.median(times), statistics.median(cpu_times), family


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "data" / "corpus")
    args = parser.parse_args(argv)
    paths = sorted(args.corpus.glob("*.txt"))
    total = cpu_total = 0.0
    print(f"{'document':<50} {'family':<16} {'wall':>11} {'CPU':>11}")
    for path in paths:
        seconds, cpu_seconds, family = time_document(path, args.runs)
        total += seconds
        cpu_total += cpu_seconds
        print(f"{path.name:<50} {family or '-':<16} {seconds * 1000:8.1f} ms {cpu_seconds * 1000:8.1f} ms")
    verdict = "ok" if total < TARGET_SECONDS else "SLOW"
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"total ({len(paths)} documents, median of {args.runs} runs): {total * 1000:.1f} ms "
        f"(CPU {cpu_total * 1000:.1f} ms; goal {TARGET_SECONDS * 1000:.0f} ms) {verdict}"
    )
    print(f"BENCH parse_corpus_s goal={TARGET_SECONDS} value={total:.3f}")
    return 0 if total < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
