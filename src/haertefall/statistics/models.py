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
