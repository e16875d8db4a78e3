"""Permission rows for the meetings part (sessions, agenda, votes, minutes, commission).

Fixture objects: ``meeting_1`` (the member is invited, invitation sent; case_a on its
agenda), ``meeting_2`` (member not invited; case_b). Item ids are looked up from the world's
agenda items. The office prepares every session; a member sees only her own session's page
and API record; everyone else gets 404 (ids are not probed). Write-only URLs answer 405 to a
GET from the office, after the access check, so the others still get 404.
"""

ALL = ("office", "office_head", "member", "authority", "ministry", "dpo", "admin")
OFFICE_PAGE = {**{role: 404 for role in ALL}, "office": 200, "office_head": 200, "anonymous": 302}
OWN_MEETING_PAGE = {**OFFICE_PAGE, "member": 200}
OTHER_MEETING_PAGE = {**OFFICE_PAGE, "member": 404}
WRITE_ONLY_PAGE = {**OFFICE_PAGE, "office": 405, "office_head": 405}
OFFICE_API = {**{role: 404 for role in ALL}, "office": 200, "office_head": 200, "anonymous": 403}
OWN_MEETING_API = {**OFFICE_API, "member": 200}


def m1(world):
    return {"pk": world["meeting_1"]}


def m2(world):
    return {"pk": world["meeting_2"]}


def m1_item(world):
    from haertefall.meetings.models import AgendaItem

    item = AgendaItem.objects.filter(meeting_id=world["meeting_1"]).order_by("position").first()
    return {"pk": world["meeting_1"], "item_pk": item.pk}


def m1_fmt(fmt):
    return lambda world: {"pk": world["meeting_1"], "fmt": fmt}


ROWS = [
    {"name": "meetings:list", "kwargs": None, "method": "get", "expect": {**OFFICE_PAGE, "member": 200}},
    {"name": "meetings:create", "kwargs": None, "method": "get", "expect": OFFICE_PAGE},
    {"name": "meetings:members", "kwargs": None, "method": "get", "expect": OFFICE_PAGE},
    {"name": "meetings:detail", "kwargs": m1, "method": "get", "expect": OWN_MEETING_PAGE},
    {"name": "meetings:detail", "kwargs": m2, "method": "get", "expect": OTHER_MEETING_PAGE},
    {"name": "meetings:agenda_add", "kwargs": m1, "method": "get", "expect": WRITE_ONLY_PAGE},
    {"name": "meetings:agenda_remove", "kwargs": m1_item, "method": "get", "expect": WRITE_ONLY_PAGE},
    # Putting the withdrawal of a request before the commission (decision 0102): the office only;
    # a post without case and facts changes nothing and returns to the session page.
    {"name": "meetings:agenda_revocation", "kwargs": m1, "method": "get", "expect": WRITE_ONLY_PAGE},
    {"name": "meetings:agenda_revocation", "kwargs": m1, "method": "post", "data": {},
     "expect": {**OFFICE_PAGE, "office": 302, "office_head": 302}},
    {"name": "meetings:attendance", "kwargs": m1, "method": "get", "expect": OFFICE_PAGE},
    {"name": "meetings:item_decide", "kwargs": m1_item, "method": "get", "expect": OFFICE_PAGE},
    # Correction of a recorded vote (decision 0121): the item has no decision yet, so the office
    # finds nothing to correct either (404); the API refuses the missing reason first (400).
    {"name": "meetings:item_correct", "kwargs": m1_item, "method": "get",
     "expect": {**OFFICE_PAGE, "office": 404, "office_head": 404}},
    # Documents released for the session file (decision 0114): the office only; a post without
    # documents releases none and returns to the session page.
    {"name": "meetings:session_documents", "kwargs": m1_item, "method": "get", "expect": OFFICE_PAGE},
    {"name": "meetings:session_documents", "kwargs": m1_item, "method": "post", "data": {},
     "expect": {**OFFICE_PAGE, "office": 302, "office_head": 302}},
    {"name": "meetings:invite", "kwargs": m1, "method": "get", "expect": OFFICE_PAGE},
    {"name": "meetings:minutes", "kwargs": m1_fmt("pdf"), "method": "get", "expect": OFFICE_PAGE},
    {"name": "meetings:minutes", "kwargs": m1_fmt("docx"), "method": "get", "expect": OFFICE_PAGE},
    # Printed agenda and invitation (decision 0113): for the office only, also of a member's own session.
    {"name": "meetings:agenda_pdf", "kwargs": m1, "method": "get", "expect": OFFICE_PAGE},
    {"name": "meetings:invitation_pdf", "kwargs": m1, "method": "get", "expect": OFFICE_PAGE},
    {"name": "meetings:minutes_approve", "kwargs": m1, "method": "get", "expect": OFFICE_PAGE},
    # Change and cancel: the GET shows the form (cancel: the confirmation with the reason); only
    # a POST changes anything. The member invited to meeting_1 sees its page but not these.
    {"name": "meetings:edit", "kwargs": m1, "method": "get", "expect": OFFICE_PAGE},
    {"name": "meetings:edit", "kwargs": m2, "method": "get", "expect": OFFICE_PAGE},
    {"name": "meetings:cancel", "kwargs": m1, "method": "get", "expect": OFFICE_PAGE},
    {"name": "meetings:cancel", "kwargs": m1, "method": "post", "data": {},
     "expect": {**OFFICE_PAGE, "office": 200, "office_head": 200}},  # no reason: form again, nothing cancelled
    # API
    {"name": "meetings-api:meetings", "kwargs": None, "method": "get", "expect": OWN_MEETING_API},
    {"name": "meetings-api:meeting", "kwargs": m1, "method": "get", "expect": OWN_MEETING_API},
    {"name": "meetings-api:meeting", "kwargs": m2, "method": "get", "expect": OFFICE_API},
    {"name": "meetings-api:meeting", "kwargs": m1, "method": "patch", "data": {}, "expect": OFFICE_API},
    {"name": "meetings-api:meeting_cancel", "kwargs": m1, "method": "post", "data": {},
     "expect": {**OFFICE_API, "office": 400, "office_head": 400}},
    {"name": "meetings-api:agenda", "kwargs": m1, "method": "post", "data": {},
     "expect": {**OFFICE_API, "office": 400, "office_head": 400}},
    {"name": "meetings-api:agenda_item", "kwargs": m1_item, "method": "get", "expect": OFFICE_API},
    {"name": "meetings-api:attendance", "kwargs": m1, "method": "get", "expect": OFFICE_API},
    {"name": "meetings-api:item_decision", "kwargs": m1_item, "method": "get", "expect": OFFICE_API},
    {"name": "meetings-api:item_decision_correction", "kwargs": m1_item, "method": "post",
     "expect": {**OFFICE_API, "office": 400, "office_head": 400}},
    {"name": "meetings-api:agenda_item_session_documents", "kwargs": m1_item, "method": "get", "expect": OFFICE_API},
    {"name": "meetings-api:agenda_item_session_documents", "kwargs": m1_item, "method": "put", "data": {},
     "expect": {**OFFICE_API, "office": 400, "office_head": 400}},
    {"name": "meetings-api:invitations", "kwargs": m1, "method": "get", "expect": OFFICE_API},
    {"name": "meetings-api:minutes", "kwargs": m1_fmt("pdf"), "method": "get", "expect": OFFICE_API},
    {"name": "meetings-api:agenda_pdf", "kwargs": m1, "method": "get", "expect": OFFICE_API},
    {"name": "meetings-api:invitation_pdf", "kwargs": m1, "method": "get", "expect": OFFICE_API},
    {"name": "meetings-api:minutes_approve", "kwargs": m1, "method": "get", "expect": OFFICE_API},
    {"name": "meetings-api:commission", "kwargs": None, "method": "get", "expect": OFFICE_API},
]


def with_commission(world):
    """The world has no commission; create one (rolled back after each role's request)."""
    from haertefall.meetings.models import Commission

    Commission.objects.get_or_create(name="Härtefallkommission (Matrix)", defaults={"seats": 10})
    return {}


ROWS += [
    {"name": "meetings:membership_add", "kwargs": with_commission, "method": "get", "expect": OFFICE_PAGE},
]

ROWS += [
    {"name": "meetings-api:memberships", "kwargs": with_commission, "method": "get", "expect": OFFICE_API},
]

ROWS += [
    {"name": "meetings:prescreen_edit", "kwargs": with_commission, "method": "get", "expect": OFFICE_PAGE},
    {"name": "meetings-api:prescreen", "kwargs": with_commission, "method": "get", "expect": OFFICE_API},
]


# The session file (decision 0114). Own copy: only a person invited to the session, inside her
# window (the office, not invited to meeting_1, gets the chooser page, but no own PDF). Someone
# else's copy: the office, of a person invited to that session; the member only her own.
def m1_member(world):
    return {"pk": world["meeting_1"], "user_pk": world["user_member"]}


def m2_member(world):
    return {"pk": world["meeting_2"], "user_pk": world["user_member"]}


ONLY_INVITED_PAGE = {**OFFICE_PAGE, "office": 404, "office_head": 404, "member": 200}
OWN_COPY_PAGE = {**OFFICE_PAGE, "member": 200}
NOBODY_PAGE = {**OFFICE_PAGE, "office": 404, "office_head": 404}
ONLY_INVITED_API = {**OFFICE_API, "office": 404, "office_head": 404, "member": 200}
NOBODY_API = {**OFFICE_API, "office": 404, "office_head": 404}

ROWS += [
    {"name": "meetings:session_file", "kwargs": m1, "method": "get", "expect": OWN_MEETING_PAGE},
    {"name": "meetings:session_file", "kwargs": m2, "method": "get", "expect": OTHER_MEETING_PAGE},
    {"name": "meetings:session_file_pdf", "kwargs": m1, "method": "get", "expect": ONLY_INVITED_PAGE},
    {"name": "meetings:session_file_pdf", "kwargs": m2, "method": "get", "expect": NOBODY_PAGE},
    {"name": "meetings:session_file_for", "kwargs": m1_member, "method": "get", "expect": OWN_COPY_PAGE},
    {"name": "meetings:session_file_for", "kwargs": m2_member, "method": "get", "expect": NOBODY_PAGE},
    {"name": "meetings:session_file_for_pdf", "kwargs": m1_member, "method": "get", "expect": OWN_COPY_PAGE},
    {"name": "meetings:session_file_for_pdf", "kwargs": m2_member, "method": "get", "expect": NOBODY_PAGE},
    {"name": "meetings-api:session_file", "kwargs": m1, "method": "get", "expect": ONLY_INVITED_API},
    {"name": "meetings-api:session_file_pdf", "kwargs": m1, "method": "get", "expect": ONLY_INVITED_API},
    {"name": "meetings-api:session_file", "kwargs": m2, "method": "get", "expect": NOBODY_API},
    {"name": "meetings-api:session_file_for", "kwargs": m1_member, "method": "get", "expect": OWN_MEETING_API},
    {"name": "meetings-api:session_file_for_pdf", "kwargs": m1_member, "method": "get", "expect": OWN_MEETING_API},
    {"name": "meetings-api:session_file_for", "kwargs": m2_member, "method": "get", "expect": NOBODY_API},
]
