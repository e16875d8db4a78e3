"""Our own run of matrix_statistics.py until the shared security loop reads it."""

import pytest
from django.test import Client
from django.urls import reverse

from haertefall.accounts.models import Role
from tests.factories import UserFactory, authority
from tests.security.matrix_statistics import ROWS


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r['method']} {r['name']}")
def test_matrix_row(row):
    users = {
        "office": UserFactory(role=Role.OFFICE), "office_head": UserFactory(role=Role.OFFICE_HEAD),
        "member": UserFactory(role=Role.MEMBER), "authority": UserFactory(role=Role.AUTHORITY, authority=authority()),
        "ministry": UserFactory(role=Role.MINISTRY), "dpo": UserFactory(role=Role.DPO),
        "admin": UserFactory(role=Role.ADMIN), "anonymous": None,
    }
    url = reverse(row["name"], kwargs=row["kwargs"]({}) if row["kwargs"] else None)
    for role, expected in row["expect"].items():
        client = Client()
        if users[role] is not None:
            client.force_login(users[role])
        response = getattr(client, row["method"])(url)
        assert response.status_code == expected, f"{role}: {response.status_code}"
