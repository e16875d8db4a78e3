"""Retention hook (see ``haertefall.retention.services``): when a case is anonymised, the
authorities part removes its free text and its links to the case documents, keeping the
dates, kinds and outcomes the statistics and the ministry's counts read."""

from .models import HardshipRequest, InfoRequest, IntendedDecision, Outcome, StatementRequest

# Keys of CaseEvent.data written by this part that describe the procedure, not a person.
EVENT_DATA_KEEP = frozenset({
    "statement_request_id", "info_request_id", "hardship_request_id", "intended_decision_id", "outcome_id",
    "authority", "period", "due", "late", "entered_by_office", "original_due", "previous_due", "new_due",
    "follow", "kind", "number", "recipient_kind", "permit_valid_from", "permit_valid_until",
    "condition_living_costs", "condition_section_68", "person_outcomes",
})

SCRUBBED = "– gelöscht (Löschkonzept) –"


def retention_scrub_case(*, case) -> None:
    for request in StatementRequest.objects.filter(case=case):
        request.documents.clear()
        request.answer_text = ""
        request.extensions = [{**e, "reason": ""} for e in request.extensions]
        request.pauses = [{**p, "reason": ""} for p in request.pauses]
        request.save(update_fields=["answer_text", "extensions", "pauses"])
    for info in InfoRequest.objects.filter(case=case):
        info.documents.clear()
    InfoRequest.objects.filter(case=case).update(text=SCRUBBED, answer_text="")
    HardshipRequest.objects.filter(case=case).update(letter=None)
    # "Not follow" keeps a placeholder: the database requires reasons for it.
    IntendedDecision.objects.filter(hardship_request__case=case, follow=False).update(reasons=SCRUBBED)
    Outcome.objects.filter(hardship_request__case=case).update(conditions_other="")
