"""Where a submission's time goes: the rush's setup, then submissions through the production WSGI
application (no test client, no HTTP), on PostgreSQL (not a row of `./dev bench`: a tool for finding what
limits the rush).

    .venv/bin/python benchmarks/_profile_submission.py [--postgres URL] [--people 150]

Prints the queries of one submission through the form; the CPU time per submission of this process (the
Django side) and of its PostgreSQL backend, without the profiler; the number of Python function calls per
submission, which, unlike CPU time, the machine's other load does not change (compare it before and after a
change on a busy machine); and a profile of CPU time (not of waiting for the database) by cumulative and by
own time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import submission_rush as rush  # noqa: E402
from _live import recreate, server_environment  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/seuranta_rush_profile"


def wsgi_call(app, method: str, path: str, cookie: str, body: bytes = b"") -> tuple[str, list, bytes]:
    """One request to the WSGI application as a server would make it: (status, headers, body)."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_COOKIE": cookie,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if body:
        environ |= {"CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": str(len(body))}
    started: list = []
    content = b"".join(app(environ, lambda status, headers, exc_info=None: started.append((status, headers))))
    return started[0][0], started[0][1], content


def prepared_submissions(app, sessions) -> list[tuple[str, str, bytes]]:
    """(URL, cookie, body) of each person's report, from the form page as a browser gets it."""
    submissions = []
    for key, entries in sessions:
        person = rush.Person(key, entries)
        _status, headers, page = wsgi_call(app, "GET", rush.url_of(entries[0]), f"sessionid={key}")
        for name, value in headers:
            if name == "Set-Cookie" and value.startswith("csrftoken="):
                person.cookies["csrftoken"] = value.split(";", 1)[0].split("=", 1)[1]
        cookie = person.headers()["Cookie"]
        body = urlencode(rush.form_data(page.decode(), 1)).encode()
        submissions.append((rush.url_of(entries[0]), cookie, body))
    return submissions


def backend_cpu(pid: int) -> float:
    return rush.cpu_seconds([pid]).get(pid, 0.0)


def submit(app, submissions) -> None:
    for url, cookie, body in submissions:
        status, _headers, _content = wsgi_call(app, "POST", url, cookie, body)
        assert status.startswith("302"), status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=DEFAULT_URL)
    parser.add_argument("--people", type=int, default=150)
    args = parser.parse_args()
    os.environ.update(server_environment(args.postgres, tempfile.mkdtemp(prefix="seuranta-profile-")))
    recreate(args.postgres)
    try:
        _round_id, sessions = rush.setup(args.people, 1, args.people)
        from django.core.wsgi import get_wsgi_application
        from django.db import connection, connections

        from seuranta.server import warm_up

        connections.close_all()
        app = get_wsgi_application()
        warm_up()  # as the server does before its first request
        submissions = prepared_submissions(app, sessions)
        queries: list[str] = []

        def counted(execute, sql, params, many, context):  # the request resets Django's own query log
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            submit(app, submissions[:1])
        print(f"{len(queries)} queries in one submission:", *(f"  {q[:120]}" for q in queries), sep="\n")
        submit(app, submissions[1:10])  # every prepared read built, every code path warm
        backend = connection.cursor().connection.info.backend_pid
        third = len(submissions) // 3
        timed = submissions[10 : 10 + third]
        cpu, database = time.process_time(), backend_cpu(backend)
        submit(app, timed)
        cpu, database = time.process_time() - cpu, backend_cpu(backend) - database
        print(
            f"CPU per submission (without the profiler): Django {cpu / len(timed) * 1000:.1f} ms, "
            f"PostgreSQL {database / len(timed) * 1000:.1f} ms; load average {os.getloadavg()[0]:.2f}"
        )
        profile = cProfile.Profile(
            time.process_time
        )  # CPU time: waiting for the database is not the cost here
        profiled = submissions[10 + third :]
        profile.enable()
        submit(app, profiled)
        profile.disable()
        stats = pstats.Stats(profile)
        print(f"Python function calls per submission: {stats.total_calls / len(profiled):.0f}")  # type: ignore[attr-defined]
        stats.sort_stats("cumulative").print_stats(50)
        stats.sort_stats("tottime").print_stats(25)
    finally:
        from django.db import connections

        connections.close_all()
        recreate(args.postgres, drop_only=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
