"""The baseline of every role decision: who counts as logged in (pages, API and commands).

Kept apart from ``core.api`` so that the apps' ``access`` modules, and with them the services
and the command line, do not load the REST framework.
"""

from django.conf import settings


def user_is_verified(user) -> bool:
    """Logged in, active, and — where two-factor login is enforced — verified with a token."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if getattr(settings, "HAERTEFALL_REQUIRE_2FA", False):
        return bool(getattr(user, "is_verified", lambda: False)())
    return True
