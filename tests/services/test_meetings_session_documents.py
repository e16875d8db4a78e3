"""The office releases documents of an item's case for the session file (issue 15, decision
0114): office only, current documents of the own case, never minutes extracts, not after the
minutes are approved; the members' copies carry only what was released."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from haertefall.audit.models import AuditEntry
from haertefall.cases.models import Document
from haertefall.cases.services.documents import document_remove
from haertefall.cases.services.records import document_add
from haertefall.core.errors import DomainError
from haertefall.meetings.services import (
    attendance_record,
    item_decide,
    meeting_cancel,
    minutes_approve,
)
from haertefall.meetings.services.decisions import Votes
from haertefall.meetings.services.session_documents import agenda_item_documents_set
from haertefall.meetings.session_file import session_file_content
from tests.factories import UserFactory
from tests.meetings_world import all_present, build_commission, ready_case, session_with_items

pytestmark = pytest.mark.django_db
NONE_RELEASED = "Für diesen Tagesordnungspunkt hat die Geschäftsstelle keine Unterlagen freigegeben."


def _doc(case, actor, title, days_ago, doc_type=Document.Type.EVIDENCE):
    upload = SimpleUploadedFile(f"{title}.txt", f"{title}\n".encode(), content_type="text/plain")
    return document_add(case=case, actor=actor, upload=upload, title=title, doc_type=doc_type,
                        document_date=timezone.localdate() - timedelta(days=days_ago))


@pytest.fixture
def world(settings, tmp_path, office_user, office_head):
    settings.MEDIA_ROOT = tmp_path / "media"
    member = UserFactory(username="freigabe-mitglied", role="member", first_name="Mia", last_name="Mappe")
    deputy = UserFactory(username="freigabe-stv", role="member", first_name="Sven", last_name="Stell")
    commission = build_commission(actor=office_user, chair=office_head, members={2: (member, deputy)})
    today = timezone.localdate()
    case = ready_case(actor=office_user, ready_on=today - timedelta(days=3), family_name="Freigabe")
    other = ready_case(actor=office_user, ready_on=today - timedelta(days=3), family_name="Anderer")
    meeting = session_with_items(actor=office_user, commission=commission, on=today + timedelta(days=7),
                                 cases=[case, other])
    docs = {
        "later": _doc(case, office_user, "Arbeitsvertrag", 5),
        "earlier": _doc(case, office_user, "Schulzeugnis", 40),
        "unreleased": _doc(case, office_user, "Mietvertrag", 10),
        "minutes": _doc(case, office_user, "Protokollauszug alt", 60, Document.Type.MINUTES),
        "foreign": _doc(other, office_user, "Fremdes Dokument", 3),
    }
    return {"meeting": meeting, "item": meeting.items.get(case=case), "other_item": meeting.items.get(case=other),
            "member": member, "docs": docs, "case": case}


def test_the_office_releases_documents_and_the_copy_carries_only_them_by_date(world, office_user):
    item, docs = world["item"], world["docs"]
    agenda_item_documents_set(item=item, actor=office_user, document_ids=[docs["later"].pk, docs["earlier"].pk])
    assert set(item.session_documents.all()) == {docs["later"], docs["earlier"]}
    entry = next(e for e in session_file_content(meeting=world["meeting"], recipient=world["member"])
                 if e.item == item)
    assert [d.document.title for d in entry.documents] == ["Schulzeugnis", "Arbeitsvertrag"]
    audit = AuditEntry.objects.filter(action=AuditEntry.Action.CHANGE, case_id=world["case"].pk).last()
    assert "TOP 1" in audit.detail and "2 freigegeben" in audit.detail
    # A second call replaces the release.
    agenda_item_documents_set(item=item, actor=office_user, document_ids=[docs["unreleased"].pk])
    assert list(item.session_documents.all()) == [docs["unreleased"]]


def test_a_removed_document_drops_out_of_the_copy(world, office_user):
    item, docs = world["item"], world["docs"]
    agenda_item_documents_set(item=item, actor=office_user, document_ids=[docs["later"].pk, docs["earlier"].pk])
    document_remove(document=docs["later"], actor=office_user, reason="Falsch zugeordnet")
    entry = session_file_content(meeting=world["meeting"], recipient=world["member"])[0]
    assert [d.document.title for d in entry.documents] == ["Schulzeugnis"]


@pytest.mark.parametrize("key, message", [
    ("foreign", "gehört nicht zu diesem Fall"),
    ("minutes", "Protokollauszug"),
])
def test_documents_of_another_case_and_minutes_extracts_are_refused(world, office_user, key, message):
    with pytest.raises(DomainError) as err:
        agenda_item_documents_set(item=world["item"], actor=office_user,
                                  document_ids=[world["docs"]["later"].pk, world["docs"][key].pk])
    assert message in err.value.message
    assert not world["item"].session_documents.exists()  # nothing of the call was kept


def test_a_removed_document_and_an_unknown_number_are_refused(world, office_user):
    document_remove(document=world["docs"]["later"], actor=office_user, reason="Doppelt")
    with pytest.raises(DomainError) as err:
        agenda_item_documents_set(item=world["item"], actor=office_user, document_ids=[world["docs"]["later"].pk])
    assert "entfernt oder ersetzt" in err.value.message
    with pytest.raises(DomainError) as err:
        agenda_item_documents_set(item=world["item"], actor=office_user, document_ids=[999999])
    assert "gehört nicht zu diesem Fall" in err.value.message


def test_only_the_office_releases(world, member_user, authority_user):
    for user in (world["member"], member_user, authority_user):
        with pytest.raises(DomainError) as err:
            agenda_item_documents_set(item=world["item"], actor=user, document_ids=[world["docs"]["later"].pk])
        assert "Geschäftsstelle" in err.value.message
    assert not world["item"].session_documents.exists()


def test_no_release_after_the_minutes_are_approved_or_for_a_cancelled_session(office_user, office_head, settings,
                                                                               tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    commission = build_commission(actor=office_user, chair=office_head)
    on = timezone.localdate() - timedelta(days=1)
    case = ready_case(actor=office_user, ready_on=on - timedelta(days=10), family_name="Genehmigt")
    document = _doc(case, office_user, "Nachweis", 20)
    meeting = session_with_items(actor=office_user, commission=commission, on=on, cases=[case])
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    item = meeting.items.get()
    item_decide(item=item, outcome="request", reasons="Gut integriert.", votes=Votes(8, 1, 1), actor=office_user)
    minutes_approve(meeting=meeting, actor=office_head)
    with pytest.raises(DomainError) as err:
        agenda_item_documents_set(item=item, actor=office_user, document_ids=[document.pk])
    assert "Protokoll dieser Sitzung ist genehmigt" in err.value.message

    later = ready_case(actor=office_user, ready_on=on - timedelta(days=10), family_name="Abgesagt")
    upcoming = session_with_items(actor=office_user, commission=commission, on=on + timedelta(days=20),
                                  cases=[later], invite=False)
    stale = upcoming.items.get()  # e.g. a page opened before the session was cancelled
    meeting_cancel(meeting=upcoming, actor=office_user, reason="Krankheit des Vorsitzes")
    with pytest.raises(DomainError) as err:
        agenda_item_documents_set(item=stale, actor=office_user, document_ids=[])
    assert "abgesagt" in err.value.message


def test_without_release_the_copy_says_so(world, client):
    client.force_login(world["member"])
    page = client.get(reverse("meetings:session_file", args=[world["meeting"].pk])).content.decode()
    assert page.count(NONE_RELEASED) == 2
    assert "Arbeitsvertrag" not in page


def test_the_office_page_preselects_the_release_and_saves_it(world, client, office_user):
    item, docs = world["item"], world["docs"]
    agenda_item_documents_set(item=item, actor=office_user, document_ids=[docs["earlier"].pk])
    client.force_login(office_user)
    detail = client.get(reverse("meetings:detail", args=[world["meeting"].pk])).content.decode()
    url = reverse("meetings:session_documents", args=[world["meeting"].pk, item.pk])
    assert f'href="{url}"' in detail
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Schulzeugnis (Nachweis (Arbeit, Schule, Sprache)" in html and "Arbeitsvertrag" in html
    assert "Protokollauszug alt" not in html and "Fremdes Dokument" not in html
    form = page.context["form"]
    assert [d.pk for d in form["documents"].initial] == [docs["earlier"].pk]
    response = client.post(url, {"documents": [docs["later"].pk, docs["unreleased"].pk]})
    assert response.status_code == 302
    assert set(item.session_documents.all()) == {docs["later"], docs["unreleased"]}
    # A document of another case is refused in German; the release stays as it was.
    response = client.post(url, {"documents": [docs["foreign"].pk]})
    assert response.status_code == 400
    assert "steht nicht (mehr) zur Auswahl" in response.content.decode()
    assert set(item.session_documents.all()) == {docs["later"], docs["unreleased"]}
    # Everything unticked: the copy then says none were released.
    assert client.post(url, {}).status_code == 302
    assert not item.session_documents.exists()


def test_the_page_is_404_for_members(world, client):
    client.force_login(world["member"])
    url = reverse("meetings:session_documents", args=[world["meeting"].pk, world["item"].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"documents": [world["docs"]["later"].pk]}).status_code == 404
    assert not world["item"].session_documents.exists()
