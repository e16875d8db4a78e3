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
