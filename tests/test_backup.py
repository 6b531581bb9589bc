"""Backup and restore: every table comes back row for row, on SQLite, on PostgreSQL and across the two.

The database under test is the source; the backup is restored into a second,
new database (an extra connection alias) and the two are compared table by
table, field by field, many-to-many tables included.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import date

import dj_database_url
import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext

import seuranta.backup as backup_module
from seuranta.api.tokens import create_token, revoke
from seuranta.backup import (
    LEFT_OUT,
    NATURAL_KEY_MODELS,
    BackupError,
    load_order,
    restore_backup,
    write_backup,
)
from seuranta.cli import main
from seuranta.demo import load_demo
from seuranta.importing.models import ImportCorrection, ImportDraft, ImportProfile, ImportUpload
from seuranta.monitoring.models import ReportingRound, RoundEntry
from seuranta.monitoring.reporting import EntryValues, close_round, open_round, save_entry
from seuranta.monitoring.tasks import send_round_reminders
from seuranta.organizations.models import Invitation
from seuranta.plans.models import ChangeRecord, Node, Organization, Plan
from tests.factories import make_member, make_organization, make_plan

# The migrated PostgreSQL template (and SQLite's, when the run has none) is made once a worker: with
# `./dev test`'s --dist loadgroup, these tests all run in one.
pytestmark = pytest.mark.xdist_group("database_templates")

# ---------------------------------------------------------------- a second database


def _postgres_config(purpose: str) -> dict:
    """The server under test (or TEST_POSTGRES_URL's), a database named after the test database's."""
    default = connections[DEFAULT_DB_ALIAS].settings_dict
    if default["ENGINE"] == "django.db.backends.postgresql":
        config = {k: default[k] for k in ("ENGINE", "HOST", "PORT", "USER", "PASSWORD")}
        return {**config, "NAME": f"{default['NAME']}_{purpose}"}
    config = dj_database_url.parse(
        os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/seuranta")
    )
    # Named after this process too: two runs on SQLite would otherwise share (and drop) one database.
    return {**config, "NAME": f"test_{config['NAME']}_{purpose}_{os.getpid()}"}


def _maintenance_connection(config: dict):
    import psycopg

    return psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname="postgres",
        connect_timeout=3,
        autocommit=True,
    )


class DatabaseTemplates:
    """Migrated empty databases made once per session; each test gets a copy (migrating takes seconds)."""

    def __init__(self, folder, migrated_sqlite):
        self.folder = folder
        self.migrated_sqlite = migrated_sqlite  # the run's (tests/support/database_template.py), if any
        self.made: dict[str, dict] = {}

    def config(self, vendor: str) -> dict:
        if vendor not in self.made:
            self.made[vendor] = self._sqlite() if vendor == "sqlite" else self._postgresql()
        return self.made[vendor]

    def _sqlite(self) -> dict:
        config = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(self.folder / "template.sqlite3"),
            "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"},
        }
        if not self.migrated_sqlite.copy_to(self.folder / "template.sqlite3"):
            _migrate(config)
        return config

    def _postgresql(self) -> dict:
        config = _postgres_config("template")
        with _maintenance_connection(config) as maintenance:
            _recreate(maintenance, config["NAME"])
        _migrate(config)
        return config

    def drop(self) -> None:
        if "postgresql" in self.made:
            with _maintenance_connection(self.made["postgresql"]) as maintenance:
                maintenance.execute(
                    f'DROP DATABASE IF EXISTS "{self.made["postgresql"]["NAME"]}" WITH (FORCE)'
                )


def _migrate(config: dict) -> None:
    with _connected("template", config) as alias:
        call_command("migrate", database=alias, interactive=False, verbosity=0)


@pytest.fixture(scope="session")
def templates(tmp_path_factory, sqlite_template):
    made = DatabaseTemplates(tmp_path_factory.mktemp("database_templates"), sqlite_template)
    yield made
    made.drop()


def _recreate(maintenance, name: str, template: str | None = None) -> None:
    maintenance.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    maintenance.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))


@contextmanager
def _connected(alias: str, config: dict) -> Iterator[str]:
    # A connection made here rather than in settings: Django's test case allows such connections.
    config = connections.configure_settings({DEFAULT_DB_ALIAS: {}, alias: dict(config)})[alias]
    connections[alias] = load_backend(config["ENGINE"]).DatabaseWrapper(config, alias)
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]


@contextmanager
def fresh_database(vendor: str, tmp_path, templates: DatabaseTemplates) -> Iterator[str]:
    """A new, empty, migrated database of the vendor, as a connection alias; dropped afterwards."""
    if vendor == "postgresql":
        try:
            _maintenance_connection(_postgres_config("restored")).close()
        except Exception as exc:
            if os.environ.get("CI") == "true":
                pytest.fail("PostgreSQL is not reachable; CI must test on it")
            pytest.skip(f"PostgreSQL is not reachable ({type(exc).__name__}); set TEST_POSTGRES_URL")
    template = templates.config(vendor)
    if vendor == "sqlite":  # as in production: WAL, writes begin IMMEDIATE (seuranta/settings.py)
        config = {**template, "NAME": str(tmp_path / "restored.sqlite3")}
        shutil.copyfile(template["NAME"], config["NAME"])
    else:
        config = _postgres_config("restored")
        with _maintenance_connection(config) as maintenance:
            _recreate(maintenance, config["NAME"], template=template["NAME"])
    try:
        with _connected(f"restored_{vendor}", config) as alias:
            yield alias
    finally:
        if vendor == "postgresql":
            with _maintenance_connection(config) as maintenance:
                maintenance.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')


def other_vendor() -> str:
    return "postgresql" if connections[DEFAULT_DB_ALIAS].vendor == "sqlite" else "sqlite"


# ---------------------------------------------------------------- every kind of row


def populate() -> None:
    """The demo, and beside it a plan with a closed round, history, an import draft, groups, admin log, a task."""
    load_demo()
    populate_closed_round(Plan.objects.get(kind=Plan.Kind.OPERATIONAL_GOALS).organization)


def populate_values(organization, indicator) -> None:
    """Values from elsewhere: the organisation's licence, a survey-fed indicator, a Sotkanet link and a reading."""
    from seuranta.values.models import OpenDataSettings, SotkanetFetch, SotkanetLink, SurveyFeed

    OpenDataSettings.objects.create(organization=organization, licence="CC0 1.0", survey_threshold=7)
    SurveyFeed.objects.create(indicator=indicator, question="Suosittelisin työpaikkaani")
    link = SotkanetLink.objects.create(indicator=indicator, sotkanet_id=127, region=91, first_year=2020)
    SotkanetFetch.objects.create(
        link=link,
        url="https://sotkanet.example/json",
        ok=True,
        values=[{"year": 2024, "value": 1.5}],
        stored=1,
    )


def populate_closed_round(organization) -> None:
    coordinator = make_member("koordinaattori2", organization, "coordinator")
    responsible = make_member("vastuu2", organization, "responsible")
    plan = make_plan(2, organization=organization, state=Plan.State.ARCHIVED, title="Suljettu suunnitelma")
    plan.supports = Plan.objects.exclude(pk=plan.pk).first()
    plan.save()
    actions = list(Node.objects.filter(plan=plan, children__isnull=True).order_by("order"))
    for action in actions:
        action.responsible_users.add(responsible)
    closed = open_round(
        plan, title="Q4/2025", period="2025-Q4", deadline=date(2026, 1, 15), root=None, user=coordinator
    )
    first, second = closed.entries.order_by("order")
    indicator = actions[0].indicators.first()
    save_entry(
        first,
        EntryValues(
            values={indicator.pk: ("12,5 %", "value", 12.5)},
            text="Edistyi hyvin.",
            phase="in_progress",
            verdict="partly",
        ),
        user=responsible,
        version=first.version,
        submit=True,
    )
    save_entry(second, EntryValues(text="Kesken"), user=responsible, version=second.version, submit=False)
    close_round(closed, user=coordinator, on=date(2026, 1, 20))
    revoke(create_token(organization, "Vanha yöajo", created_by=coordinator)[0], user=coordinator)
    create_token(organization, "Yöajo", created_by=coordinator)
    ChangeRecord.objects.create(
        plan=plan,
        node=actions[1],
        object_type="node",
        object_id=actions[1].pk,
        action="changed",
        changes={"title": ["Vanha", "Uusi"]},
        user=coordinator,
    )
    ImportDraft.objects.create(
        created_by=coordinator,
        organization=organization,
        file_name="tavoitteet.docx",
        family="goal_table",
        plan={"title": "Luonnos", "nodes": []},
        warnings=[{"code": "x", "message": "Tarkista", "path": [], "checked": False}],
        source=b"1. Tavoite\nKeino: kokeilu\n",
        source_sha256="0" * 64,
    )
    ImportUpload.objects.create(
        created_by=coordinator,
        organization=organization,
        file_name="liite.pdf",
        data=b"%PDF-1.4 ...",
        state=ImportUpload.State.FAILED,
        problem="Liian suuri",
    )
    ImportProfile.objects.create(
        organization=organization, data={"levels": {"Keino": "Toimenpide"}}, version=1, updated_by=coordinator
    )
    ImportCorrection.objects.create(
        organization=organization,
        document_sha256="0" * 64,
        file_name="a.txt",
        source_index=1,
        source_text="Keino: kokeilu",
        predicted_role="level",
        rule="lexicon:fi:keino",
        corrected_role="level:Toimenpide",
        applied_to_all=True,
        key="Keino",
        profile_version=1,
        created_by=coordinator,
    )
    group = Group.objects.create(name="Raportoijat")
    group.permissions.add(*Permission.objects.filter(codename__in=["view_plan", "change_node"]))
    responsible.groups.add(group)
    coordinator.user_permissions.add(Permission.objects.get(codename="view_reportinground"))
    LogEntry.objects.create(
        user=coordinator,
        content_type=ContentType.objects.get_for_model(Plan),
        object_id=str(plan.pk),
        object_repr=str(plan),
        action_flag=CHANGE,
        change_message="[]",
    )
    send_round_reminders.enqueue(closed.pk, "https://seuranta.example/omat/", "fi")
    populate_values(organization, actions[1].indicators.first())
    Invitation.objects.create(
        organization=organization, email="kutsuttu@example.invalid", role="viewer", invited_by=coordinator
    )
    from seuranta.public.models import Feedback, PlanPublicity, PublicSite, Subscription

    PublicSite.objects.create(
        organization=organization, accent="#0a4d8c", logo=b"\x89PNG", logo_type="image/png"
    )
    PlanPublicity.objects.create(plan=plan, show_people=True)
    Feedback.objects.create(organization=organization, message="Kiitos", email="asukas@example.invalid")
    Subscription.objects.create(
        email="asukas@example.invalid", plan=plan, base_url="https://seuranta.example/"
    )


# ---------------------------------------------------------------- comparing databases


def table_rows(alias: str) -> dict[str, list[tuple]]:
    """Every table's rows in id order; content types and permissions by natural key, not id."""
    content_types = {ct.pk: ct.natural_key() for ct in ContentType.objects.using(alias)}
    permissions = {
        p.pk: (p.codename, *content_types[p.content_type_id]) for p in Permission.objects.using(alias)
    }
    natural = {"contenttypes.contenttype": content_types, "auth.permission": permissions}
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if (
            not model._meta.managed
            or model._meta.proxy
            or (label in LEFT_OUT and label not in NATURAL_KEY_MODELS)
        ):
            continue
        fields = [
            f for f in model._meta.concrete_fields if not (f.primary_key and label in NATURAL_KEY_MODELS)
        ]
        rows = []
        for values in (
            model._base_manager.using(alias).order_by("pk").values_list(*[f.attname for f in fields])
        ):
            rows.append(
                tuple(
                    natural[f.related_model._meta.label_lower][value]
                    if f.is_relation and value is not None and f.related_model._meta.label_lower in natural
                    else value
                    for f, value in zip(fields, values, strict=True)
                )
            )
        tables[label] = sorted(rows) if label in NATURAL_KEY_MODELS else rows
    return tables


def assert_same_tables(source: dict[str, list[tuple]], restored: dict[str, list[tuple]]) -> None:
    assert source.keys() == restored.keys()
    for label, rows in source.items():
        assert restored[label] == rows, f"{label} differs after restore"


@pytest.mark.django_db(transaction=True)  # so the backup reads in a transaction of its own
def test_round_trip_keeps_every_row_of_every_table(tmp_path, templates):
    populate()
    source = table_rows(DEFAULT_DB_ALIAS)
    assert [label for label, rows in source.items() if not rows] == [], "populate() should fill every table"
    backup = tmp_path / "seuranta.json"
    write_backup(backup)
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    with fresh_database(vendor, tmp_path, templates) as alias:
        counts = restore_backup(backup, using=alias)
        assert_same_tables(source, table_rows(alias))
    assert counts["monitoring.roundentry"] == RoundEntry.objects.count()


@pytest.mark.django_db(transaction=True)
def test_round_trip_across_sqlite_and_postgresql(tmp_path, templates):
    """SQLite to PostgreSQL on the SQLite run, PostgreSQL to SQLite on the PostgreSQL run; gzip'd."""
    populate()
    source = table_rows(DEFAULT_DB_ALIAS)
    backup = tmp_path / "seuranta.json.gz"
    write_backup(backup)
    assert (
        json.loads(gzip.decompress(backup.read_bytes()))["header"]["database"]
        == connections[DEFAULT_DB_ALIAS].vendor
    )
    with fresh_database(other_vendor(), tmp_path, templates) as alias:
        restore_backup(backup, using=alias)
        assert_same_tables(source, table_rows(alias))


@pytest.mark.django_db
def test_closed_round_comes_back_closed_with_its_snapshot(tmp_path, templates):
    populate_closed_round(make_organization())
    closed = ReportingRound.objects.get(state=ReportingRound.State.CLOSED)
    backup = tmp_path / "seuranta.json"
    write_backup(backup)
    with fresh_database("sqlite", tmp_path, templates) as alias:
        restore_backup(backup, using=alias)
        restored = ReportingRound.objects.using(alias).get(pk=closed.pk)
        assert (restored.state, restored.snapshot, restored.closed_at) == (
            "closed",
            closed.snapshot,
            closed.closed_at,
        )
        assert restored.entries.filter(state="submitted").count() == 1


@pytest.mark.django_db
def test_rows_added_after_a_restore_get_new_ids(tmp_path, templates):
    plan = make_plan(2)
    backup = tmp_path / "seuranta.json"
    write_backup(backup)
    with fresh_database(connections[DEFAULT_DB_ALIAS].vendor, tmp_path, templates) as alias:
        restore_backup(backup, using=alias)
        new = Plan.objects.using(alias).create(title="Uusi")
        node = Node.objects.using(alias).create(plan=new, level="Tavoite", title="Uusi tavoite")
    assert new.pk > plan.pk and node.pk > Node.objects.order_by("pk").last().pk


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(tmp_path, capsys):
    make_plan(1)
    backup = tmp_path / "seuranta.json"
    assert main(["backup", str(backup), "--quiet"]) == 0
    assert main(["restore", str(backup)]) == 1
    assert "Tietokanta ei ole tyhjä" in capsys.readouterr().err
    assert Plan.objects.count() == 1


def _rewrite(path, change) -> None:
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))


@pytest.mark.django_db
def test_restore_refuses_a_backup_from_a_newer_seuranta(tmp_path):
    backup = tmp_path / "seuranta.json"
    write_backup(backup)
    _rewrite(backup, lambda d: d["header"]["migrations"]["plans"].append("0999_from_the_future"))
    with pytest.raises(BackupError, match="uudemmalla Seurannalla.*plans.0999_from_the_future"):
        restore_backup(backup)


@pytest.mark.django_db
def test_restore_refuses_a_backup_from_an_older_seuranta(tmp_path):
    backup = tmp_path / "seuranta.json"
    write_backup(backup)
    _rewrite(backup, lambda d: d["header"]["migrations"]["monitoring"].pop())
    with pytest.raises(BackupError, match="vanhemmalla Seurannalla"):
        restore_backup(backup)


def _dangling_reference(document) -> None:
    indicator = next(o for o in document["objects"] if o["model"] == "plans.indicator")
    indicator["fields"]["node"] = 10**9


def _cut_in_half(path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


@pytest.mark.django_db
@pytest.mark.parametrize("damage", ["dangling reference", "cut short"])
def test_a_failed_restore_leaves_the_database_empty(tmp_path, templates, damage):
    reporting_round = open_round(
        make_plan(2), title="Q1", period="2026-Q1", deadline=date(2026, 4, 1), root=None, user=None
    )
    Node.objects.get(
        pk=reporting_round.plan.nodes.filter(children__isnull=True).first().pk
    ).responsible_users.add(make_member("vastuu", reporting_round.plan.organization, "responsible"))
    open_round(
        reporting_round.plan, title="Q2", period="2026-Q2", deadline=date(2026, 7, 1), root=None, user=None
    )
    backup = tmp_path / "seuranta.json"
    write_backup(backup)
    if damage == "dangling reference":
        _rewrite(backup, _dangling_reference)
    else:
        _cut_in_half(backup)
    with fresh_database("sqlite", tmp_path, templates) as alias:
        with pytest.raises(BackupError, match="mitään ei tallennettu"):
            restore_backup(backup, using=alias)
        assert [m for m in load_order() if m._base_manager.using(alias).exists()] == []


@pytest.mark.django_db
def test_restore_of_a_file_that_is_not_a_backup_says_so(tmp_path):
    other = tmp_path / "plan.json"
    other.write_text('{"format": "seuranta-plan/1", "title": "x"}')
    with pytest.raises(BackupError, match="ei ole Seurannan varmuuskopio"):
        restore_backup(other)


@pytest.mark.django_db
def test_backup_file_is_readable_by_its_owner_only(tmp_path):
    backup = tmp_path / "seuranta.json"
    write_backup(backup)
    assert backup.stat().st_mode & 0o077 == 0


def test_tables_load_after_the_tables_they_refer_to():
    order = load_order()
    position = {m: i for i, m in enumerate(order)}
    assert position[ReportingRound] < position[RoundEntry]
    for model in order:
        for field in model._meta.concrete_fields:
            target = field.related_model
            if field.is_relation and target is not model and target in position:
                assert position[target] < position[model], f"{model._meta.label} before {target._meta.label}"
    assert {
        "contenttypes.contenttype",
        "auth.permission",
        "sessions.session",
        "axes.accessattempt",
        "axes.accessattemptexpiration",
        "axes.accessfailurelog",
        "axes.accesslog",
        "reports.reportfile",
    } == set(LEFT_OUT)


@pytest.mark.django_db
def test_seuranta_restore_creates_a_new_sqlite_database_and_reports_counts(tmp_path):
    make_plan(2, title="Palautettava suunnitelma")
    backup = tmp_path / "seuranta.json.gz"
    assert main(["backup", str(backup), "--quiet"]) == 0
    new = tmp_path / "uusi" / "seuranta.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"SEURANTA_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "seuranta.cli", "restore", str(backup), "--db", str(new)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "suunnitelmat (plans.plan)" in done.stdout
    with closing(sqlite3.connect(new)) as restored:
        assert restored.execute("SELECT title FROM plans_plan").fetchall() == [("Palautettava suunnitelma",)]


@pytest.mark.django_db
def test_backup_reads_each_table_in_one_query_whatever_its_size(tmp_path):
    coordinator = make_member("koordinaattori", make_plan(3).organization, "coordinator")
    group = Group.objects.create(name="Raportoijat")
    group.permissions.add(*Permission.objects.filter(codename__startswith="view_"))
    coordinator.groups.add(group)
    for plan in Plan.objects.all():
        LogEntry.objects.create(
            user=coordinator,
            content_type=ContentType.objects.get_for_model(Plan),
            object_id=str(plan.pk),
            object_repr=str(plan),
            action_flag=CHANGE,
        )
    with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as queries:
        write_backup(tmp_path / "seuranta.json")
    # The migration state, then per table a count (header) and one read of its rows.
    assert len(queries) <= 5 + 2 * len(load_order())


@pytest.mark.django_db
def test_restore_names_a_value_too_long_for_the_database(tmp_path, templates):
    """SQLite stores text longer than a field allows; PostgreSQL would refuse it: say which row and field."""
    make_plan(1)
    backup = tmp_path / "seuranta.json"
    write_backup(backup)

    def lengthen(document) -> None:
        organization = next(o for o in document["objects"] if o["model"] == "plans.organization")
        organization["fields"]["name"] = "K" * 300

    _rewrite(backup, lengthen)
    refused = pytest.raises(
        BackupError, match="plans.organization .*kentän name arvo on 300 merkkiä.*sallii 200"
    )
    with fresh_database("sqlite", tmp_path, templates) as alias, refused:
        restore_backup(backup, using=alias)


@pytest.mark.django_db
@pytest.mark.parametrize("vendor", ["sqlite", "postgresql"])
def test_backup_is_one_snapshot_while_the_app_goes_on_writing(tmp_path, templates, vendor, monkeypatch):
    read_table = backup_module._records

    def read_while_another_connection_writes(model, using):
        if model is Organization:  # after the header counted the rows
            Organization.objects.using("writer").create(name="Kesken tallennettu")
        yield from read_table(model, using)

    monkeypatch.setattr(backup_module, "_records", read_while_another_connection_writes)
    backup = tmp_path / "seuranta.json"
    with (
        fresh_database(vendor, tmp_path, templates) as alias,
        _connected("writer", connections[alias].settings_dict),
    ):
        Organization.objects.using(alias).create(name="Ennen")
        write_backup(backup, using=alias)
        assert Organization.objects.using(alias).count() == 2
    objects = json.loads(backup.read_text())["objects"]
    assert [o["fields"]["name"] for o in objects if o["model"] == "plans.organization"] == ["Ennen"]
