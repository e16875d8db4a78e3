"""What the application answers under the production settings: cookies, password hashes, and
addresses of stored documents and source files (ASVS V3.3, V5.3, V6.2, V13.4).

The production settings run in a fresh process (tests/security/production_probe.py) with an
empty data directory, migrated once for this module.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# What an attacker tries: the storage area by its configured and guessed addresses and by its
# place on disk, and source, settings and secrets by path, also through the static route.
STORAGE_ADDRESSES = [
    "/nicht-oeffentlich/{document}",
    "/media/{document}",
    "/documents/{document}",
    "/static/../documents/{document}",
    "/static/%2e%2e/documents/{document}",
    "{document_path}",
]
SOURCE_ADDRESSES = [
    "/src/haertefall/config/settings/base.py",
    "/haertefall/config/settings/base.py",
    "/config/settings/production.py",
    "/static/../settings",
    "/static/../config/settings/base.py",
    "/static/%2e%2e/.env",
    "/static/haertefall/config/settings/base.py",
    "/.env",
    "{data_dir}/.env",
    "/.git/config",
    "/pyproject.toml",
    "/haertefall.sqlite3",
    "/static/../haertefall.sqlite3",
]
CONTROL = "/static/probe.css"


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
           "DJANGO_SETTINGS_MODULE": "haertefall.config.settings.production",
           "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
           "HAERTEFALL_DATA_DIR": str(tmp_path_factory.mktemp("production"))}
    # The test run's own database must not leak into the production process.
    for name in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "tests" / "security" / "production_probe.py"),
         CONTROL, *STORAGE_ADDRESSES, *SOURCE_ADDRESSES],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def _statuses(production, address):
    """The answers to an outsider and to a colleague logged in with both factors."""
    return production["statuses"][address.format(**production["planted"])]


def test_production_stores_passwords_with_a_strong_salted_hash(production):
    """ASVS V6.2.x: the test settings use MD5 for speed; production must not."""
    assert production["hasher"] in {"argon2", "pbkdf2_sha256"}
    assert production["stored_password"] == production["hasher"]


def test_production_cookies_are_host_prefixed_secure_httponly_and_same_site(production):
    cookies = production["cookies"]
    assert set(cookies) == {"__Host-csrftoken", "__Host-sessionid"}, cookies
    for name, cookie in cookies.items():
        # __Host-: Secure, Path=/ and no Domain, or the browser refuses the cookie.
        assert cookie["secure"] and cookie["path"] == "/" and not cookie["domain"], cookie["header"]
        assert cookie["httponly"], cookie["header"]
        assert cookie["samesite"] == "Lax", cookie["header"]
        assert "; Secure" in cookie["header"] and "; HttpOnly" in cookie["header"], name


def test_stored_documents_are_not_served_by_their_address(production):
    assert _statuses(production, CONTROL) == [200, 200]  # the static route serves its own files
    for address in STORAGE_ADDRESSES:
        assert _statuses(production, address) == [404, 404], address


def test_source_files_settings_and_secrets_are_not_served(production):
    for address in SOURCE_ADDRESSES:
        assert _statuses(production, address) == [404, 404], address
