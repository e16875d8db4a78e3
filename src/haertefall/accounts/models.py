"""Users and their roles. What a role may see and do is decided in each part's ``access.py``."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    OFFICE_HEAD = "office_head", "Leitung der Geschäftsstelle"
    OFFICE = "office", "Sachbearbeitung Geschäftsstelle"
    MEMBER = "member", "Kommissionsmitglied / Stellvertretung"
    AUTHORITY = "authority", "Ausländerbehörde"
    MINISTRY = "ministry", "Ministerium"
    DPO = "dpo", "Datenschutzbeauftragte/r"
    ADMIN = "admin", "Administration"


OFFICE_ROLES = frozenset({Role.OFFICE_HEAD, Role.OFFICE})


class User(AbstractUser):
    role = models.CharField("Rolle", max_length=20, choices=Role.choices)
    authority = models.ForeignKey(
        "registers.Authority",
        verbose_name="Ausländerbehörde",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text="Nur für Nutzer einer Ausländerbehörde: sie sehen ausschließlich deren Fälle.",
    )
    # Bumped when the password changes or the account is deactivated, so every existing
    # session of the user ends (accounts.middleware compares it with the session's copy).
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    # `haertefall createsuperuser` asks for the role, so the first administration account
    # can be created on a fresh installation (`--role admin`).
    REQUIRED_FIELDS = ["email", "role"]

    class Meta:
        verbose_name = "Benutzer"
        verbose_name_plural = "Benutzer"
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(role="authority", authority__isnull=False)
                           | (~models.Q(role="authority") & models.Q(authority__isnull=True))),
                name="authority_users_bound_to_one_authority",
                violation_error_message="Nutzer einer Ausländerbehörde brauchen genau eine Behörde, andere keine.",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username


class Substitution(models.Model):
    """„X vertritt Y vom … bis …“: while an office user is absent, a colleague works her cases
    (decision 0117). Set by the office head or by the absent person; both days count."""

    absent = models.ForeignKey(User, verbose_name="Abwesend", on_delete=models.PROTECT,
                               related_name="substituted_by")
    substitute = models.ForeignKey(User, verbose_name="Vertretung", on_delete=models.PROTECT,
                                   related_name="substitutions")
    starts_on = models.DateField("Vom")
    ends_on = models.DateField("Bis einschließlich")
    created_by = models.ForeignKey(User, verbose_name="Eingetragen von", on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField("Eingetragen am", auto_now_add=True)

    class Meta:
        verbose_name = "Vertretung"
        verbose_name_plural = "Vertretungen"
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="substitution_ends_after_start",
                                   violation_error_message="Die Vertretung endet vor ihrem Beginn."),
            models.CheckConstraint(condition=~models.Q(absent=models.F("substitute")),
                                   name="substitution_not_oneself",
                                   violation_error_message="Niemand vertritt sich selbst."),
        ]

    def __str__(self):
        return f"{self.substitute} vertritt {self.absent} vom {self.starts_on:%d.%m.%Y} bis {self.ends_on:%d.%m.%Y}"
