"""Permission rows for the register API: reference data without personal data, readable by
every logged-in user; anonymous requests are refused."""

ALL_ROLES_OK = {"office": 200, "office_head": 200, "member": 200, "authority": 200,
                "ministry": 200, "dpo": 200, "admin": 200, "anonymous": 403}

ROWS = [
    {"name": "registers-api:country-list", "kwargs": None, "method": "get", "expect": ALL_ROLES_OK},
    {"name": "registers-api:country-detail", "kwargs": lambda world: {"pk": world["country"].pk},
     "method": "get", "expect": ALL_ROLES_OK},
    {"name": "registers-api:country-resolve", "kwargs": None, "query": {"text": "Türkei"},
     "method": "get", "expect": ALL_ROLES_OK},
    {"name": "registers-api:authority-list", "kwargs": None, "method": "get", "expect": ALL_ROLES_OK},
    {"name": "registers-api:authority-detail", "kwargs": lambda world: {"pk": world["authority_a"].pk},
     "method": "get", "expect": ALL_ROLES_OK},
    {"name": "registers-api:exclusion-catalogue-list", "kwargs": None, "method": "get",
     "expect": ALL_ROLES_OK},
    {"name": "registers-api:exclusion-catalogue-detail",
     "kwargs": lambda world: {"pk": world["catalogue"].pk}, "method": "get", "expect": ALL_ROLES_OK},
    {"name": "registers-api:api-root", "kwargs": None, "method": "get", "expect": ALL_ROLES_OK},
]
