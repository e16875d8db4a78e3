"""Permission rows for the register API: reference data without personal data, readable by
every logged-in user; anonymous requests are refused."""

ALL_ROLES_OK = {"office": 200, "office_head": 200, "member": 200, "authority": 200,
                "ministry": 200, "dpo": 200, "admin": 200, "anonymous": 403}

def _country(world):
    from haertefall.cases.models import Case

    return {"pk": Case.objects.get(pk=world["case_a"]).country_id}


def _catalogue(world):
    from haertefall.registers.models import ExclusionCatalogue

    return {"pk": ExclusionCatalogue.objects.order_by("pk").values_list("pk", flat=True).first()}


# Fixture objects: the world's case A (its country) and authority A (a pk); the first
# exclusion catalogue (seeded by the registers migrations).
ROWS = [
    {"name": "registers-api:country-list", "kwargs": None, "method": "get", "expect": ALL_ROLES_OK},
    {"name": "registers-api:country-detail", "kwargs": _country,
     "method": "get", "expect": ALL_ROLES_OK},
    {"name": "registers-api:country-resolve", "kwargs": None, "data": {"text": "Türkei"},
     "method": "get", "expect": ALL_ROLES_OK},
    {"name": "registers-api:authority-list", "kwargs": None, "method": "get", "expect": ALL_ROLES_OK},
    {"name": "registers-api:authority-detail", "kwargs": lambda world: {"pk": world["authority_a"]},
     "method": "get", "expect": ALL_ROLES_OK},
    {"name": "registers-api:exclusion-catalogue-list", "kwargs": None, "method": "get",
     "expect": ALL_ROLES_OK},
    {"name": "registers-api:exclusion-catalogue-detail",
     "kwargs": _catalogue, "method": "get", "expect": ALL_ROLES_OK},
    {"name": "registers-api:api-root", "kwargs": None, "method": "get", "expect": ALL_ROLES_OK},
]
