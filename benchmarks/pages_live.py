"""Page speed against a live server on PostgreSQL, for a plan of 1,000 actions and 3,000 indicators.

    .venv/bin/python benchmarks/pages_live.py [--postgres URL] [--requests 60] [--actions 1000]
        [--only plan node ...]

Creates a database (default postgres://postgres@127.0.0.1:5432/seuranta_pages_bench, dropped at the
end) with the plan, a coordinator signed in and a reporting round over the plan's 1,000 actions,
starts the production server (`seuranta serve`: gunicorn, one process a CPU) and asks:

- the home page once, the first request after the server started (its latency, and the time from
  starting the process to the answer); then again after a restart of the server, the cache kept;
- each page `--requests` times one after another over a kept-alive connection, after one request
  that fills the caches (reported separately as "first"): p50 and p95.

    BENCH page_<name>_p95_s goal=... value=...

The machine's load average is printed beside the figures: on a shared machine they are noisy.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _live import free_port, recreate, server_environment  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/seuranta_pages_bench"
GOALS = {
    "plan": 0.100,
    "plan_anonymous": 0.100,
    "node": 0.050,
    "api_plan": 0.100,
    "api_statuses": 0.100,
    "round": 0.100,
    "home": 0.200,
}
HOME_FIRST_GOAL = 0.200


def setup(actions: int) -> tuple[str, dict[str, str]]:
    """The plan, a coordinator's session and a round over every action: (session key, {page: path})."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seuranta.settings")
    django.setup()
    from datetime import date

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.urls import reverse
    from report_large import large_plan

    from seuranta.monitoring.reporting import open_round
    from seuranta.plans.models import Membership, Node, Organization, Plan
    from seuranta.plans.storage import store_plan

    call_command("migrate", verbosity=0)
    organization = Organization.objects.create(name="Testikaupunki")
    plan = store_plan(large_plan(actions), organization=organization, state=Plan.State.PUBLISHED)
    coordinator = User.objects.create(username="koordinaattori", password="!")
    Membership.objects.create(user=coordinator, organization=organization, role=Membership.Role.COORDINATOR)
    round_ = open_round(
        plan, title="Q1/2026", period="2026-Q1", deadline=date(2099, 4, 15), root=None, user=coordinator
    )
    action = Node.objects.filter(plan=plan, children__isnull=True).order_by("order", "id").first()
    session = SessionStore()
    session[SESSION_KEY] = str(coordinator.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = coordinator.get_session_auth_hash()
    session.create()
    paths = {
        "plan": reverse("plan", args=[plan.pk]),
        "plan_anonymous": reverse("plan", args=[plan.pk]),
        "node": reverse("node", args=[action.pk]),
        "api_plan": reverse("api:plan", args=[plan.pk]),
        "api_statuses": reverse("api:statuses", args=[plan.pk]),
        "round": reverse("monitoring:round", args=[round_.pk]),
        "home": reverse("home"),
    }
    return session.session_key, paths


def start_server(port: int, env: dict[str, str]) -> tuple[subprocess.Popen, float]:
    """The server's process and the moment it was started (time.perf_counter)."""
    command = [sys.executable, "-m", "seuranta.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    # As installed for production, the server may keep its compiled bytecode (__pycache__) between starts.
    environment = {k: v for k, v in {**os.environ, **env}.items() if k != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    server = subprocess.Popen([*command, "--no-worker"], env=environment, cwd=ROOT, start_new_session=True)
    return server, started


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, 15)
    server.wait(timeout=30)


def ask(connection: http.client.HTTPConnection, path: str, session: str | None) -> float:
    headers = {"Host": "127.0.0.1", **({"Cookie": f"sessionid={session}"} if session else {})}
    began = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    took = time.perf_counter() - began
    if response.status != 200:
        raise SystemExit(f"GET {path}: {response.status}")
    return took


def first_answer(port: int, path: str, session: str, started: float) -> tuple[float, float]:
    """(the first request's latency once the server accepts connections, seconds from process start)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            connection.connect()
            break
        except OSError:
            time.sleep(0.05)
    else:
        raise SystemExit("the server did not start")
    took = ask(connection, path, session)
    connection.close()
    return took, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def load() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def measure(port: int, paths: dict[str, str], session: str, requests: int) -> dict[str, tuple]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    results = {}
    for name, path in paths.items():
        who = None if name.endswith("anonymous") else session
        first = ask(connection, path, who)
        times = [ask(connection, path, who) for _ in range(requests)]
        results[name] = (first, statistics.median(times), percentile(times, 0.95), load())
    connection.close()
    return results


def run(url: str, actions: int, requests: int, only: list[str] | None) -> int:
    env = server_environment(url, tempfile.mkdtemp(prefix="seuranta-pages-"))
    os.environ.update(env)
    recreate(url)
    failed = False
    try:
        session, paths = setup(actions)
        from django.db import connections

        connections.close_all()
        if only:
            paths = {k: v for k, v in paths.items() if k in only}
        port = free_port()
        for label in ("cold cache", "cache kept"):
            server, started = start_server(port, env)
            try:
                took, since_start = first_answer(port, paths.get("home", "/"), session, started)
                print(
                    f"home, first request after start ({label}): {took * 1000:.0f} ms, "
                    f"{since_start * 1000:.0f} ms from process start; load {load()}"
                )
                if label == "cache kept":
                    failed |= took > HOME_FIRST_GOAL
                    print(f"BENCH page_home_first_s goal={HOME_FIRST_GOAL} value={took:.4f}")
                else:
                    results = measure(port, paths, session, requests)
            finally:
                stop_server(server)
        for name, (first, p50, p95, at) in results.items():
            print(
                f"{name}: first {first * 1000:.0f} ms, then p50 {p50 * 1000:.0f} ms, "
                f"p95 {p95 * 1000:.0f} ms over {requests}; load {at}"
            )
            print(f"BENCH page_{name}_p95_s goal={GOALS[name]} value={p95:.4f}")
            failed |= p95 > GOALS[name]
    finally:
        from django.db import connections

        connections.close_all()
        recreate(url, drop_only=True)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=DEFAULT_URL)
    parser.add_argument("--actions", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--only", nargs="+", choices=sorted(GOALS), help="pages to ask")
    args = parser.parse_args(argv)
    return run(args.postgres, args.actions, args.requests, args.only)


if __name__ == "__main__":
    raise SystemExit(main())
