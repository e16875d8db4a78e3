"""Navigation entries by role, so every page shows only what the user may open."""

from django.urls import NoReverseMatch, reverse

from haertefall.accounts.models import Role

# (url name, label, roles that see it)
NAVIGATION = [
    ("core:home", "Übersicht", None),
    ("cases:list", "Fälle", {Role.OFFICE_HEAD, Role.OFFICE, Role.AUTHORITY, Role.MEMBER}),
    ("cases:intake", "Neuer Antrag", {Role.OFFICE_HEAD, Role.OFFICE}),
    ("meetings:list", "Sitzungen", {Role.OFFICE_HEAD, Role.OFFICE, Role.MEMBER}),
    ("authorities:inbox", "Anfragen", {Role.AUTHORITY}),
    ("authorities:ministry", "Beabsichtigte Entscheidungen", {Role.MINISTRY}),
    ("statistics:report", "Statistik", {Role.OFFICE_HEAD, Role.OFFICE, Role.MINISTRY}),
    ("imports:upload", "Register-Import", {Role.OFFICE_HEAD, Role.OFFICE}),
    ("correspondence:templates", "Vorlagen", {Role.OFFICE_HEAD, Role.OFFICE}),
    ("audit:search", "Protokoll", {Role.DPO}),
    ("accounts:users", "Benutzer", {Role.ADMIN}),
    ("retention:rules", "Löschfristen", {Role.ADMIN, Role.DPO}),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for name, label, roles in NAVIGATION:
        if roles is not None and user.role not in roles:
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue  # part not installed yet
        items.append({"url": url, "label": label, "active": request.path.startswith(url) and url != "/"})
    return {"nav_items": items}
