"""Permission rows for login steps, own account pages and user administration.

kwargs use world["user_office"] (the account the administration edits).
"""

ALL = ("office", "office_head", "member", "authority", "ministry", "dpo", "admin")


def every(status, **overrides):
    return {**{role: status for role in ALL}, **overrides}


def _office(world):
    return {"pk": world["user_office"]}


ADMIN_ONLY_PAGE = every(403, admin=200, anonymous=302)
ADMIN_ONLY_OBJECT = every(404, admin=200, anonymous=302)
ADMIN_ONLY_POST = every(404, admin=302, anonymous=302)
ADMIN_ONLY_API = every(403, admin=200, anonymous=403)

ROWS = [
    {"name": "accounts:login", "kwargs": None, "method": "get", "expect": every(302, anonymous=200)},
    {"name": "accounts:logout", "kwargs": None, "method": "get", "expect": every(405, anonymous=405)},
    {"name": "accounts:logout", "kwargs": None, "method": "post", "expect": every(302, anonymous=302)},
    # Without two-factor login switched on (test settings) and without a device, the token
    # step forwards to the enrolment, which everyone logged in may use.
    {"name": "accounts:token", "kwargs": None, "method": "get", "expect": every(302, anonymous=302)},
    {"name": "accounts:enrol", "kwargs": None, "method": "get", "expect": every(200, anonymous=302)},
    {"name": "accounts:backup_codes", "kwargs": None, "method": "get", "expect": every(200, anonymous=302)},
    {"name": "accounts:password_change", "kwargs": None, "method": "get", "expect": every(200, anonymous=302)},
    {"name": "accounts:users", "kwargs": None, "method": "get", "expect": ADMIN_ONLY_PAGE},
    {"name": "accounts:user_create", "kwargs": None, "method": "get", "expect": ADMIN_ONLY_PAGE},
    {"name": "accounts:user_edit", "kwargs": _office, "method": "get", "expect": ADMIN_ONLY_OBJECT},
    {"name": "accounts:user_deactivate", "kwargs": _office, "method": "post", "expect": ADMIN_ONLY_POST},
    {"name": "accounts:user_deactivate", "kwargs": _office, "method": "get", "expect": every(405, anonymous=405)},
    {"name": "accounts:user_reactivate", "kwargs": _office, "method": "post", "expect": ADMIN_ONLY_POST},
    {"name": "accounts:user_reset_2fa", "kwargs": _office, "method": "post", "expect": ADMIN_ONLY_POST},
    {"name": "accounts-api:users-list", "kwargs": None, "method": "get", "expect": ADMIN_ONLY_API},
    {"name": "accounts-api:users-detail", "kwargs": _office, "method": "get", "expect": ADMIN_ONLY_API},
    {"name": "accounts-api:users-deactivate", "kwargs": _office, "method": "post", "expect": ADMIN_ONLY_API},
    # The account is active already: the administration gets the German refusal (400).
    {"name": "accounts-api:users-reactivate", "kwargs": _office, "method": "post",
     "expect": every(403, admin=400, anonymous=403)},
    {"name": "accounts-api:users-password", "kwargs": _office, "method": "post",
     "data": {"password": "ein langes neues passwort"}, "expect": ADMIN_ONLY_API},
    {"name": "accounts-api:users-reset-second-factor", "kwargs": _office, "method": "post",
     "expect": ADMIN_ONLY_API},
]
