"""Backup and restore of a city-sized database (about 100,000 rows): time and peak memory of each.

    .venv/bin/python benchmarks/backup_large.py [--plans 6] [--changes 50000] [--postgres URL]

Fills a new SQLite database (or, with --postgres, a new database on that
server) with large plans, users and change history, then runs `seuranta backup`
and `seuranta restore` into another new database as separate processes and
prints their wall-clock time and peak resident memory. The databases are
removed afterwards. Targets: each step under 120 s and 500 MB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

LIMIT_SECONDS, LIMIT_MB = 120.0, 500.0


def populate(plans: int, changes: int) -> int:
    """Fill the database DATABASE_URL names; the number of rows written."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seuranta.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from report_large import large_plan

    from seuranta.backup import load_order
    from seuranta.plans.models import ChangeRecord, Membership, Node, Organization, Plan
    from seuranta.plans.storage import store_plan

    call_command("migrate", verbosity=0)
    organization = Organization.objects.create(name="Testikaupunki")
    password = make_password("salasana-123")
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"kayttaja{i}", password=password, email=f"k{i}@example.invalid")
        for i in range(300)
    )
    Membership.objects.bulk_create(
        Membership(user=u, organization=organization, role="responsible") for u in users
    )
    for p in range(plans):
        plan = large_plan()
        plan.title = f"Suuri strategia {p + 1}"
        store_plan(plan, organization=organization, state=Plan.State.PUBLISHED)
    nodes = list(Node.objects.values_list("id", "plan_id")[:5000])
    ChangeRecord.objects.bulk_create(
        (
            ChangeRecord(
                plan_id=nodes[i % len(nodes)][1],
                node_id=nodes[i % len(nodes)][0],
                object_type="measure",
                object_id=i,
                action="changed",
                changes={"value": [i, i + 1], "text": [str(i), str(i + 1)]},
                user=users[i % len(users)],
            )
            for i in range(changes)
        ),
        batch_size=2000,
    )
    return sum(m._base_manager.count() for m in load_order())


def run(step: list[str], database_url: str, data_dir: str) -> tuple[float, float, str]:
    """Run a seuranta command; (seconds, peak MB, last line of its output)."""
    env = os.environ | {"DATABASE_URL": database_url, "SEURANTA_DATA_DIR": data_dir}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "seuranta.cli", *step],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status:
        raise SystemExit(f"{' '.join(step)} failed:\n{output}")
    return seconds, usage.ru_maxrss / 1024, output.strip().splitlines()[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--plans", type=int, default=6, help="large plans of about 7,500 rows each")
    parser.add_argument("--changes", type=int, default=50000, help="change-history rows")
    parser.add_argument("--postgres", help="server URL, e.g. postgres://postgres@127.0.0.1:5432/seuranta")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        if args.postgres:
            import dj_database_url
            import psycopg

            base = args.postgres.rsplit("/", 1)[0]
            name = dj_database_url.parse(args.postgres)["NAME"]
            source, target = f"{base}/{name}_bench_source", f"{base}/{name}_bench_restored"
            admin = psycopg.connect(f"{base}/postgres", autocommit=True)
            for url in (source, target):
                admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{url.rsplit("/", 1)[1]}"')
        else:
            source, target = f"sqlite:///{folder}/source.sqlite3", f"sqlite:///{folder}/restored.sqlite3"
        try:
            os.environ |= {"DATABASE_URL": source, "SEURANTA_DATA_DIR": folder}
            started = time.perf_counter()
            rows = populate(args.plans, args.changes)
            print(f"database: {rows} rows ({time.perf_counter() - started:.0f} s to fill)")
            backup = Path(folder) / "seuranta.json.gz"
            failed = False
            for label, step, url in (
                ("backup", ["backup", str(backup)], source),
                ("restore", ["restore", str(backup)], target),
            ):
                seconds, peak, line = run(step, url, folder)
                ok = seconds < LIMIT_SECONDS and peak < LIMIT_MB
                failed |= not ok
                size = f", file {backup.stat().st_size / 1e6:.1f} MB" if label == "backup" else ""
                print(
                    f"{label}: {seconds:.1f} s, peak {peak:.0f} MB{size} {'OK' if ok else 'TOO SLOW OR BIG'}"
                    f"  ({line})"
                )
        finally:
            if args.postgres:
                from django.db import connections

                connections.close_all()
                for url in (source, target):
                    admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
                admin.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
