"""What the statistics keep of their own: published figures of earlier years and the
editable chapters of the activity report. Every count itself is derived from case events."""

from django.db import models


class HistoricalFigures(models.Model):
    """A published report (the JSON shape of ``report_build``) kept as the source for years
    before the first case in the system (see docs/decisions/0030-statistics-report-engine.md)."""

    source = models.CharField(
        "Quelle", max_length=200,
        help_text="Woher die Zahlen stammen, z. B. „Tätigkeitsbericht 2024“.",
    )
    as_of = models.DateField("Stichtag", help_text="Stichtag der veröffentlichten Zahlen.")
    data = models.JSONField("Zahlen", help_text="Veröffentlichte Tabellen 6.1–6.6 im Berichtsformat.")
    imported_at = models.DateTimeField("Importiert am", auto_now_add=True)

    class Meta:
        verbose_name = "Veröffentlichte Zahlen"
        verbose_name_plural = "Veröffentlichte Zahlen"
        ordering = ["-as_of", "-imported_at"]

    def __str__(self):
        return f"{self.source} (Stand {self.as_of:%d.%m.%Y})"


class ReportChapter(models.Model):
    """One text chapter of the activity report (Tätigkeitsbericht), edited by the office."""

    key = models.SlugField("Kennung", max_length=60, unique=True)
    title = models.CharField("Überschrift", max_length=200)
    text = models.TextField("Text", blank=True, help_text="Absätze durch Leerzeilen trennen.")
    order = models.PositiveSmallIntegerField("Reihenfolge", default=0)
    updated_at = models.DateTimeField("Geändert am", auto_now=True)

    class Meta:
        verbose_name = "Berichtskapitel"
        verbose_name_plural = "Berichtskapitel"
        ordering = ["order", "key"]

    def __str__(self):
        return self.title

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.split("\n\n") if p.strip()]


class CaseFigures(models.Model):
    """The read model of the activity report: one narrow row per case and per reopening.

    Derived from the case's events (docs/decisions/0103-statistics-read-model.md): kept by the
    service that writes an event, in its transaction (``statistics.figures``), and rebuilt
    and proven equal by ``haertefall rebuild-statistics``. The events stay the truth.

    A row covers the case from ``valid_from`` (receipt: empty; else the reopening) up to the
    day before ``valid_until`` (the next reopening; empty: open-ended), so that for every
    cut-off date exactly one row of a case counts. Within the row, the status as of a date is
    that of the latest of decision, answer and revocation on or before it ("open" before).
    """

    # Indexed by the unique constraint (case, cycle). The rows' country and authority are the
    # case's own, which the case table keeps referentially intact; the read model does not
    # check them again (decision 0125).
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+", db_index=False)
    cycle = models.PositiveSmallIntegerField(
        "Durchgang", help_text="0 ab Eingang, 1 nach der ersten Wiederaufnahme usw."
    )
    year = models.PositiveSmallIntegerField("Eingangsjahr", help_text="Kohorte aller Tabellen 6.1–6.6.")
    received_on = models.DateField("Eingangsdatum", help_text="Ein Antrag zählt ab diesem Tag (Stichtag).")
    country = models.ForeignKey(
        "registers.Country", verbose_name="Herkunftsland", on_delete=models.PROTECT, related_name="+",
        db_index=False, db_constraint=False,
        help_text="Staatsangehörigkeit der Hauptperson wie erfasst; der Bericht zählt sie beim "
        "heutigen Staat (Tab. 6.2).",
    )
    country_assigned = models.ForeignKey(
        "registers.Country", verbose_name="Festgestellter Nachfolgestaat", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False,
        help_text="Bei einer Staatsangehörigkeit eines aufgelösten Staates der für die Hauptperson "
        "festgestellte Nachfolgestaat; Tab. 6.2 zählt sie dort, sonst beim Standard des Registers.",
    )
    authority = models.ForeignKey(
        "registers.Authority", verbose_name="Ausländerbehörde", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False,
    )
    persons = models.PositiveSmallIntegerField("Anzahl Personen")
    minors = models.PositiveSmallIntegerField(
        "Minderjährige", help_text="Personen unter 18 Jahren am Eingangstag (mit Geburtsdatum)."
    )
    with_birth_date = models.PositiveSmallIntegerField("Personen mit Geburtsdatum")
    valid_from = models.DateField("Gilt ab", null=True, blank=True, help_text="Wiederaufnahme; leer ab Eingang.")
    valid_until = models.DateField(
        "Gilt bis (ausschließlich)", null=True, blank=True, help_text="Nächste Wiederaufnahme; leer: offen."
    )
    decided_on = models.DateField(
        "Entschieden am", null=True, blank=True,
        help_text="Erster Abschluss des Durchgangs: Ausschluss (§ 5 Abs. 1 HFKVO), Vorprüfung, "
        "Beschluss der Kommission oder andere Erledigung.",
    )
    decision = models.CharField(
        "Entscheidung", max_length=30, blank=True,
        help_text="Statistikstand ab ``decided_on``: kein Ersuchen, andere Erledigung oder Ersuchen.",
    )
    decision_days = models.IntegerField(
        "Tage bis zum Beschluss", null=True, blank=True,
        help_text="Vom Eingang bis zum Beschluss der Kommission in einer Sitzung (Bearbeitungsdauer).",
    )
    answered_on = models.DateField(
        "Ergebnis am", null=True, blank=True, help_text="Antwort der Ausländerbehörde auf das Ersuchen."
    )
    answer = models.CharField(
        "Ergebnis", max_length=30, blank=True,
        help_text="Statistikstand ab ``answered_on``: gefolgt, nicht gefolgt, andere Erledigung.",
    )
    answer_days = models.IntegerField(
        "Tage bis zum Ergebnis", null=True, blank=True,
        help_text="Vom Ersuchen bis zur Antwort der Ausländerbehörde (Bearbeitungsdauer).",
    )
    revoked_on = models.DateField(
        "Widerrufen am", null=True, blank=True,
        help_text="Widerruf eines Ersuchens, dem gefolgt wurde (andere Erledigung nach Ersuchen).",
    )
    # Persons whose own outcome differs from the request's (decision 0122): from ``answered_on``
    # until a revocation they count under their own outcome in the persons' figures.
    split_followed = models.PositiveSmallIntegerField(
        "Personen mit eigenem Ergebnis: gefolgt", default=0,
        help_text="Personen, für die abweichend vom Ergebnis des Ersuchens eine Aufenthaltserlaubnis nach "
        "§ 23a AufenthG erteilt wurde.")
    split_not_followed = models.PositiveSmallIntegerField(
        "Personen mit eigenem Ergebnis: nicht gefolgt", default=0,
        help_text="Personen, für die abweichend vom Ergebnis des Ersuchens dem Ersuchen nicht gefolgt wurde.")
    split_other_closure = models.PositiveSmallIntegerField(
        "Personen mit eigenem Ergebnis: andere Erledigung", default=0,
        help_text="Personen, deren Verfahren abweichend vom Ergebnis des Ersuchens anders erledigt wurde "
        "(z. B. Erlaubnis auf anderer Rechtsgrundlage).")

    class Meta:
        verbose_name = "Statistikzeile"
        verbose_name_plural = "Statistikzeilen"
        constraints = [
            models.UniqueConstraint(fields=["case", "cycle"], name="unique_figures_per_case_cycle"),
        ]

    def __str__(self):
        return f"{self.case_id}/{self.cycle}"
