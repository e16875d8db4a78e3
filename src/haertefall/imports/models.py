"""Register uploads from the office's page and their processing state."""

import uuid

from django.conf import settings
from django.db import models


def _job_path(instance, filename):
    # Generated names only, outside any URL space (MEDIA has no route): the uploaded
    # name is kept in the database.
    return f"imports/{uuid.uuid4().hex}"


class ImportJob(models.Model):
    """One uploaded register file and what its import did (or would do, for a dry run).

    Small files are processed during the upload; larger ones by ``haertefall
    process-imports``, while the page polls this row for progress.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Wartet auf Verarbeitung"
        RUNNING = "running", "Wird verarbeitet"
        DONE = "done", "Abgeschlossen"
        FAILED = "failed", "Fehlgeschlagen"

    class Phase(models.TextChoices):
        NONE = "", "–"
        PARSE = "parse", "Zeilen werden geprüft"
        WRITE = "write", "Daten werden gespeichert"

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("Hochgeladen am", auto_now_add=True)
    original_name = models.CharField("Dateiname", max_length=255)
    file = models.FileField(upload_to=_job_path, blank=True)
    size = models.PositiveBigIntegerField("Größe (Bytes)", default=0)
    dry_run = models.BooleanField("Probelauf", default=True)
    status = models.CharField("Status", max_length=10, choices=Status.choices, default=Status.PENDING)
    phase = models.CharField("Schritt", max_length=10, choices=Phase.choices, blank=True)
    total = models.PositiveIntegerField("Zeilen", default=0)
    done = models.PositiveIntegerField("Geprüfte Zeilen", default=0)
    errors = models.JSONField("Fehler", default=list, blank=True)
    report = models.JSONField("Bericht", default=dict, blank=True)
    started_at = models.DateTimeField("Begonnen am", null=True, blank=True)
    finished_at = models.DateTimeField("Beendet am", null=True, blank=True)
    follow_up = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="dry_run_job",
        help_text="Der echte Import, der nach diesem Probelauf gestartet wurde.",
    )

    class Meta:
        verbose_name = "Register-Import"
        verbose_name_plural = "Register-Importe"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0
