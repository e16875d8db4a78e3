"""Logged-in, 2FA-verified sessions for the load test, created programmatically.

Run in a child process with the benchmark's environment: ``python -m bench.session N [FLOOR]``.
Creates (or reuses) the office user ``bench-office`` with a confirmed TOTP device and N
sessions as django.contrib.auth and django_otp write them at a verified login, so the pages
see a verified office user whether or not HAERTEFALL_REQUIRE_2FA is on. Prints JSON: cookie
name, session keys, and the URLs to load (the framework floor page named FLOOR, the case list
with a filter and a name search, case detail pages of randomly chosen cases).
"""

from __future__ import annotations

import json
import random
import sys

USERNAME = "bench-office"


def prepare(count: int, *, samples: int = 200, seed: int = 0,
            floor_page: str = "accounts:backup_codes") -> dict:
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
    from django.db.models import Count, Max, Min
    from django.urls import reverse
    from django.utils.http import urlencode
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from haertefall.accounts.models import Role, User
    from haertefall.cases.models import Case, Person

    user, _ = User.objects.get_or_create(
        username=USERNAME, defaults={"role": Role.OFFICE, "first_name": "Bench", "last_name": "Office"}
    )
    # Whatever store the settings choose, as django.contrib.sessions' middleware does.
    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore  # noqa: N806
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="bench", confirmed=True
    )
    # The backend a password login records: the first configured one that knows the user
    # (django-axes' backend only guards authenticate() and has no get_user).
    backend = next(path for path in settings.AUTHENTICATION_BACKENDS
                   if getattr(load_backend(path), "get_user", lambda pk: None)(user.pk) is not None)
    keys = []
    for _ in range(count):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = backend
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
        store.create()
        keys.append(store.session_key)

    rng = random.Random(seed)
    bounds = Case.objects.aggregate(lo=Min("pk"), hi=Max("pk"))
    ids: list[int] = []
    if bounds["lo"] is not None:
        wanted = [rng.randint(bounds["lo"], bounds["hi"]) for _ in range(samples * 2)]
        ids = list(Case.objects.filter(pk__in=wanted).values_list("pk", flat=True))[:samples]
    detail_urls = [reverse("cases:detail", kwargs={"pk": pk}) for pk in sorted(ids)]

    top_state = (Case.objects.exclude(state="closed").values("state").annotate(n=Count("pk"))
                 .order_by("-n").first())
    # The most frequent open state, and the family name of a person in it: the search
    # finds that case and the others sharing the name (see seed.FAMILY).
    state = top_state["state"] if top_state else "received"
    name = (Person.objects.filter(case__state=state).exclude(family_name="")
            .order_by("case_id").values_list("family_name", flat=True).first())
    filters = {"state": state,
               "q": name or (Case.objects.values_list("file_number", flat=True).first() or "")[:8]}
    return {
        "cookie": settings.SESSION_COOKIE_NAME,
        "sessions": keys,
        "floor_url": reverse(floor_page),
        "list_url": f"{reverse('cases:list')}?{urlencode(filters)}",
        "list_filters": filters,
        "detail_urls": detail_urls,
        "cases": Case.objects.count(),
    }


def main() -> int:
    import django

    django.setup()
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    floor = {"floor_page": sys.argv[2]} if len(sys.argv) > 2 else {}
    print(json.dumps(prepare(count, **floor)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
