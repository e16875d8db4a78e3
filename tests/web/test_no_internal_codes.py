"""No internal codes where a person reads (issue 16): the main pages as each role, the audit
trail and its exports show German labels, never ``hardship_request``, ``office_head``,
``cases.case #12`` or a choice's stored value."""

import csv
import io
import re

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from haertefall.cases.states import Closure, ClosureReason, State, Step
from tests.security.world import build_world


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "documents"
    return build_world()


def _codes() -> set[str]:
    """Every stored value of a choice field of the project and every model label."""
    codes = {"cases.case", "document_added", "hardship_request", "granted", "office_head"}
    for enum in (State, Closure, ClosureReason, Step):
        codes.update(enum.values)
    for model in apps.get_models():
        if not model.__module__.startswith("haertefall."):
            continue
        codes.add(f"{model._meta.app_label}.{model._meta.model_name}")
        for field in model._meta.get_fields():
            if isinstance(field, models.Field) and field.choices:
                codes.update(str(value) for value, _label in field.flatchoices if isinstance(value, str))
    # Short lowercase words that are also German or technical words stay out ("de", "pdf").
    return {c for c in codes if len(c) >= 5 and re.fullmatch(r"[a-z][a-z0-9_.]+", c)}


def visible_text(html: str) -> str:
    """What a person reads: text between tags, no attributes, scripts or styles."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def _found(text: str, codes: set[str]) -> list[str]:
    return sorted(c for c in codes if re.search(rf"(?<![\w.-]){re.escape(c)}(?![\w-])", text))


PAGES = {
    "office": ["portal:home", "cases:list", ("cases:detail", "case_a"), "meetings:list",
               ("meetings:detail", "meeting_1"), "imports:upload", "statistics:report"],
    "office_head": ["portal:home", ("cases:detail", "case_b")],
    "authority": ["portal:home", "authorities:inbox", "cases:list", ("authorities:case", "case_a")],
    "member": ["portal:home", ("meetings:detail", "meeting_1"), ("cases:detail", "case_a")],
    "ministry": ["portal:home", "authorities:ministry"],
    "admin": ["portal:home", "accounts:users"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(PAGES))
def test_the_main_pages_show_no_internal_codes(world, client, role):
    client.force_login(world["users"][role])
    codes = _codes()
    for page in PAGES[role]:
        name, key = (page, None) if isinstance(page, str) else page
        url = reverse(name, args=[world[key]] if key else None)
        response = client.get(url)
        assert response.status_code == 200, url
        assert _found(visible_text(response.content.decode()), codes) == [], url


@pytest.mark.django_db
def test_the_audit_trail_and_its_exports_name_objects_and_roles_in_german(world, client):
    office = client
    office.force_login(world["users"]["office"])
    office.get(reverse("cases:detail", args=[world["case_a"]]))
    file_number = apps.get_model("cases", "Case").objects.get(pk=world["case_a"]).file_number
    client.force_login(world["users"]["dpo"])
    query = {"file_number": file_number}
    page = client.get(reverse("audit:search"), query).content.decode()
    text = visible_text(page)
    assert f"Fall {file_number}" in text and "Sachbearbeitung Geschäftsstelle" in text
    assert _found(text, _codes()) == []
    rows = list(csv.reader(io.StringIO(client.get(reverse("audit:export_csv"), query).content.decode("utf-8-sig")),
                           delimiter=";"))
    assert rows[0][4] == "Objekt"
    assert any(row[2] == "Sachbearbeitung Geschäftsstelle" and row[4] == "Fall" for row in rows[1:])
    assert _found(" ".join(" ".join(row) for row in rows), _codes()) == []
    entry = client.get("/api/audit/entries/", query).json()
    results = entry["results"] if isinstance(entry, dict) else entry
    assert any(e["object_label"] == f"Fall {file_number}" and e["role_label"] == "Sachbearbeitung Geschäftsstelle"
               for e in results)


def test_every_page_like_audit_object_has_a_german_name():
    """Entries about pages and reports (no database row) are named too."""
    from pathlib import Path

    from haertefall.audit.presenters import PAGES as AUDIT_PAGES
    from haertefall.audit.presenters import object_type_label

    source = Path(__file__).resolve().parents[2] / "src" / "haertefall"
    used = {m for path in source.rglob("*.py") for m in re.findall(r'object_type="([a-z_]+\.[a-z_]+)"', path.read_text())}
    models_ = {f"{m._meta.app_label}.{m._meta.model_name}" for m in apps.get_models()}
    assert used - models_ <= set(AUDIT_PAGES), used - models_ - set(AUDIT_PAGES)
    assert all(object_type_label(name) != name for name in AUDIT_PAGES)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "html"])
def test_the_statistics_downloads_show_no_internal_codes(world, client, fmt):
    from django.utils import timezone

    client.force_login(world["users"]["office"])
    today = timezone.localdate()
    response = client.get("/statistik/download/", {"as_of": today.isoformat(), "year_from": today.year - 1,
                                                   "year_to": today.year - 1, "format": fmt})
    assert response.status_code == 200
    assert "statistik-" in response["Content-Disposition"]
    assert _found(visible_text(response.content.decode("utf-8-sig")), _codes()) == []
