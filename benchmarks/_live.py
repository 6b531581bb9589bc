"""What the benchmarks against a live server share: a PostgreSQL database of their own, the
server's environment and a free port. (Not a benchmark: `./dev bench` skips names starting "_".)"""

from __future__ import annotations

import socket

SECRET = "benchmark-secret-key-not-for-production-use-0123456789"


def recreate(url: str, *, drop_only: bool = False) -> None:
    """The benchmark's database dropped (and made again, empty, unless `drop_only`)."""
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            admin.execute(f'CREATE DATABASE "{name}"')


def server_environment(url: str, data_dir: str) -> dict[str, str]:
    return {
        "DATABASE_URL": url,
        "SECRET_KEY": SECRET,
        "SEURANTA_DATA_DIR": data_dir,
        "SECURE_COOKIES": "0",  # plain HTTP on this machine, as `seuranta demo`
        "SECURE_HSTS_SECONDS": "0",
        "SEURANTA_TASKS_BACKEND": "django.tasks.backends.dummy.DummyBackend",
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
