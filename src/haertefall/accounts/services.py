"""Writes on user accounts. Each is one transaction and leaves an audit entry.

Ending sessions: ``session_generation`` is bumped whenever a user's sessions must end
(deactivation, password set by anyone, second factor reset); SessionPolicyMiddleware logs out
every session that carries an older generation.
"""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import DomainError

from .access import role_is_bound_to_authority
from .models import Role, User
from .otp import TOTP_NAME, backup_codes_issue


def _check_role(role: str, authority) -> None:
    if role not in Role.values:
        raise DomainError("Bitte wählen Sie eine gültige Rolle.", field="role")
    if role_is_bound_to_authority(role) and authority is None:
        raise DomainError("Nutzer einer Ausländerbehörde brauchen die Angabe ihrer Behörde.", field="authority")
    if not role_is_bound_to_authority(role) and authority is not None:
        raise DomainError("Nur Nutzer einer Ausländerbehörde werden einer Behörde zugeordnet.", field="authority")


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="password") from None


def _bump_generation(user: User) -> None:
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])


def user_create(*, actor, username: str, first_name: str, last_name: str, email: str, role: str,
                authority=None, password: str) -> User:
    username = (username or "").strip()
    if not username:
        raise DomainError("Bitte geben Sie einen Benutzernamen an.", field="username")
    _check_role(role, authority)
    user = User(username=username, first_name=first_name, last_name=last_name, email=email,
                role=role, authority=authority)
    _check_password(password, user)
    user.set_password(password)
    try:
        with transaction.atomic():
            if User.objects.filter(username__iexact=username).exists():
                raise DomainError(f"Den Benutzernamen „{username}“ gibt es schon.", field="username")
            user.save()
            audit_log(user=actor, action=AuditEntry.Action.CREATE, obj=user, detail=f"Rolle {role}")
    except IntegrityError:
        raise DomainError(f"Den Benutzernamen „{username}“ gibt es schon.", field="username") from None
    return user


def user_update(*, actor, user: User, first_name: str, last_name: str, email: str, role: str,
                authority=None) -> User:
    _check_role(role, authority)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.pk == getattr(actor, "pk", None) and role != locked.role:
            raise DomainError("Die eigene Rolle kann nicht geändert werden.", field="role")
        role_changed = (locked.role, locked.authority_id) != (role, getattr(authority, "pk", None))
        locked.first_name, locked.last_name, locked.email = first_name, last_name, email
        locked.role, locked.authority = role, authority
        locked.save(update_fields=["first_name", "last_name", "email", "role", "authority"])
        if role_changed:
            # What the user may see changes: open sessions must not keep the old rights.
            _bump_generation(locked)
        audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=locked,
                  detail=f"Rolle {role}" if role_changed else "Stammdaten")
    return locked


def user_deactivate(*, actor, user: User) -> User:
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.pk == getattr(actor, "pk", None):
            raise DomainError("Das eigene Konto kann nicht deaktiviert werden.")
        if not locked.is_active:
            raise DomainError("Das Konto ist bereits deaktiviert.")
        locked.is_active = False
        locked.save(update_fields=["is_active"])
        _bump_generation(locked)
        audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=locked, detail="Deaktiviert")
    return locked


def user_reactivate(*, actor, user: User) -> User:
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.is_active:
            raise DomainError("Das Konto ist bereits aktiv.")
        locked.is_active = True
        locked.save(update_fields=["is_active"])
        audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=locked, detail="Reaktiviert")
    return locked


def user_set_password(*, actor, user: User, password: str) -> User:
    """Set a new password (own change or by the administration); ends all sessions of the
    user — the caller keeps its own session alive where the user changed it themselves."""
    _check_password(password, user)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.set_password(password)
        locked.save(update_fields=["password"])
        _bump_generation(locked)
        audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=locked, detail="Passwort gesetzt")
    user.password = locked.password
    user.session_generation = locked.session_generation
    return locked


def user_reset_second_factor(*, actor, user: User) -> User:
    """Remove the user's authenticator and backup codes (lost phone): the next login asks
    for a new enrolment. Ends the user's sessions."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        TOTPDevice.objects.filter(user=locked).delete()
        StaticDevice.objects.filter(user=locked).delete()
        _bump_generation(locked)
        audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=locked, detail="Zweiter Faktor zurückgesetzt")
    return locked


def totp_device_start(*, user: User) -> TOTPDevice:
    """The unconfirmed device shown during enrolment (the same one on reload)."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str]:
    """Confirm the enrolment with a code from the app; returns 10 new backup codes."""
    token = (token or "").replace(" ", "")
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user, confirmed=False)
        if not locked.verify_token(token):
            raise DomainError("Der Code stimmt nicht. Bitte geben Sie den aktuellen sechsstelligen "
                              "Code aus der App ein.", field="token")
        locked.confirmed = True
        locked.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        codes = backup_codes_issue(user)
        audit_log(user=user, action=AuditEntry.Action.CHANGE, obj=user, detail="Zweiter Faktor eingerichtet")
    device.confirmed = True
    return codes


def backup_codes_renew(*, user: User) -> list[str]:
    with transaction.atomic():
        codes = backup_codes_issue(user)
        audit_log(user=user, action=AuditEntry.Action.CHANGE, obj=user, detail="Notfallcodes erneuert")
    return codes
