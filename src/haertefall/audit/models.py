"""Append-only audit trail: who did or read what, when — never the content."""

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        READ = "read", "Gelesen"
        CREATE = "create", "Angelegt"
        CHANGE = "change", "Geändert"
        DELETE = "delete", "Gelöscht"
        DOWNLOAD = "download", "Heruntergeladen"
        EXPORT = "export", "Exportiert"
        SEARCH = "search", "Gesucht"
        LOGIN = "login", "Anmeldung"
        LOGIN_FAILED = "login_failed", "Anmeldung fehlgeschlagen"
        LOGOUT = "logout", "Abmeldung"
        DENIED = "denied", "Zugriff verweigert"
        RETENTION = "retention", "Löschung nach Löschkonzept"
        LOCKOUT = "lockout", "Anmeldung gesperrt"

    at = models.DateTimeField("Zeitpunkt", auto_now_add=True, db_index=True)
    # Served by the (user, at) index below; a second index on the user alone only made every
    # entry (one per page that shows personal data) slower to write.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    username = models.CharField("Benutzername", max_length=150, blank=True)
    role = models.CharField("Rolle", max_length=20, blank=True)
    action = models.CharField("Aktion", max_length=20, choices=Action.choices)
    object_type = models.CharField("Objektart", max_length=60, blank=True)
    object_id = models.CharField("Objekt-ID", max_length=64, blank=True)
    # Plain ids, no foreign keys: the trail must outlive deleted case data.
    case_id = models.BigIntegerField("Fall-ID", null=True, blank=True, db_index=True)
    file_number = models.CharField("Aktenzeichen", max_length=40, blank=True)
    # Shown as recorded; searched through AuditPerson (an index that works alike on SQLite
    # and PostgreSQL, where JSON containment differs).
    person_ids = models.JSONField("Personen-IDs", default=list, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.CharField("Hinweis", max_length=200, blank=True)

    class Meta:
        verbose_name = "Protokolleintrag"
        verbose_name_plural = "Protokolleinträge"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "at"]), models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Protokolleinträge sind unveränderlich.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Protokolleinträge sind unveränderlich.")

    @property
    def role_label(self) -> str:
        from .presenters import role_label

        return role_label(self.role)

    @property
    def object_label(self) -> str:
        from .presenters import object_label

        return object_label(self)


class AuditPerson(models.Model):
    """One person an audit entry concerns: answers "who looked at this person's file" with an
    indexed lookup. Append-only like AuditEntry (database triggers, migration 0002)."""

    # Served by the unique (entry, person_id) constraint's index.
    entry = models.ForeignKey(AuditEntry, on_delete=models.CASCADE, related_name="persons", db_index=False)
    person_id = models.BigIntegerField("Personen-ID", db_index=True)

    class Meta:
        verbose_name = "Protokolleintrag (Person)"
        verbose_name_plural = "Protokolleinträge (Personen)"
        constraints = [
            models.UniqueConstraint(fields=["entry", "person_id"], name="audit_person_once_per_entry"),
        ]

    def __str__(self):
        return f"{self.entry_id}: {self.person_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Protokolleinträge sind unveränderlich.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Protokolleinträge sind unveränderlich.")
