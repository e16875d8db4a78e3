from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _sqlite_functions(sender, connection, **kwargs):
    """On SQLite the audit triggers ask this connection function whether DELETE is allowed
    (see migrations/0002); a connection without it (sqlite3 shell) is refused."""
    if connection.vendor == "sqlite":
        from .services import audit_delete_allowed

        connection.connection.create_function("hf_audit_delete_allowed", 0, audit_delete_allowed)


class AuditConfig(AppConfig):
    name = "haertefall.audit"
    verbose_name = "Protokoll"

    def ready(self):
        from . import signals  # noqa: F401

        connection_created.connect(_sqlite_functions, dispatch_uid="hf_audit_sqlite_functions")
