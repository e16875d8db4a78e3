"""The whole API as schemathesis sees it (issue 17, item 4; docs/decisions/0106).

Every operation of the schema that ``/api/schema/`` serves is called with generated input —
valid and invalid — as an office user who logged in with password and second factor. Each
answer must be no server error, carry a documented status code and content type, and match the
documented response schema; the API must refuse a request without the session cookie. The run
is bounded: a fixed seed, no randomness beyond it, and a few examples per operation (about
5,000 requests, one to three minutes).
"""

import time
from datetime import timedelta

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from werkzeug.test import Client as WSGIClient

from haertefall.accounts.models import Role
from haertefall.cases.services.records import document_add, followup_add, note_add
from haertefall.correspondence.services import letter_generate
from haertefall.registers.models import Authority, Country, ExclusionCatalogue
from haertefall.retention.models import RetentionRule
from tests.authorities_support import case_request_sent
from tests.factories import PASSWORD, UserFactory
from tests.meetings_world import build_commission, ready_case, session_with_items

CONFIG = schemathesis.Config.from_dict({
    "seed": 17,
    # The session cookie is the one of the login below, not a generated one.
    "generation": {"max-examples": 3, "deterministic": True, "with-security-parameters": False},
    "checks": {
        "enabled": False,
        "not_a_server_error": {"enabled": True},
        "status_code_conformance": {"enabled": True},
        "content_type_conformance": {"enabled": True},
        "response_schema_conformance": {"enabled": True},
        # Sends the request once more without the session cookie and expects it refused.
        "ignored_auth": {"enabled": True},
    },
})

# The schema /api/schema/ serves (it is generated the same way); schemathesis calls the
# application through WSGI, inside the test's transaction.
schema = schemathesis.openapi.from_dict(
    SchemaGenerator().get_schema(request=None, public=True), config=CONFIG)
schema.app = WSGIHandler()
# A client without a cookie jar of its own sends the session cookie of the header below; the
# probes without the cookie use schemathesis' own client.
client = WSGIClient(schema.app, use_cookies=False)

# Ids of the objects the fixture ``world`` made, by operation path and path parameter.
SEEDED: dict[str, dict[str, int]] = {}


@schema.hook
def map_path_parameters(context, path_parameters):
    """A small generated id names an object of the test's world, so that the operations run on
    real cases, persons, sessions; larger ids stay as generated and test what is not there."""
    known = SEEDED.get(context.operation.path)
    if not known or not path_parameters:
        return path_parameters
    return {name: known[name] if name in known and isinstance(value, int) and 0 <= value < 1000 else value
            for name, value in path_parameters.items()}


@pytest.fixture
def same_connection(db):
    """Django's WSGI handler closes the database connection around each request, which would
    end the test's transaction; Django's own test client disconnects the same two receivers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


@pytest.fixture
def office_headers(db, settings):
    """The cookies and CSRF header of an office user logged in with password and TOTP code."""
    settings.HAERTEFALL_REQUIRE_2FA = True
    user = UserFactory(username="schemathesis", role=Role.OFFICE)
    device = TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    client = Client()
    client.get("/konto/anmelden/")
    client.post("/konto/anmelden/", {"username": user.username, "password": PASSWORD})
    client.post("/konto/anmelden/code/", {"token": _code_for(device)})
    assert client.get("/api/schema/").status_code == 200, "the office user is not verified"
    session, csrf = client.cookies["sessionid"].value, client.cookies["csrftoken"].value
    return {"Cookie": f"sessionid={session}; csrftoken={csrf}", "X-CSRFToken": csrf}


@pytest.fixture
def world(db, settings, tmp_path):
    """A case in every part of the procedure the API reaches, and a session with an agenda."""
    settings.MEDIA_ROOT = tmp_path / "documents"
    office = UserFactory(username="geschaeftsstelle", role=Role.OFFICE)
    case, hardship = case_request_sent(actor=office)
    person = case.persons.get()
    document = document_add(case=case, actor=office, title="Pass",
                            upload=SimpleUploadedFile("pass.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"))
    followup = followup_add(case=case, actor=office, due_on=timezone.localdate() + timedelta(days=7),
                            reason="Nachfrage")
    note_add(case=case, actor=office, text="Notiz")
    letter = letter_generate(case=case, kind="acknowledgement", actor=office)
    commission = build_commission(actor=office, chair=UserFactory(username="vorsitz", role=Role.OFFICE_HEAD))
    meeting = session_with_items(actor=office, commission=commission,
                                 on=timezone.localdate() + timedelta(days=14), cases=[ready_case(actor=office)])
    statement = case.statement_requests.get()
    known = {
        "/api/cases/cases/{id}/": {"id": case.pk, "person_pk": person.pk, "document_pk": document.pk,
                                   "followup_pk": followup.pk},
        "/api/meetings/meetings/{id}": {"id": meeting.pk, "item_pk": meeting.items.get().pk},
        "/api/authorities/statement-requests/{id}/": {"id": statement.pk},
        "/api/authorities/hardship-requests/{id}/": {"id": hardship.pk},
        "/api/correspondence/letters/{id}/": {"id": letter.pk},
        "/api/accounts/users/{id}/": {"id": office.pk},
        "/api/registers/authorities/{id}/": {"id": Authority.objects.first().pk},
        "/api/registers/countries/{id}/": {"id": Country.objects.first().pk},
        "/api/registers/exclusion-catalogues/{id}/": {"id": ExclusionCatalogue.objects.first().pk},
        "/api/retention/rules/{id}/": {"id": RetentionRule.objects.first().pk},
    }
    for path in schema.raw_schema["paths"]:
        for prefix, ids in known.items():
            if path.startswith(prefix):
                SEEDED[path] = ids
    yield
    SEEDED.clear()


@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_every_operation_answers_as_documented(case, world, office_headers, same_connection):
    case.call_and_validate(session=client, headers=office_headers)
