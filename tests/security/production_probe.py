"""Run under the production settings (tests/security/test_production_answers.py starts it in
a fresh process with an empty data directory) and print, as JSON, what a browser or an
attacker would see: the cookies, the hasher, and the status of addresses that must not serve.

Not a test module itself: the production settings cannot be loaded into the test process.
"""

import json
import sys
from pathlib import Path

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import get_hasher  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from haertefall.accounts.models import Role, User  # noqa: E402

PASSWORD = "ein langer satz als passwort"  # noqa: S105


def plant_files() -> dict[str, str]:
    """A stored document, a collected static file (the control), and files that must stay
    private next to them."""
    data_dir = Path(settings.DATA_DIR)
    document = Path(settings.MEDIA_ROOT) / "cases" / "2026" / "0f1e2d3c.pdf"
    document.parent.mkdir(parents=True, exist_ok=True)
    document.write_bytes(b"%PDF-1.4\n%%EOF\n")
    static = Path(settings.STATIC_ROOT) / "probe.css"
    static.parent.mkdir(parents=True, exist_ok=True)
    static.write_text("body{}")
    (data_dir / ".env").write_text("DJANGO_SECRET_KEY=geheim\n")
    return {"document": document.relative_to(settings.MEDIA_ROOT).as_posix(),
            "document_path": document.as_posix(), "data_dir": data_dir.as_posix()}


def main(paths: list[str]) -> None:
    setup_test_environment()  # "testserver" becomes an allowed host, nothing else changes
    call_command("migrate", verbosity=0)
    user = User.objects.create_user(username="sachbearbeitung", password=PASSWORD, role=Role.OFFICE)
    planted = plant_files()

    client = Client(HTTP_X_FORWARDED_PROTO="https")
    login = client.get(reverse("accounts:login"), secure=True)
    password_step = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD},
                                secure=True)
    cookies = {name: {"header": morsel.OutputString(), "secure": bool(morsel["secure"]),
                      "httponly": bool(morsel["httponly"]), "samesite": morsel["samesite"],
                      "path": morsel["path"], "domain": morsel["domain"]}
               for response in (login, password_step) for name, morsel in response.cookies.items()}

    # The addresses are tried by an outsider and by a colleague fully logged in (both factors).
    outsider = Client(HTTP_X_FORWARDED_PROTO="https")
    colleague = Client(HTTP_X_FORWARDED_PROTO="https")
    colleague.force_login(user)
    session = colleague.session
    session["otp_device_id"] = TOTPDevice.objects.create(user=user, name="App", confirmed=True).persistent_id
    session.save()
    assert colleague.get(reverse("accounts:password_change"), secure=True).status_code == 200
    statuses = {}
    for path in paths:
        path = path.format(**planted)
        statuses[path] = [c.get(path, secure=True).status_code for c in (outsider, colleague)]
    print(json.dumps({
        "hasher": get_hasher().algorithm,
        "stored_password": user.password.split("$", 1)[0],
        "cookies": cookies,
        "statuses": statuses,
        "planted": planted,
    }))


if __name__ == "__main__":
    main(sys.argv[1:])
