"""The authority sees what the commission sends it (issue 14, § 6 Abs. 2 HFKVO): a case from the
day its statement is requested; of the documents only those the office released to it one by
one, its own, and the letters addressed to it. Medical attests and identity papers are not
proposed for release and need a confirmation; extracts of the minutes are never released."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from haertefall.audit.models import AuditEntry
from haertefall.authorities import services
from haertefall.authorities.models import DocumentRelease
from haertefall.cases.models import CaseEvent
from haertefall.cases.services.records import document_add, note_add

from ..authorities_support import case_taken_up, private_media  # noqa: F401

TODAY = date.today()


def _upload(case, actor, title, doc_type):
    return document_add(case=case, actor=actor, title=title, doc_type=doc_type,
                        upload=SimpleUploadedFile(f"{doc_type}.txt", f"Inhalt {title}".encode(),
                                                  content_type="text/plain"))


@pytest.fixture
def files(office_user, authority_user):
    case = case_taken_up(actor=office_user, authority_key=authority_user.authority.key)
    return {
        "case": case,
        "application": _upload(case, office_user, "Antrag der Familie", "application"),
        "evidence": _upload(case, office_user, "Arbeitsvertrag", "evidence"),
        "medical": _upload(case, office_user, "Attest Dr. Beispiel", "medical"),
        "identity": _upload(case, office_user, "Reisepass", "identity"),
        "minutes": _upload(case, office_user, "Protokollauszug Sitzung", "minutes"),
    }


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _download(client, case, document):
    return client.get(reverse("cases:document_download", args=[case.pk, document.pk]))


@pytest.mark.django_db
def test_the_authority_sees_its_case_only_from_the_statement_request(office_user, authority_user, files):
    case = files["case"]
    client = _logged_in(authority_user)
    api = APIClient()
    api.force_authenticate(authority_user)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("authorities:case", args=[case.pk])).status_code == 404
    assert api.get(reverse("cases-api:case-detail", args=[case.pk])).status_code == 404
    assert case.file_number not in client.get(reverse("cases:list")).content.decode()

    services.statement_request(case=case, actor=office_user, requested_on=TODAY)

    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    assert case.file_number in client.get(reverse("cases:list")).content.decode()
    assert [c["file_number"] for c in api.get(reverse("cases-api:case-list")).json()["results"]] == [case.file_number]


@pytest.mark.django_db
def test_the_statement_request_proposes_documents_without_attests_and_passports(office_client, files):
    case = files["case"]
    page = office_client.get(reverse("authorities:statement_request", args=[case.pk])).content.decode()
    for key in ("application", "evidence"):
        assert f'value="{files[key].pk}" ' in page and files[key].title in page
    assert 'checked' in page.split(files["application"].title)[0].rsplit("<input", 1)[1]
    for key in ("medical", "identity", "minutes"):
        assert files[key].title not in page


@pytest.mark.django_db
def test_only_what_the_office_ticks_reaches_the_authority(office_client, office_user, authority_user, files):
    case = files["case"]
    response = office_client.post(reverse("authorities:statement_request", args=[case.pk]), {
        "requested_on": TODAY.isoformat(), "weeks": "4", "documents": [files["application"].pk]})
    assert response.status_code == 302

    release = DocumentRelease.objects.get()
    assert (release.document, release.authority, release.released_by) == (files["application"], case.authority,
                                                                          office_user)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_type="authorities.documentrelease",
                                     object_id=str(release.pk), user=office_user, case_id=case.pk).exists()

    client = _logged_in(authority_user)
    assert _download(client, case, files["application"]).status_code == 200
    for key in ("evidence", "medical", "identity", "minutes"):
        assert _download(client, case, files[key]).status_code == 404, key
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert files["application"].title in page
    assert files["evidence"].title not in page and files["medical"].title not in page
    statement = case.statement_requests.get()
    page = client.get(reverse("authorities:statement_answer", args=[statement.pk])).content.decode()
    assert files["application"].title in page and files["evidence"].title not in page
    api = APIClient()
    api.force_authenticate(authority_user)
    listed = api.get(reverse("cases-api:case-documents", args=[case.pk])).json()
    assert [d["id"] for d in listed] == [files["application"].pk]
    assert api.get(reverse("cases-api:document-download", args=[case.pk, files["medical"].pk])).status_code == 404
    # The office's history records the release; the authority's does not show the office's acts.
    assert CaseEvent.objects.filter(case=case, event_type="document_released").count() == 1
    assert "freigegeben" not in " ".join(
        e["label"] for e in api.get(reverse("cases-api:case-events", args=[case.pk])).json())


@pytest.mark.django_db
def test_a_medical_attest_is_released_only_with_the_confirmation(office_client, office_user, authority_user, files):
    case, medical = files["case"], files["medical"]
    services.statement_request(case=case, actor=office_user, requested_on=TODAY)
    url = reverse("authorities:document_release", args=[case.pk, medical.pk])

    refused = office_client.post(url, {})
    assert refused.status_code == 400
    assert "Ärztliches Attest" in refused.content.decode() and "Bestätigung" in refused.content.decode()
    assert not DocumentRelease.objects.exists()
    client = _logged_in(authority_user)
    assert _download(client, case, medical).status_code == 404

    assert office_client.post(url, {"confirm_sensitive": "on"}).status_code == 302
    assert _download(client, case, medical).status_code == 200


@pytest.mark.django_db
def test_a_withdrawn_release_hides_the_document_again(office_client, office_user, authority_user, files):
    case, evidence = files["case"], files["evidence"]
    services.statement_request(case=case, actor=office_user, requested_on=TODAY, release_documents=[evidence])
    client = _logged_in(authority_user)
    assert _download(client, case, evidence).status_code == 200

    release = DocumentRelease.objects.get(document=evidence)
    assert office_client.post(reverse("authorities:document_release_withdraw", args=[release.pk])).status_code == 302
    assert _download(client, case, evidence).status_code == 404
    release.refresh_from_db()
    assert release.withdrawn_by == office_user and release.withdrawn_at is not None
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CHANGE, object_type="authorities.documentrelease",
                                     object_id=str(release.pk)).exists()
    # Released again: a new row, the old one stays as it was.
    assert office_client.post(reverse("authorities:document_release", args=[case.pk, evidence.pk])).status_code == 302
    assert DocumentRelease.objects.filter(document=evidence).count() == 2
    assert _download(client, case, evidence).status_code == 200


@pytest.mark.django_db
def test_extracts_of_the_minutes_are_never_released(office_client, files):
    response = office_client.post(reverse("authorities:document_release", args=[files["case"].pk, files["minutes"].pk]),
                                  {"confirm_sensitive": "on"})
    assert response.status_code == 400 and "§ 6 Abs. 2 HFKVO" in response.content.decode()
    assert not DocumentRelease.objects.exists()


@pytest.mark.django_db
def test_the_authority_sees_its_own_answer_without_a_release(office_user, authority_user, files):
    case = files["case"]
    statement = services.statement_request(case=case, actor=office_user, requested_on=TODAY - timedelta(days=2))
    services.statement_answer(request=statement, actor=authority_user, answered_on=TODAY, text="Siehe Anlage.",
                              files=[SimpleUploadedFile("stellungnahme.txt", b"Unsere Stellungnahme",
                                                        content_type="text/plain")])
    answer = statement.documents.get()
    client = _logged_in(authority_user)
    assert _download(client, case, answer).status_code == 200
    page = client.get(reverse("authorities:case", args=[case.pk])).content.decode()
    assert answer.title in page and files["evidence"].title not in page


@pytest.mark.django_db
def test_the_authority_history_shows_no_notes_checks_or_staff_names(office_user, authority_user):
    office_user.first_name, office_user.last_name = "Sabine", "Innendienst"
    office_user.save()
    case = case_taken_up(actor=office_user, authority_key=authority_user.authority.key)
    note_add(case=case, actor=office_user, text="Nur für uns")
    services.statement_request(case=case, actor=office_user, requested_on=TODAY)
    client = _logged_in(authority_user)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Stellungnahme angefordert" in page and "von Geschäftsstelle" in page
    for hidden in ("Innendienst", "Notiz angelegt", "Formale Prüfung", "Vorprüfung"):
        assert hidden not in page, hidden
    api = APIClient()
    api.force_authenticate(authority_user)
    events = api.get(reverse("cases-api:case-events", args=[case.pk])).json()
    assert [e["step"] for e in events] == ["request_statement"]
    assert events[0]["actor"] == "Geschäftsstelle"


@pytest.mark.django_db
def test_releases_through_the_api(office_user, authority_user, files):
    case, evidence, medical = files["case"], files["evidence"], files["medical"]
    office = APIClient()
    office.force_authenticate(office_user)
    # Listing an attest with the statement request is refused as a whole: nothing is requested.
    response = office.post(reverse("authorities-api:statement-request-list"), {
        "case": case.pk, "requested_on": TODAY.isoformat(), "release_documents": [evidence.pk, medical.pk]},
        format="json")
    assert response.status_code == 400 and "Bestätigung" in response.content.decode()
    assert not case.statement_requests.exists() and not DocumentRelease.objects.exists()
    response = office.post(reverse("authorities-api:statement-request-list"), {
        "case": case.pk, "requested_on": TODAY.isoformat(), "release_documents": [evidence.pk]}, format="json")
    assert response.status_code == 201
    assert office.post(reverse("authorities-api:document-release-list"), {"document": medical.pk},
                       format="json").status_code == 400
    created = office.post(reverse("authorities-api:document-release-list"),
                          {"document": medical.pk, "confirm_sensitive": True}, format="json")
    assert created.status_code == 201 and created.json()["title"] == medical.title
    listed = office.get(reverse("authorities-api:document-release-list"), {"case": case.pk}).json()["results"]
    assert {r["document"] for r in listed} == {evidence.pk, medical.pk}
    withdrawn = office.post(reverse("authorities-api:document-release-withdraw", args=[created.json()["id"]]))
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_at"]
    assert office.post(reverse("authorities-api:document-release-withdraw",
                               args=[created.json()["id"]])).status_code == 400

    authority = APIClient()
    authority.force_authenticate(authority_user)
    assert [d["id"] for d in authority.get(reverse("cases-api:case-documents", args=[case.pk])).json()] == [evidence.pk]
    assert authority.post(reverse("authorities-api:document-release-list"),
                          {"document": medical.pk, "confirm_sensitive": True}, format="json").status_code == 404
    assert authority.get(reverse("authorities-api:document-release-list")).status_code == 404


@pytest.mark.django_db
def test_unknown_or_foreign_documents_answer_400_or_404(office_user, files):
    office = APIClient()
    office.force_authenticate(office_user)
    case = files["case"]
    other = case_taken_up(actor=office_user, family_name="Anderer")
    foreign = _upload(other, office_user, "Fremdes Dokument", "evidence")
    response = office.post(reverse("authorities-api:statement-request-list"), {
        "case": case.pk, "requested_on": TODAY.isoformat(), "release_documents": [foreign.pk, 10**17]},
        format="json")
    assert response.status_code == 400 and "Kein Dokument dieses Falls" in response.content.decode()
    assert office.post(reverse("authorities-api:document-release-list"), {"document": 10**17},
                       format="json").status_code == 404
    assert office.get(reverse("authorities-api:document-release-list"), {"case": "x"}).status_code == 400
