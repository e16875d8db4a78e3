"""The case page shows what the other parts hold for the case, each reader only what she may."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from haertefall.accounts.models import Role
from haertefall.authorities import services as authorities
from haertefall.meetings.models import ItemDecision
from haertefall.meetings.services import attendance_record, item_decide, meeting_invite
from haertefall.meetings.services.decisions import Votes
from tests.factories import UserFactory
from tests.meetings_world import all_present, build_commission, ready_case, session_with_items

from ..authorities_support import private_media  # noqa: F401

pytestmark = pytest.mark.django_db
TODAY = date.today()


@pytest.fixture
def decided(office_user):
    """A case with a statement, decided for a request in a session, the request sent."""
    head = UserFactory(username="leitung-links", role=Role.OFFICE_HEAD)
    member = UserFactory(username="mitglied-links", role=Role.MEMBER)
    deputy = UserFactory(username="stv-links", role=Role.MEMBER)
    commission = build_commission(actor=office_user, chair=head, members={2: (member, deputy)})
    case = ready_case(actor=office_user, ready_on=TODAY - timedelta(days=2))
    meeting = session_with_items(actor=office_user, commission=commission, on=TODAY, cases=[case], invite=False)
    meeting_invite(meeting=meeting, actor=office_user)
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    item_decide(item=meeting.items.get(), outcome=ItemDecision.Outcome.REQUEST, actor=office_user,
                reasons="Integration", votes=Votes(7, 3, 0))
    case.refresh_from_db()
    hardship = authorities.hardship_request_send(case=case, actor=office_user, sent_on=TODAY)
    return {"case": case, "meeting": meeting, "member": member, "hardship": hardship}


def _page(client, user, case):
    client.force_login(user)
    return client.get(reverse("cases:detail", args=[case.pk]))


def test_office_sees_every_part(client, office_user, decided):
    body = _page(client, office_user, decided["case"]).content.decode()
    assert reverse("authorities:case", args=[decided["case"].pk]) in body
    assert "Härtefallersuchen versandt am" in body
    assert reverse("correspondence:case_letters", args=[decided["case"].pk]) in body
    assert "Härtefallersuchen an die Ausländerbehörde" in body  # the generated letter
    assert reverse("meetings:detail", args=[decided["meeting"].pk]) in body
    assert "TOP 1: Härtefallersuchen" in body


def test_own_authority_sees_its_part_but_not_letters_or_sessions(client, office_user, decided):
    user = UserFactory(username="abh-own", role=Role.AUTHORITY, authority=decided["case"].authority)
    body = _page(client, user, decided["case"]).content.decode()
    assert reverse("authorities:case", args=[decided["case"].pk]) in body
    assert reverse("correspondence:case_letters", args=[decided["case"].pk]) not in body
    assert reverse("meetings:detail", args=[decided["meeting"].pk]) not in body
    assert "Nächste Verfahrensschritte" not in body


def test_member_sees_her_session_but_not_authority_or_letters(client, decided):
    body = _page(client, decided["member"], decided["case"]).content.decode()
    assert reverse("meetings:detail", args=[decided["meeting"].pk]) in body
    assert reverse("authorities:case", args=[decided["case"].pk]) not in body
    assert reverse("correspondence:case_letters", args=[decided["case"].pk]) not in body


def test_other_authority_gets_404(client, decided):
    from haertefall.registers.models import Authority

    other = Authority.objects.exclude(pk=decided["case"].authority_id).first()
    user = UserFactory(username="abh-other", role=Role.AUTHORITY, authority=other)
    assert _page(client, user, decided["case"]).status_code == 404


def test_the_sections_name_each_item_as_its_part_does(client, office_user, decided):
    """The sections are read as plain values: the texts must still be those of the models
    (session title, letter kind, the intended decision in force, outcome label)."""
    from haertefall.correspondence.models import Letter

    hardship, meeting = decided["hardship"], decided["meeting"]
    authorities.intended_decision_record(hardship_request=hardship, actor=office_user, follow=False,
                                         reasons="Gründe der Behörde", recorded_on=TODAY)
    body = _page(client, office_user, decided["case"]).content.decode()
    assert "beabsichtigt: nicht folgen, Ergebnis offen" in body
    authorities.intended_decision_record(hardship_request=hardship, actor=office_user, follow=True,
                                         reasons="", recorded_on=TODAY)  # a revision: the latest counts
    body = _page(client, office_user, decided["case"]).content.decode()
    assert "beabsichtigt: folgen, Ergebnis offen" in body
    assert "beabsichtigt: nicht folgen" not in body
    assert f"{meeting}</a>: TOP 1: Härtefallersuchen" in body
    letter = Letter.objects.get(case=decided["case"])
    assert f"{letter.get_kind_display()} vom {letter.letter_date:%d.%m.%Y} (PDF)</a>: an {letter.recipient}" in body


def test_case_contents_names_exactly_the_tables_with_rows(office_user, decided):
    from haertefall.authorities.models import HardshipRequest, InfoRequest, StatementRequest
    from haertefall.cases.casefile import case_contents
    from haertefall.cases.models import Document, FollowUp, Note
    from haertefall.cases.services.records import note_add
    from haertefall.correspondence.models import Letter
    from haertefall.meetings.models import AgendaItem

    case = decided["case"]
    contents = case_contents(case)
    for model in (StatementRequest, HardshipRequest, AgendaItem, Letter, Document):
        assert contents.has(model) == model.objects.filter(case=case).exists(), model
    assert contents.has(HardshipRequest) and contents.has(AgendaItem) and contents.has(Letter)
    assert not contents.has(Note) and not contents.has(FollowUp) and not contents.has(InfoRequest)
    note_add(case=case, actor=office_user, text="Rückruf der Anwältin")
    assert case_contents(case).has(Note)


def test_a_note_added_shows_on_the_page_though_the_case_had_none(client, office_user, decided):
    from haertefall.cases.services.records import note_add

    case = decided["case"]
    assert "Rückruf der Anwältin" not in _page(client, office_user, case).content.decode()
    note_add(case=case, actor=office_user, text="Rückruf der Anwältin")
    assert "Rückruf der Anwältin" in _page(client, office_user, case).content.decode()
