"""Permission rows for the start page and the API schema/docs (no fixture objects needed)."""

LOGGED_IN_200 = {"office": 200, "office_head": 200, "member": 200, "authority": 200, "ministry": 200,
                 "dpo": 200, "admin": 200}

ROWS = [
    {"name": "portal:home", "kwargs": None, "method": "get", "expect": {**LOGGED_IN_200, "anonymous": 302}},
    # The schema documents the API, not data; every verified user may read it.
    {"name": "api-schema", "kwargs": None, "method": "get", "expect": {**LOGGED_IN_200, "anonymous": 403}},
    {"name": "api-docs", "kwargs": None, "method": "get", "expect": {**LOGGED_IN_200, "anonymous": 403}},
]
