"""Writing the audit trail. Called by access functions and services, never with content."""

from collections.abc import Iterable

from .models import AuditEntry


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_log(
    *,
    user,
    action: str,
    obj=None,
    object_type: str = "",
    object_id: str | int = "",
    case=None,
    person_ids: Iterable[int] = (),
    request=None,
    detail: str = "",
) -> AuditEntry:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    return AuditEntry.objects.create(
        user=user if authenticated else None,
        username=(user.get_username() if authenticated else ""),
        role=(getattr(user, "role", "") if authenticated else ""),
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        case_id=getattr(case, "pk", None),
        file_number=getattr(case, "file_number", ""),
        person_ids=sorted(person_ids),
        ip_address=_client_ip(request),
        detail=detail[:200],
    )
