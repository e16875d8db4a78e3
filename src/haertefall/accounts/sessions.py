"""The session store: django.contrib.sessions' database store, reading the session of every
request by a statement compiled once (core.prepared) instead of once per request.

Same table, same rules (the key must match and the session must not have expired), same
behaviour on a missing or expired session. Selected by ``SESSION_ENGINE``.
"""

import datetime

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from haertefall.core.prepared import prepared

_SESSION = prepared(
    lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now).only("session_data")[:1],
    str, datetime.datetime,
)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        session = _SESSION.first(self.session_key, timezone.now()) if self.session_key else None
        if session is None:
            self._session_key = None
        return session
