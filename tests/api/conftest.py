import pytest
from rest_framework.test import APIClient


@pytest.fixture
def api(office_user):
    """An API client logged in as the office (a module may define its own ``api``)."""
    client = APIClient()
    client.force_authenticate(office_user)
    return client
