"""Optional single sign-on via OpenID Connect (mozilla-django-oidc).

Enabled only when OIDC_RP_CLIENT_ID, OIDC_RP_CLIENT_SECRET and the provider's endpoints are
set in the environment; see docs/decisions/0062-oidc-sso.md. Users are never created by a
login: the administration creates them (with their role) and the provider's e-mail address
selects the account. The second factor of this system is still required after an OIDC
login (see the decision record).
"""

import os

_REQUIRED = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)

OIDC_ENABLED = all(os.environ.get(name) for name in _REQUIRED)

if OIDC_ENABLED:
    OIDC_RP_CLIENT_ID = os.environ["OIDC_RP_CLIENT_ID"]
    OIDC_RP_CLIENT_SECRET = os.environ["OIDC_RP_CLIENT_SECRET"]
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ["OIDC_OP_AUTHORIZATION_ENDPOINT"]
    OIDC_OP_TOKEN_ENDPOINT = os.environ["OIDC_OP_TOKEN_ENDPOINT"]
    OIDC_OP_USER_ENDPOINT = os.environ["OIDC_OP_USER_ENDPOINT"]
    OIDC_OP_JWKS_ENDPOINT = os.environ["OIDC_OP_JWKS_ENDPOINT"]
    OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("OIDC_OP_LOGOUT_ENDPOINT", "")
    OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
    OIDC_CREATE_USER = False
    OIDC_USE_PKCE = True
    OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_authentication_callback"
