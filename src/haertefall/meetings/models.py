"""Commission sessions (Sitzungen), agendas and invitations.

Named "meetings" because Django owns "sessions". The skeleton here is what access control
needs; membership, attendance, votes and minutes extend it.
"""

from django.conf import settings
from django.db import models


class Meeting(models.Model):
    class Kind(models.TextChoices):
        COMMISSION = "commission", "Sitzung der Härtefallkommission"
        PRESCREEN = "prescreen", "Sitzung des Vorprüfungsausschusses"

    kind = models.CharField("Art", max_length=20, choices=Kind.choices, default=Kind.COMMISSION)
    date = models.DateField("Datum")
    place = models.CharField("Ort", max_length=200, blank=True)
    video_conference = models.BooleanField("Videokonferenz", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Sitzung"
        verbose_name_plural = "Sitzungen"
        ordering = ["-date"]

    def __str__(self):
        return f"{self.get_kind_display()} am {self.date:%d.%m.%Y}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="items")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="agenda_items")
    position = models.PositiveSmallIntegerField("TOP")

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
