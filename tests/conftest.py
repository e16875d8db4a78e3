import os

import pytest

from haertefall.accounts.models import Role

from .factories import UserFactory, authority

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM use.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def office_user(db):
    return UserFactory(username="sachbearbeitung", role=Role.OFFICE)


@pytest.fixture
def office_head(db):
    return UserFactory(username="leitung", role=Role.OFFICE_HEAD)


@pytest.fixture
def authority_user(db):
    return UserFactory(username="abh", role=Role.AUTHORITY, authority=authority())


@pytest.fixture
def member_user(db):
    return UserFactory(username="mitglied", role=Role.MEMBER)


@pytest.fixture
def ministry_user(db):
    return UserFactory(username="ministerium", role=Role.MINISTRY)


@pytest.fixture
def dpo_user(db):
    return UserFactory(username="datenschutz", role=Role.DPO)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", role=Role.ADMIN)


@pytest.fixture
def office_client(client, office_user):
    client.force_login(office_user)
    return client


# --- real browser ------------------------------------------------------------------------

BROWSER = os.environ.get("HAERTEFALL_BROWSER", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(BROWSER):
        pytest.skip(f"Browser tests skipped: {BROWSER} not found (install Debian's chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=BROWSER,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="de-DE")
    pg = context.new_page()
    yield pg
    context.close()


def pytest_collection_modifyitems(items):
    """Transactional tests (browser tests with live_server) end with a flush that would also
    empty what data migrations loaded (countries, authorities, exclusion grounds, decision
    rules, report chapters). Serialized rollback restores that content before each of them."""
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is None:
            continue
        if ("live_server" in names or "transactional_db" in names) and \
                "django_db_serialized_rollback" not in names:
            names.append("django_db_serialized_rollback")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Cached lookups (years and register options of the case list filter) never outlive a test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
