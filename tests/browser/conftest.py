"""Browser tests run on a live server, so on a transactional database that is flushed after each
test: the shipped registers, decision rules and retention periods (data migrations) can be gone when a test starts,
depending on which test ran before. Put them back before every browser test."""

from importlib import import_module

import pytest


@pytest.fixture(autouse=True)
def shipped_reference_data(transactional_db):
    from django.apps import apps

    from haertefall.registers.loading import load_all
    from haertefall.registers.models import Country

    if not Country.objects.exists():
        load_all()
    import_module("haertefall.meetings.migrations.0005_excluded_members_quorum").seed(apps, None)
    # Whether the commission has a pre-screening committee (rule data, migration meetings/0006).
    import_module("haertefall.meetings.migrations.0006_prescreen_optional_withdrawal_weighing").seed(apps, None)
    # Default retention periods (data migration retention/0002; get_or_create, idempotent).
    import_module("haertefall.retention.migrations.0002_default_rules").forwards(apps, None)
