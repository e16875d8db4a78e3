"""The minutes of a session (Sitzungsprotokoll) as PDF (WeasyPrint template) and DOCX (python-docx).

What they contain (docs/decisions/0042-minutes.md): attendance per seat with the name of the
person present and whether as member or deputy, the quorum statement under the rule in force,
and per item the decision with its reasons, expectations, recommendation and the vote
*counts*. How anyone voted is never recorded, so it cannot appear here.
"""

import io
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from . import rules
from .models import Attendance, Expectation, ItemDecision, Meeting
from .rule_config import decision_rule_by_key, decision_rule_in_force
from .selectors import item_corrections, land_for, meeting_attendance, meeting_slots


@dataclass
class ItemText:
    heading: str
    outcome: str
    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (label, text)


@dataclass
class MinutesContent:
    title: str
    facts: list[tuple[str, str]]
    attendance: list[tuple[str, str, str]]  # seat, person, as
    quorum: str
    items: list[ItemText]
    approval: str


def _rule_for(meeting: Meeting):
    if meeting.rule_key:
        return decision_rule_by_key(meeting.rule_key)
    return decision_rule_in_force(land=land_for(meeting), on=meeting.date)


def minutes_content(meeting: Meeting, *, approved_by=None, approved_at: datetime | None = None) -> MinutesContent:
    rule = _rule_for(meeting)
    where = ("Schriftliches Umlaufverfahren" if meeting.written_procedure
             else "Videokonferenz" if meeting.video_conference else meeting.place)
    facts = [("Datum", f"{meeting.date:%d.%m.%Y}" + (f", {meeting.time:%H:%M} Uhr" if meeting.time else "")),
             ("Ort", where or "–"),
             ("Beschlussregel", rule.label_de)]
    rows = {(a.seat_id, a.prescreen_seat_id): a for a in meeting.attendance.all()}
    attendance = []
    for slot in meeting_slots(meeting):
        row = rows.get((getattr(slot.seat, "pk", None), getattr(slot.prescreen_seat, "pk", None)))
        if row is None:
            attendance.append((slot.label, "–", "nicht erfasst"))
        elif row.status == Attendance.Status.ABSENT:
            attendance.append((slot.label, "–", "abwesend"))
        else:
            attendance.append((slot.label, row.attendee_name,
                               "Mitglied" if row.status == Attendance.Status.MEMBER else "Stellvertretung"))
    counted = meeting_attendance(meeting)
    quorum = rules.quorum(counted, rule).reason_de if counted else "Die Anwesenheit ist nicht erfasst."

    items = []
    items_qs = (meeting.items.select_related("case", "decision")
                .prefetch_related("votes", "exclusions", "decision__weighings__ground"))
    for item in items_qs:
        # File number only: frozen minutes should not name persons (docs/decisions/0042).
        heading = f"TOP {item.position}: {item.case.file_number} – {item.get_subject_display()}"
        decision: ItemDecision | None = getattr(item, "decision", None)
        if decision is None:
            items.append(ItemText(heading=heading, outcome="Noch kein Beschluss."))
            continue
        text = ItemText(heading=heading, outcome=decision.get_outcome_display())
        if item.facts:
            text.paragraphs.append(("Sachverhalt (Geschäftsstelle)", item.facts))
        text.paragraphs.append(("Gründe", decision.reasons))
        # § 5 Abs. 2 HFKVO: the commission's weighing of each regular ground (decision 0105).
        for weighing in decision.weighings.all():
            verdict = ("schließt eine positive Entscheidung aus" if weighing.excludes
                       else "schließt eine positive Entscheidung nicht aus")
            text.paragraphs.append((f"Soll-Ausschlussgrund „{weighing.ground.label}“ ({weighing.ground.paragraph})",
                                    f"{verdict}. {weighing.reasons}"))
        expectations = [Expectation(e).label for e in decision.expectations]
        if decision.expectations_text:
            expectations.append(decision.expectations_text)
        if expectations:
            text.paragraphs.append(("Erwartungen", "; ".join(expectations)))
        if decision.recommendation:
            text.paragraphs.append(("Empfehlung zur Anwendung des geltenden Ausländerrechts",
                                    decision.recommendation))
        excluded = item.exclusions.count()
        if excluded:
            text.paragraphs.append(("Befangenheit", f"{excluded} Sitz(e) wegen Befangenheit von Beratung "
                                                    "und Abstimmung ausgeschlossen."))
        for vote in item.votes.all():
            text.paragraphs.append((f"Abstimmung ({vote.get_motion_display()})", vote.result_text))
        # Corrections before approval, with the values before (decision 0121).
        for event in item_corrections(item):
            before = "; ".join(f"{label}: {value}" for label, value in event.data.get("old", {}).items())
            text.paragraphs.append((
                f"Korrektur vom {timezone.localtime(event.recorded_at):%d.%m.%Y %H:%M} Uhr ({event.actor or '–'})",
                f"Grund: {event.data.get('reason', '')}. Vorher: {before}."))
        items.append(text)

    if approved_by is not None:
        approval = f"Genehmigt von {approved_by} (Vorsitz) am {timezone.localtime(approved_at):%d.%m.%Y %H:%M} Uhr."
    else:
        approval = "ENTWURF – noch nicht vom Vorsitz genehmigt."
    return MinutesContent(title=f"Protokoll: {meeting}", facts=facts, attendance=attendance, quorum=quorum,
                          items=items, approval=approval)


CONFIDENTIAL = ("Vertraulich: Beratungsinhalte, Falldaten und das Abstimmungsverhalten unterliegen der "
                "Verschwiegenheitspflicht (§ 6 Abs. 2 HFKVO). Festgehalten sind nur Stimmenzahlen.")


def render_pdf(content: MinutesContent) -> bytes:
    """PDF/A-2b, tagged, from ``meetings/pdf/minutes.html`` (decision 0113)."""
    from haertefall.core.pdf import pdf_from_template

    return pdf_from_template("meetings/pdf/minutes.html", {"content": content, "confidential": CONFIDENTIAL})


def render_docx(content: MinutesContent) -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.title = content.title
    document.core_properties.author = "Härtefallkommission"
    document.add_heading(content.title, level=0)
    document.add_paragraph(CONFIDENTIAL).italic = True
    for label, value in content.facts:
        para = document.add_paragraph()
        para.add_run(f"{label}: ").bold = True
        para.add_run(value)
    document.add_heading("Anwesenheit", level=1)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Sitz", "Anwesend", "als"), strict=True):
        cell.text = text
    for row in content.attendance:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    document.add_heading("Beschlussfähigkeit", level=1)
    document.add_paragraph(content.quorum)
    document.add_heading("Beschlüsse", level=1)
    for item in content.items:
        document.add_heading(item.heading, level=2)
        para = document.add_paragraph()
        para.add_run("Beschluss: ").bold = True
        para.add_run(item.outcome)
        for label, value in item.paragraphs:
            para = document.add_paragraph()
            para.add_run(f"{label}: ").bold = True
            para.add_run(value)
    document.add_paragraph(content.approval)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
