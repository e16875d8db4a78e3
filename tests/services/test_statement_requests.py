from datetime import date, timedelta

import pytest

from haertefall.authorities import services
from haertefall.cases.states import State, Step
from haertefall.core.deadlines import Period
from haertefall.core.errors import DomainError, StepNotAllowed

from ..authorities_support import authority_user, case_taken_up, private_media  # noqa: F401


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("requested_on", "expected_due"),
    [
        # Tuesday + 4 weeks = Tuesday (§ 188 Abs. 2 BGB), a working day.
        (date(2025, 9, 2), date(2025, 9, 30)),
        # Saturday + 4 weeks = Saturday 1.11. (also All Saints' Day in NRW) → Monday 3.11. (§ 193 BGB).
        (date(2025, 10, 4), date(2025, 11, 3)),
        # Thursday 27.11. + 4 weeks = 25.12.; 26.12. holiday, 27./28. weekend → Monday 29.12.
        (date(2025, 11, 27), date(2025, 12, 29)),
    ],
)
def test_deadline_follows_bgb_rules_at_request_time(office_user, requested_on, expected_due):
    case = case_taken_up(actor=office_user, received_on=date(2025, 9, 1))

    statement = services.statement_request(case=case, actor=office_user, requested_on=requested_on)

    assert statement.original_due == expected_due
    assert statement.current_due == expected_due
    case.refresh_from_db()
    assert case.state == State.STATEMENT_REQUESTED
    event = case.events.get(step=Step.REQUEST_STATEMENT)
    assert event.data["due"] == expected_due.isoformat()
    assert event.data["statement_request_id"] == statement.pk


@pytest.mark.django_db
def test_period_comes_from_settings(office_user, settings):
    settings.HAERTEFALL_STATEMENT_PERIOD_WEEKS = 6
    case = case_taken_up(actor=office_user, received_on=date(2025, 9, 1))
    statement = services.statement_request(case=case, actor=office_user, requested_on=date(2025, 9, 2))
    assert statement.original_due == date(2025, 10, 14)


@pytest.mark.django_db
def test_explicit_period_overrides_default(office_user):
    case = case_taken_up(actor=office_user, received_on=date(2025, 9, 1))
    statement = services.statement_request(case=case, actor=office_user, requested_on=date(2025, 9, 2),
                                           period=Period(weeks=2))
    assert statement.original_due == date(2025, 9, 16)


@pytest.mark.django_db
def test_request_refused_in_wrong_state_and_nothing_written(office_user):
    case = case_taken_up(actor=office_user, received_on=date(2025, 9, 1))
    services.statement_request(case=case, actor=office_user, requested_on=date(2025, 9, 2))
    with pytest.raises(StepNotAllowed, match="Stellungnahme"):
        services.statement_request(case=case, actor=office_user, requested_on=date(2025, 9, 3))
    assert case.statement_requests.count() == 1


@pytest.mark.django_db
def test_authority_cannot_request_statement(office_user):
    case = case_taken_up(actor=office_user, received_on=date(2025, 9, 1))
    with pytest.raises(DomainError, match="Geschäftsstelle"):
        services.statement_request(case=case, actor=authority_user("stadt-koeln"), requested_on=date(2025, 9, 2))


@pytest.mark.django_db
def test_extension_keeps_original_due_and_is_in_history(office_user):
    case = case_taken_up(actor=office_user, received_on=date(2025, 9, 1))
    statement = services.statement_request(case=case, actor=office_user, requested_on=date(2025, 9, 2))

    extended = services.statement_extend(request=statement, actor=office_user, new_due=date(2025, 10, 20),
                                         reason="Akte liegt beim Verwaltungsgericht")

    assert extended.original_due == date(2025, 9, 30)
    assert extended.current_due == date(2025, 10, 20)
    assert extended.extensions[0]["reason"] == "Akte liegt beim Verwaltungsgericht"
    event = case.events.get(event_type="statement_extended")
    assert event.data["original_due"] == "2025-09-30"
    assert event.data["new_due"] == "2025-10-20"


@pytest.mark.django_db
def test_extension_must_lie_after_current_due_and_needs_reason(office_user):
    case = case_taken_up(actor=office_user, received_on=date(2025, 9, 1))
    statement = services.statement_request(case=case, actor=office_user, requested_on=date(2025, 9, 2))
    with pytest.raises(DomainError, match="verlängert"):
        services.statement_extend(request=statement, actor=office_user, new_due=date(2025, 9, 29), reason="x")
    with pytest.raises(DomainError, match="Grund"):
        services.statement_extend(request=statement, actor=office_user, new_due=date(2025, 10, 29), reason=" ")
    statement.refresh_from_db()
    assert statement.extensions == []
    assert statement.current_due == date(2025, 9, 30)


@pytest.mark.django_db
def test_pause_and_resume_add_the_paused_days(office_user):
    case = case_taken_up(actor=office_user, received_on=date(2025, 9, 1))
    statement = services.statement_request(case=case, actor=office_user, requested_on=date(2025, 9, 2))
    services.statement_pause(request=statement, actor=office_user, paused_on=date(2025, 9, 10), reason="Rückfrage")
    statement.refresh_from_db()
    assert statement.is_paused
    # paused 10.–19.9. (10 days): 30.9. + 10 = 10.10. (Friday)
    resumed = services.statement_resume(request=statement, actor=office_user, resumed_on=date(2025, 9, 20))
    assert resumed.current_due == date(2025, 10, 10)
    assert resumed.original_due == date(2025, 9, 30)
    assert not resumed.is_paused


@pytest.mark.django_db
def test_authority_answers_and_timeline_shows_it(office_user):
    case = case_taken_up(actor=office_user, authority_key="stadt-koeln", received_on=date(2025, 9, 1))
    statement = services.statement_request(case=case, actor=office_user, requested_on=date(2025, 9, 2))
    koeln = authority_user("stadt-koeln")

    services.statement_answer(request=statement, actor=koeln, answered_on=date(2025, 9, 25),
                              text="Die Person ist gut integriert.")

    statement.refresh_from_db()
    assert statement.answered_by == koeln
    assert not statement.entered_by_office
    case.refresh_from_db()
    assert case.state == State.STATEMENT_RECEIVED
    event = case.events.get(step=Step.RECEIVE_STATEMENT)
    assert event.actor == koeln
    assert event.data["late"] is False


@pytest.mark.django_db
def test_other_authority_cannot_answer(office_user):
    case = case_taken_up(actor=office_user, authority_key="stadt-koeln", received_on=date(2025, 9, 1))
    statement = services.statement_request(case=case, actor=office_user, requested_on=date(2025, 9, 2))
    with pytest.raises(DomainError):
        services.statement_answer(request=statement, actor=authority_user("stadt-essen"),
                                  answered_on=date(2025, 9, 25), text="x")
    statement.refresh_from_db()
    assert statement.answered_on is None


@pytest.mark.django_db
def test_office_enters_scanned_letter_with_document(office_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = case_taken_up(actor=office_user, received_on=date(2025, 9, 1))
    statement = services.statement_request(case=case, actor=office_user, requested_on=date(2025, 9, 2))
    scan = SimpleUploadedFile("stellungnahme.pdf", b"%PDF-1.4 scan", content_type="application/pdf")

    services.statement_answer(request=statement, actor=office_user, answered_on=date(2025, 10, 2), text="",
                              files=[scan])

    statement.refresh_from_db()
    assert statement.entered_by_office
    document = statement.documents.get()
    assert document.doc_type == "statement"
    assert document.case_id == case.pk
    assert case.events.get(step=Step.RECEIVE_STATEMENT).data["late"] is True


@pytest.mark.django_db
def test_answer_needs_text_or_file_and_rejects_bad_files(office_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = case_taken_up(actor=office_user, received_on=date(2025, 9, 1))
    statement = services.statement_request(case=case, actor=office_user, requested_on=date(2025, 9, 2))
    with pytest.raises(DomainError, match="Stellungnahme ein"):
        services.statement_answer(request=statement, actor=office_user, answered_on=date(2025, 9, 5), text="")
    with pytest.raises(DomainError, match="kein erlaubter Dateityp"):
        services.statement_answer(request=statement, actor=office_user, answered_on=date(2025, 9, 5), text="x",
                                  files=[SimpleUploadedFile("x.exe", b"MZ")])
    with pytest.raises(DomainError, match="Zukunft"):
        services.statement_answer(request=statement, actor=office_user,
                                  answered_on=date.today() + timedelta(days=1), text="x")
    case.refresh_from_db()
    assert case.state == State.STATEMENT_REQUESTED
    assert case.documents.count() == 0


@pytest.mark.django_db
def test_info_request_to_authority_and_answer(office_user, django_capture_on_commit_callbacks):
    from django.core import mail

    from haertefall.cases.services.lifecycle import case_step as step

    case = case_taken_up(actor=office_user, authority_key="stadt-koeln", received_on=date(2025, 9, 1))
    statement = services.statement_request(case=case, actor=office_user, requested_on=date(2025, 9, 2))
    services.statement_answer(request=statement, actor=office_user, answered_on=date(2025, 9, 20), text="x")
    with pytest.raises(DomainError, match="nach dem Datum"):
        services.info_request(case=case, actor=office_user, recipient="authority", requested_on=date(2025, 9, 22),
                              due_on=date(2025, 9, 22), text="Passkopie")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        info = services.info_request(case=case, actor=office_user, recipient="authority",
                                     requested_on=date(2025, 9, 22), due_on=date(2025, 10, 6), text="Passkopie")
    assert mail.outbox and mail.outbox[0].to == ["abh@stadt-koeln.example"]
    case.refresh_from_db()
    assert case.state == State.INFO_REQUESTED
    with pytest.raises(DomainError):
        services.info_answer(info=info, actor=authority_user("stadt-essen"), answered_on=date(2025, 9, 30), text="x")
    services.info_answer(info=info, actor=authority_user("stadt-koeln"), answered_on=date(2025, 9, 30),
                         text="Pass liegt vor.")
    case.refresh_from_db()
    assert case.state == State.STATEMENT_RECEIVED
    assert case.events.filter(step=Step.RECEIVE_INFO).get().data["info_request_id"] == info.pk
    step(case=case, actor=office_user, step=Step.MARK_READY, effective_on=date(2025, 10, 1))


@pytest.mark.django_db
def test_info_request_to_submitter_is_answered_by_office(office_user):
    case = case_taken_up(actor=office_user, received_on=date(2025, 9, 1))
    statement = services.statement_request(case=case, actor=office_user, requested_on=date(2025, 9, 2))
    services.statement_answer(request=statement, actor=office_user, answered_on=date(2025, 9, 20), text="x")
    info = services.info_request(case=case, actor=office_user, recipient="submitter",
                                 requested_on=date(2025, 9, 22), due_on=date(2025, 10, 6), text="Arbeitsvertrag")
    assert info.authority is None
    with pytest.raises(DomainError):
        services.info_answer(info=info, actor=authority_user("stadt-koeln"), answered_on=date(2025, 9, 30), text="x")
    services.info_answer(info=info, actor=office_user, answered_on=date(2025, 9, 30), text="Vertrag eingereicht")
    info.refresh_from_db()
    assert info.answered_by == office_user
