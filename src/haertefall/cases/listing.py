"""The case list's first page: the filters' statement compiled once per shape.

The case list is the office's most used page. Building its query from the filters (django-filter,
the search's subqueries, the ORM's compiler) cost more than running it. The filters a user sets
are few, and their combinations — which filters, how many search words, which ordering — are
the query's *shape*; the values change with every request. ``first_page`` keeps one prepared
statement (core.prepared) per shape, built by the same filter objects the API uses with marker
values, and runs it with the request's values.

A misspelt search word is matched by the recorded words similar to it: their number is part of
the shape. Shapes that cannot be prepared take the ORM path (``None``): a member's scope (a
list of case ids of any length), the overdue filter (today's date decided inside the filter),
and any page after the first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.db.models import F, FilteredRelation, OuterRef, Q, QuerySet, Subquery
from django_filters.constants import EMPTY_VALUES

from haertefall.accounts.models import OFFICE_ROLES, Role
from haertefall.core.prepared import PreparedQuery, prepared
from haertefall.registers.models import Authority, Country

from .filters import CaseFilter
from .models import Case, Person, Relationship
from .selectors import SearchPlan, search_plan

# What the list shows (cases/list.html, presenters.list_row_html); the rest of a case is not read.
LIST_COLUMNS = ("file_number", "received_on", "state", "closure", "persons_count", "authority_id", "country_id")
# Shapes kept per process; each is a statement of a few kB. Rarely used ones are dropped first.
MAX_SHAPES = 256


def list_queryset(visible: QuerySet[Case]) -> QuerySet[Case]:
    """The columns the list shows; the main person's name by a join (at most one main person
    per case, a database constraint) instead of a second query for the persons; the authority's
    and the country's names as subqueries: joined, the two register tables tripled the time
    PostgreSQL spends planning the statement (0.2 → 0.55 ms at every request)."""
    return (visible.only(*LIST_COLUMNS)
            .annotate(main=FilteredRelation("persons", condition=Q(persons__relationship=Relationship.MAIN)))
            .annotate(main_person_pk=F("main__pk"), main_family_name=F("main__family_name"),
                      main_given_names=F("main__given_names"),
                      authority_name=Subquery(Authority.objects.filter(pk=OuterRef("authority_id")).values("name")),
                      country_name=Subquery(Country.objects.filter(pk=OuterRef("country_id")).values("name"))))


def name_rows(cases: list[Case]) -> list[Case]:
    """Give each listed case its main person's name as the list writes it."""
    for case in cases:
        case.main_name = (Person.label(case.main_family_name, case.main_given_names)
                          if case.main_person_pk is not None else "")
    return cases


_shapes: OrderedDict[tuple, PreparedQuery] = OrderedDict()
_shapes_lock = threading.Lock()


def first_page(user, case_filter: CaseFilter | None, size: int) -> list[Case] | None:
    """The first ``size`` cases of a valid bound filter (None: all the user may see), as
    ``case_filter.qs[:size]`` would give them, by a prepared statement; ``None`` where the
    shape is not prepared."""
    if user.role in OFFICE_ROLES:
        shape, values = [("size", size), ("scope", "all")], []
    elif user.role == Role.AUTHORITY and user.authority_id is not None:
        shape, values = [("size", size), ("scope", "authority")], [user.authority_id]
    else:
        return None
    data = case_filter.form.cleaned_data if case_filter is not None else {}
    for name, value in data.items():
        if value in EMPTY_VALUES:
            continue
        if name == "q":
            plan = search_plan(value)
            if plan is None:
                continue
            if plan.similar is None:
                shape.append(("q", len(plan.words), None))
                values += [plan.number, *plan.words]
            else:  # misspelt words: the recorded words similar to each are the values
                shape.append(("q", len(plan.words), tuple(len(similar) for similar in plan.similar)))
                values += [plan.number, *(word for similar in plan.similar for word in similar)]
        elif name == "ordering":
            shape.append(("ordering", tuple(value)))
        elif name == "state":
            shape.append((name,))
            values.append(str(value))
        elif name == "year":
            shape.append((name,))
            values.append(int(value))
        elif name in ("authority", "country"):
            shape.append((name,))
            values.append(value.pk)
        elif name == "overdue" and value is False:
            continue  # the filter's method leaves the cases as they are
        else:
            return None  # overdue, and any filter added later: the ORM path
    # The shape fixes which values there are, so their types are the statement's kinds.
    return _statement(tuple(shape), tuple(type(v) for v in values))(*values)


def _statement(shape: tuple, kinds: tuple[type, ...]) -> PreparedQuery:
    with _shapes_lock:
        statement = _shapes.get(shape)
        if statement is not None:
            _shapes.move_to_end(shape)
            return statement
    statement = prepared(lambda *markers: _build(shape, list(markers)), *kinds)
    with _shapes_lock:
        _shapes[shape] = statement
        while len(_shapes) > MAX_SHAPES:
            _shapes.popitem(last=False)
    return statement


def _build(shape: tuple, markers: list) -> QuerySet[Case]:
    """The list's first page for a shape, from the filters themselves (as ``CaseFilter.qs``)."""
    cases = Case.objects.all()
    filterset = CaseFilter(queryset=cases)
    size = 0
    for kind, *rest in shape:
        if kind == "size":
            size = rest[0]
            continue
        if kind == "scope":
            if rest[0] == "authority":
                cases = cases.filter(authority_id=markers.pop(0))
            continue
        if kind == "q":
            words, similar = rest
            number = markers.pop(0)
            if similar is None:
                value = SearchPlan(number=number, words=tuple(markers.pop(0) for _ in range(words)))
            else:
                value = SearchPlan(number=number, words=tuple(f"w{i}" for i in range(words)),
                                   similar=tuple(tuple(markers.pop(0) for _ in range(n)) for n in similar))
        elif kind == "ordering":
            value = list(rest[0])
        else:
            value = markers.pop(0)
        cases = filterset.filters[kind].filter(cases, value)
    return list_queryset(cases)[:size]
