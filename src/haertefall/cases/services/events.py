"""Writing case events: the append-only history every view, report and audit reads."""

from datetime import date

from django.db.models import Max

from haertefall.statistics.figures import FIGURE_EVENT_TYPES, FIGURE_STEPS, case_figures_refresh

from ..models import Case, CaseEvent
from ..states import STAT_STATUS


def event_record(*, case: Case, actor, event_type: str, effective_on: date, step: str = "",
                 data: dict | None = None) -> CaseEvent:
    """Append one event to the case history. Call inside the caller's transaction.

    An event that can change a figure of the activity report also brings the statistics'
    read model in step, in the same transaction (docs/decisions/0103).
    """
    last = case.events.aggregate(m=Max("sequence"))["m"] or 0
    event = CaseEvent.objects.create(
        case=case,
        sequence=last + 1,
        event_type=event_type,
        step=step,
        actor=actor,
        effective_on=effective_on,
        data=data or {},
        stat_status=STAT_STATUS.get(step, ""),
    )
    if step in FIGURE_STEPS or event_type in FIGURE_EVENT_TYPES:
        case_figures_refresh(case_id=case.pk)
    return event


def last_effective_on(case: Case) -> date | None:
    """Effective date of the latest procedural step (the earliest date a next step may take)."""
    return (
        case.events.exclude(step="").order_by("-sequence").values_list("effective_on", flat=True).first()
    )
