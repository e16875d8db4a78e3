"""Development / demo settings: `make run`.

DEBUG is off unless HAERTEFALL_DEBUG=1: the demo shows the pages a user sees, the German error
pages included (Django's developer pages for 404 and 500 are English and reveal internals).
WhiteNoise serves the collected static files either way (``make run`` collects them).
"""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("HAERTEFALL_DEBUG", "0") == "1"
# Demo helpers such as ``haertefall totp-code`` work here, never in production.
HAERTEFALL_DEMO_TOOLS = True
