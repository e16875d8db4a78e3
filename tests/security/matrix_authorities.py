"""Permission rows for the authorities part (pages and API).

Fixture objects: rows build what they need from the world inside their kwargs callable
(rolled back after each request): a statement request, an information request to the
authority and a hardship request on case_a (authority A, whose user is the "authority"
role) or on case_b (authority B, foreign to that user). Objects are created directly, not
through services, because the world's cases are still "received".
"""

from datetime import timedelta

from django.utils import timezone

from haertefall.accounts.models import User
from haertefall.authorities.models import HardshipRequest, InfoRequest, StatementRequest
from haertefall.cases.models import Case


def _case(world, key):
    return Case.objects.get(pk=world[key])


def _office(world):
    return User.objects.get(pk=world["user_office"])


def statement(world, key="case_a"):
    case, today = _case(world, key), timezone.localdate()
    return StatementRequest.objects.create(
        case=case, authority=case.authority, requested_on=today - timedelta(days=10),
        original_due=today + timedelta(days=18), current_due=today + timedelta(days=18),
        requested_by=_office(world))


def info(world, key="case_a"):
    case, today = _case(world, key), timezone.localdate()
    return InfoRequest.objects.create(case=case, recipient=InfoRequest.Recipient.AUTHORITY, authority=case.authority,
                                      requested_on=today, due_on=today + timedelta(days=14), text="Pass?",
                                      requested_by=_office(world))


def hardship(world, key="case_a"):
    case = _case(world, key)
    return HardshipRequest.objects.create(case=case, authority=case.authority, sent_on=timezone.localdate(),
                                          sent_by=_office(world))


def intended(world, key="case_a"):
    """An intended decision not to follow whose notice to the ministry has not gone out."""
    from haertefall.authorities.models import IntendedDecision

    return IntendedDecision.objects.create(hardship_request=hardship(world, key), follow=False, reasons="Gründe",
                                           recorded_on=timezone.localdate(), recorded_by=_office(world))


def document(world, key="case_a", doc_type="evidence"):
    """A document of the case the office has not released (created anew per row)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from haertefall.cases.services.records import document_add

    upload = SimpleUploadedFile("nachweis.txt", b"Nachweis zur Akte", content_type="text/plain")
    return document_add(case=_case(world, key), actor=_office(world), upload=upload, title="Nachweis",
                        doc_type=doc_type)


def release_a(world):
    from haertefall.authorities.models import DocumentRelease

    return DocumentRelease.objects.get(document_id=world["document_a"], withdrawn_at__isnull=True)


NOBODY_ELSE = {"member": 404, "ministry": 404, "dpo": 404, "admin": 404}
OFFICE_ONLY = {"office": 200, "office_head": 200, "authority": 404, **NOBODY_ELSE, "anonymous": 302}
OFFICE_AND_OWN_AUTHORITY = {"office": 200, "office_head": 200, "authority": 200, **NOBODY_ELSE, "anonymous": 302}
OFFICE_NOT_FOREIGN_AUTHORITY = {**OFFICE_AND_OWN_AUTHORITY, "authority": 404}

API_NOBODY_ELSE = {"member": 404, "ministry": 404, "dpo": 404, "admin": 404, "anonymous": 403}


def api(office, authority, **others):
    return {"office": office, "office_head": office, "authority": authority, **API_NOBODY_ELSE, **others}


ROWS = [
    # --- pages ---
    {"name": "authorities:inbox", "kwargs": None, "method": "get", "expect": OFFICE_AND_OWN_AUTHORITY},
    {"name": "authorities:ministry", "kwargs": None, "method": "get",
     "expect": {**OFFICE_ONLY, "ministry": 200}},
    {"name": "authorities:case", "kwargs": lambda w: {"case_id": w["case_a"]}, "method": "get",
     "expect": OFFICE_AND_OWN_AUTHORITY},
    {"name": "authorities:case", "kwargs": lambda w: {"case_id": w["case_b"]}, "method": "get",
     "expect": OFFICE_NOT_FOREIGN_AUTHORITY},
    # Before its statement is requested the authority does not see the case (§ 6 Abs. 2 HFKVO).
    {"name": "authorities:case", "kwargs": lambda w: {"case_id": w["case_a_early"]}, "method": "get",
     "expect": OFFICE_NOT_FOREIGN_AUTHORITY},
    # Releasing a document to the authority: the office only (302 back to the case).
    {"name": "authorities:document_release",
     "kwargs": lambda w: {"case_id": w["case_a"], "document_id": document(w).pk}, "method": "post",
     "expect": {**OFFICE_ONLY, "office": 302, "office_head": 302}},
    # A medical attest without the confirmation: refused with the reason (400).
    {"name": "authorities:document_release",
     "kwargs": lambda w: {"case_id": w["case_a"], "document_id": document(w, doc_type="medical").pk},
     "method": "post", "expect": {**OFFICE_ONLY, "office": 400, "office_head": 400}},
    {"name": "authorities:document_release_withdraw", "kwargs": lambda w: {"pk": release_a(w).pk},
     "method": "post", "expect": {**OFFICE_ONLY, "office": 302, "office_head": 302}},
    {"name": "authorities:statement_request", "kwargs": lambda w: {"case_id": w["case_a"]}, "method": "get",
     "expect": OFFICE_ONLY},
    {"name": "authorities:info_request", "kwargs": lambda w: {"case_id": w["case_a"]}, "method": "get",
     "expect": OFFICE_ONLY},
    {"name": "authorities:hardship_request_send", "kwargs": lambda w: {"case_id": w["case_a"]}, "method": "get",
     "expect": OFFICE_ONLY},
    {"name": "authorities:statement_answer", "kwargs": lambda w: {"pk": statement(w).pk}, "method": "get",
     "expect": OFFICE_AND_OWN_AUTHORITY},
    {"name": "authorities:statement_answer", "kwargs": lambda w: {"pk": statement(w, "case_b").pk},
     "method": "get", "expect": OFFICE_NOT_FOREIGN_AUTHORITY},
    # Empty POST: the form is shown again with errors (200); nobody else reaches it.
    {"name": "authorities:statement_answer", "kwargs": lambda w: {"pk": statement(w, "case_b").pk},
     "method": "post", "expect": OFFICE_NOT_FOREIGN_AUTHORITY},
    {"name": "authorities:statement_extend", "kwargs": lambda w: {"pk": statement(w).pk}, "method": "post",
     "expect": {**OFFICE_ONLY, "office": 400, "office_head": 400}},
    {"name": "authorities:statement_pause", "kwargs": lambda w: {"pk": statement(w).pk}, "method": "post",
     "expect": {**OFFICE_ONLY, "office": 400, "office_head": 400}},
    {"name": "authorities:info_answer", "kwargs": lambda w: {"pk": info(w).pk}, "method": "get",
     "expect": OFFICE_AND_OWN_AUTHORITY},
    {"name": "authorities:info_answer", "kwargs": lambda w: {"pk": info(w, "case_b").pk}, "method": "get",
     "expect": OFFICE_NOT_FOREIGN_AUTHORITY},
    {"name": "authorities:intended_decision", "kwargs": lambda w: {"pk": hardship(w).pk}, "method": "get",
     "expect": OFFICE_AND_OWN_AUTHORITY},
    {"name": "authorities:intended_decision", "kwargs": lambda w: {"pk": hardship(w, "case_b").pk},
     "method": "get", "expect": OFFICE_NOT_FOREIGN_AUTHORITY},
    {"name": "authorities:outcome", "kwargs": lambda w: {"pk": hardship(w).pk}, "method": "get",
     "expect": OFFICE_AND_OWN_AUTHORITY},
    # § 7 Abs. 3 HFKVO: the notice to the ministry is sent again or recorded by the office only
    # (302 back to the request's page, with the result or the reason as a message).
    {"name": "authorities:ministry_notice_resend", "kwargs": lambda w: {"pk": intended(w).pk}, "method": "post",
     "expect": {**OFFICE_ONLY, "office": 302, "office_head": 302}},
    {"name": "authorities:ministry_notice_otherwise", "kwargs": lambda w: {"pk": intended(w).pk},
     "method": "post", "expect": {**OFFICE_ONLY, "office": 302, "office_head": 302}},
    {"name": "authorities:outcome", "kwargs": lambda w: {"pk": hardship(w, "case_b").pk}, "method": "get",
     "expect": OFFICE_NOT_FOREIGN_AUTHORITY},
    # --- API ---
    {"name": "authorities-api:statement-request-list", "kwargs": None, "method": "get", "expect": api(200, 200)},
    # Empty body: office 400 (validation), everyone else is refused before reading it.
    {"name": "authorities-api:statement-request-list", "kwargs": None, "method": "post", "expect": api(400, 404)},
    {"name": "authorities-api:statement-request-detail", "kwargs": lambda w: {"pk": statement(w).pk},
     "method": "get", "expect": api(200, 200)},
    {"name": "authorities-api:statement-request-detail", "kwargs": lambda w: {"pk": statement(w, "case_b").pk},
     "method": "get", "expect": api(200, 404)},
    {"name": "authorities-api:statement-request-answer", "kwargs": lambda w: {"pk": statement(w).pk},
     "method": "post", "expect": api(400, 400)},
    {"name": "authorities-api:statement-request-answer", "kwargs": lambda w: {"pk": statement(w, "case_b").pk},
     "method": "post", "expect": api(400, 404)},
    {"name": "authorities-api:statement-request-extend", "kwargs": lambda w: {"pk": statement(w).pk},
     "method": "post", "expect": api(400, 404)},
    {"name": "authorities-api:statement-request-pause", "kwargs": lambda w: {"pk": statement(w).pk},
     "method": "post", "expect": api(400, 404)},
    {"name": "authorities-api:statement-request-resume", "kwargs": lambda w: {"pk": statement(w).pk},
     "method": "post", "expect": api(400, 404)},
    {"name": "authorities-api:hardship-request-list", "kwargs": None, "method": "get", "expect": api(200, 200)},
    {"name": "authorities-api:hardship-request-list", "kwargs": None, "method": "post", "expect": api(400, 404)},
    {"name": "authorities-api:hardship-request-detail", "kwargs": lambda w: {"pk": hardship(w).pk},
     "method": "get", "expect": api(200, 200)},
    {"name": "authorities-api:hardship-request-detail", "kwargs": lambda w: {"pk": hardship(w, "case_b").pk},
     "method": "get", "expect": api(200, 404)},
    {"name": "authorities-api:intended-decision-list", "kwargs": None, "method": "get",
     "expect": api(200, 200, ministry=200)},
    {"name": "authorities-api:intended-decision-list", "kwargs": None, "method": "post", "expect": api(400, 400)},
    {"name": "authorities-api:intended-decision-ministry-resend", "kwargs": lambda w: {"pk": intended(w).pk},
     "method": "post", "expect": api(200, 404)},
    {"name": "authorities-api:intended-decision-ministry-otherwise", "kwargs": lambda w: {"pk": intended(w).pk},
     "method": "post", "expect": api(400, 404)},
    {"name": "authorities-api:outcome-list", "kwargs": None, "method": "get", "expect": api(200, 200)},
    {"name": "authorities-api:outcome-list", "kwargs": None, "method": "post", "expect": api(400, 400)},
    {"name": "authorities-api:reminder-list", "kwargs": None, "method": "get", "expect": api(200, 200)},
    # Releases of documents are the office's record; authorities see the documents, not this list.
    {"name": "authorities-api:document-release-list", "kwargs": None, "method": "get", "expect": api(200, 404)},
    {"name": "authorities-api:document-release-list", "kwargs": None, "method": "post", "expect": api(400, 404)},
    {"name": "authorities-api:document-release-list", "kwargs": None, "method": "post",
     "data": lambda w: {"document": document(w).pk}, "expect": api(201, 404)},
    {"name": "authorities-api:document-release-withdraw", "kwargs": lambda w: {"pk": release_a(w).pk},
     "method": "post", "expect": api(200, 404)},
]
