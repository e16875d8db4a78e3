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

# German file names of sent letters (no internal codes in what a person downloads).
LETTER_FILE_NAMES = {
    LetterKind.ACKNOWLEDGEMENT: "Eingangsbestaetigung",
    LetterKind.STATEMENT_REQUEST: "Bitte-um-Stellungnahme",
    LetterKind.REMINDER: "Erinnerung-Stellungnahme",
    LetterKind.HARDSHIP_REQUEST: "Haertefallersuchen",
    LetterKind.OUTCOME_NOTICE: "Mitteilung-Ergebnis",
    LetterKind.MINISTRY_INFO: "Information-Ministerium",
    LetterKind.REQUEST_WITHDRAWAL: "Ruecknahme-Ersuchen",
    LetterKind.WITHDRAWAL_MINISTRY: "Ruecknahme-Ersuchen-Ministerium",
    LetterKind.EXCLUSION_NOTICE: "Mitteilung-Ausschlussgrund",
    LetterKind.NO_TAKE_UP_NOTICE: "Mitteilung-keine-Befassung",
    LetterKind.NO_REQUEST_NOTICE: "Mitteilung-kein-Ersuchen",
    LetterKind.REQUEST_SENT_NOTICE: "Mitteilung-Ersuchen-versandt",
    LetterKind.RECOMMENDATION: "Empfehlung-der-Kommission",
}


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


class Letterhead(models.Model):
    """The office's letterhead, set once by the office head (not in code; decision 0110).

    One row; without it the letters use the names from the settings. Every letter fills its
    placeholders from here when it is rendered, a sent letter keeps what it was sent with.
    """

    name = models.CharField("Absender (erste Zeile)", max_length=200,
                            help_text="z. B. „Geschäftsstelle der Härtefallkommission Nordrhein-Westfalen“")
    addition = models.CharField("Zusatz", max_length=200, blank=True,
                                help_text="z. B. „beim Ministerium für Kinder, Jugend, Familie, …“")
    address = models.TextField("Anschrift", help_text="Straße und Hausnummer, Postleitzahl und Ort, je eine Zeile.")
    return_line = models.CharField(
        "Rücksendeangabe", max_length=120, blank=True,
        help_text="Kleine Zeile über dem Anschriftfeld, z. B. „HFK NRW · Postfach 10 11 03 · 40002 Düsseldorf“. "
                  "Leer: aus Absender und Anschrift gebildet.")
    phone = models.CharField("Telefon (Zentrale)", max_length=50, blank=True)
    email = models.EmailField("E-Mail", blank=True)
    website = models.CharField("Internet", max_length=200, blank=True)
    footer = models.CharField("Fußzeile", max_length=300, blank=True,
                              help_text="z. B. Sprechzeiten oder Hinweise zum Datenschutz; erscheint auf Seite 1 unten.")
    logo = models.FileField("Logo", upload_to="letterhead/", blank=True,
                            help_text="PNG oder JPEG, höchstens 1 MB; erscheint oben links auf Seite 1.")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Briefkopf"
        verbose_name_plural = "Briefkopf"

    def __str__(self):
        return self.name


class Channel(models.TextChoices):
    POST = "post", "Post"
    EMAIL = "email", "E-Mail"
    FAX = "fax", "Fax"
    EGVP = "egvp", "EGVP / beBPo"
    PORTAL = "portal", "Behördenzugang im Fallverwaltungssystem"


class Letter(models.Model):
    """A letter: a draft the office reads and corrects, then sent (docs/decisions/0110).

    A draft holds what the office may change (recipient, salutation, an additional text, the
    contact person, the date); everything else comes from the case when it is rendered. Sending
    renders it once more, converts the DOCX to a PDF/A, files both in the case and records date
    and channel; a sent letter never changes.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Entwurf"
        SENT = "sent", "Versandt"

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField("Art", max_length=30, choices=LetterKind.choices)
    template = models.ForeignKey(
        LetterTemplate, null=True, blank=True, on_delete=models.PROTECT, related_name="letters",
        help_text="Leer: mitgelieferte Standardvorlage.",
    )
    template_version = models.PositiveIntegerField("Vorlagenversion", default=0)
    status = models.CharField("Stand", max_length=10, choices=Status.choices, default=Status.DRAFT)
    recipient = models.CharField("Empfänger", max_length=200)
    recipient_address = models.TextField(
        "Anschrift", blank=True, help_text="Ohne den Namen; je Zeile wie im Anschriftfeld (DIN 5008).")
    salutation = models.CharField("Anrede", max_length=200, default="Sehr geehrte Damen und Herren,",
                                  help_text="z. B. „Sehr geehrte Frau Dr. Meier,“ oder „Sehr geehrte Damen und Herren,“")
    additional_text = models.TextField(
        "Ergänzender Text", blank=True,
        help_text="Ein Absatz vor dem Gruß, z. B. Gründe oder Hinweise, die für dieses Schreiben bestimmt sind.")
    contact_name = models.CharField("Ansprechperson", max_length=200, blank=True)
    contact_phone = models.CharField("Telefon", max_length=50, blank=True)
    contact_email = models.EmailField("E-Mail", blank=True)
    letter_date = models.DateField("Datum des Schreibens")
    docx = models.ForeignKey("cases.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    pdf = models.ForeignKey("cases.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField("Versandweg", max_length=10, choices=Channel.choices, blank=True)
    dispatched_on = models.DateField("Versandt am", null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Schreiben"
        verbose_name_plural = "Schreiben"
        ordering = ["-created_at", "-id"]
        constraints = [
            # A sent letter has its two documents, its date and its channel; a draft has none.
            models.CheckConstraint(
                condition=(models.Q(status="sent", docx__isnull=False, pdf__isnull=False,
                                    dispatched_on__isnull=False) & ~models.Q(channel=""))
                | models.Q(status="draft", docx__isnull=True, pdf__isnull=True, dispatched_on__isnull=True),
                name="letter_sent_has_documents",
            ),
        ]

    def __str__(self):
        return f"{self.case}: {self.get_kind_display()} ({self.letter_date:%d.%m.%Y})"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


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
