"""The world the permission matrix runs in: two authorities, two sessions, users per role.

Keys (ids unless said otherwise):
  authority_a, authority_b           immigration authorities
  case_a, case_b                     case_a: authority A, on the agenda of meeting_1, whose
                                     invitation was sent to the member; case_b: authority B,
                                     on meeting_2, member not invited; both with the
                                     authority's statement requested (so it sees them)
  case_a_early                       authority A, received, statement not requested: the
                                     authority does not see it yet (§ 6 Abs. 2 HFKVO)
  person_a, person_b                 main persons of case_a / case_b
  document_a, document_b             one document on each case; document_a released to
                                     authority A, document_b not released
  meeting_1, meeting_2               sessions (next week, in two weeks)
  user_office, user_office_head, user_member, user_authority_a, user_authority_b,
  user_ministry, user_dpo, user_admin
  users                              role name -> User object (for logging in)
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from haertefall.accounts.models import Role
from haertefall.authorities.services import document_release, statement_request
from haertefall.cases.models import Document
from haertefall.cases.services.lifecycle import case_prescreen, case_step
from haertefall.cases.states import Step
from haertefall.meetings.models import AgendaItem, Invitation, Meeting
from haertefall.registers.models import Authority
from tests.factories import UserFactory, make_case

ROLES = ("office", "office_head", "member", "authority", "ministry", "dpo", "admin", "anonymous")


def build_world() -> dict:
    authority_a, authority_b = Authority.objects.order_by("key")[:2]
    users = {
        "office": UserFactory(username="w-office", role=Role.OFFICE),
        "office_head": UserFactory(username="w-head", role=Role.OFFICE_HEAD),
        "member": UserFactory(username="w-member", role=Role.MEMBER),
        "authority": UserFactory(username="w-abh-a", role=Role.AUTHORITY, authority=authority_a),
        "authority_b": UserFactory(username="w-abh-b", role=Role.AUTHORITY, authority=authority_b),
        "ministry": UserFactory(username="w-ministry", role=Role.MINISTRY),
        "dpo": UserFactory(username="w-dpo", role=Role.DPO),
        "admin": UserFactory(username="w-admin", role=Role.ADMIN),
    }
    office = users["office"]
    case_a = make_case(actor=office, authority_obj=authority_a, family_name="Aliu", given_names="Arta")
    case_b = make_case(actor=office, authority_obj=authority_b, family_name="Berisha", given_names="Besa",
                       nationality="Serbien")
    case_a_early = make_case(actor=office, authority_obj=authority_a, family_name="Frühfall",
                             given_names="Fatmire")
    today = timezone.localdate()
    for case in (case_a, case_b):
        _statement_requested(case, actor=office, on=today - timedelta(days=20))
    meeting_1 = Meeting.objects.create(date=today + timedelta(days=7), place="Düsseldorf")
    meeting_2 = Meeting.objects.create(date=today + timedelta(days=14), place="Düsseldorf")
    AgendaItem.objects.create(meeting=meeting_1, case=case_a, position=1)
    AgendaItem.objects.create(meeting=meeting_2, case=case_b, position=1)
    Invitation.objects.create(meeting=meeting_1, user=users["member"], sent_at=timezone.now() - timedelta(days=1))
    documents = {}
    for key, case in (("a", case_a), ("b", case_b)):
        doc = Document(case=case, doc_type=Document.Type.APPLICATION, title=f"Antrag {key}",
                       original_name=f"antrag-{key}.pdf", content_type="application/pdf", size=9,
                       sha256="0" * 64, uploaded_by=office)
        doc.file.save(f"antrag-{key}.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        doc.save()
        documents[key] = doc
    document_release(document=documents["a"], actor=office)
    return {
        "authority_a": authority_a.pk, "authority_b": authority_b.pk,
        "case_a": case_a.pk, "case_b": case_b.pk, "case_a_early": case_a_early.pk,
        "person_a": case_a.persons.get().pk, "person_b": case_b.persons.get().pk,
        "document_a": documents["a"].pk, "document_b": documents["b"].pk,
        "meeting_1": meeting_1.pk, "meeting_2": meeting_2.pk,
        "user_office": users["office"].pk, "user_office_head": users["office_head"].pk,
        "user_member": users["member"].pk, "user_authority_a": users["authority"].pk,
        "user_authority_b": users["authority_b"].pk, "user_ministry": users["ministry"].pk,
        "user_dpo": users["dpo"].pk, "user_admin": users["admin"].pk,
        "users": users,
    }


def _statement_requested(case, *, actor, on):
    """Formal check, take-up and the statement request, through the real services."""
    case_step(case=case, actor=actor, step=Step.CHECK_PASS, effective_on=on)
    case_prescreen(case=case, actor=actor, decided_on=on, take_up=True)
    statement_request(case=case, actor=actor, requested_on=on)
