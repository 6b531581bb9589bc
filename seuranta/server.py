"""The web server behind `seuranta serve`: gunicorn with one process a CPU on Linux, waitress elsewhere.

A Python process runs one request's Python at a time (the GIL): waitress's threads help only
while a request waits for the database, so a busy site (a reporting deadline's rush) needs
processes. On Linux and macOS `seuranta serve` runs gunicorn with `WEB_WORKERS` processes
(default: the number of CPUs); on Windows, where gunicorn does not run, and for `seuranta demo`,
waitress serves with threads in one process.
"""

from __future__ import annotations

import os
import sys


def thread_count() -> int:
    """WEB_THREADS, or four threads a process: while requests wait for the database, another runs (a
    submission's Python is about as long as its waits for PostgreSQL, so two threads left the process idle)."""
    configured = os.environ.get("WEB_THREADS", "").strip()
    return int(configured) if configured.isdigit() and int(configured) > 0 else 4


def worker_count() -> int:
    """WEB_WORKERS, or one process a CPU (at least one)."""
    configured = os.environ.get("WEB_WORKERS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    if sys.platform == "win32":
        return False
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return False
    return True


def warm_up() -> None:
    """Do before serving what a process otherwise does on its first requests: import every view (the
    URL resolver), compile the templates and load the translation catalogs.

    Run once in the server's main process, before gunicorn forks its workers (the application is
    loaded there), so that every worker starts warm and the first person after a restart does not
    wait for seconds. Touches no database: a connection must not be shared by the forked workers.
    """
    from pathlib import Path

    from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
    from django.urls import get_resolver, reverse
    from django.utils import translation

    from seuranta.core.i18n import gettext as core_gettext

    get_resolver().url_patterns  # noqa: B018 - imports the URL modules and every view
    ours = Path(__file__).resolve().parent
    for engine in engines.all():
        for directory in engine.template_dirs:
            if not Path(directory).resolve().is_relative_to(ours):
                continue  # the admin's and the libraries' pages are rarely the first asked
            for path in sorted(Path(directory).rglob("*.html")):
                try:
                    engine.get_template(path.relative_to(directory).as_posix())
                except (TemplateDoesNotExist, TemplateSyntaxError):
                    continue
    from django.conf import settings

    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Plans")
            reverse("home")  # the resolver's reverse lookups are built once a language
        core_gettext("Plans", code)


def run(application, host: str, port: int, *, processes: bool) -> None:
    """Serve until stopped: gunicorn processes when `processes` and the platform has them, else waitress."""
    if processes and can_fork():
        from django.db import connections

        # A connection opened before the fork (the start-up checks) must not be shared by the processes.
        connections.close_all()
        _gunicorn(application, host, port, worker_count(), thread_count())
        return
    import waitress

    waitress.serve(application, host=host, port=port, threads=8, ident="seuranta")


def _gunicorn(application, host: str, port: int, workers: int, threads: int) -> None:
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)  # gthread workers: kept-alive connections, threads
            self.cfg.set("proc_name", "seuranta")
            self.cfg.set("accesslog", None)

        def load(self):
            return application

    Server().run()
