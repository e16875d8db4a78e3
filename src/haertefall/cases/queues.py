"""The work queues of the office: one place for their rules (decision 0118).

Each queue is a condition on cases for a given day; its docstring is the rule as the office
reads it. The start page counts all queues in one query (``queue_counts``), the case list
filters by one (``?queue=<key>``, ``?assigned=me``), and the API gives both. "Mine" are the
cases assigned to the user and, during a substitution, those of the colleague she stands in for.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from haertefall.accounts.models import Substitution
from haertefall.core.deadlines import add_months

from .models import Case, FollowUp
from .states import State

# Days ahead that "due soon" looks at.
DUE_SOON_DAYS = 7
# Cases a queue shows inline on the start page; the rest is on the case list.
INLINE = 5
WAITING_FOR_AUTHORITY = (State.REQUEST_SENT, State.INTENDED_DECISION)


def new_applications(today: date) -> Q:
    """Neue Anträge: eingegangen, die formale Prüfung ist noch nicht erfasst (Stand „Eingegangen“)."""
    return Q(state=State.RECEIVED)


def not_yet_presented(today: date) -> Q:
    """Geprüft, noch nicht vorgelegt: formal geprüft und auf keiner Tagesordnung einer nicht abgesagten
    Sitzung ab heute; oder die Befassung ist beschlossen, die Stellungnahme der Ausländerbehörde aber
    noch nicht angefordert."""
    from haertefall.meetings.models import AgendaItem

    on_agenda = AgendaItem.objects.filter(case_id=OuterRef("pk"), meeting__cancelled_at__isnull=True,
                                          meeting__date__gte=today)
    return (Q(state=State.CHECKED) & ~Q(Exists(on_agenda))) | Q(state=State.TAKEN_UP)


def statement_to_review(today: date) -> Q:
    """Stellungnahme prüfen: die Stellungnahme der Ausländerbehörde liegt vor (Stand „Stellungnahme
    liegt vor“), der Fall ist noch nicht bereit für eine Sitzung."""
    return Q(state=State.STATEMENT_RECEIVED)


def statement_overdue(today: date) -> Q:
    """Stellungnahme überfällig: angefordert, nicht beantwortet, Frist vor heute (eine gehemmte Frist
    läuft nicht ab)."""
    return Q(state=State.STATEMENT_REQUESTED, statement_due_on__lt=today)


def due_soon(today: date) -> Q:
    """Frist in den nächsten 7 Tagen: die Frist der angeforderten Stellungnahme oder weiterer
    angeforderter Informationen endet heute oder in den nächsten 7 Tagen."""
    from haertefall.authorities.models import InfoRequest

    last = today + timedelta(days=DUE_SOON_DAYS)
    info = InfoRequest.objects.filter(case_id=OuterRef("pk"), answered_on__isnull=True,
                                      due_on__gte=today, due_on__lte=last)
    return (Q(state=State.STATEMENT_REQUESTED, statement_due_on__gte=today, statement_due_on__lte=last)
            | Q(Exists(info), state=State.INFO_REQUESTED))


def follow_up_due(today: date) -> Q:
    """Wiedervorlage fällig: eine nicht erledigte Wiedervorlage ist heute oder früher fällig."""
    return Q(Exists(FollowUp.objects.filter(case_id=OuterRef("pk"), done_at__isnull=True, due_on__lte=today)))


def _follow_up_reason(today: date) -> dict:
    """The start page names the reason of the earliest follow-up due."""
    first = (FollowUp.objects.filter(case_id=OuterRef("pk"), done_at__isnull=True, due_on__lte=today)
             .order_by("due_on", "pk"))
    return {"queue_hint": Subquery(first.values("reason")[:1])}


def ready_for_session(today: date) -> Q:
    """Bereit für eine Sitzung: Stand „Bereit für Sitzung“, noch auf keiner Tagesordnung."""
    return Q(state=State.READY)


def request_without_outcome(today: date) -> Q:
    """Ersuchen ohne Ergebnis: das Härtefallersuchen ging vor mehr als drei Monaten an die
    Ausländerbehörde, ihr Ergebnis fehlt noch."""
    # The docstring is shown on the page; the months are HAERTEFALL_REQUEST_UNANSWERED_MONTHS.
    from haertefall.authorities.models import HardshipRequest

    cutoff = add_months(today, -settings.HAERTEFALL_REQUEST_UNANSWERED_MONTHS)
    sent = HardshipRequest.objects.filter(case_id=OuterRef("pk"), outcome__isnull=True, sent_on__lte=cutoff)
    return Q(Exists(sent), state__in=WAITING_FOR_AUTHORITY)


def intended_decision_to_forward(today: date) -> Q:
    """Mitteilung nach § 7 Abs. 3 HFKVO offen: die Ausländerbehörde will dem Ersuchen nicht folgen,
    das Ministerium ist noch nicht nachweislich informiert und die Behörde hat noch nicht
    abschließend entschieden."""
    from haertefall.authorities.models import IntendedDecision

    pending = IntendedDecision.objects.filter(hardship_request__case_id=OuterRef("pk"), follow=False,
                                              ministry_informed_at__isnull=True,
                                              hardship_request__outcome__isnull=True)
    return Q(Exists(pending), state__in=WAITING_FOR_AUTHORITY)


def unassigned(today: date) -> Q:
    """Ohne Zuständigkeit: offener Fall, dem noch niemand zugewiesen ist oder dessen Sachbearbeitung
    kein aktives Konto mehr hat (zum Übernehmen)."""
    return (Q(assigned_to__isnull=True) | Q(assigned_to__is_active=False)) & ~Q(state=State.CLOSED)


@dataclass(frozen=True)
class Queue:
    key: str
    title: str
    condition: Callable[[date], Q]
    # Most urgent first.
    order: tuple[str, ...]
    empty_text: str
    # Annotations for the inline list (``queue_hint``: a line shown with each case).
    annotations: Callable[[date], dict] | None = None

    @property
    def rule(self) -> str:
        return " ".join((self.condition.__doc__ or "").split())


QUEUES: tuple[Queue, ...] = (
    Queue("neu", "Neue Anträge", new_applications, ("received_on", "pk"), "Keine neuen Anträge."),
    Queue("vorzulegen", "Geprüft, noch nicht vorgelegt", not_yet_presented, ("received_on", "pk"),
          "Alle geprüften Fälle sind vorgelegt."),
    Queue("stellungnahme-pruefen", "Stellungnahme liegt vor – prüfen", statement_to_review,
          ("received_on", "pk"), "Keine Stellungnahme zu prüfen."),
    Queue("stellungnahme-ueberfaellig", "Stellungnahme überfällig", statement_overdue,
          ("statement_due_on", "pk"), "Keine überfälligen Stellungnahmen."),
    Queue("frist-7-tage", "Fristen in den nächsten 7 Tagen", due_soon, ("statement_due_on", "received_on", "pk"),
          "Keine Fristen in den nächsten 7 Tagen."),
    Queue("wiedervorlage", "Wiedervorlagen fällig", follow_up_due, ("received_on", "pk"),
          "Keine Wiedervorlagen fällig.", _follow_up_reason),
    Queue("sitzungsreif", "Bereit für eine Sitzung", ready_for_session, ("received_on", "pk"),
          "Keine Fälle bereit."),
    Queue("ersuchen-ohne-ergebnis", "Ersuchen seit über drei Monaten ohne Ergebnis", request_without_outcome,
          ("received_on", "pk"), "Keine Ersuchen ohne Ergebnis."),
    Queue("mitteilung-7-3", "Beabsichtigte Entscheidung an das Ministerium (§ 7 Abs. 3 HFKVO)",
          intended_decision_to_forward, ("received_on", "pk"), "Keine Mitteilung offen."),
    Queue("ohne-zustaendigkeit", "Ohne Zuständigkeit", unassigned, ("received_on", "pk"),
          "Jeder offene Fall hat eine Zuständigkeit."),
)
QUEUES_BY_KEY = {queue.key: queue for queue in QUEUES}
# Queues of the personal view: unassigned cases are nobody's, so they show in the office view.
PERSONAL_QUEUES = tuple(q for q in QUEUES if q.key != "ohne-zustaendigkeit")


def substituted_for(user, *, on: date) -> QuerySet:
    """The users ``user`` stands in for on ``on`` (both first and last day count)."""
    return (Substitution.objects.filter(substitute=user, starts_on__lte=on, ends_on__gte=on)
            .values("absent_id"))


def mine_q(user, *, on: date) -> Q:
    """„Meine Fälle“: assigned to ``user``, or to a colleague she stands in for on ``on``."""
    return Q(assigned_to=user) | Q(assigned_to__in=substituted_for(user, on=on))


def queue_cases(cases: QuerySet[Case], queue: Queue, *, today: date) -> QuerySet[Case]:
    found = cases.filter(queue.condition(today)).order_by(*queue.order)
    return found.annotate(**queue.annotations(today)) if queue.annotations else found


def queue_counts(cases: QuerySet[Case], queues=QUEUES, *, today: date) -> dict[str, int]:
    """All queues counted in one query (one conditional COUNT each)."""
    counts = cases.order_by().aggregate(**{f"q{i}": Count("pk", filter=q.condition(today))
                                           for i, q in enumerate(queues)})
    return {q.key: counts[f"q{i}"] for i, q in enumerate(queues)}
