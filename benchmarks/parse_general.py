"""The general (outline) reader's speed: linear in the document's size.

    .venv/bin/python benchmarks/parse_general.py

Generates plan documents of 10, 100 and 300 pages (numbered goals, labelled indicators, a list
of actions and a paragraph of prose per page, about 1,650 characters a page) and times the
outline reader on each (median of 3, wall-clock and CPU time: the steadier figure on a shared
machine). Goal: 300 pages in under 10 s. Exits 1 when missed.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from seuranta.core.parsing.families import outline  # noqa: E402
from seuranta.core.parsing.readers import read_bytes  # noqa: E402

TARGET_SECONDS = 10.0
PAGES = (10, 100, 300)


def page(i: int) -> str:
    return (
        f"{i % 99 + 1}. Painopiste {i}\n{i % 99 + 1}.1 Asukkaiden hyvinvointi paranee alueella {i}\n"
        f"Mittari: Liikkuvien osuus, %\nLähtötaso: {30 + i % 5} % (2023)\nTavoitetaso: {40 + i % 7} % vuonna 2026\n"
        "Vastuu: liikuntapalvelut\nToimenpiteet:\n- Koulujen välituntiliikunta\n- Uusi lähiliikuntapaikka\n\n"
        + "Tämä kappale kertoo taustasta ja perusteluista. " * 25
        + "\n\n"
    )


def main() -> int:
    print(f"{'pages':>6} {'KB':>6} {'seconds':>8} {'CPU s':>8} {'ms/page':>8}")
    worst = 0.0
    for pages in PAGES:
        data = ("Suunnitelma 2024–2026\n\n" + "".join(page(i) for i in range(1, pages + 1))).encode()
        times = []
        cpu_times = []
        for _ in range(3):
            start, cpu_start = time.perf_counter(), time.process_time()
            outline.parse(read_bytes(data, "plan.txt"))
            times.append(time.perf_counter() - start)
            cpu_times.append(time.process_time() - cpu_start)
        median, cpu_median = statistics.median(times), statistics.median(cpu_times)
        worst = median if pages == PAGES[-1] else worst
        print(
            f"{pages:>6} {len(data) // 1024:>6} {median:>8.3f} {cpu_median:>8.3f} {1000 * median / pages:>8.1f}"
        )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"300 pages: {worst:.2f} s (goal < {TARGET_SECONDS:.0f} s)")
    print(f"BENCH parse_general_300_pages_s goal={TARGET_SECONDS} value={worst:.3f}")
    return 0 if worst < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
