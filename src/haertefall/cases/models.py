"""The case file: application, persons concerned, documents, notes, follow-ups and events."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Replace, Upper

from .states import Closure, ClosureReason, State, StatStatus, Step


class SubmitterKind(models.TextChoices):
    LAWYER = "lawyer", "Rechtsanwältin / Rechtsanwalt"
    COUNSELLING = "counselling", "Beratungsstelle"
    CHURCH = "church", "Kirche / Gemeinde"
    PERSON = "person", "Betroffene Person"
    MEMBER = "member", "Kommissionsmitglied"
    OTHER = "other", "Sonstige"


class FormOfAddress(models.TextChoices):
    """How a letter greets the submitter (DIN 5008; docs/decisions/0110)."""

    NONE = "", "ohne (Institution, „Sehr geehrte Damen und Herren“)"
    MS = "Frau", "Frau"
    MR = "Herr", "Herr"


class ReasonCategory(models.TextChoices):
    INTEGRATION = "integration", "Integration"
    ILLNESS = "illness", "Krankheit"
    FAMILY = "family", "Familie"
    LENGTH_OF_STAY = "length_of_stay", "Aufenthaltsdauer"
    CHILDREN = "children", "Kinder"
    OTHER = "other", "Sonstiges"


def _separators_as_hyphens(expression):
    for separator in (" ", "/", ".", "_"):
        expression = Replace(expression, Value(separator), Value("-"))
    return expression


def _collapse_hyphens(expression):
    # Each pass halves a run of hyphens: three passes make runs of up to eight one hyphen
    # (the register's longest separators are " / " and " - ", three characters).
    for _ in range(3):
        expression = Replace(expression, Value("--"), Value("-"))
    return expression


class Case(models.Model):
    """An application (Antrag) to the commission and everything that follows from it.

    ``state`` and ``closure`` are the current position in the procedure; the truth is the
    append-only ``CaseEvent`` history, which statistics read as of any date.
    """

    class Source(models.TextChoices):
        SYSTEM = "system", "Im System erfasst"
        IMPORT = "import", "Aus Register importiert"

    file_number = models.CharField("Aktenzeichen", max_length=40, unique=True)
    # The file number as the search compares it (selectors.file_number_key does the same to
    # what people type): upper case, every run of spaces, slashes, dots, underscores and
    # hyphens one hyphen, so that "alt 2019/17" finds "ALT 2019 / 17" and "2004-001" finds
    # "ALT-2004-001". Kept by the database itself, so imports and bulk loads cannot forget it.
    file_number_key = models.GeneratedField(
        expression=Upper(_collapse_hyphens(_separators_as_hyphens("file_number"))),
        output_field=models.CharField(max_length=40),
        db_persist=True,
        db_index=True,
        verbose_name="Aktenzeichen (Suchform)",
    )
    # Indexed as the first column of the index (year, country) below.
    year = models.PositiveSmallIntegerField("Eingangsjahr", editable=False)
    received_on = models.DateField("Eingangsdatum")
    state = models.CharField("Stand", max_length=30, choices=State.choices, default=State.RECEIVED)
    closure = models.CharField("Erledigung", max_length=30, choices=Closure.choices, blank=True)
    closure_reason = models.CharField(
        "Erledigungsgrund", max_length=30, choices=ClosureReason.choices, blank=True
    )
    closed_on = models.DateField("Erledigt am", null=True, blank=True)
    submitter_name = models.CharField("Einreicher/in", max_length=200, blank=True)
    submitter_kind = models.CharField(
        "Art der Einreichung", max_length=20, choices=SubmitterKind.choices, default=SubmitterKind.OTHER
    )
    submitter_form_of_address = models.CharField(
        "Anrede Einreicher/in", max_length=10, choices=FormOfAddress.choices, blank=True,
        help_text="Für die Anrede im Schreiben: „Sehr geehrte Frau Dr. Meier,“. Leer bei einer Institution.")
    submitter_contact = models.TextField(
        "Postanschrift Einreicher/in", blank=True,
        help_text="Straße und Hausnummer, Postleitzahl und Ort – so, wie sie im Anschriftfeld des Briefes steht.")
    submitter_phone = models.CharField("Telefon Einreicher/in", max_length=50, blank=True)
    submitter_email = models.EmailField("E-Mail Einreicher/in", blank=True)
    # Indexed as the first column of the index (authority, state) below.
    authority = models.ForeignKey(
        "registers.Authority",
        verbose_name="Zuständige Ausländerbehörde",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        db_index=False,
    )
    country = models.ForeignKey(
        "registers.Country",
        verbose_name="Herkunftsland",
        on_delete=models.PROTECT,
        related_name="cases",
        help_text="Staatsangehörigkeit der Hauptperson; Grundlage der Länderstatistik (Tab. 6.2).",
    )
    persons_count = models.PositiveSmallIntegerField("Anzahl Personen", default=1)
    reason_categories = models.JSONField("Gründe (Kategorien)", default=list, blank=True)
    reasons_text = models.TextField("Vorgetragene Gründe", blank=True)
    flagged_grounds = models.JSONField(
        "Soll-Ausschlussgründe",
        default=list,
        blank=True,
        help_text="Kürzel der bei der formalen Prüfung festgestellten Soll-Ausschlussgründe "
        "(§ 5 Abs. 2 HFKVO), die die Kommission abwägt.",
    )
    prior_procedure = models.TextField(
        "Bisheriges ausländerrechtliches Verfahren", blank=True,
        help_text="Asylverfahren, Aufenthaltstitel, Duldungen, Gerichtsverfahren bis heute "
        "(§ 4 Abs. 1 Satz 3 HFKVO: im Antrag nachvollziehbar darzustellen).",
    )
    # Whose case it is (decision 0117): an office user, set at intake, by the office head or by
    # taking an unassigned case (services.assignment); every change is a case event.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="Zuständige Sachbearbeitung", null=True, blank=True,
        on_delete=models.PROTECT, related_name="assigned_cases", editable=False,
        limit_choices_to={"role__in": ["office_head", "office"]},
    )
    statement_due_on = models.DateField(
        "Frist für die Stellungnahme", null=True, blank=True, editable=False,
        help_text="Gesetzt, solange die Stellungnahme der Ausländerbehörde aussteht (§ 4 Abs. 2 HFKVO).",
    )
    source = models.CharField("Herkunft", max_length=10, choices=Source.choices, default=Source.SYSTEM)
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    anonymized_at = models.DateTimeField("Anonymisiert am", null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Fall"
        verbose_name_plural = "Fälle"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["state", "received_on"]),
            models.Index(fields=["authority", "state"]),
            models.Index(fields=["year", "country"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(state="closed") & ~models.Q(closure="") & ~models.Q(closure_reason=""))
                | (~models.Q(state="closed") & models.Q(closure="")),
                name="closed_case_has_closure_and_reason",
                violation_error_message="Ein abgeschlossener Fall braucht Erledigung und Grund.",
            ),
        ]

    def __str__(self):
        return self.file_number

    @property
    def is_closed(self) -> bool:
        return self.state == State.CLOSED

    @property
    def main_person(self):
        return next((p for p in self.persons.all() if p.is_main), None)


class Relationship(models.TextChoices):
    MAIN = "main", "Hauptperson"
    SPOUSE = "spouse", "Ehe-/Lebenspartner/in"
    CHILD = "child", "Kind"
    PARENT = "parent", "Elternteil"
    SIBLING = "sibling", "Geschwister"
    OTHER = "other", "Sonstige Angehörige"


SUCCESSOR_HELP = (
    "Nur bei einer Staatsangehörigkeit eines aufgelösten Staates (z. B. Sowjetunion): der Nachfolgestaat, "
    "dem die Person angehört, sobald er bekannt ist. Die erfasste Staatsangehörigkeit bleibt; die Statistik "
    "zählt die Hauptperson unter diesem Staat, ohne Angabe unter dem Standard-Nachfolgestaat des Registers "
    "und weist das aus."
)


class Person(models.Model):
    """A person concerned (betroffene Person). Health data and criminal records belong in
    documents and notes, never in fields that lists show."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="persons")
    relationship = models.CharField(
        "Verhältnis zur Hauptperson", max_length=20, choices=Relationship.choices, default=Relationship.MAIN
    )
    family_name = models.CharField("Familienname", max_length=150)
    given_names = models.CharField("Vornamen", max_length=150, blank=True)
    birth_date = models.DateField("Geburtsdatum", null=True, blank=True)
    nationality = models.ForeignKey(
        "registers.Country", verbose_name="Staatsangehörigkeit", on_delete=models.PROTECT, related_name="+"
    )
    nationality_successor = models.ForeignKey(
        "registers.Country", verbose_name="Nachfolgestaat", on_delete=models.PROTECT, related_name="+",
        null=True, blank=True, help_text=SUCCESSOR_HELP,
    )
    # Normalised "family given" names and aliases for search and repeat detection.
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = "Betroffene Person"
        verbose_name_plural = "Betroffene Personen"
        ordering = ["case", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(relationship="main"), name="one_main_person_per_case"
            ),
        ]

    def __str__(self):
        return self.label(self.family_name, self.given_names)

    @staticmethod
    def label(family_name: str, given_names: str) -> str:
        """How a person's name is written in lists: "Family, Given"."""
        return f"{family_name}, {given_names}".strip(", ")

    @property
    def is_main(self) -> bool:
        return self.relationship == Relationship.MAIN


class PersonName(models.Model):
    """Another spelling or alias of a person's name (transliterations, earlier names)."""

    class Kind(models.TextChoices):
        SPELLING = "spelling", "Andere Schreibweise"
        ALIAS = "alias", "Aliasname"
        BIRTH = "birth", "Geburtsname"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="other_names")
    kind = models.CharField("Art", max_length=20, choices=Kind.choices, default=Kind.SPELLING)
    family_name = models.CharField("Familienname", max_length=150)
    given_names = models.CharField("Vornamen", max_length=150, blank=True)

    class Meta:
        verbose_name = "Weitere Namensform"
        verbose_name_plural = "Weitere Namensformen"

    def __str__(self):
        return self.label(self.family_name, self.given_names)

    @staticmethod
    def label(family_name: str, given_names: str) -> str:
        """How a person's name is written in lists: "Family, Given"."""
        return f"{family_name}, {given_names}".strip(", ")


class PersonNameKey(models.Model):
    """One recorded name form of a person (main name or another name), normalised for the
    repeat search: candidates are narrowed by (initial, family_len) in SQL, then scored."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_keys")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    birth_date = models.DateField(null=True, blank=True)
    family_key = models.CharField(max_length=150)
    full_key = models.CharField(max_length=301, blank=True)  # "" when no given names are known
    initial = models.CharField(max_length=1)
    family_len = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=302)  # "Family, Given" as recorded

    class Meta:
        indexes = [models.Index(fields=["initial", "family_len"], name="person_name_key_idx")]

    def __str__(self):
        return self.label


class PersonNameToken(models.Model):
    """One word of a person's names (normalised): the case list's name search matches
    ``token`` by prefix from an index instead of scanning ``Person.search_text``."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=150, db_index=True)

    def __str__(self):
        return self.token


class PersonRepeat(models.Model):
    """A person of another case whose name (in any recorded form) is (nearly) the same and
    whose birth date does not differ: a possible repeat application. Stored in both
    directions when a person or a name form is recorded."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="repeats")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    matched_name = models.CharField(max_length=302)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "other"], name="unique_person_repeat")]

    def __str__(self):
        return f"{self.person_id} ~ {self.other_id} ({self.score})"


class CaseEvent(models.Model):
    """One immutable entry in a case's history (what, who, when recorded, effective date)."""

    # Indexed by the unique constraint below, whose first column it is.
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events", db_index=False)
    sequence = models.PositiveIntegerField()
    event_type = models.CharField("Ereignis", max_length=40)
    step = models.CharField("Verfahrensschritt", max_length=40, choices=Step.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("Erfasst am", auto_now_add=True)
    effective_on = models.DateField("Wirksam am")
    data = models.JSONField(default=dict, blank=True)
    stat_status = models.CharField(max_length=30, choices=StatStatus.choices, blank=True)

    class Meta:
        verbose_name = "Ereignis"
        verbose_name_plural = "Ereignisse"
        ordering = ["case", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["case", "sequence"], name="unique_event_sequence_per_case"),
        ]

    def __str__(self):
        return f"{self.case_id}#{self.sequence} {self.event_type}"

    def save(self, *args, **kwargs):
        # History is append-only; corrections are new events. Retention scrubs personal data
        # through queryset.update(), deliberately bypassing this guard.
        if self.pk is not None and not kwargs.pop("_allow_update", False):
            raise ValueError("Ereignisse sind unveränderlich.")
        super().save(*args, **kwargs)


def _document_path(instance, filename):
    # Generated names only: the uploaded name is kept in the database, never on disk.
    return f"cases/{instance.case_id}/{uuid.uuid4().hex}"


class DocumentQuerySet(models.QuerySet):
    def current(self):
        """Documents in the case file: not removed, not replaced."""
        return self.filter(removed_at__isnull=True)


class Document(models.Model):
    class Type(models.TextChoices):
        APPLICATION = "application", "Antrag"
        STATEMENT = "statement", "Stellungnahme der Ausländerbehörde"
        MEDICAL = "medical", "Ärztliches Attest"
        EVIDENCE = "evidence", "Nachweis (Arbeit, Schule, Sprache)"
        IDENTITY = "identity", "Identitätsnachweis"
        LETTER = "letter", "Schreiben"
        MINUTES = "minutes", "Protokollauszug"
        OTHER = "other", "Sonstiges"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    doc_type = models.CharField("Art", max_length=20, choices=Type.choices, default=Type.OTHER)
    title = models.CharField("Titel", max_length=200)
    document_date = models.DateField("Datum des Dokuments", null=True, blank=True)
    file = models.FileField(upload_to=_document_path)
    original_name = models.CharField("Dateiname", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # Removed or replaced (services.documents, decision 0112): the row keeps title, date, who and
    # why; the file itself is deleted. Removed documents are in no list and no download.
    removed_at = models.DateTimeField("Entfernt am", null=True, blank=True)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name="Entfernt von")
    removal_reason = models.TextField("Grund der Entfernung", blank=True)
    replaced_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="Ersetzt durch")

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "Dokument"
        verbose_name_plural = "Dokumente"
        ordering = ["case", "-uploaded_at"]

    def __str__(self):
        return self.title


class Note(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField("Notiz")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Notiz"
        verbose_name_plural = "Notizen"
        ordering = ["case", "-created_at"]

    def __str__(self):
        return self.text[:40]


class FollowUp(models.Model):
    """Wiedervorlage: a date on which the office wants to look at the case again."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_ups")
    due_on = models.DateField("Wiedervorlage am")
    reason = models.CharField("Anlass", max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField("Erledigt am", null=True, blank=True)

    class Meta:
        verbose_name = "Wiedervorlage"
        verbose_name_plural = "Wiedervorlagen"
        ordering = ["due_on"]
        indexes = [models.Index(fields=["done_at", "due_on"])]

    def __str__(self):
        return f"{self.due_on}: {self.reason}"


class OtherBasis(models.TextChoices):
    """Subsidiarity (report ch. 5): is a residence right on another legal basis possible?"""

    NONE = "none", "Keine andere Rechtsgrundlage ersichtlich"
    TRAINING_TOLERATION = "60c", "Ausbildungsduldung (§ 60c AufenthG) möglich"
    EMPLOYMENT_TOLERATION = "60d", "Beschäftigungsduldung (§ 60d AufenthG) möglich"
    SUSTAINABLE_INTEGRATION = "25b", "Aufenthaltserlaubnis bei nachhaltiger Integration (§ 25b AufenthG) möglich"
    OTHER = "other", "Andere Rechtsgrundlage möglich (im Vermerk benannt)"


class FormalCheck(models.Model):
    """The office's formal check against one version of the exclusion catalogue."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="formal_checks")
    catalogue = models.ForeignKey("registers.ExclusionCatalogue", on_delete=models.PROTECT, related_name="+")
    grounds = models.ManyToManyField("registers.ExclusionGround", blank=True, related_name="+")
    checked_on = models.DateField("Geprüft am")
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField("Vermerk", blank=True)
    other_basis = models.CharField(
        "Andere Rechtsgrundlage", max_length=10, choices=OtherBasis.choices, blank=True,
        help_text="Nachrang des Härtefallverfahrens (Tätigkeitsbericht Kap. 5; § 5 Abs. 2, 2. Spiegelstrich "
        "HFKVO): leer nur bei Prüfungen, die vor dieser Frage erfasst wurden.",
    )

    class Meta:
        verbose_name = "Formale Prüfung"
        verbose_name_plural = "Formale Prüfungen"
        ordering = ["case", "-checked_on"]

    def __str__(self):
        return f"{self.case} {self.checked_on}"


class FileNumberCounter(models.Model):
    """Per-year sequence for file numbers; rows are locked while a number is drawn."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "Aktenzeichen-Zähler"
        verbose_name_plural = "Aktenzeichen-Zähler"

    def __str__(self):
        return f"{self.year}: {self.last}"
