"""Settings for the test suite (SQLite by default, PostgreSQL when DATABASE_URL points there)."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
# Most tests log in with client.force_login and test their own pages; the two-factor flow has
# its own tests (tests/web/test_login_2fa.py), which switch this on.
HAERTEFALL_REQUIRE_2FA = False
# The test runner empties tables between transactional tests with DELETE on SQLite; the
# audit trigger lets that through only where this is set (see audit/migrations/0003).
HAERTEFALL_AUDIT_DELETE_ALLOWED = True

# The ministry is informed of intended decisions by e-mail (§ 7 Abs. 3 HFKVO): tests run with an
# address, as production must; the test of a missing address removes it.
HAERTEFALL_MINISTRY_EMAIL = "ministerium@example.invalid"
