"""`make run` prints the logins and the address the app is served under, nothing else (issue 16)."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from haertefall.portal.demo import DEMO_USERS

pytestmark = pytest.mark.django_db


def test_demo_logins_print_the_logins_at_the_configured_address(settings, capsys):
    settings.HAERTEFALL_SITE_URL = "http://127.0.0.1:8001"
    call_command("demo_logins")
    out = capsys.readouterr().out
    assert "Demo-Zugänge für http://127.0.0.1:8001" in out
    assert all(username in out for username, *_rest in DEMO_USERS)
    assert "@" not in out  # no e-mail addresses, no e-mails
    assert len([line for line in out.splitlines() if line.strip()]) <= len(DEMO_USERS) + 5


def test_make_run_takes_the_port_and_keeps_the_demo_mails_off_the_console():
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "runserver 127.0.0.1:$(PORT)" in run
    assert re.search(r"EMAIL_BACKEND=django\.core\.mail\.backends\.filebased\.EmailBackend \S+ demo-data", run)
    assert "export HAERTEFALL_SITE_URL ?= http://127.0.0.1:$(PORT)" in makefile
