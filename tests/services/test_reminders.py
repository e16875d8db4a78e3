from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from haertefall.authorities import services
from haertefall.authorities.models import Reminder
from haertefall.authorities.reminders import reminders_send
from haertefall.authorities.rules import reminder_due
from haertefall.correspondence.models import SentEmail

from ..authorities_support import case_taken_up, private_media  # noqa: F401

DUE = date(2025, 9, 30)  # requested on Tuesday 2.9.2025


@pytest.fixture
def statement(office_user):
    case = case_taken_up(actor=office_user, authority_key="stadt-koeln", received_on=date(2025, 9, 1))
    request = services.statement_request(case=case, actor=office_user, requested_on=date(2025, 9, 2))
    assert request.current_due == DUE
    mail.outbox.clear()
    return request


def _run(today, capture):
    with capture(execute=True):
        return reminders_send(today=today)


@pytest.mark.django_db
def test_reminder_before_deadline_sent_once(statement, django_capture_on_commit_callbacks):
    assert _run(DUE - timedelta(days=8), django_capture_on_commit_callbacks) == []
    sent = _run(DUE - timedelta(days=7), django_capture_on_commit_callbacks)
    assert [r.kind for r in sent] == ["before"]
    assert len(mail.outbox) == 1
    assert "30.09.2025" in mail.outbox[0].subject
    assert mail.outbox[0].to == ["abh@stadt-koeln.example"]
    # Same day again, and the next days up to the deadline: nothing new.
    for offset in (7, 3, 0):
        assert _run(DUE - timedelta(days=offset), django_capture_on_commit_callbacks) == []
    assert len(mail.outbox) == 1
    assert SentEmail.objects.filter(kind="reminder_before", sent_at__isnull=False).count() == 1


@pytest.mark.django_db
def test_reminders_after_deadline_then_weekly(statement, django_capture_on_commit_callbacks):
    assert [r.number for r in _run(DUE + timedelta(days=1), django_capture_on_commit_callbacks)] == [0]
    assert _run(DUE + timedelta(days=1), django_capture_on_commit_callbacks) == []
    assert _run(DUE + timedelta(days=7), django_capture_on_commit_callbacks) == []
    assert [r.number for r in _run(DUE + timedelta(days=8), django_capture_on_commit_callbacks)] == [1]
    assert len(mail.outbox) == 2
    assert "Mahnung" in mail.outbox[0].subject
    assert statement.case.events.filter(event_type="reminder_sent").count() == 2


@pytest.mark.django_db
def test_no_reminder_once_answered_or_while_paused(statement, office_user, django_capture_on_commit_callbacks):
    services.statement_pause(request=statement, actor=office_user, paused_on=date(2025, 9, 20), reason="Gericht")
    assert _run(DUE + timedelta(days=1), django_capture_on_commit_callbacks) == []
    services.statement_resume(request=statement, actor=office_user, resumed_on=date(2025, 10, 2))
    statement.refresh_from_db()
    services.statement_answer(request=statement, actor=office_user, answered_on=date(2025, 10, 3), text="Antwort")
    assert _run(DUE + timedelta(days=30), django_capture_on_commit_callbacks) == []
    assert Reminder.objects.count() == 0


@pytest.mark.django_db
def test_extension_gets_its_own_before_reminder(statement, office_user, django_capture_on_commit_callbacks):
    _run(DUE - timedelta(days=5), django_capture_on_commit_callbacks)
    services.statement_extend(request=statement, actor=office_user, new_due=date(2025, 10, 20), reason="Urlaub")
    sent = _run(date(2025, 10, 14), django_capture_on_commit_callbacks)
    assert [(r.kind, r.due_on) for r in sent] == [("before", date(2025, 10, 20))]


@pytest.mark.django_db
def test_command_with_today(statement, capsys):
    call_command("send_reminders", "--today", "2025-10-01")
    call_command("send_reminders", "--today", "2025-10-01")
    out = capsys.readouterr().out
    assert "1 Erinnerung(en) gesendet." in out
    assert "0 Erinnerung(en) gesendet." in out
    assert Reminder.objects.count() == 1


@given(due=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
       offset=st.integers(min_value=-60, max_value=120),
       before=st.integers(min_value=0, max_value=30), repeat=st.integers(min_value=1, max_value=30))
def test_reminder_rule_edges(due, offset, before, repeat):
    today = due + timedelta(days=offset)
    key = reminder_due(due=due, today=today, days_before=before, repeat_days=repeat)
    if today > due:
        kind, number = key
        assert kind == "after"
        # Number n is first due on due + 1 + n*repeat and stays the same for `repeat` days.
        assert due + timedelta(days=1 + number * repeat) <= today < due + timedelta(days=1 + (number + 1) * repeat)
    elif before and (due - today).days <= before:
        assert key == ("before", 0)
    else:
        assert key is None
