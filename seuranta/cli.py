"""The `seuranta` command: everything a person does from the shell.

Commands that touch the database take it from DATABASE_URL (default: a SQLite
file in the user's data directory) and create and migrate it as needed.
`parse` and `status` work on files alone and need no database.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A failure to report to the user as one sentence, without a traceback."""


def _lang() -> str:
    lang = os.environ.get("SEURANTA_LANG") or os.environ.get("LANG", "fi")
    return lang[:2] if lang[:2] in ("fi", "sv", "en") else "fi"


def setup_django(*, migrate: bool = True, db_path: str | None = None) -> None:
    """Configure Django for a CLI command, creating and migrating the database if needed."""
    if db_path:
        path = Path(db_path).expanduser().resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seuranta.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and database["NAME"] not in ("", ":memory:"):
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    if migrate:
        migrate_if_needed()


def migrate_if_needed() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)


def _plan_by_id(plan_id: str):
    from seuranta.plans.models import Plan

    try:
        return Plan.objects.select_related("organization").get(pk=int(plan_id))
    except (ValueError, Plan.DoesNotExist):
        raise CommandError(f"Suunnitelmaa {plan_id} ei ole; `seuranta plans` listaa suunnitelmat.") from None


def cmd_plans(args: argparse.Namespace) -> int:
    setup_django()
    from seuranta.plans.models import Plan

    plans = Plan.objects.select_related("organization").order_by("pk")
    if not plans:
        print("Ei suunnitelmia. Tuo suunnitelma: seuranta import TIEDOSTO")
    for plan in plans:
        org = plan.organization.name if plan.organization else "–"
        print(f"{plan.pk}\t{plan.get_state_display()}\t{org}\t{plan.title or '(nimetön)'}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    setup_django()
    from seuranta.core.interchange import dump_plan
    from seuranta.plans.storage import load_core_plan

    text = dump_plan(load_core_plan(_plan_by_id(args.plan)), with_ids=args.with_ids)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _parse_to_plan(path: Path):
    """Parse any supported file into a core plan, printing the importer's doubts to stderr.

    The parse runs in a child process within SEURANTA_IMPORT_TIMEOUT seconds and
    SEURANTA_IMPORT_MEMORY_MB, as uploads in the web app do.
    """
    from seuranta.core.model import Plan
    from seuranta.importing.bounded import MEMORY, TIME, limits_from_environment, parse_bounded

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"Tiedostoa {path.name} ei voi lukea: {exc.strerror}.") from None
    timeout, memory_mb = limits_from_environment()
    outcome = parse_bounded(data, path.name, timeout=timeout, memory_mb=memory_mb, lang=_lang())
    if outcome.limit == TIME:
        raise CommandError(
            f"Tiedoston {path.name} lukeminen kesti liian kauan (yli {timeout:g} sekuntia), ja se "
            "keskeytettiin (SEURANTA_IMPORT_TIMEOUT)."
        )
    if outcome.limit == MEMORY:
        raise CommandError(
            f"Tiedoston {path.name} lukeminen vaati enemmän muistia kuin sallittu ({memory_mb} Mt), "
            "ja se keskeytettiin (SEURANTA_IMPORT_MEMORY_MB)."
        )
    if outcome.limit:
        raise CommandError(f"Tiedostoa {path.name} ei voitu lukea.")
    if outcome.problem:
        raise CommandError(outcome.problem)
    for warning in outcome.warnings:
        where = " > ".join(warning["path"])
        if warning["indicator"]:
            where = f"{where} > {warning['indicator']}" if where else warning["indicator"]
        print(f"varoitus: {where + ': ' if where else ''}{warning['message']}", file=sys.stderr)
    if outcome.plan is None:
        raise CommandError(f"Tiedostosta {path.name} ei löytynyt suunnitelmaa.")
    return Plan.from_dict(outcome.plan)


def cmd_parse(args: argparse.Namespace) -> int:
    from seuranta.core.interchange import dump_plan

    sys.stdout.write(dump_plan(_parse_to_plan(Path(args.file))))
    return EXIT_OK


def _read_json_plan(path: Path):
    from seuranta.core.interchange import InvalidDocument, load_plan

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"Tiedostoa {path} ei voi lukea: {exc.strerror}.") from None
    try:
        return load_plan(data)
    except InvalidDocument as exc:
        lines = "\n".join(f"  {m}" for m in exc.messages(_lang()))
        raise CommandError(
            f"{path.name} ei ole kelvollinen seuranta-plan/1-asiakirja; mitään ei tallennettu:\n{lines}"
        ) from None


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.exists():
        raise CommandError(f"Tiedostoa {path} ei ole.")
    plan = _read_json_plan(path) if path.suffix.lower() == ".json" else _parse_to_plan(path)
    setup_django()
    from seuranta.core.interchange import FIELD_LIMITS, InvalidDocument
    from seuranta.plans.models import Organization
    from seuranta.plans.storage import store_plan

    organization = None
    if args.organization:
        if len(args.organization) > FIELD_LIMITS["plan.organization"]:
            raise CommandError(
                f"Organisaation nimi on liian pitkä (enintään {FIELD_LIMITS['plan.organization']} "
                "merkkiä): --organization"
            )
        organization, _ = Organization.objects.get_or_create(name=args.organization)
    try:
        stored = store_plan(plan, organization=organization, state=args.state, create_units=args.create_units)
    except InvalidDocument as exc:
        lines = "\n".join(f"  {m}" for m in exc.messages(_lang()))
        raise CommandError(
            f"{path.name}: tietokanta ei voi tallentaa suunnitelmaa; mitään ei tallennettu:\n{lines}"
        ) from None
    print(stored.pk)
    return EXIT_OK


def _evaluation_date(text: str | None) -> date:
    """The --on date, today when not given."""
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Päivämäärä {text} ei ole muotoa VVVV-KK-PP.") from None


def cmd_status(args: argparse.Namespace) -> int:
    from seuranta.core.evaluation import status_document

    on = _evaluation_date(args.on)
    plan = _read_json_plan(Path(args.file))
    print(json.dumps(status_document(plan, on, lang=args.lang or _lang()), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """Write a plan's report (a stored plan by id, or a seuranta-plan/1 JSON file) as DOCX, PDF, XLSX or HTML."""
    from seuranta.core.reports import render, report_for
    from seuranta.core.reports.model import ReportOptions

    source = Path(args.plan)
    if source.suffix.lower() == ".json" and source.exists():
        if args.round:
            raise CommandError("Raportointikierros (--round) vaatii tallennetun suunnitelman tunnisteen.")
        options = ReportOptions(
            on=_evaluation_date(args.on), lang=args.lang, variant=args.variant, unit=args.unit
        )
        data = render(report_for(_read_json_plan(source), options), args.format)
    else:
        setup_django()
        from seuranta.reports.building import ReportRequestError, parse_request, render_for

        try:
            request = parse_request(args.format, args.variant, args.lang, args.on, args.unit, args.round)
            data, _, _ = render_for(_plan_by_id(args.plan), request)
        except ReportRequestError as exc:
            raise CommandError(str(exc)) from None
    Path(args.output).write_bytes(data)
    print(args.output)
    return EXIT_OK


def cmd_template(args: argparse.Namespace) -> int:
    from seuranta.core.parsing.xlsx_template import build_template

    Path(args.output).write_bytes(build_template())
    print(args.output)
    return EXIT_OK


DEMO_PASSWORDS_REFUSED = (
    "Tietokannassa on demokäyttäjiä julkisilla salasanoilla ({users}); Seuranta ei palvele sitä ilman "
    "valitsinta --demo. Vaihda salasanat (seuranta manage changepassword KÄYTTÄJÄ) tai poista käyttäjät, "
    "tai anna --demo, jos tämä on vain demo. / The database has demo users with published passwords: change "
    "them or pass --demo."
)


def cmd_serve(args: argparse.Namespace) -> int:
    setup_django(db_path=getattr(args, "db", None))
    from seuranta.demo import demo_users_with_published_passwords

    if not args.demo and (users := demo_users_with_published_passwords()):
        raise CommandError(DEMO_PASSWORDS_REFUSED.format(users=", ".join(users)))
    serve(args.host, args.port, worker=not args.no_worker, processes=not args.demo)
    return EXIT_OK


def serve(host: str, port: int, *, worker: bool = True, processes: bool = False) -> None:
    """Serve the web app; with `worker`, also run the background task worker (reminder emails).

    With `processes`, one app process a CPU where the platform allows (seuranta.server)."""
    import signal
    import subprocess

    from django.conf import settings

    from seuranta.server import run, warm_up
    from seuranta.wsgi import application

    warm_up()
    # A service manager stops us with SIGTERM: exit normally so the worker is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    worker_process = None
    if worker and settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
        # The worker inherits DATABASE_URL and SEURANTA_DATA_DIR from this process.
        worker_process = subprocess.Popen([sys.executable, "-m", "seuranta.cli", "manage", "db_worker"])
    print(f"Seuranta: http://{host}:{port}/  (lopeta Ctrl+C)", flush=True)
    try:
        run(application, host, port, processes=processes)
    finally:
        if worker_process is not None:
            worker_process.terminate()
            worker_process.wait(timeout=10)


def cmd_demo(args: argparse.Namespace) -> int:
    db_path = args.db
    # The demo is served over plain HTTP on this machine: cookies that need HTTPS would make login impossible.
    os.environ.setdefault("SECURE_COOKIES", "0")
    os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
    if not db_path and not os.environ.get("DATABASE_URL"):
        # Not via seuranta.settings: importing it now would fix the database before we choose it.
        from seuranta.paths import data_dir

        db_path = str(data_dir() / "demo.sqlite3")
    setup_django(db_path=db_path)
    from seuranta.demo import load_demo

    summary = load_demo()
    print(summary)
    if not args.no_serve:
        serve(args.host, args.port, worker=not args.no_worker)
    return EXIT_OK


def _print_counts(counts, verb: str, path: str) -> None:
    from django.apps import apps

    print(f"{verb} {sum(counts.values())} riviä: {path}")
    for label, rows in counts.items():
        model = apps.get_model(label)
        print(f"  {rows:8}  {model._meta.verbose_name_plural} ({label})")


def cmd_backup(args: argparse.Namespace) -> int:
    if args.db and not Path(args.db).exists():
        raise CommandError(f"Tietokantatiedostoa {args.db} ei ole.")
    setup_django(migrate=False, db_path=args.db)
    from seuranta.backup import BackupError, write_backup

    try:
        counts = write_backup(Path(args.file))
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"Tiedostoon {args.file} ei voi kirjoittaa: {exc.strerror}.") from None
    if not args.quiet:
        _print_counts(counts, "Varmuuskopioitiin", args.file)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    setup_django(migrate=False, db_path=args.db)
    from seuranta.backup import BackupError, read_header, restore_backup

    try:
        header = read_header(Path(args.file))
        counts = restore_backup(Path(args.file))
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    print(
        f"Varmuuskopio {header.get('created_at', '?')} (Seuranta {header.get('seuranta', '?')}, "
        f"{header.get('database', '?')})"
    )
    _print_counts(counts, "Palautettiin", args.file)
    return EXIT_OK


def cmd_manage(args: argparse.Namespace) -> int:
    setup_django(migrate=False)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["seuranta manage", *args.rest])
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seuranta",
        description="Seuranta: kunnan strategioiden ja toiminnallisten tavoitteiden suunnittelu, seuranta ja "
        "raportointi.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_plan_commands(sub)
    _add_report_commands(sub)
    _add_server_commands(sub)
    _add_database_commands(sub)
    return parser


def _add_plan_commands(sub) -> None:
    """plans, import, export, parse, status."""
    p = sub.add_parser("plans", help="list stored plans with their ids")
    p.set_defaults(func=cmd_plans)

    p = sub.add_parser(
        "import",
        help="store a plan: seuranta-plan/1 JSON, or a document (txt, pdf, docx, xlsx) parsed into a draft",
    )
    p.add_argument("file")
    p.add_argument("--organization", help="owning organisation (default: the one the document names)")
    p.add_argument("--state", choices=["draft", "published", "archived"], default="draft")
    p.add_argument(
        "--create-units", action="store_true", help="add the units the document names to the unit tree"
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="write a stored plan as seuranta-plan/1 JSON")
    p.add_argument("plan", help="plan id (see `seuranta plans`)")
    p.add_argument("--format", choices=["json"], default="json")
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    p.add_argument(
        "--with-ids", action="store_true", help='give the plan, each node and each indicator its stored "id"'
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("parse", help="parse a document (txt, pdf, docx, xlsx) and print the plan")
    p.add_argument("file")
    p.add_argument("--format", choices=["json"], default="json")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("status", help="evaluate every indicator and node of a seuranta-plan/1 file")
    p.add_argument("file")
    p.add_argument("--on", help="evaluation date YYYY-MM-DD (default: today)")
    p.add_argument("--lang", choices=["fi", "sv", "en"])
    p.set_defaults(func=cmd_status)


def _add_report_commands(sub) -> None:
    """report, template."""
    p = sub.add_parser("report", help="write a plan's report (council progress report or annual report)")
    p.add_argument("plan", help="plan id (see `seuranta plans`) or a seuranta-plan/1 JSON file")
    p.add_argument("--round", help="reporting round id: report as of the round (its closing snapshot date)")
    p.add_argument("--unit", help="only this unit's part of the plan")
    p.add_argument("--on", help="report date YYYY-MM-DD (default: today)")
    p.add_argument("--variant", choices=["council", "annual"], default="council")
    p.add_argument("--lang", choices=["fi", "sv", "en"], default="fi")
    p.add_argument("--format", choices=["docx", "pdf", "xlsx", "html"], required=True)
    p.add_argument("-o", "--output", required=True, help="file to write")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("template", help="write the XLSX import template")
    p.add_argument("-o", "--output", default="seuranta-tuontipohja.xlsx")
    p.set_defaults(func=cmd_template)


def _add_server_commands(sub) -> None:
    """demo, serve."""
    p = sub.add_parser(
        "demo", help="create a demo database with the corpus plans and demo users, and serve it"
    )
    p.add_argument("--db", help="SQLite file (default: demo.sqlite3 in the data directory)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--no-serve", action="store_true", help="load the demo data and exit")
    p.add_argument("--no-worker", action="store_true", help="do not start the background task worker")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("serve", help="serve the web app on an existing database")
    p.add_argument("--db", help="SQLite file (default: DATABASE_URL or the data directory)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument(
        "--no-worker",
        action="store_true",
        help="do not start the background task worker (run `seuranta manage db_worker` elsewhere)",
    )
    p.add_argument(
        "--demo",
        action="store_true",
        help="serve even though the demo users still have their published passwords (demo use only)",
    )
    p.set_defaults(func=cmd_serve)


def _add_database_commands(sub) -> None:
    """backup, restore, manage."""
    p = sub.add_parser(
        "backup",
        help="write the whole database (users, plans, rounds, history...) to one JSON "
        "file, gzip'd when FILE ends in .gz",
    )
    p.add_argument("file")
    p.add_argument("--db", help="SQLite file (default: DATABASE_URL or the data directory)")
    p.add_argument(
        "-q", "--quiet", action="store_true", help="print nothing unless something goes wrong (cron)"
    )
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="load a backup into a new, empty database")
    p.add_argument("file")
    p.add_argument("--db", help="SQLite file (default: DATABASE_URL or the data directory)")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("manage", help="run a Django management command (migrate, createsuperuser, ...)")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_manage)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except CommandError as exc:
        print(f"seuranta: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:
        if type(exc).__module__.startswith(("django.db", "sqlite3", "psycopg")):
            # Only a failed connection is one; a refused value (DataError, IntegrityError) is not.
            reached = type(exc).__name__ not in ("OperationalError", "InterfaceError")
            problem = "tietokanta ei hyväksynyt tietoja" if reached else "tietokantaan ei saatu yhteyttä"
            print(f"seuranta: {problem}: {exc}", file=sys.stderr)
            return EXIT_ERROR
        raise
    except KeyboardInterrupt:
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
