"""After PostgreSQL ends the application's connection (a restart, a failover), the next page is
answered normally: a kept connection is checked before a request reuses it
(CONN_HEALTH_CHECKS). Requests go through Django's WSGI handler as under gunicorn: the test
client leaves out the connection housekeeping at the start of a request."""

import io

import psycopg
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

pytestmark = [
    pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
                       reason="PostgreSQL's own connections (SQLite has none to lose)"),
    pytest.mark.django_db(transaction=True),
]


def _get(path: str, cookie: str) -> int:
    statuses = []
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
               "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "HTTP_COOKIE": cookie, "wsgi.input": io.BytesIO(),
               "wsgi.url_scheme": "http", "wsgi.errors": io.StringIO()}
    body = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    b"".join(body)
    return int(statuses[0].split()[0])


def _end_the_applications_connection():
    params = connection.get_connection_params()
    pid = connection.connection.info.backend_pid
    with psycopg.connect(**{k: v for k, v in params.items() if k in ("dbname", "user", "host", "port", "password")},
                         autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_pages_answer_after_the_database_ended_the_connection(client, office_user):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    client.force_login(office_user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    assert _get("/faelle/", cookie) == 200
    _end_the_applications_connection()
    assert [_get("/faelle/", cookie) for _ in range(3)] == [200, 200, 200]
