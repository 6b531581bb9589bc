"""A reporting deadline's rush on PostgreSQL: N people submit their reports through the web form at once.

    .venv/bin/python benchmarks/submission_rush.py [--postgres URL] [--people 32 128] [--entries 2]
        [--actions 1000] [--workers N] [--threads N]

For each number of people: creates a new database (default postgres://postgres@127.0.0.1:5432/
seuranta_rush_bench, dropped at the end), stores a plan of 1,000 actions of three indicators each,
gives each person `--entries` actions as the responsible person, opens a reporting round and signs
each person in (a session in the database, as a login leaves it). Then it starts the production
server, `seuranta serve` (gunicorn, one process a CPU unless --workers, four threads each unless
--threads), and runs one client thread
a person: each opens their reports' pages (the form, its CSRF token and version), all wait for one
another, then each submits their reports through the form's POST, one after the other, over a
kept-alive connection. Afterwards every submission is checked in the database: each entry submitted
once (version 2), each indicator with exactly one actual for the period and one "created" history
record, each node with exactly one progress entry; nothing lost, nothing twice.

Prints submissions per second (from the first POST to the last answer), the latencies, the load
average, the CPU time per submission of the web server's processes, of the PostgreSQL backends serving
them and of this script's own threads (stdlib http.client over kept-alive connections; it shares the
machine with the server), which the machine's other load changes far less than the rate, and, for
`./dev bench`, the rate (higher is better):

    BENCH rush_<N>_people_per_s goal>=200 value=...
    BENCH rush_<N>_people_lost_or_twice goal=0 value=...
"""

from __future__ import annotations

import argparse
import html
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _live import free_port, recreate, server_environment  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/seuranta_rush_bench"
# Submissions per second: the goal is 200/s for 32 people; other sizes are measured against 100/s.
GOAL_RATE = {32: 200.0}
OTHER_GOAL_RATE = 100.0


def setup(people: int, entries: int, actions: int) -> tuple[int, list[tuple[str, list[int]]]]:
    """The plan, the people, the round and the sessions: (round id, [(session key, [entry ids])])."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seuranta.settings")
    django.setup()
    from datetime import date

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from report_large import large_plan

    from seuranta.monitoring.reporting import open_round
    from seuranta.plans.models import Membership, Node, Organization, Plan
    from seuranta.plans.storage import store_plan

    call_command("migrate", verbosity=0)
    organization = Organization.objects.create(name="Testikaupunki")
    plan = store_plan(large_plan(actions), organization=organization, state=Plan.State.PUBLISHED)
    nodes = list(Node.objects.filter(plan=plan, level="Toimenpide").order_by("order", "id"))[
        : people * entries
    ]
    if len(nodes) < people * entries:
        raise SystemExit(f"the plan has {len(nodes)} actions, fewer than {people} x {entries}")
    users = User.objects.bulk_create(User(username=f"vastuu{n:04d}", password="!") for n in range(people))
    Membership.objects.bulk_create(
        Membership(user=u, organization=organization, role=Membership.Role.RESPONSIBLE) for u in users
    )
    through = Node.responsible_users.through
    through.objects.bulk_create(
        through(node_id=n.pk, user_id=users[i // entries].pk) for i, n in enumerate(nodes)
    )
    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore  # as a login leaves the session
    coordinator = User.objects.create(username="koordinaattori", password="!")
    round_ = open_round(
        plan, title="Q1/2026", period="2026-Q1", deadline=date(2099, 4, 15), root=None, user=coordinator
    )
    by_node = dict(round_.entries.values_list("node_id", "pk"))
    sessions = []
    for i, user in enumerate(users):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        mine = [by_node[n.pk] for n in nodes[i * entries : (i + 1) * entries]]
        sessions.append((session.session_key, mine))
    return round_.pk, sessions


def _stat_fields(pid: int) -> list[str] | None:
    """/proc/<pid>/stat's fields after the command name (state first), or None when the process is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def cpu_seconds(pids) -> dict[int, float]:
    """User and system CPU seconds each process has used so far (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for pid in pids:
        fields = _stat_fields(pid)
        if fields is not None:
            found[pid] = (int(fields[11]) + int(fields[12])) / ticks
    return found


def process_group(pgid: int) -> list[int]:
    """The processes of a process group: the server's master and its workers."""
    pids = [int(name) for name in os.listdir("/proc") if name.isdigit()]
    return [pid for pid in pids if (fields := _stat_fields(pid)) is not None and int(fields[2]) == pgid]


def database_backends(url: str) -> list[int]:
    """The PostgreSQL server processes that serve the benchmark's database (the web server's connections)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        query = (
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return [pid for (pid,) in connection.execute(query)]


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds used between two readings (a process new since the first counts whole)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def start_server(
    port: int, env: dict[str, str], workers: int | None, threads: int | None
) -> subprocess.Popen:
    environment = {**os.environ, **env}
    environment |= {"WEB_WORKERS": str(workers)} if workers else {}
    environment |= {"WEB_THREADS": str(threads)} if threads else {}
    command = [sys.executable, "-m", "seuranta.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen([*command, "--no-worker"], env=environment, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


FIELD = re.compile(r"<(input|select)\b([^>]*)>", re.IGNORECASE)
OPTION = re.compile(r'<option value="([^"]+)"')


def _attribute(attrs: str, name: str) -> str | None:
    found = re.search(rf'\b{name}="([^"]*)"', attrs)
    return html.unescape(found.group(1)) if found else None


def form_data(page: str, n: int) -> dict[str, str]:
    """The report as a person fills it in: every value field a number (confirmed) or the scale's first
    state, a progress text; the form's version and CSRF token as the page gave them."""
    data = {"text": f"Toimenpide etenee suunnitellusti, raportti {n}.", "phase": "in_progress", "submit": "1"}
    for match in FIELD.finditer(page):
        kind, attrs = match.group(1).lower(), match.group(2)
        name = _attribute(attrs, "name") or ""
        if name in ("csrfmiddlewaretoken", "version"):
            data[name] = _attribute(attrs, "value") or ""
        elif name.startswith("value_") and kind == "input":
            data[name] = f"{60 + n % 20},5"
            data[f"confirm_{name}"] = "on"
        elif name.startswith("value_"):
            options = OPTION.findall(page[match.end() : page.find("</select>", match.end())])
            data[name] = options[0] if options else ""
    return data


@dataclass
class Person:
    session: str
    entries: list[int]
    forms: dict[int, bytes] = field(
        default_factory=dict
    )  # entry id -> the POST's body, built before the rush
    cookies: dict[str, str] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def headers(self) -> dict[str, str]:
        cookies = {"sessionid": self.session, **self.cookies}
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), "Host": "127.0.0.1"}

    def remember(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name.strip() == "csrftoken":
                self.cookies["csrftoken"] = rest.split(";", 1)[0]


def url_of(entry_id: int) -> str:
    return f"/seuranta/vastaukset/{entry_id}/"


def open_forms(person: Person, port: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for n, entry_id in enumerate(person.entries):
        connection.request("GET", url_of(entry_id), headers=person.headers())
        response = connection.getresponse()
        page = response.read().decode()
        person.remember(response)
        if response.status != 200:
            person.failures.append(f"GET {entry_id}: {response.status}")
            continue
        person.forms[entry_id] = urlencode(form_data(page, n)).encode()
    connection.close()


def submit_all(person: Person, port: int, start: threading.Barrier) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    headers = {**person.headers(), "Content-Type": "application/x-www-form-urlencoded"}
    posts = [(url_of(entry_id), body) for entry_id, body in person.forms.items()]  # before the clock starts
    start.wait()
    for url, body in posts:
        started = time.perf_counter()
        connection.request("POST", url, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        person.latencies.append(time.perf_counter() - started)
        if response.status != 302:
            person.failures.append(f"POST {url}: {response.status}")
    connection.close()


def in_threads(target, people: list[Person], *args) -> None:
    threads = [threading.Thread(target=target, args=(p, *args)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def verify(round_id: int) -> list[str]:
    """What is wrong in the database after the rush: entries not submitted once, actuals, progress or
    history lost or twice."""
    from django.db.models import Count

    from seuranta.monitoring.models import RoundEntry
    from seuranta.plans.models import ChangeRecord, Indicator, Measure, ProgressEntry

    problems = []
    entries = list(RoundEntry.objects.filter(round_id=round_id, node__responsible_users__isnull=False))
    nodes = [e.node_id for e in entries]
    not_once = [e.pk for e in entries if (e.state, e.version) != (RoundEntry.State.SUBMITTED, 2)]
    if not_once:
        problems.append(f"{len(not_once)} entries not submitted exactly once: {not_once[:5]}")
    indicators = set(Indicator.objects.filter(node_id__in=nodes).values_list("pk", flat=True))
    actuals = dict(
        Measure.objects.filter(indicator_id__in=indicators, role="actual", period="2026-Q1")
        .values("indicator_id")
        .annotate(n=Count("id"))
        .values_list("indicator_id", "n")
    )
    wrong = {i: actuals.get(i, 0) for i in indicators if actuals.get(i, 0) != 1}
    if wrong:
        problems.append(f"{len(wrong)} indicators without exactly one actual: {list(wrong.items())[:5]}")
    created = ChangeRecord.objects.filter(object_type="measure", action="created", node_id__in=nodes).count()
    if created != len(indicators):
        problems.append(f"{created} history records of created actuals for {len(indicators)} indicators")
    progress = dict(
        ProgressEntry.objects.filter(node_id__in=nodes, period="2026-Q1")
        .values("node_id")
        .annotate(n=Count("id"))
        .values_list("node_id", "n")
    )
    wrong_progress = [n for n in nodes if progress.get(n, 0) != 1]
    if wrong_progress:
        problems.append(f"{len(wrong_progress)} nodes without exactly one progress entry")
    return problems


def rush(url: str, people: int, entries: int, actions: int, workers: int | None, threads: int | None) -> dict:
    data_dir = tempfile.mkdtemp(prefix="seuranta-rush-")
    env = server_environment(url, data_dir)
    os.environ.update(env)
    recreate(url)
    server = None
    try:
        round_id, sessions = setup(people, entries, actions)
        from django.db import connections

        connections.close_all()
        port = free_port()
        server = start_server(port, env, workers, threads)
        persons = [Person(session, mine) for session, mine in sessions]
        in_threads(open_forms, persons, port)
        start = threading.Barrier(len(persons) + 1)
        threads = [threading.Thread(target=submit_all, args=(p, port, start)) for p in persons]
        for t in threads:
            t.start()
        load_before = os.getloadavg()
        server_pids, backend_pids = process_group(server.pid), database_backends(url)
        server_cpu, backend_cpu = cpu_seconds(server_pids), cpu_seconds(backend_pids)
        start.wait()
        began, client_began = time.perf_counter(), time.process_time()
        for t in threads:
            t.join()
        seconds, client_cpu = time.perf_counter() - began, time.process_time() - client_began
        load_after = os.getloadavg()
        cpu = {
            "server": cpu_used(server_cpu, cpu_seconds(process_group(server.pid))),
            "database": cpu_used(backend_cpu, cpu_seconds(database_backends(url))),
            "client": client_cpu,
        }
        failures = [f for p in persons for f in p.failures]
        problems = verify(round_id) + failures[:10]
        latencies = sorted(x for p in persons for x in p.latencies)
        return {
            "submissions": len(latencies),
            "seconds": seconds,
            "latencies": latencies,
            "problems": problems,
            "lost_or_twice": len(problems),
            "load": (load_before, load_after),
            "cpu": cpu,
        }
    finally:
        if server is not None:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        recreate(url, drop_only=True)


def print_cpu(cpu: dict[str, float], count: int, seconds: float) -> None:
    """CPU time per submission of the web server, the database and this load generator: the figures the
    machine's other load does not change much (the rate and latencies it does)."""
    per = {name: used * 1000 / count if count else 0.0 for name, used in cpu.items()}
    capacity = seconds * (os.cpu_count() or 1)
    print(
        f"  CPU per submission: web server {per['server']:.1f} ms, database {per['database']:.1f} ms, "
        f"this load generator {per['client']:.1f} ms ({100 * cpu['client'] / capacity if capacity else 0:.0f} % "
        f"of the machine's CPU time during the rush; the three together "
        f"{100 * sum(cpu.values()) / capacity if capacity else 0:.0f} %)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=DEFAULT_URL)
    parser.add_argument("--people", type=int, nargs="+", default=[32, 128])
    parser.add_argument("--entries", type=int, default=2, help="reports each person submits")
    parser.add_argument("--actions", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=None, help="server processes (default: one a CPU)")
    parser.add_argument("--threads", type=int, default=None, help="threads a server process (default: 4)")
    args = parser.parse_args(argv)
    failed = False
    for people in args.people:
        result = rush(args.postgres, people, args.entries, args.actions, args.workers, args.threads)
        count, seconds, latencies = result["submissions"], result["seconds"], result["latencies"]
        rate = count / seconds if seconds else 0.0
        p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))] if latencies else 0.0
        before, after = result["load"]
        print(
            f"{people} people, {count} submissions in {seconds:.2f} s = {rate:.0f} submissions/s; "
            f"latency median {statistics.median(latencies) * 1000 if latencies else 0:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms; load average {before[0]:.2f} before, {after[0]:.2f} after"
        )
        print_cpu(result["cpu"], count, seconds)
        for problem in result["problems"]:
            print(f"  PROBLEM: {problem}")
        goal = GOAL_RATE.get(people, OTHER_GOAL_RATE)
        print(f"BENCH rush_{people}_people_per_s goal>={goal:g} value={rate:.1f}")
        print(f"BENCH rush_{people}_people_lost_or_twice goal=0 value={result['lost_or_twice']}")
        failed |= bool(result["problems"])
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
