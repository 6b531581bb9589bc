"""Database triggers that keep what is closed closed and the change history append-only.

The app refuses these writes itself (model `save()`/`delete()`, the views, the admin),
with a message a person can read; the triggers make sure no other path gets through
either: a queryset `update()` or `delete()`, a cascade, raw SQL, a script. They refuse

- any UPDATE or DELETE of a `plans_changerecord` row;
- an INSERT of a reporting round that is already closed, any DELETE of a closed round,
  and any UPDATE of one except the single step of closing: writing the snapshot into a
  round that was just closed without one, nothing else changing;
- any INSERT, UPDATE or DELETE of an entry of a closed round;
- on PostgreSQL, a TRUNCATE of the history while it has records, or of the rounds or
  entries while a round is closed (`manage flush` truncates; SQLite's flush deletes rows).

A refused write raises the database's integrity error (SQLite RAISE(ABORT), PostgreSQL
SQLSTATE 23001 restrict_violation), so Django raises `IntegrityError`.

`install_triggers` is idempotent. The migrations call it, and so does every
`post_migrate` (see `PlansConfig.ready`), because SQLite drops a table's triggers when
a later migration rebuilds the table.

Whole-database maintenance (a test run's flush on SQLite, a restore) may lift the guard
for one transaction with `guard_lifted()`: on PostgreSQL a transaction-local setting,
on SQLite a row in a table that is not a model (so a flush does not empty it),
inserted and deleted inside that transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections, transaction

HISTORY = "plans_changerecord"
ROUNDS = "monitoring_reportinground"
ENTRIES = "monitoring_roundentry"
SQLITE_SWITCH = "seuranta_guard_lifted"
PG_SETTING = "seuranta.guard_lifted"

ROUND_CLOSED = "The reporting round is closed and cannot be changed or removed"
ENTRY_CLOSED = "The report belongs to a closed reporting round and cannot be changed"
HISTORY_KEPT = "The change history is append-only"


@contextmanager
def guard_lifted(using: str = "default") -> Iterator[None]:
    """Let this transaction change closed rounds and history: for flushing or restoring a whole database only."""
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        # Put back on leaving normally: inside an outer transaction a savepoint's setting would outlive it. On an
        # error the savepoint's rollback puts it back.
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config(%s, 'on', true)", [PG_SETTING])
            yield
            cursor.execute("SELECT set_config(%s, '', true)", [PG_SETTING])
        else:
            cursor.execute(f"INSERT INTO {SQLITE_SWITCH} (lifted) VALUES (1)")
            yield
            cursor.execute(f"DELETE FROM {SQLITE_SWITCH}")


def install_triggers(connection) -> None:
    """Create (or re-create) the triggers on this connection's database, if its tables exist."""
    tables = set(connection.introspection.table_names())
    if not {HISTORY, ROUNDS, ENTRIES} & tables:
        return
    if connection.vendor == "postgresql":
        statements = _postgresql(tables)
    elif connection.vendor == "sqlite":
        statements = _sqlite(connection, tables)
    else:  # other databases rely on the app's own checks
        return
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def remove_triggers(connection) -> None:
    """For a migration going backwards."""
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table, name in PG_TRIGGERS:
                if table in tables:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        elif connection.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def installed_triggers(connection) -> set[str]:
    """The names of the guard's triggers present in the database (for tests and checks)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'seuranta_%%'"
            )
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'seuranta_%'")
        return {row[0] for row in cursor.fetchall()}


SQLITE_TRIGGERS = [
    "seuranta_history_no_update",
    "seuranta_history_no_delete",
    "seuranta_closed_round_insert",
    "seuranta_closed_round_update",
    "seuranta_closed_round_delete",
    "seuranta_closed_entry_insert",
    "seuranta_closed_entry_update",
    "seuranta_closed_entry_delete",
]
PG_TRIGGERS = [
    (HISTORY, "seuranta_history_append_only"),
    (ROUNDS, "seuranta_closed_round"),
    (ENTRIES, "seuranta_closed_entry"),
    (HISTORY, "seuranta_history_no_truncate"),
    (ROUNDS, "seuranta_closed_round_no_truncate"),
    (ENTRIES, "seuranta_closed_entry_no_truncate"),
]


# --- SQLite ------------------------------------------------------------------


def _sqlite(connection, tables: set[str]) -> list[str]:
    lifted = f"NOT EXISTS (SELECT 1 FROM {SQLITE_SWITCH})"
    round_closed = f"EXISTS (SELECT 1 FROM {ROUNDS} r WHERE r.id = %s AND r.state = 'closed')"
    statements = [f"CREATE TABLE IF NOT EXISTS {SQLITE_SWITCH} (lifted integer NOT NULL)"]
    statements += [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS]

    def trigger(name: str, when: str, table: str, condition: str, message: str) -> str:
        return (
            f"CREATE TRIGGER {name} BEFORE {when} ON {table} FOR EACH ROW WHEN {condition} AND {lifted} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )

    if HISTORY in tables:
        statements += [
            trigger("seuranta_history_no_update", "UPDATE", HISTORY, "1", HISTORY_KEPT),
            trigger("seuranta_history_no_delete", "DELETE", HISTORY, "1", HISTORY_KEPT),
        ]
    if ROUNDS in tables:
        with connection.cursor() as cursor:
            columns = [row.name for row in connection.introspection.get_table_description(cursor, ROUNDS)]
        unchanged = " AND ".join(f'NEW."{c}" IS OLD."{c}"' for c in columns if c != "snapshot")
        freezing = f"(OLD.snapshot IS NULL AND NEW.snapshot IS NOT NULL AND {unchanged})"
        statements += [
            trigger("seuranta_closed_round_insert", "INSERT", ROUNDS, "NEW.state = 'closed'", ROUND_CLOSED),
            trigger(
                "seuranta_closed_round_update",
                "UPDATE",
                ROUNDS,
                f"OLD.state = 'closed' AND NOT {freezing}",
                ROUND_CLOSED,
            ),
            trigger("seuranta_closed_round_delete", "DELETE", ROUNDS, "OLD.state = 'closed'", ROUND_CLOSED),
        ]
    if ENTRIES in tables and ROUNDS in tables:
        statements += [
            trigger(
                "seuranta_closed_entry_insert", "INSERT", ENTRIES, round_closed % "NEW.round_id", ENTRY_CLOSED
            ),
            trigger(
                "seuranta_closed_entry_update",
                "UPDATE",
                ENTRIES,
                f"({round_closed % 'OLD.round_id'} OR {round_closed % 'NEW.round_id'})",
                ENTRY_CLOSED,
            ),
            trigger(
                "seuranta_closed_entry_delete", "DELETE", ENTRIES, round_closed % "OLD.round_id", ENTRY_CLOSED
            ),
        ]
    return statements


# --- PostgreSQL --------------------------------------------------------------

_PG_LIFTED = f"coalesce(current_setting('{PG_SETTING}', true), '') = 'on'"
_PG_RAISE = "RAISE EXCEPTION '%s' USING ERRCODE = 'restrict_violation'"

_PG_FUNCTIONS = {
    "seuranta_history_append_only": f"""
        BEGIN
          IF {_PG_LIFTED} THEN
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
          END IF;
          {_PG_RAISE % HISTORY_KEPT};
        END""",
    "seuranta_closed_round": f"""
        BEGIN
          IF {_PG_LIFTED} THEN
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
          END IF;
          IF TG_OP = 'INSERT' THEN
            IF NEW.state = 'closed' THEN {_PG_RAISE % ROUND_CLOSED}; END IF;
            RETURN NEW;
          END IF;
          IF OLD.state = 'closed' THEN
            IF TG_OP = 'UPDATE' AND OLD.snapshot IS NULL AND NEW.snapshot IS NOT NULL
               AND (to_jsonb(NEW) - 'snapshot') = (to_jsonb(OLD) - 'snapshot') THEN
              RETURN NEW;  -- closing: the snapshot written into the round just closed
            END IF;
            {_PG_RAISE % ROUND_CLOSED};
          END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END""",
    "seuranta_closed_entry": f"""
        BEGIN
          IF {_PG_LIFTED} THEN
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
          END IF;
          IF (TG_OP <> 'INSERT' AND EXISTS (SELECT 1 FROM {ROUNDS} WHERE id = OLD.round_id AND state = 'closed'))
             OR (TG_OP <> 'DELETE' AND EXISTS (SELECT 1 FROM {ROUNDS} WHERE id = NEW.round_id AND state = 'closed'))
          THEN
            {_PG_RAISE % ENTRY_CLOSED};
          END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END""",
    "seuranta_history_no_truncate": f"""
        BEGIN
          IF NOT {_PG_LIFTED} AND EXISTS (SELECT 1 FROM {HISTORY}) THEN {_PG_RAISE % HISTORY_KEPT}; END IF;
          RETURN NULL;
        END""",
    "seuranta_closed_round_no_truncate": f"""
        BEGIN
          IF NOT {_PG_LIFTED} AND EXISTS (SELECT 1 FROM {ROUNDS} WHERE state = 'closed') THEN
            {_PG_RAISE % ROUND_CLOSED};
          END IF;
          RETURN NULL;
        END""",
}


def _postgresql(tables: set[str]) -> list[str]:
    statements = [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $${body}$$"
        for name, body in _PG_FUNCTIONS.items()
    ]
    statements += [
        f"DROP TRIGGER IF EXISTS {name} ON {table}" for table, name in PG_TRIGGERS if table in tables
    ]

    def trigger(name: str, events: str, table: str, function: str) -> str:
        return f"CREATE TRIGGER {name} BEFORE {events} ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()"

    def truncate(name: str, table: str, function: str) -> str:
        return f"CREATE TRIGGER {name} BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"

    if HISTORY in tables:
        statements.append(
            trigger(
                "seuranta_history_append_only", "UPDATE OR DELETE", HISTORY, "seuranta_history_append_only"
            )
        )
        statements.append(truncate("seuranta_history_no_truncate", HISTORY, "seuranta_history_no_truncate"))
    if ROUNDS in tables:
        statements.append(
            trigger("seuranta_closed_round", "INSERT OR UPDATE OR DELETE", ROUNDS, "seuranta_closed_round")
        )
        statements.append(
            truncate("seuranta_closed_round_no_truncate", ROUNDS, "seuranta_closed_round_no_truncate")
        )
    if ENTRIES in tables and ROUNDS in tables:
        statements.append(
            trigger("seuranta_closed_entry", "INSERT OR UPDATE OR DELETE", ENTRIES, "seuranta_closed_entry")
        )
        statements.append(
            truncate("seuranta_closed_entry_no_truncate", ENTRIES, "seuranta_closed_round_no_truncate")
        )
    return statements
