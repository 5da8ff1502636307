"""Bulk writes for the national-scale generator: PostgreSQL COPY with ids chosen in advance.

The generator is the one documented exemption from the service layer (docs/architecture.md):
it fills the stored fields the services would (search text, paths, tracking facts) itself
and writes millions of rows through COPY, which neither the model guards nor signals see.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone


class Table:
    """One model's table: its columns and, for each, the value used when a row omits it."""

    def __init__(self, model: type[models.Model], now: datetime.datetime | None = None) -> None:
        self.model = model
        self.table = model._meta.db_table
        now = now or timezone.now()
        self.fields = list(model._meta.concrete_fields)
        self.json = {f.attname for f in self.fields if isinstance(f, models.JSONField)}
        self.defaults: list[tuple[str, Any]] = []
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                default: Any = now
            elif f.primary_key:
                default = None
            else:
                default = f.get_default()
                if f.attname in self.json:
                    default = json.dumps(default)
            self.defaults.append((f.attname, default))
        self.columns = [f.column for f in self.fields]

    def row(self, values: dict[str, Any]) -> tuple:
        if self.json:
            for name in self.json & values.keys():
                values[name] = json.dumps(values[name], ensure_ascii=False)
        return tuple([values.get(name, default) for name, default in self.defaults])


def next_id(model: type[models.Model]) -> int:
    """The first free primary key (rows are copied with their ids, so links need no lookup)."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
        return int(cursor.fetchone()[0])


def reset_sequence(model: type[models.Model]) -> None:
    """Move the id sequence past the copied ids, so the services' next insert does not clash."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
            f"(SELECT COALESCE(MAX(id), 1) FROM {connection.ops.quote_name(table)}))",
            [table],
        )


def copy_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """COPY rows into a table in the current transaction; returns how many were written."""
    qn = connection.ops.quote_name
    sql = f"COPY {qn(table)} ({', '.join(qn(c) for c in columns)}) FROM STDIN"
    count = 0
    with connection.cursor() as wrapper:
        with wrapper.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    return count


def copy_model(table: Table, rows: Iterable[dict[str, Any]]) -> int:
    return copy_rows(table.table, table.columns, (table.row(r) for r in rows))


def copy_m2m(field: models.ManyToManyField, pairs: Iterable[tuple[int, int]]) -> int:
    """Rows of a many-to-many table: (source id, target id); the link ids are generated."""
    through = field.remote_field.through
    source = field.m2m_column_name()
    target = field.m2m_reverse_name()
    return copy_rows(through._meta.db_table, [source, target], pairs)


def analyze(models_: Iterable[type[models.Model]]) -> str:
    """Fresh planner statistics and a vacuum: without statistics PostgreSQL plans the big tables
    as if empty, and without a vacuum (autovacuum may be off, as on the benchmark machine) every
    index-only scan visits the heap. Returns what was run.

    VACUUM cannot run inside a transaction (a test's, for instance): there, ANALYZE alone.
    """
    qn = connection.ops.quote_name
    tables: set[str] = set()
    for model in models_:
        tables.add(model._meta.db_table)
        for field in model._meta.local_many_to_many:
            tables.add(field.remote_field.through._meta.db_table)
    command = (
        "VACUUM ANALYZE"
        if connection.vendor == "postgresql" and not connection.in_atomic_block
        else "ANALYZE"
    )
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f"{command} {qn(table)}")
    return command
