"""Backups: the whole database as one JSON file, and restoring it into an empty database.

The file (format `seuranta-backup/1`, gzip'd when its name ends in .gz) is

    {"header": {"format", "version", "seuranta", "created_at", "database",
                "migrations": {app: [applied migration, ...]}, "models": {label: rows}},
     "objects": [{"model": "plans.plan", "pk": 1, "fields": {...}}, ...]}

Objects are Django's own serialisation (`django.core.serializers`, "python"
flavour, written one per line), every table in its own right, many-to-many
tables included, primary keys kept: ids stay valid wherever they are stored
as plain numbers (change history, snapshots, admin log). Content types and
permissions are not in the file (`migrate` creates them from the code); rows
that refer to them name them by natural key. Sessions are left out: they are
logins, and a copy of live session keys is a way into the accounts.

Restore turns each object back into a model instance with Django's
deserializer, then INSERTs the rows as they are, a batch of a table per
statement: like `loaddata`'s raw save, no model `save()` runs, and unlike it
no signal is sent (nothing in Seuranta listens for raw saves).

Objects are written in load order, each table after the tables it refers to
(`load_order`): a reporting round comes before its entries, a closed round is
inserted already closed with its snapshot, and its entries follow. Restore
only INSERTs, in one transaction: it never updates or deletes a row. The
database's guard against changing closed rounds (which also refuses inserting
a closed round or entries into one) is lifted for that one transaction, as
the guard provides for restoring a whole database. Restore refuses a database
that is not empty rather than emptying it: that would mean deleting closed
rounds and history, which nothing else may do.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time
from importlib.metadata import PackageNotFoundError, version
from itertools import batched, groupby
from pathlib import Path
from typing import IO, Any

import ijson
from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from seuranta.plans.guard import guard_lifted
from seuranta.reports import freshness

FORMAT = "seuranta-backup"
FORMAT_VERSION = 1
CHUNK = 1000  # rows read or written at a time
CHUNK_CHARS = 32 * 1024 * 1024  # ...or fewer, when they carry files (binary fields: uploaded documents)

# Tables that are not in a backup, and why.
LEFT_OUT = {
    "contenttypes.contenttype": "created by migrate from the code",
    "auth.permission": "created by migrate from the code",
    "sessions.session": "logins: a restored database starts with everybody logged out",
    "axes.accessattempt": "failed logins and lockouts: a restored database starts with none",
    "axes.accessattemptexpiration": "failed logins and lockouts: a restored database starts with none",
    "axes.accessfailurelog": "failed logins and lockouts: a restored database starts with none",
    "axes.accesslog": "the log of logins is a security log of the running server, not plan data",
    "reports.reportfile": "rendered report files: made again from the plan when asked for",
}
# Rows refer to these by natural key, so that their ids may differ between databases.
NATURAL_KEY_MODELS = ("contenttypes.contenttype", "auth.permission")


class BackupError(Exception):
    """A backup or restore that cannot go on, as one sentence for the user (Finnish, like the CLI)."""


def load_order() -> list[type[models.Model]]:
    """Every table in the backup, each after the tables it refers to, in INSTALLED_APPS order otherwise."""
    candidates = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and m._meta.label_lower not in LEFT_OUT
    ]
    included = set(candidates)
    depends_on = {
        m: {f.related_model._meta.concrete_model for f in m._meta.concrete_fields if f.is_relation}
        & included - {m}
        for m in candidates
    }
    ordered: list[type[models.Model]] = []
    done: set[type[models.Model]] = set()
    while len(ordered) < len(candidates):
        ready = [m for m in candidates if m not in done and depends_on[m] <= done]
        if not ready:
            cycle = sorted(m._meta.label for m in candidates if m not in done)
            raise RuntimeError(
                f"foreign keys form a cycle between {cycle}; give the backup an explicit order"
            )
        ordered.append(ready[0])
        done.add(ready[0])
    return ordered


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _uses_natural_keys(model: type[models.Model]) -> bool:
    return any(
        f.is_relation and _label(f.related_model) in NATURAL_KEY_MODELS for f in model._meta.concrete_fields
    )


def seuranta_version() -> str:
    try:
        return version("seuranta")
    except PackageNotFoundError:
        return "unknown"


class _Encoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps every microsecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


# ---------------------------------------------------------------- backing up


def write_backup(path: Path, using: str = DEFAULT_DB_ALIAS) -> Counter[str]:
    """Write the whole database to `path` as one consistent snapshot; rows per table.

    The file appears whole or not at all: it is written beside `path` and
    renamed into place, readable by its owner only (it holds password hashes).
    """
    connection = connections[using]
    partial = path.with_name(f".{path.name}.partial")
    counts: Counter[str] = Counter()
    try:
        with _consistent_read(connection), _open_for_writing(partial, gzip_it=path.suffix == ".gz") as out:
            header = _header(connection)
            out.write('{"header": ' + json.dumps(header, ensure_ascii=False, indent=1) + ',\n"objects": [')
            separator = "\n"
            for model in load_order():
                for record in _records(model, using):
                    out.write(separator + json.dumps(record, cls=_Encoder, ensure_ascii=False))
                    separator = ",\n"
                    counts[_label(model)] += 1
            out.write("\n]}\n")
        if counts != Counter({k: v for k, v in header["models"].items() if v}):
            raise BackupError("Tietokanta muuttui kesken varmuuskopioinnin; varmuuskopiota ei tallennettu.")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return counts


@contextmanager
def _consistent_read(connection) -> Iterator[None]:
    """One snapshot of the whole database for the whole backup, without blocking the app's writes."""
    if connection.in_atomic_block:  # the caller's transaction already is the snapshot
        yield
    elif connection.vendor == "postgresql":
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        # Django opens SQLite transactions with BEGIN IMMEDIATE (see settings), which would hold off
        # every write of the web app until the backup ends; a deferred read transaction sees one
        # snapshot (WAL mode) and blocks nobody.
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("COMMIT")
    else:
        with transaction.atomic(using=connection.alias):
            yield


@contextmanager
def _open_for_writing(path: Path, *, gzip_it: bool) -> Iterator[IO[str]]:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(fd, "wb", buffering=1 << 20) as raw:
        if gzip_it:
            with gzip.open(raw, "wt", encoding="utf-8", compresslevel=6) as out:
                yield out
        else:
            with io.TextIOWrapper(raw, encoding="utf-8") as out:
                yield out


def _header(connection) -> dict[str, Any]:
    loader = MigrationLoader(connection)
    unapplied = sorted(
        f"{app}.{name}" for app, name in set(loader.disk_migrations) - set(loader.applied_migrations)
    )
    if not loader.applied_migrations:
        raise BackupError("Tietokannassa ei ole Seurannan tietoja; tarkista DATABASE_URL (tai --db).")
    if unapplied:
        raise BackupError(
            "Tietokanta ei ole tämän Seuranta-version mukainen (ajamatta: "
            + ", ".join(unapplied[:5])
            + "). Ota varmuuskopio sillä versiolla, jolla tietokanta on tehty, tai aja ensin "
            "`seuranta manage migrate`."
        )
    installed = {config.label for config in apps.get_app_configs()}
    migrations: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        if app in installed:  # rows left behind by apps since removed are not this database's tables
            migrations.setdefault(app, []).append(name)
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "seuranta": seuranta_version(),
        "created_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "migrations": migrations,
        "models": {_label(m): m._base_manager.using(connection.alias).count() for m in load_order()},
    }


def _records(model: type[models.Model], using: str) -> Iterator[dict[str, Any]]:
    """The table's rows as Django serialises them, a chunk at a time."""
    rows = model._base_manager.using(using).order_by("pk")
    natural = _uses_natural_keys(model)
    if natural:  # natural keys are read from the related rows: fetch them in the same query
        related = [
            f.name
            for f in model._meta.concrete_fields
            if f.is_relation and hasattr(f.related_model, "natural_key")
        ]
        related += [
            f"{f.name}__content_type"
            for f in model._meta.concrete_fields
            if f.is_relation and _label(f.related_model) == "auth.permission"
        ]
        rows = rows.select_related(*related)
    chunk_size = 10 if any(isinstance(f, models.BinaryField) for f in model._meta.concrete_fields) else CHUNK
    rows = rows.iterator(chunk_size=chunk_size)
    for chunk in batched(rows, chunk_size):
        # Many-to-many tables are backed up as tables of their own (with their ids).
        fields = [f.name for f in model._meta.concrete_fields]
        yield from serializers.serialize("python", chunk, fields=fields, use_natural_foreign_keys=natural)


# ---------------------------------------------------------------- restoring


@contextmanager
def _open_for_reading(path: Path) -> Iterator[IO[bytes]]:
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise BackupError(f"Tiedostoa {path} ei voi lukea: {exc.strerror}.") from None
    with raw:
        if raw.read(2) == b"\x1f\x8b":  # gzip, whatever the file is called
            raw.seek(0)
            with gzip.open(raw, "rb") as unzipped:
                yield unzipped
        else:
            raw.seek(0)
            yield raw


def read_header(path: Path) -> dict[str, Any]:
    """The backup's header, checked to be one this Seuranta reads."""
    with _open_for_reading(path) as stream:
        try:
            header = next(ijson.items(stream, "header", use_float=True), None)
        except (ijson.JSONError, OSError, EOFError):
            raise BackupError(f"{path.name} ei ole Seurannan varmuuskopio (ei luettavaa JSONia).") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError(f"{path.name} ei ole Seurannan varmuuskopio (ei otsaketta {FORMAT}).")
    if header.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"{path.name} on varmuuskopiomuotoa {header.get('version')}, tämä Seuranta "
            f"({seuranta_version()}) lukee muotoa {FORMAT_VERSION}. Palauta se uudemmalla Seurannalla."
        )
    return header


def check_migrations(header: dict[str, Any]) -> None:
    """Refuse a backup whose tables differ from this Seuranta's: newer, or older (its data is not migrated)."""
    loader = MigrationLoader(
        None, ignore_no_migrations=True
    )  # the code's migrations; the database is not read
    known = set(loader.disk_migrations) | {r for m in loader.disk_migrations.values() for r in m.replaces}
    backed_up = {(app, name) for app, names in header.get("migrations", {}).items() for name in names}
    made_by = header.get("seuranta", "?")
    newer = sorted(f"{app}.{name}" for app, name in backed_up - known)
    if newer:
        raise BackupError(
            f"Varmuuskopio on tehty uudemmalla Seurannalla ({made_by}) kuin tämä ({seuranta_version()}): "
            f"tämä versio ei tunne sen tietokantamuutoksia ({', '.join(newer[:5])}). "
            "Päivitä Seuranta ja palauta sitten."
        )

    def in_backup(key: tuple[str, str]) -> bool:
        replaces = loader.graph.nodes[key].replaces  # a squashed migration stands for those it replaces
        return key in backed_up or bool(replaces) and all(r in backed_up for r in replaces)

    older = sorted(f"{app}.{name}" for app, name in loader.graph.nodes if not in_backup((app, name)))
    if older:
        raise BackupError(
            f"Varmuuskopio on tehty vanhemmalla Seurannalla ({made_by}) kuin tämä ({seuranta_version()}); "
            f"siitä puuttuvat tietokantamuutokset {', '.join(older[:5])}. Palauta se versiolla {made_by} ja "
            "päivitä Seuranta sen jälkeen: päivitys muuntaa myös palautetut tiedot."
        )


def restore_backup(path: Path, using: str = DEFAULT_DB_ALIAS) -> Counter[str]:
    """Load a backup into an empty database in one transaction; rows per table.

    The database is migrated first if it is new. On any error nothing is kept.
    """
    from django.core.management import call_command

    header = read_header(path)
    check_migrations(header)
    call_command("migrate", database=using, interactive=False, verbosity=0)
    _require_empty(using)
    connection = connections[using]
    try:
        with transaction.atomic(using=using), guard_lifted(using):
            counts = _load(path, using)
            _check_counts(counts, header, path)
            loaded = [m for m in load_order() if counts[_label(m)]]
            connection.check_constraints(table_names=[m._meta.db_table for m in loaded])
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), loaded):
                    cursor.execute(statement)
    except DatabaseError as exc:  # raised at commit or by the constraint check
        raise BackupError(
            f"Varmuuskopiota ei voitu palauttaa, mitään ei tallennettu: {exc}".strip()
        ) from None
    freshness.bump()  # the restore sends no save signals: cached reports must not outlive it
    return counts


def _require_empty(using: str) -> None:
    filled = [m for m in load_order() if m._base_manager.using(using).exists()]
    if filled:
        names = ", ".join(str(m._meta.verbose_name_plural) for m in filled[:4])
        raise BackupError(
            f"Tietokanta ei ole tyhjä (siinä on jo: {names}); palautus ei korvaa olemassa olevia tietoja. "
            "Palauta uuteen, tyhjään tietokantaan: PostgreSQL:ssä `createdb` ja DATABASE_URL sen "
            "osoitteeseen, SQLitessä uusi tiedosto (--db)."
        )


def _load(path: Path, using: str) -> Counter[str]:
    """Insert the file's rows, a batch of one table at a time, checking that tables come in load order."""
    counts: Counter[str] = Counter()
    position = {_label(m): i for i, m in enumerate(load_order())}
    last = -1
    with _open_for_reading(path) as stream:
        records = ijson.items(stream, "objects.item", use_float=True)
        try:
            for chunk in _batches(records):
                # A table's rows are read after the tables before it are in: natural keys look rows up.
                for label, same_table in groupby(chunk, key=_model_label):
                    if label not in position or position[label] < last:
                        raise BackupError(
                            f"{path.name}: taulu {label} on väärässä kohdassa tai ei kuulu "
                            "varmuuskopioon; mitään ei tallennettu."
                        )
                    last = position[label]
                    instances = [o.object for o in _deserialize(list(same_table), using)]
                    _insert(type(instances[0]), instances, using)
                    counts[label] += len(instances)
        except (ijson.JSONError, OSError, EOFError) as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise BackupError(
                f"{path.name} on vaillinainen tai rikki ({reason}); mitään ei tallennettu."
            ) from None
    return counts


def _batches(records: Iterator[Any]) -> Iterator[list[Any]]:
    """CHUNK records at a time, or fewer when their text (files are base64 text) passes CHUNK_CHARS."""
    batch: list[Any] = []
    size = 0
    for record in records:
        batch.append(record)
        fields = record.get("fields") if isinstance(record, dict) else None
        size += sum(len(v) for v in fields.values() if isinstance(v, str)) if isinstance(fields, dict) else 0
        if len(batch) >= CHUNK or size >= CHUNK_CHARS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _model_label(record: Any) -> str:
    return str(record.get("model") if isinstance(record, dict) else record).lower()


def _deserialize(chunk, using: str):
    try:
        yield from serializers.deserialize("python", chunk, using=using)
    except DeserializationError as exc:
        raise BackupError(f"Varmuuskopion riviä ei voi lukea, mitään ei tallennettu: {exc}") from None


def _insert(model: type[models.Model], instances: list[models.Model], using: str) -> None:
    """INSERT the rows as they are, in one statement per batch.

    Not `save()` (a statement per row: a city's database would take many minutes on
    PostgreSQL) and not `bulk_create()` (it stamps auto_now fields with the present
    time); values are prepared for the database by each field, as `save()` does.
    """
    connection = connections[using]
    fields = model._meta.concrete_fields
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    rows = [[f.get_db_prep_save(_checked(instance, f), connection) for f in fields] for instance in instances]
    try:
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.executemany(sql, rows)
    except DatabaseError:
        if len(instances) == 1:
            raise
        for instance in instances:  # once more row by row, to name the row the database refused
            try:
                _insert(model, [instance], using)
            except DatabaseError as exc:
                raise BackupError(
                    f"{_label(model)} {instance.pk} ei tallentunut ({exc}); mitään ei tallennettu."
                ) from None
        raise


def _checked(instance: models.Model, field) -> Any:
    """The field's value; a clear refusal for text longer than the database allows (SQLite does not check)."""
    value = getattr(instance, field.attname)
    if field.max_length and isinstance(value, str) and len(value) > field.max_length:
        raise BackupError(
            f"{_label(type(instance))} {instance.pk}: kentän {field.name} arvo on {len(value)} merkkiä, "
            f"tietokanta sallii {field.max_length}; mitään ei tallennettu."
        )
    return value


def _check_counts(counts: Counter[str], header: dict[str, Any], path: Path) -> None:
    expected = Counter({label: n for label, n in header.get("models", {}).items() if n})
    if counts != expected:
        missing = sorted(label for label in expected if counts[label] != expected[label])
        raise BackupError(
            f"{path.name} on vaillinainen: rivimäärät eivät täsmää otsakkeen kanssa "
            f"({', '.join(missing[:5])}); mitään ei tallennettu."
        )
