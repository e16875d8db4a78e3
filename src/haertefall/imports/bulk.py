"""Fast inserts for the register import.

Django's ``bulk_create`` builds a model instance and runs every field's preparation for each
of the ~300,000 rows of a large register; that alone takes longer than the 20 s the import
may take. Here each column's adapter is chosen once, defaults are computed once, and rows go
to the database with ``executemany``. The values were validated before (services.py); this
module only writes, inside the caller's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import islice

from django.db import connection, models
from django.utils import timezone


def _adapter(field):
    sqlite = connection.vendor == "sqlite"
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        # Django stores SQLite dates as ISO text; the method is what its adapter calls.
        return date.isoformat if sqlite else connection.ops.adapt_datefield_value
    if isinstance(field, models.JSONField):
        # JSON as text: SQLite stores it so, PostgreSQL's COPY reads it into jsonb.
        return lambda value: json.dumps(value, cls=field.encoder)
    return None  # text, numbers, foreign keys: passed as they are


def bulk_insert(model, columns: Sequence[str], rows: Iterable[Sequence], *, batch_size: int = 2000) -> int:
    """Insert ``rows`` (values in the order of ``columns``, by attname); other fields get
    their default (``auto_now``/``auto_now_add`` fields: now). Returns the number of rows."""
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    fields = [by_attname[c] for c in columns]
    adapters = [_adapter(f) for f in fields]
    now = timezone.now()
    rest, constants = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.generated or field.attname in columns:
            continue  # generated columns (Case.file_number_key) are the database's to write
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        else:
            value = field.get_default()
        rest.append(field)
        constants.append(field.get_db_prep_save(value, connection))
    constants = tuple(constants)
    quote = connection.ops.quote_name
    names = ", ".join(quote(f.column) for f in (*fields, *rest))
    row_marks = "(" + ", ".join(["%s"] * (len(fields) + len(rest))) + ")"
    table = quote(model._meta.db_table)
    adapted = [(i, adapt) for i, adapt in enumerate(adapters) if adapt is not None]
    count = 0
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while batch := list(islice(iterator, batch_size)):
            params = []
            for row in batch:
                values = list(row)
                for i, adapt in adapted:
                    if values[i] is not None:
                        values[i] = adapt(values[i])
                params.append((*values, *constants))
            if connection.vendor == "postgresql":
                # COPY streams the rows in one command; INSERTs would cost a round trip each.
                # The raw psycopg cursor: wrap its errors as Django's (IntegrityError …).
                with connection.wrap_database_errors, \
                        cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for values in params:
                        copy.write_row(values)
            else:
                # SQLite runs executemany in C with one prepared statement.
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES {row_marks}", params)  # noqa: S608 - names from model meta
            count += len(batch)
    return count
