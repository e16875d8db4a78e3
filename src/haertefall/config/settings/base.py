"""Settings shared by every environment.

The database comes from DATABASE_URL (SQLite in the working directory when unset), so the web
app and the ``haertefall`` command line always talk to the same database.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

PACKAGE_DIR = Path(__file__).resolve().parents[2]
# Runtime data (SQLite database, uploaded documents) lives in the working directory unless
# HAERTEFALL_DATA_DIR says otherwise, so a clone is self-contained.
DATA_DIR = Path(os.environ.get("HAERTEFALL_DATA_DIR", Path.cwd() / "var")).resolve()

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "haertefall.core",
    "haertefall.portal",
    "haertefall.accounts",
    "haertefall.audit",
    "haertefall.registers",
    "haertefall.cases",
    "haertefall.meetings",
    "haertefall.authorities",
    "haertefall.correspondence",
    "haertefall.imports",
    "haertefall.statistics",
    "haertefall.retention",
    "haertefall.worklist",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early, so that redirects and answers of later middleware carry the policy too.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "haertefall.accounts.middleware.SessionPolicyMiddleware",
    "haertefall.accounts.middleware.VerifiedUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "haertefall.portal.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Django's renderer with the KERN field template ({{ field.as_field_group }}, {{ form }}).
FORM_RENDERER = "haertefall.portal.forms.KernFormRenderer"

ROOT_URLCONF = "haertefall.config.urls"
WSGI_APPLICATION = "haertefall.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "haertefall.portal.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'haertefall.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        # A kept connection is checked before each request reuses it (a restarted database
        # server then costs one reconnect, not an error page).
        conn_health_checks=True,
    )
}
# A cache shared by all server processes (Redis): the brake on failed logins per address counts
# across gunicorn workers only with it. Without it each process keeps its own (local memory).
if os.environ.get("HAERTEFALL_CACHE_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": os.environ["HAERTEFALL_CACHE_URL"]}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's own SQLite options: WAL lets the web app read while an import writes;
    # IMMEDIATE takes the write lock at BEGIN, so a transaction never fails half-way on a lock
    # upgrade; a writer waits up to 20 s for another; FULL syncs every commit to disk.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
    })

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # ASVS 5.0 V6.2: at least 12 characters, no composition rules, no forced rotation; long
    # passphrases up to 128 characters are allowed (V6.2.9).
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "haertefall.accounts.passwords.MaximumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Documents are private: stored outside any URL space and served only through views that
# check access (see cases.views.document_download). There is deliberately no MEDIA_URL route.
MEDIA_ROOT = DATA_DIR / "documents"
MEDIA_URL = "/nicht-oeffentlich/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
HAERTEFALL_MAX_UPLOAD_BYTES = int(os.environ.get("HAERTEFALL_MAX_UPLOAD_BYTES", 25 * 1024 * 1024))

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "accounts:login"

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Idle and absolute timeouts (ASVS V7.3), enforced by accounts.middleware.SessionPolicyMiddleware.
HAERTEFALL_SESSION_IDLE_SECONDS = int(os.environ.get("HAERTEFALL_SESSION_IDLE_SECONDS", 30 * 60))
HAERTEFALL_SESSION_ABSOLUTE_SECONDS = int(
    os.environ.get("HAERTEFALL_SESSION_ABSOLUTE_SECONDS", 10 * 60 * 60)
)
SESSION_COOKIE_AGE = HAERTEFALL_SESSION_ABSOLUTE_SECONDS
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy, set by django-csp's CSPMiddleware (decision 0095): our own files
# only, no inline script or style, no framing, no plugins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "style-src": [SELF],
        "script-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        # No page uses <base>; 'none' keeps injected markup from redirecting relative links.
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# Two-factor login (ASVS V6.3 / BSI ORP.4): every role needs a TOTP token or a backup code
# after the password. Production always enforces it (see production.py).
HAERTEFALL_REQUIRE_2FA = os.environ.get("HAERTEFALL_REQUIRE_2FA", "1") == "1"
# PostgreSQL: psycopg sends the values apart from the statement (Django's documented
# ``server_side_binding`` option); nothing is prepared on the server, so a transaction-pooling
# proxy is no problem. HAERTEFALL_PG_SERVER_BINDING=0 binds on the client instead.
if (DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
        and os.environ.get("HAERTEFALL_PG_SERVER_BINDING", "1") == "1"):
    DATABASES["default"].setdefault("OPTIONS", {}).update({"server_side_binding": True})
OTP_TOTP_ISSUER = "Härtefallkommission"
OTP_TOTP_THROTTLE_FACTOR = 1
HAERTEFALL_BACKUP_CODES = 10
# Only the test settings allow the test runner to empty the audit table (never in production).
HAERTEFALL_AUDIT_DELETE_ALLOWED = False
# Demo helpers (``haertefall totp-code``) only where the demo settings switch them on.
HAERTEFALL_DEMO_TOOLS = False

# Lockout after repeated failures (django-axes); the same message for unknown users, and a
# wrong second-factor token counts as a failure too (accounts.views.TokenView); see
# docs/decisions/0061-login-lockout.md.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
# Per account, from any address (ASVS V6.3.1): behind the office's proxy all users share one
# address, so locking addresses would lock everyone out. Failures per address are braked
# instead (accounts/addresses.py), without locking anyone out.
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 advises locking addresses too; that is the lockout of everyone behind the proxy
# that issue 17 found. Addresses are braked by accounts/addresses.py instead.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_CLIENT_IP_CALLABLE = "haertefall.accounts.addresses.client_address"
HAERTEFALL_LOGIN_ADDRESS_BURST = int(os.environ.get("HAERTEFALL_LOGIN_ADDRESS_BURST", 20))
HAERTEFALL_LOGIN_ADDRESS_WINDOW_SECONDS = 15 * 60
HAERTEFALL_LOGIN_ADDRESS_INTERVAL_SECONDS = 5
# Reverse proxies whose X-Forwarded-For names the client (comma-separated addresses).
HAERTEFALL_TRUSTED_PROXIES = [a for a in os.environ.get("HAERTEFALL_TRUSTED_PROXIES", "").split(",") if a]
# Reset only after the second factor succeeded (accounts.views), not after the password:
# otherwise the known password would reset the counter for guessing tokens.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["haertefall.core.api.IsVerifiedUser"],
    "DEFAULT_SCHEMA_CLASS": "haertefall.core.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "haertefall.core.api.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "haertefall.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    # Ids in paths (config/converters.py): integers of at most 18 digits.
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 0, "maximum": 10**18 - 1}},
    "TITLE": "haertefall API",
    "DESCRIPTION": "REST-Schnittstelle der Härtefallkommission: Fälle, Personen, Dokumente, Verfahrensschritte.",
    "VERSION": "0.1.0",
    "SERVE_PERMISSIONS": ["haertefall.core.api.IsVerifiedUser"],
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from our own static files: no CDN, no inline script (CSP script-src 'self').
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Used by the file backend, which ``make run`` sets while it creates the demo data, so the
# demo's e-mails land in files instead of on the console.
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "geschaeftsstelle@haertefall.invalid")

# Land-specific configuration: which rules (file-number format, statement period, decision
# rules, exclusion catalogue) apply. See docs/decisions/0004-land-configuration.md.
HAERTEFALL_LAND = os.environ.get("HAERTEFALL_LAND", "NW")
HAERTEFALL_FILE_NUMBER_FORMAT = os.environ.get("HAERTEFALL_FILE_NUMBER_FORMAT", "HFK-{year}-{seq:04d}")
HAERTEFALL_MEMBER_ACCESS_DAYS_AFTER = int(os.environ.get("HAERTEFALL_MEMBER_ACCESS_DAYS_AFTER", 14))

# Optional single sign-on with OpenID Connect, only when OIDC_* variables are set.
from .oidc import *  # noqa: E402, F403

if OIDC_ENABLED:  # noqa: F405
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("haertefall.accounts.oidc.OIDCBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Authorities and correspondence (see docs/decisions/0050-0053).
HAERTEFALL_STATEMENT_PERIOD_WEEKS = int(os.environ.get("HAERTEFALL_STATEMENT_PERIOD_WEEKS", 4))
HAERTEFALL_REMINDER_DAYS_BEFORE = int(os.environ.get("HAERTEFALL_REMINDER_DAYS_BEFORE", 7))
HAERTEFALL_REMINDER_REPEAT_DAYS = int(os.environ.get("HAERTEFALL_REMINDER_REPEAT_DAYS", 7))
HAERTEFALL_REQUEST_UNANSWERED_MONTHS = int(os.environ.get("HAERTEFALL_REQUEST_UNANSWERED_MONTHS", 3))
HAERTEFALL_NOT_FOLLOW_WAITING_DAYS = int(os.environ.get("HAERTEFALL_NOT_FOLLOW_WAITING_DAYS", 0))
# The address the app is served under; links in e-mails start with it (docs/operations.md).
HAERTEFALL_SITE_URL = os.environ.get("HAERTEFALL_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The first year of receipt the commission can have (NRW: founded 2005, § 9 HFKVO). The
# statistics refuse earlier years; the register import warns about receipts before it.
HAERTEFALL_COMMISSION_START_YEAR = int(os.environ.get("HAERTEFALL_COMMISSION_START_YEAR", 2005))
HAERTEFALL_OFFICE_NAME = os.environ.get(
    "HAERTEFALL_OFFICE_NAME", "Geschäftsstelle der Härtefallkommission Nordrhein-Westfalen"
)
HAERTEFALL_OFFICE_EMAIL = os.environ.get("HAERTEFALL_OFFICE_EMAIL", DEFAULT_FROM_EMAIL)
HAERTEFALL_MINISTRY_NAME = os.environ.get(
    "HAERTEFALL_MINISTRY_NAME", "Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration NRW"
)
HAERTEFALL_MINISTRY_EMAIL = os.environ.get("HAERTEFALL_MINISTRY_EMAIL", "")
# Postal addresses for letters until the office head sets the letterhead on its page
# (decision 0110); the ministry's is the address field of letters to it.
HAERTEFALL_OFFICE_ADDRESS = os.environ.get("HAERTEFALL_OFFICE_ADDRESS", "Haroldstraße 4\n40213 Düsseldorf")
HAERTEFALL_OFFICE_RETURN_LINE = os.environ.get(
    "HAERTEFALL_OFFICE_RETURN_LINE", "Härtefallkommission NRW · Haroldstraße 4 · 40213 Düsseldorf")
HAERTEFALL_MINISTRY_ADDRESS = os.environ.get("HAERTEFALL_MINISTRY_ADDRESS", "Haroldstraße 4\n40213 Düsseldorf")
# LibreOffice converts a sent letter's DOCX to its PDF/A (decision 0110); empty: found on PATH.
HAERTEFALL_SOFFICE = os.environ.get("HAERTEFALL_SOFFICE", "")
HAERTEFALL_SOFFICE_TIMEOUT = int(os.environ.get("HAERTEFALL_SOFFICE_TIMEOUT", 120))
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update({
    "OutcomeKindEnum": "haertefall.authorities.models.Outcome.Kind",
    "ReminderKindEnum": "haertefall.authorities.models.Reminder.Kind",
    "LetterKindEnum": "haertefall.correspondence.models.LetterKind",
    # Several models have a ``Kind``; name each enum after its model (docs/decisions/0080).
    "MeetingKindEnum": "haertefall.meetings.models.Meeting.Kind",
    "MembershipKindEnum": "haertefall.meetings.models.Membership.Kind",
    "PersonNameKindEnum": "haertefall.cases.models.PersonName.Kind",
    "ExclusionGroundKindEnum": "haertefall.registers.models.ExclusionGround.Kind",
    "OtherClosureReasonEnum": "haertefall.cases.steps.OTHER_REASON_CHOICES",
    "ClosureReasonEnum": "haertefall.cases.states.ClosureReason",
    "MinistryNoticeChannelEnum": "haertefall.authorities.api.OTHERWISE_CHANNELS",
    "LetterChannelEnum": "haertefall.correspondence.models.Channel",
})
