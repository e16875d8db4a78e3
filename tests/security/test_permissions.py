"""THE permission test: every URL of the project × every role gives the expected status.

Rows come from every ``tests/security/matrix_*.py`` (a list ``ROWS`` of dicts):
    {"name": "namespace:url-name",
     "kwargs": callable(world) -> dict, or None,
     "method": "get" | "post" | "put" | "patch" | "delete",
     "data": dict or callable(world) -> dict   (optional; query for GET, body otherwise),
     "expect": {role: status or (status, status, ...) for every role in world.ROLES}}
A URL name without a row fails ``test_every_url_has_a_matrix_row``. Each request runs in a
savepoint that is rolled back, so a POST for one role does not change the next role's world.
"""

import importlib
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .world import ROLES

HERE = Path(__file__).parent

# URL names deliberately without a row (none so far: admin and static files are not routed).
EXCLUDED: set[str] = set()


def matrix_rows() -> list[tuple[str, int, dict]]:
    rows = []
    for path in sorted(HERE.glob("matrix_*.py")):
        module = importlib.import_module(f"tests.security.{path.stem}")
        for index, row in enumerate(module.ROWS):
            rows.append((path.name, index, row))
    return rows


def url_names(patterns=None, namespace="") -> dict[str, str]:
    """Every named URL of the project (namespaced), walking include() recursively."""
    found: dict[str, str] = {}
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found.update(url_names(pattern.url_patterns, ns))
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed {pattern.pattern}>"
            found[name] = str(pattern.pattern)
    return found


def matrix_file_for(name: str) -> str:
    if ":" not in name:
        return "matrix_portal.py"
    namespace = name.split(":", 1)[0].removesuffix("-api").removesuffix("_api")
    return f"matrix_{namespace}.py"


def test_every_url_has_a_matrix_row():
    covered = {row["name"] for _file, _i, row in matrix_rows()}
    missing = sorted(set(url_names()) - covered - EXCLUDED)
    message = "\n".join(
        f"  {name}: add a row to tests/security/{matrix_file_for(name)} (format: see test_permissions.py)"
        for name in missing
    )
    assert not missing, f"URLs without a permission-matrix row:\n{message}"


def test_rows_name_existing_urls_and_every_role():
    names = set(url_names())
    problems = []
    for file, index, row in matrix_rows():
        if row["name"] not in names:
            problems.append(f"{file} row {index}: no URL named {row['name']!r}")
        missing_roles = set(ROLES) - set(row["expect"])
        if missing_roles:
            problems.append(f"{file} row {index} ({row['name']}): no expectation for {sorted(missing_roles)}")
    assert not problems, "\n".join(problems)


def _row_url(row: dict, world: dict) -> str:
    # Called once per row, outside the per-role savepoints: objects a kwargs callable creates
    # (and caches in the world) must survive the rollback after the first role's request.
    kwargs = row["kwargs"](world) if row.get("kwargs") else {}
    return reverse(row["name"], kwargs=kwargs)


def _request(row: dict, world: dict, role: str, url: str):
    data = row.get("data") or {}
    if callable(data):
        data = data(world)
    method = row.get("method", "get").lower()
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    if method == "get":
        return url, client.get(url, data)
    if url.startswith("/api/"):
        return url, getattr(client, method)(url, data, content_type="application/json")
    if method == "post":
        return url, client.post(url, data)  # pages take form posts
    return url, getattr(client, method)(url)


@pytest.mark.parametrize(
    "file, index, row", [pytest.param(*r, id=f"{r[2]['name']}#{r[0]}:{r[1]}") for r in matrix_rows()]
)
def test_matrix(world, file, index, row):
    failures = []
    row_url = _row_url(row, world)
    for role in ROLES:
        expected = row["expect"][role]
        allowed = set(expected) if isinstance(expected, (tuple, list, set, frozenset)) else {expected}
        with transaction.atomic():
            try:
                url, response = _request(row, world, role, row_url)
                status = response.status_code
            except Exception as exc:  # noqa: BLE001 — reported with the role below
                url, status = row["name"], f"{type(exc).__name__}: {exc}"
            transaction.set_rollback(True)
        if status not in allowed:
            failures.append(f"  {role:<12} {row.get('method', 'get').upper()} {url}: got {status}, "
                            f"expected {' or '.join(map(str, sorted(allowed)))}")
    assert not failures, f"{file} row {index} ({row['name']}):\n" + "\n".join(failures)


# Views a logged-in user may reach before giving the second factor.
UNVERIFIED_OK = {"accounts:login", "accounts:logout", "accounts:token", "accounts:enrol"}


def test_no_page_or_api_without_second_factor(world, settings):
    """With two-factor login on, a session that has only the password reaches no page."""
    settings.HAERTEFALL_REQUIRE_2FA = True
    client = Client()
    client.force_login(world["users"]["office_head"])
    leaks = []
    for _file, _i, row in matrix_rows():
        if row["name"] in UNVERIFIED_OK or row.get("method", "get") != "get":
            continue
        with transaction.atomic():
            try:
                url = _row_url(row, world)
                response = client.get(url)
            except Exception as exc:  # noqa: BLE001
                leaks.append(f"{row['name']}: {type(exc).__name__}: {exc}")
                continue
            finally:
                transaction.set_rollback(True)
        if url.startswith("/api/"):
            ok = response.status_code == 403
        else:
            ok = response.status_code == 302 and response.url.startswith(reverse("accounts:enrol"))
        if not ok:
            leaks.append(f"{row['name']} {url}: {response.status_code}")
    assert not leaks, "Reachable without second factor:\n" + "\n".join(leaks)
