"""Letters from DOCX templates, and a record of every email the system sent."""

from django.conf import settings
from django.db import models


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Eingangsbestätigung an Einreicher/in"
    STATEMENT_REQUEST = "statement_request", "Bitte um Stellungnahme an die Ausländerbehörde"
    REMINDER = "reminder", "Erinnerung an die Ausländerbehörde"
    HARDSHIP_REQUEST = "hardship_request", "Härtefallersuchen an die Ausländerbehörde"
    OUTCOME_NOTICE = "outcome_notice", "Mitteilung des Ergebnisses an Einreicher/in"
    MINISTRY_INFO = "ministry_info", "Information an das Ministerium"
    # The commission withdrew its request (report, ch. 5; docs/decisions/0102).
    REQUEST_WITHDRAWAL = "request_withdrawal", "Rücknahme des Härtefallersuchens an die Ausländerbehörde"
    WITHDRAWAL_MINISTRY = "withdrawal_ministry", "Mitteilung der Rücknahme eines Ersuchens an das Ministerium"
    # Every ending reaches the outside world (issue 14, docs/decisions/0109): the step that
    # ends the case (or sends the request) produces the letter.
    EXCLUSION_NOTICE = "exclusion_notice", "Mitteilung an Einreicher/in: zwingender Ausschlussgrund"
    NO_TAKE_UP_NOTICE = "no_take_up_notice", "Mitteilung an Einreicher/in: keine Befassung"
    NO_REQUEST_NOTICE = "no_request_notice", "Mitteilung an Einreicher/in: kein Ersuchen"
    REQUEST_SENT_NOTICE = "request_sent_notice", "Mitteilung an Einreicher/in: Ersuchen versandt"
    RECOMMENDATION = "recommendation", "Empfehlung der Kommission an die Ausländerbehörde (§ 6 Abs. 3 HFKVO)"


# Who a letter of each kind is addressed to.
AUTHORITY_KINDS = frozenset({LetterKind.STATEMENT_REQUEST, LetterKind.REMINDER, LetterKind.HARDSHIP_REQUEST,
                             LetterKind.REQUEST_WITHDRAWAL, LetterKind.RECOMMENDATION})
SUBMITTER_KINDS = frozenset({LetterKind.ACKNOWLEDGEMENT, LetterKind.OUTCOME_NOTICE, LetterKind.EXCLUSION_NOTICE,
                             LetterKind.NO_TAKE_UP_NOTICE, LetterKind.NO_REQUEST_NOTICE,
                             LetterKind.REQUEST_SENT_NOTICE})
# Produced by the commission's decision to withdraw its request, never before it.
WITHDRAWAL_KINDS = frozenset({LetterKind.REQUEST_WITHDRAWAL, LetterKind.WITHDRAWAL_MINISTRY})

def _template_path(instance, filename):
    return f"letter_templates/{instance.kind}-v{instance.version}.docx"


class LetterTemplate(models.Model):
    """An uploaded DOCX template for one kind of letter. Without an active upload the shipped
    default in ``correspondence/templates_default/`` is used."""

    kind = models.CharField("Art", max_length=30, choices=LetterKind.choices)
    name = models.CharField("Bezeichnung", max_length=200)
    file = models.FileField(upload_to=_template_path)
    version = models.PositiveIntegerField("Version")
    active = models.BooleanField("Aktiv", default=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Briefvorlage"
        verbose_name_plural = "Briefvorlagen"
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="unique_template_version"),
            models.UniqueConstraint(fields=["kind"], condition=models.Q(active=True),
                                    name="one_active_template_per_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version}"


class Letter(models.Model):
    """A generated letter, filed in the case as DOCX and PDF documents."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField("Art", max_length=30, choices=LetterKind.choices)
    template = models.ForeignKey(
        LetterTemplate, null=True, blank=True, on_delete=models.PROTECT, related_name="letters",
        help_text="Leer: mitgelieferte Standardvorlage.",
    )
    template_version = models.PositiveIntegerField("Vorlagenversion", default=0)
    recipient = models.CharField("Empfänger", max_length=200)
    letter_date = models.DateField("Datum des Schreibens")
    docx = models.ForeignKey("cases.Document", on_delete=models.PROTECT, related_name="+")
    pdf = models.ForeignKey("cases.Document", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Schreiben"
        verbose_name_plural = "Schreiben"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.case}: {self.get_kind_display()} ({self.letter_date:%d.%m.%Y})"


class SentEmail(models.Model):
    """An email the system sent. Deliberately without the body: emails carry no case content
    beyond the file number, the content stays in the system."""

    to = models.CharField("An", max_length=500)
    subject = models.CharField("Betreff", max_length=200)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("Anlass", max_length=40)
    queued_at = models.DateTimeField("Erstellt", auto_now_add=True)
    sent_at = models.DateTimeField("Gesendet am", null=True, blank=True)
    error = models.CharField("Fehler", max_length=200, blank=True)

    class Meta:
        verbose_name = "Gesendete E-Mail"
        verbose_name_plural = "Gesendete E-Mails"
        ordering = ["-queued_at", "-id"]

    def __str__(self):
        return f"{self.kind}: {self.subject}"
