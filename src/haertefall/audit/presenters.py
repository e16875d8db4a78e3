"""German names for what an audit entry records: the role and the object, never the internal
codes the entry stores (``office``, ``cases.case``)."""

from django.contrib.contenttypes.models import ContentType

from haertefall.accounts.models import Role

# Entries about something that is no database row (a page, a report, an export).
PAGES = {
    "authorities.inbox": "Anfragen der Ausländerbehörde",
    "cases.calendar": "Fristenkalender",
    "imports.register": "Register",
    "statistics.figures": "Veröffentlichte Zahlen",
    "statistics.report": "Statistik",
}


def object_type_label(object_type: str) -> str:
    """The model's German name (its verbose name, read through the content types Django keeps
    and caches) or the page's; "Objekt" where neither is known."""
    if not object_type:
        return ""
    if object_type in PAGES:
        return PAGES[object_type]
    app_label, _dot, model = object_type.partition(".")
    try:
        return str(ContentType.objects.get_by_natural_key(app_label, model).name)
    except ContentType.DoesNotExist:
        return "Objekt"


def object_label(entry) -> str:
    """"Fall HFK-2024-0001", "Sitzung Nr. 12", "Statistik"."""
    name = object_type_label(entry.object_type)
    if entry.object_type == "cases.case" and entry.file_number:
        return f"{name} {entry.file_number}"
    if entry.object_id:
        return f"{name} Nr. {entry.object_id}"
    return name


def role_label(code: str) -> str:
    return Role(code).label if code in Role.values else code
