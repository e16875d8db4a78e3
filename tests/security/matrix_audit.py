"""Permission rows for the audit trail: the data-protection officer only."""

ALL = ("office", "office_head", "member", "authority", "ministry", "dpo", "admin")
DPO_ONLY = {**{role: 403 for role in ALL}, "dpo": 200, "anonymous": 302}

ROWS = [
    {"name": "audit:search", "kwargs": None, "method": "get", "expect": DPO_ONLY},
    {"name": "audit:search", "kwargs": None, "method": "get", "data": {"person": "Aliu"}, "expect": DPO_ONLY},
    {"name": "audit:export_csv", "kwargs": None, "method": "get", "data": {"file_number": "X"}, "expect": DPO_ONLY},
    {"name": "audit:export_xlsx", "kwargs": None, "method": "get", "expect": DPO_ONLY},
]

ROWS += [
    {"name": "audit-api:entries-list", "kwargs": None, "method": "get", "data": {"person": "Aliu"},
     "expect": {**{role: 403 for role in ALL}, "dpo": 200, "anonymous": 403}},
]
