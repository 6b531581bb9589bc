"""Where a submission's time goes: the rush's setup, then submissions through Django's test client under
cProfile, on PostgreSQL (not a row of `./dev bench`: a tool for finding what limits the rush).

    .venv/bin/python benchmarks/_profile_submission.py [--postgres URL] [--people 40]

Prints the queries of one submission through the form, the CPU time per submission without the profiler,
and a profile of CPU time (not of waiting for the database) by cumulative and by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import submission_rush as rush  # noqa: E402
from _live import recreate, server_environment  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/seuranta_rush_profile"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=DEFAULT_URL)
    parser.add_argument("--people", type=int, default=40)
    args = parser.parse_args()
    os.environ.update(server_environment(args.postgres, tempfile.mkdtemp(prefix="seuranta-profile-")))
    recreate(args.postgres)
    try:
        _round_id, sessions = rush.setup(args.people, 1, 100)
        from django.db import connection
        from django.test import Client

        people = []
        for key, entries in sessions:
            client = Client()
            client.cookies["sessionid"] = key
            page = client.get(rush.url_of(entries[0])).content.decode()
            people.append((client, entries[0], rush.form_data(page, 1)))
        client, entry, data = people[0]
        queries: list[str] = []

        def counted(execute, sql, params, many, context):  # the request resets Django's own query log
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            assert client.post(rush.url_of(entry), data).status_code == 302
        print(f"{len(queries)} queries in one submission:", *(f"  {q[:120]}" for q in queries), sep="\n")
        half = len(people) // 2
        cpu = time.process_time()
        for client, entry, data in people[1:half]:
            assert client.post(rush.url_of(entry), data).status_code == 302
        print(
            f"CPU per submission {(time.process_time() - cpu) / (half - 1) * 1000:.1f} ms (without the profiler)"
        )
        profile = cProfile.Profile(
            time.process_time
        )  # CPU time: waiting for the database is not the cost here
        profile.enable()
        for client, entry, data in people[half:]:
            assert client.post(rush.url_of(entry), data).status_code == 302
        profile.disable()
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(50)
        stats.sort_stats("tottime").print_stats(25)
    finally:
        from django.db import connections

        connections.close_all()
        recreate(args.postgres, drop_only=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
