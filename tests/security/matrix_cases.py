"""Permission matrix rows for every URL of the case file (pages and API).

Fixture objects: the world dict's ``case_b`` (authority B, on session 2). The matrix's
authority user belongs to authority A and the member is invited to session 1 only, so neither
may see anything of case B (404). Rows that need more objects create them from case B:
a document, a follow-up, and a closed copy of case B (so that step requests never change
case B's state and always answer the same: office 400, because the step is not allowed or
its input is missing).
"""

from datetime import date

READ = {"office": 200, "office_head": 200, "member": 404, "authority": 404, "ministry": 404,
        "dpo": 404, "admin": 404, "anonymous": 302}
OFFICE_PAGE = {"office": 200, "office_head": 200, "member": 403, "authority": 403, "ministry": 403,
               "dpo": 403, "admin": 403, "anonymous": 302}
LIST_PAGE = {"office": 200, "office_head": 200, "member": 200, "authority": 200, "ministry": 403,
             "dpo": 403, "admin": 403, "anonymous": 302}


def _api(expect: dict) -> dict:
    # The API answers anonymous requests with 403 instead of redirecting to the login page.
    return {**expect, "anonymous": 403}


def _pk(value):
    return getattr(value, "pk", value)


def _case_b(world):
    from haertefall.cases.models import Case

    return Case.objects.get(pk=_pk(world["case_b"]))


def _office_actor():
    from haertefall.accounts.models import OFFICE_ROLES, Role, User

    user = User.objects.filter(role__in=OFFICE_ROLES).order_by("pk").first()
    return user or User.objects.create(username="matrix-office", role=Role.OFFICE)


def _document_b(world) -> int:
    if "cases_document_b" not in world:
        from django.core.files.uploadedfile import SimpleUploadedFile

        from haertefall.cases.services.records import document_add

        upload = SimpleUploadedFile("vermerk.txt", b"Vermerk zur Akte", content_type="text/plain")
        world["cases_document_b"] = document_add(case=_case_b(world), actor=_office_actor(), upload=upload,
                                                 title="Vermerk").pk
    return world["cases_document_b"]


def _followup_b(world) -> int:
    if "cases_followup_b" not in world:
        from haertefall.cases.services.records import followup_add

        world["cases_followup_b"] = followup_add(case=_case_b(world), actor=_office_actor(),
                                                 due_on=date.today(), reason="Matrix").pk
    return world["cases_followup_b"]


def _closed_b(world) -> int:
    """A closed case of authority B (other closure: withdrawal), not on any session."""
    if "cases_closed_b" not in world:
        from haertefall.cases.services.intake import PersonInput, case_receive
        from haertefall.cases.services.lifecycle import case_close_other
        from haertefall.cases.states import ClosureReason

        case_b = _case_b(world)
        actor = _office_actor()
        case = case_receive(actor=actor, received_on=date.today(), authority=case_b.authority,
                            main_person=PersonInput(family_name="Matrix", nationality=case_b.country))
        case_close_other(case=case, actor=actor, closed_on=date.today(), reason=ClosureReason.WITHDRAWAL)
        world["cases_closed_b"] = case.pk
    return world["cases_closed_b"]


def _unreleased_a(world) -> int:
    """A medical attest on case A, not released to authority A."""
    if "cases_unreleased_a" not in world:
        from django.core.files.uploadedfile import SimpleUploadedFile

        from haertefall.cases.models import Case
        from haertefall.cases.services.records import document_add

        upload = SimpleUploadedFile("attest.txt", b"Attest", content_type="text/plain")
        world["cases_unreleased_a"] = document_add(case=Case.objects.get(pk=world["case_a"]), actor=_office_actor(),
                                                   upload=upload, title="Attest", doc_type="medical").pk
    return world["cases_unreleased_a"]


def _main_person_b(world) -> int:
    case = _case_b(world)
    person = case.persons.order_by("pk").first()
    if person is None:
        from haertefall.cases.services.intake import PersonInput, person_add

        person = person_add(case=case, actor=_office_actor(),
                            data=PersonInput(family_name="Matrix", nationality=case.country))
    return person.pk


def case_b(world):
    return {"pk": _pk(world["case_b"])}


ROWS = [
    # --- pages ---------------------------------------------------------------------------
    {"name": "cases:list", "kwargs": None, "method": "get", "expect": LIST_PAGE},
    # The posted search form answers with a redirect to the list (decision 0097).
    {"name": "cases:list", "kwargs": None, "method": "post",
     "expect": {role: 302 if status == 200 else status for role, status in LIST_PAGE.items()}},
    {"name": "cases:intake", "kwargs": None, "method": "get", "expect": OFFICE_PAGE},
    {"name": "cases:intake_person_row", "kwargs": None, "method": "get", "expect": OFFICE_PAGE},
    {"name": "cases:intake_repeats", "kwargs": None, "method": "post", "expect": OFFICE_PAGE},
    {"name": "cases:detail", "kwargs": case_b, "method": "get", "expect": READ},
    # Authority A's own case before its statement was requested: not yet its (§ 6 Abs. 2 HFKVO).
    {"name": "cases:detail", "kwargs": lambda w: {"pk": w["case_a_early"]}, "method": "get", "expect": READ},
    # Its case after the request: the page, the document released to it, not one it was not given.
    {"name": "cases:detail", "kwargs": lambda w: {"pk": w["case_a"]}, "method": "get",
     "expect": {**READ, "authority": 200, "member": 200}},
    {"name": "cases:document_download", "kwargs": lambda w: {"pk": w["case_a"], "document_pk": w["document_a"]},
     "method": "get", "expect": {**READ, "authority": 200, "member": 200}},
    {"name": "cases:document_download", "kwargs": lambda w: {"pk": w["case_a"], "document_pk": _unreleased_a(w)},
     "method": "get", "expect": {**READ, "member": 200}},
    {"name": "cases:edit", "kwargs": case_b, "method": "get", "expect": READ},
    {"name": "cases:step", "kwargs": lambda w: {"pk": _closed_b(w), "step": "check"}, "method": "post",
     "expect": {**READ, "office": 400, "office_head": 400}},
    {"name": "cases:document_add", "kwargs": case_b, "method": "get", "expect": READ},
    {"name": "cases:document_download", "kwargs": lambda w: {"pk": _pk(w["case_b"]), "document_pk": _document_b(w)},
     "method": "get", "expect": READ},
    # Removing or replacing a document: the office only (decision 0112); the authority neither
    # for a document released to it.
    {"name": "cases:document_remove", "kwargs": lambda w: {"pk": _pk(w["case_b"]), "document_pk": _document_b(w)},
     "method": "get", "expect": READ},
    {"name": "cases:document_replace", "kwargs": lambda w: {"pk": _pk(w["case_b"]), "document_pk": _document_b(w)},
     "method": "get", "expect": READ},
    {"name": "cases:document_remove", "kwargs": lambda w: {"pk": w["case_a"], "document_pk": w["document_a"]},
     "method": "get", "expect": READ},
    # Without a reason the office gets the form again (400); nothing is removed.
    {"name": "cases:document_remove", "kwargs": lambda w: {"pk": _pk(w["case_b"]), "document_pk": _document_b(w)},
     "method": "post", "expect": {**READ, "office": 400, "office_head": 400}},
    {"name": "cases:note_add", "kwargs": case_b, "method": "get", "expect": READ},
    {"name": "cases:followup_add", "kwargs": case_b, "method": "get", "expect": READ},
    {"name": "cases:followup_done", "kwargs": lambda w: {"pk": _pk(w["case_b"]), "followup_pk": _followup_b(w)},
     "method": "post", "expect": {**READ, "office": 302, "office_head": 302}},
    {"name": "cases:person_add", "kwargs": case_b, "method": "get", "expect": READ},
    {"name": "cases:person_edit", "kwargs": lambda w: {"pk": _pk(w["case_b"]), "person_pk": _main_person_b(w)},
     "method": "get", "expect": READ},
    {"name": "cases:person_name_add", "kwargs": lambda w: {"pk": _pk(w["case_b"]), "person_pk": _main_person_b(w)},
     "method": "get", "expect": READ},
    # Corrections with a reason (decision 0121): the office only.
    {"name": "cases:correct", "kwargs": case_b, "method": "get", "expect": READ},
    # Art. 15 DSGVO export (decision 0123): the office only.
    {"name": "cases:subject_access", "kwargs": case_b, "method": "get", "expect": READ},
    {"name": "cases:subject_access", "kwargs": lambda w: {"pk": w["case_a"]}, "method": "get",
     "expect": {**READ, "authority": 403, "member": 403}},
    {"name": "cases:person_correct", "kwargs": lambda w: {"pk": _pk(w["case_b"]), "person_pk": _main_person_b(w)},
     "method": "get", "expect": READ},
    # --- API -----------------------------------------------------------------------------
    {"name": "cases-api:case-list", "kwargs": None, "method": "get", "expect": _api(LIST_PAGE)},
    {"name": "cases-api:case-detail", "kwargs": case_b, "method": "get", "expect": _api(READ)},
    {"name": "cases-api:case-events", "kwargs": case_b, "method": "get", "expect": _api(READ)},
    {"name": "cases-api:case-detail", "kwargs": lambda w: {"pk": w["case_a_early"]}, "method": "get",
     "expect": _api(READ)},
    {"name": "cases-api:case-events", "kwargs": lambda w: {"pk": w["case_a_early"]}, "method": "get",
     "expect": _api(READ)},
    {"name": "cases-api:case-documents", "kwargs": lambda w: {"pk": w["case_a_early"]}, "method": "get",
     "expect": _api(READ)},
    {"name": "cases-api:document-download",
     "kwargs": lambda w: {"pk": w["case_a"], "document_pk": w["document_a"]}, "method": "get",
     "expect": _api({**READ, "authority": 200, "member": 200})},
    {"name": "cases-api:document-download",
     "kwargs": lambda w: {"pk": w["case_a"], "document_pk": _unreleased_a(w)}, "method": "get",
     "expect": _api({**READ, "member": 200})},
    {"name": "cases-api:case-persons", "kwargs": case_b, "method": "get", "expect": _api(READ)},
    {"name": "cases-api:person-detail", "kwargs": lambda w: {"pk": _pk(w["case_b"]), "person_pk": _main_person_b(w)},
     "method": "patch", "expect": _api(READ)},
    {"name": "cases-api:person-names", "kwargs": lambda w: {"pk": _pk(w["case_b"]), "person_pk": _main_person_b(w)},
     "method": "post", "expect": _api({**READ, "office": 400, "office_head": 400})},
    {"name": "cases-api:subject-access", "kwargs": case_b, "method": "get", "expect": _api(READ)},
    {"name": "cases-api:case-correct", "kwargs": case_b, "method": "post",
     "expect": _api({**READ, "office": 400, "office_head": 400})},
    {"name": "cases-api:person-correct",
     "kwargs": lambda w: {"pk": _pk(w["case_b"]), "person_pk": _main_person_b(w)}, "method": "post",
     "expect": _api({**READ, "office": 400, "office_head": 400})},
    {"name": "cases-api:case-documents", "kwargs": case_b, "method": "get", "expect": _api(READ)},
    {"name": "cases-api:document-download",
     "kwargs": lambda w: {"pk": _pk(w["case_b"]), "document_pk": _document_b(w)}, "method": "get",
     "expect": _api(READ)},
    {"name": "cases-api:removed-documents", "kwargs": case_b, "method": "get", "expect": _api(READ)},
    # Without a reason (and file) the office gets 400; nothing is removed or replaced.
    {"name": "cases-api:document-remove",
     "kwargs": lambda w: {"pk": _pk(w["case_b"]), "document_pk": _document_b(w)}, "method": "post",
     "expect": _api({**READ, "office": 400, "office_head": 400})},
    # The replacement is a file upload: a body that is not multipart is refused as such (415).
    {"name": "cases-api:document-replace",
     "kwargs": lambda w: {"pk": _pk(w["case_b"]), "document_pk": _document_b(w)}, "method": "post",
     "expect": _api({**READ, "office": 415, "office_head": 415})},
    {"name": "cases-api:document-remove",
     "kwargs": lambda w: {"pk": w["case_a"], "document_pk": w["document_a"]}, "method": "post",
     "expect": _api({**READ, "office": 400, "office_head": 400})},
    {"name": "cases-api:case-notes", "kwargs": case_b, "method": "get", "expect": _api(READ)},
    {"name": "cases-api:case-followups", "kwargs": case_b, "method": "get", "expect": _api(READ)},
    {"name": "cases-api:followup-done",
     "kwargs": lambda w: {"pk": _pk(w["case_b"]), "followup_pk": _followup_b(w)}, "method": "post",
     "expect": _api(READ)},
    # Without the required family_name the office gets 400; other roles may not check at all.
    {"name": "cases-api:repeats", "kwargs": None, "method": "get",
     "expect": _api({**OFFICE_PAGE, "office": 400, "office_head": 400})},
]


def _step_rows():
    from haertefall.cases.steps import ACTIONS, FOREIGN_STEPS

    # On a closed case every step is refused (not allowed, or its required input is missing);
    # the steps of meetings and authorities are always refused here (docs/decisions/0080).
    return [
        {"name": f"cases-api:step-{key}", "kwargs": (lambda w: {"pk": _closed_b(w)}), "method": "post",
         "expect": _api({**READ, "office": 400, "office_head": 400})}
        for key in [a.key for a in ACTIONS] + [f.key for f in FOREIGN_STEPS]
    ]


ROWS += _step_rows()
