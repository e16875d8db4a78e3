from datetime import date, timedelta

import pytest
from django.urls import reverse

from haertefall.accounts.models import Role
from haertefall.authorities import services
from haertefall.cases.states import State

from ..authorities_support import (  # noqa: F401
    authority_user,
    case_request_sent,
    case_taken_up,
    private_media,
)
from ..factories import UserFactory

TODAY = date.today()


@pytest.fixture
def two_statements(office_user):
    koeln_case = case_taken_up(actor=office_user, authority_key="stadt-koeln", family_name="Koelner")
    essen_case = case_taken_up(actor=office_user, authority_key="stadt-essen", family_name="Essener")
    koeln = services.statement_request(case=koeln_case, actor=office_user, requested_on=TODAY - timedelta(days=40))
    essen = services.statement_request(case=essen_case, actor=office_user, requested_on=TODAY - timedelta(days=3))
    return koeln, essen


@pytest.mark.django_db
def test_authority_inbox_shows_only_own_cases_with_overdue_marked(client, two_statements):
    koeln, essen = two_statements
    client.force_login(authority_user("stadt-koeln"))
    response = client.get(reverse("authorities:inbox"))
    content = response.content.decode()
    assert response.status_code == 200
    assert koeln.case.file_number in content
    assert essen.case.file_number not in content
    assert "Frist abgelaufen" in content


@pytest.mark.django_db
def test_other_authoritys_statement_request_is_404(client, two_statements):
    koeln, essen = two_statements
    client.force_login(authority_user("stadt-koeln"))
    assert client.get(reverse("authorities:statement_answer", args=[essen.pk])).status_code == 404
    assert client.post(reverse("authorities:statement_answer", args=[essen.pk]),
                       {"answered_on": TODAY.isoformat(), "text": "x"}).status_code == 404
    assert client.get(reverse("authorities:case", args=[essen.case_id])).status_code == 404
    essen.refresh_from_db()
    assert essen.answered_on is None


@pytest.mark.django_db
def test_authority_answers_in_the_browser_form_and_timeline_shows_it(client, two_statements):
    koeln, _ = two_statements
    client.force_login(authority_user("stadt-koeln"))
    response = client.post(reverse("authorities:statement_answer", args=[koeln.pk]),
                           {"answered_on": TODAY.isoformat(), "text": "Wir haben keine Bedenken."})
    assert response.status_code == 302
    page = client.get(reverse("authorities:case", args=[koeln.case_id])).content.decode()
    assert "Stellungnahme eingegangen" in page
    assert "Stellungnahme angefordert" in page
    # The commission's internal steps are not shown to the authority.
    assert "Vorprüfung" not in page


@pytest.mark.django_db
def test_form_errors_are_german_and_write_nothing(client, two_statements):
    koeln, _ = two_statements
    client.force_login(authority_user("stadt-koeln"))
    response = client.post(reverse("authorities:statement_answer", args=[koeln.pk]),
                           {"answered_on": TODAY.isoformat(), "text": ""})
    assert response.status_code == 200
    assert "Bitte geben Sie die Stellungnahme ein" in response.content.decode()
    koeln.refresh_from_db()
    assert koeln.answered_on is None


@pytest.mark.django_db
def test_office_extends_via_page(office_client, two_statements):
    koeln, _ = two_statements
    new_due = koeln.current_due + timedelta(days=21)
    response = office_client.post(reverse("authorities:statement_extend", args=[koeln.pk]),
                                  {"new_due": new_due.isoformat(), "reason": "Personalmangel"})
    assert response.status_code == 302
    koeln.refresh_from_db()
    assert koeln.extensions[0]["reason"] == "Personalmangel"
    bad = office_client.post(reverse("authorities:statement_extend", args=[koeln.pk]),
                             {"new_due": (TODAY - timedelta(days=400)).isoformat(), "reason": "x"})
    assert bad.status_code == 400
    assert "verlängert" in bad.content.decode()


@pytest.mark.django_db
def test_authority_cannot_extend(client, two_statements):
    koeln, _ = two_statements
    client.force_login(authority_user("stadt-koeln"))
    response = client.post(reverse("authorities:statement_extend", args=[koeln.pk]),
                           {"new_due": (koeln.current_due + timedelta(days=30)).isoformat(), "reason": "x"})
    assert response.status_code == 404


@pytest.mark.django_db
def test_intended_decision_and_outcome_pages(client, office_user, django_capture_on_commit_callbacks):
    case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    client.force_login(authority_user("stadt-koeln"))
    refused = client.post(reverse("authorities:outcome", args=[hardship.pk]),
                          {"kind": "refused", "decided_on": TODAY.isoformat()})
    assert "beabsichtigte Entscheidung" in refused.content.decode()
    missing = client.post(reverse("authorities:intended_decision", args=[hardship.pk]),
                          {"follow": "no", "reasons": "", "recorded_on": TODAY.isoformat()})
    assert "maßgeblichen Gründe" in missing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the ministry's e-mail goes out
        ok = client.post(reverse("authorities:intended_decision", args=[hardship.pk]),
                         {"follow": "no", "reasons": "Identität ungeklärt.", "recorded_on": TODAY.isoformat()})
    assert ok.status_code == 302
    done = client.post(reverse("authorities:outcome", args=[hardship.pk]),
                       {"kind": "refused", "decided_on": TODAY.isoformat()})
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.state == State.CLOSED


@pytest.mark.django_db
def test_par7_3_ministry_sees_every_intended_decision_and_the_reasons_for_not_following(client, office_user):
    case_a, request_a = case_request_sent(actor=office_user, authority_key="stadt-koeln", family_name="Nichtfolger")
    case_b, request_b = case_request_sent(actor=office_user, authority_key="stadt-essen", family_name="Folger")
    services.intended_decision_record(hardship_request=request_a, actor=office_user, follow=False,
                                      reasons="Straftaten von erheblichem Gewicht.", recorded_on=TODAY)
    services.intended_decision_record(hardship_request=request_b, actor=office_user, follow=True,
                                      reasons="", recorded_on=TODAY)
    ministry = UserFactory(username="ministerium", role=Role.MINISTRY)
    client.force_login(ministry)

    page = client.get(reverse("authorities:ministry")).content.decode()
    assert "Straftaten von erheblichem Gewicht." in page
    assert case_a.file_number in page and case_b.file_number in page  # follow and not follow
    assert "Nichtfolger" not in page and "Folger" not in page  # no names of persons
    # Counts per authority come protected in the statistics, not as exact small cells here.
    assert 'id="zahlen"' not in page and reverse("statistics:report") in page
    assert "noch nicht versandt" in page  # the e-mails of this test were not sent (no commit)
    for url in (reverse("authorities:case", args=[case_a.pk]),
                reverse("authorities:intended_decision", args=[request_a.pk]),
                reverse("authorities:inbox")):
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_office_dashboard_panels(office_user, two_statements):
    from haertefall.authorities.dashboard import panels
    from haertefall.cases.dashboard import panels as case_panels

    titles = {p["title"]: p for p in panels(office_user) + case_panels(office_user)}
    assert "Überfällige Stellungnahmen" not in titles  # one panel only, the case file's
    assert titles["Stellungnahme überfällig"]["count"] == 1
    koeln_user = authority_user("stadt-koeln")
    assert panels(koeln_user)[0]["count"] == 1


@pytest.mark.django_db
def test_unanswered_request_comes_back_to_office(office_user, settings):
    from haertefall.authorities.dashboard import panels

    settings.HAERTEFALL_REQUEST_UNANSWERED_MONTHS = 1
    case, _ = case_request_sent(actor=office_user, authority_key="stadt-koeln")  # sent 60 days ago
    panel = next(p for p in panels(office_user) if p["title"].startswith("Ersuchen seit"))
    assert [item["label"] for item in panel["items"]] == [case.file_number]


@pytest.mark.django_db
def test_ministry_dashboard_lists_pending_not_follow(office_user):
    from haertefall.authorities.dashboard import panels

    case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    services.intended_decision_record(hardship_request=hardship, actor=office_user, follow=False,
                                      reasons="Gründe", recorded_on=TODAY)
    ministry = UserFactory(username="ministerium", role=Role.MINISTRY)
    (panel,) = panels(ministry)
    assert [item["label"] for item in panel["items"]] == [case.file_number]
    assert panels(UserFactory(username="dsb", role=Role.DPO)) == []


@pytest.mark.django_db
def test_info_request_pages(client, office_client, office_user):
    from haertefall.cases.states import Step

    case = case_taken_up(actor=office_user, authority_key="stadt-koeln")
    statement = services.statement_request(case=case, actor=office_user, requested_on=TODAY - timedelta(days=30))
    services.statement_answer(request=statement, actor=office_user, answered_on=TODAY - timedelta(days=10), text="x")
    response = office_client.post(reverse("authorities:info_request", args=[case.pk]), {
        "recipient": "authority", "requested_on": TODAY.isoformat(),
        "due_on": (TODAY + timedelta(days=14)).isoformat(), "text": "Bitte Passkopie senden."})
    assert response.status_code == 302
    info = case.info_requests.get()
    client.force_login(authority_user("stadt-koeln"))
    inbox = client.get(reverse("authorities:inbox")).content.decode()
    assert "Bitte Passkopie senden." in inbox
    answered = client.post(reverse("authorities:info_answer", args=[info.pk]),
                           {"answered_on": TODAY.isoformat(), "text": "Passkopie anbei."})
    assert answered.status_code == 302
    assert case.events.filter(step=Step.RECEIVE_INFO).exists()
