"""The commission at work: members, pre-screening committee, sessions, votes and minutes.

Named "meetings" because Django owns "sessions". Writes go through ``meetings.services``;
the quorum and majority rules are pure functions in ``meetings.rules`` that take the
``DecisionRuleConfig`` in force on the session's date.

Confidentiality (§ 6 Abs. 2 Satz 5 HFKVO): votes are stored as counts per agenda item
(``ItemVote``). No table links a user, seat or membership to a vote; a test inspects the
models to keep it so.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

SEATS_MIN = 7
SEATS_MAX = 10


class NominatingBody(models.TextChoices):
    """Who proposes the member of a seat (§ 2 Abs. 2 HFKVO and the report, chapter 4)."""

    PROTESTANT_CHURCH = "ev_kirche", "Evangelische Kirche"
    CATHOLIC_CHURCH = "kath_kirche", "Katholische Kirche"
    WELFARE = "wohlfahrt", "Spitzenverbände der freien Wohlfahrtspflege"
    REFUGEE_COUNCIL = "fluechtlingsrat", "Flüchtlingsrat NRW e. V."
    PRO_ASYL = "pro_asyl", "PRO ASYL"
    AUTHORITY_CITY = "abh_stadt", "Ausländerbehörde einer kreisfreien Stadt"
    AUTHORITY_DISTRICT = "abh_kreis", "Ausländerbehörde eines Kreises"
    PHYSICIAN = "arzt", "Ärztin / Arzt"
    INTEGRATION_MINISTRY = "integrationsministerium", "Integrationsministerium"
    CHAIR = "vorsitz", "Vorsitz / Geschäftsstelle"


class DecisionRuleConfig(models.Model):
    """One version of a Land's quorum and majority rule, as data with a validity period.

    The pure functions in ``meetings.rules`` take it as a ``DecisionRule``; a changed
    regulation is a new row with a new ``valid_from`` (and the old row's ``valid_to``).
    """

    key = models.SlugField("Schlüssel", max_length=60, unique=True)
    land = models.CharField("Land", max_length=2, help_text="ISO-3166-2-Kürzel, z. B. NW.")
    valid_from = models.DateField("Gültig ab")
    valid_to = models.DateField("Gültig bis", null=True, blank=True)
    quorum_basis = models.CharField("Bezugsgröße Beschlussfähigkeit", max_length=20)
    quorum_numerator = models.PositiveSmallIntegerField("Beschlussfähigkeit: Zähler")
    quorum_denominator = models.PositiveSmallIntegerField("Beschlussfähigkeit: Nenner")
    quorum_requires_all_invited = models.BooleanField("Alle Mitglieder müssen eingeladen sein",
                                                      default=False)
    majority_basis = models.CharField("Bezugsgröße Mehrheit", max_length=20)
    majority_numerator = models.PositiveSmallIntegerField("Mehrheit: Zähler")
    majority_denominator = models.PositiveSmallIntegerField("Mehrheit: Nenner")
    majority_strict = models.BooleanField("Mehr als (statt mindestens)", default=True)
    excluded_count_for_quorum = models.BooleanField(
        "Befangene Mitglieder zählen für die Beschlussfähigkeit", default=True,
        help_text="Wer wegen Befangenheit von einem Punkt ausgeschlossen ist, bleibt anwesend: "
        "§ 6 Abs. 2 Satz 3 HFKVO NRW („beschlussfähig, wenn mindestens die Hälfte ihrer Mitglieder "
        "anwesend ist“). Andere Länder können es anders regeln.",
    )
    excluded_count_for_majority = models.BooleanField(
        "Befangene Mitglieder zählen für die Mehrheit", default=False,
        help_text="Nein (NRW): die Mehrheit wird unter den Anwesenden gezählt, die über den Punkt "
        "abstimmen dürfen (§ 6 Abs. 3 Satz 2 HFKVO NRW). Ja: sie wirken wie Nein-Stimmen.",
    )
    label_de = models.TextField("Beschreibung", help_text="z. B. „§ 6 Abs. 2 und 3 HFKVO NRW“.")

    class Meta:
        verbose_name = "Beschlussregel"
        verbose_name_plural = "Beschlussregeln"
        ordering = ["land", "valid_from"]

    def __str__(self):
        return f"{self.key} ({self.land}, ab {self.valid_from:%d.%m.%Y})"


class PrescreenCommitteeConfig(models.Model):
    """Whether a Land's commission has formed a pre-screening committee, with a validity period.

    § 3 Abs. 3 HFKVO: the commission *may* form one. A Land without a row in force on a day has
    none that day (the regulation's default). The pure functions in ``meetings.take_up`` take it
    as a ``CommitteeRule``; forming or dissolving the committee is a new row, like a changed
    decision rule (docs/decisions/0101-prescreen-committee-optional.md).
    """

    key = models.SlugField("Schlüssel", max_length=60, unique=True)
    land = models.CharField("Land", max_length=2, help_text="ISO-3166-2-Kürzel, z. B. NW.")
    valid_from = models.DateField("Gültig ab")
    valid_to = models.DateField("Gültig bis", null=True, blank=True)
    committee_formed = models.BooleanField(
        "Vorprüfungsausschuss gebildet",
        help_text="§ 3 Abs. 3 HFKVO: Die Kommission kann einen Vorprüfungsausschuss bilden; er entscheidet "
        "über die Befassung. Ohne ihn bittet die Geschäftsstelle nach einer Prüfung ohne Ausschlussgründe "
        "direkt um die Stellungnahme (§ 4 Abs. 2 HFKVO), und die Kommission tagt monatlich statt "
        "vierteljährlich (§ 6 Abs. 2 Satz 1 und 2 HFKVO).",
    )
    label_de = models.TextField("Beschreibung", help_text="Quelle, z. B. „§ 3 Abs. 3 HFKVO NRW“.")

    class Meta:
        verbose_name = "Regel zum Vorprüfungsausschuss"
        verbose_name_plural = "Regeln zum Vorprüfungsausschuss"
        ordering = ["land", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="prescreen_config_valid_to_after_from",
            ),
        ]

    def __str__(self):
        return f"{self.key} ({self.land}, ab {self.valid_from:%d.%m.%Y})"


class Commission(models.Model):
    land = models.CharField("Land", max_length=2, default="NW")
    name = models.CharField("Name", max_length=200)
    seats = models.PositiveSmallIntegerField(
        "Zahl der Sitze",
        validators=[MinValueValidator(SEATS_MIN), MaxValueValidator(SEATS_MAX)],
        help_text="Mindestens sieben, höchstens zehn Mitglieder (§ 2 Abs. 1 HFKVO).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Härtefallkommission"
        verbose_name_plural = "Härtefallkommissionen"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seats__gte=SEATS_MIN, seats__lte=SEATS_MAX),
                name="commission_has_7_to_10_seats",
                violation_error_message="Die Kommission hat mindestens sieben und höchstens zehn Sitze.",
            ),
        ]

    def __str__(self):
        return self.name


class Seat(models.Model):
    """A seat of the commission; its member and deputy change with each term."""

    commission = models.ForeignKey(Commission, on_delete=models.PROTECT, related_name="seat_set")
    number = models.PositiveSmallIntegerField("Sitz Nr.")
    nominating_body = models.CharField(
        "Vorschlagende Stelle", max_length=30, choices=NominatingBody.choices,
        help_text="§ 2 Abs. 2 HFKVO; der Vorsitz ist die Leitung der Geschäftsstelle (§ 3 Abs. 1).",
    )

    class Meta:
        verbose_name = "Sitz"
        verbose_name_plural = "Sitze"
        ordering = ["commission", "number"]
        constraints = [
            models.UniqueConstraint(fields=["commission", "number"], name="seat_number_unique"),
        ]

    def __str__(self):
        return f"Sitz {self.number} ({self.get_nominating_body_display()})"


class Membership(models.Model):
    """A user holding a seat as member or deputy for one term (usually two years).

    A re-appointment (§ 2 Abs. 1 Satz 4 HFKVO) is a new row; history is never overwritten.
    On the chair's seat the member is the head of the office and the deputy the stand-in
    she named from the office (§ 3 Abs. 1 Satz 3 HFKVO).
    """

    class Kind(models.TextChoices):
        MEMBER = "member", "Mitglied"
        DEPUTY = "deputy", "Stellvertretung"

    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="memberships")
    kind = models.CharField("Funktion", max_length=10, choices=Kind.choices)
    term_start = models.DateField("Berufen ab")
    term_end = models.DateField("Berufen bis", help_text="In der Regel zwei Jahre (§ 2 Abs. 1 HFKVO).")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Mitgliedschaft"
        verbose_name_plural = "Mitgliedschaften"
        ordering = ["seat", "kind", "-term_start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(term_end__gte=models.F("term_start")),
                                   name="membership_term_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_kind_display()} {self.seat}"


class PrescreenSeat(models.Model):
    """A place on the pre-screening committee (§ 3 Abs. 3 HFKVO): the chair and two members
    named by the commission, each with a deputy from the commission."""

    commission = models.ForeignKey(Commission, on_delete=models.PROTECT, related_name="prescreen_seats")
    number = models.PositiveSmallIntegerField(
        "Platz Nr.", validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text="1 = Vorsitz, 2 und 3 = von der Kommission benannte Mitglieder.",
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name="Mitglied")
    deputy = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name="Stellvertretung", null=True, blank=True)

    class Meta:
        verbose_name = "Platz im Vorprüfungsausschuss"
        verbose_name_plural = "Plätze im Vorprüfungsausschuss"
        ordering = ["commission", "number"]
        constraints = [
            models.UniqueConstraint(fields=["commission", "number"], name="prescreen_seat_unique"),
            models.CheckConstraint(condition=models.Q(number__gte=1, number__lte=3),
                                   name="prescreen_has_three_places"),
        ]

    def __str__(self):
        return "Vorsitz" if self.number == 1 else f"Platz {self.number}"


class PrescreenNomination(models.Model):
    """The commission's decision naming who holds a place on the pre-screening committee, and
    the deputy (§ 3 Abs. 3 HFKVO: "zwei weitere von der Kommission benannte Mitglieder ... Für
    jedes Mitglied wird eine Stellvertreterin oder ein Stellvertreter aus der Kommission benannt").

    One row per place and decision, never changed; ``PrescreenSeat`` holds who sits there now.
    """

    commission = models.ForeignKey(Commission, on_delete=models.PROTECT, related_name="prescreen_nominations")
    number = models.PositiveSmallIntegerField(
        "Platz Nr.", validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text="1 = Vorsitz (kraft Amtes, § 3 Abs. 3 HFKVO), 2 und 3 = von der Kommission benannte Mitglieder.",
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name="Mitglied")
    deputy = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name="Stellvertretung",
                               help_text="Aus der Kommission benannt (§ 3 Abs. 3 Satz 2 HFKVO).")
    decided_on = models.DateField(
        "Beschluss der Kommission vom",
        help_text="Die Kommission benennt die Mitglieder des Vorprüfungsausschusses und ihre "
        "Stellvertretungen (§ 3 Abs. 3 HFKVO).",
    )
    meeting = models.ForeignKey(
        "Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="prescreen_nominations",
        verbose_name="Sitzung der Kommission",
        help_text="Die Sitzung, in der die Kommission benannt hat, wenn sie im System erfasst ist.",
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Benennung für den Vorprüfungsausschuss"
        verbose_name_plural = "Benennungen für den Vorprüfungsausschuss"
        ordering = ["commission", "-decided_on", "number", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(number__gte=1, number__lte=3),
                                   name="prescreen_nomination_three_places"),
        ]

    def __str__(self):
        return f"Platz {self.number}: {self.member} (Beschluss vom {self.decided_on:%d.%m.%Y})"


class Meeting(models.Model):
    class Kind(models.TextChoices):
        COMMISSION = "commission", "Sitzung der Härtefallkommission"
        PRESCREEN = "prescreen", "Sitzung des Vorprüfungsausschusses"

    commission = models.ForeignKey(Commission, on_delete=models.PROTECT, related_name="meetings",
                                   null=True, blank=True)
    kind = models.CharField("Art", max_length=20, choices=Kind.choices, default=Kind.COMMISSION)
    date = models.DateField("Datum")
    time = models.TimeField("Uhrzeit", null=True, blank=True)
    place = models.CharField("Ort", max_length=200, blank=True)
    video_conference = models.BooleanField("Videokonferenz", default=False)
    written_procedure = models.BooleanField(
        "Umlaufverfahren", default=False,
        help_text="Nur für den Vorprüfungsausschuss: Beschluss im schriftlichen Umlaufverfahren.",
    )
    video_link = models.URLField(
        "Link zur Videokonferenz", max_length=500, blank=True,
        help_text="Seit Dezember 2020 kann die Kommission per Videokonferenz beraten (Tätigkeitsbericht, "
        "Kap. 3); der Link geht mit der Einladung an die Eingeladenen.",
    )
    rule_key = models.CharField(
        "Beschlussregel", max_length=60, blank=True,
        help_text="Schlüssel der am Sitzungstag geltenden Beschlussregel (DecisionRuleConfig).",
    )
    cancelled_at = models.DateTimeField("Abgesagt am", null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="Abgesagt von")
    cancel_reason = models.TextField("Grund der Absage", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Sitzung"
        verbose_name_plural = "Sitzungen"
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(written_procedure=False) | models.Q(kind="prescreen"),
                name="written_procedure_only_for_prescreen",
            ),
            models.CheckConstraint(
                condition=(models.Q(cancelled_at__isnull=True)
                           | (models.Q(cancelled_by__isnull=False) & ~models.Q(cancel_reason=""))),
                name="cancelled_meeting_has_actor_and_reason",
            ),
        ]

    def __str__(self):
        # A cancelled session says so wherever it is listed (case page, start page, lists).
        return self.label_for(kind=self.kind, date=self.date, written_procedure=self.written_procedure,
                              cancelled=self.is_cancelled)

    @property
    def title(self) -> str:
        return self.label_for(kind=self.kind, date=self.date, written_procedure=self.written_procedure)

    @classmethod
    def label_for(cls, *, kind: str, date, written_procedure: bool, cancelled: bool = False) -> str:
        """A session's name, also for lists read as plain values (the case page)."""
        label = ("Umlaufverfahren des Vorprüfungsausschusses" if written_procedure
                 else dict(cls.Kind.choices).get(kind, kind))
        return f"{label} am {date:%d.%m.%Y}" + (" (abgesagt)" if cancelled else "")

    @property
    def is_prescreen(self) -> bool:
        return self.kind == self.Kind.PRESCREEN

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class AgendaItem(models.Model):
    class Subject(models.TextChoices):
        """What the body decides on the item (decision 0101, 0102)."""

        REQUEST = "request", "Beratung: Härtefallersuchen"
        TAKE_UP = "take_up", "Befassung"
        REVOCATION = "revocation", "Rücknahme des Ersuchens"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="items")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="agenda_items")
    position = models.PositiveSmallIntegerField("TOP")
    subject = models.CharField(
        "Gegenstand", max_length=20, choices=Subject.choices, default=Subject.REQUEST,
        help_text="Härtefallersuchen (§ 6 Abs. 3 HFKVO), Befassung (Vorprüfungsausschuss, § 3 Abs. 3, oder "
        "Vorlage an die Kommission, § 4 Abs. 3 HFKVO) oder Rücknahme eines Ersuchens (Tätigkeitsbericht Kap. 5).",
    )
    facts = models.TextField(
        "Sachverhalt", blank=True,
        help_text="Nur bei der Rücknahme: was die Geschäftsstelle festgestellt hat, z. B. falsche Personalien "
        "(Tätigkeitsbericht Kap. 5). Die Kommission entscheidet; intern, geht an keine Behörde.",
    )
    # What the office released for the session file (decision 0114): the members' copies carry
    # these documents, as far as they are still current and the recipient reads them.
    session_documents = models.ManyToManyField(
        "cases.Document", blank=True, related_name="+", verbose_name="Unterlagen für die Sitzungsmappe",
    )

    class Meta:
        verbose_name = "Tagesordnungspunkt"
        verbose_name_plural = "Tagesordnungspunkte"
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "case"], name="case_once_per_meeting"),
        ]

    def __str__(self):
        return f"TOP {self.position}: {self.case}"


class Invitation(models.Model):
    """A member or deputy invited to a meeting; opens access to its agenda's files."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invitations")
    sent_at = models.DateTimeField("Versandt am", null=True, blank=True)

    class Meta:
        verbose_name = "Einladung"
        verbose_name_plural = "Einladungen"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_invitation_per_user_and_meeting"),
        ]

    def __str__(self):
        return f"{self.user} → {self.meeting}"


class MeetingNotice(models.Model):
    """A notice to the invited members that their session was changed or cancelled.

    One row per notice, never changed: what changed (old and new values), who sent it,
    to whom. The e-mail itself goes out like the invitation (``send_mail`` on commit).
    """

    class Kind(models.TextChoices):
        CHANGE = "change", "Änderung"
        CANCEL = "cancel", "Absage"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField("Art", max_length=10, choices=Kind.choices)
    summary = models.TextField("Inhalt", help_text="Was sich geändert hat bzw. der Grund der Absage.")
    changes = models.JSONField("Änderungen", default=dict, blank=True,
                               help_text="Je geändertem Feld: {\"old\": ..., \"new\": ...}.")
    recipients = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name="Empfänger")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField("Versandt am")

    class Meta:
        verbose_name = "Benachrichtigung zur Sitzung"
        verbose_name_plural = "Benachrichtigungen zu Sitzungen"
        ordering = ["meeting", "sent_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.meeting}"


class Attendance(models.Model):
    """Who sat on a seat at the meeting. A seat counts once, whoever of member and deputy came."""

    class Status(models.TextChoices):
        MEMBER = "member", "Mitglied anwesend"
        DEPUTY = "deputy", "Stellvertretung anwesend"
        ABSENT = "absent", "Abwesend"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    prescreen_seat = models.ForeignKey(PrescreenSeat, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+")
    status = models.CharField("Anwesenheit", max_length=10, choices=Status.choices)
    attendee_name = models.CharField(
        "Anwesende Person", max_length=200, blank=True,
        help_text="Name für das Protokoll, festgehalten bei der Erfassung.",
    )

    class Meta:
        verbose_name = "Anwesenheit"
        verbose_name_plural = "Anwesenheit"
        ordering = ["meeting", "seat__number", "prescreen_seat__number"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(seat__isnull=False, prescreen_seat__isnull=True)
                           | models.Q(seat__isnull=True, prescreen_seat__isnull=False)),
                name="attendance_for_exactly_one_seat",
            ),
            models.UniqueConstraint(fields=["meeting", "seat"], name="attendance_once_per_seat"),
            models.UniqueConstraint(fields=["meeting", "prescreen_seat"],
                                    name="attendance_once_per_prescreen_seat"),
        ]

    def __str__(self):
        return f"{self.meeting}: {self.seat or self.prescreen_seat} {self.get_status_display()}"

    @property
    def present(self) -> bool:
        return self.status != self.Status.ABSENT


class ItemExclusion(models.Model):
    """A seat excluded from one item for conflict of interest (Befangenheit).

    This says who did *not* vote on an item; it never says how anyone voted.
    """

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="exclusions")
    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    prescreen_seat = models.ForeignKey(PrescreenSeat, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+")

    class Meta:
        verbose_name = "Ausschluss wegen Befangenheit"
        verbose_name_plural = "Ausschlüsse wegen Befangenheit"
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(seat__isnull=False, prescreen_seat__isnull=True)
                           | models.Q(seat__isnull=True, prescreen_seat__isnull=False)),
                name="exclusion_for_exactly_one_seat",
            ),
            models.UniqueConstraint(fields=["item", "seat"], name="exclusion_once_per_seat"),
            models.UniqueConstraint(fields=["item", "prescreen_seat"], name="exclusion_once_per_prescreen_seat"),
        ]

    def __str__(self):
        return f"{self.item}: {self.seat or self.prescreen_seat} befangen"


class Expectation(models.TextChoices):
    """Expectations the commission may attach to a request (report, chapter 3)."""

    PASSPORT = "passport", "Mitwirkung an der Beschaffung eines Passes"
    WORK = "work", "Aufnahme einer den Lebensunterhalt sichernden Erwerbstätigkeit"
    LANGUAGE = "language", "Besuch eines Sprach- oder Integrationskurses"
    NO_OFFENCES = "no_offences", "Straffreiheit"


class ItemDecision(models.Model):
    """The decision on one agenda item, with the reasons for the minutes."""

    class Outcome(models.TextChoices):
        REQUEST = "request", "Härtefallersuchen"
        NO_REQUEST = "no_request", "Kein Ersuchen"
        DEFERRED = "deferred", "Vertagt"
        TAKE_UP = "take_up", "Befassung"
        NO_TAKE_UP = "no_take_up", "Keine Befassung"
        REVOKE = "revoke", "Rücknahme des Ersuchens"
        KEEP = "keep", "Ersuchen bleibt bestehen"

    item = models.OneToOneField(AgendaItem, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField("Beschluss", max_length=20, choices=Outcome.choices)
    reasons = models.TextField("Gründe", blank=True,
                               help_text="Werden im Sitzungsprotokoll festgehalten (§ 6 Abs. 3 Satz 3 HFKVO).")
    expectations = models.JSONField("Erwartungen", default=list, blank=True)
    expectations_text = models.TextField("Weitere Erwartungen", blank=True)
    recommendation = models.TextField(
        "Empfehlung zur Anwendung des geltenden Ausländerrechts", blank=True,
        help_text="Nur ohne Ersuchen, mit Stimmenmehrheit (§ 6 Abs. 3 Satz 4 HFKVO).",
    )
    rule_key = models.CharField("Angewandte Beschlussregel", max_length=60, blank=True)
    quorum_text = models.TextField("Beschlussfähigkeit", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Beschluss"
        verbose_name_plural = "Beschlüsse"

    def __str__(self):
        return f"{self.item}: {self.get_outcome_display()}"


class GroundWeighing(models.Model):
    """The commission's weighing of one regular exclusion ground flagged at the formal check.

    § 5 Abs. 2 HFKVO: the procedure "soll ausgeschlossen sein"; whether the ground excludes a
    positive decision in this case is a value judgement "kann nur von der Härtefallkommission
    selbst getroffen werden" (report, ch. 5). Part of the decision, so of the minutes; never
    copied into the case history (§ 6 Abs. 2 Satz 5 HFKVO).
    """

    decision = models.ForeignKey(ItemDecision, on_delete=models.PROTECT, related_name="weighings")
    ground = models.ForeignKey("registers.ExclusionGround", on_delete=models.PROTECT, related_name="+",
                               verbose_name="Soll-Ausschlussgrund")
    excludes = models.BooleanField(
        "Schließt eine positive Entscheidung aus",
        help_text="§ 5 Abs. 2 HFKVO: ja, wenn nichts im Einzelfall den Soll-Ausschlussgrund überwiegt "
        "(Tätigkeitsbericht Kap. 5). Dann ist kein Härtefallersuchen möglich.",
    )
    reasons = models.TextField("Abwägung", help_text="Warum der Grund überwiegt oder nicht; steht im Protokoll.")

    class Meta:
        verbose_name = "Abwägung eines Soll-Ausschlussgrunds"
        verbose_name_plural = "Abwägungen von Soll-Ausschlussgründen"
        ordering = ["decision", "ground__code"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "ground"], name="one_weighing_per_ground"),
        ]

    def __str__(self):
        return f"{self.decision}: {self.ground} – {'schließt aus' if self.excludes else 'schließt nicht aus'}"


class ItemVote(models.Model):
    """The count of one vote on one agenda item. Counts only: never who voted how.

    Deliberately no relation to a user, seat, membership or attendance row.
    """

    class Motion(models.TextChoices):
        REQUEST = "request", "Härtefallersuchen"
        RECOMMENDATION = "recommendation", "Empfehlung"
        TAKE_UP = "take_up", "Befassung"
        REVOCATION = "revocation", "Rücknahme des Ersuchens"

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="votes")
    motion = models.CharField("Abstimmung über", max_length=20, choices=Motion.choices)
    yes = models.PositiveSmallIntegerField("Ja")
    no = models.PositiveSmallIntegerField("Nein")
    abstain = models.PositiveSmallIntegerField("Enthaltungen")
    excluded = models.PositiveSmallIntegerField("Wegen Befangenheit ausgeschlossen", default=0)
    adopted = models.BooleanField("Angenommen")
    rule_key = models.CharField("Angewandte Beschlussregel", max_length=60)
    result_text = models.TextField("Ergebnis")

    class Meta:
        verbose_name = "Abstimmungsergebnis"
        verbose_name_plural = "Abstimmungsergebnisse"
        ordering = ["item", "motion"]
        constraints = [
            models.UniqueConstraint(fields=["item", "motion"], name="one_count_per_item_and_motion"),
        ]

    def __str__(self):
        return f"{self.item} {self.get_motion_display()}: {self.yes}/{self.no}/{self.abstain}"


def _minutes_path(instance, filename):
    return f"minutes/{instance.meeting_id}/{uuid.uuid4().hex}"


class Minutes(models.Model):
    """Approved minutes of a meeting: stored files with their hashes, never changed again.

    Drafts are rendered on the fly from the meeting; approval freezes them. Database
    triggers (migration 0003) refuse updates and deletes of approved rows.
    """

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="minutes")
    pdf = models.FileField(upload_to=_minutes_path)
    pdf_sha256 = models.CharField(max_length=64)
    docx = models.FileField(upload_to=_minutes_path)
    docx_sha256 = models.CharField(max_length=64)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField("Genehmigt am")

    class Meta:
        verbose_name = "Sitzungsprotokoll"
        verbose_name_plural = "Sitzungsprotokolle"

    def __str__(self):
        return f"Protokoll {self.meeting}"
