"""Session policy: idle and absolute timeouts; sessions end on password change/deactivation."""

import time

from django.conf import settings
from django.contrib.auth import logout

_STARTED = "hf_started"
_SEEN = "hf_seen"
_GENERATION = "hf_generation"


class SessionPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault(_STARTED, now)
            seen = session.get(_SEEN, now)
            generation = session.setdefault(_GENERATION, user.session_generation)
            expired = (
                now - seen > settings.HAERTEFALL_SESSION_IDLE_SECONDS
                or now - started > settings.HAERTEFALL_SESSION_ABSOLUTE_SECONDS
                or generation != user.session_generation
                or not user.is_active
            )
            if expired:
                logout(request)
            else:
                session[_SEEN] = now
        return self.get_response(request)
