"""Retention periods (Löschkonzept): how long a closed case keeps its personal data."""

from django.db import models

from haertefall.cases.states import Closure


class RetentionRule(models.Model):
    """Years after the end of the closure year until personal data is deleted.

    Defaults (migration 0002, docs/decisions/0065-retention-periods.md): 10 years where the
    commission made a hardship request, 5 years otherwise. The DPO and the office head agree
    changes; the administration enters them.
    """

    closure = models.CharField("Erledigung", max_length=30, choices=Closure.choices, unique=True)
    years = models.PositiveSmallIntegerField(
        "Aufbewahrung (Jahre)",
        help_text="Jahre nach Ablauf des Jahres der Erledigung (Art. 5 Abs. 1 lit. e, Art. 17 DSGVO; "
        "§ 23a AufenthG i. V. m. HFKVO NRW).",
    )
    basis = models.CharField("Begründung", max_length=300, blank=True)

    class Meta:
        verbose_name = "Aufbewahrungsfrist"
        verbose_name_plural = "Aufbewahrungsfristen"
        ordering = ["closure"]
        constraints = [
            models.CheckConstraint(condition=models.Q(years__gte=1), name="retention_at_least_one_year"),
        ]

    def __str__(self):
        return f"{self.get_closure_display()}: {self.years} Jahre"
