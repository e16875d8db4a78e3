"""Permission rows for the office's daily work (decisions 0117, 0118): whose case it is,
substitutions, calendar, work queues — pages and API. Only the office; the head alone
reassigns (an office user's reassignment is refused, 403 on the page, 400 from the service in the
API's input check)."""

from datetime import date, timedelta

OFFICE_PAGE = {"office": 200, "office_head": 200, "member": 403, "authority": 403, "ministry": 403,
               "dpo": 403, "admin": 403, "anonymous": 302}
OFFICE_POST = {**OFFICE_PAGE, "office": 302, "office_head": 302}
OFFICE_API = {**OFFICE_PAGE, "anonymous": 403}


def _pk(value):
    return getattr(value, "pk", value)


def _users(world):
    return world["users"]["office"], world["users"]["office_head"]


def _unassigned_case(world) -> int:
    """A new case of authority B nobody has taken yet."""
    if "work_unassigned_case" not in world:
        from haertefall.cases.models import Case
        from haertefall.cases.services.intake import PersonInput, case_receive

        case_b = Case.objects.get(pk=_pk(world["case_b"]))
        world["work_unassigned_case"] = case_receive(
            actor=_users(world)[0], received_on=date.today(), authority=case_b.authority, assigned_to=None,
            main_person=PersonInput(family_name="Matrix", nationality=case_b.country)).pk
    return world["work_unassigned_case"]


def _substitution(world) -> int:
    """The office user's planned absence, her head standing in."""
    if "work_substitution" not in world:
        from haertefall.accounts.models import Substitution

        office, head = _users(world)
        world["work_substitution"] = Substitution.objects.create(
            absent=office, substitute=head, starts_on=date.today() + timedelta(days=7),
            ends_on=date.today() + timedelta(days=14), created_by=office).pk
    return world["work_substitution"]


ROWS = [
    # --- pages ---------------------------------------------------------------------------
    {"name": "cases:assignment", "kwargs": lambda w: {"pk": _pk(w["case_b"])}, "method": "get",
     "expect": OFFICE_PAGE},
    # Without a chosen officer the head's form answers 400; an office user may not reassign.
    {"name": "cases:assignment", "kwargs": lambda w: {"pk": _pk(w["case_b"])}, "method": "post",
     "expect": {**OFFICE_PAGE, "office": 403, "office_head": 400}},
    {"name": "cases:take", "kwargs": lambda w: {"pk": _unassigned_case(w)}, "method": "post",
     "expect": OFFICE_POST},
    {"name": "cases:substitutions", "kwargs": None, "method": "get", "expect": OFFICE_PAGE},
    {"name": "cases:substitutions", "kwargs": None, "method": "post",
     "expect": {**OFFICE_PAGE, "office": 400, "office_head": 400}},
    {"name": "cases:substitution_end", "kwargs": lambda w: {"pk": _substitution(w)}, "method": "post",
     "expect": OFFICE_POST},
    {"name": "cases:calendar", "kwargs": None, "method": "get", "expect": OFFICE_PAGE},
    {"name": "cases:calendar", "kwargs": None, "method": "get", "data": {"ansicht": "liste", "meine": "1"},
     "expect": OFFICE_PAGE},
    # --- API -----------------------------------------------------------------------------
    {"name": "cases-api:case-assignment", "kwargs": lambda w: {"pk": _pk(w["case_b"])}, "method": "get",
     "expect": OFFICE_API},
    {"name": "cases-api:case-assignment", "kwargs": lambda w: {"pk": _pk(w["case_b"])}, "method": "post",
     "expect": {**OFFICE_API, "office": 400, "office_head": 400}},
    {"name": "cases-api:case-take", "kwargs": lambda w: {"pk": _unassigned_case(w)}, "method": "post",
     "expect": OFFICE_API},
    {"name": "cases-api:queues", "kwargs": None, "method": "get", "expect": OFFICE_API},
    {"name": "cases-api:substitutions", "kwargs": None, "method": "get", "expect": OFFICE_API},
    {"name": "cases-api:substitutions", "kwargs": None, "method": "post",
     "expect": {**OFFICE_API, "office": 400, "office_head": 400}},
    {"name": "cases-api:calendar", "kwargs": None, "method": "get",
     "data": {"start": "2026-01-01", "end": "2026-01-31"}, "expect": OFFICE_API},
    {"name": "cases-api:calendar", "kwargs": None, "method": "get", "data": {"start": "2026-01-31", "end": "2026-01-01"},
     "expect": {**OFFICE_API, "office": 400, "office_head": 400}},
]
