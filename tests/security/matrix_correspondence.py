"""Permission rows for the correspondence part (letter templates, letters).

Fixture objects: a hardship-request letter on case_a (authority A: the "authority" role may
download it) or on case_b, generated with the real service inside the kwargs callable.
"""

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.correspondence.services import letter_generate


def letter(world, key="case_a", kind="hardship_request"):
    return letter_generate(case=Case.objects.get(pk=world[key]), kind=kind,
                           actor=User.objects.get(pk=world["user_office"]))


NOBODY_ELSE = {"member": 404, "ministry": 404, "dpo": 404, "admin": 404}
OFFICE_ONLY = {"office": 200, "office_head": 200, "authority": 404, **NOBODY_ELSE, "anonymous": 302}
API_NOBODY_ELSE = {"member": 404, "ministry": 404, "dpo": 404, "admin": 404, "anonymous": 403}


def api(office, authority):
    return {"office": office, "office_head": office, "authority": authority, **API_NOBODY_ELSE}


ROWS = [
    {"name": "correspondence:templates", "kwargs": None, "method": "get", "expect": OFFICE_ONLY},
    {"name": "correspondence:template_upload", "kwargs": lambda w: {"kind": "reminder"}, "method": "get",
     "expect": OFFICE_ONLY},
    {"name": "correspondence:template_download", "kwargs": lambda w: {"kind": "reminder"}, "method": "get",
     "expect": OFFICE_ONLY},
    {"name": "correspondence:template_reset", "kwargs": lambda w: {"kind": "reminder"}, "method": "post",
     "expect": {**OFFICE_ONLY, "office": 302, "office_head": 302}},
    {"name": "correspondence:case_letters", "kwargs": lambda w: {"case_id": w["case_a"]}, "method": "get",
     "expect": OFFICE_ONLY},
    {"name": "correspondence:letter_create", "kwargs": lambda w: {"case_id": w["case_a"], "kind": "acknowledgement"},
     "method": "get", "expect": OFFICE_ONLY},
    {"name": "correspondence:letter_download", "kwargs": lambda w: {"pk": letter(w).pk, "fmt": "pdf"},
     "method": "get", "expect": {**OFFICE_ONLY, "authority": 200}},
    {"name": "correspondence:letter_download", "kwargs": lambda w: {"pk": letter(w, "case_b").pk, "fmt": "docx"},
     "method": "get", "expect": OFFICE_ONLY},
    {"name": "correspondence:letter_download",
     "kwargs": lambda w: {"pk": letter(w, kind="acknowledgement").pk, "fmt": "docx"},
     "method": "get", "expect": OFFICE_ONLY},
    {"name": "correspondence-api:letter-list", "kwargs": None, "method": "get", "expect": api(200, 200)},
    {"name": "correspondence-api:letter-list", "kwargs": None, "method": "post", "expect": api(400, 404)},
    {"name": "correspondence-api:letter-download", "kwargs": lambda w: {"pk": letter(w).pk}, "method": "get",
     "expect": api(200, 200)},
    {"name": "correspondence-api:letter-download", "kwargs": lambda w: {"pk": letter(w, "case_b").pk},
     "method": "get", "expect": api(200, 404)},
    {"name": "correspondence-api:template-list", "kwargs": None, "method": "get", "expect": api(200, 404)},
    {"name": "correspondence-api:template-list", "kwargs": None, "method": "post", "expect": api(400, 404)},
    {"name": "correspondence-api:template-placeholders", "kwargs": None, "method": "get", "expect": api(200, 404)},
    {"name": "correspondence-api:template-download", "kwargs": lambda w: {"kind": "reminder"}, "method": "get",
     "expect": api(200, 404)},
]
