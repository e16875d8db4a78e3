"""One permission layer, no merge scaffolding: checked on the source (and on the benchmark
harness in bench/), and on what users see.

Every role decision lives in a part's ``access.py``: views, services, APIs, forms, selectors,
dashboards and the navigation call its predicates (``can_list_meetings(user)``,
``is_office(user)``) instead of comparing roles themselves. The navigation then shows exactly
the pages the user may open.
"""

import re
from pathlib import Path

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from haertefall.portal.context_processors import navigation

from .world import ROLES

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "haertefall"
BENCH = ROOT / "bench"

ROLE_DECISION = re.compile(
    r"""\.role\s*(==|!=|\bnot\s+in\b|\bin\b)   # user.role == …, user.role in …
      | (==|!=)\s*Role\.                      # … != Role.MEMBER
      | \bin\s+\w*_ROLES\b                    # … in OFFICE_ROLES
      | [{\[(]\s*Role\.[A-Z_]+\s*,            # a set, list or tuple of roles
      | \brole__in\s*=                        # a query by a set of roles
      | \brole\s*=\s*Role\.                   # a query by one role
      | \brole\s*(==|!=)\s*["']               # role == "member"
    """,
    re.VERBOSE,
)
SCAFFOLDING = re.compile(r"\bfind_spec\b|except\s*\(?\s*(ModuleNotFoundError|ImportError)\b")
NOT_MERGED = re.compile(r"not (merged|in this branch)", re.IGNORECASE)


def _hits(files, pattern) -> list[str]:
    hits = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            if pattern.search(code):
                hits.append(f"  {path.relative_to(ROOT)}:{number}: {line.strip()}")
    return hits


def _source_files():
    return sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.parts)


def test_role_decisions_only_in_access_modules():
    """``accounts/models.py`` defines the roles and role sets; every decision on them is made
    in an ``access.py``."""
    files = [p for p in _source_files()
             if p.name != "access.py" and p.relative_to(SRC).as_posix() != "accounts/models.py"]
    hits = _hits(files, ROLE_DECISION)
    assert not hits, "Role decisions outside access.py (move them into a predicate there):\n" + "\n".join(hits)


def _bench_files():
    return sorted(BENCH.rglob("*.py"))


def test_no_scaffolding_from_merging_branches():
    bench = _bench_files()
    assert bench, "bench/ not found"
    hits = _hits(_source_files() + bench, SCAFFOLDING)
    assert not hits, "Parts are imported, not looked up or skipped when missing:\n" + "\n".join(hits)


def test_no_test_waits_for_a_part_to_be_merged():
    tests = sorted(p for p in (ROOT / "tests").rglob("*.py") if p != Path(__file__).resolve())
    hits = _hits(tests + _bench_files(), NOT_MERGED)
    assert not hits, "Every part is there; tests and the bench must simply run:\n" + "\n".join(hits)


# What each role finds in the navigation.
NAVIGATION = {
    "office": ["Übersicht", "Fälle", "Neuer Antrag", "Kalender", "Sitzungen", "Statistik", "Register-Import", "Vorlagen"],
    "office_head": ["Übersicht", "Fälle", "Neuer Antrag", "Kalender", "Sitzungen", "Statistik", "Register-Import", "Vorlagen"],
    "member": ["Übersicht", "Fälle", "Sitzungen"],
    "authority": ["Übersicht", "Fälle", "Anfragen"],
    "ministry": ["Übersicht", "Beabsichtigte Entscheidungen", "Statistik"],
    "dpo": ["Übersicht", "Protokoll", "Löschfristen"],
    "admin": ["Übersicht", "Benutzer", "Löschfristen"],
    "anonymous": [],
}


def _nav_items(world, role):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser() if role == "anonymous" else world["users"][role]
    return navigation(request)["nav_items"]


@pytest.mark.parametrize("role", ROLES)
def test_navigation_shows_what_the_role_may_open(world, role):
    items = _nav_items(world, role)
    assert [item["label"] for item in items] == NAVIGATION[role]
    if role == "anonymous":
        return
    client = Client()
    client.force_login(world["users"][role])
    for item in items:
        assert client.get(item["url"]).status_code == 200, item["label"]


@pytest.mark.django_db
def test_no_navigation_before_the_second_factor(client, office_user, settings):
    settings.HAERTEFALL_REQUIRE_2FA = True
    client.force_login(office_user)  # password given, no token yet
    response = client.get(reverse("accounts:enrol"))
    assert response.status_code == 200
    assert response.context["nav_items"] == []
