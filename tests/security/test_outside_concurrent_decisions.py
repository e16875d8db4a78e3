"""Issue 17, item 9: twenty simultaneous submissions of the decision on one agenda item give one
result. Each submission runs in its own thread with its own database connection, all released
at the same instant; exactly one is recorded, the others are refused in German (400 through the
API), none ends in a server error or a database integrity error.

``item_decide`` locks the meeting row (``select_for_update``) before it checks whether the item
is decided; without that lock the submissions race past the check. On SQLite the lock is the
database's write lock (``transaction_mode=IMMEDIATE``), tested on a database file as configured
for production, in a process of its own: the test suite's in-memory SQLite database is a
shared cache in which concurrent writers fail with "database table is locked" instead of
waiting, so threads there would test the test set-up, not the application.
"""

import json
import os
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from haertefall.audit.models import AuditEntry
from haertefall.cases.models import Case
from haertefall.cases.states import State, Step
from haertefall.core.errors import DomainError
from haertefall.meetings.models import ItemDecision, ItemVote
from haertefall.meetings.services import attendance_record, item_decide
from haertefall.meetings.services.decisions import Votes
from tests.meetings_world import all_present, build_commission, ready_case, session_with_items

SUBMISSIONS = 20

POSTGRESQL_ONLY = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="threads on the configured database need PostgreSQL; SQLite is tested on a database "
           "file (test_twenty_simultaneous_decisions_on_a_sqlite_file_record_one)",
)
# Committed data, seen by every thread's connection; the reference data loaded by migrations
# is restored afterwards (serialized rollback).
COMMITTED = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def item(office_user, office_head):
    commission = build_commission(actor=office_user, chair=office_head)
    on = timezone.localdate() - timedelta(days=1)
    case = ready_case(actor=office_user, ready_on=on - timedelta(days=10), family_name="Gleichzeitig")
    meeting = session_with_items(actor=office_user, commission=commission, on=on, cases=[case])
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    return meeting.items.get()


def _all_at_once(work, count=SUBMISSIONS) -> list:
    """Run ``work(index)`` in ``count`` threads released together; each thread's own
    connection is closed at its end. Returns what each returned or raised."""
    start = threading.Barrier(count)
    results = [None] * count

    def run(index):
        try:
            start.wait(timeout=30)
            results[index] = ("ok", work(index))
        except BaseException as error:  # noqa: BLE001 — reported by the test
            results[index] = ("error", error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a submission hung"
    return results


def _one_result_recorded(item, *, outcome: str, votes: Votes):
    case = Case.objects.get(pk=item.case_id)
    decision = ItemDecision.objects.get(item=item)
    assert decision.outcome == outcome
    assert ItemDecision.objects.count() == 1
    assert list(ItemVote.objects.filter(item=item).values_list("yes", "no", "abstain")) == [
        (votes.yes, votes.no, votes.abstain)]
    decide_steps = [Step.DECIDE_REQUEST, Step.DECIDE_NO_REQUEST, Step.DECIDE_DEFER]
    assert case.events.filter(step__in=decide_steps).count() == 1
    assert case.state == {"request": State.REQUEST_DECIDED, "no_request": State.CLOSED}[outcome]
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_type="meetings.itemdecision").count() == 1


@POSTGRESQL_ONLY
@COMMITTED
def test_twenty_simultaneous_decisions_through_the_service_record_one(item, office_user):
    votes = Votes(7, 2, 1)

    def submit(_index):
        return item_decide(item=item, outcome="request", reasons="Lange Aufenthaltsdauer.", votes=votes,
                           actor=office_user).pk

    results = _all_at_once(submit)
    recorded = [value for kind, value in results if kind == "ok"]
    refused = [value for kind, value in results if kind == "error"]
    assert len(recorded) == 1, results
    unexpected = [error for error in refused if not isinstance(error, DomainError)]
    assert not unexpected, f"not a domain error: {unexpected!r}"
    assert {error.message for error in refused} == {f"Über TOP {item.position} ist bereits beschlossen."}
    _one_result_recorded(item, outcome="request", votes=votes)


@POSTGRESQL_ONLY
@COMMITTED
def test_twenty_simultaneous_conflicting_decisions_through_the_api_record_one(item, office_user, office_head):
    """Two office users submit at once, half "request" (7:2:1), half "no request" (3:6:1):
    one answer 201, nineteen 400 with the German reason, and the case follows the one recorded."""
    url = reverse("meetings-api:item_decision", args=[item.meeting_id, item.pk])
    bodies = [
        {"outcome": "request", "reasons": "Gute Integration.", "votes": {"yes": 7, "no": 2, "abstain": 1}},
        {"outcome": "no_request", "reasons": "Keine Mehrheit.", "votes": {"yes": 3, "no": 6, "abstain": 1}},
    ]
    clients = []
    for index in range(SUBMISSIONS):
        client = APIClient()
        client.force_authenticate((office_user, office_head)[index % 2])
        clients.append(client)

    def submit(index):
        response = clients[index].post(url, bodies[index % 2], format="json")
        return response.status_code, response.json()

    results = _all_at_once(submit)
    errors = [value for kind, value in results if kind == "error"]
    assert not errors, f"server errors: {errors!r}"
    statuses = sorted(status for status, _body in (value for _kind, value in results))
    assert statuses == [201] + [400] * (SUBMISSIONS - 1), statuses
    refusals = {str(body) for status, body in (value for _kind, value in results) if status == 400}
    assert refusals == {str({"outcome": [f"Über TOP {item.position} ist bereits beschlossen."]})}
    [winner] = [body for status, body in (value for _kind, value in results) if status == 201]
    outcome = winner["decision"]["outcome"]
    counts = next(b["votes"] for b in bodies if b["outcome"] == outcome)
    _one_result_recorded(item, outcome=outcome, votes=Votes(counts["yes"], counts["no"], counts["abstain"]))


SQLITE_PROBE = r"""
import json
import django
django.setup()
from django.core.management import call_command
from django.test.utils import setup_test_environment

call_command("migrate", verbosity=0)
setup_test_environment()

from datetime import timedelta
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from haertefall.accounts.models import Role
from haertefall.cases.models import Case
from haertefall.cases.states import Step
from haertefall.core.errors import DomainError
from haertefall.meetings.models import ItemDecision, ItemVote
from haertefall.meetings.services import attendance_record, item_decide
from haertefall.meetings.services.decisions import Votes
from tests.factories import UserFactory
from tests.meetings_world import all_present, build_commission, ready_case, session_with_items
from tests.security.test_outside_concurrent_decisions import SUBMISSIONS, _all_at_once

office = UserFactory(username="sachbearbeitung", role=Role.OFFICE)
head = UserFactory(username="leitung", role=Role.OFFICE_HEAD)
commission = build_commission(actor=office, chair=head)
on = timezone.localdate() - timedelta(days=1)
cases = [ready_case(actor=office, ready_on=on - timedelta(days=10), family_name=f"Datei{i}") for i in (1, 2)]
meeting = session_with_items(actor=office, commission=commission, on=on, cases=cases)
attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office)
service_item, api_item = meeting.items.order_by("position")

def through_service(_index):
    item_decide(item=service_item, outcome="request", reasons="x", votes=Votes(7, 2, 1), actor=office)
    return 201

clients = []
for _ in range(SUBMISSIONS):
    client = APIClient()
    client.force_authenticate(office)
    clients.append(client)
url = reverse("meetings-api:item_decision", args=[meeting.pk, api_item.pk])

def through_api(index):
    return clients[index].post(url, {"outcome": "request", "reasons": "x",
                                     "votes": {"yes": 7, "no": 2, "abstain": 1}}, format="json").status_code

def outcome(results):
    return [[kind, value if kind == "ok" else
             (value.message if isinstance(value, DomainError) else repr(value)),
             kind == "error" and isinstance(value, DomainError)] for kind, value in results]

report = {}
for name, item, work in (("service", service_item, through_service), ("api", api_item, through_api)):
    results = outcome(_all_at_once(work))
    report[name] = {"results": results, "decisions": ItemDecision.objects.filter(item=item).count(),
                    "votes": ItemVote.objects.filter(item=item).count(),
                    "decide_events": Case.objects.get(pk=item.case_id).events.filter(
                        step=Step.DECIDE_REQUEST).count()}
print(json.dumps(report))
"""


def test_twenty_simultaneous_decisions_on_a_sqlite_file_record_one(tmp_path):
    """The same race on SQLite as configured (a file, WAL, IMMEDIATE, 20 s busy timeout)."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    root = Path(__file__).resolve().parents[2]
    env.update(DJANGO_SETTINGS_MODULE="haertefall.config.settings.test", HAERTEFALL_DATA_DIR=str(tmp_path),
               PYTHONPATH=os.pathsep.join([str(root / "src"), str(root)]))
    done = subprocess.run([sys.executable, "-c", SQLITE_PROBE], env=env, capture_output=True, text=True,  # noqa: S603
                          timeout=300, cwd=root, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    refusal = "Über TOP {} ist bereits beschlossen."
    for name, position in (("service", 1), ("api", 2)):
        run = report[name]
        assert run["decisions"] == 1 and run["votes"] == 1 and run["decide_events"] == 1, (name, run)
        if name == "service":
            recorded = [r for r in run["results"] if r[0] == "ok"]
            refused = [r for r in run["results"] if r[0] == "error"]
            assert len(recorded) == 1, run
            assert all(is_domain for _kind, _message, is_domain in refused), run
            assert {message for _kind, message, _d in refused} == {refusal.format(position)}, run
        else:
            assert [r[0] for r in run["results"]] == ["ok"] * SUBMISSIONS, run
            assert sorted(r[1] for r in run["results"]) == [201] + [400] * (SUBMISSIONS - 1), run
