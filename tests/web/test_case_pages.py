"""Case pages with the office, authority and member users."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from haertefall.audit.models import AuditEntry
from haertefall.cases.models import Case, CaseEvent
from haertefall.cases.states import Closure, State
from tests.authorities_support import case_statement_requested
from tests.factories import authority, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(office_user):
    return make_case(actor=office_user)


def test_list_shows_cases_and_filters_by_state(office_client, office_user, case):
    other = make_case(actor=office_user, family_name="Müller", given_names="Hans", nationality="Türkei")
    from haertefall.cases.services.lifecycle import case_check_formally
    case_check_formally(case=other, actor=office_user, checked_on=date.today())
    response = office_client.get(reverse("cases:list"))
    assert response.status_code == 200
    assert case.file_number in response.content.decode()
    response = office_client.get(reverse("cases:list"), {"state": State.CHECKED})
    body = response.content.decode()
    assert other.file_number in body and case.file_number not in body


@pytest.mark.parametrize("query", ["Mueller", "müller", "Muller", "Hans Müller"])
def test_list_search_finds_any_spelling(office_client, office_user, case, query):
    other = make_case(actor=office_user, family_name="Müller", given_names="Hans", nationality="Türkei")
    body = office_client.get(reverse("cases:list"), {"q": query}).content.decode()
    assert other.file_number in body
    assert case.file_number not in body


def test_list_search_fuzzy_and_logged_without_content(office_client, office_user, case):
    body = office_client.get(reverse("cases:list"), {"q": "Krasniqui"}).content.decode()
    assert case.file_number in body
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.SEARCH).get()
    assert "Krasniq" not in entry.detail
    # The entry names the main person shown, so "who saw this person" finds the list view.
    assert entry.persons.filter(person_id=case.main_person.pk).exists()
    assert str(case.pk) in entry.detail


def test_list_search_by_file_number(office_client, office_user, case):
    other = make_case(actor=office_user, family_name="Berisha")
    body = office_client.get(reverse("cases:list"), {"q": other.file_number}).content.decode()
    assert other.file_number in body and case.file_number not in body


def test_authority_sees_only_own_cases(client, office_user, authority_user):
    own = case_statement_requested(actor=office_user, authority_obj=authority_user.authority)
    # Its own case, but its statement is not requested yet: not its business (§ 6 Abs. 2 HFKVO).
    early = make_case(actor=office_user, authority_obj=authority_user.authority, family_name="Frühantrag")
    foreign_authority = authority("stadt-essen") if authority_user.authority.key != "stadt-essen" else authority("stadt-koeln")
    foreign = case_statement_requested(actor=office_user, authority_obj=foreign_authority)
    client.force_login(authority_user)
    body = client.get(reverse("cases:list")).content.decode()
    assert own.file_number in body and foreign.file_number not in body and early.file_number not in body
    assert client.get(reverse("cases:detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("cases:detail", args=[foreign.pk])).status_code == 404
    assert client.get(reverse("cases:detail", args=[early.pk])).status_code == 404
    # reading is not writing
    assert client.get(reverse("cases:edit", args=[own.pk])).status_code == 404
    assert client.get(reverse("cases:intake")).status_code == 403


def test_member_sees_case_only_when_invited(client, office_user, member_user):
    from django.utils import timezone

    from haertefall.meetings.models import AgendaItem, Invitation, Meeting

    case = make_case(actor=office_user)
    client.force_login(member_user)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    meeting = Meeting.objects.create(date=date.today() + timedelta(days=5))
    AgendaItem.objects.create(meeting=meeting, case=case, position=1)
    Invitation.objects.create(meeting=meeting, user=member_user, sent_at=timezone.now())
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    assert "Nächste Verfahrensschritte" not in response.content.decode()


def test_detail_shows_timeline_and_step_forms(office_client, case):
    response = office_client.get(reverse("cases:detail", args=[case.pk]))
    body = response.content.decode()
    assert "Verlauf" in body and "Eingang" in body
    assert "Formale Prüfung" in body
    assert "Stellungnahme anfordern" not in body  # not allowed yet


def _step(client, case, key, **data):
    payload = {f"{key}-{k}": v for k, v in data.items()}
    payload.setdefault(f"{key}-effective_on", date.today().isoformat())
    payload.setdefault(f"{key}-version", case.version)
    return client.post(reverse("cases:step", args=[case.pk, key]), payload)


def test_step_future_date_is_refused_with_german_message(office_client, case):
    response = _step(office_client, case, "check", other_basis="none",
                     effective_on=(date.today() + timedelta(days=3)).isoformat())
    assert response.status_code == 400
    assert "liegt in der Zukunft" in response.content.decode()
    case.refresh_from_db()
    assert case.state == State.RECEIVED


def test_step_stale_version_is_a_conflict(office_client, case):
    response = _step(office_client, case, "check", other_basis="none",
                     version=case.version - 1 if case.version > 1 else 99)
    assert response.status_code == 400
    assert "inzwischen von jemand anderem geändert" in response.content.decode()


def test_step_not_allowed_now_is_refused(office_client, case):
    response = _step(office_client, case, "mark_ready")
    assert response.status_code == 400
    assert "nicht möglich" in response.content.decode()
    assert CaseEvent.objects.filter(case=case).count() == 1


def test_case_file_steps_through_to_other_closure(office_client, case):
    for key, data in [("check", {"other_basis": "none"}), ("close_other", {"reason": "withdrawal"})]:
        case.refresh_from_db()
        response = _step(office_client, case, key, **data)
        assert response.status_code == 302, (key, response.content.decode()[:3000])
    case.refresh_from_db()
    assert case.state == State.CLOSED and case.closure == Closure.OTHER_CLOSURE
    body = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Wiederaufnahme" in body


def test_unknown_step_is_404(office_client, case):
    assert _step(office_client, case, "teleport").status_code == 404


def test_intake_creates_case_with_family_and_flags_repeat(office_client, office_user):
    earlier = make_case(actor=office_user, family_name="Krasniqi", given_names="Arben",
                        birth_date=date(1985, 3, 1))
    data = {
        "received_on": date.today().isoformat(), "submitter_name": "RA Schmidt", "submitter_kind": "lawyer",
        "submitter_email": "ra@example.invalid", "authority": authority("stadt-koeln").pk,
        "reason_categories": ["integration", "children"], "reasons_text": "Lange Aufenthaltsdauer.",
        "family_name": "Krasniqui", "given_names": "Arben", "birth_date": "1985-03-01",
        "nationality": "Kosovo", "aliases": "Krasniqi, Arbën",
        "family-TOTAL_FORMS": "1", "family-INITIAL_FORMS": "0",
        "family-0-relationship": "child", "family-0-family_name": "Krasniqui", "family-0-given_names": "Drita",
        "family-0-birth_date": "2015-06-01", "family-0-nationality": "",
    }
    response = office_client.post(reverse("cases:intake"), data, follow=True)
    assert response.status_code == 200, response.content.decode()[:3000]
    case = Case.objects.exclude(pk=earlier.pk).get()
    assert case.persons_count == 2
    assert case.persons.get(relationship="child").nationality.name == "Kosovo"
    body = response.content.decode()
    assert "Möglicher Wiederholungsantrag" in body and earlier.file_number in body


def test_intake_unknown_nationality_gives_german_error(office_client):
    data = {"received_on": date.today().isoformat(), "submitter_name": "X", "submitter_kind": "other",
            "family_name": "Test", "nationality": "Atlantis",
            "family-TOTAL_FORMS": "0", "family-INITIAL_FORMS": "0"}
    response = office_client.post(reverse("cases:intake"), data)
    assert response.status_code == 400
    assert "„Atlantis“ ist als Staatsangehörigkeit nicht bekannt" in response.content.decode()
    assert not Case.objects.exists()


def test_intake_person_row_htmx(office_client):
    response = office_client.get(reverse("cases:intake_person_row"), {"index": 2})
    body = response.content.decode()
    assert 'name="family-2-family_name"' in body and 'value="3"' in body


def test_edit_with_stale_version_conflicts(office_client, office_user, case):
    from haertefall.cases.services.master import case_update

    version = case.version
    case_update(case=case, actor=office_user, expected_version=version, reasons_text="neu")
    data = {"version": version, "submitter_name": "Anders", "submitter_kind": "other",
            "reasons_text": "x"}
    response = office_client.post(reverse("cases:edit", args=[case.pk]), data)
    assert response.status_code == 400
    assert "inzwischen von jemand anderem geändert" in response.content.decode()
    case.refresh_from_db()
    assert case.submitter_name != "Anders"


def test_edit_saves_and_records_changed_fields(office_client, case):
    data = {"version": case.version, "submitter_name": "Neuer Name", "submitter_kind": "church",
            "reasons_text": "Geheime Krankheit"}
    response = office_client.post(reverse("cases:edit", args=[case.pk]), data)
    assert response.status_code == 302
    event = case.events.get(event_type="data_changed")
    assert "submitter_name" in event.data["fields"]
    assert "Geheime" not in str(event.data)


def test_note_and_followup(office_client, case):
    assert office_client.post(reverse("cases:note_add", args=[case.pk]), {"text": "Rückruf"}).status_code == 302
    response = office_client.post(reverse("cases:followup_add", args=[case.pk]),
                                  {"due_on": date.today().isoformat(), "reason": "Frist prüfen"})
    assert response.status_code == 302
    fu = case.follow_ups.get()
    home = office_client.get(reverse("portal:home")).content.decode()
    assert "Frist prüfen" in home
    assert office_client.post(reverse("cases:followup_done", args=[case.pk, fu.pk])).status_code == 302
    fu.refresh_from_db()
    assert fu.done_at is not None


def test_person_name_add(office_client, case):
    person = case.persons.get()
    response = office_client.post(reverse("cases:person_name_add", args=[case.pk, person.pk]),
                                  {"kind": "alias", "family_name": "Krasnici", "given_names": "Arben"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert "krasnici" in person.search_text


def test_document_upload_and_download(office_client, case, office_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("antrag.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n",
                             content_type="application/pdf")
    response = office_client.post(reverse("cases:document_add", args=[case.pk]),
                                  {"doc_type": "application", "title": "Antrag", "file": pdf})
    assert response.status_code == 302
    document = case.documents.get()
    assert document.content_type == "application/pdf" and "antrag" not in document.file.name
    response = office_client.get(reverse("cases:document_download", args=[case.pk, document.pk]))
    assert response.status_code == 200
    # The file name is the kind, the file number and the date, never the uploader's name (decision 0112).
    assert (f'attachment; filename="Antrag-{case.file_number}-{date.today().isoformat()}.pdf"'
            in response["Content-Disposition"])
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DOWNLOAD).exists()
    assert office_client.get(reverse("cases:document_download", args=[case.pk, document.pk + 99])).status_code == 404


def test_a_stored_document_is_not_served_by_its_storage_address(office_client, case, settings):
    """ASVS V5.3.1: only the download view, with its access check and log entry, hands out a
    document; neither MEDIA_URL nor the place on disk answers."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("antrag.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n",
                             content_type="application/pdf")
    office_client.post(reverse("cases:document_add", args=[case.pk]),
                       {"doc_type": "application", "title": "Antrag", "file": pdf})
    name = case.documents.get().file.name
    assert (settings.MEDIA_ROOT / name).is_file()
    for address in (settings.MEDIA_URL + name, "/media/" + name, f"{settings.MEDIA_ROOT}/{name}",
                    "/static/../documents/" + name):
        assert office_client.get(address).status_code == 404, address


def test_document_upload_refuses_executable_disguised_as_pdf(office_client, case):
    from django.core.files.uploadedfile import SimpleUploadedFile

    exe = SimpleUploadedFile("antrag.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200,
                             content_type="application/pdf")
    response = office_client.post(reverse("cases:document_add", args=[case.pk]),
                                  {"doc_type": "application", "title": "Antrag", "file": exe})
    assert response.status_code == 400
    assert "kein erlaubter Dateityp" in response.content.decode()
    assert not case.documents.exists()


def test_ministry_gets_no_case_list(client, ministry_user):
    client.force_login(ministry_user)
    assert client.get(reverse("cases:list")).status_code == 403


def test_overdue_statement_on_dashboard(office_client, office_user):
    from haertefall.authorities.services import statement_request
    from haertefall.cases.services.lifecycle import case_check_formally, case_prescreen

    start = date.today() - timedelta(days=50)
    case = make_case(actor=office_user, received_on=start - timedelta(days=5))
    case_check_formally(case=case, actor=office_user, checked_on=start)
    case_prescreen(case=case, actor=office_user, decided_on=start, take_up=True)
    statement_request(case=case, actor=office_user, requested_on=start)
    case.refresh_from_db()
    assert case.statement_due_on < date.today()
    body = office_client.get(reverse("portal:home")).content.decode()
    assert "Stellungnahme überfällig" in body and case.file_number in body
    other = make_case(actor=office_user, family_name="Berisha")
    body = office_client.get(reverse("cases:list"), {"overdue": "on"}).content.decode()
    assert case.file_number in body and other.file_number not in body


def test_intake_repeat_check_before_saving(office_client, office_user):
    earlier = make_case(actor=office_user, family_name="Müller", given_names="Jürgen", nationality="Türkei")
    response = office_client.post(reverse("cases:intake_repeats"),
                                  {"family_name": "Mueller", "given_names": "Jurgen", "birth_date": "1985-03-01"})
    body = response.content.decode()
    assert "Möglicher Wiederholungsantrag" in body and earlier.file_number in body
    body = office_client.post(reverse("cases:intake_repeats"), {"family_name": "Schulz"}).content.decode()
    # Names and birth dates go in the request body, never in the address (ASVS 14.2.1).
    assert office_client.get(reverse("cases:intake_repeats"), {"family_name": "Schulz"}).status_code == 405
    assert "Keine früheren Anträge" in body


def test_api_hides_submitter_contact_from_authority(client, office_user, authority_user):
    case = case_statement_requested(actor=office_user, authority_obj=authority_user.authority,
                                    submitter_email="ra@example.invalid")
    client.force_login(authority_user)
    body = client.get(reverse("cases-api:case-detail", args=[case.pk])).json()
    assert "submitter_email" not in body and body["file_number"] == case.file_number


def test_intake_skips_added_but_empty_family_rows(office_client):
    data = {"received_on": date.today().isoformat(), "submitter_name": "X", "submitter_kind": "other",
            "family_name": "Gashi", "nationality": "Kosovo",
            "family-TOTAL_FORMS": "2", "family-INITIAL_FORMS": "0",
            "family-0-relationship": "child", "family-1-relationship": "child", "family-1-family_name": "Gashi",
            "family-1-nationality": "Atlantis"}
    response = office_client.post(reverse("cases:intake"), data)
    assert response.status_code == 400
    assert "„Atlantis“ ist als Staatsangehörigkeit nicht bekannt" in response.content.decode()
    data["family-1-nationality"] = "Albanien"
    response = office_client.post(reverse("cases:intake"), data)
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.persons_count == 2
    assert case.persons.get(relationship="child").nationality.name == "Albanien"


def test_person_add_and_edit_pages(office_client, case):
    response = office_client.post(reverse("cases:person_add", args=[case.pk]),
                                  {"relationship": "spouse", "family_name": "Krasniqi", "given_names": "Vjosa",
                                   "nationality": ""})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.persons_count == 2
    person = case.persons.get(relationship="main")
    url = reverse("cases:person_edit", args=[case.pk, person.pk])
    assert 'value="Kosovo"' in office_client.get(url).content.decode()
    response = office_client.post(url, {"version": case.version, "family_name": "Krasniqi",
                                        "given_names": "Arben", "nationality": "ALB"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.country.name == "Albanien"
    response = office_client.post(url, {"version": 1, "family_name": "X", "nationality": "Kosovo"})
    assert response.status_code == 400
    assert "inzwischen von jemand anderem geändert" in response.content.decode()
