"""One statement deadline: the authorities' StatementRequest decides, the case mirrors it, and the
dashboard panel, the case list filter and the authorities' selector agree."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from haertefall.authorities import selectors, services
from haertefall.cases.dashboard import panels
from tests.authorities_support import case_taken_up

pytestmark = pytest.mark.django_db
TODAY = date.today()


def _overdue_everywhere(client, user, case):
    in_panel = any(case.file_number in [i["label"] for i in p["items"]]
                   for p in panels(user) if p["title"] == "Stellungnahme überfällig")
    in_list = case.file_number in client.get(reverse("cases:list"), {"overdue": "on"}).content.decode()
    in_selector = selectors.statements_overdue(user=user, today=TODAY).filter(case=case).exists()
    assert in_panel == in_list == in_selector
    return in_panel


def test_request_extend_pause_resume_answer_keep_case_in_sync(office_client, office_user):
    case = case_taken_up(actor=office_user, received_on=TODAY - timedelta(days=100))
    request = services.statement_request(case=case, actor=office_user, requested_on=TODAY - timedelta(days=60))
    case.refresh_from_db()
    assert case.statement_due_on == request.current_due < TODAY
    assert _overdue_everywhere(office_client, office_user, case)

    request = services.statement_extend(request=request, actor=office_user, new_due=TODAY + timedelta(days=10),
                                        reason="Akte beim Gericht")
    case.refresh_from_db()
    assert case.statement_due_on == request.current_due == TODAY + timedelta(days=10)
    assert not _overdue_everywhere(office_client, office_user, case)

    request = services.statement_pause(request=request, actor=office_user, paused_on=TODAY - timedelta(days=5),
                                       reason="Gerichtsverfahren")
    case.refresh_from_db()
    assert case.statement_due_on is None  # a paused deadline does not run
    assert not _overdue_everywhere(office_client, office_user, case)

    request = services.statement_resume(request=request, actor=office_user, resumed_on=TODAY)
    case.refresh_from_db()
    assert case.statement_due_on == request.current_due > TODAY + timedelta(days=10)

    services.statement_answer(request=request, actor=office_user, answered_on=TODAY, text="Keine Bedenken.")
    case.refresh_from_db()
    assert case.statement_due_on is None
    assert not _overdue_everywhere(office_client, office_user, case)


def test_office_dashboard_has_one_overdue_statements_panel(office_user):
    from haertefall.portal.dashboard import dashboard_panels

    titles = [p["title"] for p in dashboard_panels(office_user)]
    assert sum("Stellungnahme" in t and "berfällig" in t for t in titles) == 1


def test_the_case_page_says_when_the_deadline_is_paused(office_client, office_user):
    case = case_taken_up(actor=office_user, received_on=TODAY - timedelta(days=100))
    request = services.statement_request(case=case, actor=office_user, requested_on=TODAY - timedelta(days=20))
    page = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f"offen, Frist {request.current_due:%d.%m.%Y}" in page
    paused_on = TODAY - timedelta(days=5)
    request = services.statement_pause(request=request, actor=office_user, paused_on=paused_on, reason="Gericht")
    page = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f"offen, Frist gehemmt seit {paused_on:%d.%m.%Y}" in page
    assert "Stellungnahme fällig am" not in page
    assert "Frist für die Stellungnahme gehemmt" in page and "statement_paused" not in page  # the timeline
    request = services.statement_resume(request=request, actor=office_user, resumed_on=TODAY)
    page = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f"offen, Frist {request.current_due:%d.%m.%Y}" in page and "Frist gehemmt seit" not in page
