"""Session policy and the second-factor gate.

SessionPolicyMiddleware: idle and absolute timeouts (ASVS V7.3); sessions end when the user
is deactivated, changes the password or gets a new role (User.session_generation).
VerifiedUserMiddleware: a user who gave the password but not yet the second factor reaches
only the login steps (ASVS V6.3); the API refuses such users in core.api.IsVerifiedUser.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

_STARTED = "hf_started"
_SEEN = "hf_seen"
_GENERATION = "hf_generation"
# hf_seen is refreshed at most this often: a session write per page view would serialise all
# requests on SQLite; the idle timeout (minutes) loses at most this many seconds.
SEEN_REFRESH_SECONDS = 60


def session_generation_store(request, user) -> None:
    """Bind the current session to the user's current generation (at login, after an own
    password change)."""
    request.session[_GENERATION] = user.session_generation


def session_start(request, user) -> None:
    now = int(time.time())
    request.session[_STARTED] = now
    request.session[_SEEN] = now
    session_generation_store(request, user)


class SessionPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.get(_STARTED)
            if started is None:
                started = session[_STARTED] = now
            seen = session.get(_SEEN, now)
            generation = session.get(_GENERATION)
            if generation is None:
                generation = session[_GENERATION] = user.session_generation
            expired = (
                now - seen > settings.HAERTEFALL_SESSION_IDLE_SECONDS
                or now - started > settings.HAERTEFALL_SESSION_ABSOLUTE_SECONDS
                or generation != user.session_generation
                or not user.is_active
            )
            if expired:
                logout(request)
            elif now - seen >= SEEN_REFRESH_SECONDS or _SEEN not in session:
                session[_SEEN] = now
        return self.get_response(request)


# Views an authenticated user may reach before the second factor.
UNVERIFIED_ALLOWED = frozenset({
    "accounts:login", "accounts:logout", "accounts:token", "accounts:enrol",
    "accounts:oidc_authentication_init", "accounts:oidc_authentication_callback",
})


class VerifiedUserMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .otp import has_second_factor, second_factor_required

        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and second_factor_required()
            and not user.is_verified()
            and not request.path.startswith(settings.STATIC_URL)
        ):
            try:
                view_name = resolve(request.path_info).view_name
            except Resolver404:
                view_name = ""
            if view_name not in UNVERIFIED_ALLOWED and not request.path.startswith("/api/"):
                step = "accounts:token" if has_second_factor(user) else "accounts:enrol"
                from django.urls import reverse

                return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
