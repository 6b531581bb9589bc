"""Selects whose SQL is built once per database connection, then run with each request's ids.

Django builds a queryset's SQL anew every time it runs, and for a select of some ninety columns over five
joined tables that costs more CPU (over a millisecond) than PostgreSQL takes to run the query. The few selects
that every report submission makes (the entry with its round, plan and node; the node's indicators with their
measures) are built once per connection with placeholder ids and run with the request's: the same SQL, the
same parameters in the same places, and their rows go through the ORM's own converters, so they read exactly
as the queryset's `values_list` would. Only `values_list` querysets (plain tuples): the caller builds its
model instances with `Model.from_db`, as a queryset would.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.transaction import TransactionManagementError

# The placeholders the queryset is built with: distinct integers that no id and no other parameter takes.
_PLACEHOLDER = -7_301_000_000


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple  # the parameters as built, placeholders included
    slots: tuple[tuple[int, int], ...]  # (position in params, index of the id that goes there)
    locks: bool  # select_for_update: only inside a transaction, as the ORM insists
    compiler: Any  # Django's SQL compiler of the query, for its row converters


class PreparedSelect:
    """A `values_list` select built by `build(*ids)` once per database connection, run with new ids.

    `for_share`: the rows locked against an exclusive lock until the transaction ends, PostgreSQL's FOR SHARE
    (which Django's select_for_update does not offer: shared holders do not wait for each other); elsewhere
    (SQLite serialises writers anyway) an ordinary select_for_update."""

    def __init__(self, build: Callable[..., QuerySet], ids: int, *, for_share: bool = False) -> None:
        self._build = build
        self._ids = ids
        self._for_share = for_share
        self._compiled: WeakKeyDictionary[Any, _Compiled] = WeakKeyDictionary()
        self._lock = threading.Lock()

    def rows(self, *ids: int | None, using: str = DEFAULT_DB_ALIAS) -> list[tuple]:
        """The rows for these ids (None where SQL NULL is meant), converted as `values_list` converts them."""
        if len(ids) != self._ids:
            raise TypeError(f"expected {self._ids} ids, got {len(ids)}")
        connection = connections[using]
        compiled = self._compiled.get(connection) or self._compile(connection, using)
        if compiled.locks and connection.get_autocommit():
            raise TransactionManagementError("select_for_update cannot be used outside of a transaction.")
        params = list(compiled.params)
        for position, index in compiled.slots:
            params[position] = ids[index]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            found = cursor.fetchall()
        return list(compiled.compiler.results_iter(results=[found], tuple_expected=True))

    def _compile(self, connection, using: str) -> _Compiled:
        placeholders = [_PLACEHOLDER - n for n in range(self._ids)]
        queryset = self._build(*placeholders)
        share = self._for_share and connection.vendor == "postgresql"
        if self._for_share and not share:
            queryset = queryset.select_for_update()
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        sql = f"{sql} FOR SHARE" if share else sql
        slots = tuple(
            (p, placeholders.index(v)) for p, v in enumerate(params) if _is_placeholder(v, placeholders)
        )
        if {index for _p, index in slots} != set(range(self._ids)):
            raise ValueError("every id must be a parameter of the query (not written into its SQL)")
        locks = share or bool(queryset.query.select_for_update)
        compiled = _Compiled(sql, tuple(params), slots, locks, compiler)
        with self._lock:
            self._compiled[connection] = compiled
        return compiled


def _is_placeholder(value: object, placeholders: Sequence[int]) -> bool:
    return type(value) is int and value in placeholders
