"""Checks this app's permission-matrix rows against the real answers (until the shared loop
reads every matrix_*.py)."""

import pytest
from django.urls import reverse

from haertefall.accounts.models import Role
from tests.factories import UserFactory, authority

from .matrix_imports import ROWS

ROLES = {"office": Role.OFFICE, "office_head": Role.OFFICE_HEAD, "member": Role.MEMBER,
         "authority": Role.AUTHORITY, "ministry": Role.MINISTRY, "dpo": Role.DPO, "admin": Role.ADMIN}


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[r["name"] for r in ROWS])
def test_matrix_row(client, row, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = {"user_office": UserFactory(username="matrix-office", role=Role.OFFICE)}
    kwargs = row["kwargs"](world) if row["kwargs"] else {}
    url = reverse(row["name"], kwargs=kwargs)
    for role, expected in row["expect"].items():
        client.logout()
        if role != "anonymous":
            user = UserFactory(username=f"matrix-{role}", role=ROLES[role],
                               authority=authority() if role == "authority" else None)
            client.force_login(user)
        response = getattr(client, row["method"])(url)
        assert response.status_code == expected, f"{row['name']} as {role}"
