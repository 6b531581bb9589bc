"""Writing 10,000 values through API v1, and listing a 1,000-action plan's indicators, on PostgreSQL.

    .venv/bin/python benchmarks/api_values.py [--postgres URL] [--values 10000] [--batch 1000] [--listings 40]

Creates a new database on the server (default postgres://postgres@127.0.0.1:5432/seuranta_api_bench,
dropped at the end), stores a plan of 1,000 actions with 3 indicators each, creates an API token
and serves the app over HTTP on 127.0.0.1 (waitress, as `seuranta serve`). Then it POSTs the values
to /api/v1/values in batches and prints values per second, sends the same values again (each one
"unchanged": the idempotent upsert) and prints that rate too, and asks for the plan's indicators
(/api/v1/plans/{id}/indicators, 100 a page, the pages in turn) and prints the median and p95 time
of a page: the first request after the writes evaluates the plan, the rest find it evaluated.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _live import recreate  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/seuranta_api_bench"


def setup(url: str):
    """The database migrated, with the plan and a token; (plan id, indicator ids, token secret)."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seuranta.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from report_large import large_plan

    from seuranta.api.tokens import create_token
    from seuranta.plans.models import Indicator, Organization, Plan
    from seuranta.plans.storage import store_plan

    call_command("migrate", verbosity=0)
    organization = Organization.objects.create(name="Testikaupunki")
    plan = store_plan(large_plan(actions=1000), organization=organization, state=Plan.State.PUBLISHED)
    indicators = list(Indicator.objects.filter(node__plan=plan).order_by("pk").values_list("pk", flat=True))
    _token, secret = create_token(organization, "Benchmark", created_by=None)
    return plan.pk, indicators, secret


def serve() -> str:
    from django.core.wsgi import get_wsgi_application
    from waitress.server import create_server

    server = create_server(get_wsgi_application(), host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    return f"http://127.0.0.1:{server.effective_port}"


def request(url: str, body: dict | None = None, secret: str | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json", "Host": "127.0.0.1"}
    if secret:
        headers["Authorization"] = f"Bearer {secret}"
    with urllib.request.urlopen(
        urllib.request.Request(url, data=data, headers=headers), timeout=300
    ) as answer:
        return json.loads(answer.read())


def write(base: str, secret: str, values: list[dict], batch: int) -> tuple[float, dict]:
    totals = {"created": 0, "updated": 0, "unchanged": 0}
    start = time.perf_counter()
    for i in range(0, len(values), batch):
        answer = request(f"{base}/api/v1/values", {"values": values[i : i + batch]}, secret)
        for key in totals:
            totals[key] += answer[key]
    return time.perf_counter() - start, totals


def listing(base: str, plan_id: int, count: int, pages: int) -> list[float]:
    times = []
    for n in range(count):
        offset = (n % pages) * 100
        start = time.perf_counter()
        request(f"{base}/api/v1/plans/{plan_id}/indicators?limit=100&offset={offset}")
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=DEFAULT_URL)
    parser.add_argument("--values", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--listings", type=int, default=40)
    args = parser.parse_args()
    recreate(args.postgres)
    try:
        plan_id, indicators, secret = setup(args.postgres)
        base = serve()
        months = [f"2026-{m:02d}" for m in range(1, 13)]
        values = [
            {
                "indicator": indicators[n % len(indicators)],
                "period": months[(n // len(indicators)) % 12],
                "value": n * 0.5,
                "source": "benchmark",
            }
            for n in range(args.values)
        ]
        seconds, totals = write(base, secret, values, args.batch)
        print(
            f"write: {args.values} values in {seconds:.1f} s = {args.values / seconds:.0f} values/s {totals}"
        )
        again, totals = write(base, secret, values, args.batch)
        print(f"again: {args.values} values in {again:.1f} s = {args.values / again:.0f} values/s {totals}")
        times = listing(base, plan_id, args.listings, pages=-(-len(indicators) // 100))
        ordered = sorted(times)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        print(
            f"list: {len(indicators)} indicators of a 1,000-action plan, 100 a page, {args.listings} requests: "
            f"first {times[0] * 1000:.0f} ms, median {statistics.median(times) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms"
        )
    finally:
        from django.db import connections

        connections.close_all()
        recreate(args.postgres, drop_only=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
