"""Single-request timings of the plan-scoped pages for a plan of 1,000 actions and 3,000 indicators.

Stores the plan in a fresh SQLite database (or DATABASE_URL's, e.g. PostgreSQL) under a temporary
data directory, then asks each page through Django's test client: the first request (which reads
and evaluates the plan and fills the cache) and the median of the next ones (read from the cache).
The goals are the issue's p95 page goals; a p95 needs a live server and many requests: that is
benchmarks/pages_live.py. This one measures medians of single requests in-process, a quick check.

    .venv/bin/python benchmarks/pages_single.py [--actions N] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

GOALS = {"plan": 0.100, "node": 0.050, "api_plan": 0.100, "api_statuses": 0.100}


def _timed(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--actions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ["SEURANTA_DATA_DIR"] = tempfile.mkdtemp(prefix="seuranta-bench-")
    from seuranta.cli import setup_django

    setup_django()
    from django.test import Client
    from django.urls import reverse

    from benchmarks.report_large import large_plan
    from seuranta.plans.models import Node, Plan
    from seuranta.plans.storage import store_plan

    stored = store_plan(large_plan(args.actions), state=Plan.State.PUBLISHED)
    action = Node.objects.filter(plan=stored, children__isnull=True).order_by("order", "id").first()
    urls = {
        "plan": reverse("plan", args=[stored.pk]),
        "node": reverse("node", args=[action.pk]),
        "api_plan": reverse("api:plan", args=[stored.pk]),
        "api_statuses": reverse("api:statuses", args=[stored.pk]),
    }
    client = Client()
    failed = False
    for name, url in urls.items():
        first = _timed(client, url)
        median = statistics.median(_timed(client, url) for _ in range(max(1, args.repeat)))
        failed |= median >= GOALS[name]
        print(f"{name}: first {first * 1000:.0f} ms, then median {median * 1000:.0f} ms")
        print(f"BENCH page_{name}_median_s goal={GOALS[name]} value={median:.4f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
