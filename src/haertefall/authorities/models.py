"""Working with the immigration authorities: statements, information, hardship requests,
intended decisions (§ 7 Abs. 3 HFKVO), outcomes and deadline reminders.

Rows are written only by ``authorities.services``; the case's procedural state and history
stay in ``cases`` (every service here also records a lifecycle step or case event).
"""

from datetime import date

from django.conf import settings
from django.db import models

from haertefall.cases.states import ClosureReason
from haertefall.core.deadlines import NRW_HOLIDAYS, Deadline


class StatementRequest(models.Model):
    """A request to the responsible authority for its reasoned statement (Stellungnahme)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="statement_requests")
    authority = models.ForeignKey(
        "registers.Authority", verbose_name="Ausländerbehörde", on_delete=models.PROTECT,
        related_name="statement_requests",
    )
    requested_on = models.DateField("Angefordert am")
    original_due = models.DateField(
        "Ursprüngliche Frist",
        help_text="Nach §§ 187 Abs. 1, 188 Abs. 2, 193 BGB berechnet; bleibt bei Verlängerung erhalten.",
    )
    current_due = models.DateField(
        "Aktuelle Frist", db_index=True,
        help_text="Letzte Verlängerung zuzüglich abgeschlossener Hemmungen (§ 193 BGB).",
    )
    # [{"due": "YYYY-MM-DD", "reason": str, "by": user id, "at": iso datetime}], in order granted.
    extensions = models.JSONField("Verlängerungen", default=list, blank=True)
    # [{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"|None, "reason": str}], in order.
    pauses = models.JSONField("Hemmungen", default=list, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="Angefordert von"
    )
    answered_on = models.DateField("Beantwortet am", null=True, blank=True)
    answer_text = models.TextField("Stellungnahme", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="Erfasst von",
    )
    entered_by_office = models.BooleanField(
        "Von der Geschäftsstelle erfasst", default=False,
        help_text="Die Stellungnahme kam per Post/Fax und wurde von der Geschäftsstelle eingescannt.",
    )
    documents = models.ManyToManyField("cases.Document", blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Anforderung einer Stellungnahme"
        verbose_name_plural = "Anforderungen von Stellungnahmen"
        ordering = ["current_due", "id"]
        indexes = [models.Index(fields=["answered_on", "current_due"])]

    def __str__(self):
        return f"{self.case} – Stellungnahme bis {self.current_due:%d.%m.%Y}"

    @property
    def is_answered(self) -> bool:
        return self.answered_on is not None

    @property
    def deadline(self) -> Deadline:
        return Deadline(
            original_due=self.original_due,
            extensions=tuple(date.fromisoformat(e["due"]) for e in self.extensions),
            pauses=tuple(
                (date.fromisoformat(p["start"]), date.fromisoformat(p["end"]) if p.get("end") else None)
                for p in self.pauses
            ),
            holidays=NRW_HOLIDAYS,
        )

    @property
    def extension_rows(self) -> list[dict]:
        """Extensions with real dates, for display."""
        return [{"due": date.fromisoformat(e["due"]), "reason": e.get("reason", "")} for e in self.extensions]

    @property
    def is_paused(self) -> bool:
        return bool(self.pauses) and not self.pauses[-1].get("end")

    def is_overdue(self, today: date) -> bool:
        return not self.is_answered and self.deadline.is_overdue(today)


class InfoRequest(models.Model):
    """A request for further information or documents (to the submitter or the authority)."""

    class Recipient(models.TextChoices):
        SUBMITTER = "submitter", "Einreicher/in"
        AUTHORITY = "authority", "Ausländerbehörde"

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="info_requests")
    recipient = models.CharField("Angefordert bei", max_length=20, choices=Recipient.choices)
    authority = models.ForeignKey(
        "registers.Authority", null=True, blank=True, on_delete=models.PROTECT, related_name="info_requests"
    )
    requested_on = models.DateField("Angefordert am")
    due_on = models.DateField("Frist")
    text = models.TextField("Was wird angefordert?")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_on = models.DateField("Beantwortet am", null=True, blank=True)
    answer_text = models.TextField("Antwort", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    documents = models.ManyToManyField("cases.Document", blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Anforderung weiterer Informationen"
        verbose_name_plural = "Anforderungen weiterer Informationen"
        ordering = ["due_on", "id"]

    def __str__(self):
        return f"{self.case} – Informationen bis {self.due_on:%d.%m.%Y}"


class HardshipRequest(models.Model):
    """The commission's hardship request (Härtefallersuchen) as sent to the authority (§ 7 Abs. 2 HFKVO)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="hardship_requests")
    authority = models.ForeignKey(
        "registers.Authority", verbose_name="Ausländerbehörde", on_delete=models.PROTECT,
        related_name="hardship_requests",
    )
    sent_on = models.DateField("Versandt am")
    letter = models.ForeignKey(
        "cases.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="Schreiben",
    )
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Härtefallersuchen"
        verbose_name_plural = "Härtefallersuchen"
        ordering = ["-sent_on", "-id"]

    def __str__(self):
        return f"{self.case} – Ersuchen vom {self.sent_on:%d.%m.%Y}"

    @property
    def intended_decision(self):
        """The intended decision in force: the latest one recorded (an authority may revise it)."""
        return self.intended_decisions.order_by("-recorded_at", "-id").first()


class MinistryChannel(models.TextChoices):
    EMAIL = "email", "E-Mail aus haertefall"
    POST = "post", "Post"
    FAX = "fax", "Fax"
    EGVP = "egvp", "EGVP / beBPo"
    OTHER_EMAIL = "other_email", "E-Mail außerhalb von haertefall"


class IntendedDecision(models.Model):
    """The authority's intended decision on a hardship request (§ 7 Abs. 3 HFKVO).

    Rows are never changed: a revision is a new row; the latest counts.
    """

    hardship_request = models.ForeignKey(
        HardshipRequest, on_delete=models.PROTECT, related_name="intended_decisions"
    )
    follow = models.BooleanField(
        "Dem Ersuchen folgen",
        help_text="§ 7 Abs. 3 HFKVO: Will die Behörde nicht folgen, teilt sie vor der abschließenden "
        "Entscheidung die maßgeblichen Gründe mit.",
    )
    reasons = models.TextField("Maßgebliche Gründe", blank=True)
    recorded_on = models.DateField("Mitgeteilt am")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    entered_by_office = models.BooleanField("Von der Geschäftsstelle erfasst", default=False)
    # § 7 Abs. 3 HFKVO is evidence: the ministry counts as informed only once the notice went
    # out — the e-mail was sent (``ministry_notice``), or the office recorded date and channel
    # of a notice it sent otherwise (decision 0108).
    ministry_notice = models.ForeignKey(
        "correspondence.SentEmail", verbose_name="Mitteilung an das Ministerium", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    ministry_informed_at = models.DateTimeField(
        "Ministerium informiert am", null=True, blank=True,
        help_text="Zeitpunkt, zu dem die Mitteilung nach § 7 Abs. 3 HFKVO versandt wurde; leer, solange "
        "sie nicht nachweislich hinausging.",
    )
    ministry_channel = models.CharField("Weg der Mitteilung an das Ministerium", max_length=20,
                                        choices=MinistryChannel.choices, blank=True)
    ministry_informed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="Anderweitige Mitteilung erfasst von", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    office_informed_at = models.DateTimeField("Geschäftsstelle informiert am", null=True, blank=True)

    class Meta:
        verbose_name = "Beabsichtigte Entscheidung"
        verbose_name_plural = "Beabsichtigte Entscheidungen"
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(follow=True) | ~models.Q(reasons=""),
                name="not_follow_needs_reasons",
                violation_error_message="Will die Behörde dem Ersuchen nicht folgen, sind Gründe anzugeben.",
            ),
        ]

    def __str__(self):
        return f"{self.hardship_request.case}: {'folgen' if self.follow else 'nicht folgen'}"


class Outcome(models.Model):
    """The authority's final decision on a hardship request."""

    class Kind(models.TextChoices):
        GRANTED = "granted", "Ersuchen gefolgt – Aufenthaltserlaubnis nach § 23a AufenthG erteilt"
        REFUSED = "refused", "Ersuchen nicht gefolgt"
        OTHER = "other", "Andere Erledigung (z. B. Erlaubnis auf anderer Grundlage, Ausreise)"

    hardship_request = models.OneToOneField(HardshipRequest, on_delete=models.PROTECT, related_name="outcome")
    kind = models.CharField("Ergebnis", max_length=20, choices=Kind.choices)
    decided_on = models.DateField("Entschieden am")
    permit_valid_from = models.DateField("Aufenthaltserlaubnis gültig ab", null=True, blank=True)
    permit_valid_until = models.DateField("Aufenthaltserlaubnis gültig bis", null=True, blank=True)
    condition_living_costs = models.BooleanField(
        "Bedingung: gesicherter Lebensunterhalt", default=False, help_text="§ 7 Abs. 2 Satz 3 HFKVO."
    )
    condition_section_68 = models.BooleanField(
        "Bedingung: Verpflichtungserklärung nach § 68 AufenthG", default=False,
        help_text="§ 7 Abs. 2 Satz 3 HFKVO.",
    )
    conditions_other = models.TextField("Weitere Bedingungen / Erläuterung", blank=True)
    other_reason = models.CharField(
        "Art der anderen Erledigung", max_length=30, choices=ClosureReason.choices, blank=True,
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    entered_by_office = models.BooleanField("Von der Geschäftsstelle erfasst", default=False)

    class Meta:
        verbose_name = "Ergebnis"
        verbose_name_plural = "Ergebnisse"
        ordering = ["-decided_on", "-id"]

    def __str__(self):
        return f"{self.hardship_request.case}: {self.get_kind_display()}"


class PersonOutcome(models.Model):
    """The outcome for one person of a family application where it differs from the request's
    (issue 16, docs/decisions/0122): the parents get the permit under § 23a AufenthG, the adult
    son a permit on another legal basis. Persons without a row share the request's outcome."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="person_outcomes")
    person = models.ForeignKey("cases.Person", on_delete=models.CASCADE, related_name="+",
                               verbose_name="Betroffene Person")
    kind = models.CharField("Ergebnis für die Person", max_length=20, choices=Outcome.Kind.choices,
                            help_text="Zählt in den Personenzahlen der Statistik; Antragszahlen zählen das "
                            "Ergebnis des Ersuchens.")
    other_reason = models.CharField("Art der anderen Erledigung", max_length=30, choices=ClosureReason.choices,
                                    blank=True)

    class Meta:
        verbose_name = "Ergebnis für eine Person"
        verbose_name_plural = "Ergebnisse für einzelne Personen"
        constraints = [models.UniqueConstraint(fields=["outcome", "person"], name="one_outcome_per_person")]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()}"


class Reminder(models.Model):
    """A deadline reminder sent for a statement request; the unique key makes sending idempotent."""

    class Kind(models.TextChoices):
        BEFORE = "before", "Erinnerung vor Fristablauf"
        AFTER = "after", "Mahnung nach Fristablauf"

    statement_request = models.ForeignKey(StatementRequest, on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField("Art", max_length=10, choices=Kind.choices)
    due_on = models.DateField("Frist, an die erinnert wird")
    number = models.PositiveSmallIntegerField(
        "Nummer", default=0, help_text="Nach Fristablauf: 0 am Tag danach, dann eine je Woche."
    )
    sent_on = models.DateField("Gesendet am")
    recipient = models.EmailField("Empfänger", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Erinnerung"
        verbose_name_plural = "Erinnerungen"
        ordering = ["-sent_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement_request", "kind", "due_on", "number"], name="unique_reminder"
            ),
        ]

    def __str__(self):
        return f"{self.statement_request.case}: {self.get_kind_display()} {self.sent_on:%d.%m.%Y}"


class DocumentRelease(models.Model):
    """The office's release of one case document to the case's immigration authority.

    § 6 Abs. 2 HFKVO keeps the data of the procedure confidential: an authority reads only what
    the commission sends it. Each document it receives is released on its own, by a person of
    the office, recorded here and in the audit trail; medical attests and identity papers are
    never proposed for release (``cases.access.SENSITIVE_DOCUMENT_TYPES``). A withdrawal ends
    the release; a new release is a new row.
    """

    # A document deleted after its retention period takes its releases with it; the audit
    # trail keeps who released what and when.
    document = models.ForeignKey("cases.Document", on_delete=models.CASCADE, related_name="authority_releases")
    authority = models.ForeignKey(
        "registers.Authority", verbose_name="Ausländerbehörde", on_delete=models.PROTECT, related_name="+",
        help_text="Die Behörde, der das Dokument freigegeben wurde (die zuständige Behörde des Falls).",
    )
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="Freigegeben von")
    released_at = models.DateTimeField("Freigegeben am", auto_now_add=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name="Zurückgenommen von")
    withdrawn_at = models.DateTimeField(
        "Zurückgenommen am", null=True, blank=True,
        help_text="Ab diesem Zeitpunkt sieht die Behörde das Dokument nicht mehr (§ 6 Abs. 2 HFKVO).",
    )

    class Meta:
        verbose_name = "Freigabe eines Dokuments"
        verbose_name_plural = "Freigaben von Dokumenten"
        ordering = ["-released_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "authority"], condition=models.Q(withdrawn_at__isnull=True),
                                    name="one_open_release_per_document"),
        ]
        indexes = [models.Index(fields=["authority", "document"], name="release_authority_document_idx")]

    def __str__(self):
        return f"{self.document} → {self.authority}"

    @property
    def is_open(self) -> bool:
        return self.withdrawn_at is None
