"""„Meine Fälle“, whose case it is, substitutions and the calendar, as the office uses the pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from haertefall.accounts.models import Role, Substitution
from haertefall.cases.models import Case, FollowUp
from haertefall.cases.states import State
from haertefall.meetings.models import Meeting
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(db):
    return UserFactory(username="kollegin", role=Role.OFFICE, first_name="Klara", last_name="Kollegin")


def _overdue(case):
    Case.objects.filter(pk=case.pk).update(state=State.STATEMENT_REQUESTED,
                                           statement_due_on=timezone.localdate() - timedelta(days=2))


def test_the_office_lands_on_my_cases_with_only_its_own_queues(office_client, office_user, colleague):
    mine = make_case(actor=office_user, family_name="Eigen")
    theirs = make_case(actor=office_user, assigned_to=colleague)
    _overdue(mine)
    _overdue(theirs)
    page = office_client.get(reverse("portal:home")).content.decode()
    assert "<h1 class=\"kern-heading-large\">Meine Fälle</h1>" in page
    assert "Stellungnahme überfällig: angefordert, nicht beantwortet, Frist vor heute" in page
    assert mine.file_number in page
    assert theirs.file_number not in page
    assert "?assigned=me&amp;queue=stellungnahme-ueberfaellig" in page


def test_the_queue_link_opens_the_filtered_case_list(office_client, office_user, colleague):
    mine = make_case(actor=office_user)
    theirs = make_case(actor=office_user, assigned_to=colleague)
    other = make_case(actor=office_user)
    _overdue(mine)
    _overdue(theirs)
    page = office_client.get(reverse("cases:list"), {"assigned": "me", "queue": "stellungnahme-ueberfaellig"})
    html = page.content.decode()
    assert mine.file_number in html
    assert theirs.file_number not in html
    assert other.file_number not in html


def test_the_head_sees_the_office_view(client, office_head, office_user, colleague):
    case = make_case(actor=office_user, assigned_to=colleague)
    client.force_login(office_head)
    page = client.get(reverse("portal:home")).content.decode()
    assert "Fälle der Geschäftsstelle" in page
    assert case.file_number in page
    assert "Klara Kollegin" in page


def test_substituted_cases_are_marked(client, office_user, colleague):
    today = timezone.localdate()
    case = make_case(actor=office_user)
    Substitution.objects.create(absent=office_user, substitute=colleague, starts_on=today, ends_on=today,
                                created_by=office_user)
    client.force_login(colleague)
    page = client.get(reverse("portal:home")).content.decode()
    assert f"Vertretung für {office_user}" in page
    assert case.file_number in page


def test_take_an_unassigned_case_from_the_start_page(office_client, office_user):
    case = make_case(actor=office_user, assigned_to=None)
    for view in ("meine", "geschaeftsstelle"):
        page = office_client.get(reverse("portal:home"), {"ansicht": view}).content.decode()
        assert reverse("cases:take", args=[case.pk]) in page
    response = office_client.post(reverse("cases:take", args=[case.pk]))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assigned_to == office_user
    detail = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Zuständigkeit geändert" in detail


def test_the_head_reassigns_an_officer_may_not(client, office_head, office_user, colleague):
    case = make_case(actor=office_user)
    client.force_login(office_user)
    assert client.post(reverse("cases:assignment", args=[case.pk]), {"assigned_to": colleague.pk}).status_code == 403
    client.force_login(office_head)
    response = client.post(reverse("cases:assignment", args=[case.pk]), {"assigned_to": colleague.pk})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assigned_to == colleague
    again = client.post(reverse("cases:assignment", args=[case.pk]), {"assigned_to": colleague.pk})
    assert again.status_code == 400
    assert "bereits Klara Kollegin zugewiesen" in again.content.decode()


def test_intake_offers_the_officer_and_defaults_to_the_recorder(office_client, office_user):
    page = office_client.get(reverse("cases:intake")).content.decode()
    assert "Zuständige Sachbearbeitung" in page
    assert f'<option value="{office_user.pk}" selected>' in page


def test_substitution_form_refuses_an_end_before_the_start_in_german(office_client, office_user, colleague):
    today = timezone.localdate()
    response = office_client.post(reverse("cases:substitutions"), {
        "absent": office_user.pk, "substitute": colleague.pk, "starts_on": today.strftime("%d.%m.%Y"),
        "ends_on": (today - timedelta(days=1)).strftime("%d.%m.%Y")})
    assert response.status_code == 400
    assert "Das Ende der Vertretung liegt vor ihrem Beginn." in response.content.decode()
    assert not Substitution.objects.exists()


def test_an_officer_sets_only_her_own_substitution(office_client, office_user, colleague):
    today = timezone.localdate().strftime("%d.%m.%Y")
    response = office_client.post(reverse("cases:substitutions"), {
        "absent": colleague.pk, "substitute": office_user.pk, "starts_on": today, "ends_on": today})
    assert response.status_code == 400
    assert not Substitution.objects.exists()
    response = office_client.post(reverse("cases:substitutions"), {
        "absent": office_user.pk, "substitute": colleague.pk, "starts_on": today, "ends_on": today})
    assert response.status_code == 302
    assert Substitution.objects.get().substitute == colleague


def test_calendar_month_and_list_show_sessions_and_deadlines(office_client, office_user, colleague):
    today = timezone.localdate()
    day = today.replace(day=15)
    Meeting.objects.create(date=day)
    mine = make_case(actor=office_user)
    theirs = make_case(actor=office_user, assigned_to=colleague)
    Case.objects.filter(pk=mine.pk).update(state=State.STATEMENT_REQUESTED, statement_due_on=day)
    FollowUp.objects.create(case=theirs, due_on=day, reason="Nachfragen", created_by=office_user)
    month = office_client.get(reverse("cases:calendar")).content.decode()
    months = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
              "November", "Dezember")
    assert f"Kalender: {months[today.month - 1]} {today.year}" in month
    assert '<abbr title="Montag">Mo</abbr>' in month
    assert f"Sitzung der Härtefallkommission am {day:%d.%m.%Y}" in month
    assert f"Frist Stellungnahme: {mine.file_number}" in month
    assert f"Wiedervorlage: {theirs.file_number}" in month
    only_mine = office_client.get(reverse("cases:calendar"), {"meine": "1", "ansicht": "liste"}).content.decode()
    assert mine.file_number in only_mine
    assert theirs.file_number not in only_mine
    assert "Sitzung der Härtefallkommission" in only_mine
    following = today.replace(day=1) + timedelta(days=32)
    assert f"monat={following.year}-{following.month:02d}" in month


def test_calendar_ignores_a_broken_month(office_client):
    response = office_client.get(reverse("cases:calendar"), {"monat": "2026-13"})
    assert response.status_code == 200


def test_calendar_shows_when_an_authority_that_will_not_follow_may_decide(office_client, office_user, settings):
    from haertefall.authorities.models import HardshipRequest, IntendedDecision

    settings.HAERTEFALL_NOT_FOLLOW_WAITING_DAYS = 14
    today = timezone.localdate()
    case = make_case(actor=office_user)
    Case.objects.filter(pk=case.pk).update(state=State.INTENDED_DECISION)
    request = HardshipRequest.objects.create(case=case, authority=case.authority, sent_on=today, sent_by=office_user)
    IntendedDecision.objects.create(hardship_request=request, follow=False, reasons="Passlosigkeit",
                                    recorded_on=today, recorded_by=office_user)
    earliest = today + timedelta(days=14)
    page = office_client.get(reverse("cases:calendar"), {"monat": f"{earliest:%Y-%m}", "ansicht": "liste"})
    html = page.content.decode()
    assert "§ 7 Abs. 3: Entscheidung der Behörde frühestens" in html
    assert f"{earliest:%d.%m.%Y}" in html
