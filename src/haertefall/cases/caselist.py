"""The case list: one selector for the list page and the API, and one way to log what it showed."""

import secrets
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.urls import reverse

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import AccessDenied

from .access import can_list_cases, cases_visible_for
from .filters import CaseFilter
from .models import Case, Person, Relationship


def case_list_for(*, user, filters=None) -> CaseFilter:
    """The cases ``user`` may see, narrowed by ``filters`` (the query parameters of the list
    page or the API: search, state, year, authority, country, overdue, ordering).

    Returns the filter set: ``.qs`` are the cases, ``.form`` the filter form with its errors
    (a filter with an invalid value is left out of ``.qs``). Each case comes with its authority,
    its country and ``main_persons`` (a list of at most one: the main person). Raises
    ``AccessDenied`` for roles without a case list."""
    if not can_list_cases(user):
        raise AccessDenied
    # Three queries a page (count, cases, their main persons), whatever the page size.
    cases = cases_visible_for(user).select_related("authority", "country").prefetch_related(
        Prefetch("persons", queryset=Person.objects.filter(relationship=Relationship.MAIN)
                 .only("case_id", "family_name", "given_names"), to_attr="main_persons"))
    return CaseFilter(filters or None, queryset=cases, user=user)


def case_list_read_log(*, user, request, cases: list[Case], searched: bool) -> None:
    """One audit entry per list shown, page or API: whose names it showed (the data-protection
    officer's "who saw this person" finds list views) and which cases. A search is logged as
    such, never with its words: they may be names."""
    audit_log(user=user, action=AuditEntry.Action.SEARCH if searched else AuditEntry.Action.READ,
              object_type="cases.case", request=request,
              person_ids=[person.pk for case in cases for person in case.main_persons],
              # The count first: the detail column is short, the ids of a long page are cut.
              detail=("Fallsuche; " if searched else "")
              + f"Fallliste, {len(cases)} Fälle: {','.join(str(c.pk) for c in cases)}")


# A search text (it may be a name) is kept in the session under a random id, never in the
# address (decision 0097); the list, its export and its saved filters read it from there.
STORED_SEARCHES = "hf_case_searches"
# Parameters of the address that change how the list is shown, not which cases it holds; with
# a kept search they are read from the address too (sorting a search's result keeps the search).
VIEW_PARAMETERS = ("ordering",)


class SearchExpired(Exception):
    """The address names a kept search the session no longer holds."""


def case_list_filters(request):
    """The list's filters as ``request`` carries them: the query parameters, or the kept
    search the parameter ``suche`` names (with the address's view parameters on top).
    Raises ``SearchExpired`` when that search is gone (another session, or too old)."""
    stored = request.GET.get("suche")
    if not stored:
        return request.GET
    filters = request.session.get(STORED_SEARCHES, {}).get(stored)
    if filters is None:
        raise SearchExpired
    return {**filters, **{k: request.GET[k] for k in VIEW_PARAMETERS if request.GET.get(k)}}


MAX_STORED_SEARCHES = 20


def case_list_address(request, filters: dict) -> str:
    """The list's address for ``filters``: as query parameters, or — with a search text —
    as the id of a search kept in the session (the newest twenty)."""
    if not filters.get("q"):
        return f"{reverse('cases:list')}?{urlencode(filters)}" if filters else reverse("cases:list")
    searches = request.session.get(STORED_SEARCHES, {})
    key = secrets.token_urlsafe(9)
    searches[key] = filters
    request.session[STORED_SEARCHES] = dict(list(searches.items())[-MAX_STORED_SEARCHES:])
    return f"{reverse('cases:list')}?{urlencode({'suche': key})}"
