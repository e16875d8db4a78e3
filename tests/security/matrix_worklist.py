"""Permission matrix rows for the list tools (saved filters, export, bulk actions), pages and API.

A saved filter belongs to the office user ``w-office``: nobody else sees, uses or deletes it
(404, as for an object that is not there). Export: the office and an authority (its own cases),
not the commission's members (decision 0119). Bulk actions: the office only (decision 0120); the
row asks for an overdue-statement reminder for case B, whose deadline still runs, so every
allowed request answers the same and changes nothing.
"""

LIST_ROLES = {"office": 302, "office_head": 302, "member": 302, "authority": 302, "ministry": 403,
              "dpo": 403, "admin": 403, "anonymous": 302}
OWN_FILTER = {"office": 302, "office_head": 404, "member": 404, "authority": 404, "ministry": 404,
              "dpo": 404, "admin": 404, "anonymous": 302}
EXPORT = {"office": 200, "office_head": 200, "member": 403, "authority": 200, "ministry": 403,
          "dpo": 403, "admin": 403, "anonymous": 302}
OFFICE_ONLY = {"office": 302, "office_head": 302, "member": 403, "authority": 403, "ministry": 403,
               "dpo": 403, "admin": 403, "anonymous": 302}


def _api(expect: dict, ok: int | None = None) -> dict:
    """The API answers anonymous requests with 403 and does not redirect."""
    return {role: (403 if role == "anonymous" else (ok if status == 302 and ok else status))
            for role, status in expect.items()}


def office_filter(world) -> dict:
    if "worklist_filter" not in world:
        from haertefall.worklist.models import SavedFilter

        world["worklist_filter"] = SavedFilter.objects.create(
            user=world["users"]["office"], name="Matrix", query={"state": "received"}).pk
    return {"pk": world["worklist_filter"]}


ROWS = [
    # --- pages ---------------------------------------------------------------------------
    {"name": "worklist:export", "kwargs": lambda w: {"fmt": "csv"}, "method": "get", "expect": EXPORT},
    {"name": "worklist:filter_save", "kwargs": None, "method": "post",
     "data": {"name": "Matrix neu", "state": "received"}, "expect": LIST_ROLES},
    {"name": "worklist:filter_apply", "kwargs": office_filter, "method": "get", "expect": OWN_FILTER},
    {"name": "worklist:filter_delete", "kwargs": office_filter, "method": "post", "expect": OWN_FILTER},
    {"name": "worklist:bulk", "kwargs": None, "method": "post",
     "data": lambda w: {"action": "reminder", "faelle": [w["case_b"]]}, "expect": OFFICE_ONLY},
    # Without a result to show the office is sent back to the list.
    {"name": "worklist:bulk_result", "kwargs": None, "method": "get", "expect": OFFICE_ONLY},
    # --- API -----------------------------------------------------------------------------
    {"name": "worklist-api:saved-filters", "kwargs": None, "method": "get", "expect": _api(LIST_ROLES, 200)},
    {"name": "worklist-api:saved-filters", "kwargs": None, "method": "post",
     "data": {"name": "Matrix API", "query": {"state": "received"}}, "expect": _api(LIST_ROLES, 201)},
    {"name": "worklist-api:saved-filter-detail", "kwargs": office_filter, "method": "get",
     "expect": _api(OWN_FILTER, 200)},
    {"name": "worklist-api:saved-filter-detail", "kwargs": office_filter, "method": "delete",
     "expect": _api(OWN_FILTER, 204)},
    {"name": "worklist-api:export", "kwargs": lambda w: {"fmt": "xlsx"}, "method": "get", "expect": _api(EXPORT)},
    {"name": "worklist-api:bulk", "kwargs": None, "method": "post",
     "data": lambda w: {"action": "reminder", "case_ids": [w["case_b"]]}, "expect": _api(OFFICE_ONLY, 200)},
]
