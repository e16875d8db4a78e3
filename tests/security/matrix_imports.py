"""Permission matrix rows for the register import (imports app).

Fixture objects: ``import_job`` needs an ImportJob; the kwargs callable creates a finished dry
run (no file, so confirming it answers 400 for the office) from the world's office user when
the world has none.
"""


def _job(world):
    from haertefall.accounts.models import Role, User
    from haertefall.imports.models import ImportJob

    job = ImportJob.objects.order_by("pk").first()
    if job is None:
        user = world["users"]["office"] if "users" in world else User.objects.filter(role=Role.OFFICE).first()
        job = ImportJob.objects.create(created_by=user, original_name="register.csv", dry_run=True,
                                       status=ImportJob.Status.DONE)
    return {"job_id": job.pk}


_DENIED = {"member": 404, "authority": 404, "ministry": 404, "dpo": 404, "admin": 404, "anonymous": 302}
# The API answers unauthenticated requests with 403 (session authentication, no login page).
_API_DENIED = {**_DENIED, "anonymous": 403}

ROWS = [
    {"name": "imports:upload", "kwargs": None, "method": "get",
     "expect": {"office": 200, "office_head": 200, **_DENIED}},
    {"name": "imports:template_xlsx", "kwargs": None, "method": "get",
     "expect": {"office": 200, "office_head": 200, **_DENIED}},
    {"name": "imports:template_csv", "kwargs": None, "method": "get",
     "expect": {"office": 200, "office_head": 200, **_DENIED}},
    {"name": "imports-api:template-xlsx", "kwargs": None, "method": "get",
     "expect": {"office": 200, "office_head": 200, **_API_DENIED}},
    {"name": "imports-api:template-csv", "kwargs": None, "method": "get",
     "expect": {"office": 200, "office_head": 200, **_API_DENIED}},
    {"name": "imports:job", "kwargs": _job, "method": "get",
     "expect": {"office": 200, "office_head": 200, **_DENIED}},
    # A confirm without a stored file is refused with a German message (400), never a write.
    {"name": "imports:job_confirm", "kwargs": _job, "method": "post",
     "expect": {"office": 400, "office_head": 400, **_DENIED}},
    {"name": "imports-api:jobs", "kwargs": None, "method": "get",
     "expect": {"office": 200, "office_head": 200, **_API_DENIED}},
    {"name": "imports-api:job", "kwargs": _job, "method": "get",
     "expect": {"office": 200, "office_head": 200, **_API_DENIED}},
    {"name": "imports-api:job-confirm", "kwargs": _job, "method": "post",
     "expect": {"office": 400, "office_head": 400, **_API_DENIED}},
]
