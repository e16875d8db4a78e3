"""Retention hook (called by retention.services.case_anonymize inside its transaction).

The meetings part keeps free text about a case in its decisions: reasons, further
expectations, the recommendation, the weighing of regular grounds, and the facts the office
recorded for a withdrawal. They are blanked; outcome, counts and rule stay (they
are the statistical and procedural record). Approved minutes files name cases by file number
only, which anonymisation turns into a number that resolves to no one.
"""

from .models import AgendaItem, GroundWeighing, ItemDecision

# Keys the meetings part writes into CaseEvent.data that name no person.
EVENT_DATA_KEEP = frozenset({"meeting_id", "meeting_date", "meeting_cancelled", "agenda_item", "rule",
                             "written_procedure", "subject"})


def retention_scrub_case(*, case) -> None:
    # queryset.update: the database guard on approved minutes allows exactly this blanking.
    ItemDecision.objects.filter(item__case=case).update(reasons="", expectations_text="", recommendation="")
    # The weighing of regular grounds (allowed by its own guard, migration 0006) and the facts
    # the office recorded for a withdrawal.
    GroundWeighing.objects.filter(decision__item__case=case).update(reasons="")
    AgendaItem.objects.filter(case=case).update(facts="")
