"""Navigation entries, so every page shows only what the user may open.

Each entry asks the predicate of the part whose page it links to (its ``access.py``). Until
the second factor is given every link would lead back to the token page, so there are none.
"""

from django.urls import reverse

from haertefall.accounts import access as accounts_access
from haertefall.audit import access as audit_access
from haertefall.authorities import access as authorities_access
from haertefall.cases import access as cases_access
from haertefall.core.access import user_is_verified
from haertefall.correspondence import access as correspondence_access
from haertefall.imports import access as imports_access
from haertefall.meetings import access as meetings_access
from haertefall.retention import access as retention_access
from haertefall.statistics import access as statistics_access

# (url name, label, who sees it)
NAVIGATION = [
    ("portal:home", "Übersicht", user_is_verified),
    ("cases:list", "Fälle", cases_access.can_list_cases),
    ("cases:intake", "Neuer Antrag", cases_access.can_write_case),
    ("cases:calendar", "Kalender", cases_access.can_see_office_queues),
    ("meetings:list", "Sitzungen", meetings_access.can_list_meetings),
    ("authorities:inbox", "Anfragen", authorities_access.is_authority),
    ("authorities:ministry", "Beabsichtigte Entscheidungen", authorities_access.is_ministry),
    ("statistics:report", "Statistik", statistics_access.can_read_statistics),
    ("imports:upload", "Register-Import", imports_access.can_import),
    ("correspondence:templates", "Vorlagen", correspondence_access.is_office),
    ("audit:search", "Protokoll", audit_access.can_read_audit),
    ("accounts:users", "Benutzer", accounts_access.can_administer_users),
    ("retention:rules", "Löschfristen", retention_access.can_read_retention_rules),
]


def navigation(request):
    user = getattr(request, "user", None)
    if not user_is_verified(user):
        return {"nav_items": [], "case_search": False}
    items = []
    for name, label, may_open in NAVIGATION:
        if may_open(user):
            url = reverse(name)
            items.append({"url": url, "label": label, "active": request.path.startswith(url) and url != "/"})
    # The header's search field (base.html) for everyone with a case list.
    return {"nav_items": items, "case_search": cases_access.can_list_cases(user)}
