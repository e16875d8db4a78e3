"""Querysets compiled to SQL once per connection, then executed with new parameter values.

The ORM spends 0.15–0.3 ms turning a queryset into SQL; executing the statement costs a
tenth of that. Pages that every user opens many times a day (the case page, the session and
user lookups of every request) run the same dozen statements with other ids. ``prepared``
builds such a queryset once with marker values, compiles it, remembers where each marker sits
in the parameters, and from then on only executes the SQL with the real values, turning rows
into results exactly as the queryset would (Django's own converters and related populators).

    _EVENTS = prepared(lambda case_id: CaseEvent.objects.filter(case_id=case_id)
                       .select_related("actor").order_by("sequence"), int)
    events = _EVENTS(case.pk)          # a list, as list(queryset) would give

Only the values of parameters change; the statement's shape must not depend on them (no
lists for ``__in`` built from a value, no branches on a value). A value may appear in several
parameters. Text values may be turned into LIKE patterns by a lookup (``startswith``,
``icontains`` …: escaped and wrapped in ``%``) or get a fixed text before or after them; the
marker used for text contains ``%`` and ``_`` so that escaping shows in the compiled parameters
and is repeated for every real value. Any other change of a value (``upper()``, a slice) hides
the marker, and the builder is refused when it is first compiled (``PreparedQueryError``),
never executed wrongly. Supported: model instances (with ``select_related``, annotations),
``values_list`` (also ``flat=True``) and ``values()``.
"""

from __future__ import annotations

import datetime
import re
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)

__all__ = ["PreparedQueryError", "prepared", "statement_cursor"]


class PreparedQueryError(Exception):
    """The builder's queryset cannot be reused with other values."""


_MARKER_DATETIME = datetime.datetime(1901, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)


def _marker(kind: type, index: int, second: bool = False) -> Any:
    """Values no real query uses, distinct per position. Each builder is compiled twice, with a
    first and a second set of markers: the two statements must be the same and their
    parameters differ exactly where the markers sit (see ``_Compiled.check``)."""
    if kind is int:
        # Inside every integer column's range, also a small integer's (Django turns an
        # out-of-range lookup into an empty result instead of SQL), and positive.
        return 32_749 - index * 97 - (11_003 if second else 0)
    if kind is str:
        # % and _ make LIKE escaping visible (see _text_slots).
        return f"\u27e6hf-{'second' if second else 'prepared'}-{index}%_\u27e7"
    if kind is datetime.datetime:
        return _MARKER_DATETIME + datetime.timedelta(microseconds=index + 1, days=400 if second else 0)
    if kind is datetime.date:
        return datetime.date(1901, 2, 3) + datetime.timedelta(days=index + (400 if second else 0))
    raise PreparedQueryError(f"Parametertyp {kind!r} wird nicht unterstützt (int, str, date, datetime).")


def _adapters(kind: type, connection) -> list[Callable[[Any], Any]]:
    """The ways a value of this kind can appear among the compiled parameters."""
    ops = connection.ops
    if kind is datetime.datetime:
        return [lambda v: v, ops.adapt_datetimefield_value]
    if kind is datetime.date:
        return [lambda v: v, ops.adapt_datefield_value]
    if kind is int:
        # PostgreSQL with psycopg 3 sends small, normal and big integers as typed values.
        return [lambda v: v, *dict.fromkeys(getattr(ops, "integerfield_type_map", {}).values())]
    return [lambda v: v]


class _Compiled:
    __slots__ = ("connection", "sql", "params", "slots", "compiler", "iterable", "names", "db", "converters")

    def __init__(self, queryset, kinds: tuple[type, ...], markers: list[Any], connection):
        if queryset._prefetch_related_lookups:
            raise PreparedQueryError("prefetch_related wird nicht unterstützt.")
        if queryset._known_related_objects:
            raise PreparedQueryError("Querysets eines Related Managers werden nicht unterstützt; "
                                     "nach der Fremdschlüssel-Spalte filtern.")
        if queryset._iterable_class not in (ModelIterable, ValuesIterable, ValuesListIterable,
                                            FlatValuesListIterable):
            raise PreparedQueryError(f"{queryset._iterable_class.__name__} wird nicht unterstützt.")
        self.connection = connection
        self.db = queryset.db
        self.iterable = queryset._iterable_class
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        params = list(params)
        slots: list[tuple[int, int, Callable[[Any], Any]]] = []
        for position, (kind, marker) in enumerate(zip(kinds, markers, strict=True)):
            if kind is str:
                found = _text_slots(params, position, marker, connection)
            else:
                found = {}
                for adapt in _adapters(kind, connection):
                    for i, param in enumerate(params):
                        if _same(param, adapt(marker)):
                            found.setdefault(i, adapt)
            if not found:
                raise PreparedQueryError(
                    f"Der Parameter {marker!r} erscheint nicht (oder verändert) in der übersetzten "
                    "Abfrage; diese Abfrage lässt sich nicht vorbereiten.")
            if any(i == index for index, _, _ in slots for i in found):
                raise PreparedQueryError("Zwei Werte stehen im selben Parameter der übersetzten Abfrage; "
                                         "diese Abfrage lässt sich nicht vorbereiten.")
            slots.extend((i, position, adapt) for i, adapt in found.items())
        self.sql, self.params, self.slots, self.compiler = sql, params, slots, compiler
        query = queryset.query
        self.names = [*query.extra_select, *query.values_select, *query.annotation_select]
        fields = [s[0] for s in compiler.select[0:compiler.col_count]]
        self.converters = compiler.get_converters(fields)

    def check(self, queryset, markers: list[Any]) -> None:
        """The builder compiled with other markers gives the same statement, and the parameters
        this one would fill in for them: no branch, constant or list taken from a value."""
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
        if sql != self.sql or self._params(markers) != list(params):
            raise PreparedQueryError("Die übersetzte Abfrage hängt von den Werten ab (mit anderen Werten "
                                     "entsteht eine andere Abfrage); sie lässt sich nicht vorbereiten.")

    def _params(self, values) -> list:
        params = self.params.copy()
        for index, position, adapt in self.slots:
            params[index] = adapt(values[position])
        return params

    def rows(self, values) -> list:
        params = self._params(values)
        with statement_cursor(self.connection) as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = [tuple(r) for r in self.compiler.apply_converters(rows, self.converters)]
        return rows

    def results(self, values) -> list:
        rows = self.rows(values)
        if self.iterable is FlatValuesListIterable:
            return [r[0] for r in rows]
        if self.iterable is ValuesListIterable:
            return rows
        if self.iterable is ValuesIterable:
            return [dict(zip(self.names, r, strict=True)) for r in rows]
        return self._instances(rows)

    def _instances(self, rows) -> list:
        compiler = self.compiler
        select, klass_info, annotation_col_map = compiler.select, compiler.klass_info, compiler.annotation_col_map
        model_cls = klass_info["model"]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [f[0].target.attname for f in select[start:end]]
        populators = get_related_populators(klass_info, select, self.db)
        objects = []
        for row in rows:
            obj = model_cls.from_db(self.db, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            if annotation_col_map:
                for name, position in annotation_col_map.items():
                    setattr(obj, name, row[position])
            objects.append(obj)
        return objects


def statement_cursor(connection):
    """A cursor for statements that run again and again with other values.

    PostgreSQL: server-side binding, and the statement prepared on the server at its first use
    on the connection (``prepare=True``), so the server parses and plans it once per
    connection, not per request. Django leaves psycopg's prepared statements off by default
    for the sake of transaction-pooling proxies; ``HAERTEFALL_PG_PREPARE=0`` turns this off
    where such a proxy stands between application and database. Wrapped like every Django
    cursor (query log, error translation). Other databases: Django's own cursor."""
    if connection.vendor != "postgresql" or not getattr(settings, "HAERTEFALL_PG_PREPARE", True):
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        return connection._prepare_cursor(_pg_preparing_cursor(connection))


_PREPARING_CURSOR = None


def _pg_preparing_cursor(connection):
    global _PREPARING_CURSOR
    from django.db.backends.postgresql.base import TIMESTAMPTZ_OID, ServerBindingCursor
    from django.db.backends.postgresql.psycopg_any import register_tzloader
    from psycopg.pq import Format

    if _PREPARING_CURSOR is None:
        class PreparingCursor(ServerBindingCursor):
            def execute(self, query, params=None, *, prepare=None, binary=None):
                return super().execute(query, params, prepare=True, binary=binary)

        _PREPARING_CURSOR = PreparingCursor
    cursor = _PREPARING_CURSOR(connection.connection)
    # As Django's create_cursor: the cursor's time zone only where the connection's differs.
    loader = connection.connection.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)
    if connection.timezone != loader.timezone:
        register_tzloader(connection.timezone, cursor)
    return cursor


def _text_slots(params: list, position: int, marker: str, connection) -> dict[int, Callable[[str], str]]:
    """Where a text marker sits among the parameters, and how each place is made from a value:
    as it is, or escaped for LIKE (the marker's ``%`` and ``_`` show which), with the fixed
    text around it kept. A parameter that holds a changed marker is refused."""
    escape = connection.ops.prep_for_like_query
    escaped = escape(marker)
    trace = re.compile(rf"hf-prepared-{position}(?![0-9])")
    found: dict[int, Callable[[str], str]] = {}
    for i, param in enumerate(params):
        if not isinstance(param, str) or not trace.search(param.casefold()):
            continue
        if param.count(escaped) == 1 and param.count(marker) == 0:
            before, after = param.split(escaped)
            found[i] = lambda v, before=before, after=after: f"{before}{escape(v)}{after}"
        elif param.count(marker) == 1:
            before, after = param.split(marker)
            found[i] = (lambda v: v) if not before and not after else (
                lambda v, before=before, after=after: f"{before}{v}{after}")
        else:
            raise PreparedQueryError(
                f"Der Parameter {marker!r} erscheint verändert ({param!r}) in der übersetzten Abfrage; "
                "diese Abfrage lässt sich nicht vorbereiten.")
    return found


def _same(param: Any, marker: Any) -> bool:
    return type(param) is type(marker) and param == marker


class PreparedQuery:
    """A queryset builder compiled once per database connection; call it with the values."""

    def __init__(self, build: Callable[..., Any], *kinds: type, using: str = DEFAULT_DB_ALIAS):
        self.build = build
        self.kinds = kinds
        self.using = using
        self._local = threading.local()

    def _compiled(self) -> _Compiled:
        connection = connections[self.using]
        compiled = getattr(self._local, "compiled", None)
        if compiled is None or compiled.connection is not connection:
            markers = [_marker(kind, i) for i, kind in enumerate(self.kinds)]
            compiled = _Compiled(self.build(*markers), self.kinds, markers, connection)
            second = [_marker(kind, i, second=True) for i, kind in enumerate(self.kinds)]
            compiled.check(self.build(*second), second)
            self._local.compiled = compiled
        return compiled

    def __call__(self, *values) -> list:
        if len(values) != len(self.kinds):
            raise TypeError(f"{len(self.kinds)} Werte erwartet, {len(values)} erhalten.")
        return self._compiled().results(values)

    def first(self, *values):
        results = self(*values)
        return results[0] if results else None

    @property
    def sql(self) -> str:
        return self._compiled().sql


def prepared(build: Callable[..., Any], *kinds: type, using: str = DEFAULT_DB_ALIAS) -> PreparedQuery:
    return PreparedQuery(build, *kinds, using=using)
