"""The client's address, and a brake on failed logins from one address.

Behind the reverse proxy that ``docs/operations.md`` prescribes, every request comes from the
proxy's address; the client's is in ``X-Forwarded-For``. That header is believed only when
the request comes from a proxy named in ``HAERTEFALL_TRUSTED_PROXIES`` (anyone can send the
header). The audit trail and django-axes ask ``client_address``.
"""

import time

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str | None:
    """REMOTE_ADDR, or — when that is a trusted proxy — the nearest address in
    ``X-Forwarded-For`` that is not a trusted proxy itself."""
    remote = request.META.get("REMOTE_ADDR") or None
    trusted = set(settings.HAERTEFALL_TRUSTED_PROXIES)
    if remote is None or remote not in trusted:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for address in reversed(forwarded):
        if address not in trusted:
            return address[:45]
    return remote


def _key(address: str) -> str:
    return f"accounts:login-failures:{address}"


def login_failure_record(address: str | None) -> None:
    if address is None:
        return
    window = settings.HAERTEFALL_LOGIN_ADDRESS_WINDOW_SECONDS
    now = time.time()
    recent = [t for t in cache.get(_key(address), []) if now - t < window]
    recent.append(now)
    cache.set(_key(address), recent[-settings.HAERTEFALL_LOGIN_ADDRESS_BURST:], window)


def login_wait_seconds(address: str | None) -> int:
    """Seconds this address must wait before its next login attempt; 0 for most addresses.

    After ``HAERTEFALL_LOGIN_ADDRESS_BURST`` failures within the window, one attempt per
    ``HAERTEFALL_LOGIN_ADDRESS_INTERVAL_SECONDS``: guessing over many usernames slows to a
    trickle, while a colleague behind the same proxy waits a few seconds at most. Accounts
    themselves are locked by django-axes, per username, from any address."""
    if address is None:
        return 0
    window = settings.HAERTEFALL_LOGIN_ADDRESS_WINDOW_SECONDS
    now = time.time()
    recent = [t for t in cache.get(_key(address), []) if now - t < window]
    if len(recent) < settings.HAERTEFALL_LOGIN_ADDRESS_BURST:
        return 0
    wait = settings.HAERTEFALL_LOGIN_ADDRESS_INTERVAL_SECONDS - (now - recent[-1])
    return max(0, int(wait + 0.999))
