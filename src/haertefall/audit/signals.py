"""Security events into the audit trail: login, failed login, logout, lockout.

Signals are used only for logging here, never for business rules.
"""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import AuditEntry
from .services import audit_log


@receiver(user_logged_in, dispatch_uid="hf_audit_login")
def _logged_in(sender, request, user, **kwargs):
    from haertefall.accounts.middleware import session_start

    if request is not None and hasattr(request, "session"):
        session_start(request, user)
    audit_log(user=user, action=AuditEntry.Action.LOGIN, obj=user, request=request, detail="Passwort geprüft")


@receiver(user_login_failed, dispatch_uid="hf_audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str((credentials or {}).get("username", ""))[:150]
    factor = (credentials or {}).get("factor", "")
    audit_log(user=None, action=AuditEntry.Action.LOGIN_FAILED, object_type="accounts.user",
              object_id="", request=request, username=username,
              detail="Sicherheitscode falsch" if factor == "token" else "Passwort oder Benutzername falsch")


@receiver(user_logged_out, dispatch_uid="hf_audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_log(user=user, action=AuditEntry.Action.LOGOUT, obj=user, request=request)


@receiver(user_locked_out, dispatch_uid="hf_audit_lockout")
def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    audit_log(user=None, action=AuditEntry.Action.LOCKOUT, object_type="accounts.user", request=request,
              username=str(username or "")[:150], detail="Anmeldung gesperrt nach Fehlversuchen")
