"""Permission rows for the correspondence part (letter templates, letterhead, drafts, letters).

Fixture objects: a hardship-request letter on case_a (authority A: the "authority" role may
download it once sent) or on case_b, drafted and sent with the real services inside the kwargs
callable.
"""

from django.utils import timezone

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.correspondence.models import Channel
from haertefall.correspondence.services import letter_generate, letter_send


def draft(world, key="case_a", kind="hardship_request"):
    return letter_generate(case=Case.objects.get(pk=world[key]), kind=kind,
                           actor=User.objects.get(pk=world["user_office"]))


def letter(world, key="case_a", kind="hardship_request"):
    return letter_send(letter=draft(world, key, kind), actor=User.objects.get(pk=world["user_office"]),
                       dispatched_on=timezone.localdate(), channel=Channel.EMAIL)


NOBODY_ELSE = {"member": 404, "ministry": 404, "dpo": 404, "admin": 404}
OFFICE_ONLY = {"office": 200, "office_head": 200, "authority": 404, **NOBODY_ELSE, "anonymous": 302}
HEAD_ONLY = {**OFFICE_ONLY, "office": 404}
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
    {"name": "correspondence:letter_download", "kwargs": lambda w: {"pk": draft(w).pk, "fmt": "pdf"},
     "method": "get", "expect": {**OFFICE_ONLY, "office": 404, "office_head": 404}},
    {"name": "correspondence:letter_draft", "kwargs": lambda w: {"pk": draft(w).pk}, "method": "get",
     "expect": OFFICE_ONLY},
    {"name": "correspondence:letter_draft", "kwargs": lambda w: {"pk": letter(w).pk}, "method": "get",
     "expect": {**OFFICE_ONLY, "office": 404, "office_head": 404}},
    {"name": "correspondence:letter_preview", "kwargs": lambda w: {"pk": draft(w).pk}, "method": "get",
     "expect": OFFICE_ONLY},
    {"name": "correspondence:letter_send", "kwargs": lambda w: {"pk": draft(w).pk}, "method": "post",
     "expect": {**OFFICE_ONLY, "office": 400, "office_head": 400}},
    {"name": "correspondence:letter_discard", "kwargs": lambda w: {"pk": draft(w).pk}, "method": "post",
     "expect": {**OFFICE_ONLY, "office": 302, "office_head": 302}},
    {"name": "correspondence:letterhead", "kwargs": None, "method": "get", "expect": HEAD_ONLY},
    {"name": "correspondence-api:letter-list", "kwargs": None, "method": "get", "expect": api(200, 200)},
    {"name": "correspondence-api:letter-detail", "kwargs": lambda w: {"pk": draft(w).pk}, "method": "patch",
     "expect": api(200, 404)},
    {"name": "correspondence-api:letter-detail", "kwargs": lambda w: {"pk": draft(w).pk}, "method": "delete",
     "expect": api(204, 404)},
    {"name": "correspondence-api:letter-preview", "kwargs": lambda w: {"pk": draft(w).pk}, "method": "get",
     "expect": api(200, 404)},
    {"name": "correspondence-api:letter-send", "kwargs": lambda w: {"pk": draft(w).pk}, "method": "post",
     "expect": api(400, 404)},
    {"name": "correspondence-api:letterhead", "kwargs": None, "method": "get", "expect": api(200, 404)},
    {"name": "correspondence-api:letterhead", "kwargs": None, "method": "post",
     "expect": {**api(400, 404), "office": 404}},
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
